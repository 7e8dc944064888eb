package retrieval

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/newsroom/askbot/corpus"
)

// Hit is one retrieved passage.
type Hit struct {
	Chunk *Chunk
	Doc   *corpus.Document
	// Score is the fused score that ranks the hit; Lexical and Dense are the
	// BM25 score and the cosine similarity it came from.
	Score   float64
	Lexical float64
	Dense   float64
}

// Results are the passages retrieved for a query, best first.
type Results struct {
	Hits []Hit
	// Terms are the query's index terms; Unknown are those found nowhere in the corpus.
	Terms   []string
	Unknown []string
	// UnknownNames are capitalised words of the query (names of people,
	// places, outlets) found nowhere in the corpus: the documents cannot say
	// anything about them.
	UnknownNames []string
	// Coverage is the IDF-weighted share of the query's terms that the
	// passages (with their documents' titles and sources) contain.
	Coverage float64
	// Answerable is false when the best passage is under the relevance floor:
	// the documents do not say.
	Answerable bool
	// DenseError is set when the query could not be embedded; the results
	// then come from BM25 alone.
	DenseError error
}

// SearchOptions tune a search. The zero value uses the defaults.
type SearchOptions struct {
	// K is the number of passages to return (default 5).
	K int
	// DenseWeight weighs the min-max-normalised cosine against BM25 divided
	// by its best score (default 0.5: BM25 counts twice as much).
	DenseWeight float64
	// Candidates is how many hits each ranking contributes before fusion
	// (default max(100, 10×K)).
	Candidates int
	// Floor is the least Coverage of the passages for an answer (default 0.3).
	Floor float64
}

func (o SearchOptions) withDefaults() SearchOptions {
	if o.K <= 0 {
		o.K = 5
	}
	if o.DenseWeight == 0 {
		o.DenseWeight = 0.5
	}
	if o.DenseWeight < 0 {
		o.DenseWeight = 0
	}
	if o.Candidates <= 0 {
		o.Candidates = max(100, 10*o.K)
	}
	if o.Floor == 0 {
		o.Floor = 0.3
	}
	return o
}

// Search retrieves the passages that best answer query: BM25 and dense
// rankings fused linearly. A failure to embed the query degrades to BM25
// alone and is reported in Results.DenseError.
func (ix *Index) Search(ctx context.Context, query string, opts SearchOptions) (*Results, error) {
	opts = opts.withDefaults()
	res := &Results{Terms: QueryTerms(query)}
	for _, t := range res.Terms {
		if !ix.lex.Contains(t) {
			res.Unknown = append(res.Unknown, t)
		}
	}
	for _, name := range Names(query) {
		known := true
		for _, w := range Words(name) {
			known = known && ix.lex.Contains(Stem(w))
		}
		if !known && !slices.Contains(res.UnknownNames, name) {
			res.UnknownNames = append(res.UnknownNames, name)
		}
	}
	lexScores := ix.lex.Scores(res.Terms)
	lexTop := topN(lexScores, opts.Candidates)

	dense := map[int]float64{}
	if opts.DenseWeight > 0 {
		var err error
		dense, err = ix.denseSearch(ctx, query, opts.Candidates)
		if err != nil {
			if ctx.Err() != nil {
				return nil, fmt.Errorf("search: %w", ctx.Err())
			}
			res.DenseError = err
		}
	}

	// Linear fusion over the union of candidates.
	maxLex := 0.0
	if len(lexTop) > 0 {
		maxLex = float64(lexTop[0].score)
	}
	minD, maxD := math.Inf(1), math.Inf(-1)
	for _, s := range dense {
		minD, maxD = min(minD, s), max(maxD, s)
	}
	cands := make(map[int]bool, len(lexTop)+len(dense))
	for _, s := range lexTop {
		cands[s.unit] = true
	}
	for u := range dense {
		cands[u] = true
	}
	hits := make([]Hit, 0, len(cands))
	for u := range cands {
		h := Hit{Chunk: &ix.chunks[u], Doc: ix.docs[ix.chunks[u].DocID], Lexical: float64(lexScores[u])}
		if maxLex > 0 {
			h.Score = h.Lexical / maxLex
		}
		if d, ok := dense[u]; ok {
			h.Dense = d
			if maxD > minD {
				h.Score += opts.DenseWeight * (d - minD) / (maxD - minD)
			}
		}
		hits = append(hits, h)
	}
	slices.SortFunc(hits, func(a, b Hit) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return compareInts(a.Chunk.Ordinal, b.Chunk.Ordinal)
	})
	if len(hits) > opts.K {
		hits = hits[:opts.K]
	}
	res.Hits = hits
	res.Coverage = ix.coverage(res.Terms, hits)
	res.Answerable = len(hits) > 0 && hits[0].Lexical > 0 && res.Coverage >= opts.Floor && len(res.UnknownNames) == 0
	return res, nil
}

func compareInts(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// denseSearch returns the cosine similarity of the n nearest chunks.
func (ix *Index) denseSearch(ctx context.Context, query string, n int) (map[int]float64, error) {
	count := ix.coll.Count()
	if count == 0 {
		return nil, nil
	}
	vecs, err := ix.embedder.Embed(ctx, []string{query})
	if err != nil {
		return nil, fmt.Errorf("embed query: %w", err)
	}
	if len(vecs) == 0 || vecs[0] == nil {
		return nil, nil // no known word: BM25 alone
	}
	results, err := ix.coll.QueryEmbedding(ctx, vecs[0], min(n, count), nil, nil)
	if err != nil {
		return nil, fmt.Errorf("dense query: %w", err)
	}
	out := make(map[int]float64, len(results))
	for _, r := range results {
		if i, ok := ix.byKey[r.ID]; ok {
			out[i] = float64(r.Similarity)
		}
	}
	return out, nil
}

// coverage is the IDF-weighted share of terms found in the hits or their
// documents' metadata. Terms found nowhere in the corpus weigh the most.
func (ix *Index) coverage(terms []string, hits []Hit) float64 {
	if len(terms) == 0 {
		return 0
	}
	have := make(map[string]bool)
	for _, h := range hits {
		for _, t := range Terms(h.Chunk.Text + "\n" + docMeta(h.Doc)) {
			have[t] = true
		}
	}
	var total, found float64
	for _, t := range terms {
		w := ix.lex.IDF(t)
		total += w
		if have[t] {
			found += w
		}
	}
	if total == 0 {
		return 0
	}
	return found / total
}
