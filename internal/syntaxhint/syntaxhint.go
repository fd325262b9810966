// Package syntaxhint turns the errors of the parsers that read a site's
// files (yaml.v3 for YAML front matter, BurntSushi/toml for TOML front matter
// and site.toml, encoding/json for JSON front matter, text/template for the
// theme) into hints an editor can act on. Each parser's messages are stable
// strings; a message not listed here gets a short reminder of the
// language's rules.
package syntaxhint

import (
	"bytes"
	"strings"
)

// rule gives the hint for messages that contain match.
type rule struct{ match, hint string }

func pick(msg string, rules []rule, fallback string) string {
	for _, r := range rules {
		if strings.Contains(msg, r.match) {
			return r.hint
		}
	}
	return fallback
}

var yamlRules = []rule{
	{"found unexpected end of stream", `a quote, [ or { opened on this line is never closed`},
	{"mapping values are not allowed in this context", `put text that contains ": " in quotes, and indent a field no more than the one above it`},
	{"did not find expected key", `indent the fields of one map to the same column, and put text that continues after a closing quote or ] inside the quotes`},
	{"found character that cannot start any token", "put text that starts with @, ` or % in quotes"},
	{"tab character", tabHint},
	{"could not find expected ':'", `write each field as "name: value"`},
	{"did not find expected ',' or ']'", `close the list with ], and put items that contain commas or brackets in quotes`},
	{"did not find expected ',' or '}'", `close the map with }, and put values that contain commas or braces in quotes`},
	{"did not find expected '-' indicator", "start each item of a list with - in the same column, and indent the fields of an item under its first"},
	{"did not find expected node content", "write a value after the field name, or put the text in quotes"},
	{"block sequence entries are not allowed in this context", "start a list on the line after its field, with each - indented under it, or write [a, b]"},
	{"found unknown escape character", `in double quotes write a backslash as \\, or use single quotes`},
	{"unknown anchor", "put text that starts with * in quotes"},
	{"did not find expected alphabetic or numeric character", "put text that starts with & or * in quotes"},
	{"found undefined tag handle", "put text that starts with ! in quotes"},
	{"unknown directive", "put text that starts with % in quotes"},
	{"did not find expected comment or line break", "put the whole value in quotes"},
	{"control characters are not allowed", "remove the control character"},
}

// YAML returns the hint for a yaml.v3 message (without its "yaml: line N:" prefix).
func YAML(msg string) string {
	return pick(msg, yamlRules, `write one "name: value" per line, and put text that contains ": " or starts with a special character in quotes`)
}

// YAMLAt is YAML for an error on line, the text of the offending line: a
// tab in its indentation explains any message (yaml.v3 often reports it as
// a character that cannot start a token).
func YAMLAt(msg string, line []byte) string {
	indent := line[:len(line)-len(bytes.TrimLeft(line, " \t"))]
	if bytes.IndexByte(indent, '\t') >= 0 {
		return tabHint
	}
	return YAML(msg)
}

const tabHint = "indent with spaces, not tabs"

var tomlRules = []rule{
	{"strings cannot contain newlines", `close the quotes on the same line, or write text over several lines between """ and """`},
	{"expected value but found", `write a value after =: text in double quotes, a number, true or false, a date such as 2023-05-29, or a list such as ["a", "b"]`},
	{"has already been defined", "set each key once; remove one of them"},
	{"to end table name", "close the table name with ]"},
	{"table array name delimiter", "close the name of an array of tables with ]], as in [[funding]]"},
	{"invalid datetime", "write a date as 2023-05-29, or 2023-05-29T10:00:00+08:00"},
	{"array terminator", `close the list with ], and put a comma between items`},
	{"inline table terminator", "close the inline table with } on the same line"},
	{"to end with a newline, comment, or EOF", `write one key = value per line; text that contains an apostrophe or quotes needs double quotes ("it's")`},
	{"key name appears blank", "write a key before the ="},
	{"invalid escape", `in double quotes write a backslash as \\, or use single quotes`},
	{"Invalid integer", "write whole numbers with digits only and no leading zero, or put the value in quotes"},
	{"Invalid float", "write a number such as 0.14, or put the value in quotes"},
	{"expected '.' or '='", "write each setting as key = value"},
}

// TOML returns the hint for a BurntSushi/toml ParseError's Message.
func TOML(msg string) string {
	return pick(msg, tomlRules, `write one key = value per line, with text in double quotes`)
}

// JSON returns the hint for an encoding/json syntax error. c is the
// character the decoder stopped at, 0 when it ran out of input.
func JSON(msg string, c byte) string {
	switch {
	case strings.Contains(msg, "after object key:value pair"):
		if c == '"' {
			return "put a comma between fields"
		}
		return `write text and dates in double quotes, e.g. "2023-05-29"`
	case strings.Contains(msg, "looking for beginning of object key string"), strings.Contains(msg, "where a key should be"):
		if c == '}' {
			return "remove the comma after the last field"
		}
		return `write keys in double quotes, e.g. "title"`
	case strings.Contains(msg, "after object key"):
		return `put a colon between a key and its value, e.g. "title": "..."`
	case strings.Contains(msg, "in string literal"):
		return `close the quotes on the same line; write a line break inside text as \n`
	case strings.Contains(msg, "after array element"):
		return "put a comma between items, and close the list with ]"
	case strings.Contains(msg, "looking for beginning of value"):
		switch c {
		case '\'':
			return "use double quotes, not single quotes"
		case '}', ']':
			return "write the missing value, or remove the comma before it"
		}
		return `write text and dates in double quotes, numbers as digits, and true, false or null in lower case`
	case strings.Contains(msg, "in literal"):
		return "write true, false or null in lower case, or put the text in double quotes"
	case strings.Contains(msg, "unexpected end"):
		return `close every {, [ and " that is opened`
	}
	return `write keys and text in double quotes, with a comma between fields and none after the last`
}

var templateParseRules = []rule{
	{"bad character U+007D", "close the action with }}"},
	{"unclosed action", "close the action with }}"},
	{"in operand", "close the action with }}"},
	{"in command", "close the action with }}"},
	{"unexpected EOF", "close every {{if}}, {{range}}, {{with}}, {{block}} and {{define}} with {{end}}"},
	{"unexpected {{end}}", "remove it, or add the {{if}}, {{range}}, {{with}} or {{define}} it belongs to"},
	{"unexpected {{else}}", "remove it, or add the {{if}}, {{range}} or {{with}} it belongs to"},
	{"undefined variable", "set the variable first, in the same template, e.g. {{$x := .Title}}"},
	{"left paren", "close the parenthesis with )"},
	{"right paren", "remove it, or add the ( it closes"},
	{"missing value for", "write the value the keyword works on, e.g. {{if .Title}}"},
	{"definition of template", "define each template name once"},
}

// TemplateParse returns the hint for a text/template parse error's message.
func TemplateParse(msg string) string {
	return pick(msg, templateParseRules, "check the {{ }} actions on this line against Go's html/template")
}

var templateExecRules = []rule{
	{"nil pointer evaluating", "this value is empty on some pages: guard it with {{with ...}} or {{if ...}}"},
	{"index out of range", "check the length first, e.g. {{if gt (len .List) 5}}"},
	{"range can't iterate", "range over a list, such as .List or .Site.Briefings"},
	{"for arg of type", "give the helper a value of the type it takes"},
	{"wrong type for value", "give the helper a value of the type it takes"},
	{"incompatible types for comparison", `compare values of one type, e.g. {{if eq .Kind "briefing"}}`},
	{"not a method but has arguments", "remove the arguments after the field"},
}

// TemplateExec returns the hint for a text/template execution error's
// message, or "" when it has none.
func TemplateExec(msg string) string {
	return pick(msg, templateExecRules, "")
}
