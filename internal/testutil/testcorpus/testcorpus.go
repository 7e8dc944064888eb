// Package testcorpus loads small corpora for tests: one text file, or
// the bundled documents.
package testcorpus

import (
	"context"
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/newsroom/askbot/corpus"
)

// FS is a file system holding one file, name, with text.
func FS(name, text string) fs.FS {
	return fstest.MapFS{name: &fstest.MapFile{Data: []byte(text)}}
}

// Doc loads one text document named id.
func Doc(id, text string) *corpus.Document {
	res, err := corpus.LoadFS(context.Background(), FS(id, text), corpus.Options{})
	if err != nil {
		panic(err)
	}
	return res.Documents[0]
}

// BundledDocs are the documents of the bundled corpus.
func BundledDocs(t testing.TB) []*corpus.Document {
	t.Helper()
	res, err := corpus.LoadFS(context.Background(), corpus.Bundled(), corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res.Documents
}
