package slackbot

import (
	"container/list"
	"net"
	"net/http"
	"sync"
	"time"
)

// connGuard bounds the HTTP listener in two places, so that slow or many
// clients, from however many addresses, cannot keep the probes out:
//
//   - Connections: at most limit are open at once. When a new one arrives
//     and every one is taken, the connection that has waited longest for a
//     request's headers (one that has sent none yet, or an idle keep-alive
//     one) is closed to make room: a client that has not finished its
//     headers holds nothing a newcomer needs. Only when every connection is
//     inside a request is the newcomer answered 503 at once.
//   - Requests (admit): /healthz and /readyz are served at once; any other
//     request needs one of max work slots, at most perAddr of them from one
//     client address, and is answered 503 without one.
//
// Whether a request is a probe is decided once its headers are in, so a
// slow-header client can never hold a slot a probe needs; a probe is lost
// only if limit newer connections arrive while its own headers are in flight.
type connGuard struct {
	net.Listener
	limit        int
	max, perAddr int
	refused      func() // a connection or request turned away
	evicted      func() // a header-less connection closed to make room

	mu      sync.Mutex
	open    int
	waiting list.List // *guardedConn waiting for a request's headers, longest first
	working int
	byAddr  map[string]int
}

// newConnGuard guards ln: limit connections, max requests in progress
// (perAddr from one address; ≤ 0: no per-address bound). refused and
// evicted, when not nil, count what was turned away or closed.
func newConnGuard(ln net.Listener, limit, max, perAddr int, refused, evicted func()) *connGuard {
	if refused == nil {
		refused = func() {}
	}
	if evicted == nil {
		evicted = func() {}
	}
	return &connGuard{Listener: ln, limit: limit, max: max, perAddr: perAddr, refused: refused, evicted: evicted, byAddr: map[string]int{}}
}

// busyResponse is written to a connection turned away.
const busyResponse = "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: 12\r\n\r\nserver busy\n"

// Accept returns the next connection, closing the one that has waited
// longest for its headers when every connection is taken.
func (g *connGuard) Accept() (net.Conn, error) {
	for {
		c, err := g.Listener.Accept()
		if err != nil {
			return nil, err
		}
		g.mu.Lock()
		var victim *guardedConn
		if g.open >= g.limit {
			if e := g.waiting.Front(); e != nil {
				victim = e.Value.(*guardedConn)
				g.releaseLocked(victim)
			}
		}
		if g.open < g.limit {
			g.open++
			gc := &guardedConn{Conn: c, g: g}
			gc.elem = g.waiting.PushBack(gc)
			g.mu.Unlock()
			if victim != nil {
				victim.Conn.Close()
				g.evicted()
			}
			return gc, nil
		}
		g.mu.Unlock()
		g.refused()
		// A fresh connection's send buffer is empty: the write does not wait.
		c.SetWriteDeadline(time.Now().Add(100 * time.Millisecond))
		c.Write([]byte(busyResponse))
		c.Close()
	}
}

// releaseLocked gives c's connection back, once; g.mu is held.
func (g *connGuard) releaseLocked(c *guardedConn) {
	if c.released {
		return
	}
	c.released = true
	if c.elem != nil {
		g.waiting.Remove(c.elem)
		c.elem = nil
	}
	g.open--
}

// connState follows each connection (http.Server.ConnState): waiting for
// a request's headers (new or idle) or inside a request (active).
func (g *connGuard) connState(c net.Conn, s http.ConnState) {
	gc, ok := c.(*guardedConn)
	if !ok {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	switch s {
	case http.StateActive:
		if gc.elem != nil {
			g.waiting.Remove(gc.elem)
			gc.elem = nil
		}
	case http.StateIdle:
		if !gc.released && gc.elem == nil {
			gc.elem = g.waiting.PushBack(gc)
		}
	case http.StateHijacked, http.StateClosed:
		g.releaseLocked(gc)
	}
}

// guardedConn gives its place back when closed.
type guardedConn struct {
	net.Conn
	g *connGuard
	// Guarded by g.mu: elem is its place among the connections waiting
	// for headers (nil while inside a request); released is set once its
	// place is given back.
	elem     *list.Element
	released bool
}

// Close closes the connection and gives its place back.
func (c *guardedConn) Close() error {
	c.g.mu.Lock()
	c.g.releaseLocked(c)
	c.g.mu.Unlock()
	return c.Conn.Close()
}

// isProbe reports whether r asks for the health or readiness probe.
func isProbe(r *http.Request) bool {
	return r.Method == http.MethodGet && (r.URL.Path == "/healthz" || r.URL.Path == "/readyz")
}

// admit serves the probes at once and any other request only with a work
// slot; without one it is told the server is busy.
func (g *connGuard) admit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isProbe(r) {
			if r.ContentLength != 0 {
				// A probe has no body: the server does not wait for one.
				closeNow(w)
			}
			next.ServeHTTP(w, r)
			return
		}
		host := r.RemoteAddr
		if h, _, err := net.SplitHostPort(host); err == nil {
			host = h
		}
		g.mu.Lock()
		ok := g.working < g.max && (g.perAddr <= 0 || g.byAddr[host] < g.perAddr)
		if ok {
			g.working++
			g.byAddr[host]++
		}
		g.mu.Unlock()
		if !ok {
			g.refused()
			closeNow(w)
			http.Error(w, "server busy: connection limit reached", http.StatusServiceUnavailable)
			return
		}
		defer func() {
			g.mu.Lock()
			g.working--
			if g.byAddr[host]--; g.byAddr[host] <= 0 {
				delete(g.byAddr, host)
			}
			g.mu.Unlock()
		}()
		next.ServeHTTP(w, r)
	})
}

// closeNow makes the server close the connection after this response
// without reading what is left of the request's body.
func closeNow(w http.ResponseWriter) {
	w.Header().Set("Connection", "close")
	http.NewResponseController(w).SetReadDeadline(time.Now())
}
