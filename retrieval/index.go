// Package retrieval finds the passages of the corpus that answer a question.
// It chunks documents, embeds the chunks into a chromem-go collection, keeps
// a BM25 index over the same chunks, fuses both rankings, and persists the
// index so an unchanged corpus is never embedded twice.
package retrieval

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	chromem "github.com/philippgille/chromem-go"

	"github.com/newsroom/askbot/corpus"
)

const collectionName = "chunks"

// Index is a searchable corpus: its documents, their chunks, the BM25 index
// and the chromem-go collection of chunk vectors. It is safe for concurrent
// searches; it is never modified after it is built (a reload builds a new one).
type Index struct {
	docs     map[string]*corpus.Document
	docOrder []*corpus.Document
	chunks   []Chunk
	lex      *Lexical
	// dense returns the chunk vectors, loaded on first use when the index
	// was reopened from disk.
	dense    func() (*denseIndex, error)
	embedder Embedder
	chunker  Chunker
	built    time.Time
	// limited is set when some document has an embargo or is withdrawn;
	// withdrawn counts the withdrawn documents and embargoes are the
	// embargo times of the others that have one.
	limited   bool
	withdrawn int
	embargoes []time.Time
	// key identifies the corpus content and chunking (see corpusKey),
	// computed once: hashing the corpus is too costly to repeat per answer.
	key string
	// docChunks is the [first, end) range of each document's chunks.
	docChunks map[string][2]int
	// sources maps each outlet name, as written, to its documents.
	sources map[string][]string
	// Embedded is how many chunks this build embedded (the rest came from the cache).
	Embedded int
	// unitOf maps chunk IDs to chunk indexes in a question's index of a
	// remote store's candidates (see Gather).
	unitOf map[string]int
	// loadTerms, in such an index, fetches the corpus-wide frequencies of
	// more terms (see LoadTerms).
	loadTerms func(ctx context.Context, terms []string) error
	// CollectionOf, when set, names the collection of a document ("" when
	// outside every collection), for the Collections of a Filter.
	CollectionOf func(*corpus.Document) string
	// hashes are the documents' content hashes, for the version of a
	// part of the index (see Index.Scope).
	hashes *docHashes
}

// denseIndex is the chromem-go collection of chunk vectors.
type denseIndex struct {
	db    *chromem.DB
	coll  *chromem.Collection
	byKey map[string]int // chromem document ID → chunk index

	scanOnce sync.Once
	scan     *vectorScan
	keys     []string // chunk index → chromem document ID
	scanErr  error
}

// scanner returns the int8 copy of the vectors, made on first use.
func (d *denseIndex) scanner(ctx context.Context) (*vectorScan, error) {
	d.scanOnce.Do(func() {
		d.keys = make([]string, len(d.byKey))
		for key, i := range d.byKey {
			d.keys[i] = key
		}
		d.scan, d.scanErr = newVectorScan(context.WithoutCancel(ctx), d, d.keys)
	})
	return d.scan, d.scanErr
}

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

// vectorKey names a chunk's vector: the chunk's place and a hash of its text,
// so a changed chunk never reuses a stale vector.
func vectorKey(c *Chunk) string {
	h := sha256.Sum256([]byte(c.Text))
	return c.ID + "@" + hex.EncodeToString(h[:8])
}

// BuildOptions tune Build.
type BuildOptions struct {
	Chunker Chunker
	// Previous, when set, lends the vectors of unchanged chunks.
	Previous *chromem.Collection
	// Progress, when set, is called as chunks are embedded.
	Progress func(done, total int)
	// Fingerprint identifies the corpus files (names, sizes, times).
	// IndexDir saves it so that Reopen can skip reading an unchanged corpus.
	Fingerprint string
	// Skipped are the corpus files that could not be loaded; IndexDir saves
	// them with the index.
	Skipped []corpus.Skipped
	// Rewrite makes IndexDir.Open save the index even when the saved one
	// matches the corpus: its snapshot was found damaged.
	Rewrite bool

	key   string      // corpusKey of the documents, when the caller has it already
	adopt *denseIndex // vectors of exactly these chunks, to use as they are
}

// Build indexes docs: it chunks them, embeds every chunk (reusing vectors from
// opts.Previous where the chunk is unchanged) and builds the BM25 index.
func Build(ctx context.Context, docs []*corpus.Document, embedder Embedder, opts BuildOptions) (*Index, error) {
	if len(docs) == 0 {
		return nil, errors.New("build index: no documents")
	}
	if opts.Chunker == (Chunker{}) {
		opts.Chunker = DefaultChunker
	}
	if err := opts.Chunker.Validate(); err != nil {
		return nil, fmt.Errorf("build index: %w", err)
	}
	ix := &Index{
		docs:     make(map[string]*corpus.Document, len(docs)),
		docOrder: docs,
		embedder: embedder,
		chunker:  opts.Chunker,
		built:    time.Now().UTC(),
		key:      opts.key,
	}
	if ix.key == "" {
		ix.key = corpusKey(docs, opts.Chunker)
	}
	for _, d := range docs {
		if _, dup := ix.docs[d.ID]; dup {
			return nil, fmt.Errorf("build index: duplicate document id %q", d.ID)
		}
		ix.docs[d.ID] = d
	}
	split := make([][]Chunk, len(docs))
	parallel(len(docs), func(i int) { split[i] = opts.Chunker.Split(docs[i]) })
	for _, cs := range split {
		ix.chunks = append(ix.chunks, cs...)
	}
	ix.lex = newLexical(ix.chunks, func(id string) string { return docMeta(ix.docs[id]) })
	ix.indexStructure()

	if a := opts.adopt; a != nil {
		dense := &denseIndex{db: a.db, coll: a.coll, byKey: make(map[string]int, len(ix.chunks))}
		for i := range ix.chunks {
			dense.byKey[vectorKey(&ix.chunks[i])] = i
		}
		ix.dense = func() (*denseIndex, error) { return dense, nil }
		return ix, nil
	}
	dense := &denseIndex{db: chromem.NewDB(), byKey: make(map[string]int, len(ix.chunks))}
	coll, err := dense.db.CreateCollection(collectionName, map[string]string{"embedder": embedder.Name()}, refuseEmbedding)
	if err != nil {
		return nil, fmt.Errorf("build index: %w", err)
	}
	dense.coll = coll
	ix.dense = func() (*denseIndex, error) { return dense, nil }

	// Vectors of unchanged chunks come from the previous index.
	var todo []int
	vecs := make([]chromem.Document, 0, len(ix.chunks))
	for i := range ix.chunks {
		key := vectorKey(&ix.chunks[i])
		dense.byKey[key] = i
		if opts.Previous != nil {
			if old, err := opts.Previous.GetByID(ctx, key); err == nil {
				vecs = append(vecs, chromem.Document{ID: key, Embedding: old.Embedding})
				continue
			}
		}
		todo = append(todo, i)
	}
	texts := make([]string, len(todo))
	for j, i := range todo {
		texts[j] = embedText(ix.docs[ix.chunks[i].DocID], &ix.chunks[i])
	}
	out, err := embedTexts(ctx, embedder, texts, opts.Progress)
	if err != nil {
		return nil, fmt.Errorf("build index: %w", err)
	}
	for j, i := range todo {
		if out[j] == nil {
			continue // nothing embeddable: found by BM25 only
		}
		vecs = append(vecs, chromem.Document{ID: vectorKey(&ix.chunks[i]), Embedding: out[j]})
	}
	ix.Embedded = len(todo)
	if len(vecs) > 0 {
		if err := coll.AddDocuments(ctx, vecs, 4); err != nil {
			return nil, fmt.Errorf("build index: add vectors: %w", err)
		}
	}
	return ix, nil
}

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

// refuseEmbedding is the collection's embedding function: every vector is
// computed by the index's Embedder, so chromem-go is never asked to embed.
func refuseEmbedding(context.Context, string) ([]float32, error) {
	return nil, errors.New("retrieval: chromem-go asked to embed; vectors must be precomputed")
}

// docMeta is the text of a document's metadata field: title and source.
func docMeta(d *corpus.Document) string {
	return d.Title + "\n" + d.Source + "\n" + d.Byline
}

// embedText is what the embedder sees for a chunk: its title and its text.
func embedText(d *corpus.Document, c *Chunk) string {
	var b strings.Builder
	b.WriteString(d.Title)
	b.WriteString("\n")
	b.WriteString(c.Text)
	return b.String()
}

// IDF returns the inverse document frequency of an index term over chunks.
func (ix *Index) IDF(term string) float64 { return ix.lex.IDF(term) }
