package memory

import (
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/newsroom/askbot/retrieval/internal/best"
)

// vectorScan is a compact copy of the chunk vectors for the query-time scan:
// row i holds chunk i's vector as int8 with one scale per row, a quarter of
// the float32 size. The scan ranks every row by an approximate dot product,
// then the best few times n are rescored exactly with the float32 vectors
// (chromem-go's own QueryEmbedding, which held the vectors before, passed
// every document through a channel and a locked heap: ~0.5 s a query at a
// million chunks).
type vectorScan struct {
	dim    int
	rows   []int8
	scales []float32 // row i is rows[i*dim:(i+1)*dim] × scales[i]; 0: no vector
}

// shortlist is how many approximate matches per wanted result are rescored.
const shortlist = 4

// quantize writes v as int8 into out and returns the scale that restores it.
func quantize(v []float32, out []int8) float32 {
	var peak float32
	for _, x := range v {
		peak = max(peak, float32(math.Abs(float64(x))))
	}
	if peak == 0 {
		return 0
	}
	scale := peak / 127
	for j, x := range v {
		out[j] = int8(math.Round(float64(x / scale)))
	}
	return scale
}

// scored is a row (chunk) with its approximate or exact similarity.
type scored = best.Scored

// nearest returns the m rows with the highest approximate dot product with
// q, best first, scanning the rows in parallel.
func (s *vectorScan) nearest(q []float32, m int, keep func(row int) bool) []scored {
	if s.dim == 0 || len(q) != s.dim || m <= 0 {
		return nil
	}
	qq := make([]int8, s.dim)
	qs := quantize(q, qq)
	if qs == 0 {
		return nil
	}
	n := len(s.scales)
	workers := min(runtime.GOMAXPROCS(0), max(1, n/4096))
	parts := make([][]scored, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*n/workers, (w+1)*n/workers
		wg.Go(func() {
			parts[w] = s.scanRows(qq, qs, lo, hi, m, keep)
		})
	}
	wg.Wait()
	all := slices.Concat(parts...)
	best.Sort(all)
	return all[:min(m, len(all))]
}

// dotInt8 is the integer dot product of a and b (equal lengths).
func dotInt8(a, b []int8) int32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 int32
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += int32(a[i]) * int32(b[i])
		s1 += int32(a[i+1]) * int32(b[i+1])
		s2 += int32(a[i+2]) * int32(b[i+2])
		s3 += int32(a[i+3]) * int32(b[i+3])
	}
	for ; i < len(a); i++ {
		s0 += int32(a[i]) * int32(b[i])
	}
	return s0 + s1 + s2 + s3
}

// scanRows returns the m best rows of [lo, hi) that keep accepts (all when
// keep is nil), unordered.
func (s *vectorScan) scanRows(q []int8, qs float32, lo, hi, m int, keep func(row int) bool) []scored {
	top := best.New(m)
	for i := lo; i < hi; i++ {
		if s.scales[i] == 0 || keep != nil && !keep(i) {
			continue
		}
		if c := (scored{Unit: i, Score: float32(dotInt8(q, s.rows[i*s.dim:(i+1)*s.dim])) * s.scales[i] * qs}); !top.Full(c) {
			top.Offer(c)
		}
	}
	return top.Kept()
}
