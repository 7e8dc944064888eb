package memory

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	chromem "github.com/philippgille/chromem-go"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/retrieval"
)

// BuildOptions tune Build.
type BuildOptions struct {
	Chunker retrieval.Chunker
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
	built time.Time   // when the adopted vectors' index was built
}

// Build indexes docs in this process: it chunks them and counts their
// BM25 postings (retrieval.NewIndex), and embeds every chunk into a
// chromem-go collection, reusing vectors from opts.Previous where the
// chunk is unchanged.
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
	keys := keysOf(chunks)
	if a := opts.adopt; a != nil {
		vs.set(&denseIndex{db: a.db, coll: a.coll, keys: keys})
		return ix, 0, nil
	}
	dense := &denseIndex{db: chromem.NewDB(), keys: keys}
	coll, err := dense.db.CreateCollection(collectionName, map[string]string{"embedder": embedder.Name()}, refuseEmbedding)
	if err != nil {
		return nil, 0, fmt.Errorf("build index: %w", err)
	}
	dense.coll = coll
	vs.set(dense)

	// Vectors of unchanged chunks come from the previous index.
	var todo []int
	vecs := make([]chromem.Document, 0, len(chunks))
	for i, key := range keys {
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
		d, _ := ix.Document(chunks[i].DocID)
		texts[j] = retrieval.EmbedText(d, &chunks[i])
	}
	out, err := retrieval.EmbedTexts(ctx, embedder, texts, opts.Progress)
	if err != nil {
		return nil, 0, fmt.Errorf("build index: %w", err)
	}
	for j, i := range todo {
		if out[j] == nil {
			continue // nothing embeddable: found by BM25 only
		}
		vecs = append(vecs, chromem.Document{ID: keys[i], Embedding: out[j]})
	}
	if err := addVectors(ctx, coll, vecs); err != nil {
		return nil, 0, fmt.Errorf("build index: %w", err)
	}
	return ix, len(todo), nil
}

// addVectors adds the vectors to coll one after the other. chromem-go's
// AddDocuments starts a goroutine for every document at once, and the
// runtime keeps the descriptor of every goroutine it ever ran at the same
// time (about 480 bytes each) for the rest of the process: about 200
// bytes a chunk of heap at 100,000 chunks, for a few milliseconds saved.
func addVectors(ctx context.Context, coll *chromem.Collection, vecs []chromem.Document) error {
	for i := range vecs {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("add vectors: %w", err)
			}
		}
		if err := coll.AddDocument(ctx, vecs[i]); err != nil {
			return fmt.Errorf("add vector %s: %w", vecs[i].ID, err)
		}
	}
	return nil
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
