// Package fakeopenai is an OpenAI-compatible chat-completions server for
// tests: it speaks the wire format go-openai speaks, streaming (SSE, ending
// in "data: [DONE]") and not, answers each request with the next of a list
// of handlers, and records the requests.
package fakeopenai

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// Request is what the server read of a chat-completions request.
type Request struct {
	Model    string
	Stream   bool
	Messages []Message
	// Raw is the whole request body, to check fields such as temperature.
	Raw map[string]any
	// Authorization is the request's Authorization header.
	Authorization string
	ctx           context.Context
}

// Message is one chat message.
type Message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// Context is the request's context: done when the client gives up.
func (r Request) Context() context.Context { return r.ctx }

// User returns the last user message.
func (r Request) User() string {
	for i := len(r.Messages) - 1; i >= 0; i-- {
		if r.Messages[i].Role == "user" {
			return r.Messages[i].Content
		}
	}
	return ""
}

var passageRE = regexp.MustCompile(`(?s)<passage (\d+)>\n(.*?)\n</passage \d+>`)

// Passages returns the numbered passages of the prompt, by number.
func (r Request) Passages() map[int]string {
	out := map[int]string{}
	for _, m := range passageRE.FindAllStringSubmatch(r.User(), -1) {
		var n int
		fmt.Sscan(m[1], &n)
		out[n] = m[2]
	}
	return out
}

// PassageWith returns the number of the first passage holding text, or 0.
func (r Request) PassageWith(text string) int {
	best := 0
	for n, p := range r.Passages() {
		if strings.Contains(p, text) && (best == 0 || n < best) {
			best = n
		}
	}
	return best
}

// Handler answers one request.
type Handler func(w http.ResponseWriter, r Request)

// Server is the fake endpoint; its base URL for clients is URL + "/v1".
type Server struct {
	*httptest.Server
	mu       sync.Mutex
	handlers []Handler
	requests []Request
}

// New starts a server whose n-th request is answered by handlers[n] (the
// last handler answers the rest); it stops when the test ends.
func New(tb testing.TB, handlers ...Handler) *Server {
	tb.Helper()
	s := &Server{handlers: handlers}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/chat/completions" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"error":{"message":"no such path","type":"invalid_request_error"}}`)
			return
		}
		var raw map[string]any
		if err := json.NewDecoder(r.Body).Decode(&raw); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		var req struct {
			Model    string    `json:"model"`
			Stream   bool      `json:"stream"`
			Messages []Message `json:"messages"`
		}
		b, _ := json.Marshal(raw)
		json.Unmarshal(b, &req)
		rq := Request{Model: req.Model, Stream: req.Stream, Messages: req.Messages, Raw: raw, Authorization: r.Header.Get("Authorization"), ctx: r.Context()}
		s.mu.Lock()
		s.requests = append(s.requests, rq)
		h := s.handlers[min(len(s.requests), len(s.handlers))-1]
		s.mu.Unlock()
		h(w, rq)
	}))
	tb.Cleanup(s.Close)
	return s
}

// BaseURL is what a client's base URL should be.
func (s *Server) BaseURL() string { return s.URL + "/v1" }

// Count is the number of requests so far.
func (s *Server) Count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests)
}

// Request returns the i-th request.
func (s *Server) Request(i int) Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[i]
}

var citeRE = regexp.MustCompile(`\{n:([^}]*)\}`)

// Reply answers with text: streamed in small SSE chunks then a finish
// reason and [DONE], or as one JSON body when the client did not ask to
// stream. In text, {n:WORDS} becomes the number of the passage holding WORDS.
func Reply(text string) Handler {
	return Func(func(r Request) string {
		return citeRE.ReplaceAllStringFunc(text, func(m string) string {
			return fmt.Sprint(r.PassageWith(citeRE.FindStringSubmatch(m)[1]))
		})
	})
}

// Func answers with the text reply computes from the request, as Reply does.
func Func(reply func(Request) string) Handler {
	return func(w http.ResponseWriter, r Request) {
		text := reply(r)
		if !r.Stream {
			w.Header().Set("Content-Type", "application/json")
			json.NewEncoder(w).Encode(map[string]any{"id": "c1", "object": "chat.completion", "model": r.Model,
				"choices": []any{map[string]any{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": text}}}})
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		runes := []rune(text)
		for len(runes) > 0 {
			n := min(12, len(runes))
			Delta(w, string(runes[:n]))
			runes = runes[n:]
		}
		Finish(w)
	}
}

// Delta writes one streamed piece of text.
func Delta(w http.ResponseWriter, text string) {
	raw, _ := json.Marshal(map[string]any{"id": "c1", "object": "chat.completion.chunk", "model": "test-model",
		"choices": []any{map[string]any{"index": 0, "delta": map[string]any{"content": text}}}})
	fmt.Fprintf(w, "data: %s\n\n", raw)
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
}

// Finish ends a stream: a finish reason, then [DONE].
func Finish(w http.ResponseWriter) {
	fmt.Fprint(w, "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n")
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
}

// Status answers with an OpenAI-style error and optional headers.
func Status(code int, errCode, msg string, header ...string) Handler {
	return func(w http.ResponseWriter, _ Request) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"message": msg, "type": "invalid_request_error", "code": errCode}})
	}
}

// Raw answers with a body written as is.
func Raw(contentType, body string) Handler {
	return func(w http.ResponseWriter, _ Request) {
		w.Header().Set("Content-Type", contentType)
		fmt.Fprint(w, body)
	}
}

// Hang holds the request until the client gives up.
func Hang(_ http.ResponseWriter, r Request) { <-r.Context().Done() }
