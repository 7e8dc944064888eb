package memory

import (
	"context"
	"fmt"
	"strconv"
	"sync"

	chromem "github.com/philippgille/chromem-go"

	"github.com/newsroom/askbot/retrieval"
)

// What only the tests and benchmarks use.

// collections holds, for each denseIndex, a chromem-go collection of its
// vectors, made on ChromemQuery's first use of it.
var collections sync.Map

// ChromemQuery embeds query and returns the cosine similarity of the n
// nearest chunks by chromem-go's own QueryEmbedding over the index's
// vectors, by chunk index: the reference the scan is measured and tested
// against.
func ChromemQuery(ctx context.Context, ix *retrieval.Index, query string, n int) (map[int]float64, error) {
	dense, q, err := embedQuery(ctx, ix, query)
	if err != nil || q == nil {
		return nil, err
	}
	made, _ := collections.LoadOrStore(dense, sync.OnceValues(func() (*chromem.Collection, error) {
		coll, err := chromem.NewDB().CreateCollection(collectionName, nil, refuseEmbedding)
		if err != nil {
			return nil, err
		}
		for i := range dense.rows() {
			if v := dense.row(i); v != nil {
				if err := coll.AddDocument(ctx, chromem.Document{ID: strconv.Itoa(i), Embedding: v}); err != nil {
					return nil, err
				}
			}
		}
		return coll, nil
	}))
	coll, err := made.(func() (*chromem.Collection, error))()
	if err != nil {
		return nil, err
	}
	results, err := coll.QueryEmbedding(ctx, q, min(n, coll.Count()), nil, nil)
	if err != nil {
		return nil, fmt.Errorf("dense query: %w", err)
	}
	out := make(map[int]float64, len(results))
	for _, r := range results {
		if i, err := strconv.Atoi(r.ID); err == nil {
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
