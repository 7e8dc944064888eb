package weaviate_test

import (
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
