package content

import (
	"fmt"
	"strings"
	"time"
)

// minYear and maxYear bound the years a briefing may be dated: modern
// policy, and nothing a typo ("0000", "2203") could turn into a real date.
const (
	minYear = 1900
	maxYear = 2100
)

const dateHint = "write YYYY-MM-DD, or RFC 3339 with an offset such as 2023-05-29T10:00:00+08:00"

// date reads date or updated and returns the time and the text as written.
// Null counts as not given, which is an error only when required.
func (p *parser) date(v *node, field string, required bool) (time.Time, string) {
	switch v.kind {
	case kindString, kindDate:
		s := strings.TrimSpace(v.text)
		t, msg, hint := parseDate(s, p.loc)
		if msg != "" {
			p.errorf(v.line, field, hint, "%s", msg)
		}
		return t, s
	case kindNull:
		if required {
			p.errorf(v.line, field, dateHint, "must not be empty")
		}
		return time.Time{}, ""
	}
	p.errorf(v.line, field, dateHint, "want a date, got %s", v.kind.article())
	return time.Time{}, ""
}

// parseDate reads YYYY-MM-DD (midnight in loc) or RFC 3339 with an offset,
// which is kept. On failure it returns a message naming the value and a hint.
// This is the one place where TOML, YAML and JSON dates are read.
func parseDate(s string, loc *time.Location) (t time.Time, msg, hint string) {
	y, m, d, ok := dateDigits(s)
	if !ok {
		return t, fmt.Sprintf("cannot read %q as a date", s), dateHint
	}
	if y < minYear || y > maxYear {
		return t, fmt.Sprintf("year %d is outside %d to %d", y, minYear, maxYear), "check the year"
	}
	if m < 1 || m > 12 || d < 1 || d > daysIn(y, time.Month(m)) {
		return t, fmt.Sprintf("%q is not a real date", s), "check the month and day"
	}
	if len(s) == len("2006-01-02") {
		return time.Date(y, time.Month(m), d, 0, 0, 0, 0, loc), "", ""
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		if _, err := time.Parse("2006-01-02T15:04:05.999999999", s); err == nil {
			return t, fmt.Sprintf("%q has no UTC offset", s), fmt.Sprintf("add one, e.g. %q", s+"+08:00")
		}
		return t, fmt.Sprintf("cannot read %q as a date", s), dateHint
	}
	// time.Parse reuses time.Local when the offset matches it, which would make
	// the result depend on the machine; pin the offset as written.
	if _, offset := t.Zone(); offset == 0 {
		t = t.UTC()
	} else {
		t = t.In(time.FixedZone("", offset))
	}
	return t, "", ""
}

// dateDigits reads the YYYY-MM-DD that every accepted form starts with.
func dateDigits(s string) (y, m, d int, ok bool) {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' || (len(s) > 10 && s[10] != 'T') {
		return 0, 0, 0, false
	}
	num := func(part string) int {
		n := 0
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				ok = false
				return 0
			}
			n = n*10 + int(part[i]-'0')
		}
		return n
	}
	ok = true
	y, m, d = num(s[0:4]), num(s[5:7]), num(s[8:10])
	return y, m, d, ok
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
