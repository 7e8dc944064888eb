package weaviate_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/weaviate"
)

// A document that cannot be stored (an embargo whose offset is a whole
// day: JSON has no form for it) fails the write, naming the document,
// before anything is written: the published version keeps answering,
// rather than a write that reports success and a store whose questions
// then fail on that document.
func TestUnstorableDocumentFailsTheWrite(t *testing.T) {
	ctx := t.Context()
	_, st := newStore(t, "Offsets")
	g, _ := retrieval.NewGloVeEmbedder()
	opts := weaviate.WriteOptions{Embedder: g}
	if _, err := st.Write(ctx, dispatches(5, 0, "first"), opts); err != nil {
		t.Fatal(err)
	}
	docs := dispatches(6, 2, "second")
	docs[5].Embargo = time.Date(2026, 12, 7, 0, 0, 0, 0, time.FixedZone("", 24*3600))
	_, err := st.Write(ctx, docs, opts)
	if err == nil || !strings.Contains(err.Error(), docs[5].ID) {
		t.Fatalf("writing a document with a +24:00 embargo: %v, want an error naming %s", err, docs[5].ID)
	}
	v, err := st.Pin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v.ID() != "Offsets@1" {
		t.Errorf("after the failed write the store is at %s, want Offsets@1", v.ID())
	}
	r := retrieval.NewSearcher(st, g, retrieval.DefaultChunker)
	if _, res, err := r.Search(ctx, "Which dispatch came from the harbour desk?", retrieval.Filter{Now: time.Now()}, retrieval.SearchOptions{K: 5}); err != nil || len(res.Hits) == 0 {
		t.Fatalf("a question after the failed write: %v", err)
	}
}

// A write sends its groups of documents without waiting for the last
// group's objects to be answered (see Store.Write): progress is still told
// a group at a time, in order, once the group is written, and a write that
// fails with its first groups' objects in flight publishes nothing and is
// cleared by the next.
func TestWriteStreamsItsGroups(t *testing.T) {
	ctx := t.Context()
	_, st := newStore(t, "Stream")
	g, _ := retrieval.NewGloVeEmbedder()
	const n = 180 // groups of 50, 100 and 30 documents
	var told []int
	rep, err := st.Write(ctx, dispatches(n, 0, "first"), weaviate.WriteOptions{Embedder: g, Progress: func(done, total int) {
		if total != n {
			t.Errorf("progress told of %d documents in all, want %d", total, n)
		}
		told = append(told, done)
	}})
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{50, 150, 180}; !slices.Equal(told, want) {
		t.Errorf("progress told %v, want %v", told, want)
	}
	if rep.Chunks != n || rep.Version != 1 {
		t.Errorf("the first write: %d chunks at version %d, want %d at 1", rep.Chunks, rep.Version, n)
	}

	// The embedder fails on the second group, while the first group's
	// objects are being written.
	failing := embedderFunc{Embedder: g, fail: func(texts []string) bool {
		return slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, "Dispatch 120 ") })
	}}
	if _, err := st.Write(ctx, dispatches(n, n, "second"), weaviate.WriteOptions{Embedder: failing}); err == nil || !strings.Contains(err.Error(), "embedding endpoint down") {
		t.Fatalf("a write whose embedder fails half way: %v", err)
	}
	if v, err := st.Pin(ctx); err != nil || v.ID() != "Stream@1" {
		t.Fatalf("after the failed write the store is at %v (%v), want Stream@1", v, err)
	}
	r := retrieval.NewSearcher(st, g, retrieval.DefaultChunker)
	_, res, err := r.Search(ctx, "Which dispatch came in the second edition?", retrieval.Filter{}, retrieval.SearchOptions{K: 5})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		if strings.Contains(h.Chunk.Text, "second") {
			t.Errorf("a question after the failed write found its chunk %q", h.Chunk.Text)
		}
	}
	rep, err = st.Write(ctx, dispatches(n, n, "third"), weaviate.WriteOptions{Embedder: g})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Changes.Changed) != n || rep.Version != 2 {
		t.Errorf("the write after the failed one: %d changed at version %d, want %d at 2", len(rep.Changes.Changed), rep.Version, n)
	}
}

// embedderFunc embeds with Embedder unless fail says a call's texts fail.
type embedderFunc struct {
	retrieval.Embedder
	fail func(texts []string) bool
}

func (e embedderFunc) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	if e.fail(texts) {
		return nil, errors.New("embedding endpoint down")
	}
	return e.Embedder.Embed(ctx, texts)
}
