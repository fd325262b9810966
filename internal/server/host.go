package server

import (
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strings"
)

// hostCheck tells the Host headers of requests meant for this server from
// others. A page on any web site can make its own name resolve to 127.0.0.1
// (DNS rebinding) and then read the preview, drafts included, as same-origin;
// its requests still carry its own name in Host, so answering only for the
// addresses the server is known by closes that door.
type hostCheck struct {
	names []string // host names and addresses, lower case, IPv6 without brackets
	port  string   // the port served
	anyIP bool     // bound to every interface: any IP address reaches it
}

// newHostCheck allows the loopback names, the address bound (bind, as given
// to --bind) and, when bind is every interface (0.0.0.0, ::), any IP
// address, each with port. A name is never needed to reach an address, and
// a rebinding page always comes with one.
func newHostCheck(bind, port string) hostCheck {
	c := hostCheck{names: []string{"127.0.0.1", "localhost", "::1"}, port: port}
	bind = strings.ToLower(strings.Trim(bind, "[]"))
	if ip, err := netip.ParseAddr(bind); bind == "" || (err == nil && ip.IsUnspecified()) {
		c.anyIP = true
	} else if !slices.Contains(c.names, bind) {
		c.names = append(c.names, bind)
	}
	return c
}

// allows reports whether a request's Host header names this server.
func (c hostCheck) allows(hostport string) bool {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		host, port = hostport, "80" // no port: the default for http
	}
	if port != c.port || host == "" {
		return false
	}
	host = strings.ToLower(strings.Trim(host, "[]"))
	if slices.Contains(c.names, host) {
		return true
	}
	_, err = netip.ParseAddr(host)
	return c.anyIP && err == nil
}

// addresses lists the allowed host:port forms for messages.
func (c hostCheck) addresses() string {
	list := make([]string, 0, len(c.names)+1)
	for _, n := range c.names {
		list = append(list, net.JoinHostPort(n, c.port))
	}
	if c.anyIP {
		list = append(list, "any IP address of this machine with port "+c.port)
	}
	return strings.Join(list, ", ")
}

// guard answers 421 Misdirected Request to requests for other hosts.
func (c hostCheck) guard(next http.Handler, logf func(string, ...any)) http.Handler {
	msg := "421 misdirected request: this brief preview answers only for " + c.addresses()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !c.allows(r.Host) {
			logf("%s %s for host %q: refused (not an address of this server)", r.Method, r.URL.Path, r.Host)
			w.Header().Set("Cache-Control", "no-store")
			http.Error(w, msg, http.StatusMisdirectedRequest)
			return
		}
		next.ServeHTTP(w, r)
	})
}
