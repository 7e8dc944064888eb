package retrieval

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/newsroom/askbot/corpus"
)

// Store is where a corpus's chunks are kept for searching: the in-process
// Index, or a remote engine (package weaviate) that returns candidates,
// frequencies and documents. The ranking (fusion, outlet and date
// features, the relevance floor) stays in this package and is the same
// whatever the store, so both give the same answers; package storetest is
// the contract every Store passes. ("Store" names this one concept: the
// saved indexes' directory is an IndexDir, Slack's kept answers are saved
// answers.)
type Store interface {
	// Pin returns the corpus version questions see now. Everything one
	// question asks goes to the version it pinned, so a switch of versions
	// while it is answered is never half seen.
	Pin(ctx context.Context) (Version, error)
}

// Version is one version of a stored corpus, as a question sees it.
type Version interface {
	// ID names the version.
	ID() string
	// Describe gives the version's size and identity, for people.
	Describe(ctx context.Context) (Stats, error)
	// Scope describes the part of the version an asker limited by f may
	// search (f's Collections and Now; its other fields are not read):
	// Documents and Chunks count what they may quote now, Withdrawn and
	// Embargoes what of their collections they may not quote (yet), and
	// Version (with Built, when it was first published) changes only when
	// what they may see does.
	Scope(ctx context.Context, f Filter) (Stats, error)
	// Candidates returns the passages q is ranked among, in the index
	// they are ranked in, never one q.Filter hides: every passage, for a
	// version held in this process; those the version returns for the
	// question's words and vector (Gather), for a remote one.
	Candidates(ctx context.Context, q Query) (*Candidates, error)
	// Layout says how the corpus was chunked and embedded; a Searcher
	// refuses a store written with another chunker or embedder.
	Layout() Layout
	// Outlets are the outlets of the documents that pass f: an outlet
	// only a restricted, embargoed or withdrawn document names is not one
	// to an asker f limits. The zero Filter gives every outlet.
	Outlets(ctx context.Context, f Filter) ([]string, error)
	// Lexical returns up to n chunks by BM25 over terms (stemmed index
	// terms), best first.
	Lexical(ctx context.Context, terms []string, f Filter, n int) ([]Candidate, error)
	// Dense returns up to n chunks nearest to vector, with their cosine
	// similarity.
	Dense(ctx context.Context, vector []float32, f Filter, n int) ([]Candidate, error)
	// Frequencies returns the counts of terms in the documents that pass
	// f (its Collections and Now at least; withdrawn documents are not
	// counted unless f is the zero Filter, which counts every document).
	Frequencies(ctx context.Context, terms []string, f Filter) (*Frequencies, error)
	// DocumentsByID returns the documents with these IDs (those it
	// holds); without withText a store may leave their Text out, the
	// bulk of them, which ranking does not need.
	DocumentsByID(ctx context.Context, ids []string, withText bool) (map[string]*corpus.Document, error)
	// Keeps reports which of the documents with these IDs f lets be
	// searched (Filter.Keeps, with the collection each was filed in): a
	// document it does not hold is not kept.
	Keeps(ctx context.Context, f Filter, ids []string) (map[string]bool, error)
}

// Layout is how a stored corpus was chunked and embedded.
type Layout struct {
	Chunker  Chunker
	Embedder string // the embedder's Name
}

// Candidate is one chunk a store returned for a query.
type Candidate struct {
	ChunkID string
	DocID   string
	// Chunk, when the store returns it with the candidate, is the chunk
	// itself; otherwise its document is fetched and cut again.
	Chunk *Chunk
	// Score is the store's BM25 score or cosine similarity; the ranking
	// computes its own.
	Score float64
	// Terms, when the store gives them, are the index terms of Chunk's
	// text (text.Terms), kept from an earlier question: the ranking does
	// not cut the text into words again. Nil: it does.
	Terms []string
}

// Filter narrows the candidates a store returns. The zero Filter matches
// every document that is not withdrawn.
type Filter struct {
	// Sources, when set, keeps the documents of these outlets.
	Sources []string
	// Collections, when not nil, keeps the documents of these collections;
	// "" stands for documents outside every collection.
	Collections []string
	// Asker, when set, is the asker's scope, read in the collection
	// settings of the version a question pins: the Searcher replaces
	// Collections with its answer once it has pinned the version. The
	// names an asker may search and the collections the documents were
	// filed in then come from one reload, never half of one.
	Asker Asker
	// Now, when set, hides documents under embargo at Now.
	Now time.Time
	// From and To, when set, keep the documents published in [From, To);
	// documents with no known date are then left out.
	From, To time.Time
}

// Asker names the collections an asker may search (as Filter.Collections)
// under settings, the collection settings a version's documents were
// filed by: an in-process index's Index.Settings, a shared store's as it
// keeps them with each version (Weaviate: the JSON its writer gave, a
// json.RawMessage, empty when the version was written without), or nil
// for a version that keeps none. An error (settings it cannot read)
// fails the question: it is never answered under other settings.
type Asker func(settings any) ([]string, error)

// pinned is f for the version v a question pinned: its Asker, when set,
// read in v's collection settings.
func (f Filter) pinned(v Version) (Filter, error) {
	if f.Asker == nil {
		return f, nil
	}
	var settings any
	if s, ok := v.(interface{ CollectionSettings() any }); ok {
		settings = s.CollectionSettings()
	}
	names, err := f.Asker(settings)
	if err != nil {
		return Filter{}, fmt.Errorf("the asker's scope in %s: %w", v.ID(), err)
	}
	f.Collections, f.Asker = names, nil
	return f, nil
}

// citable reports whether d may be quoted under f: it is not withdrawn
// and, when f.Now is set, not under embargo then.
func (f Filter) citable(d *corpus.Document) bool {
	return !d.Withdrawn && (f.Now.IsZero() || d.Citable(f.Now))
}

// Keeps is the rule every store applies: whether f lets d, filed in
// collection ("" when outside every collection), be searched. It is not
// withdrawn, not under embargo at f.Now (when set), of one of f.Sources
// and f.Collections (when set), and published in [f.From, f.To) (when
// set).
func (f Filter) Keeps(d *corpus.Document, collection string) bool {
	return f.citable(d) &&
		(len(f.Sources) == 0 || slices.Contains(f.Sources, strings.TrimSpace(d.Source))) &&
		(f.Collections == nil || slices.Contains(f.Collections, collection)) &&
		f.inRange(d)
}

// whole reports whether f keeps every document.
func (f Filter) whole() bool {
	return f.Now.IsZero() && f.Collections == nil && len(f.Sources) == 0 && f.From.IsZero() && f.To.IsZero()
}

// inRange reports whether d passes f's publication dates.
func (f Filter) inRange(d *corpus.Document) bool {
	if f.From.IsZero() && f.To.IsZero() {
		return true
	}
	t, ok := d.PublishedTime()
	return ok && (f.From.IsZero() || !t.Before(f.From)) && (f.To.IsZero() || t.Before(f.To))
}

// Frequencies are corpus-wide counts: what BM25, the IDF-based features
// and the relevance floor need.
type Frequencies struct {
	Chunks    int // chunks in the corpus
	Documents int // documents in the corpus
	// ChunkTerms and MetaTerms are the summed lengths, in index terms, of
	// the chunks and of the documents' metadata (title, outlet, byline).
	ChunkTerms, MetaTerms int
	// Body is how many chunks hold each term; Meta, how many documents'
	// metadata.
	Body, Meta map[string]int
}

// merge adds the terms of g to f.
func (f *Frequencies) merge(g *Frequencies) {
	for t, n := range g.Body {
		f.Body[t] = n
	}
	for t, n := range g.Meta {
		f.Meta[t] = n
	}
}

// The in-process index is a version of a corpus (package memory keeps
// them as a Store).
var _ Version = (*Index)(nil)

// ID names the index's version.
func (ix *Index) ID() string { return ix.Stats().Version }

// Describe returns the index's Stats.
func (ix *Index) Describe(context.Context) (Stats, error) { return ix.Stats(), nil }

// CollectionSettings are the settings the index's documents were filed
// in collections by (see Filter.Asker).
func (ix *Index) CollectionSettings() any { return ix.Settings }

// Layout is the index's chunker and embedder.
func (ix *Index) Layout() Layout { return Layout{Chunker: ix.chunker, Embedder: ix.embedder.Name()} }

// Outlets are the outlets of the index's documents that pass f.
func (ix *Index) Outlets(_ context.Context, f Filter) ([]string, error) {
	sources := ix.sources
	if !f.whole() {
		sources = ix.within(ix.filterDocs(f)).sources
	}
	out := make([]string, 0, len(sources))
	for o := range sources {
		out = append(out, o)
	}
	slices.Sort(out)
	return out, nil
}

// Scope describes the part of the index f lets see (its Collections, by
// CollectionOf, and Now): Documents and Chunks count the documents it may
// quote and their passages; Withdrawn and Embargoes are those of its
// collections it may not quote (yet). Documents of other collections are
// not counted at all, nor told by Version: when f keeps some out, Version
// is a hash of the documents it may quote, so a change to another does
// not change it.
func (ix *Index) Scope(_ context.Context, f Filter) (Stats, error) {
	return ix.scope(f.Now, func(d *corpus.Document) bool {
		return f.Collections == nil || slices.Contains(f.Collections, ix.collection(d))
	}), nil
}

// collection names d's collection, "" when outside every collection.
func (ix *Index) collection(d *corpus.Document) string {
	if ix.CollectionOf == nil {
		return ""
	}
	return ix.CollectionOf(d)
}

// keeps is f's rule (Filter.Keeps) over the index's documents.
func (ix *Index) keeps(f Filter) func(*corpus.Document) bool {
	return func(d *corpus.Document) bool { return f.Keeps(d, ix.collection(d)) }
}

// filterDocs reports, by document index, which documents pass f.
func (ix *Index) filterDocs(f Filter) []bool {
	ok := make([]bool, len(ix.docOrder))
	keeps := ix.keeps(f)
	for i, d := range ix.docOrder {
		ok[i] = keeps(d)
	}
	return ok
}

// Candidates are every passage of the index, ranked in the index itself,
// never one q.Filter hides. An index with no withdrawn or embargoed
// document, searched by a filter naming no collections, outlets nor
// dates, is searched whole.
func (ix *Index) Candidates(_ context.Context, q Query) (*Candidates, error) {
	f := q.Filter
	c := &Candidates{View: ix, Dense: DenseRanking(ix.denseSearch)}
	if ix.limited || f.Collections != nil || len(f.Sources) > 0 || !f.From.IsZero() || !f.To.IsZero() {
		c.Allow = ix.keeps(f)
	}
	return c, nil
}

// Lexical returns the n best chunks by BM25 that pass f.
func (ix *Index) Lexical(_ context.Context, terms []string, f Filter, n int) ([]Candidate, error) {
	scores := ix.lex.Scores(terms)
	ok := ix.filterDocs(f)
	for u, d := range ix.lex.chunkDoc {
		if !ok[d] {
			scores[u] = 0
		}
	}
	var out []Candidate
	for _, s := range topN(scores, n) {
		c := &ix.chunks[s.Unit]
		out = append(out, Candidate{ChunkID: c.ID, DocID: c.DocID, Chunk: c, Score: float64(s.Score)})
	}
	return out, nil
}

// Dense returns the n chunks nearest to vector that pass f.
func (ix *Index) Dense(ctx context.Context, vector []float32, f Filter, n int) ([]Candidate, error) {
	if ix.vectors == nil {
		return nil, nil
	}
	count, err := ix.vectors.Count()
	if err != nil {
		return nil, fmt.Errorf("load vectors: %w", err)
	}
	if count == 0 {
		return nil, nil
	}
	ok := ix.filterDocs(f)
	matches, err := ix.vectors.Nearest(ctx, vector, n, func(u int) bool { return ok[ix.lex.chunkDoc[u]] })
	if err != nil {
		return nil, err
	}
	var out []Candidate
	for _, m := range matches {
		c := &ix.chunks[m.Chunk]
		out = append(out, Candidate{ChunkID: c.ID, DocID: c.DocID, Chunk: c, Score: float64(m.Similarity)})
	}
	return out, nil
}

// Frequencies returns the index's counts of terms in the documents that
// pass filter: what an asker limited by it may see. The zero Filter counts
// the whole corpus, withdrawn documents included, as a store's rows do.
func (ix *Index) Frequencies(_ context.Context, terms []string, filter Filter) (*Frequencies, error) {
	lex := ix.lex
	if ok := ix.filterDocs(filter); !filter.whole() && slices.Contains(ok, false) {
		lex = lex.within(ok)
	}
	f := &Frequencies{Body: map[string]int{}, Meta: map[string]int{}}
	f.Chunks, f.ChunkTerms = lex.body.totals()
	f.Documents, f.MetaTerms = lex.meta.totals()
	for _, t := range terms {
		f.Body[t] = lex.body.df(t)
		f.Meta[t] = lex.meta.df(t)
	}
	return f, nil
}

// Keeps reports which of the documents with these IDs f lets be searched.
func (ix *Index) Keeps(_ context.Context, f Filter, ids []string) (map[string]bool, error) {
	out := make(map[string]bool, len(ids))
	for _, id := range ids {
		d, ok := ix.docs[id]
		out[id] = ok && f.Keeps(d, ix.collection(d))
	}
	return out, nil
}

// DocumentsByID returns the index's documents with these IDs, with their
// texts whatever withText says: they are at hand.
func (ix *Index) DocumentsByID(_ context.Context, ids []string, _ bool) (map[string]*corpus.Document, error) {
	out := make(map[string]*corpus.Document, len(ids))
	for _, id := range ids {
		if d, ok := ix.docs[id]; ok {
			out[id] = d
		}
	}
	return out, nil
}
