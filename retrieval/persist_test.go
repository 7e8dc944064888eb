package retrieval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsroom/askbot/corpus"
)

func threeDocs(t testing.TB) []*corpus.Document {
	t.Helper()
	return []*corpus.Document{
		testDoc("a.txt", "Harbour news\nThe harbour reopened on Monday after the storm. Fishing boats returned at dawn."),
		testDoc("b.txt", "Council news\nThe council approved the budget. The mayor called it fair."),
		testDoc("c.txt", "School news\nSchools closed for the holiday. Teachers planned lessons for January."),
	}
}

func TestStoreReusesAndReembedsOnlyChanges(t *testing.T) {
	srv := newEmbeddingServer(t)
	emb := NewOpenAIEmbedder(srv.URL+"/v1", "m1", "", nil)
	store := Store{Dir: t.TempDir()}
	docs := threeDocs(t)

	ix, rep, err := store.Open(t.Context(), docs, emb, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	first := srv.inputs.Load()
	if rep.Reused || rep.Embedded != len(ix.Chunks()) || first != int64(len(ix.Chunks())) {
		t.Fatalf("first open: %+v, server embedded %d of %d chunks", rep, first, len(ix.Chunks()))
	}

	// Unchanged corpus: nothing is embedded, search works the same.
	ix2, rep, err := store.Open(t.Context(), threeDocs(t), emb, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Reused || srv.inputs.Load() != first {
		t.Fatalf("second open embedded %d texts (report %+v), want none", srv.inputs.Load()-first, rep)
	}
	for _, q := range []string{"harbour storm", "budget mayor"} {
		r1, _ := ix.Search(t.Context(), q, SearchOptions{K: 1})
		r2, _ := ix2.Search(t.Context(), q, SearchOptions{K: 1})
		if r1.Hits[0].Chunk.ID != r2.Hits[0].Chunk.ID || r1.Hits[0].Dense != r2.Hits[0].Dense {
			t.Errorf("%q: reloaded index ranks %s (%.3f), fresh one %s (%.3f)", q, r2.Hits[0].Chunk.ID, r2.Hits[0].Dense, r1.Hits[0].Chunk.ID, r1.Hits[0].Dense)
		}
	}

	// One document changes: only its chunk is embedded again.
	changed := threeDocs(t)
	changed[1] = testDoc("b.txt", "Council news\nThe council rejected the budget. The mayor was furious.")
	before := srv.inputs.Load()
	_, rep, err = store.Open(t.Context(), changed, emb, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := srv.inputs.Load() - before; got != 1 || rep.Embedded != 1 {
		t.Errorf("after changing one document, embedded %d chunks (report %d), want 1", got, rep.Embedded)
	}

	// A different embedder rebuilds everything.
	other := NewOpenAIEmbedder(srv.URL+"/v1", "m2", "", nil)
	before = srv.inputs.Load()
	ix3, rep, err := store.Open(t.Context(), changed, other, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := srv.inputs.Load() - before; got != int64(len(ix3.Chunks())) || rep.Reused {
		t.Errorf("new embedder embedded %d of %d chunks", got, len(ix3.Chunks()))
	}
}

func TestStoreSurvivesCrashLeftovers(t *testing.T) {
	g, err := NewGloVeEmbedder()
	if err != nil {
		t.Fatal(err)
	}
	store := Store{Dir: t.TempDir()}
	if _, _, err := store.Open(t.Context(), threeDocs(t), g, BuildOptions{}); err != nil {
		t.Fatal(err)
	}
	dir := store.embedderDir(g)
	// A crash mid-write leaves a half-written temp file: it is never read.
	if err := os.WriteFile(filepath.Join(dir, ".vectors-x.gob.tmp-123"), []byte("half a file"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, rep, err := store.Open(t.Context(), threeDocs(t), g, BuildOptions{})
	if err != nil || !rep.Reused {
		t.Fatalf("open after crash leftovers: %v, %+v", err, rep)
	}
	// A damaged snapshot is reported and rebuilt, never half-loaded.
	vectors, _ := filepath.Glob(filepath.Join(dir, "vectors-*.gob"))
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
	g, _ := NewGloVeEmbedder()
	file := filepath.Join(t.TempDir(), "not-a-dir")
	os.WriteFile(file, nil, 0o644)
	ix, _, err := Store{Dir: file}.Open(t.Context(), threeDocs(t), g, BuildOptions{})
	if err == nil || !strings.Contains(err.Error(), "save index") || ix == nil {
		t.Fatalf("ix %v, err %v: want the index and an ErrSave error", ix != nil, err)
	}
}
