package memory

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/retrieval"
)

// BuildOptions tune Build.
type BuildOptions struct {
	Chunker retrieval.Chunker
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

	key      string       // corpusKey of the documents, when the caller has it already
	previous vectorLookup // saved vectors of unchanged chunks, to reuse
	adopt    *denseIndex  // vectors of exactly these chunks, to use as they are
	built    time.Time    // when the adopted vectors' index was built
	// adoptedFile and adoptedCRC name the saved vectors file adopt was
	// read from, which save keeps rather than writes again.
	adoptedFile string
	adoptedCRC  uint32
}

// Build indexes docs in this process: it chunks them and counts their
// BM25 postings (retrieval.NewIndex), and embeds every chunk.
func Build(ctx context.Context, docs []*corpus.Document, embedder retrieval.Embedder, opts BuildOptions) (*retrieval.Index, error) {
	ix, _, err := build(ctx, docs, embedder, opts)
	return ix, err
}

// build is Build, also returning how many chunks it embedded (the rest came
// from opts.Previous or opts.adopt).
func build(ctx context.Context, docs []*corpus.Document, embedder retrieval.Embedder, opts BuildOptions) (*retrieval.Index, int, error) {
	if len(docs) == 0 {
		return nil, 0, errors.New("build index: no documents")
	}
	if opts.Chunker == (retrieval.Chunker{}) {
		opts.Chunker = retrieval.DefaultChunker
	}
	if err := opts.Chunker.Validate(); err != nil {
		return nil, 0, fmt.Errorf("build index: %w", err)
	}
	if opts.key == "" {
		opts.key = corpusKey(docs, opts.Chunker)
	}
	vs := &vectors{}
	ix, err := retrieval.NewIndex(retrieval.IndexData{Docs: docs, Embedder: embedder, Chunker: opts.Chunker, Vectors: vs, Key: opts.key, Built: opts.built})
	if err != nil {
		return nil, 0, err
	}
	chunks := ix.Chunks()
	if a := opts.adopt; a != nil {
		if a.rows() != len(chunks) {
			return nil, 0, fmt.Errorf("build index: %d saved vectors for %d chunks", a.rows(), len(chunks))
		}
		vs.set(a)
		return ix, 0, nil
	}
	// Vectors of unchanged chunks come from the previous index.
	vecs := make([][]float32, len(chunks))
	var todo []int
	for i := range chunks {
		if opts.previous != nil {
			if v := opts.previous(vectorKey(&chunks[i])); v != nil {
				vecs[i] = v
				continue
			}
		}
		todo = append(todo, i)
	}
	texts := make([]string, len(todo))
	for j, i := range todo {
		d, _ := ix.Document(chunks[i].DocID)
		texts[j] = retrieval.EmbedText(d, &chunks[i])
	}
	out, err := retrieval.EmbedTexts(ctx, embedder, texts, opts.Progress)
	if err != nil {
		return nil, 0, fmt.Errorf("build index: %w", err)
	}
	for j, i := range todo {
		vecs[i] = out[j] // nil: nothing embeddable, found by BM25 only
	}
	dense, err := newDenseIndex(len(chunks), func(i int) []float32 { return vecs[i] })
	if err != nil {
		return nil, 0, fmt.Errorf("build index: %w", err)
	}
	vs.set(dense)
	return ix, len(todo), nil
}

// keysOf returns each chunk's vector key, by chunk index.
func keysOf(chunks []retrieval.Chunk) []string {
	keys := make([]string, len(chunks))
	for i := range chunks {
		keys[i] = vectorKey(&chunks[i])
	}
	return keys
}

// vectorKey names a chunk's vector: the chunk's place and a hash of its text,
// so a changed chunk never reuses a stale vector.
func vectorKey(c *retrieval.Chunk) string {
	h := sha256.Sum256([]byte(c.Text))
	return c.ID + "@" + hex.EncodeToString(h[:8])
}

// refuseEmbedding is the collection's embedding function: every vector is
// computed by the index's Embedder, so chromem-go is never asked to embed.
func refuseEmbedding(context.Context, string) ([]float32, error) {
	return nil, errors.New("retrieval: chromem-go asked to embed; vectors must be precomputed")
}
