package memory

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/internal/testutil/fakeembed"
	"github.com/newsroom/askbot/internal/testutil/testcorpus"
	"github.com/newsroom/askbot/retrieval"
)

func threeDocs(t testing.TB) []*corpus.Document {
	t.Helper()
	return []*corpus.Document{
		testcorpus.Doc("a.txt", "Harbour news\nThe harbour reopened on Monday after the storm. Fishing boats returned at dawn."),
		testcorpus.Doc("b.txt", "Council news\nThe council approved the budget. The mayor called it fair."),
		testcorpus.Doc("c.txt", "School news\nSchools closed for the holiday. Teachers planned lessons for January."),
	}
}

func TestStoreReusesAndReembedsOnlyChanges(t *testing.T) {
	srv := fakeembed.New(t)
	emb := retrieval.NewOpenAIEmbedder(srv.URL+"/v1", "m1", "", nil)
	store := IndexDir{Dir: t.TempDir()}
	docs := threeDocs(t)

	ix, rep, err := store.Open(t.Context(), docs, emb, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	first := srv.Inputs.Load()
	if rep.Reused || rep.Embedded != len(ix.Chunks()) || first != int64(len(ix.Chunks())) {
		t.Fatalf("first open: %+v, server embedded %d of %d chunks", rep, first, len(ix.Chunks()))
	}

	// Unchanged corpus: nothing is embedded, search works the same.
	ix2, rep, err := store.Open(t.Context(), threeDocs(t), emb, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Reused || srv.Inputs.Load() != first {
		t.Fatalf("second open embedded %d texts (report %+v), want none", srv.Inputs.Load()-first, rep)
	}
	for _, q := range []string{"harbour storm", "budget mayor"} {
		r1, _ := ix.Search(t.Context(), q, retrieval.SearchOptions{K: 1})
		r2, _ := ix2.Search(t.Context(), q, retrieval.SearchOptions{K: 1})
		if r1.Hits[0].Chunk.ID != r2.Hits[0].Chunk.ID || r1.Hits[0].Dense != r2.Hits[0].Dense {
			t.Errorf("%q: reloaded index ranks %s (%.3f), fresh one %s (%.3f)", q, r2.Hits[0].Chunk.ID, r2.Hits[0].Dense, r1.Hits[0].Chunk.ID, r1.Hits[0].Dense)
		}
	}

	// One document changes: only its chunk is embedded again.
	changed := threeDocs(t)
	changed[1] = testcorpus.Doc("b.txt", "Council news\nThe council rejected the budget. The mayor was furious.")
	before := srv.Inputs.Load()
	_, rep, err = store.Open(t.Context(), changed, emb, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := srv.Inputs.Load() - before; got != 1 || rep.Embedded != 1 {
		t.Errorf("after changing one document, embedded %d chunks (report %d), want 1", got, rep.Embedded)
	}

	// A different embedder rebuilds everything.
	other := retrieval.NewOpenAIEmbedder(srv.URL+"/v1", "m2", "", nil)
	before = srv.Inputs.Load()
	ix3, rep, err := store.Open(t.Context(), changed, other, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := srv.Inputs.Load() - before; got != int64(len(ix3.Chunks())) || rep.Reused {
		t.Errorf("new embedder embedded %d of %d chunks", got, len(ix3.Chunks()))
	}
}

func TestStoreSurvivesCrashLeftovers(t *testing.T) {
	g, err := retrieval.NewGloVeEmbedder()
	if err != nil {
		t.Fatal(err)
	}
	store := IndexDir{Dir: t.TempDir()}
	if _, _, err := store.Open(t.Context(), threeDocs(t), g, BuildOptions{}); err != nil {
		t.Fatal(err)
	}
	dir := store.embedderDir(g)
	// A crash mid-write leaves a half-written temp file: it is never read.
	if err := os.WriteFile(filepath.Join(dir, ".vectors-x.vec.tmp-123"), []byte("half a file"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, rep, err := store.Open(t.Context(), threeDocs(t), g, BuildOptions{})
	if err != nil || !rep.Reused {
		t.Fatalf("open after crash leftovers: %v, %+v", err, rep)
	}
	// A damaged snapshot is reported and rebuilt, never half-loaded.
	vectors, _ := filepath.Glob(filepath.Join(dir, "vectors-*.vec"))
	if len(vectors) != 1 {
		t.Fatalf("vector files: %v", vectors)
	}
	if err := os.WriteFile(vectors[0], []byte("garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	ix, rep, err := store.Open(t.Context(), threeDocs(t), g, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Reused || rep.Warning == "" || rep.Embedded != len(ix.Chunks()) {
		t.Errorf("damaged snapshot: %+v", rep)
	}
	if _, rep, _ := store.Open(t.Context(), threeDocs(t), g, BuildOptions{}); !rep.Reused {
		t.Error("the rebuilt snapshot was not saved")
	}
}

func TestStoreUnwritableDirStillAnswers(t *testing.T) {
	g, _ := retrieval.NewGloVeEmbedder()
	file := filepath.Join(t.TempDir(), "not-a-dir")
	os.WriteFile(file, nil, 0o644)
	ix, _, err := IndexDir{Dir: file}.Open(t.Context(), threeDocs(t), g, BuildOptions{})
	if err == nil || !strings.Contains(err.Error(), "save index") || ix == nil {
		t.Fatalf("ix %v, err %v: want the index and an ErrSave error", ix != nil, err)
	}
}

func TestReopenWithoutTheCorpus(t *testing.T) {
	srv := fakeembed.New(t)
	emb := retrieval.NewOpenAIEmbedder(srv.URL+"/v1", "m1", "", nil)
	store := IndexDir{Dir: t.TempDir()}
	docs := append(threeDocs(t), testcorpus.BundledDocs(t)...)
	skipped := []corpus.Skipped{{Path: "bad.txt", Reason: "binary content"}}
	built, _, err := store.Open(t.Context(), docs, emb, BuildOptions{Fingerprint: "fp-1", Skipped: skipped})
	if err != nil {
		t.Fatal(err)
	}
	embedded := srv.Inputs.Load()

	ix, gotSkipped, err := store.Reopen("fp-1", emb, retrieval.Chunker{})
	if err != nil {
		t.Fatal(err)
	}
	if len(gotSkipped) != 1 || gotSkipped[0] != skipped[0] {
		t.Errorf("skipped files not kept: %v", gotSkipped)
	}
	if !reflect.DeepEqual(ix.Stats(), built.Stats()) {
		t.Errorf("stats %+v, want %+v", ix.Stats(), built.Stats())
	}
	for i, c := range ix.Chunks() {
		if c != built.Chunks()[i] {
			t.Fatalf("chunk %d differs: %+v vs %+v", i, c, built.Chunks()[i])
		}
	}
	for _, q := range []string{"Who denied meeting Russian officials?", "harbour storm boats", "budget mayor"} {
		want, _ := built.Search(t.Context(), q, retrieval.SearchOptions{K: 5})
		got, err := ix.Search(t.Context(), q, retrieval.SearchOptions{K: 5})
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Hits) != len(want.Hits) || got.Answerable != want.Answerable {
			t.Fatalf("%q: %d hits, want %d", q, len(got.Hits), len(want.Hits))
		}
		for i := range got.Hits {
			if got.Hits[i].Chunk.ID != want.Hits[i].Chunk.ID || got.Hits[i].Score != want.Hits[i].Score {
				t.Errorf("%q hit %d: %s %.4f, want %s %.4f", q, i, got.Hits[i].Chunk.ID, got.Hits[i].Score, want.Hits[i].Chunk.ID, want.Hits[i].Score)
			}
		}
	}
	if srv.Inputs.Load() != embedded+6 { // only the queries were embedded, once per index
		t.Errorf("reopening embedded %d texts", srv.Inputs.Load()-embedded-6)
	}

	for name, reopen := range map[string]func() error{
		"other fingerprint": func() error { _, _, err := store.Reopen("fp-2", emb, retrieval.Chunker{}); return err },
		"other chunking": func() error {
			_, _, err := store.Reopen("fp-1", emb, retrieval.Chunker{TargetChars: 500, OverlapChars: 50})
			return err
		},
		"no fingerprint": func() error { _, _, err := store.Reopen("", emb, retrieval.Chunker{}); return err },
	} {
		if err := reopen(); !errors.Is(err, ErrStale) {
			t.Errorf("%s: err = %v, want ErrStale", name, err)
		}
	}
	other := retrieval.NewOpenAIEmbedder(srv.URL+"/v1", "m2", "", nil)
	if _, _, err := store.Reopen("fp-1", other, retrieval.Chunker{}); err == nil {
		t.Error("reopened with another embedder")
	}

	// A damaged snapshot is an error, never a half-loaded index.
	snaps, _ := filepath.Glob(filepath.Join(store.embedderDir(emb), "snapshot-*.bin"))
	raw, _ := os.ReadFile(snaps[0])
	os.WriteFile(snaps[0], raw[:len(raw)/2], 0o644)
	if ix, _, err := store.Reopen("fp-1", emb, retrieval.Chunker{}); err == nil || errors.Is(err, ErrStale) || ix != nil {
		t.Errorf("truncated snapshot: %v", err)
	}
}

func TestOlderLayoutIsRebuiltQuietly(t *testing.T) {
	g, _ := retrieval.NewGloVeEmbedder()
	store := IndexDir{Dir: t.TempDir()}
	if _, _, err := store.Open(t.Context(), threeDocs(t), g, BuildOptions{Fingerprint: "fp"}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(store.embedderDir(g), "manifest.json")
	raw, _ := os.ReadFile(path)
	os.WriteFile(path, []byte(strings.Replace(string(raw), fmt.Sprintf(`"version": %d`, manifestVersion), `"version": 1`, 1)), 0o644)
	if _, _, err := store.Reopen("fp", g, retrieval.Chunker{}); !errors.Is(err, ErrStale) {
		t.Errorf("reopen of an older layout: %v, want ErrStale", err)
	}
	ix, rep, err := store.Open(t.Context(), threeDocs(t), g, BuildOptions{Fingerprint: "fp"})
	if err != nil || rep.Warning != "" || rep.Reused || rep.Embedded != len(ix.Chunks()) {
		t.Errorf("open over an older layout: err %v, report %+v", err, rep)
	}
	if _, _, err := store.Reopen("fp", g, retrieval.Chunker{}); err != nil {
		t.Errorf("the rebuilt index does not reopen: %v", err)
	}
}

// An edit inside the snapshot (the same length, so only the checksum can
// tell) is never served as what the documents say.
func TestEditedSnapshotIsNotServed(t *testing.T) {
	g, _ := retrieval.NewGloVeEmbedder()
	store := IndexDir{Dir: t.TempDir()}
	ix, _, err := store.Open(t.Context(), threeDocs(t), g, BuildOptions{Fingerprint: "fp"})
	if err != nil {
		t.Fatal(err)
	}
	word := ix.Documents()[0].Text[:8]
	snaps, _ := filepath.Glob(filepath.Join(store.embedderDir(g), "snapshot-*.bin"))
	raw, _ := os.ReadFile(snaps[0])
	i := strings.Index(string(raw), word)
	if i < 0 {
		t.Fatalf("%q not in the snapshot", word)
	}
	raw[i] ^= 0x20 // flip the case of one letter
	os.WriteFile(snaps[0], raw, 0o644)
	if ix, _, err := store.Reopen("fp", g, retrieval.Chunker{}); err == nil || ix != nil || errors.Is(err, ErrStale) {
		t.Errorf("an edited snapshot reopened: err %v", err)
	}
}

// Two processes saving one index at once (here two goroutines, each with
// its own lock file descriptor) leave a manifest whose files exist; the
// temporary files of a killed run are cleaned up.
func TestConcurrentSavesLeaveAWholeIndex(t *testing.T) {
	g, _ := retrieval.NewGloVeEmbedder()
	store := IndexDir{Dir: t.TempDir()}
	docs := threeDocs(t)
	if _, _, err := store.Open(t.Context(), docs, g, BuildOptions{Fingerprint: "fp0"}); err != nil {
		t.Fatal(err)
	}
	dir := store.embedderDir(g)
	leftover := filepath.Join(dir, ".snapshot-x.bin.tmp-123")
	os.WriteFile(leftover, []byte("half"), 0o644)
	for round := range 10 {
		var wg sync.WaitGroup
		for i := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				// Different content each time: different file names.
				d := slices.Clone(docs)
				d[0] = &corpus.Document{ID: d[0].ID, Path: d[0].Path, Title: d[0].Title, Text: fmt.Sprintf("%s Round %d writer %d.", d[0].Text, round, i), Paragraphs: d[0].Paragraphs}
				if _, _, err := store.Open(t.Context(), d, g, BuildOptions{Fingerprint: fmt.Sprintf("fp%d-%d", round, i)}); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		m, err := store.manifest(dir, g)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{m.Vectors, m.Snapshot} {
			if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
				t.Fatalf("round %d: the manifest names %s, which is gone", round, f)
			}
		}
		if _, _, err := store.Reopen(m.Fingerprint, g, retrieval.Chunker{}); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
	}
	if _, err := os.Stat(leftover); err == nil {
		t.Error("a killed run's temporary file was left")
	}
}

// Credentials in the endpoint URL or echoed by the server never reach the
// saved index (manifest, vectors file).
func TestSavedIndexHoldsNoCredential(t *testing.T) {
	srv := fakeembed.New(t)
	withUser := strings.Replace(srv.URL, "http://", "http://user:hunter2@", 1) + "/v1"
	e := retrieval.NewOpenAIEmbedder(withUser, "test-embed", "sk-secretkey0123456789", nil)
	store := IndexDir{Dir: t.TempDir()}
	if _, _, err := store.Open(t.Context(), threeDocs(t), e, BuildOptions{Fingerprint: "fp"}); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(store.embedderDir(e), "*"))
	for _, f := range files {
		raw, _ := os.ReadFile(f)
		if strings.Contains(string(raw), "hunter2") || strings.Contains(string(raw), "sk-secretkey") {
			t.Errorf("%s holds a credential", filepath.Base(f))
		}

	}
}
