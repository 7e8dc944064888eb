package indexcache

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsroom/askbot/retrieval"
)

func glove(t testing.TB) retrieval.Embedder {
	t.Helper()
	g, err := retrieval.NewGloVeEmbedder()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func writeCorpus(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestOneIndexPerCorpus(t *testing.T) {
	data := t.TempDir()
	a := writeCorpus(t, map[string]string{"harbour.txt": "Harbour budget\n\nThe council passed the harbour budget on Monday.\n"})
	b := writeCorpus(t, map[string]string{"storm.txt": "Storm warning\n\nForecasters warned of heavy rain on the coast.\n"})
	emb := glove(t)
	open := func(path string) *Opened {
		t.Helper()
		o, err := Open(t.Context(), Config{DataDir: data, Corpus: path, Embedder: emb})
		if err != nil {
			t.Fatal(err)
		}
		if o.SaveErr != nil {
			t.Fatal(o.SaveErr)
		}
		return o
	}
	if o := open(a); !o.Read || o.Index.Stats().Documents != 1 {
		t.Fatalf("first open of A: read %v, %d documents", o.Read, o.Index.Stats().Documents)
	}
	open(b)
	open("") // the bundled corpus too
	// Indexing B and the bundled corpus left A's index in place: reopened, not rebuilt.
	o := open(a)
	if o.Read {
		t.Error("A's index was replaced by B's: the corpus was read again")
	}
	if got := o.Index.Documents()[0].ID; got != "harbour.txt" {
		t.Errorf("A's index serves %q", got)
	}
	if o.Corpus != filepath.Base(a) {
		t.Errorf("corpus name %q", o.Corpus)
	}
	// Changing A's files makes its index stale: the corpus is read again.
	os.WriteFile(filepath.Join(a, "extra.txt"), []byte("Extra\n\nThe mayor opened the new bridge on Friday.\n"), 0o644)
	if o := open(a); !o.Read || o.Index.Stats().Documents != 2 {
		t.Errorf("after a change: read %v, %d documents", o.Read, o.Index.Stats().Documents)
	}
}

func TestOpenMissingCorpusNamesTheSetting(t *testing.T) {
	_, err := Open(t.Context(), Config{DataDir: t.TempDir(), Corpus: "/no/such/corpus", Embedder: glove(t)})
	if !errors.Is(err, ErrNoCorpus) || !strings.Contains(err.Error(), "corpus /no/such/corpus: no such file or directory (set --corpus or BOT_CORPUS)") {
		t.Errorf("err = %v", err)
	}
}

func TestOpenServesFromMemoryWhenSavingFails(t *testing.T) {
	data := filepath.Join(t.TempDir(), "file")
	os.WriteFile(data, []byte("not a directory"), 0o644)
	o, err := Open(t.Context(), Config{DataDir: data, Embedder: glove(t)})
	if err != nil {
		t.Fatal(err)
	}
	if o.SaveErr == nil || !errors.Is(o.SaveErr, retrieval.ErrSave) || o.Index == nil {
		t.Errorf("save error %v, index %v", o.SaveErr, o.Index)
	}
}

func TestOpenRebuildsADamagedIndex(t *testing.T) {
	data := t.TempDir()
	c := Config{DataDir: data, Embedder: glove(t)}
	if _, err := Open(t.Context(), c); err != nil {
		t.Fatal(err)
	}
	dir, _ := c.Dir()
	snaps, _ := filepath.Glob(filepath.Join(dir, "*", "snapshot-*.bin"))
	if len(snaps) != 1 {
		t.Fatalf("snapshots %v", snaps)
	}
	raw, _ := os.ReadFile(snaps[0])
	os.WriteFile(snaps[0], raw[:len(raw)/2], 0o644) // truncated: the header still reads right
	o, err := Open(t.Context(), c)
	if err != nil {
		t.Fatal(err)
	}
	if !o.Read || o.Report.Warning == "" {
		t.Errorf("damaged index: read %v, warning %q", o.Read, o.Report.Warning)
	}
	// Repaired once: the next open reopens it without reading the corpus.
	if o, err := Open(t.Context(), c); err != nil || o.Read || o.Report.Warning != "" {
		t.Errorf("after the repair: err %v, read %v, warning %q", err, o.Read, o.Report.Warning)
	}
}

func TestRememberLast(t *testing.T) {
	data := t.TempDir()
	if _, ok := Last(data); ok {
		t.Error("a fresh data directory remembers a corpus")
	}
	corpusDir := t.TempDir()
	if err := Remember(data, corpusDir); err != nil {
		t.Fatal(err)
	}
	if got, ok := Last(data); !ok || got != corpusDir {
		t.Errorf("Last = %q, %v", got, ok)
	}
	os.RemoveAll(corpusDir)
	if _, ok := Last(data); ok {
		t.Error("a corpus that no longer exists is remembered")
	}
	Remember(data, "")
	if got, ok := Last(data); !ok || got != "" {
		t.Errorf("bundled: Last = %q, %v", got, ok)
	}
}
