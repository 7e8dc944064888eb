package memory_test

import (
	"testing"

	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/memory"
	"github.com/newsroom/askbot/retrieval/storetest"
	"github.com/newsroom/askbot/text"
)

// A question's index of a store's candidates (Gather) knows the corpus's frequencies of the
// question's words; those of other words (a model's answer) are fetched
// by LoadTerms, after which IDF is the whole index's.
func TestGatheredViewLoadsTermsOnDemand(t *testing.T) {
	g, err := retrieval.NewGloVeEmbedder()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := memory.Build(t.Context(), storetest.Docs(t), g, memory.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	remote := retrieval.NewSearcher(gathering{&contractStore{Store: memory.New(ix)}}, g, retrieval.DefaultChunker)
	view, res, err := remote.Search(t.Context(), "How many days does the phone battery last?", retrieval.Filter{}, retrieval.SearchOptions{K: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(view.Chunks()) >= len(ix.Chunks()) || len(res.Hits) == 0 {
		t.Fatalf("the view holds %d of %d chunks, %d hits", len(view.Chunks()), len(ix.Chunks()), len(res.Hits))
	}
	const answer = "The reviewer praised the sharp camera."
	terms := text.Terms(answer)
	stale := 0
	for _, term := range terms {
		if view.IDF(term) != ix.IDF(term) {
			stale++
		}
	}
	if stale == 0 {
		t.Fatal("every word of the answer was known before loading: the test proves nothing")
	}
	if err := view.LoadTerms(t.Context(), answer); err != nil {
		t.Fatal(err)
	}
	for _, term := range terms {
		if view.IDF(term) != ix.IDF(term) {
			t.Errorf("IDF(%s) = %v after loading, want %v", term, view.IDF(term), ix.IDF(term))
		}
	}
	if err := ix.LoadTerms(t.Context(), answer); err != nil {
		t.Errorf("an in-process index has every term: %v", err)
	}
}
