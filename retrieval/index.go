// Package retrieval finds the passages of the corpus that answer a question.
// It ranks a store's chunks by BM25 and by their vectors, fuses both
// rankings, picks passages for the outlets and parts a question names, and
// decides whether the documents say; the stores (packages memory and
// weaviate) keep the chunks, postings and vectors it ranks.
package retrieval

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/newsroom/askbot/corpus"
)

// Index is a searchable corpus as the ranking reads it: its documents,
// their chunks, the BM25 postings over them and, for an index held in this
// process, its chunk vectors. It is safe for concurrent searches; it is
// never modified after it is made (a reload makes a new one). A store
// makes it (NewIndex: package memory from the corpus or its snapshot, a
// question's candidates in Gather); the ranking over it is this package's.
type Index struct {
	docs     map[string]*corpus.Document
	docOrder []*corpus.Document
	chunks   []Chunk
	lex      *Lexical
	// vectors are the chunk vectors, kept by the store (nil in the index
	// of a remote store's candidates).
	vectors  Vectors
	embedder Embedder
	chunker  Chunker
	built    time.Time
	// limited is set when some document has an embargo or is withdrawn;
	// withdrawn counts the withdrawn documents and embargoes are the
	// embargo times of the others that have one.
	limited   bool
	withdrawn int
	embargoes []time.Time
	// key identifies the corpus content and chunking, computed once by
	// the store: hashing the corpus is too costly to repeat per answer.
	key string
	// docChunks is the [first, end) range of each document's chunks.
	docChunks map[string][2]int
	// sources maps each outlet name, as written, to its documents.
	sources map[string][]string
	// unitOf maps chunk IDs to chunk indexes in a question's index of a
	// remote store's candidates (see Gather).
	unitOf map[string]int
	// loadTerms, in such an index, fetches the corpus-wide frequencies of
	// more terms (see LoadTerms).
	loadTerms func(ctx context.Context, terms []string) error
	// CollectionOf, when set, names the collection of a document ("" when
	// outside every collection), for the Collections of a Filter.
	CollectionOf func(*corpus.Document) string
	// Settings are the collection settings CollectionOf files by, which
	// a Filter's Asker reads its names in: set with CollectionOf, they
	// are swapped in with the index, in one.
	Settings any
	// hashes are the documents' content hashes, for the version of a
	// part of the index (see Index.Scope).
	hashes *docHashes
}

// Vectors are the chunk vectors of an index held in this process, kept by
// its store (package memory): the dense ranking asks them for the chunks
// nearest to a question's vector.
type Vectors interface {
	// Count is how many chunks have a vector; vectors loaded on first use
	// are loaded by it.
	Count() (int, error)
	// Nearest returns the n chunks nearest to vector among those keep
	// accepts (all when keep is nil), best first, by chunk index.
	Nearest(ctx context.Context, vector []float32, n int, keep func(chunk int) bool) ([]Nearby, error)
}

// Nearby is a chunk, by its index in the Index, and its cosine similarity
// to a query's vector.
type Nearby struct {
	Chunk      int
	Similarity float32
}

// IndexData is what an Index is made of, as a store holds it.
type IndexData struct {
	// Docs are the documents, in corpus order.
	Docs []*corpus.Document
	// Chunks are the documents' chunks, grouped by document in order;
	// nil: the documents are cut by Chunker.
	Chunks []Chunk
	// Body and Meta are the BM25 postings of the chunks and of the
	// documents' metadata (title, outlet, byline), as Postings returns
	// them; nil: counted from the chunks' and documents' index terms.
	Body, Meta *Postings
	// Embedder made the Vectors, and embeds questions.
	Embedder Embedder
	// Chunker cut the chunks (DefaultChunker when zero).
	Chunker Chunker
	// Vectors are the chunk vectors (nil: none).
	Vectors Vectors
	// Built is when the index was built (now when zero).
	Built time.Time
	// Key identifies the corpus content and the index settings;
	// Stats.Version is its first 12 characters.
	Key string
}

// NewIndex makes the index of d: it cuts the documents into chunks and
// counts their BM25 postings unless d gives them, and derives the lookups
// the ranking needs.
func NewIndex(d IndexData) (*Index, error) {
	if len(d.Docs) == 0 {
		return nil, errors.New("build index: no documents")
	}
	if d.Chunker == (Chunker{}) {
		d.Chunker = DefaultChunker
	}
	if err := d.Chunker.Validate(); err != nil {
		return nil, fmt.Errorf("build index: %w", err)
	}
	if (d.Body == nil) != (d.Meta == nil) {
		return nil, errors.New("build index: postings of one field without the other")
	}
	ix := &Index{
		docs:     make(map[string]*corpus.Document, len(d.Docs)),
		docOrder: d.Docs,
		chunks:   d.Chunks,
		vectors:  d.Vectors,
		embedder: d.Embedder,
		chunker:  d.Chunker,
		built:    d.Built,
		key:      d.Key,
	}
	if ix.built.IsZero() {
		ix.built = time.Now().UTC()
	}
	for _, doc := range d.Docs {
		if _, dup := ix.docs[doc.ID]; dup {
			return nil, fmt.Errorf("build index: duplicate document id %q", doc.ID)
		}
		ix.docs[doc.ID] = doc
	}
	if ix.chunks == nil {
		split := make([][]Chunk, len(d.Docs))
		parallel(len(d.Docs), func(i int) { split[i] = d.Chunker.Split(d.Docs[i]) })
		n := 0
		for _, cs := range split {
			n += len(cs)
		}
		ix.chunks = make([]Chunk, 0, n) // kept as long as the index: no slack
		for _, cs := range split {
			ix.chunks = append(ix.chunks, cs...)
		}
	}
	if d.Body == nil {
		ix.lex = newLexical(ix.chunks, nil, func(id string) string { return docMeta(ix.docs[id]) })
		// The index is kept for a while (a question's index of a remote
		// store's candidates is not): its postings without the slack.
		ix.lex.body.compact()
		ix.lex.meta.compact()
	} else {
		if len(d.Body.Lengths) != len(ix.chunks) || len(d.Meta.Lengths) != len(d.Docs) {
			return nil, fmt.Errorf("build index: postings of %d chunks and %d documents, for %d and %d",
				len(d.Body.Lengths), len(d.Meta.Lengths), len(ix.chunks), len(d.Docs))
		}
		ix.lex = &Lexical{body: &field{Postings: *d.Body}, meta: &field{Postings: *d.Meta}, MetaWeight: defaultMetaWeight}
		ix.lex.body.finish()
		ix.lex.meta.finish()
	}
	ix.indexStructure()
	return ix, nil
}

// Postings returns the index's BM25 postings, of the chunks and of the
// documents' metadata, for a store to save (NewIndex takes them back).
// They are the index's own: the caller must not modify them.
func (ix *Index) Postings() (body, meta Postings) { return ix.lex.body.Postings, ix.lex.meta.Postings }

// Vectors are the index's chunk vectors (nil when it has none).
func (ix *Index) Vectors() Vectors { return ix.vectors }

// Stats describes an index for people: in a status command or an answer's footer.
type Stats struct {
	Documents int
	Chunks    int
	Embedder  string
	Built     time.Time
	// Version identifies the corpus content and index settings.
	Version string
	// Withdrawn counts the documents marked withdrawn; Embargoes are the
	// embargo times of the other documents that have one.
	Withdrawn int
	Embargoes []time.Time
}

// Embargoed counts the documents still under embargo at now.
func (st Stats) Embargoed(now time.Time) int {
	n := 0
	for _, e := range st.Embargoes {
		if now.Before(e) {
			n++
		}
	}
	return n
}

// Stats returns the index's size and identity.
func (ix *Index) Stats() Stats {
	return Stats{Documents: len(ix.docOrder), Chunks: len(ix.chunks), Embedder: ix.embedder.Name(), Built: ix.built, Version: ix.key[:min(12, len(ix.key))],
		Withdrawn: ix.withdrawn, Embargoes: ix.embargoes}
}

// Limited reports whether some document has an embargo or is withdrawn:
// only then must searches check each document's time.
func (ix *Index) Limited() bool { return ix.limited }

// Document returns a document by ID.
func (ix *Index) Document(id string) (*corpus.Document, bool) {
	d, ok := ix.docs[id]
	return d, ok
}

// Documents returns the indexed documents in corpus order.
func (ix *Index) Documents() []*corpus.Document { return ix.docOrder }

// Embedder is the embedder the index's vectors were made with.
func (ix *Index) Embedder() Embedder { return ix.embedder }

// Chunks returns the indexed chunks, grouped by document.
func (ix *Index) Chunks() []Chunk { return ix.chunks }

// indexStructure derives the lookups that follow from the chunks: each
// document's chunk range, the documents of each outlet, and the
// chunk-to-document maps of the BM25 index.
func (ix *Index) indexStructure() {
	ix.hashes = &docHashes{}
	ix.docChunks = make(map[string][2]int, len(ix.docOrder))
	ix.sources = make(map[string][]string)
	ix.lex.chunkDoc = make([]uint32, len(ix.chunks))
	ix.lex.docFirst = make([]uint32, 0, len(ix.docOrder)+1)
	docIndex := make(map[string]uint32, len(ix.docOrder))
	ix.limited, ix.withdrawn, ix.embargoes = false, 0, nil
	for i, d := range ix.docOrder {
		ix.limited = ix.limited || d.Withdrawn || !d.Embargo.IsZero()
		switch {
		case d.Withdrawn:
			ix.withdrawn++
		case !d.Embargo.IsZero():
			ix.embargoes = append(ix.embargoes, d.Embargo)
		}
		docIndex[d.ID] = uint32(i)
		if src := strings.TrimSpace(d.Source); len(src) >= 3 {
			ix.sources[src] = append(ix.sources[src], d.ID)
		}
	}
	start := 0
	for i, c := range ix.chunks {
		ix.lex.chunkDoc[i] = docIndex[c.DocID]
		if i+1 == len(ix.chunks) || ix.chunks[i+1].DocID != c.DocID {
			ix.docChunks[c.DocID] = [2]int{start, i + 1}
			start = i + 1
		}
	}
	for _, d := range ix.docOrder {
		r := ix.docChunks[d.ID]
		ix.lex.docFirst = append(ix.lex.docFirst, uint32(r[0]))
	}
	ix.lex.docFirst = append(ix.lex.docFirst, uint32(len(ix.chunks)))
}

// docMeta is the text of a document's metadata field: title and source.
func docMeta(d *corpus.Document) string {
	return d.Title + "\n" + d.Source + "\n" + d.Byline
}

// EmbedText is what the embedder sees for a chunk of d: its title and its
// text.
func EmbedText(d *corpus.Document, c *Chunk) string {
	var b strings.Builder
	b.WriteString(d.Title)
	b.WriteString("\n")
	b.WriteString(c.Text)
	return b.String()
}

// IDF returns the inverse document frequency of an index term over chunks,
// the weight a reader of the passages gives the term, counted as if the
// corpus held at least MinReadingChunks chunks: in a corpus of a few
// documents every word is in most chunks or in one, and the plain IDF
// gives a word the story repeats ("Russia" in a story about Russia)
// nearly none of the weight a newsroom archive would; answers read in a
// small corpus would then weigh their sentences unlike those in a large
// one, on which their decisions were learned. Ranking keeps the plain IDF.
func (ix *Index) IDF(term string) float64 { return ix.lex.idfAtLeast(term, MinReadingChunks) }

// MinReadingChunks is the least corpus size, in chunks, Index.IDF counts.
const MinReadingChunks = 1000
