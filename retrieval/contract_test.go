package retrieval_test

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/storetest"
)

// memoryStore is the in-process store: each write builds an index and
// swaps it in; a question keeps the index it pinned.
type memoryStore struct {
	current      atomic.Pointer[retrieval.Index]
	embedder     retrieval.Embedder
	chunker      retrieval.Chunker
	collectionOf func(*corpus.Document) string
}

func (m *memoryStore) Pin(ctx context.Context) (retrieval.Version, error) {
	return m.current.Load().Pin(ctx)
}

func (m *memoryStore) Write(ctx context.Context, docs []*corpus.Document) error {
	var opts retrieval.BuildOptions
	opts.Chunker = m.chunker
	ix, err := retrieval.Build(ctx, docs, m.embedder, opts)
	if err != nil {
		return err
	}
	ix.CollectionOf = m.collectionOf
	m.current.Store(ix)
	return nil
}

func TestContractInProcess(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e retrieval.Embedder, c retrieval.Chunker, collectionOf func(*corpus.Document) string) storetest.Store {
		return &memoryStore{embedder: e, chunker: c, collectionOf: collectionOf}
	})
}
