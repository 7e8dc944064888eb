package memory_test

import (
	"context"
	"fmt"
	"testing/fstest"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/memory"
)

// Build indexes documents in this process; the index's Search ranks them.
func ExampleBuild() {
	files := fstest.MapFS{
		"a.txt": {Data: []byte("Harbour news\nThe harbour reopened on Monday after the storm.")},
		"b.txt": {Data: []byte("Council news\nThe council approved the budget on Tuesday.")},
	}
	docs, _ := corpus.LoadFS(context.Background(), files, corpus.Options{})
	g, _ := retrieval.NewGloVeEmbedder()
	ix, _ := memory.Build(context.Background(), docs.Documents, g, memory.BuildOptions{})
	res, _ := ix.Search(context.Background(), "When did the harbour reopen?", retrieval.SearchOptions{K: 1})
	fmt.Println(res.Answerable, res.Hits[0].Doc.Title, "|", res.Hits[0].Chunk.Text)
	// Output: true Harbour news | The harbour reopened on Monday after the storm.
}
