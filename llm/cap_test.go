package llm

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/askbot/internal/testutil/fakeopenai"
)

// hugeReply is the size of the reply of a model that ignored max_tokens
// (red-team report, issue 18).
const hugeReply = 7_600_000

// streamBody is an SSE body of n bytes of answer in events of size bytes.
func streamBody(n, size int) []byte {
	var b bytes.Buffer
	piece := strings.Repeat("word ", size/5)
	for written := 0; written < n; written += len(piece) {
		raw, _ := json.Marshal(map[string]any{"id": "c1", "object": "chat.completion.chunk", "choices": []any{map[string]any{"index": 0, "delta": map[string]any{"content": piece}}}})
		fmt.Fprintf(&b, "data: %s\n\n", raw)
	}
	b.WriteString("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n")
	return b.Bytes()
}

// jsonBody is a chat-completions JSON body whose answer is n bytes.
func jsonBody(n int) []byte {
	raw, _ := json.Marshal(map[string]any{"id": "c1", "object": "chat.completion",
		"choices": []any{map[string]any{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": strings.Repeat("word ", n/5)}}}})
	return raw
}

// bodyServer answers every request with body as it is, stopping when the
// client goes away.
func bodyServer(tb testing.TB, contentType string, body []byte) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		for rest := body; len(rest) > 0 && r.Context().Err() == nil; {
			n := min(len(rest), 32<<10)
			if _, err := w.Write(rest[:n]); err != nil {
				return
			}
			rest = rest[n:]
		}
	}))
	tb.Cleanup(srv.Close)
	return srv
}

// A model that ignores max_tokens is cut off at MaxAnswerBytes, streamed or
// not, with the reason people are shown; what was streamed before stays
// under the cap. Answers within the cap are untouched.
func TestAnswerIsCapped(t *testing.T) {
	tests := []struct {
		name        string
		contentType string
		body        []byte
		stream      bool
	}{
		{"streamed in small events", "text/event-stream", streamBody(hugeReply, 1000), true},
		{"streamed as one event", "text/event-stream", streamBody(hugeReply, hugeReply), true},
		{"not streamed", "application/json", jsonBody(hugeReply), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := bodyServer(t, tt.contentType, tt.body)
			c := New(Config{BaseURL: srv.URL + "/v1", Model: "m", Timeout: 30 * time.Second, MaxTokens: 300})
			var err error
			var text string
			streamed := 0
			if tt.stream {
				text, err = c.Stream(t.Context(), []Message{{Role: "user", Content: "hi"}}, func(s string) { streamed += len(s) })
			} else {
				text, err = c.Complete(t.Context(), []Message{{Role: "user", Content: "hi"}})
			}
			var le *Error
			if !errors.As(err, &le) || le.Kind != Unavailable || le.Reason != "the model's answer was too long" {
				t.Fatalf("a %d-byte answer: %q (%d bytes), err %v; want Unavailable, too long", hugeReply, text[:min(len(text), 40)], len(text), err)
			}
			if streamed > minAnswerBytes {
				t.Errorf("%d bytes streamed to the caller, over the cap of %d", streamed, minAnswerBytes)
			}
		})
	}
	// Within the cap: the whole answer.
	for _, stream := range []bool{true, false} {
		srv := fakeopenai.New(t, fakeopenai.Reply(strings.Repeat("word ", 2000)))
		c := New(Config{BaseURL: srv.BaseURL(), Model: "m", Timeout: 30 * time.Second, MaxAnswerBytes: 10_000})
		var text string
		var err error
		if stream {
			text, err = c.Stream(t.Context(), []Message{{Role: "user", Content: "hi"}}, nil)
		} else {
			text, err = c.Complete(t.Context(), []Message{{Role: "user", Content: "hi"}})
		}
		if err != nil || len(text) != 10_000 {
			t.Errorf("stream %v: an answer at the cap gave %d bytes, err %v", stream, len(text), err)
		}
	}
}

// BenchmarkModelIgnoringMaxTokens measures what reading a 7.6 MB reply
// costs the bot (B/op: memory allocated, the server's included).
func BenchmarkModelIgnoringMaxTokens(b *testing.B) {
	for _, tt := range []struct {
		name, contentType string
		body              []byte
		stream            bool
	}{
		{"streamed", "text/event-stream", streamBody(hugeReply, 1000), true},
		{"one event", "text/event-stream", streamBody(hugeReply, hugeReply), true},
		{"json", "application/json", jsonBody(hugeReply), false},
	} {
		b.Run(tt.name, func(b *testing.B) {
			srv := bodyServer(b, tt.contentType, tt.body)
			c := New(Config{BaseURL: srv.URL + "/v1", Model: "m", Timeout: time.Minute, MaxTokens: 300})
			b.ReportAllocs()
			for b.Loop() {
				var text string
				if tt.stream {
					text, _ = c.Stream(b.Context(), []Message{{Role: "user", Content: "hi"}}, nil)
				} else {
					text, _ = c.Complete(b.Context(), []Message{{Role: "user", Content: "hi"}})
				}
				b.ReportMetric(float64(len(text)), "answer-bytes")
			}
		})
	}
}
