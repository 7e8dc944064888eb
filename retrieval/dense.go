package retrieval

import (
	"context"
	"errors"
	"fmt"
)

// embedQuery returns the query's vector, or nil when there is nothing to
// search: no vectors, or no embeddable word (BM25 alone then).
func (ix *Index) embedQuery(ctx context.Context, query string) ([]float32, error) {
	if ix.vectors == nil {
		return nil, errors.New("retrieval: a remote store's candidates have no local vectors")
	}
	n, err := ix.vectors.Count()
	if err != nil {
		return nil, fmt.Errorf("load vectors: %w", err)
	}
	if n == 0 {
		return nil, nil
	}
	vecs, err := ix.embedder.Embed(ctx, []string{query})
	if err != nil {
		return nil, fmt.Errorf("embed query: %w", err)
	}
	if len(vecs) == 0 {
		return nil, nil
	}
	return vecs[0], nil
}

// denseSearch returns the cosine similarity of the n nearest chunks, by
// the index's Vectors.
func (ix *Index) denseSearch(ctx context.Context, query string, n int, keep func(unit int) bool) (map[int]float64, error) {
	q, err := ix.embedQuery(ctx, query)
	if err != nil || q == nil {
		return nil, err
	}
	matches, err := ix.vectors.Nearest(ctx, q, n, keep)
	if err != nil {
		return nil, err
	}
	out := make(map[int]float64, len(matches))
	for _, m := range matches {
		out[m.Chunk] = float64(m.Similarity)
	}
	return out, nil
}
