package server

import (
	"encoding/json"
	"net/http"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// event is one server-sent event for the reload script.
type event struct {
	name string // "reload", "css", "error" or "ok"
	data string // may span lines
}

// maxListedChanges caps the paths listed in a reload event; beyond it pages get "*" and
// all reload, which costs less than shipping a huge list to every page.
const maxListedChanges = 500

// changeEvent describes changed output paths: "css" when every one is a stylesheet (pages
// swap them in place), otherwise "reload" with the URL paths, sorted for stable output.
func changeEvent(keys []string) (event, bool) {
	if len(keys) == 0 {
		return event{}, false
	}
	name := "css"
	for _, k := range keys {
		if strings.ToLower(path.Ext(k)) != ".css" {
			name = "reload"
			break
		}
	}
	paths := []string{"*"}
	if name == "css" || len(keys) <= maxListedChanges {
		paths = make([]string, len(keys))
		for i, k := range keys {
			paths[i] = urlPathOf(k)
		}
		sort.Strings(paths)
	}
	data, _ := json.Marshal(paths) // a []string always marshals
	return event{name: name, data: string(data)}, true
}

// errorEvent is the event that brings a page to the current error state.
func errorEvent(msg string) event {
	if msg == "" {
		return event{name: "ok"}
	}
	return event{name: "error", data: msg}
}

// clientQueue bounds the events waiting for one page. A page that falls this far behind
// is disconnected; its script reconnects and reloads, so it still ends up current.
const clientQueue = 64

type client struct {
	events  chan event
	dropped chan struct{} // closed when the hub gave up on this client
}

// hub fans events out to the connected pages and remembers the current error.
type hub struct {
	mu      sync.Mutex
	clients map[*client]struct{}
	errMsg  string
}

func newHub() *hub {
	return &hub{clients: map[*client]struct{}{}}
}

// subscribe registers a page and queues the current error state first, under the same
// lock as broadcasts, so the page cannot miss or reorder a change that happens meanwhile.
func (h *hub) subscribe() *client {
	c := &client{events: make(chan event, clientQueue), dropped: make(chan struct{})}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.clients[c] = struct{}{}
	c.events <- errorEvent(h.errMsg)
	return c
}

func (h *hub) unsubscribe(c *client) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.clients, c)
}

// count reports how many pages are connected.
func (h *hub) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

func (h *hub) broadcast(ev event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.sendLocked(ev)
}

func (h *hub) sendLocked(ev event) {
	for c := range h.clients {
		select {
		case c.events <- ev:
		default:
			delete(h.clients, c)
			close(c.dropped)
		}
	}
}

func (h *hub) setError(msg string) {
	msg = normaliseNewlines(msg)
	h.mu.Lock()
	defer h.mu.Unlock()
	if msg == h.errMsg {
		return
	}
	h.errMsg = msg
	h.sendLocked(errorEvent(msg))
}

func normaliseNewlines(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// keepAlive is how often an idle stream gets a comment, so a dead connection is noticed.
const keepAlive = 25 * time.Second

// serveEvents streams events to one page until it leaves, falls behind, or the server stops.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	if err := rc.Flush(); err != nil {
		s.logf("event stream: %v", err)
		return
	}

	c := s.hub.subscribe()
	defer s.hub.unsubscribe(c)
	// A page that reloaded while a change was being announced missed the event: tell it now.
	if page, err := url.PathUnescape(r.URL.Query().Get("page")); err == nil && page != "" {
		if since, err := strconv.ParseUint(r.URL.Query().Get("since"), 10, 64); err == nil {
			res := resolve(page, s.exists)
			if res.key != "" && s.changedSince(res.key, since) {
				if ev, ok := changeEvent([]string{res.key}); ok {
					select {
					case c.events <- ev:
					default:
					}
				}
			}
		}
	}
	ticker := time.NewTicker(keepAlive)
	defer ticker.Stop()
	for {
		var err error
		select {
		case <-r.Context().Done():
			return
		case <-c.dropped:
			return
		case ev := <-c.events:
			_, err = w.Write(encodeEvent(ev))
		case <-ticker.C:
			_, err = w.Write([]byte(": keep-alive\n\n"))
		}
		if err == nil {
			err = rc.Flush()
		}
		if err != nil {
			return
		}
	}
}

// encodeEvent writes an event in the text/event-stream format: one "data:" line per line
// of text, which the browser joins back with "\n".
func encodeEvent(ev event) []byte {
	var b strings.Builder
	b.WriteString("event: ")
	b.WriteString(ev.name)
	b.WriteByte('\n')
	for line := range strings.SplitSeq(normaliseNewlines(ev.data), "\n") {
		b.WriteString("data: ")
		b.WriteString(line)
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	return []byte(b.String())
}
