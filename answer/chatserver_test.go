package answer

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

// chatRequest is what the fake server reads of a chat-completions request.
type chatRequest struct {
	Model       string  `json:"model"`
	Stream      bool    `json:"stream"`
	Temperature float64 `json:"temperature"`
	Messages    []struct {
		Role    string `json:"role"`
		Content string `json:"content"`
	} `json:"messages"`
	raw map[string]any
	ctx context.Context
}

// user returns the last user message.
func (r chatRequest) user() string {
	for i := len(r.Messages) - 1; i >= 0; i-- {
		if r.Messages[i].Role == "user" {
			return r.Messages[i].Content
		}
	}
	return ""
}

var passageRE = regexp.MustCompile(`(?s)<passage (\d+)>\n(.*?)\n</passage \d+>`)

// passageWith returns the number of the first passage of the prompt that
// contains text, or 0.
func (r chatRequest) passageWith(text string) int {
	for _, m := range passageRE.FindAllStringSubmatch(r.user(), -1) {
		if strings.Contains(m[2], text) {
			var n int
			fmt.Sscan(m[1], &n)
			return n
		}
	}
	return 0
}

func (r chatRequest) passageCount() int { return len(passageRE.FindAllString(r.user(), -1)) }

// chatServer is an OpenAI-compatible chat-completions endpoint in the test.
// Each request is answered by the next handler; the last one repeats.
type chatServer struct {
	*httptest.Server
	mu       sync.Mutex
	handlers []func(w http.ResponseWriter, req chatRequest)
	requests []chatRequest
}

func newChatServer(t testing.TB, handlers ...func(w http.ResponseWriter, req chatRequest)) *chatServer {
	t.Helper()
	s := &chatServer{handlers: handlers}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/chat/completions" {
			http.Error(w, `{"error":{"message":"no such path","type":"invalid_request_error"}}`, http.StatusNotFound)
			return
		}
		var req chatRequest
		var body map[string]any
		dec := json.NewDecoder(r.Body)
		if err := dec.Decode(&body); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		raw, _ := json.Marshal(body)
		json.Unmarshal(raw, &req)
		req.raw = body
		req.ctx = r.Context()
		s.mu.Lock()
		s.requests = append(s.requests, req)
		h := s.handlers[min(len(s.requests), len(s.handlers))-1]
		s.mu.Unlock()
		h(w, req)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *chatServer) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests)
}

func (s *chatServer) request(i int) chatRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[i]
}

// streamText answers with text streamed in a few SSE chunks, then a finish
// reason and [DONE]. The reply may use {n:TEXT} to cite the passage holding TEXT.
func streamText(reply string) func(http.ResponseWriter, chatRequest) {
	return func(w http.ResponseWriter, req chatRequest) {
		text := resolveCites(reply, req)
		if !req.Stream {
			writeJSON(w, map[string]any{"id": "c1", "object": "chat.completion", "model": req.Model,
				"choices": []any{map[string]any{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": text}}}})
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		for _, piece := range chunksOf(text, 12) {
			sse(w, map[string]any{"choices": []any{map[string]any{"index": 0, "delta": map[string]any{"content": piece}}}})
		}
		sse(w, map[string]any{"choices": []any{map[string]any{"index": 0, "delta": map[string]any{}, "finish_reason": "stop"}}})
		fmt.Fprint(w, "data: [DONE]\n\n")
	}
}

var citeRE = regexp.MustCompile(`\{n:([^}]*)\}`)

func resolveCites(reply string, req chatRequest) string {
	return citeRE.ReplaceAllStringFunc(reply, func(m string) string {
		return fmt.Sprint(req.passageWith(citeRE.FindStringSubmatch(m)[1]))
	})
}

func chunksOf(s string, n int) []string {
	var out []string
	r := []rune(s)
	for len(r) > n {
		out = append(out, string(r[:n]))
		r = r[n:]
	}
	return append(out, string(r))
}

func sse(w http.ResponseWriter, v any) {
	raw, _ := json.Marshal(map[string]any{"id": "c1", "object": "chat.completion.chunk", "model": "test-model", "choices": v.(map[string]any)["choices"]})
	fmt.Fprintf(w, "data: %s\n\n", raw)
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

// status answers with an OpenAI-style error.
func status(code int, errCode, msg string, header ...string) func(http.ResponseWriter, chatRequest) {
	return func(w http.ResponseWriter, _ chatRequest) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"message": msg, "type": "invalid_request_error", "code": errCode}})
	}
}

// raw answers with a body written as is.
func raw(contentType, body string) func(http.ResponseWriter, chatRequest) {
	return func(w http.ResponseWriter, _ chatRequest) {
		w.Header().Set("Content-Type", contentType)
		fmt.Fprint(w, body)
	}
}
