package server

import (
	"errors"
	"strings"
)

// errBadPath marks a request path that can never name a file of the site.
var errBadPath = errors.New("bad path")

// checkPath refuses anything that could be read as escaping the site or that no build writes:
// dot segments, backslashes, control bytes and empty segments (which would also let a
// redirect Location start with "//", another host). raw is the escaped form as received,
// decoded the form net/http percent-decoded.
func checkPath(raw, decoded string) error {
	lowRaw := strings.ToLower(raw)
	for _, bad := range []string{"%2e%2e", "%2e.", ".%2e", "%5c", "%00"} {
		if strings.Contains(lowRaw, bad) {
			return errBadPath
		}
	}
	if !strings.HasPrefix(decoded, "/") {
		return errBadPath
	}
	for _, r := range decoded {
		if r < 0x20 || r == 0x7f || r == '\\' {
			return errBadPath
		}
	}
	segments := strings.Split(decoded[1:], "/")
	for i, seg := range segments {
		switch {
		case seg == "." || seg == "..":
			return errBadPath
		case seg == "" && i != len(segments)-1:
			return errBadPath // "//" inside the path
		}
	}
	return nil
}

// resolution says how a URL path maps onto the site.
type resolution struct {
	key      string // output path to serve; "" when not found
	redirect string // decoded path to redirect to (301), when the URL lacks its trailing slash
}

// resolve maps a checked URL path onto an output path: "/" -> index.html, "/x/" ->
// x/index.html, "/x" -> redirect to "/x/" when only x/index.html exists, "/css/a.css" as is.
func resolve(urlPath string, exists func(key string) bool) resolution {
	rel := strings.TrimPrefix(urlPath, "/")
	if rel == "" || strings.HasSuffix(rel, "/") {
		key := rel + "index.html"
		if exists(key) {
			return resolution{key: key}
		}
		return resolution{}
	}
	if exists(rel) {
		return resolution{key: rel}
	}
	if exists(rel + "/index.html") {
		return resolution{redirect: urlPath + "/"}
	}
	return resolution{}
}

// urlPathOf is the inverse of resolve, used to tell pages which URLs changed:
// "index.html" -> "/", "x/index.html" -> "/x/", "css/a.css" -> "/css/a.css".
func urlPathOf(key string) string {
	if key == "index.html" {
		return "/"
	}
	if strings.HasSuffix(key, "/index.html") {
		return "/" + strings.TrimSuffix(key, "index.html")
	}
	return "/" + key
}
