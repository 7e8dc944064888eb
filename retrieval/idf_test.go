package retrieval

import (
	"testing"

	"github.com/newsroom/askbot/internal/testutil/testcorpus"
	"github.com/newsroom/askbot/text"
)

// In the one-story bundled corpus, the story's own subject is in most
// chunks: the plain IDF gives it a small share of the weight of a word
// found once, the reading IDF about what a large archive would.
func TestReadingIDFCountsASmallCorpusAsALargeOne(t *testing.T) {
	g, err := NewGloVeEmbedder()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := build(t.Context(), testcorpus.BundledDocs(t), g, Chunker{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(ix.chunks); n >= MinReadingChunks {
		t.Fatalf("the bundled corpus has %d chunks: not a small corpus", n)
	}
	common, rare := text.Term("russia"), text.Term("novikov")
	if ix.lex.body.df(common) < 2 || ix.lex.body.df(rare) != 1 {
		t.Fatalf("document frequencies %d and %d: the fixture changed", ix.lex.body.df(common), ix.lex.body.df(rare))
	}
	plain := ix.lex.IDF(rare) / ix.lex.IDF(common)
	reading := ix.IDF(rare) / ix.IDF(common)
	if plain < 3 || reading > 1.5 {
		t.Errorf("a word found once weighs %.2f times the story's subject by the plain IDF (want ≥ 3), %.2f by the reading IDF (want ≤ 1.5)", plain, reading)
	}
}
