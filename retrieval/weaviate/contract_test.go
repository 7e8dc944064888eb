package weaviate_test

import (
	"context"
	"testing"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/internal/testutil/weaviatetest"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/storetest"
	"github.com/newsroom/askbot/retrieval/weaviate"
)

// contractStore is the Weaviate store as the contract suite writes it.
type contractStore struct {
	*weaviate.Store
	opts weaviate.WriteOptions
}

func (c *contractStore) Write(ctx context.Context, docs []*corpus.Document) error {
	_, err := c.Store.Write(ctx, docs, c.opts)
	return err
}

// The contract every store passes, against a real Weaviate server.
func TestContractWeaviate(t *testing.T) {
	s := weaviatetest.Start(t)
	defer weaviate.PageHidden(2)() // the hidden documents' rows, a few pages of them
	storetest.Run(t, func(t *testing.T, e retrieval.Embedder, ch retrieval.Chunker, collectionOf func(*corpus.Document) string) storetest.Store {
		c, err := weaviate.New(s.URL, "", weaviate.WithGRPC(s.GRPC))
		if err != nil {
			t.Fatal(err)
		}
		st, err := weaviate.NewStore(c, "Contract", weaviate.ClassOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return &contractStore{Store: st, opts: weaviate.WriteOptions{Embedder: e, Chunker: ch, CollectionOf: collectionOf}}
	})
}
