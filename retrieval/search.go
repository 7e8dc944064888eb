package retrieval

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

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
	unit    int // the chunk's index in the index
}

// Results are the passages retrieved for a query, best first.
type Results struct {
	Hits []Hit
	// Question is the query as read once for ranking, declining and answering.
	Question *Question
	// Terms are the query's index terms.
	Terms []string
	// Sources are the corpus's outlets that the query names.
	Sources []string
	// UnknownOutlets are outlets the query attributes reporting to ("an
	// article from X") that publish nothing in the corpus.
	UnknownOutlets []string
	// UnknownNames are capitalised words of the query (names of people,
	// places, outlets) found nowhere in the corpus: the documents cannot say
	// anything about them.
	UnknownNames []string
	// MissingNames are capitalised words of the query that occur in the
	// corpus but in none of the retrieved passages (nor their titles and
	// outlets): the passages found do not speak of them.
	MissingNames []string
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
	// SourcePicks is how many passages each mention of an outlet in the
	// question is guaranteed in the results (default K: while the outlets
	// named have matching passages, the results come from their articles;
	// negative: none).
	SourcePicks int
	// ClauseWeight weighs the words that follow an outlet's name when
	// choosing that outlet's passages (default 0.5; negative: none).
	ClauseWeight float64
	// PickFloor is the least BM25 score, as a fraction of the best
	// passage's, of a named outlet's passages after each mention's first
	// (default 0.3; negative: none), so that an outlet named in passing
	// does not crowd out better passages of other outlets.
	PickFloor float64
	// PartWeight weighs the whole question against a part's own words when
	// choosing the passage for each part of the question (default 0.5;
	// negative: no passages for parts).
	PartWeight float64
	// SentenceWeight lifts, among each mention's best passages, those
	// with a sentence holding much of the question's IDF weight (default
	// 0.5; negative: none).
	SentenceWeight float64
	// MentionDateWeight is added to the score of an outlet's passages when
	// the words around its mention name the day the article was published
	// ("the TechCrunch report published on October 7, 2023"); default 2,
	// more than the clause and sentence features together can add, so that
	// the dated article comes first. Negative: none.
	MentionDateWeight float64
	// DateBoost raises the score of documents published on a date named in
	// the question by this fraction (default 0.3; negative: none).
	DateBoost float64
	// MaxPerDoc caps the passages of one document while other documents
	// have passages to offer (default 4; negative: no cap).
	MaxPerDoc int
	// AllowUnknownOutlets answers a question that attributes reporting to an
	// outlet with no article in the corpus; by default the documents are
	// taken not to say.
	AllowUnknownOutlets bool
	// AllowMissingNames answers a question naming someone or something that
	// none of the retrieved passages mention; by default the documents are
	// taken not to say.
	AllowMissingNames bool
	// Floor is the least Coverage of the passages for an answer (default 0.3).
	Floor float64
}

func (o SearchOptions) withDefaults() SearchOptions {
	if o.K <= 0 {
		o.K = 5
	}
	orDefault(&o.DenseWeight, 0.5)
	o.DenseWeight = max(o.DenseWeight, 0)
	if o.Candidates <= 0 {
		o.Candidates = max(100, 10*o.K)
	}
	orDefault(&o.SourcePicks, o.K)
	orDefault(&o.PickFloor, 0.3)
	orDefault(&o.MentionDateWeight, 2)
	orDefault(&o.SentenceWeight, 0.5)
	orDefault(&o.PartWeight, 0.5)
	orDefault(&o.ClauseWeight, 0.5)
	orDefault(&o.DateBoost, 0.3)
	orDefault(&o.MaxPerDoc, 4)
	orDefault(&o.Floor, 0.3)
	return o
}

// orDefault sets *v to def when it is zero.
func orDefault[T int | float64](v *T, def T) {
	if *v == 0 {
		*v = def
	}
}

// Search retrieves the passages that best answer query: BM25 and dense
// rankings fused linearly. A failure to embed the query degrades to BM25
// alone and is reported in Results.DenseError.
func (ix *Index) Search(ctx context.Context, query string, opts SearchOptions) (*Results, error) {
	opts = opts.withDefaults()
	q := ix.Parse(query)
	res := &Results{Question: q, Terms: q.Terms}
	for _, name := range q.Names {
		known := true
		for _, w := range Words(name) {
			known = known && ix.lex.Contains(Stem(w))
		}
		if !known && !slices.Contains(res.UnknownNames, name) {
			res.UnknownNames = append(res.UnknownNames, name)
		}
	}
	// The dense query (an exhaustive scan in chromem-go) runs while BM25 scores.
	dense := map[int]float64{}
	var denseErr error
	denseDone := make(chan struct{})
	if opts.DenseWeight > 0 {
		go func() {
			defer close(denseDone)
			dense, denseErr = ix.denseSearch(ctx, query, opts.Candidates)
		}()
	} else {
		close(denseDone)
	}
	lexScores := ix.lex.Scores(res.Terms)
	lexTop := topN(lexScores, opts.Candidates)
	<-denseDone
	if denseErr != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("search: %w", ctx.Err())
		}
		res.DenseError = denseErr
	}
	if dense == nil {
		dense = map[int]float64{}
	}

	sc := newScorer(lexScores, lexTop, dense, q.Dates, opts)
	sc.terms = res.Terms
	cands := make(map[int]bool, len(lexTop)+len(dense))
	for _, s := range lexTop {
		cands[s.unit] = true
	}
	for u := range dense {
		cands[u] = true
	}
	ranked := make([]Hit, 0, len(cands))
	for u := range cands {
		ranked = append(ranked, ix.hit(sc, u))
	}
	sortHits(ranked)

	var picked []Hit
	taken := map[*Chunk]bool{}
	if opts.SourcePicks > 0 {
		res.Sources = q.Sources
		picked = ix.outletPicks(q, sc, taken, opts)
	}
	hits := fill(picked, ranked, taken, opts)
	sortHits(hits)
	res.Hits = hits
	res.Coverage = ix.coverage(res.Terms, hits)
	if len(ix.sources) > 0 && !opts.AllowUnknownOutlets {
		res.UnknownOutlets = ix.unknownOutlets(query, hits)
	}
	if !opts.AllowMissingNames {
		res.MissingNames = ix.missingNames(q, res.UnknownNames, hits)
	}
	res.Answerable = len(hits) > 0 && hits[0].Lexical > 0 && res.Coverage >= opts.Floor &&
		len(res.UnknownNames) == 0 && len(res.UnknownOutlets) == 0 && len(res.MissingNames) == 0
	return res, nil
}

// missingNames returns the specific names of the question that none of the
// hits mention, in text, title or outlet: its capitalised words rare enough
// in the corpus (IDF at least specificShare of the IDF of a word found in
// one passage: "Booker", "Literature", not "United" or "Players"), outlets
// aside. Names unknown to the whole corpus
// are reported apart.
func (ix *Index) missingNames(q *Question, unknown []string, hits []Hit) []string {
	var missing []string
	specific := specificShare * ix.lex.body.idfOf(1)
	for _, name := range q.Names {
		if slices.Contains(unknown, name) || slices.Contains(missing, name) || q.isOutletName(name) || ix.isOutlet(name) {
			continue
		}
		for _, w := range Words(name) {
			t := Stem(w)
			if IsStopWord(w) || ix.lex.IDF(t) < specific {
				continue
			}
			if !slices.ContainsFunc(hits, func(h Hit) bool { return ix.lex.has(t, h.unit) }) {
				missing = append(missing, name)
				break
			}
		}
	}
	return missing
}

// specificShare is the least IDF of a name, as a share of the highest IDF
// (a word in one passage), for the question to be declined when no
// retrieved passage mentions it: on the 6,671 passages of MultiHop-RAG, a
// word in at most about 1% of them.
const specificShare = 0.54

// rerankDepth is how many of a mention's best passages the sentence
// feature reorders.
const rerankDepth = 20

// rerankBySentence adds to each hit's score w times its best sentence's
// share of the query's IDF weight (relative to the best hit's) and re-sorts
// them: of two passages that match the question alike, the one with a
// sentence that says most of it together comes first. A question's facts
// are usually each stated in one sentence of the article.
func (ix *Index) rerankBySentence(terms []string, hits []Hit, w float64) {
	index := make(map[string]int, len(terms))
	idf := make([]float64, len(terms))
	for j, t := range terms {
		index[t] = j
		idf[j] = ix.lex.IDF(t)
	}
	seen := make([]bool, len(terms))
	best := make([]float64, len(hits))
	peak := 0.0
	for k, h := range hits {
		text := h.Chunk.Text
		for _, sp := range Sentences(text) {
			clear(seen)
			v := 0.0
			for _, t := range Terms(text[sp.Start:sp.End]) {
				if j, ok := index[t]; ok && !seen[j] {
					seen[j] = true
					v += idf[j]
				}
			}
			best[k] = max(best[k], v)
		}
		peak = max(peak, best[k])
	}
	if peak == 0 {
		return
	}
	for k := range hits {
		hits[k].Score += w * best[k] / peak
	}
	sortHits(hits)
}

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
		sc.maxLex = float64(lexTop[0].score)
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

// outletPicks gives every mention of an outlet in the question its best
// passages, in rounds (every mention's best before any mention's second),
// so that a question about two outlets' reports finds both. A mention's
// passages are ranked by the whole question plus the words around it, which
// usually say what its article says, and a date among those words lifts
// the outlet's articles published that day. An outlet named twice ("the
// TechCrunch report on … and the TechCrunch report on …") usually means two
// articles, each described by the words around its own mention.
func (ix *Index) outletPicks(q *Question, sc *scorer, taken map[*Chunk]bool, opts SearchOptions) []Hit {
	ms := q.Clauses[:min(len(q.Clauses), 2*opts.K)] // each mention scores the corpus once
	ranked := make([][]Hit, len(ms))
	for i, m := range ms {
		var clause []float32
		if terms := QueryTerms(m.Text); len(terms) >= 3 && opts.ClauseWeight > 0 {
			clause = ix.lex.Scores(terms)
		}
		dates := namedDates(m.Text)
		var units []int
		clauseMax := float32(0)
		for _, docID := range ix.sources[m.Source] {
			r := ix.docChunks[docID]
			for u := r[0]; u < r[1]; u++ {
				if sc.lex[u] > 0 {
					units = append(units, u)
				}
				if clause != nil {
					clauseMax = max(clauseMax, clause[u])
				}
			}
		}
		for _, u := range units {
			h := ix.hit(sc, u)
			if clauseMax > 0 {
				h.Score += opts.ClauseWeight * float64(clause[u]/clauseMax)
			}
			if len(dates) > 0 && opts.MentionDateWeight > 0 {
				if t, ok := h.Doc.PublishedTime(); ok && slices.ContainsFunc(dates, func(d time.Time) bool { return sameDay(t, d) }) {
					h.Score += opts.MentionDateWeight
				}
			}
			ranked[i] = append(ranked[i], h)
		}
		sortHits(ranked[i])
		if opts.SentenceWeight > 0 {
			ix.rerankBySentence(sc.terms, ranked[i][:min(rerankDepth, len(ranked[i]))], opts.SentenceWeight)
		}
	}
	picked := ix.partPicks(q, ranked, sc, taken, opts)
	next := make([]int, len(ranked))
	for round := 0; round < opts.SourcePicks; round++ {
		for i, best := range ranked {
			for next[i] < len(best) && taken[best[next[i]].Chunk] {
				next[i]++
			}
			if next[i] < len(best) && len(picked) < opts.K && (round == 0 || best[next[i]].Lexical >= opts.PickFloor*sc.maxLex) {
				taken[best[next[i]].Chunk] = true
				picked = append(picked, best[next[i]])
			}
		}
	}
	return picked
}

// partPicks gives each part of the question (see questionParts) that names
// no outlet and has at least minPartTerms index terms the passage of the
// named outlets' articles that best matches its own words, plus PartWeight
// times the whole question's score. A question that strings facts together
// ("… accused of …, admitted to …, and faced …, as reported by X and Y")
// usually rests on one article per fact, often several of one outlet.
func (ix *Index) partPicks(q *Question, ranked [][]Hit, sc *scorer, taken map[*Chunk]bool, opts SearchOptions) []Hit {
	if opts.PartWeight < 0 {
		return nil
	}
	best := map[int]Hit{} // the named outlets' passages, as their mentions scored them
	for _, hits := range ranked {
		for _, h := range hits {
			if b, ok := best[h.unit]; !ok || h.Score > b.Score {
				best[h.unit] = h
			}
		}
	}
	var picked []Hit
	scans := 0
	for _, part := range q.Parts {
		terms := QueryTerms(part)
		if len(terms) < minPartTerms || len(ix.mentions(part)) > 0 {
			continue
		}
		if len(picked) >= opts.K || scans >= 2*opts.K {
			break // a question of many parts costs at most 2K scorings
		}
		scans++
		scores := ix.lex.Scores(terms)
		var peak float32
		for u := range best {
			peak = max(peak, scores[u])
		}
		if peak == 0 {
			continue
		}
		var pick Hit
		value := -1.0
		for u, h := range best {
			if taken[h.Chunk] {
				continue
			}
			v := float64(scores[u]/peak) + opts.PartWeight*float64(sc.lex[u])/sc.maxLex
			if v > value || (v == value && h.unit < pick.unit) {
				pick, value = h, v
			}
		}
		if value >= 0 {
			taken[pick.Chunk] = true
			picked = append(picked, pick)
		}
	}
	return picked
}

// minPartTerms is the fewest index terms a part of the question needs to
// get a passage of its own.
const minPartTerms = 4

// fill completes picked with the best-ranked passages up to K: first at
// most MaxPerDoc per document, so that more documents get in, then any.
func fill(picked, ranked []Hit, taken map[*Chunk]bool, opts SearchOptions) []Hit {
	hits := picked
	perDoc := map[string]int{}
	for _, h := range picked {
		perDoc[h.Doc.ID]++
	}
	for pass := 0; pass < 2 && len(hits) < opts.K; pass++ {
		for _, h := range ranked {
			if len(hits) >= opts.K {
				break
			}
			if taken[h.Chunk] || (pass == 0 && opts.MaxPerDoc > 0 && perDoc[h.Doc.ID] >= opts.MaxPerDoc) {
				continue
			}
			taken[h.Chunk] = true
			perDoc[h.Doc.ID]++
			hits = append(hits, h)
		}
	}
	return hits
}

// sortHits orders hits by score, best first; ties keep document order.
func sortHits(hits []Hit) {
	slices.SortFunc(hits, func(a, b Hit) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		if a.Chunk.DocID != b.Chunk.DocID {
			return strings.Compare(a.Chunk.DocID, b.Chunk.DocID)
		}
		return compareInts(a.Chunk.Ordinal, b.Chunk.Ordinal)
	})
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
func (ix *Index) denseSearch(ctx context.Context, query string, n int) (map[int]float64, error) {
	dense, q, err := ix.embedQuery(ctx, query)
	if err != nil || q == nil {
		return nil, err
	}
	scan, err := dense.scanner(ctx)
	if err != nil {
		return nil, fmt.Errorf("load vectors: %w", err)
	}
	var matches []scored
	for _, c := range scan.nearest(q, shortlist*n) {
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
	out := make(map[int]float64, min(n, len(matches)))
	for _, m := range matches[:min(n, len(matches))] {
		out[m.unit] = float64(m.score)
	}
	return out, nil
}

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

// coverage is the IDF-weighted share of terms found in the hits or their
// documents' metadata. Terms found nowhere in the corpus weigh the most.
func (ix *Index) coverage(terms []string, hits []Hit) float64 {
	if len(terms) == 0 {
		return 0
	}
	var total, found float64
	for _, t := range terms {
		w := ix.lex.IDF(t)
		total += w
		for _, h := range hits {
			if ix.lex.has(t, h.unit) {
				found += w
				break
			}
		}
	}
	if total == 0 {
		return 0
	}
	return found / total
}

// DenseQuery embeds query and returns the cosine similarity of the n
// nearest chunks by the index's own scan, by chunk index.
func (ix *Index) DenseQuery(ctx context.Context, query string, n int) (map[int]float64, error) {
	return ix.denseSearch(ctx, query, n)
}

// LexicalQuery returns the BM25 scores of the n best chunks, by chunk index.
func (ix *Index) LexicalQuery(query string, n int) map[int]float64 {
	out := map[int]float64{}
	for _, s := range ix.lex.Search(QueryTerms(query), n) {
		out[s.unit] = float64(s.score)
	}
	return out
}
