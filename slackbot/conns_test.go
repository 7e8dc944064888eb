package slackbot

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

// testBound bounds every read of these tests; it is never what they assert.
const testBound = 10 * time.Second

// dialFrom connects to the bot from a loopback address of the test's choosing.
func dialFrom(t *testing.T, h *harness, local string) net.Conn {
	t.Helper()
	d := net.Dialer{Timeout: testBound}
	if local != "" {
		d.LocalAddr = &net.TCPAddr{IP: net.ParseIP(local)}
	}
	c, err := d.Dial("tcp", h.bot.Addr())
	if err != nil {
		if local != "" {
			t.Skipf("cannot connect from %s: %v", local, err)
		}
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// slowBody opens a connection that announces a body of 1000 bytes and sends
// one byte of it: it holds a slot until the server gives up on it.
func slowBody(t *testing.T, h *harness) net.Conn {
	t.Helper()
	c := dialFrom(t, h, "")
	fmt.Fprintf(c, "POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
	return c
}

// admittedSlowBody is slowBody that returns once the server has admitted
// the request and its handler started reading the body: the server's
// "100 Continue" says so. Under load a connection whose headers the server
// has not read yet may give way to a newer one; this one has got past that.
func admittedSlowBody(t *testing.T, h *harness) net.Conn {
	t.Helper()
	c := dialFrom(t, h, "")
	fmt.Fprintf(c, "POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: 1000\r\n\r\n")
	c.SetReadDeadline(time.Now().Add(testBound))
	br := bufio.NewReader(c)
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			t.Fatalf("no 100 Continue: %v", err)
		}
		if line == "\r\n" {
			break
		}
	}
	c.SetReadDeadline(time.Time{})
	io.WriteString(c, "{")
	return c
}

// response reads the server's response on c (after writing req, if any)
// and then until the server closes the connection.
func response(t *testing.T, c net.Conn, req string) (int, string) {
	t.Helper()
	c.SetDeadline(time.Now().Add(testBound))
	if req != "" {
		io.WriteString(c, req)
	}
	br := bufio.NewReader(c)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("no response: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	// EOF, or a reset where the client was still sending: either way closed.
	if _, err := io.ReadAll(br); err != nil && !errors.Is(err, syscall.ECONNRESET) {
		t.Errorf("the server did not close the connection after %d %q: %v", resp.StatusCode, body, err)
	}
	return resp.StatusCode, string(body)
}

// When slow clients hold every request slot, /healthz and /readyz are
// still answered, other requests are told the server is busy, and a silent
// connection gives way to a new one.
func TestProbesAnsweredWhenConnectionsAreFull(t *testing.T) {
	h := startBot(t, func(c *Config) {
		c.AppToken, c.SigningSecret = "", signingSecret
		c.MaxConns, c.MaxConnsPerAddr, c.HealthConns = 8, -1, 1
		c.ReadTimeout, c.BodyTimeout = time.Minute, time.Minute // the slow clients stay for the test
	})
	for range 8 {
		admittedSlowBody(t, h)
	}
	// Every request has been admitted: from here on every slot is held.
	if code, body := response(t, dialFrom(t, h, ""), "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"); code != 200 || !strings.HasPrefix(body, "ok:") {
		t.Errorf("/healthz with every connection held: %d %q", code, body)
	}
	if code, body := response(t, dialFrom(t, h, ""), "GET /readyz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"); code != 200 {
		t.Errorf("/readyz with every connection held: %d %q", code, body)
	}
	if code, body := response(t, dialFrom(t, h, ""), "POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}"); code != http.StatusServiceUnavailable {
		t.Errorf("an event beyond the request slots: %d %q, want 503", code, body)
	}
	// A probe that announces a body is answered without waiting for it.
	if code, _ := response(t, dialFrom(t, h, ""), "GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"); code != 200 {
		t.Errorf("/healthz announcing a body: %d", code)
	}
	// A silent client takes the last connection; the next one closes it.
	silent := dialFrom(t, h, "")
	if code, body := response(t, dialFrom(t, h, ""), "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"); code != 200 {
		t.Errorf("/healthz after a silent client took the last connection: %d %q", code, body)
	}
	silent.SetReadDeadline(time.Now().Add(testBound))
	if n, err := silent.Read(make([]byte, 1)); n != 0 || err == nil || errors.Is(err, os.ErrDeadlineExceeded) {
		t.Errorf("the silent client's connection was not closed for the probe: %d bytes, %v", n, err)
	}
}

// slowHeaders opens a connection from local that starts a request and never
// ends its headers.
func slowHeaders(t *testing.T, h *harness, local string) net.Conn {
	t.Helper()
	c := dialFrom(t, h, local)
	fmt.Fprintf(c, "POST /slack/events HTTP/1.1\r\nHost: x\r\nX-Slow: 1\r\n")
	return c
}

// Slow-header clients spread over several addresses, more of them than
// there are connections, do not keep the probes out, whether a probe comes
// from an address of theirs or another; nor a Slack request.
func TestProbesAnsweredUnderSlowHeadersFromManyAddresses(t *testing.T) {
	h := startBot(t, func(c *Config) {
		c.AppToken, c.SigningSecret = "", signingSecret
		c.MaxConns, c.HealthConns = 8, 1 // 2 per address
		c.ReadTimeout, c.BodyTimeout = time.Minute, time.Minute
	})
	for i := range 30 {
		slowHeaders(t, h, fmt.Sprintf("127.0.0.%d", 2+i%5))
	}
	for _, from := range []string{"", "127.0.0.2", "127.0.0.6"} {
		if code, body := response(t, dialFrom(t, h, from), "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"); code != 200 || !strings.HasPrefix(body, "ok:") {
			t.Errorf("/healthz from %q under 30 slow-header clients: %d %q", from, code, body)
		}
		if code, body := response(t, dialFrom(t, h, from), "GET /readyz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"); code != 200 {
			t.Errorf("/readyz from %q under 30 slow-header clients: %d %q", from, code, body)
		}
	}
	if code, body := response(t, dialFrom(t, h, "127.0.0.3"), "POST /slack/events HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"); code != http.StatusUnauthorized {
		t.Errorf("an event under 30 slow-header clients: %d %q, want 401 (served, unsigned)", code, body)
	}
}

// A Slack request whose body trickles in is cut off after BodyTimeout,
// however steadily its bytes come, with 408.
func TestSlowBodyIsCutOff(t *testing.T) {
	h := startBot(t, func(c *Config) { c.AppToken, c.SigningSecret, c.BodyTimeout = "", signingSecret, 200*time.Millisecond })
	c := slowBody(t, h)
	stop := make(chan struct{})
	dripped := make(chan struct{})
	go func() { // a byte every 20 ms, at most the 999 announced
		defer close(dripped)
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for range 999 {
			select {
			case <-stop:
				return
			case <-tick.C:
				if _, err := c.Write([]byte(" ")); err != nil {
					return
				}
			}
		}
	}()
	code, _ := response(t, c, "")
	close(stop)
	<-dripped
	if code != http.StatusRequestTimeout {
		t.Errorf("a trickling body: %d, want 408", code)
	}
}

// One client address holds at most MaxConnsPerAddr of the connections:
// beyond them it gets only the probes' slots (so its events are told the
// server is busy), while another address is served.
func TestConnectionsPerAddressAreBounded(t *testing.T) {
	h := startBot(t, func(c *Config) {
		c.AppToken, c.SigningSecret = "", signingSecret
		c.MaxConns, c.MaxConnsPerAddr, c.HealthConns = 8, 2, 1
		c.ReadTimeout, c.BodyTimeout = time.Minute, time.Minute
	})
	admittedSlowBody(t, h)
	admittedSlowBody(t, h)
	if code, body := response(t, dialFrom(t, h, ""), "POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"); code != http.StatusServiceUnavailable {
		t.Errorf("a third slow client from the same address: %d %q, want 503", code, body)
	}
	other := dialFrom(t, h, "127.0.0.2")
	if code, body := response(t, other, "POST /slack/events HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"); code != http.StatusUnauthorized {
		t.Errorf("another address: %d %q, want 401 (served, unsigned)", code, body)
	}
}
