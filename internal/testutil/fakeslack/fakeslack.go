// Package fakeslack is a Slack API server for tests: the Web API methods the
// bot calls (form-encoded, as slack-go sends them), file downloads, and a
// Socket Mode websocket that delivers envelopes and records acknowledgements.
// It lets tests run the real slack-go client end to end without Slack.
package fakeslack

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// BotUserID is the bot's user ID that auth.test reports.
const BotUserID = "UBOT"

// Call is one Web API call the bot made.
type Call struct {
	Method string // e.g. "chat.postMessage"
	Form   map[string]string
	TS     string // the ts this server gave a posted message
}

// Get returns a form value.
func (c Call) Get(key string) string { return c.Form[key] }

// File is a file the server can describe (files.info) and serve.
type File struct {
	ID, Name string
	Content  []byte
	// Padding bytes of 'x' follow Content in the download (not in memory):
	// a file larger than files.info says, when AnnouncedSize is set.
	Padding       int64
	AnnouncedSize int
}

// Server is a fake Slack.
type Server struct {
	*httptest.Server
	tb testing.TB

	mu      sync.Mutex
	calls   []Call
	notify  chan struct{}
	replies map[string][]map[string]any // thread ts → messages for conversations.replies
	files   map[string]File
	ims     map[string]string // user → the bot's IM channel with them
	nextTS  int
	// RateLimitOnce makes the next chat.postMessage answer 429 once.
	rateLimitOnce bool

	toBot   chan []byte
	acks    chan string
	upgrade websocket.Upgrader
}

// New starts a fake Slack; it stops when the test ends.
func New(tb testing.TB) *Server {
	tb.Helper()
	s := &Server{
		tb: tb, notify: make(chan struct{}, 1), replies: map[string][]map[string]any{}, files: map[string]File{}, ims: map[string]string{},
		toBot: make(chan []byte, 16), acks: make(chan string, 64),
		upgrade: websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }},
	}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	tb.Cleanup(s.Close)
	return s
}

// SetIM makes channel the bot's direct-message conversation with user, as
// conversations.open reports it (by default "D" followed by the user ID).
func (s *Server) SetIM(user, channel string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ims[user] = channel
}

// APIURL is the base URL to give slack.OptionAPIURL.
func (s *Server) APIURL() string { return s.URL + "/api/" }

// SetReplies sets the messages conversations.replies returns for a thread.
func (s *Server) SetReplies(thread string, msgs ...map[string]any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.replies[thread] = msgs
}

// AddFile makes a file available to files.info and download.
func (s *Server) AddFile(f File) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[f.ID] = f
}

// RateLimitNextPost makes the next chat.postMessage fail with 429 once.
func (s *Server) RateLimitNextPost() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rateLimitOnce = true
}

// Calls returns the Web API calls so far.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

// CallsTo returns the calls of one method.
func (s *Server) CallsTo(method string) []Call {
	var out []Call
	for _, c := range s.Calls() {
		if c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// WaitFor waits (up to 10 seconds) for a call matching ok and returns it.
func (s *Server) WaitFor(ok func(Call) bool) Call {
	s.tb.Helper()
	deadline := time.After(10 * time.Second)
	for {
		for _, c := range s.Calls() {
			if ok(c) {
				return c
			}
		}
		select {
		case <-s.notify:
		case <-deadline:
			s.tb.Fatalf("no matching Slack call after 10s; calls: %s", s.describe())
			return Call{}
		}
	}
}

func (s *Server) describe() string {
	var b strings.Builder
	for _, c := range s.Calls() {
		fmt.Fprintf(&b, "\n  %s channel=%s thread=%s ts=%s text=%.80q", c.Method, c.Get("channel"), c.Get("thread_ts"), c.Get("ts"), c.Get("text"))
	}
	return b.String()
}

// Send delivers a Socket Mode envelope to the bot and waits (up to 10
// seconds) for its acknowledgement.
func (s *Server) Send(envelopeType, envelopeID string, retry int, payload any) {
	s.tb.Helper()
	raw, err := json.Marshal(map[string]any{"envelope_id": envelopeID, "type": envelopeType, "payload": payload,
		"accepts_response_payload": envelopeType != "events_api", "retry_attempt": retry, "retry_reason": map[bool]string{true: "timeout"}[retry > 0]})
	if err != nil {
		s.tb.Fatal(err)
	}
	s.toBot <- raw
	deadline := time.After(10 * time.Second)
	for {
		select {
		case id := <-s.acks:
			if id == envelopeID {
				return
			}
		case <-deadline:
			s.tb.Fatalf("envelope %s was not acknowledged", envelopeID)
		}
	}
}

// Event wraps an inner event as an Events API callback.
func Event(eventID string, inner map[string]any) map[string]any {
	return map[string]any{"token": "t", "team_id": "T1", "api_app_id": "A1", "type": "event_callback", "event_id": eventID, "event_time": 1, "event": inner}
}

func (s *Server) record(c Call) {
	s.mu.Lock()
	s.calls = append(s.calls, c)
	s.mu.Unlock()
	select {
	case s.notify <- struct{}{}:
	default:
	}
}

func (s *Server) ts() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextTS++
	return fmt.Sprintf("1700000000.%06d", s.nextTS)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/ws":
		s.serveSocket(w, r)
		return
	case strings.HasPrefix(r.URL.Path, "/files/"):
		s.serveDownload(w, r)
		return
	}
	method := strings.TrimPrefix(r.URL.Path, "/api/")
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	c := Call{Method: method, Form: map[string]string{}}
	for k, v := range r.Form {
		c.Form[k] = strings.Join(v, ",")
	}
	// slack-go sends the token as a form field or a bearer header.
	auth := r.Header.Get("Authorization")
	if tok := r.Form.Get("token"); tok != "" {
		auth = "Bearer " + tok
	}
	delete(c.Form, "token")
	switch method {
	case "apps.connections.open":
		if !strings.HasPrefix(auth, "Bearer xapp-") {
			writeJSON(w, map[string]any{"ok": false, "error": "invalid_auth"})
			return
		}
		writeJSON(w, map[string]any{"ok": true, "url": "ws" + strings.TrimPrefix(s.URL, "http") + "/ws"})
		return
	}
	if !strings.HasPrefix(auth, "Bearer xoxb-") {
		writeJSON(w, map[string]any{"ok": false, "error": "not_authed"})
		return
	}
	switch method {
	case "auth.test":
		s.record(c)
		writeJSON(w, map[string]any{"ok": true, "user_id": BotUserID, "user": "newsbot", "team": "Newsroom", "team_id": "T1"})
	case "chat.postMessage":
		s.mu.Lock()
		limited := s.rateLimitOnce
		s.rateLimitOnce = false
		s.mu.Unlock()
		if limited {
			s.record(Call{Method: method + " (rate limited)", Form: c.Form})
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		c.TS = s.ts()
		s.record(c)
		writeJSON(w, map[string]any{"ok": true, "channel": c.Get("channel"), "ts": c.TS})
	case "chat.update":
		s.record(c)
		writeJSON(w, map[string]any{"ok": true, "channel": c.Get("channel"), "ts": c.Get("ts")})
	case "chat.postEphemeral":
		c.TS = s.ts()
		s.record(c)
		writeJSON(w, map[string]any{"ok": true, "message_ts": c.TS})
	case "conversations.open":
		s.record(c)
		user := c.Get("users")
		if user == "" || strings.Contains(user, ",") {
			writeJSON(w, map[string]any{"ok": false, "error": "not_implemented"})
			return
		}
		s.mu.Lock()
		im, ok := s.ims[user]
		s.mu.Unlock()
		if !ok {
			im = "D" + user
		}
		writeJSON(w, map[string]any{"ok": true, "channel": map[string]any{"id": im, "is_im": true, "user": user}})
	case "reactions.add":
		s.record(c)
		writeJSON(w, map[string]any{"ok": true})
	case "conversations.replies":
		s.record(c)
		s.mu.Lock()
		msgs := s.replies[c.Get("ts")]
		s.mu.Unlock()
		writeJSON(w, map[string]any{"ok": true, "messages": msgs, "has_more": false})
	case "files.info":
		s.record(c)
		s.mu.Lock()
		f, ok := s.files[c.Get("file")]
		s.mu.Unlock()
		if !ok {
			writeJSON(w, map[string]any{"ok": false, "error": "file_not_found"})
			return
		}
		size := len(f.Content)
		if f.AnnouncedSize > 0 {
			size = f.AnnouncedSize
		}
		writeJSON(w, map[string]any{"ok": true, "file": map[string]any{"id": f.ID, "name": f.Name, "size": size,
			"url_private_download": s.URL + "/files/" + f.ID + "/" + f.Name}})
	default:
		s.record(c)
		writeJSON(w, map[string]any{"ok": false, "error": "unknown_method"})
	}
}

func (s *Server) serveDownload(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") == "" {
		http.Error(w, "sign in", http.StatusForbidden)
		return
	}
	id, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/files/"), "/")
	s.mu.Lock()
	f, ok := s.files[id]
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	s.record(Call{Method: "file download", Form: map[string]string{"file": id}})
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Write(f.Content)
	if f.Padding > 0 {
		io.CopyN(w, padding{}, f.Padding)
	}
}

// padding reads as an endless run of 'x'.
type padding struct{}

func (padding) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

// serveSocket speaks Socket Mode: hello, then the envelopes given to Send,
// with a ping now and then; it reads the bot's acknowledgements.
func (s *Server) serveSocket(w http.ResponseWriter, r *http.Request) {
	conn, err := s.upgrade.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	var writeMu sync.Mutex
	write := func(kind int, data []byte) error {
		writeMu.Lock()
		defer writeMu.Unlock()
		if kind == websocket.PingMessage {
			return conn.WriteControl(kind, data, time.Now().Add(time.Second))
		}
		return conn.WriteMessage(kind, data)
	}
	if err := write(websocket.TextMessage, []byte(`{"type":"hello","num_connections":1,"connection_info":{"app_id":"A1"},"debug_info":{"host":"fake"}}`)); err != nil {
		return
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			_, msg, err := conn.ReadMessage()
			if err != nil {
				return
			}
			var ack struct {
				EnvelopeID string `json:"envelope_id"`
			}
			if json.Unmarshal(msg, &ack) == nil && ack.EnvelopeID != "" {
				s.acks <- ack.EnvelopeID
			}
		}
	}()
	ping := time.NewTicker(100 * time.Millisecond)
	defer ping.Stop()
	for {
		select {
		case <-done:
			return
		case <-r.Context().Done():
			return
		case msg := <-s.toBot:
			if err := write(websocket.TextMessage, msg); err != nil {
				return
			}
		case <-ping.C:
			if err := write(websocket.PingMessage, []byte("ping")); err != nil {
				return
			}
		}
	}
}
