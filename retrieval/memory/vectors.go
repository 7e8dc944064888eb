package memory

import (
	"context"
	"fmt"
	"math"

	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/internal/best"
)

// collectionName is the chromem-go collection of the vectors files of
// manifest version 5 and before, read to reuse their vectors.
const collectionName = "chunks"

// vectors are an index's chunk vectors (retrieval.Vectors): the dense
// query scans an int8 copy of them and rescores the best few with the
// float32 vectors.
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
	return d.count, nil
}

// Nearest returns the n chunks nearest to q among those keep accepts (all
// when keep is nil), best first: the int8 scan's shortlist, rescored with
// the float32 vectors.
func (v *vectors) Nearest(ctx context.Context, q []float32, n int, keep func(chunk int) bool) ([]retrieval.Nearby, error) {
	dense, err := v.load()
	if err != nil {
		return nil, fmt.Errorf("load vectors: %w", err)
	}
	var matches []scored
	for _, c := range dense.scan.nearest(q, shortlist*n, keep) {
		row := dense.row(c.Unit)
		if len(row) != len(q) {
			continue
		}
		var dot float32
		for j, x := range q {
			dot += x * row[j]
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

// denseIndex holds the chunk vectors, row i chunk i's: the float32
// vectors, of unit length, and the int8 copy the scan ranks them by. Built
// in this process they are in the heap; reopened from a saved index they
// are views of its mapped vectors file (see readVectors).
type denseIndex struct {
	dim   int
	count int       // rows with a vector
	vecs  []float32 // row i is vecs[i*dim:(i+1)*dim]; zeros without a vector
	scan  *vectorScan
}

// rows is how many chunks the vectors are of.
func (d *denseIndex) rows() int { return len(d.scan.scales) }

// has reports whether row i has a vector.
func (d *denseIndex) has(i int) bool { return d.scan.scales[i] != 0 }

// row returns row i's vector (nil without one).
func (d *denseIndex) row(i int) []float32 {
	if i < 0 || i >= d.rows() || !d.has(i) {
		return nil
	}
	return d.vecs[i*d.dim : (i+1)*d.dim : (i+1)*d.dim]
}

// vectorLookup returns the saved vector of the chunk with the given key
// (see vectorKey), nil when there is none.
type vectorLookup func(key string) []float32

// newDenseIndex makes the vectors of rows chunks, vec(i) giving chunk i's
// vector (nil for none): each is normalised to unit length as chromem-go
// did when it held them (the similarities, and so the answers, are the
// same), and quantised for the scan.
func newDenseIndex(rows int, vec func(i int) []float32) (*denseIndex, error) {
	d := &denseIndex{scan: &vectorScan{scales: make([]float32, rows)}}
	for i := range rows {
		v := vec(i)
		if len(v) == 0 {
			continue
		}
		if d.dim == 0 {
			d.dim = len(v)
			d.vecs = make([]float32, rows*d.dim)
			d.scan.dim, d.scan.rows = d.dim, make([]int8, rows*d.dim)
		}
		if len(v) != d.dim {
			return nil, fmt.Errorf("the vector of chunk %d has %d dimensions, want %d", i, len(v), d.dim)
		}
		if !isNormalized(v) {
			v = normalizeVector(v)
		}
		row := d.vecs[i*d.dim : (i+1)*d.dim]
		copy(row, v)
		if d.scan.scales[i] = quantize(row, d.scan.rows[i*d.dim:(i+1)*d.dim]); d.scan.scales[i] != 0 && !math.IsNaN(float64(d.scan.scales[i])) {
			d.count++
		} else {
			// A zero vector (normalised: not a number) matches nothing.
			clear(row)
			d.scan.scales[i] = 0
		}
	}
	return d, nil
}

// isNormalized and normalizeVector are chromem-go's (v0.7.0, vector.go),
// which normalised the vectors when it held them: the same arithmetic
// keeps the same similarities.

const isNormalizedPrecisionTolerance = 1e-6

func isNormalized(v []float32) bool {
	var sqSum float64
	for _, val := range v {
		sqSum += float64(val) * float64(val)
	}
	magnitude := math.Sqrt(sqSum)
	return math.Abs(magnitude-1) < isNormalizedPrecisionTolerance
}

func normalizeVector(v []float32) []float32 {
	var norm float32
	for _, val := range v {
		norm += val * val
	}
	norm = float32(math.Sqrt(float64(norm)))

	res := make([]float32, len(v))
	for i, val := range v {
		res[i] = val / norm
	}

	return res
}
