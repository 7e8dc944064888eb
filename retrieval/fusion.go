package retrieval

import (
	"math"
	"slices"
	"time"
)

// scorer fuses the rankings of one query into a score per chunk: BM25 over
// its best score plus the weighted min-max cosine, raised for documents
// published on a date the question names.
type scorer struct {
	lex        []float32
	maxLex     float64
	dense      map[int]float64
	minD, maxD float64
	dates      []time.Time
	opts       SearchOptions
	terms      []string // the query's index terms
}

func newScorer(lex []float32, lexTop []scored, dense map[int]float64, dates []time.Time, opts SearchOptions) *scorer {
	sc := &scorer{lex: lex, dense: dense, dates: dates, opts: opts, minD: math.Inf(1), maxD: math.Inf(-1)}
	if len(lexTop) > 0 {
		sc.maxLex = float64(lexTop[0].Score)
	}
	for _, d := range dense {
		sc.minD, sc.maxD = min(sc.minD, d), max(sc.maxD, d)
	}
	return sc
}

// hit scores chunk u.
func (ix *Index) hit(sc *scorer, u int) Hit {
	h := Hit{Chunk: &ix.chunks[u], Doc: ix.docs[ix.chunks[u].DocID], Lexical: float64(sc.lex[u]), unit: u}
	if sc.maxLex > 0 {
		h.Score = h.Lexical / sc.maxLex
	}
	if d, ok := sc.dense[u]; ok {
		h.Dense = d
		if sc.maxD > sc.minD {
			h.Score += sc.opts.DenseWeight * (d - sc.minD) / (sc.maxD - sc.minD)
		}
	}
	if len(sc.dates) > 0 && sc.opts.DateBoost > 0 {
		if t, ok := h.Doc.PublishedTime(); ok && slices.ContainsFunc(sc.dates, func(d time.Time) bool { return sameDay(t, d) }) {
			h.Score *= 1 + sc.opts.DateBoost
		}
	}
	return h
}
