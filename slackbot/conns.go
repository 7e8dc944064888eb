package slackbot

import (
	"context"
	"net"
	"net/http"
	"sync"
	"time"
)

// connGuard bounds the HTTP listener's connections: at most max at once,
// at most perAddr of them from one client address, and beyond those
// reserve more that may only ask /healthz or /readyz (and live at most
// reserveFor), so that probes still get through when slow or many clients
// hold every ordinary slot. A connection that finds no slot is answered 503
// and closed at once rather than left waiting in the kernel's queue.
type connGuard struct {
	net.Listener
	max, perAddr, reserve int
	reserveFor            time.Duration
	refused               func()

	mu       sync.Mutex
	active   int
	reserved int
	byAddr   map[string]int
}

func newConnGuard(ln net.Listener, max, perAddr, reserve int, reserveFor time.Duration, refused func()) *connGuard {
	return &connGuard{Listener: ln, max: max, perAddr: perAddr, reserve: reserve, reserveFor: reserveFor, refused: refused, byAddr: map[string]int{}}
}

// busyResponse is written to a connection turned away.
const busyResponse = "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: 12\r\n\r\nserver busy\n"

// Accept returns the next connection that finds a slot.
func (g *connGuard) Accept() (net.Conn, error) {
	for {
		c, err := g.Listener.Accept()
		if err != nil {
			return nil, err
		}
		host := c.RemoteAddr().String()
		if h, _, err := net.SplitHostPort(host); err == nil {
			host = h
		}
		g.mu.Lock()
		switch {
		case g.active < g.max && (g.perAddr <= 0 || g.byAddr[host] < g.perAddr):
			g.active++
			g.byAddr[host]++
			g.mu.Unlock()
			return &guardedConn{Conn: c, g: g, host: host}, nil
		case g.reserved < g.reserve:
			g.reserved++
			g.mu.Unlock()
			until := time.Now().Add(g.reserveFor)
			c.SetDeadline(until)
			return &guardedConn{Conn: c, g: g, reserve: true, until: until}, nil
		}
		g.mu.Unlock()
		if g.refused != nil {
			g.refused()
		}
		// A fresh connection's send buffer is empty: the write does not wait.
		c.SetWriteDeadline(time.Now().Add(100 * time.Millisecond))
		c.Write([]byte(busyResponse))
		c.Close()
	}
}

// guardedConn gives its slot back when closed; a reserve connection's
// deadlines never pass its end of life.
type guardedConn struct {
	net.Conn
	g       *connGuard
	host    string
	reserve bool
	until   time.Time
	once    sync.Once
}

// Close closes the connection and frees its slot.
func (c *guardedConn) Close() error {
	c.once.Do(func() {
		g := c.g
		g.mu.Lock()
		if c.reserve {
			g.reserved--
		} else {
			g.active--
			if g.byAddr[c.host]--; g.byAddr[c.host] <= 0 {
				delete(g.byAddr, c.host)
			}
		}
		g.mu.Unlock()
	})
	return c.Conn.Close()
}

func (c *guardedConn) clamp(t time.Time) time.Time {
	if c.reserve && (t.IsZero() || t.After(c.until)) {
		return c.until
	}
	return t
}

// SetDeadline sets both deadlines, no later than a reserve connection's end.
func (c *guardedConn) SetDeadline(t time.Time) error { return c.Conn.SetDeadline(c.clamp(t)) }

// SetReadDeadline sets the read deadline, no later than a reserve connection's end.
func (c *guardedConn) SetReadDeadline(t time.Time) error { return c.Conn.SetReadDeadline(c.clamp(t)) }

// SetWriteDeadline sets the write deadline, no later than a reserve connection's end.
func (c *guardedConn) SetWriteDeadline(t time.Time) error {
	return c.Conn.SetWriteDeadline(c.clamp(t))
}

type reserveKey struct{}

// connContext marks the requests of a reserve connection (http.Server.ConnContext).
func connContext(ctx context.Context, c net.Conn) context.Context {
	if gc, ok := c.(*guardedConn); ok && gc.reserve {
		return context.WithValue(ctx, reserveKey{}, true)
	}
	return ctx
}

// probesOnly lets a reserve connection ask only for the health and
// readiness probes, once; anything else is told the server is busy.
func probesOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Context().Value(reserveKey{}) != nil {
			w.Header().Set("Connection", "close")
			if r.URL.Path != "/healthz" && r.URL.Path != "/readyz" {
				// Closed at once: the server does not read what is left of the body.
				http.NewResponseController(w).SetReadDeadline(time.Now())
				http.Error(w, "server busy: connection limit reached", http.StatusServiceUnavailable)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}
