package indexcache

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/memory"
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
	if o.SaveErr == nil || !errors.Is(o.SaveErr, memory.ErrSave) || o.Index == nil {
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

// A withdrawal written over "withdrawn: no" with the same size and the
// modification time restored makes the saved index stale: the corpus is
// read again and the story withdrawn, in front matter and in a sidecar.
// Reread reads the corpus again whatever the saved index says.
func TestOpenNoticesSameSizeSameTimeEdit(t *testing.T) {
	emb := glove(t)
	for _, tt := range []struct{ file, before, after string }{
		{"story.md", "---\nwithdrawn: no\n---\nThe council passed the harbour budget on Monday.\n", "---\nwithdrawn: on\n---\nThe council passed the harbour budget on Monday.\n"},
		{"story.txt.meta.yaml", "withdrawn: no\n", "withdrawn: on\n"},
	} {
		t.Run(tt.file, func(t *testing.T) {
			dir := writeCorpus(t, map[string]string{"story.txt": "Story\n\nThe council passed the harbour budget on Monday.\n", tt.file: tt.before})
			old := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
			path := filepath.Join(dir, tt.file)
			if err := os.Chtimes(path, old, old); err != nil {
				t.Fatal(err)
			}
			c := Config{DataDir: t.TempDir(), Corpus: dir, Embedder: emb}
			if _, err := Open(t.Context(), c); err != nil {
				t.Fatal(err)
			}
			if o, err := Open(t.Context(), c); err != nil || o.Read {
				t.Fatalf("an unchanged corpus: err %v, read %v", err, o.Read)
			}
			if o, err := Open(t.Context(), Config{DataDir: c.DataDir, Corpus: dir, Embedder: emb, Reread: true}); err != nil || !o.Read {
				t.Fatalf("Reread: err %v, read %v, want the corpus read", err, o.Read)
			}
			fp, _ := c.fingerprint()
			// The same size, the time restored; should the system's clock
			// for status changes not have ticked since the file was
			// written, write again once it has.
			for deadline := time.Now().Add(time.Second); ; time.Sleep(time.Millisecond) {
				if err := os.WriteFile(path, []byte(tt.after), 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.Chtimes(path, old, old); err != nil {
					t.Fatal(err)
				}
				if now, _ := c.fingerprint(); now != fp || time.Now().After(deadline) {
					break
				}
			}
			o, err := Open(t.Context(), c)
			if err != nil {
				t.Fatal(err)
			}
			id := strings.TrimSuffix(tt.file, ".meta.yaml")
			for _, d := range o.Index.Documents() {
				if d.ID == id && !d.Withdrawn {
					t.Errorf("%s: still not withdrawn (corpus read again: %v)", id, o.Read)
				}
			}
		})
	}
}

// The corpus as read keeps the index's documents (whose text is the saved
// snapshot's) rather than those it read, and a reload from it reads only
// the file that changed and indexes what it says.
func TestLoadedKeepsTheIndexDocuments(t *testing.T) {
	data := t.TempDir()
	dir := writeCorpus(t, map[string]string{
		"harbour.txt": "Harbour budget\n\nThe council passed the harbour budget on Monday.\n",
		"storm.txt":   "Storm warning\n\nForecasters warned of heavy rain on the coast.\n",
	})
	c := Config{DataDir: data, Corpus: dir, Embedder: glove(t)}
	o, err := Open(t.Context(), c)
	if err != nil || o.SaveErr != nil || o.Loaded == nil {
		t.Fatal(err, o.SaveErr)
	}
	check := func(o *Opened) {
		t.Helper()
		for _, d := range o.Loaded.Documents {
			if ixd, ok := o.Index.Document(d.ID); !ok || ixd != d {
				t.Errorf("Loaded.Documents: %s is not the index's document", d.ID)
			}
		}
		for p, fs := range o.Loaded.Files {
			for _, d := range fs.Docs {
				if ixd, _ := o.Index.Document(d.ID); ixd != d {
					t.Errorf("Loaded.Files[%s]: %s is not the index's document", p, d.ID)
				}
			}
		}
	}
	check(o)
	time.Sleep(10 * time.Millisecond)
	if err := os.WriteFile(filepath.Join(dir, "storm.txt"), []byte("Storm warning\n\nForecasters warned of snow in the hills.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.Load.Previous = o.Loaded
	again, err := Open(t.Context(), c)
	if err != nil || again.SaveErr != nil {
		t.Fatal(err, again.SaveErr)
	}
	if again.Loaded.Reread != 1 {
		t.Errorf("the reload read %d files, want the one changed", again.Loaded.Reread)
	}
	check(again)
	res, err := again.Index.Search(t.Context(), "snow hills", retrieval.SearchOptions{K: 1, DenseWeight: -1})
	if err != nil || len(res.Hits) == 0 || !strings.Contains(res.Hits[0].Chunk.Text, "snow") {
		t.Fatalf("the reloaded index: %+v, %v", res, err)
	}
	if d, _ := o.Index.Document("harbour.txt"); d == nil || !strings.Contains(d.Text, "harbour budget") {
		t.Error("the first index lost its text")
	}
}
