package memory_test

import (
	"context"

	"testing"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/memory"
	"github.com/newsroom/askbot/retrieval/storetest"
)

// contractStore is the in-process store as the contract suite writes it:
// each write builds an index and swaps it in; a question keeps the index
// it pinned.
type contractStore struct {
	*memory.Store
	embedder     retrieval.Embedder
	chunker      retrieval.Chunker
	collectionOf func(*corpus.Document) string
}

func (c *contractStore) Write(ctx context.Context, docs []*corpus.Document) error {
	ix, err := memory.Build(ctx, docs, c.embedder, memory.BuildOptions{Chunker: c.chunker})
	if err != nil {
		return err
	}
	ix.CollectionOf = c.collectionOf
	if c.Store == nil {
		c.Store = memory.New(ix)
	} else {
		c.Store.Replace(ix)
	}
	return nil
}

func TestContractInProcess(t *testing.T) {
	storetest.RunInProcess(t, func(t *testing.T, e retrieval.Embedder, c retrieval.Chunker, collectionOf func(*corpus.Document) string) storetest.Store {
		return &contractStore{embedder: e, chunker: c, collectionOf: collectionOf}
	})
}

// gathering is the in-process store asked for candidates as a remote
// store is (retrieval.Gather): the contract of Gather and of the index's
// Lexical, Dense, Frequencies, Outlets and DocumentsByID, with no server.
type gathering struct{ *contractStore }

func (g gathering) Pin(ctx context.Context) (retrieval.Version, error) {
	v, err := g.contractStore.Pin(ctx)
	return gathered{v}, err
}

type gathered struct{ retrieval.Version }

func (g gathered) Candidates(ctx context.Context, q retrieval.Query) (*retrieval.Candidates, error) {
	return retrieval.Gather(ctx, g.Version, q)
}

func TestContractGathered(t *testing.T) {
	storetest.Run(t, func(t *testing.T, e retrieval.Embedder, c retrieval.Chunker, collectionOf func(*corpus.Document) string) storetest.Store {
		return gathering{&contractStore{embedder: e, chunker: c, collectionOf: collectionOf}}
	})
}
