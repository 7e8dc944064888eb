package weaviate_test

import (
	"strings"
	"testing"
	"time"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/weaviate"
)

// A store written before document rows kept their collection, withdrawn
// flag and embargo is upgraded in place: its classes get the properties,
// a version published in the earlier form is counted whole (as before)
// without failing, and the next write rewrites every document once, after
// which an asker's statistics are their own.
func TestEarlierFormUpgraded(t *testing.T) {
	ctx := t.Context()
	c, st := newStore(t, "Upgrade")
	if err := weaviate.EnsureEarlierForm(ctx, st); err != nil {
		t.Fatal(err)
	}
	g, _ := retrieval.NewGloVeEmbedder()
	doc := func(id, path, text string) *corpus.Document {
		return &corpus.Document{ID: id, Path: path, Title: "Note", Source: "Harbour Desk", Text: text, Paragraphs: []corpus.Span{{Start: 0, End: len(text)}}}
	}
	docs := []*corpus.Document{
		doc("a", "news/a.txt", "The ferry crews walked out over pay."),
		doc("b", "news/b.txt", "The council approved the harbour budget."),
		doc("m", "desk/m.txt", "Pelagia Strunkvold leaked the harbour memo."),
	}
	opts := weaviate.WriteOptions{Embedder: g, CollectionOf: func(d *corpus.Document) string {
		if strings.HasPrefix(d.Path, "desk/") {
			return "desk"
		}
		return ""
	}}
	public := retrieval.Filter{Now: time.Now(), Collections: []string{""}}
	strunkvold := func(st *weaviate.Store) int {
		t.Helper()
		v, err := st.Pin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		f, err := v.Frequencies(ctx, []string{"strunkvold"}, public)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := v.Scope(ctx, public); err != nil {
			t.Fatal(err)
		}
		return f.Body["strunkvold"]
	}
	if _, err := st.Write(ctx, docs, opts); err != nil {
		t.Fatalf("writing a store of the earlier form: %v", err)
	}
	if n := strunkvold(st); n != 0 {
		t.Errorf("the public counts %d chunks with the desk's name", n)
	}

	if err := weaviate.ForgetForm(ctx, st); err != nil {
		t.Fatal(err)
	}
	earlier, _ := weaviate.NewStore(c, "Upgrade", weaviate.ClassOptions{})
	if n := strunkvold(earlier); n != 1 {
		t.Errorf("a version of the earlier form: the public counts %d chunks with the desk's name, want the whole corpus's 1", n)
	}
	rep, err := earlier.Write(ctx, docs, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Changes.Changed) != len(docs) {
		t.Errorf("the write after an earlier form rewrote %v, want every document", rep.Changes.Changed)
	}
	if n := strunkvold(earlier); n != 0 {
		t.Errorf("after the rewrite the public counts %d chunks with the desk's name", n)
	}
}
