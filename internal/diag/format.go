package diag

import (
	"encoding/json"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// Formats are the ways a list can be printed: text for people, json for
// programs, github for GitHub Actions, whose workflow commands put each
// problem on its line of the pull request.
var Formats = []string{"text", "json", "github"}

// Under returns l with dir put in front of every file, so that paths read
// from where a tool runs rather than from the site folder ("site" +
// "content/x.md" = "site/content/x.md"). dir "" or "." changes nothing.
func (l List) Under(dir string) List {
	dir = path.Clean(strings.ReplaceAll(dir, "\\", "/"))
	out := make(List, len(l))
	for i, d := range l {
		if d.File != "" && dir != "." && !path.IsAbs(d.File) {
			d.File = path.Join(dir, d.File)
		}
		out[i] = d
	}
	return out
}

// Counts returns how many errors and warnings l holds.
func (l List) Counts() (errors, warnings int) {
	for _, d := range l {
		if d.Severity == Warning {
			warnings++
		} else {
			errors++
		}
	}
	return errors, warnings
}

// Report is the JSON form of a list, a stable shape for programs: every key
// is always present, null when unknown.
type Report struct {
	OK          bool         `json:"ok"` // no errors
	Errors      int          `json:"errors"`
	Warnings    int          `json:"warnings"`
	Diagnostics []jsonRecord `json:"diagnostics"` // sorted by file, line, field, message
}

type jsonRecord struct {
	File     *string `json:"file"`
	Line     *int    `json:"line"`
	Column   *int    `json:"column"`
	Field    *string `json:"field"`
	Severity string  `json:"severity"` // "error" or "warning"
	Message  string  `json:"message"`
	Hint     *string `json:"hint"`
}

// WriteJSON writes l as one indented JSON Report.
func WriteJSON(w io.Writer, l List) error {
	r := Report{Diagnostics: []jsonRecord{}}
	r.Errors, r.Warnings = l.Counts()
	r.OK = r.Errors == 0
	for _, d := range l.Sorted() {
		r.Diagnostics = append(r.Diagnostics, jsonRecord{
			File: nonEmpty(d.File), Line: positive(d.Line), Column: positive(d.Column),
			Field: nonEmpty(d.Field), Severity: d.Severity.String(), Message: d.Msg, Hint: nonEmpty(d.Hint),
		})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func positive(n int) *int {
	if n <= 0 {
		return nil
	}
	return &n
}

// String is "error" or "warning".
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// WriteGitHub writes each diagnostic as a GitHub Actions workflow command
// (::error file=...,line=...,title=...::message), which the pull request
// shows on the line it names. GitHub shows the first ten errors and ten
// warnings of a step on the diff; all of them stay in the log and in the
// step summary (WriteGitHubSummary).
func WriteGitHub(w io.Writer, l List) error {
	for _, d := range l.Sorted() {
		var props []string
		if d.File != "" {
			props = append(props, "file="+escapeProperty(d.File))
			if d.Line > 0 {
				props = append(props, fmt.Sprintf("line=%d", d.Line))
				if d.Column > 0 {
					props = append(props, fmt.Sprintf("col=%d", d.Column))
				}
			}
		}
		title := "brief"
		if d.Field != "" {
			title += ": " + d.Field
		}
		props = append(props, "title="+escapeProperty(title))
		msg := d.Msg
		if d.Field != "" {
			msg = d.Field + ": " + msg
		}
		if d.Hint != "" {
			msg += " (" + d.Hint + ")"
		}
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", d.Severity, strings.Join(props, ","), escapeData(msg)); err != nil {
			return err
		}
	}
	return nil
}

// escapeData escapes a workflow command's message: %, CR and LF.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value, where : and ,
// separate properties too.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// WriteGitHubSummary writes l as a Markdown table for a GitHub Actions step
// summary (the file named by $GITHUB_STEP_SUMMARY): every problem, where the
// pull request's diff shows only the first ten of each kind.
func WriteGitHubSummary(w io.Writer, l List, title string) error {
	errs, warns := l.Counts()
	var b strings.Builder
	fmt.Fprintf(&b, "### %s\n\n", title)
	if len(l) == 0 {
		b.WriteString("No problems found.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	fmt.Fprintf(&b, "%s, %s\n\n| | File | Line | Problem | Hint |\n|---|---|---|---|---|\n", Count(errs, "error"), Count(warns, "warning"))
	for _, d := range l.Sorted() {
		mark := "❌"
		if d.Severity == Warning {
			mark = "⚠️"
		}
		line := ""
		if d.Line > 0 {
			line = fmt.Sprint(d.Line)
		}
		msg := d.Msg
		if d.Field != "" {
			msg = "`" + d.Field + "`: " + msg
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", mark, cell(d.File), line, cell(msg), cell(d.Hint))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// cell keeps text inside one Markdown table cell, shown as written.
func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\r", " ", "\n", " ", "<", "&lt;", ">", "&gt;", "&", "&amp;").Replace(s)
}

// Count is n and its noun, singular for one: "1 error", "2 warnings",
// for the summary lines of brief's commands.
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
