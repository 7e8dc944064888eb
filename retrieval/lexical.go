package retrieval

import (
	"encoding/binary"
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/newsroom/askbot/retrieval/internal/best"
	"github.com/newsroom/askbot/text"
)

// BM25 parameters.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// field is one inverted index scored with BM25: its units are chunks for the
// body field and documents for the metadata field.
type field struct {
	Postings
	avgLen float64
	// corpus, when set, holds the whole corpus's statistics: the field
	// then indexes some of the corpus's units (a question's candidates
	// from a remote store) but scores them as the whole corpus would.
	corpus *fieldStats
	// scope, when set, limits the statistics to the units an asker may
	// see: a name found only in documents they may not read is as unknown
	// to them as one found nowhere, and weighs the same.
	scope *unitScope
}

// unitScope is the statistics of the units one asker may see: how many,
// their mean length, and (counted on demand) how many hold each term.
type unitScope struct {
	keep   func(unit uint32) bool
	units  int
	avgLen float64
	mu     sync.Mutex
	df     map[string]int
}

// within returns the field with the statistics of the units keep accepts.
func (f *field) within(keep func(unit uint32) bool) *field {
	sc := &unitScope{keep: keep, df: map[string]int{}}
	var total float64
	for u, n := range f.Lengths {
		if keep(uint32(u)) {
			sc.units++
			total += float64(n)
		}
	}
	sc.avgLen = 1
	if sc.units > 0 && total > 0 {
		sc.avgLen = total / float64(sc.units)
	}
	g := *f
	g.scope = sc
	return &g
}

// totals returns how many units the field counts and their summed length.
func (f *field) totals() (units, length int) {
	for u, l := range f.Lengths {
		if f.scope == nil || f.scope.keep(uint32(u)) {
			units++
			length += int(l)
		}
	}
	return units, length
}

// count is how many of the scope's units hold term.
func (sc *unitScope) count(term string, pl *PostingList) int {
	if pl == nil {
		return 0
	}
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if n, ok := sc.df[term]; ok {
		return n
	}
	n := 0
	c := pl.cursor()
	for range pl.Len() {
		if sc.keep(c.next()) {
			n++
		}
	}
	sc.df[term] = n
	return n
}

// fieldStats are a field's corpus-wide statistics: how many units, their
// mean length, and how many units hold each term.
type fieldStats struct {
	units  int
	avgLen float64
	df     map[string]int
}

func newField() *field { return &field{Postings: Postings{Terms: make(map[string]*PostingList)}} }

// add indexes the terms of the next unit. Units are added in order, so a
// term met again in the same unit is the last posting of its list: one
// map lookup a term, no count of the unit's terms on the side (building
// the index of a question's candidates from a remote store was a fifth
// of the bot's CPU a question with one).
func (f *field) add(terms []string) {
	unit := uint32(len(f.Lengths))
	f.Lengths = append(f.Lengths, uint32(len(terms)))
	for _, t := range terms {
		pl := f.Terms[t]
		if pl == nil {
			pl = &PostingList{}
			f.Terms[t] = pl
		}
		if last, ok := pl.lastUnit(); ok && last == unit {
			pl.bumpLast()
			continue
		}
		pl.add(unit, 1)
	}
}

func (f *field) finish() {
	var total float64
	for _, l := range f.Lengths {
		total += float64(l)
	}
	if len(f.Lengths) > 0 {
		f.avgLen = total / float64(len(f.Lengths))
	}
	if f.avgLen == 0 {
		f.avgLen = 1
	}
}

// idf is BM25's inverse document frequency (the Lucene form, never negative).
func (f *field) idf(term string) float64 {
	return f.idfOf(f.df(term))
}

// df is how many units of the corpus hold term.
func (f *field) df(term string) int {
	if f.scope != nil {
		return f.scope.count(term, f.Terms[term])
	}
	if f.corpus != nil {
		return f.corpus.df[term]
	}
	if pl := f.Terms[term]; pl != nil {
		return pl.Len()
	}
	return 0
}

// idfOf is the inverse document frequency of a term found in n units.
func (f *field) idfOf(n int) float64 {
	N := float64(f.units())
	return math.Log(1 + (N-float64(n)+0.5)/(float64(n)+0.5))
}

// units is how many units the IDF counts: the scope's, the corpus's or
// the field's own.
func (f *field) units() int {
	switch {
	case f.scope != nil:
		return f.scope.units
	case f.corpus != nil:
		return f.corpus.units
	}
	return len(f.Lengths)
}

// score adds weight × BM25 of each term to acc, indexed by unit.
func (f *field) score(terms []string, weight float64, acc []float32) {
	for _, t := range terms {
		pl := f.Terms[t]
		if pl == nil {
			continue
		}
		idf := f.idf(t) * weight
		avgLen := f.avgLen
		switch {
		case f.scope != nil:
			avgLen = f.scope.avgLen
		case f.corpus != nil:
			avgLen = f.corpus.avgLen
		}
		// The postings' units, decoded here rather than by a cursor: a
		// call a posting would cost as much as the rest of the loop.
		gaps, at, u := pl.gaps, 0, uint32(0)
		for _, freq := range pl.freqs {
			if b := gaps[at]; b < 0x80 {
				at++
				u += uint32(b)
			} else {
				v, n := binary.Uvarint(gaps[at:])
				at += n
				u += uint32(v)
			}
			tf := float64(freq)
			norm := bm25K1 * (1 - bm25B + bm25B*float64(f.Lengths[u])/avgLen)
			acc[u] += float32(idf * tf * (bm25K1 + 1) / (tf + norm))
		}
	}
}

// Lexical is a BM25 index over chunks: the chunk text, plus its document's
// title and source as a second, down-weighted field.
type Lexical struct {
	body *field
	meta *field
	// chunkDoc maps each chunk to its document; docFirst[d] is d's first chunk.
	chunkDoc []uint32
	docFirst []uint32
	// MetaWeight scales the title-and-source field against the body.
	MetaWeight float64
}

// defaultMetaWeight weighs the title-and-source field against the body.
const defaultMetaWeight = 0.5

// newLexical indexes chunks, which must be grouped by document in order;
// the index's chunk-to-document maps are set by Index.indexStructure.
// known, when not nil, holds by chunk the index terms of those already
// cut into words (nil for the others).
func newLexical(chunks []Chunk, known [][]string, meta func(docID string) string) *Lexical {
	l := &Lexical{body: newField(), meta: newField(), MetaWeight: defaultMetaWeight}
	// Tokenising and stemming, the costly part, runs on every core.
	body := make([][]string, len(chunks))
	metas := make([][]string, len(chunks))
	parallel(len(chunks), func(i int) {
		if i < len(known) && known[i] != nil {
			body[i] = known[i]
		} else {
			body[i] = text.Terms(chunks[i].Text)
		}
		if i == 0 || chunks[i].DocID != chunks[i-1].DocID {
			metas[i] = text.Terms(meta(chunks[i].DocID))
		}
	})
	for i, c := range chunks {
		if i == 0 || c.DocID != chunks[i-1].DocID {
			l.meta.add(metas[i])
		}
		l.body.add(body[i])
	}
	l.body.finish()
	l.meta.finish()
	return l
}

// within returns the index with the statistics of the documents allowed
// (by document index): postings stay shared, counts are of what is allowed.
func (l *Lexical) within(allowed []bool) *Lexical {
	s := *l
	s.body = l.body.within(func(u uint32) bool { return allowed[l.chunkDoc[u]] })
	s.meta = l.meta.within(func(u uint32) bool { return allowed[u] })
	return &s
}

// scored is a unit (chunk) with its score.
type scored = best.Scored

// Scores returns the BM25 score of every chunk for terms.
func (l *Lexical) Scores(terms []string) []float32 {
	acc := make([]float32, len(l.chunkDoc))
	l.body.score(terms, 1, acc)
	if l.MetaWeight > 0 {
		docs := make([]float32, len(l.docFirst)-1)
		l.meta.score(terms, l.MetaWeight, docs)
		for d, s := range docs {
			if s == 0 {
				continue
			}
			for c := l.docFirst[d]; c < l.docFirst[d+1]; c++ {
				acc[c] += s
			}
		}
	}
	return acc
}

// Search returns the n best chunks for terms, best first, skipping zeros.
func (l *Lexical) Search(terms []string, n int) []scored {
	return topN(l.Scores(terms), n)
}

// IDF returns the body field's inverse document frequency of term.
func (l *Lexical) IDF(term string) float64 { return l.body.idf(term) }

// idfAtLeast is IDF counted as if the corpus held at least units chunks,
// the others without term.
func (l *Lexical) idfAtLeast(term string, units int) float64 {
	n := l.body.df(term)
	N := max(l.body.units(), units)
	return math.Log(1 + (float64(N)-float64(n)+0.5)/(float64(n)+0.5))
}

// has reports whether term occurs in chunk unit or in its document's metadata.
func (l *Lexical) has(term string, unit int) bool {
	if pl := l.body.Terms[term]; pl != nil && pl.has(uint32(unit)) {
		return true
	}
	if pl := l.meta.Terms[term]; pl != nil {
		return pl.has(l.chunkDoc[unit])
	}
	return false
}

// Contains reports whether term occurs anywhere in the corpus, in text or metadata.
func (l *Lexical) Contains(term string) bool {
	return l.body.df(term) > 0 || l.meta.df(term) > 0
}

// topN returns the n highest positive scores, best first (ties by unit).
func topN(scores []float32, n int) []scored {
	if n <= 0 {
		return nil
	}
	top := best.New(n)
	for u, s := range scores {
		if c := (scored{Unit: u, Score: s}); s > 0 && !top.Full(c) {
			top.Offer(c)
		}
	}
	kept := top.Kept()
	best.Sort(kept)
	return kept
}

// parallel calls f(0) … f(n-1) on every core and waits for them.
func parallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(i)
			}
		}()
	}
	wg.Wait()
}
