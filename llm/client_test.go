package llm

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestParseRetryAfter(t *testing.T) {
	for in, want := range map[string]time.Duration{"": 0, "2": 2 * time.Second, "0.5": 500 * time.Millisecond, "soon": 0, "-3": 0} {
		if got := parseRetryAfter(in); got != want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", in, got, want)
		}
	}
	if got := parseRetryAfter(time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)); got < 59*time.Minute {
		t.Errorf("HTTP date: %v", got)
	}
}

func TestRetryAfterIsCapped(t *testing.T) {
	calls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		w.Header().Set("Retry-After", "3600")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusTooManyRequests)
		w.Write([]byte(`{"error":{"message":"slow down","type":"rate_limit"}}`))
	}))
	defer srv.Close()
	c := New(Config{BaseURL: srv.URL + "/v1", Model: "m", Timeout: 5 * time.Second, MaxRetryWait: time.Millisecond, Retries: 1})
	_, err := c.Complete(t.Context(), []Message{{Role: "user", Content: "hi"}})
	var le *Error
	if !errors.As(err, &le) || le.Kind != Unavailable || calls != 2 {
		t.Fatalf("err %v after %d calls: want Unavailable after one capped retry", err, calls)
	}
}

// The wait before a retry is what Retry-After asks (not the default
// backoff), capped by MaxRetryWait.
func TestRetryAfterIsHonoured(t *testing.T) {
	for _, tt := range []struct {
		header string
		want   time.Duration
	}{{"3", 3 * time.Second}, {"30", 10 * time.Second}} {
		calls := 0
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			calls++
			w.Header().Set("Content-Type", "application/json")
			if calls == 1 {
				w.Header().Set("Retry-After", tt.header)
				w.WriteHeader(http.StatusTooManyRequests)
				w.Write([]byte(`{"error":{"message":"slow down","type":"rate_limit"}}`))
				return
			}
			w.Write([]byte(`{"id":"c","object":"chat.completion","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"ok"}}]}`))
		}))
		c := New(Config{BaseURL: srv.URL + "/v1", Model: "m", Timeout: time.Minute, MaxRetryWait: 10 * time.Second, Retries: 2})
		var waits []time.Duration
		c.sleep = func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil }
		out, err := c.Complete(t.Context(), []Message{{Role: "user", Content: "hi"}})
		srv.Close()
		if err != nil || out != "ok" || len(waits) != 1 || waits[0] != tt.want {
			t.Errorf("Retry-After %s: out %q, err %v, waits %v; want one wait of %s", tt.header, out, err, waits, tt.want)
		}
	}
}
