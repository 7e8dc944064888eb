package retrieval

import (
	"context"
	"slices"

	"github.com/newsroom/askbot/corpus"
)

// What only the tests use.

// build makes the index of docs with exactVectors: the ranking's tests
// need vectors, not package memory's store of them.
func build(ctx context.Context, docs []*corpus.Document, embedder Embedder, chunker Chunker) (*Index, error) {
	vs := &exactVectors{}
	ix, err := NewIndex(IndexData{Docs: docs, Embedder: embedder, Chunker: chunker, Vectors: vs, Key: "test"})
	if err != nil {
		return nil, err
	}
	texts := make([]string, len(ix.chunks))
	for i := range ix.chunks {
		texts[i] = EmbedText(ix.docs[ix.chunks[i].DocID], &ix.chunks[i])
	}
	if vs.rows, err = EmbedTexts(ctx, embedder, texts, nil); err != nil {
		return nil, err
	}
	return ix, nil
}

// exactVectors are chunk vectors searched exhaustively with float32 dot
// products (row i is chunk i's; nil: nothing embeddable).
type exactVectors struct{ rows [][]float32 }

func (v *exactVectors) Count() (int, error) {
	n := 0
	for _, r := range v.rows {
		if r != nil {
			n++
		}
	}
	return n, nil
}

func (v *exactVectors) Nearest(_ context.Context, q []float32, n int, keep func(int) bool) ([]Nearby, error) {
	var out []Nearby
	for i, r := range v.rows {
		if len(r) != len(q) || keep != nil && !keep(i) {
			continue
		}
		var dot float32
		for j, x := range q {
			dot += x * r[j]
		}
		out = append(out, Nearby{i, dot})
	}
	slices.SortStableFunc(out, func(a, b Nearby) int {
		switch {
		case a.Similarity > b.Similarity:
			return -1
		case a.Similarity < b.Similarity:
			return 1
		}
		return 0
	})
	return out[:min(n, len(out))], nil
}
