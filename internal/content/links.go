package content

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"

	"brief/internal/weburl"
)

// sourceURL accepts an absolute http or https URL and returns it and its host.
func (p *parser) sourceURL(v *node, field string) (string, string) {
	s, ok := p.optionalString(v, field)
	if !ok && v.kind != kindNull {
		return "", ""
	}
	if s == "" {
		p.errorf(v.line, field, `write an absolute URL such as "https://www.sfc.hk/"`, "must not be empty")
		return "", ""
	}
	if host, ok := weburl.PlainHost(s); ok {
		return s, host // what url.Parse would give, without its allocations
	}
	u, err := url.Parse(s)
	if err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" && !strings.ContainsFunc(s, unicode.IsSpace) {
		return s, u.Hostname()
	}
	hint := "links must start with https:// or http://"
	// "www.sfc.hk/x" lacks only its scheme; "javascript:x" or "mailto:x"
	// has another one, which no "https://" in front would mend, and
	// "/x" or "notes" is no address on the web at all.
	scheme, _, colon := strings.Cut(s, ":")
	host, _, _ := strings.Cut(strings.TrimPrefix(s, "//"), "/")
	switch {
	case (colon && !strings.ContainsAny(scheme, "/.")) || strings.Contains(s, "://") || strings.ContainsFunc(s, unicode.IsSpace):
	case strings.HasPrefix(s, "//") || (strings.Contains(host, ".") && !strings.HasPrefix(s, "/")):
		hint = fmt.Sprintf("write %q", "https://"+strings.TrimPrefix(s, "//"))
	case strings.HasPrefix(s, "/"):
		hint = `write the full address, with https:// and the site's name, e.g. "https://www.sfc.hk/"`
	}
	p.errorf(v.line, field, hint, "%q is not an absolute http(s) URL", s)
	return "", ""
}
