package slackbot

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/memory"
)

// downStore is an in-process store whose Ready says what a remote one's would.
type downStore struct {
	*memory.Store
	down atomic.Bool
}

func (d *downStore) Ready(context.Context) error {
	if d.down.Load() {
		return errors.New("dial tcp 127.0.0.1:8080: connect: connection refused")
	}
	return nil
}

// Readiness asks the document store: a bot whose store does not answer is
// not ready, though it runs and is connected.
func TestReadyzAsksTheStore(t *testing.T) {
	h := startBotWith(t, nil, nil)
	store := &downStore{Store: h.local}
	h.engine.SetSearcher(retrieval.NewSearcher(store, h.local.Index().Embedder(), retrieval.DefaultChunker))
	readyz := func() (int, string) {
		rec := httptest.NewRecorder()
		h.bot.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/readyz", nil))
		return rec.Code, rec.Body.String()
	}
	h.mention(t, "Ev1", reporter, "C1", "100.1", "", "Who denied meeting Russian officials?", 0)
	h.finalAnswer(t, "C1", "100.1")
	if code, body := readyz(); code != 200 {
		t.Fatalf("store up: %d %q", code, body)
	}
	store.down.Store(true)
	if code, body := readyz(); code != 503 || !strings.Contains(body, "document store") || strings.Contains(body, "127.0.0.1") {
		t.Errorf("store down: %d %q, want 503 naming the store (not its address)", code, body)
	}
}
