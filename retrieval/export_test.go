package retrieval

import (
	"context"
	"fmt"
	"github.com/newsroom/askbot/text"
)

// What only the tests and benchmarks use.

// ChromemQuery embeds query and returns the cosine similarity of the n
// nearest chunks by chromem-go's own QueryEmbedding, by chunk index: the
// reference the scan is measured and tested against.
func (ix *Index) ChromemQuery(ctx context.Context, query string, n int) (map[int]float64, error) {
	dense, q, err := ix.embedQuery(ctx, query)
	if err != nil || q == nil {
		return nil, err
	}
	results, err := dense.coll.QueryEmbedding(ctx, q, min(n, dense.coll.Count()), nil, nil)
	if err != nil {
		return nil, fmt.Errorf("dense query: %w", err)
	}
	out := make(map[int]float64, len(results))
	for _, r := range results {
		if i, ok := dense.byKey[r.ID]; ok {
			out[i] = float64(r.Similarity)
		}
	}
	return out, nil
}

// DenseQuery embeds query and returns the cosine similarity of the n
// nearest chunks by the index's own scan, by chunk index.
func (ix *Index) DenseQuery(ctx context.Context, query string, n int) (map[int]float64, error) {
	return ix.denseSearch(ctx, query, n, nil)
}

// LexicalQuery returns the BM25 scores of the n best chunks, by chunk index.
func (ix *Index) LexicalQuery(query string, n int) map[int]float64 {
	out := map[int]float64{}
	for _, s := range ix.lex.Search(text.QueryTerms(query), n) {
		out[s.unit] = float64(s.score)
	}
	return out
}
