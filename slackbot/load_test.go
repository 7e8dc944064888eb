package slackbot

import (
	"cmp"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestLoadBurst sends a burst of 300 signed questions over the Events API
// and reports acknowledgement latency, answers, goroutines and heap. It is
// a measurement, run by hand (BOT_LOAD=1), bounded in count and time:
//
//	BOT_LOAD=1 go test ./slackbot -run TestLoadBurst -v
func TestLoadBurst(t *testing.T) {
	if os.Getenv("BOT_LOAD") == "" {
		t.Skip("a measurement: BOT_LOAD=1 runs it")
	}
	const questions, workers = 300, 30
	h := startBot(t, func(c *Config) { c.AppToken = ""; c.SigningSecret = signingSecret; c.UserRate = -1 })
	runtime.GC()
	goroutinesBefore := runtime.NumGoroutine()
	var (
		mu   sync.Mutex
		acks []time.Duration
		bad  int
	)
	jobs := make(chan int)
	var wg sync.WaitGroup
	start := time.Now()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				ts := fmt.Sprintf("%d.1", 1000+i)
				req := signed(t, h, "/slack/events", "application/json", eventBody(t, fmt.Sprint("EvLoad", i), ts, "Who denied meeting Russian officials?"), signingSecret, time.Now())
				t0 := time.Now()
				resp, err := http.DefaultClient.Do(req)
				d := time.Since(t0)
				mu.Lock()
				if err != nil || resp.StatusCode != 200 {
					bad++
				} else {
					acks = append(acks, d)
				}
				mu.Unlock()
				if resp != nil {
					resp.Body.Close()
				}
			}
		}()
	}
	for i := range questions {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	// Every question ends with its checked answer or, beyond the queue, the
	// busy note (a measurement: polled, bounded at a minute).
	var answered, busy int
	for end := time.Now().Add(time.Minute); time.Now().Before(end); runtime.Gosched() {
		answered, busy = 0, 0
		for _, c := range h.slack.Calls() {
			switch {
			case c.Method == "chat.update" && c.Get("blocks") != "":
				answered++
			case strings.Contains(c.Get("text"), "ask again in a minute"):
				busy++
			}
		}
		if answered+busy >= questions {
			break
		}
	}
	took := time.Since(start)
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	// Let the answer goroutines finish returning.
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > goroutinesBefore+5 && time.Now().Before(deadline) {
		runtime.Gosched()
	}
	slices.Sort(acks)
	pct := func(p float64) time.Duration { return acks[min(len(acks)-1, int(p*float64(len(acks))))] }
	t.Logf("%d questions from %d clients in %s: %d acknowledged (p50 %s, p99 %s, max %s), %d not; %d answered, %d told the bot is busy; goroutines %d before, %d after; heap in use %.1f MiB",
		questions, workers, took.Round(time.Millisecond), len(acks), pct(0.5).Round(time.Microsecond), pct(0.99).Round(time.Microsecond), acks[len(acks)-1].Round(time.Microsecond),
		bad, answered, busy, goroutinesBefore, runtime.NumGoroutine(), float64(ms.HeapInuse)/(1<<20))
	if answered+busy != questions {
		t.Errorf("%d questions ended with neither an answer nor the busy note", questions-answered-busy)
	}
}

// TestLoadSlowBodies opens 300 connections that announce a body and never
// send it, and reports the goroutines while they are held and after the
// read timeout cut them off (BOT_LOAD=1; the timeout is 1 s here, 15 s by
// default).
func TestLoadSlowBodies(t *testing.T) {
	if os.Getenv("BOT_LOAD") == "" {
		t.Skip("a measurement: BOT_LOAD=1 runs it")
	}
	h := startBot(t, func(c *Config) { c.AppToken = ""; c.SigningSecret = signingSecret; c.ReadTimeout = time.Second })
	runtime.GC()
	before := runtime.NumGoroutine()
	var conns []net.Conn
	for range 300 {
		conn, err := net.DialTimeout("tcp", h.bot.Addr(), 2*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{")
		conns = append(conns, conn)
	}
	held := runtime.NumGoroutine()
	closed := 0
	for _, c := range conns {
		c.SetReadDeadline(time.Now().Add(10 * time.Second))
		if _, err := io.ReadAll(c); err == nil {
			closed++
		}
		c.Close()
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before+2 && time.Now().Before(deadline) {
		runtime.Gosched()
	}
	t.Logf("300 slow-body connections: goroutines %d before, %d while held (at most 256 served at once), %d after; %d cut off by the server", before, held, runtime.NumGoroutine(), closed)
}

// TestLoadSlowClientsHealthz measures /healthz latency while 300 slow
// clients attack the listener with the default limits, for 20 s, reconnecting
// whenever they are cut off (BOT_LOAD=1). BOT_LOAD_SLOW chooses the attack:
// "body" (the default) announces a 10 KB body and sends a byte of it every
// 3 s; "headers" sends a header line every 2 s and never ends the headers;
// "mixed" has half the clients do each.
// BOT_LOAD_ADDRS spreads the clients: "one" (the default: 127.0.0.1, the
// probe's own address), "several" (127.0.0.2–6, as behind a few proxies) or
// "many" (300 loopback addresses, as a botnet would be). BOT_LOAD_CLIENTS
// sets the number of clients (at most 1000).
//
//	BOT_LOAD=1 BOT_LOAD_SLOW=headers BOT_LOAD_ADDRS=several go test ./slackbot -run TestLoadSlowClientsHealthz -v
func TestLoadSlowClientsHealthz(t *testing.T) {
	if os.Getenv("BOT_LOAD") == "" {
		t.Skip("a measurement: BOT_LOAD=1 runs it")
	}
	h := startBot(t, func(c *Config) { c.AppToken = ""; c.SigningSecret = signingSecret })
	const period = 20 * time.Second
	clients := 300
	if n, err := strconv.Atoi(os.Getenv("BOT_LOAD_CLIENTS")); err == nil && n > 0 {
		clients = min(n, 1000) // bounded
	}
	slow, addrs := cmp.Or(os.Getenv("BOT_LOAD_SLOW"), "body"), cmp.Or(os.Getenv("BOT_LOAD_ADDRS"), "one")
	end := time.Now().Add(period)
	var wg sync.WaitGroup
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := net.Dialer{Timeout: 5 * time.Second}
			switch addrs {
			case "several":
				d.LocalAddr = &net.TCPAddr{IP: net.IPv4(127, 0, 0, 2+byte(i%5))}
			case "many":
				d.LocalAddr = &net.TCPAddr{IP: net.IPv4(127, 0, 1+byte(i/250), 1+byte(i%250))}
			}
			for time.Now().Before(end) {
				c, err := d.Dial("tcp", h.bot.Addr())
				if err != nil {
					time.Sleep(100 * time.Millisecond)
					continue
				}
				every, drip := 3*time.Second, " "
				if slow == "headers" || slow == "mixed" && i%2 == 0 {
					fmt.Fprintf(c, "POST /slack/events HTTP/1.1\r\nHost: x\r\n")
					every, drip = 2*time.Second, "X-Slow: 1\r\n"
				} else {
					fmt.Fprintf(c, "POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{")
				}
				for time.Now().Before(end) {
					time.Sleep(every)
					if _, err := c.Write([]byte(drip)); err != nil {
						break
					}
				}
				c.Close()
				time.Sleep(100 * time.Millisecond)
			}
		}()
	}
	time.Sleep(time.Second) // let the attack fill the listener
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	var lat []time.Duration
	failed := 0
	for time.Now().Before(end) {
		start := time.Now()
		resp, err := client.Get("http://" + h.bot.Addr() + "/healthz")
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		if err != nil || resp.StatusCode != 200 {
			failed++
		} else {
			lat = append(lat, time.Since(start))
		}
		time.Sleep(500 * time.Millisecond)
	}
	wg.Wait()
	slices.Sort(lat)
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(p*float64(len(lat))))]
	}
	t.Logf("/healthz under %d slow clients (slow %s, addresses: %s) for %s: %d answered, %d failed; p50 %s, p90 %s, max %s",
		clients, slow, addrs, period, len(lat), failed, pct(0.5).Round(time.Millisecond), pct(0.9).Round(time.Millisecond), pct(1).Round(time.Millisecond))
}
