package server

import "bytes"

// reloadTag is the markup added to every HTML response.
const reloadTag = `<script src="` + reloadScriptPath + `" defer></script>`

// injectReload returns html with the reload script added before </head>, else before
// </body>, else at the end. Minified HTML may omit both end tags, and a deferred script
// placed after </html> still runs, so appending is a safe last resort.
func injectReload(html []byte) []byte {
	at := indexFold(html, []byte("</head"))
	if at < 0 {
		at = indexFold(html, []byte("</body"))
	}
	if at < 0 {
		at = len(html)
	}
	out := make([]byte, 0, len(html)+len(reloadTag))
	out = append(out, html[:at]...)
	out = append(out, reloadTag...)
	return append(out, html[at:]...)
}

// indexFold finds an ASCII needle in s ignoring case, without copying s.
func indexFold(s, needle []byte) int {
	for i := 0; i+len(needle) <= len(s); i++ {
		j := bytes.IndexByte(s[i:], needle[0]) // needle starts with '<', which has no case
		if j < 0 {
			return -1
		}
		i += j
		if i+len(needle) <= len(s) && bytes.EqualFold(s[i:i+len(needle)], needle) {
			return i
		}
	}
	return -1
}
