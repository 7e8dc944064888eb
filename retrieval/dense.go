package retrieval

import (
	"context"
	"fmt"
)

// embedQuery returns the vectors and the query's vector, or a nil vector
// when there is nothing to search: no vectors, or no embeddable word (BM25
// alone then).
func (ix *Index) embedQuery(ctx context.Context, query string) (*denseIndex, []float32, error) {
	dense, err := ix.dense()
	if err != nil {
		return nil, nil, fmt.Errorf("load vectors: %w", err)
	}
	if dense.coll.Count() == 0 {
		return dense, nil, nil
	}
	vecs, err := ix.embedder.Embed(ctx, []string{query})
	if err != nil {
		return nil, nil, fmt.Errorf("embed query: %w", err)
	}
	if len(vecs) == 0 {
		return dense, nil, nil
	}
	return dense, vecs[0], nil
}

// denseSearch returns the cosine similarity of the n nearest chunks: the
// int8 scan's shortlist, rescored with chromem-go's float32 vectors.
func (ix *Index) denseSearch(ctx context.Context, query string, n int, keep func(unit int) bool) (map[int]float64, error) {
	dense, q, err := ix.embedQuery(ctx, query)
	if err != nil || q == nil {
		return nil, err
	}
	matches, err := ix.nearest(ctx, dense, q, n, keep)
	if err != nil {
		return nil, err
	}
	out := make(map[int]float64, len(matches))
	for _, m := range matches {
		out[m.unit] = float64(m.score)
	}
	return out, nil
}

// nearest returns the n chunks nearest to q among those keep accepts (all
// when keep is nil), best first: the int8 scan's shortlist, rescored with
// chromem-go's float32 vectors.
func (ix *Index) nearest(ctx context.Context, dense *denseIndex, q []float32, n int, keep func(unit int) bool) ([]scored, error) {
	scan, err := dense.scanner(ctx)
	if err != nil {
		return nil, fmt.Errorf("load vectors: %w", err)
	}
	var matches []scored
	for _, c := range scan.nearest(q, shortlist*n, keep) {
		doc, err := dense.coll.GetByID(ctx, dense.keys[c.unit])
		if err != nil || len(doc.Embedding) != len(q) {
			continue
		}
		var dot float32
		for j, x := range q {
			dot += x * doc.Embedding[j]
		}
		matches = append(matches, scored{c.unit, dot})
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("dense query: %w", err)
	}
	sortScored(matches)
	return matches[:min(n, len(matches))], nil
}
