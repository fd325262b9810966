package content

import (
	"strconv"

	"brief/internal/money"
	"brief/internal/pattern"
)

// Patterns returns the regular expressions a string value of this type must
// all match to pass the parser's own checks, so that editors' tools flag
// while typing what the build would reject. They use the syntax RE2 and
// ECMAScript (with the u flag, as JSON Schema validators run it) share. Tests
// hold each type's patterns and its check to the same verdicts.
func (t Type) Patterns() []string {
	if t == Amount { // money's grammar, and no control characters
		return []string{money.AmountPattern(), String.pattern()}
	}
	if p := t.pattern(); p != "" {
		return []string{p}
	}
	return nil
}

func (t Type) pattern() string {
	switch t {
	case String:
		return "^[^" + fieldControls + "]*$"
	case Text, Names:
		return "^[^" + fieldControls + "]*[^" + fieldControls + pattern.Space + "][^" + fieldControls + "]*$"
	case Terms:
		return "^[^" + fieldControls + "]*" + letterOrDigit + "[^" + fieldControls + "]*$"
	case Date:
		return datePattern
	case Slug:
		return slugPattern
	case Paths:
		return pathPattern
	case URL:
		return urlPattern
	case Picture:
		return picturePattern
	}
	return ""
}

// fieldControls are the runes no front matter value may hold (badInField,
// and the sentinel that stands in for a raw one), as a class body.
var fieldControls = `\x00-\x08\x0B-\x1F\x7F-\x9F` + string(sentinel)

// letterOrDigit is what slug.Make keeps: a letter or digit of any script.
const letterOrDigit = `[\p{L}\p{N}]`

// trimmed anchors p and allows the white space the parser trims around it
// (but not the white space that is a control character: CR, VT, FF, NEL).
// p must not start or end with white space of its own.
func trimmed(p string) string {
	ws := "[" + pattern.SpaceWhere(func(r rune) bool { return !badInField(r) }) + "]*"
	return "^" + ws + p + ws + "$"
}

// datePattern: YYYY-MM-DD of a real day in minYear..maxYear, optionally
// followed by a time with seconds and a UTC offset.
var datePattern = func() string {
	var years, leap []string
	for y := minYear; y <= maxYear; y++ {
		years = append(years, strconv.Itoa(y))
		if daysIn(y, 2) == 29 {
			leap = append(leap, strconv.Itoa(y))
		}
	}
	day := pattern.OneOf(
		pattern.Trie(years)+"-"+pattern.OneOf(
			`(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])`,
			`(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)`,
			`02-(?:0[1-9]|1[0-9]|2[0-8])`),
		pattern.Trie(leap)+`-02-29`)
	// Go's time.Parse also takes a decimal comma and offsets up to 24:60.
	clock := `T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:[.,][0-9]+)?` +
		pattern.OneOf(`Z`, `[+\-](?:[01][0-9]|2[0-4]):(?:[0-5][0-9]|60)`)
	return trimmed(day + "(?:" + clock + ")?")
}()

// slugPattern: runes a URL segment can hold as written (badInSegment), at
// least one of them a letter or digit.
var slugPattern = func() string {
	ok := `[^/\\?#%` + pattern.Space + fieldControls + `]`
	return trimmed(ok + "*" + letterOrDigit + ok + "*")
}()

// pathPattern: what checkAlias accepts. "/", then segments that are not "."
// or "..", the first not empty; in them letters and digits of any script,
// "-._~$&'()+,;=@", and percent escapes only of whole UTF-8 characters
// beyond ASCII that are not control characters.
var pathPattern = func() string {
	hex, cont := `[0-9A-Fa-f]`, `%[89ABab][0-9A-Fa-f]`
	utf8Escape := pattern.OneOf(
		`%[Cc]2%[ABab]`+hex, // U+00A0..U+00BF: U+0080..U+009F are controls
		`%[Cc][3-9A-Fa-f]`+cont, `%[Dd][0-9A-Fa-f]`+cont,
		`%[Ee]0%[ABab]`+hex+cont, `%[Ee][1-9A-Ca-cEeFf]`+cont+cont, `%[Ee][Dd]%[89]`+hex+cont,
		`%[Ff]0%[9ABab]`+hex+cont+cont, `%[Ff][1-3]`+cont+cont+cont, `%[Ff]4%8`+hex+cont+cont)
	char := pattern.OneOf(
		`[A-Za-z0-9\-_~$&'()+,;=@]`,
		`[^\x00-\x7F`+pattern.Space+fieldControls+"\uFFFD]",
		utf8Escape)
	seg := pattern.OneOf(`(?:`+char+`|\.)*`+char+`(?:`+char+`|\.)*`, `\.{3,}`)
	return trimmed("/(?:" + seg + "(?:/(?:" + seg + ")?)*)?")
}()

// urlPattern: http or https (any case), a host name with an optional port,
// then anything without white space or control characters in which every %
// starts an escape (sourceURL, through url.Parse). It is a little stricter
// than url.Parse: no IP v6 literals, and escapes are checked in the query too.
var urlPattern = func() string {
	ctl := pattern.Space + fieldControls
	escape := `%[0-9A-Fa-f]{2}`
	userinfo := pattern.OneOf(`[A-Za-z0-9\-._:~!$&'()*+,;=]`, escape) + "*@"
	host := "[^" + ctl + "/?#@%:\\[\\]\\\\^`{|}]+(?::[0-9]*)?"
	rest := pattern.OneOf("[^"+ctl+"%]", escape) + "*"
	return trimmed("[hH][tT][tT][pP][sS]?://(?:" + userinfo + ")?" + host + "(?:[/?#]" + rest + ")?")
}()

// picturePattern: what imagePath accepts: no control character at all (not
// even a tab), and a scheme only if it is http:// or https://.
var picturePattern = func() string {
	ctl := `\x00-\x1F\x7F-\x9F` + string(sentinel)
	rest := "[^" + ctl + "]*"
	return trimmed(pattern.OneOf(
		"https?://"+rest,
		"[:/]"+rest,
		"[^:/"+ctl+pattern.Space+"][^:/"+ctl+"]*(?:/"+rest+")?"))
}()
