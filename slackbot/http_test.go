package slackbot

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/askbot/internal/testutil/fakeslack"
)

const signingSecret = "8f742231b10e8888abcd99yyyzzz85a5"

// signed builds a request to the bot's HTTP listener signed as Slack signs.
func signed(t *testing.T, h *harness, path, contentType, body, secret string, at time.Time) *http.Request {
	t.Helper()
	req, err := http.NewRequest("POST", "http://"+h.bot.Addr()+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	ts := strconv.FormatInt(at.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "v0:%s:%s", ts, body)
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	return req
}

func do(t *testing.T, req *http.Request) (int, string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return resp.StatusCode, b.String()
}

func eventBody(t *testing.T, eventID, ts, text string) string {
	raw, err := json.Marshal(fakeslack.Event(eventID, map[string]any{"type": "app_mention", "user": reporter, "text": "<@UBOT> " + text, "ts": ts, "channel": "C1", "event_ts": ts}))
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

func TestEventsAPISignatures(t *testing.T) {
	h := startBot(t, func(c *Config) { c.AppToken = ""; c.SigningSecret = signingSecret })
	now := time.Now()
	body := eventBody(t, "EvHTTP1", "700.1", "Who denied meeting Russian officials?")

	tests := []struct {
		name string
		req  func() *http.Request
		code int
	}{
		{"wrong secret", func() *http.Request {
			return signed(t, h, "/slack/events", "application/json", body, "not-the-secret", now)
		}, 401},
		{"stale timestamp", func() *http.Request {
			return signed(t, h, "/slack/events", "application/json", body, signingSecret, now.Add(-10*time.Minute))
		}, 401},
		{"missing headers", func() *http.Request {
			r := signed(t, h, "/slack/events", "application/json", body, signingSecret, now)
			r.Header.Del("X-Slack-Signature")
			r.Header.Del("X-Slack-Request-Timestamp")
			return r
		}, 401},
		{"body changed after signing", func() *http.Request {
			r := signed(t, h, "/slack/events", "application/json", body, signingSecret, now)
			r.Body = http.NoBody
			return r
		}, 401},
	}
	for _, tt := range tests {
		if code, _ := do(t, tt.req()); code != tt.code {
			t.Errorf("%s: status %d, want %d", tt.name, code, tt.code)
		}
	}
	if n := len(h.slack.Calls()) - len(h.slack.CallsTo("auth.test")); n != 0 {
		t.Fatalf("rejected requests did work: %d Slack calls", n)
	}

	// url_verification is answered with the challenge.
	challenge := `{"token":"t","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}`
	if code, got := do(t, signed(t, h, "/slack/events", "application/json", challenge, signingSecret, now)); code != 200 || got != "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" {
		t.Errorf("url_verification: %d %q", code, got)
	}

	// A valid event is answered; the same request replayed (Slack's retry,
	// X-Slack-Retry-Num) is acknowledged and answered once.
	if code, _ := do(t, signed(t, h, "/slack/events", "application/json", body, signingSecret, now)); code != 200 {
		t.Fatalf("valid event: %d", code)
	}
	retry := signed(t, h, "/slack/events", "application/json", body, signingSecret, now)
	retry.Header.Set("X-Slack-Retry-Num", "1")
	retry.Header.Set("X-Slack-Retry-Reason", "http_timeout")
	if code, _ := do(t, retry); code != 200 {
		t.Fatalf("retried event: %d", code)
	}
	h.finalAnswer(t, "C1", "700.1")
	// A later event is answered too; by then the replay has been dropped.
	do(t, signed(t, h, "/slack/events", "application/json", eventBody(t, "EvHTTP2", "800.1", "What did Maria Zakharova tell Bloomberg?"), signingSecret, now))
	h.finalAnswer(t, "C1", "800.1")
	if n := h.repliesIn("700.1"); n != 1 {
		t.Errorf("replayed event answered %d times", n)
	}
}

func TestSlashCommandOverHTTP(t *testing.T) {
	h := startBot(t, func(c *Config) { c.AppToken = ""; c.SigningSecret = signingSecret })
	form := url.Values{"command": {"/ask"}, "text": {"What did Maria Zakharova tell Bloomberg?"}, "user_id": {reporter}, "channel_id": {"C1"}, "team_id": {"T1"}}.Encode()
	if code, _ := do(t, signed(t, h, "/slack/commands", "application/x-www-form-urlencoded", form, signingSecret, time.Now())); code != 200 {
		t.Fatalf("slash command: %d", code)
	}
	eph := h.slack.WaitFor(func(c fakeslack.Call) bool { return c.Method == "chat.postEphemeral" && c.Get("blocks") != "" })
	id := answerID(t, eph.Get("blocks"))
	payload, _ := json.Marshal(map[string]any{"type": "block_actions", "user": map[string]any{"id": reporter}, "channel": map[string]any{"id": "C1"},
		"actions": []any{map[string]any{"action_id": actionFeedbackDown, "block_id": "answer_actions", "value": id, "type": "button"}}})
	body := url.Values{"payload": {string(payload)}}.Encode()
	if code, _ := do(t, signed(t, h, "/slack/interactions", "application/x-www-form-urlencoded", body, signingSecret, time.Now())); code != 200 {
		t.Fatalf("interaction: %d", code)
	}
	h.slack.WaitFor(func(c fakeslack.Call) bool {
		return c.Method == "chat.postEphemeral" && strings.Contains(c.Get("text"), "Thanks")
	})
	if m := scrape(t, h.bot); !strings.Contains(m, `newsroom_bot_feedback_total{vote="down"} 1`) {
		t.Error("feedback not counted")
	}
	// Non-admins asking for a reload get a polite refusal.
	form = url.Values{"command": {"/ask"}, "text": {"reload"}, "user_id": {reporter}, "channel_id": {"C1"}}.Encode()
	do(t, signed(t, h, "/slack/commands", "application/x-www-form-urlencoded", form, signingSecret, time.Now()))
	h.slack.WaitFor(func(c fakeslack.Call) bool { return strings.Contains(c.Get("text"), "only the bot's admins") })
	if h.reloads.Load() != 0 {
		t.Error("reload ran for a non-admin")
	}
}

func TestHTTPBodiesAreBounded(t *testing.T) {
	h := startBot(t, func(c *Config) {
		c.AppToken = ""
		c.SigningSecret = signingSecret
		c.ReadTimeout = 300 * time.Millisecond
	})
	// A validly signed body over the limit gets 413, not "invalid signature".
	big := `{"type":"event_callback","pad":"` + strings.Repeat("x", maxBody) + `"}`
	if code, _ := do(t, signed(t, h, "/slack/events", "application/json", big, signingSecret, time.Now())); code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized body: status %d, want 413", code)
	}
	// A client that announces a body and never sends it is cut off.
	conn, err := net.Dial("tcp", h.bot.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{")
	conn.SetReadDeadline(time.Now().Add(10 * time.Second)) // a bound on the test, not the assertion
	closed := make(chan error, 1)
	go func() {
		_, err := io.ReadAll(conn)
		closed <- err
	}()
	if err := <-closed; err != nil {
		t.Errorf("the slow client was not cut off by the server: %v", err)
	}
}
