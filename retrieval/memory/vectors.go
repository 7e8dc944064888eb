package memory

import (
	"context"
	"fmt"
	"sync"

	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/internal/best"
	chromem "github.com/philippgille/chromem-go"
)

// collectionName is the chromem-go collection holding the chunk vectors.
const collectionName = "chunks"

// vectors are an index's chunk vectors (retrieval.Vectors): chromem-go
// holds, saves and loads them; the dense query scans an int8 copy of them
// and rescores the best few with chromem-go's float32 vectors.
type vectors struct {
	// load returns the vectors, read on first use when the index was
	// reopened from disk.
	load func() (*denseIndex, error)
}

var _ retrieval.Vectors = (*vectors)(nil)

// set makes d the vectors.
func (v *vectors) set(d *denseIndex) { v.load = func() (*denseIndex, error) { return d, nil } }

// vectorsOf returns the vectors of an index built or reopened here.
func vectorsOf(ix *retrieval.Index) (*denseIndex, error) {
	v, ok := ix.Vectors().(*vectors)
	if !ok {
		return nil, fmt.Errorf("the index was not built in this process")
	}
	return v.load()
}

// Count is how many chunks have a vector, loading them when needed.
func (v *vectors) Count() (int, error) {
	d, err := v.load()
	if err != nil {
		return 0, err
	}
	return d.coll.Count(), nil
}

// Nearest returns the n chunks nearest to q among those keep accepts (all
// when keep is nil), best first: the int8 scan's shortlist, rescored with
// chromem-go's float32 vectors.
func (v *vectors) Nearest(ctx context.Context, q []float32, n int, keep func(chunk int) bool) ([]retrieval.Nearby, error) {
	dense, err := v.load()
	if err != nil {
		return nil, fmt.Errorf("load vectors: %w", err)
	}
	scan, err := dense.scanner(ctx)
	if err != nil {
		return nil, fmt.Errorf("load vectors: %w", err)
	}
	var matches []scored
	for _, c := range scan.nearest(q, shortlist*n, keep) {
		doc, err := dense.coll.GetByID(ctx, dense.keys[c.Unit])
		if err != nil || len(doc.Embedding) != len(q) {
			continue
		}
		var dot float32
		for j, x := range q {
			dot += x * doc.Embedding[j]
		}
		matches = append(matches, scored{Unit: c.Unit, Score: dot})
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("dense query: %w", err)
	}
	best.Sort(matches)
	out := make([]retrieval.Nearby, 0, min(n, len(matches)))
	for _, m := range matches[:min(n, len(matches))] {
		out = append(out, retrieval.Nearby{Chunk: m.Unit, Similarity: m.Score})
	}
	return out, nil
}

// denseIndex is the chromem-go collection of chunk vectors.
type denseIndex struct {
	db   *chromem.DB
	coll *chromem.Collection
	keys []string // chunk index → chromem document ID

	scanOnce sync.Once
	scan     *vectorScan
	scanErr  error
}

// scanner returns the int8 copy of the vectors, made on first use.
func (d *denseIndex) scanner(ctx context.Context) (*vectorScan, error) {
	d.scanOnce.Do(func() {
		d.scan, d.scanErr = newVectorScan(context.WithoutCancel(ctx), d, d.keys)
	})
	return d.scan, d.scanErr
}
