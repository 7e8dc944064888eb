package weaviate_test

import (
	"strings"
	"testing"
	"time"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/weaviate"
	"github.com/newsroom/askbot/text"
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

// A store whose chunks were indexed in the earlier form (every property
// with Weaviate's default indexes) is written again whole by the next
// write, which says so; the version numbers go on, the questions answer
// from the new version, and the write after that writes nothing.
func TestIndexedChunksRebuilt(t *testing.T) {
	ctx := t.Context()
	_, st := newStore(t, "Indexed")
	if err := weaviate.CreateIndexedChunks(ctx, st); err != nil {
		t.Fatal(err)
	}
	g, _ := retrieval.NewGloVeEmbedder()
	opts := weaviate.WriteOptions{Embedder: g}
	first, err := st.Write(ctx, dispatches(5, 0, ""), opts)
	if err != nil {
		t.Fatal(err)
	}
	if !first.Rebuilt || len(first.Changes.Added) != 5 || first.Version != 1 {
		t.Errorf("first write into indexed chunks: rebuilt %t, added %v, version %d; want rebuilt, 5 added, version 1", first.Rebuilt, first.Changes.Added, first.Version)
	}
	if err := weaviate.CreateIndexedChunksAgain(ctx, st); err != nil {
		t.Fatal(err)
	}
	second, err := st.Write(ctx, dispatches(5, 1, "evening"), opts)
	if err != nil {
		t.Fatal(err)
	}
	if !second.Rebuilt || len(second.Changes.Added) != 5 || second.Version != 2 {
		t.Errorf("second write after the chunks were indexed again: rebuilt %t, added %v, version %d; want rebuilt, 5 added, version 2", second.Rebuilt, second.Changes.Added, second.Version)
	}
	v, err := st.Pin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got, err := v.Lexical(ctx, text.QueryTerms("evening"), retrieval.Filter{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].DocID != "d-000" {
		t.Errorf("after the rebuild a question found %v, want d-000's chunk", got)
	}
	third, err := st.Write(ctx, dispatches(5, 1, "evening"), opts)
	if err != nil {
		t.Fatal(err)
	}
	if third.Rebuilt || third.Unchanged != 5 || third.Version != 2 {
		t.Errorf("third write: rebuilt %t, unchanged %d, version %d; want no rebuild, 5 unchanged, version 2", third.Rebuilt, third.Unchanged, third.Version)
	}
}

// So is a store whose frequency rows were made in the earlier form.
func TestIndexedFrequenciesRebuilt(t *testing.T) {
	ctx := t.Context()
	_, st := newStore(t, "IndexedFreq")
	if err := weaviate.CreateIndexedFrequencies(ctx, st); err != nil {
		t.Fatal(err)
	}
	g, _ := retrieval.NewGloVeEmbedder()
	rep, err := st.Write(ctx, dispatches(3, 0, ""), weaviate.WriteOptions{Embedder: g})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Rebuilt || len(rep.Changes.Added) != 3 {
		t.Errorf("a write into frequency rows of the earlier form: rebuilt %t, added %v; want rebuilt, 3 added", rep.Rebuilt, rep.Changes.Added)
	}
	v, err := st.Pin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	f, err := v.Frequencies(ctx, text.QueryTerms("harbour"), retrieval.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if f.Chunks != 3 || f.Body[text.QueryTerms("harbour")[0]] != 3 {
		t.Errorf("after the rebuild: %d chunks, harbour in %v; want 3 and 3", f.Chunks, f.Body)
	}
}
