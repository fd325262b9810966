package server

import (
	"bytes"
	"strconv"
)

// reloadTag is the markup added to every HTML response. It carries the generation of the
// site the page came from, so the script can ask on connecting whether it is already stale.
func reloadTag(gen uint64) string {
	return `<script src="` + reloadScriptPath + `" data-brief-gen="` + strconv.FormatUint(gen, 10) + `" defer></script>`
}

// injectReload returns html with the reload script added before </head>, else before
// </body>, else at the end. Minified HTML may omit both end tags, and a deferred script
// placed after </html> still runs, so appending is a safe last resort.
func injectReload(html []byte, gen uint64) []byte {
	tag := reloadTag(gen)
	at := indexFold(html, []byte("</head"))
	if at < 0 {
		at = indexFold(html, []byte("</body"))
	}
	if at < 0 {
		at = len(html)
	}
	out := make([]byte, 0, len(html)+len(tag))
	out = append(out, html[:at]...)
	out = append(out, tag...)
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
