package cms

import "strings"

// label is a field's name as a form shows it: "jurisdiction" -> "Jurisdiction".
func label(name string) string {
	if name == "usd" {
		return "US dollar figure"
	}
	return strings.ToUpper(name[:1]) + name[1:]
}
