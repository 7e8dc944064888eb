package weaviate_test

import (
	"context"
	"testing"
	"time"

	"github.com/newsroom/askbot/internal/testutil/weaviatetest"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/weaviate"
)

// Readiness follows the server: a store that does not answer is not ready,
// though questions may still pin the version read last (Pin falls back on
// it, for a cluster electing a leader); an empty store is not ready either.
func TestReadyFollowsTheServer(t *testing.T) {
	s := weaviatetest.Start(t)
	ctx := t.Context()
	c, _ := weaviate.New(s.URL, "", weaviate.WithGRPC(s.GRPC))
	st, err := weaviate.NewStore(c, "Ready", weaviate.ClassOptions{})
	if err != nil {
		t.Fatal(err)
	}
	g, _ := retrieval.NewGloVeEmbedder()
	r := retrieval.NewSearcher(st, g, retrieval.DefaultChunker)
	if err := r.Ready(ctx); err == nil {
		t.Error("an empty store is ready")
	}
	if _, err := st.Write(ctx, dispatches(3, 0, ""), weaviate.WriteOptions{Embedder: g}); err != nil {
		t.Fatal(err)
	}
	if err := r.Ready(ctx); err != nil {
		t.Fatalf("a written store is not ready: %v", err)
	}
	s.Kill()
	short, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := r.Ready(short); err == nil {
		t.Error("ready with the server killed")
	}
	if _, err := st.Pin(ctx); err != nil {
		t.Errorf("pin with the server killed: %v (the version read last should do)", err)
	}
	s.Restart(t)
	if err := r.Ready(ctx); err != nil {
		t.Errorf("not ready once the server is back: %v", err)
	}
}
