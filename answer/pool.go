package answer

import (
	"cmp"
	"context"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/text"
)

// found is what a question's retrieval found: its passages, the index
// whose statistics weigh them, and the question as they write it (its
// short forms of names spelled out: "how many charges is Sam
// Bankman-Fried facing" for "… sbf facing"), which the answer reads.
type found struct {
	res      *retrieval.Results
	ix       *retrieval.Index
	question string
	// forms maps each short form spelled out to its name.
	forms map[string]string
}

// asTyped returns names (a caveat's: the question's names no quote
// mentions) as the reporter typed them: a name, or a word of one, that
// was spelled out from a short form is the short form, left out when a
// quote writes that ("mvp" for "Most Valuable Player" over quotes saying
// "MVP").
func (f found) asTyped(names []string, quotes []Sentence) []string {
	var out []string
	for _, n := range names {
		typed := n
		for _, w := range slices.Sorted(maps.Keys(f.forms)) {
			if strings.Contains(f.forms[w], n) {
				typed = w
				break
			}
		}
		if typed != n && slices.ContainsFunc(quotes, func(s Sentence) bool { return slices.Contains(text.Terms(s.Text), text.Term(typed)) }) {
			continue
		}
		if !slices.Contains(out, typed) {
			out = append(out, typed)
		}
	}
	return out
}

// retrieve returns the passages for req's question (query, for a
// follow-up), as Retrieve does with the engine's options. A short
// question's sentences are chosen from a wider pool than the k passages
// shown, so that the sentence holding the fact asked is found inside an
// article already found ("where's benavidez andrade": every passage of
// the fight preview names both boxers; the one naming the arena is the
// fifth): the pool's other passages follow the k. A question that types
// a name short ("how many charges is sbf facing") is searched again with
// the name as its first passages write it (retrieval.ShortForms: most
// articles say "Sam Bankman-Fried"), and its passages are those of that
// search. Every decision made of the passages alone (a name no passage
// mentions, the relevance floor) is of the first k, as for any question:
// its passages resolved the short forms ("cigs": "cigarettes").
func (e *Engine) retrieve(ctx context.Context, req Request, query string) (found, error) {
	s := e.searcher()
	res, ix, err := e.retrieveFrom(ctx, s, req, query, e.Search)
	if err != nil {
		return found{}, err
	}
	forms := retrieval.ShortForms(req.Question, res.Hits)
	f := found{res: res, ix: ix, question: retrieval.SpellOut(req.Question, forms), forms: forms}
	if len(forms) > 0 {
		query += "\n" + strings.Join(slices.Sorted(maps.Values(forms)), " ")
		spelled, _, err := e.retrieveFrom(ctx, s, req, query, e.Search)
		if err != nil {
			return found{}, err
		}
		written := *res
		written.Hits = spelled.Hits
		f.res = &written
	}
	if Tune.Pool <= shown(e.Search) || len(text.Words(req.Question)) > Tune.MaxShortWords {
		return f, nil
	}
	opts := e.Search
	opts.K = Tune.Pool
	opts.MaxPerDoc = max(opts.MaxPerDoc, Tune.PoolPerDoc)
	pool, _, err := e.retrieveFrom(ctx, s, req, query, opts)
	if err != nil {
		return found{}, err
	}
	have := map[at]bool{}
	for _, h := range f.res.Hits {
		have[at{h.Chunk.DocID, h.Chunk.Ordinal}] = true
	}
	wide := *f.res
	wide.Hits = slices.Clip(f.res.Hits)
	for _, h := range pool.Hits {
		if !have[at{h.Chunk.DocID, h.Chunk.Ordinal}] {
			have[at{h.Chunk.DocID, h.Chunk.Ordinal}] = true
			wide.Hits = append(wide.Hits, h)
		}
	}
	wide.Hits = wholeDocuments(s, wide.Hits, have)
	f.res = &wide
	return f, nil
}

// wholeDocuments appends to hits the passages of their first
// Tune.PoolDocs documents that no hit holds, split as s's store holds them,
// with no score: the search did not find them, their sentences are read.
// At most Tune.Pool are added, those nearest a passage found first (a
// live blog of a thousand updates adds the updates around the ones found).
func wholeDocuments(s Searcher, hits []retrieval.Hit, have map[at]bool) []retrieval.Hit {
	var docs []*corpus.Document
	for _, h := range hits {
		if len(docs) >= Tune.PoolDocs {
			break
		}
		if !slices.ContainsFunc(docs, func(d *corpus.Document) bool { return d.ID == h.Doc.ID }) {
			docs = append(docs, h.Doc)
		}
	}
	type added struct {
		hit      retrieval.Hit
		distance int // in passages, from the nearest found
	}
	var more []added
	for _, d := range docs {
		var found []int
		for p := range have {
			if p.doc == d.ID {
				found = append(found, p.ordinal)
			}
		}
		for _, c := range s.Passages(d) {
			if have[at{c.DocID, c.Ordinal}] {
				continue
			}
			dist := math.MaxInt
			for _, o := range found {
				dist = min(dist, max(o-c.Ordinal, c.Ordinal-o))
			}
			more = append(more, added{retrieval.Hit{Chunk: &c, Doc: d}, dist})
		}
	}
	slices.SortStableFunc(more, func(x, y added) int { return cmp.Compare(x.distance, y.distance) })
	for _, a := range more[:min(len(more), Tune.Pool)] {
		have[at{a.hit.Chunk.DocID, a.hit.Chunk.Ordinal}] = true
		hits = append(hits, a.hit)
	}
	return hits
}

// at is a passage's place: its document and ordinal.
type at struct {
	doc     string
	ordinal int
}

// shown is the number of passages an answer shows.
func shown(opts retrieval.SearchOptions) int {
	if opts.K > 0 {
		return opts.K
	}
	return 5
}

// keepShown trims the passages of a's results to the k shown: those the
// answer quotes first, in the order it quotes them, then the best ranked
// of the others.
func keepShown(a *Answer, k int) {
	res := a.Results
	if res == nil || len(res.Hits) <= k {
		return
	}
	quoted := map[[2]string]int{}
	for _, s := range a.Sources {
		key := [2]string{s.DocID, s.Passage}
		if _, ok := quoted[key]; !ok {
			quoted[key] = len(quoted)
		}
	}
	first := make([]retrieval.Hit, len(quoted))
	var rest []retrieval.Hit
	found := 0
	for _, h := range res.Hits {
		if i, ok := quoted[[2]string{h.Chunk.DocID, h.Chunk.Text}]; ok && first[i].Chunk == nil {
			first[i] = h
			found++
			continue
		}
		rest = append(rest, h)
	}
	hits := make([]retrieval.Hit, 0, k)
	for _, h := range first {
		if h.Chunk != nil && len(hits) < k {
			hits = append(hits, h)
		}
	}
	for _, h := range rest {
		if len(hits) == k {
			break
		}
		hits = append(hits, h)
	}
	trimmed := *res
	trimmed.Hits = hits
	a.Results = &trimmed
}

// best returns res with its k best ranked passages alone.
func best(res *retrieval.Results, k int) *retrieval.Results {
	if len(res.Hits) <= k {
		return res
	}
	trimmed := *res
	trimmed.Hits = res.Hits[:k]
	return &trimmed
}
