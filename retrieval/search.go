package retrieval

import (
	"context"
	"fmt"
	"slices"
	"strings"

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
	// View is the index the query was ranked in, with the statistics of
	// the documents the asker may see: the answer weighs words by it.
	View *Index
	// Terms are the query's index terms.
	Terms []string
	// Sources are the corpus's outlets that the query names.
	Sources []string
	// UnknownOutlets are outlets the query attributes reporting to ("an
	// article from X") that publish nothing in the corpus.
	UnknownOutlets []string
	// OutletsViaPassages are outlets the query attributes reporting to that
	// publish nothing in the corpus but that passages name ("quoted by
	// Reuters"): an answer rests on the sentences naming them.
	OutletsViaPassages []string
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
	// Lenient is set when the search was asked to answer questions naming
	// what no passage mentions (SearchOptions.AllowMissingNames): the
	// answer then quotes what it finds rather than declining.
	Lenient bool
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
	// Allow, when set, says which documents the question may see (its
	// channel's collections, past their embargo, not withdrawn); the others
	// are never scored into the results, nor counted by the relevance floor.
	Allow func(*corpus.Document) bool
	// AllowMissingNames answers a question naming someone or something that
	// none of the retrieved passages mention; by default the documents are
	// taken not to say.
	AllowMissingNames bool
	// WholeCorpusStats weighs words by the whole corpus rather than by the
	// documents Allow (or, for a store, the Filter) lets the asker see. Off
	// by default: a name found only in a restricted document is then
	// unknown to an asker who may not see it, in every store.
	WholeCorpusStats bool
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
	return ix.search(ctx, query, opts.withDefaults(), ix.denseSearch)
}

// denseFunc returns the cosine similarity of the n chunks nearest to query
// among those keep accepts (all when keep is nil), by chunk index.
type denseFunc func(ctx context.Context, query string, n int, keep func(unit int) bool) (map[int]float64, error)

// search ranks the index's chunks for query, with opts' defaults set.
func (ix *Index) search(ctx context.Context, query string, opts SearchOptions, denseSearch denseFunc) (*Results, error) {
	allowed := ix.allowedDocs(opts.Allow)
	if allowed != nil && ix.unitOf == nil && !opts.WholeCorpusStats {
		// Every statistic (whether a name is known, its weight, the
		// outlets) is of what the asker may see: a name found only in a
		// restricted memo is answered as one found nowhere.
		ix = ix.within(allowed)
	}
	q := ix.Parse(query)
	res := &Results{Question: q, Terms: q.Terms, View: ix}
	res.UnknownNames = ix.unknownNames(q)
	var keep func(unit int) bool
	if allowed != nil {
		// Passages the asker may not see are never ranked, picked or
		// counted towards the floor; the dense ranking skips them before
		// taking its n best, as a store's filtered query does.
		keep = func(u int) bool {
			return allowed[ix.lex.chunkDoc[u]]
		}
	}
	// The dense query (an exhaustive scan) runs while BM25 scores.
	dense := map[int]float64{}
	var denseErr error
	denseDone := make(chan struct{})
	if opts.DenseWeight > 0 {
		go func() {
			defer close(denseDone)
			dense, denseErr = denseSearch(ctx, query, opts.Candidates, keep)
		}()
	} else {
		close(denseDone)
	}
	lexScores := ix.lex.Scores(res.Terms)
	if keep != nil {
		for u, s := range lexScores {
			if s > 0 && !keep(u) {
				lexScores[u] = 0
			}
		}
	}
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
		cands[s.Unit] = true
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
	res.UnknownNames = unclipped(res.UnknownNames, hits)
	if len(ix.sources) > 0 && !opts.AllowUnknownOutlets {
		res.UnknownOutlets, res.OutletsViaPassages = ix.unknownOutlets(query, hits)
	}
	if !opts.AllowMissingNames {
		res.MissingNames = ix.missingNames(q, res.UnknownNames, hits)
	}
	res.Lenient = opts.AllowMissingNames
	res.Answerable = len(hits) > 0 && hits[0].Lexical > 0 && res.Coverage >= opts.Floor &&
		len(res.UnknownNames) == 0 && len(res.UnknownOutlets) == 0 && len(res.MissingNames) == 0
	return res, nil
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

// within returns a view of the index whose statistics (term counts,
// outlets) are those of the allowed documents (by document index).
func (ix *Index) within(allowed []bool) *Index {
	v := *ix
	v.lex = ix.lex.within(allowed)
	v.sources = make(map[string][]string, len(ix.sources))
	for src, ids := range ix.sources {
		for _, id := range ids {
			if r := ix.docChunks[id]; r[1] > r[0] && allowed[ix.lex.chunkDoc[r[0]]] {
				v.sources[src] = append(v.sources[src], id)
			}
		}
	}
	return &v
}

// allowedDocs evaluates allow once per document, by document index; nil
// when every document is allowed.
func (ix *Index) allowedDocs(allow func(*corpus.Document) bool) []bool {
	if allow == nil {
		return nil
	}
	out := make([]bool, len(ix.docOrder))
	all := true
	for i, d := range ix.docOrder {
		out[i] = allow(d)
		all = all && out[i]
	}
	if all {
		return nil
	}
	return out
}
