package cms

import "strings"

// label is a field's name as a form shows it: "jurisdiction" -> "Jurisdiction".
func label(name string) string {
	switch name {
	case "usd":
		return "US dollar figure"
	case "imageAlt":
		return "Image description"
	}
	return strings.ToUpper(name[:1]) + name[1:]
}
