package retrieval

import (
	"math"
	"testing"

	"github.com/newsroom/askbot/internal/testutil/testcorpus"
)

// Fusion never divides zero by zero: a query no chunk matches lexically
// (best BM25 score 0) and dense candidates that all score alike (max =
// min cosine) give finite scores, ranked by what is known.
func TestFusionScoresAreFinite(t *testing.T) {
	g, err := NewGloVeEmbedder()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := build(t.Context(), testcorpus.BundledDocs(t), g, Chunker{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ix.chunks) < 3 {
		t.Fatalf("%d chunks; the test needs 3", len(ix.chunks))
	}
	lex := make([]float32, len(ix.chunks))
	opts := SearchOptions{DenseWeight: 0.5}
	tests := []struct {
		name   string
		lexTop []scored
		dense  map[int]float64
	}{
		{"no lexical match, one dense candidate", []scored{{Unit: 0, Score: 0}}, map[int]float64{1: 0.42}},
		{"no lexical match, dense candidates tied", []scored{{Unit: 0, Score: 0}}, map[int]float64{1: 0.42, 2: 0.42}},
		{"no candidates scored at all", nil, map[int]float64{2: 0}},
	}
	for _, tt := range tests {
		sc := newScorer(lex, tt.lexTop, tt.dense, nil, opts)
		units := []int{0}
		for u := range tt.dense {
			units = append(units, u)
		}
		for _, u := range units {
			h := ix.hit(sc, u)
			if math.IsNaN(h.Score) || math.IsInf(h.Score, 0) {
				t.Errorf("%s: chunk %d scored %v", tt.name, u, h.Score)
			}
		}
	}
	// A lexical match still ranks by BM25 when the dense scores are tied.
	lex[0] = 3
	sc := newScorer(lex, []scored{{Unit: 0, Score: 3}}, map[int]float64{0: 0.42, 1: 0.42}, nil, opts)
	if a, b := ix.hit(sc, 0).Score, ix.hit(sc, 1).Score; !(a > b) || math.IsNaN(b) {
		t.Errorf("the lexical match scored %v, the other %v", a, b)
	}
}
