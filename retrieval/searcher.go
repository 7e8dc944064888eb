package retrieval

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/text"
)

// Searcher answers questions from a Store, whichever it is: it pins the
// store's current version, asks it for the question's candidates in the
// index they are ranked in (every passage of a corpus held in this
// process; those a remote store returns, see Gather), and ranks them. The
// asker's scope is the Filter, which the store applies; the ranking is
// the same for every store.
type Searcher struct {
	store    Store
	embedder Embedder
	chunker  Chunker
	// OutletCandidates is how many candidates each outlet the question
	// names adds, from a store that returns candidates (default 50).
	OutletCandidates int
}

// NewSearcher returns a searcher over store. The embedder and chunker must
// be those the store was written with.
func NewSearcher(store Store, embedder Embedder, chunker Chunker) *Searcher {
	if chunker == (Chunker{}) {
		chunker = DefaultChunker
	}
	return &Searcher{store: store, embedder: embedder, chunker: chunker, OutletCandidates: 50}
}

// Query is one question as a store is asked for its candidates.
type Query struct {
	// Text is the question as asked.
	Text string
	// Filter is the asker's scope: the store leaves out what it hides.
	Filter Filter
	// Options are the search's, with their defaults set.
	Options SearchOptions
	// Embedder embeds the question, for a store's dense candidates.
	Embedder Embedder
	// Chunker is the store's, to cut fetched documents again.
	Chunker Chunker
	// OutletCandidates is how many candidates each outlet named adds.
	OutletCandidates int
}

// Candidates are the passages a question is ranked among, with the index
// they are ranked in.
type Candidates struct {
	// View is the index they are ranked in, with the corpus's statistics.
	View *Index
	// Allow says which of View's documents the asker may see (nil: all);
	// the others are never ranked, nor counted by the relevance floor.
	Allow func(*corpus.Document) bool
	// Dense ranks View's passages by the question's vector.
	Dense DenseRanking
}

// DenseRanking returns the cosine similarity of the n passages nearest to
// query among those keep accepts (all when keep is nil), by passage index
// in the view.
type DenseRanking func(ctx context.Context, query string, n int, keep func(unit int) bool) (map[int]float64, error)

// Search pins the store's current version and retrieves the passages that
// best answer query among those f lets see (and opts.Allow, when set,
// keeps). It returns the results with the index they were ranked in,
// whose statistics (a word's weight, whether a name is known) are of what
// f lets see, which the answer reads.
func (s *Searcher) Search(ctx context.Context, query string, f Filter, opts SearchOptions) (*Index, *Results, error) {
	opts = opts.withDefaults()
	v, err := s.store.Pin(ctx)
	if err != nil {
		return nil, nil, storeError(ctx, err)
	}
	if l := v.Layout(); l.Chunker != s.chunker || l.Embedder != s.embedder.Name() {
		return nil, nil, fmt.Errorf("search: the store was written with chunks of %d characters embedded by %s; this bot chunks at %d with %s: index it again",
			l.Chunker.TargetChars, l.Embedder, s.chunker.TargetChars, s.embedder.Name())
	}
	if f, err = f.pinned(v); err != nil {
		return nil, nil, err
	}
	c, err := v.Candidates(ctx, Query{Text: query, Filter: f, Options: opts, Embedder: s.embedder, Chunker: s.chunker, OutletCandidates: s.OutletCandidates})
	if err != nil {
		return nil, nil, err
	}
	allow := opts.Allow
	opts.Allow = c.Allow
	if allow != nil {
		opts.Allow = func(d *corpus.Document) bool { return allow(d) && (c.Allow == nil || c.Allow(d)) }
	}
	res, err := c.View.search(ctx, query, opts, denseFunc(c.Dense))
	if err != nil {
		return nil, nil, err
	}
	if err := fillTexts(ctx, v, c.View.docs, res.Hits); err != nil {
		return nil, nil, err
	}
	return res.View, res, nil
}

// Gather asks v for a question's candidates, for a store that does not
// hold its passages in this process: BM25 over the question's terms, the
// same for each outlet it names with the words around the name (see
// outletPicks), and, when dense search is on, the nearest vectors, with
// the corpus-wide frequencies of the question's words (more are fetched
// as the answer asks: LoadTerms). The documents the store returns are
// judged one by one as well: their embargoes are not known before they
// are fetched.
func Gather(ctx context.Context, v Version, q Query) (*Candidates, error) {
	f, opts := q.Filter, q.Options
	// Every statistic (whether a name or an outlet is known, a word's
	// weight) is of what the asker may see, as in Index.Search.
	scope := f
	if opts.WholeCorpusStats {
		scope = Filter{}
	}
	outlets, err := v.Outlets(ctx, scope)
	if err != nil {
		return nil, storeError(ctx, err)
	}
	parser := &Index{sources: make(map[string][]string, len(outlets))}
	for _, o := range outlets {
		parser.sources[o] = nil
	}
	parsed := parser.Parse(q.Text)

	// The counts of the question's words are asked meanwhile.
	type counts struct {
		freq *Frequencies
		err  error
	}
	counted := make(chan counts, 1)
	go func() {
		freq, err := v.Frequencies(ctx, questionVocabulary(parsed), scope)
		counted <- counts{freq, err}
	}()
	cands, dense, denseErr, err := candidates(ctx, v, parsed, q)
	if err != nil {
		<-counted
		return nil, err
	}
	want := map[string]bool{}
	var docIDs []string
	seenDoc := map[string]bool{}
	// The chunks came with the candidates, or their documents are cut
	// again (and their texts needed for that).
	chunks := map[string]*Chunk{}
	terms := map[string][]string{}
	for _, c := range slices.Concat(cands, dense) {
		want[c.ChunkID] = true
		if c.Chunk != nil {
			chunks[c.ChunkID] = c.Chunk
			if c.Terms != nil {
				terms[c.ChunkID] = c.Terms
			}
		}
		if !seenDoc[c.DocID] {
			seenDoc[c.DocID] = true
			docIDs = append(docIDs, c.DocID)
		}
	}
	docs, err := v.DocumentsByID(ctx, docIDs, len(chunks) < len(want))
	c := <-counted
	if err != nil {
		return nil, storeError(ctx, err)
	}
	if c.err != nil {
		return nil, storeError(ctx, c.err)
	}
	freq := c.freq
	view := gatheredView(v.ID(), q.Embedder, q.Chunker, docs, want, chunks, terms, freq, outlets)
	denseScores := map[int]float64{}
	for _, c := range dense {
		if u, ok := view.unitOf[c.ChunkID]; ok {
			denseScores[u] = c.Score
		}
	}
	view.loadTerms = func(ctx context.Context, terms []string) error {
		var more []string
		for _, t := range terms {
			if _, ok := freq.Body[t]; !ok && !slices.Contains(more, t) {
				more = append(more, t)
			}
		}
		if len(more) == 0 {
			return nil
		}
		extra, err := v.Frequencies(ctx, more, scope)
		if err != nil {
			return err
		}
		freq.merge(extra)
		return nil
	}
	return &Candidates{View: view, Allow: f.citable, Dense: func(_ context.Context, _ string, _ int, keep func(int) bool) (map[int]float64, error) {
		for u := range denseScores {
			if keep != nil && !keep(u) {
				delete(denseScores, u)
			}
		}
		return denseScores, denseErr
	}}, nil
}

// candidates asks v for a question's candidates: BM25 over its terms, the
// same for each outlet it names with the words around the name (see
// outletPicks), and, when dense search is on, the nearest vectors (asked
// meanwhile). A failure to embed the question or of the dense query is
// returned apart: the search goes on with BM25 alone.
func candidates(ctx context.Context, v Version, q *Question, query Query) (lexical, dense []Candidate, denseErr, err error) {
	f, opts := query.Filter, query.Options
	type nearest struct {
		cands []Candidate
		err   error
	}
	denseDone := make(chan nearest, 1)
	go func() {
		if opts.DenseWeight <= 0 {
			denseDone <- nearest{}
			return
		}
		vecs, err := query.Embedder.Embed(ctx, []string{q.Text})
		switch {
		case err != nil:
			denseDone <- nearest{err: fmt.Errorf("embed query: %w", err)}
		case len(vecs) == 0 || vecs[0] == nil:
			denseDone <- nearest{}
		default:
			cands, err := v.Dense(ctx, vecs[0], f, opts.Candidates)
			denseDone <- nearest{cands, err}
		}
	}()
	lexical, err = lexicalCandidates(ctx, v, q, f, opts, query.OutletCandidates)
	near := <-denseDone
	if err != nil {
		return nil, nil, nil, storeError(ctx, err)
	}
	if near.err != nil && ctx.Err() != nil {
		return nil, nil, nil, fmt.Errorf("search: %w", ctx.Err())
	}
	return lexical, near.cands, near.err, nil
}

// lexicalCandidates asks v for BM25 candidates: the question's, and each
// named outlet's by the question and the words around the name (perOutlet
// of them).
func lexicalCandidates(ctx context.Context, v Version, q *Question, f Filter, opts SearchOptions, perOutlet int) ([]Candidate, error) {
	type ask struct {
		terms []string
		f     Filter
		n     int
	}
	asks := []ask{{q.Terms, f, opts.Candidates}}
	if opts.SourcePicks > 0 {
		var seen []string
		for _, c := range q.Clauses {
			if slices.Contains(seen, c.Source) {
				continue
			}
			seen = append(seen, c.Source)
			of := f
			of.Sources = []string{c.Source}
			asks = append(asks, ask{union(q.Terms, text.QueryTerms(c.Text)), of, perOutlet})
		}
	}
	// The queries are asked at once: each waits on the store.
	got := make([][]Candidate, len(asks))
	errs := make([]error, len(asks))
	var wg sync.WaitGroup
	for i, a := range asks {
		wg.Go(func() { got[i], errs[i] = v.Lexical(ctx, a.terms, a.f, a.n) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return slices.Concat(got...), nil
}

// fillTexts fetches the texts of the hits' documents that came without
// them (ranking does not need them; the answer quotes them).
func fillTexts(ctx context.Context, v Version, docs map[string]*corpus.Document, hits []Hit) error {
	var textless []string
	for _, h := range hits {
		if h.Doc.Text == "" && !slices.Contains(textless, h.Doc.ID) {
			textless = append(textless, h.Doc.ID)
		}
	}
	if len(textless) == 0 {
		return nil
	}
	full, err := v.DocumentsByID(ctx, textless, true)
	if err != nil {
		return storeError(ctx, err)
	}
	for _, id := range textless {
		d, ok := full[id]
		if !ok || d.Text == "" {
			return fmt.Errorf("search: the store lost the text of %s", id)
		}
		docs[id].Text = d.Text
	}
	return nil
}

// LoadTerms makes sure the corpus-wide frequencies of text's index terms
// are known before IDF is asked for them: an index of a remote store's
// candidates knows those of the question only, and fetches the others; an
// in-process index knows them all.
func (ix *Index) LoadTerms(ctx context.Context, s string) error {
	if ix.loadTerms == nil {
		return nil
	}
	if err := ix.loadTerms(ctx, text.Terms(s)); err != nil {
		return fmt.Errorf("load word counts: %w", err)
	}
	return nil
}

// Describe gives the size and identity of the store's current version.
func (s *Searcher) Describe(ctx context.Context) (Stats, error) {
	v, err := s.store.Pin(ctx)
	if err != nil {
		return Stats{}, err
	}
	return v.Describe(ctx)
}

// Scope describes the part of the store's current version f lets see (its
// Collections and Now: see Version.Scope).
func (s *Searcher) Scope(ctx context.Context, f Filter) (Stats, error) {
	v, err := s.store.Pin(ctx)
	if err != nil {
		return Stats{}, err
	}
	if f, err = f.pinned(v); err != nil {
		return Stats{}, err
	}
	return v.Scope(ctx, f)
}

// Ready reports whether the store answers now: its own Ready when it has
// one (a store's Pin may answer from the version it read last), else Pin.
func (s *Searcher) Ready(ctx context.Context) error {
	if r, ok := s.store.(interface{ Ready(context.Context) error }); ok {
		return r.Ready(ctx)
	}
	_, err := s.store.Pin(ctx)
	return err
}

// Document returns a document of the store's current version.
func (s *Searcher) Document(ctx context.Context, id string) (*corpus.Document, bool, error) {
	v, err := s.store.Pin(ctx)
	if err != nil {
		return nil, false, err
	}
	docs, err := v.DocumentsByID(ctx, []string{id}, true)
	if err != nil {
		return nil, false, err
	}
	d, ok := docs[id]
	return d, ok, nil
}

// Passages splits doc into the passages the store holds of it, as the
// store was written (the same chunker), in the document's order.
func (s *Searcher) Passages(doc *corpus.Document) []Chunk { return s.chunker.Split(doc) }

// Keeps reports whether f lets every document with these IDs be searched
// in the store's current version (a document it does not hold is not).
func (s *Searcher) Keeps(ctx context.Context, f Filter, ids []string) (bool, error) {
	v, err := s.store.Pin(ctx)
	if err != nil {
		return false, err
	}
	if f, err = f.pinned(v); err != nil {
		return false, err
	}
	kept, err := v.Keeps(ctx, f, ids)
	if err != nil {
		return false, err
	}
	for _, id := range ids {
		if !kept[id] {
			return false, nil
		}
	}
	return true, nil
}

// String names the store.
func (s *Searcher) String() string { return fmt.Sprint(s.store) }

// ErrStoreUnavailable marks a search that failed because the store did not
// answer: a plain explanation for the asker, not a bug.
var ErrStoreUnavailable = errors.New("the document store is unavailable")

// storeError wraps an error of the store's; a question cancelled or out of
// time stays that.
func storeError(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("search: %w", err)
	}
	return fmt.Errorf("search: %w: %w", ErrStoreUnavailable, err)
}

// questionVocabulary is every term a question's ranking, declining and
// extractive answer look up: the index terms of the question, of its parts
// and outlet clauses, of each word of its names, and of the synonyms of its
// rare words.
func questionVocabulary(q *Question) []string {
	terms := union(text.Terms(text.Normalize(q.Text)), q.Terms)
	for _, p := range q.Parts {
		terms = union(terms, text.Terms(p))
	}
	for _, c := range q.Clauses {
		terms = union(terms, text.Terms(c.Text))
	}
	for _, n := range q.Names {
		for _, w := range text.Words(n) {
			terms = union(terms, []string{text.Term(w)})
		}
	}
	// The unknown-word check asks after the synonyms of rare words, the
	// verb of a closed phrasal noun and the possessor of a possessive
	// typed without its apostrophe.
	for _, w := range rareWords(q) {
		for _, s := range text.Synonyms(w) {
			terms = union(terms, []string{text.Term(s)})
		}
		if base, ok := text.PhrasalBase(w); ok {
			terms = union(terms, []string{text.Term(base)})
		}
		if owner, ok := possessor(w); ok {
			terms = union(terms, []string{text.Term(owner)})
		}
	}
	return terms
}

// union returns a's terms, then b's not in a.
func union(a, b []string) []string {
	out := slices.Clone(a)
	for _, t := range b {
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// gatheredView builds the index a question is ranked in: the candidate
// chunks of docs (as the store returned them, or cut again with the
// store's chunker, so offsets and paragraphs are the corpus's), scored
// with the corpus-wide frequencies.
func gatheredView(version string, embedder Embedder, chunker Chunker, docs map[string]*corpus.Document, want map[string]bool, given map[string]*Chunk, terms map[string][]string, freq *Frequencies, outlets []string) *Index {
	ids := make([]string, 0, len(docs))
	for id := range docs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	ix := &Index{docs: docs, embedder: embedder, chunker: chunker, key: version, unitOf: map[string]int{}}
	byDoc := map[string][]Chunk{}
	for _, c := range given {
		byDoc[c.DocID] = append(byDoc[c.DocID], *c)
	}
	for _, id := range ids {
		d := docs[id]
		var cs []Chunk
		if d.Text != "" {
			for _, c := range chunker.Split(d) {
				if want[c.ID] {
					cs = append(cs, c)
				}
			}
		} else {
			cs = byDoc[id]
			slices.SortFunc(cs, func(a, b Chunk) int { return compareInts(a.Ordinal, b.Ordinal) })
		}
		for _, c := range cs {
			ix.unitOf[c.ID] = len(ix.chunks)
			ix.chunks = append(ix.chunks, c)
		}
		if len(cs) > 0 {
			ix.docOrder = append(ix.docOrder, d)
		}
	}
	// The terms the store gave are those of the text it gave with them.
	known := make([][]string, len(ix.chunks))
	for i, c := range ix.chunks {
		if g, ok := given[c.ID]; ok && g.Text == c.Text {
			known[i] = terms[c.ID]
		}
	}
	ix.lex = newLexical(ix.chunks, known, func(id string) string { return docMeta(ix.docs[id]) })
	ix.lex.body.corpus = &fieldStats{units: freq.Chunks, avgLen: meanLength(freq.ChunkTerms, freq.Chunks), df: freq.Body}
	ix.lex.meta.corpus = &fieldStats{units: freq.Documents, avgLen: meanLength(freq.MetaTerms, freq.Documents), df: freq.Meta}
	ix.indexStructure()
	for _, o := range outlets {
		if _, ok := ix.sources[o]; !ok {
			ix.sources[o] = nil // named by the question parser and the outlet checks
		}
	}
	return ix
}

func meanLength(total, units int) float64 {
	if units == 0 || total == 0 {
		return 1
	}
	return float64(total) / float64(units)
}
