// Package testindex builds small indexes for tests: the bundled seed corpus,
// or a directory of documents, with the offline embedder.
package testindex

import (
	"context"
	"testing"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/memory"
)

// Build indexes the corpus in dir, or the bundled corpus when dir is "".
func Build(tb testing.TB, dir string) *retrieval.Index {
	tb.Helper()
	var res *corpus.Result
	var err error
	if dir == "" {
		res, err = corpus.LoadFS(context.Background(), corpus.Bundled(), corpus.Options{})
	} else {
		res, err = corpus.Load(context.Background(), dir, corpus.Options{})
	}
	if err != nil {
		tb.Fatal(err)
	}
	g, err := retrieval.NewGloVeEmbedder()
	if err != nil {
		tb.Fatal(err)
	}
	ix, err := memory.Build(context.Background(), res.Documents, g, memory.BuildOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	return ix
}
