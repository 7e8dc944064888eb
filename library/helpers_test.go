package library

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/newsroom/askbot/config"
	"github.com/newsroom/askbot/indexcache"
	"github.com/newsroom/askbot/retrieval"
)

// Documents of the test corpora: one chunk each, with words no other shares.
const (
	ratesText = "Rates on hold\n\nThe central bank kept interest rates on hold, citing slowing inflation.\n"
	stormText = "Storm warning\n\nForecasters warned that the storm would bring heavy rain to the coast.\n"
	ferryText = "Ferry timetable\n\nThe ferry to the island leaves at six in the morning from the harbour.\n"
	// brokenDocx is a .docx that is not a zip (as corpus's tests make one).
	brokenDocx = "PK not really a zip"
)

// glove loads the offline embedder once for every test.
var glove = sync.OnceValues(func() (*retrieval.GloVeEmbedder, error) { return retrieval.NewGloVeEmbedder() })

func gloveEmbedder(tb testing.TB) retrieval.Embedder {
	tb.Helper()
	emb, err := glove()
	if err != nil {
		tb.Fatal(err)
	}
	return emb
}

// writeFiles writes files (name → content) into dir.
func writeFiles(tb testing.TB, dir string, files map[string]string) {
	tb.Helper()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// newCorpus is a corpus directory holding files.
func newCorpus(tb testing.TB, files map[string]string) string {
	tb.Helper()
	dir := tb.TempDir()
	writeFiles(tb, dir, files)
	return dir
}

// indexConfig indexes dir into dataDir with the offline embedder.
func indexConfig(tb testing.TB, dir, dataDir string) indexcache.Config {
	tb.Helper()
	return indexcache.Config{DataDir: dataDir, Corpus: dir, Embedder: gloveEmbedder(tb)}
}

// openIndex opens the in-process store of c.
func openIndex(tb testing.TB, c indexcache.Config) Store {
	tb.Helper()
	st, err := OpenIndex(context.Background(), c, nil, discard)
	if err != nil {
		tb.Fatal(err)
	}
	return st
}

var discard = slog.New(slog.DiscardHandler)

// newLibrary is the library of st with no configuration file.
func newLibrary(st Store) *Library {
	return New(st, &config.Config{}, func(string) string { return "" }, discard)
}

// top is the ID of the document of the best passage for q, or "".
func top(tb testing.TB, st Store, q string) string {
	tb.Helper()
	_, res, err := st.Searcher().Search(context.Background(), q, retrieval.Filter{}, retrieval.SearchOptions{K: 1})
	if err != nil {
		tb.Fatal(err)
	}
	if len(res.Hits) == 0 {
		return ""
	}
	return res.Hits[0].Doc.ID
}

// has reports whether st serves the document id.
func has(tb testing.TB, st Store, id string) bool {
	tb.Helper()
	_, ok, err := st.Searcher().Document(context.Background(), id)
	if err != nil {
		tb.Fatal(err)
	}
	return ok
}

// text is the text st serves of the document id ("" when it has none).
func text(tb testing.TB, st Store, id string) string {
	tb.Helper()
	d, ok, err := st.Searcher().Document(context.Background(), id)
	if err != nil {
		tb.Fatal(err)
	}
	if !ok {
		return ""
	}
	return d.Text
}

// documents counts the documents st serves.
func documents(tb testing.TB, st Store) int {
	tb.Helper()
	s, err := st.Searcher().Describe(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return s.Documents
}
