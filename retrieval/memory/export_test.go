package memory

import (
	"context"
	"fmt"
	"sync"

	"github.com/newsroom/askbot/retrieval"
)

// What only the tests and benchmarks use.

// chunkOfKey maps each denseIndex's vector keys to chunk indexes, made on
// ChromemQuery's first use of it.
var chunkOfKey sync.Map

// ChromemQuery embeds query and returns the cosine similarity of the n
// nearest chunks by chromem-go's own QueryEmbedding, by chunk index: the
// reference the scan is measured and tested against.
func ChromemQuery(ctx context.Context, ix *retrieval.Index, query string, n int) (map[int]float64, error) {
	dense, q, err := embedQuery(ctx, ix, query)
	if err != nil || q == nil {
		return nil, err
	}
	results, err := dense.coll.QueryEmbedding(ctx, q, min(n, dense.coll.Count()), nil, nil)
	if err != nil {
		return nil, fmt.Errorf("dense query: %w", err)
	}
	byKey, _ := chunkOfKey.LoadOrStore(dense, sync.OnceValue(func() map[string]int {
		m := make(map[string]int, len(dense.keys))
		for i, key := range dense.keys {
			m[key] = i
		}
		return m
	}))
	out := make(map[int]float64, len(results))
	for _, r := range results {
		if i, ok := byKey.(func() map[string]int)()[r.ID]; ok {
			out[i] = float64(r.Similarity)
		}
	}
	return out, nil
}

// DenseQuery embeds query and returns the cosine similarity of the n
// nearest chunks by the index's own scan, by chunk index: the dense
// ranking a question's candidates carry.
func DenseQuery(ctx context.Context, ix *retrieval.Index, query string, n int) (map[int]float64, error) {
	c, err := ix.Candidates(ctx, retrieval.Query{})
	if err != nil {
		return nil, err
	}
	return c.Dense(ctx, query, n, nil)
}

// embedQuery returns the index's vectors and query's vector.
func embedQuery(ctx context.Context, ix *retrieval.Index, query string) (*denseIndex, []float32, error) {
	dense, err := vectorsOf(ix)
	if err != nil {
		return nil, nil, err
	}
	vecs, err := ix.Embedder().Embed(ctx, []string{query})
	if err != nil || len(vecs) == 0 {
		return nil, nil, err
	}
	return dense, vecs[0], nil
}
