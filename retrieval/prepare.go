package retrieval

import (
	"cmp"
	"context"
	"fmt"
	"sync"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/text"
)

// Prepared is a document made ready for a store: its chunks with their
// index terms and vectors, and the index terms of its metadata, exactly as
// the in-process index computes them.
type Prepared struct {
	Doc    *corpus.Document
	Chunks []Chunk
	// Terms are each chunk's index terms (stemmed, stop words out).
	Terms [][]string
	// Vectors are each chunk's embedding; nil where nothing was embeddable.
	Vectors [][]float32
	// Meta are the index terms of the title, outlet and byline.
	Meta []string
}

// Prepare chunks docs, computes their index terms and embeds their chunks
// in batches. Documents with no text to index get no chunks.
func Prepare(ctx context.Context, docs []*corpus.Document, embedder Embedder, chunker Chunker, progress func(done, total int)) ([]Prepared, error) {
	if err := chunker.Validate(); err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	out := make([]Prepared, len(docs))
	parallel(len(docs), func(i int) {
		p := Prepared{Doc: docs[i], Chunks: chunker.Split(docs[i]), Meta: text.Terms(docMeta(docs[i]))}
		for _, c := range p.Chunks {
			p.Terms = append(p.Terms, text.Terms(c.Text))
		}
		p.Vectors = make([][]float32, len(p.Chunks))
		out[i] = p
	})
	type slot struct{ doc, chunk int }
	var slots []slot
	var texts []string
	for i := range out {
		for j := range out[i].Chunks {
			slots = append(slots, slot{i, j})
			texts = append(texts, EmbedText(out[i].Doc, &out[i].Chunks[j]))
		}
	}
	vecs, err := EmbedTexts(ctx, embedder, texts, progress)
	if err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	for k, v := range vecs {
		out[slots[k].doc].Vectors[slots[k].chunk] = v
	}
	return out, nil
}

// EmbedTexts embeds texts in batches: on every core when the embedder
// computes locally (GloVe), one request at a time to an endpoint. progress,
// when set, is told how many are done.
func EmbedTexts(ctx context.Context, embedder Embedder, texts []string, progress func(done, total int)) ([][]float32, error) {
	const batch = 256
	workers := 1
	if c, ok := embedder.(interface{ Concurrency() int }); ok {
		workers = max(1, c.Concurrency())
	}
	out := make([][]float32, len(texts))
	var (
		mu       sync.Mutex
		done     int
		firstErr error
		wg       sync.WaitGroup
	)
	sem := make(chan struct{}, workers)
	for start := 0; start < len(texts) && ctx.Err() == nil; start += batch {
		end := min(start+batch, len(texts))
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			vecs, err := embedder.Embed(ctx, texts[start:end])
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				firstErr = cmp.Or(firstErr, err)
				return
			}
			copy(out[start:end], vecs)
			done += end - start
			if progress != nil {
				progress(done, len(texts))
			}
		})
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return out, nil
}
