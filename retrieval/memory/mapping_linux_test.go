package memory

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/internal/testutil/testcorpus"
	"github.com/newsroom/askbot/retrieval"
)

// mappedFiles returns the paths of this process's file mappings
// (/proc/self/maps), deleted files with their " (deleted)" mark.
func mappedFiles(tb testing.TB) string {
	tb.Helper()
	raw, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		tb.Skip(err)
	}
	return string(raw)
}

// collectUntil runs the collector until cond holds (the cleanups of what
// was let go of run after a collection, in their own goroutine), failing
// after a while.
func collectUntil(tb testing.TB, what string, cond func() bool) {
	tb.Helper()
	for range 500 {
		if cond() {
			return
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	tb.Fatalf("still not so after 500 collections: %s", what)
}

// changedDocs is snapshotDocs with the first document changed.
func changedDocs(tb testing.TB) []*corpus.Document {
	docs := snapshotDocs(tb)
	docs[0] = testcorpus.Doc("a.txt", "Harbour news\nThe harbour closed again on Friday. The storm came back.")
	return docs
}

// An index Open builds is read back from the files it saved: its documents
// are equal copies whose text and title are the mapped snapshot's, its
// vectors the mapped vectors file's, and it answers as the index built of
// the caller's documents does.
func TestOpenReadsTheBuiltIndexBackFromItsFiles(t *testing.T) {
	g, _ := retrieval.NewGloVeEmbedder()
	docs := snapshotDocs(t)
	built, err := Build(t.Context(), snapshotDocs(t), g, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	store := IndexDir{Dir: t.TempDir()}
	ix, _, err := store.Open(t.Context(), docs, g, BuildOptions{Fingerprint: "fp"})
	if err != nil {
		t.Fatal(err)
	}
	checkTexts(t, ix, docs)
	for i, d := range ix.Documents() {
		if d == docs[i] {
			t.Errorf("document %s: the caller's, want the saved file's", d.ID)
		}
		if !inMapping(d.Text) || !inMapping(d.Title) {
			t.Errorf("document %s: text or title not in a mapped file", d.ID)
		}
	}
	dense, err := vectorsOf(ix)
	if err != nil {
		t.Fatal(err)
	}
	if dense.count == 0 || !inMapping(unsafeBytes(dense.vecs)) {
		t.Error("the vectors are not the mapped vectors file's")
	}
	for _, q := range []string{"harbour storm", "council budget ferry", "port tempête"} {
		for _, w := range []float64{-1, 0.5} {
			want, err1 := built.Search(t.Context(), q, retrieval.SearchOptions{K: 5, DenseWeight: w})
			got, err2 := ix.Search(t.Context(), q, retrieval.SearchOptions{K: 5, DenseWeight: w})
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			if len(got.Hits) != len(want.Hits) {
				t.Fatalf("%q (dense weight %v): %d hits, built %d", q, w, len(got.Hits), len(want.Hits))
			}
			for i := range got.Hits {
				g, w := got.Hits[i], want.Hits[i]
				if g.Chunk.ID != w.Chunk.ID || g.Chunk.Text != w.Chunk.Text || g.Score != w.Score {
					t.Errorf("%q hit %d: %s %v, built %s %v", q, i, g.Chunk.ID, g.Score, w.Chunk.ID, w.Score)
				}
			}
		}
	}
}

// A reload that saves new files leaves the old index serving from the old
// files' bytes while anything holds them (the index, a document, a
// question's results); once nothing does, the old files are let go of: no
// longer mapped, so their blocks on disk are given back.
func TestReplacedFilesAreReleasedOnceNothingHoldsThem(t *testing.T) {
	g, _ := retrieval.NewGloVeEmbedder()
	store := IndexDir{Dir: t.TempDir()}
	docs := snapshotDocs(t)
	ix, _, err := store.Open(t.Context(), docs, g, BuildOptions{Fingerprint: "fp"})
	if err != nil {
		t.Fatal(err)
	}
	dir := store.embedderDir(g)
	snaps, _ := filepath.Glob(filepath.Join(dir, "snapshot-*.bin"))
	vecs, _ := filepath.Glob(filepath.Join(dir, "vectors-*.vec"))
	if len(snaps) != 1 || len(vecs) != 1 {
		t.Fatalf("saved files %v %v", snaps, vecs)
	}
	oldSnap, oldVecs := snaps[0], vecs[0]
	if !strings.Contains(mappedFiles(t), oldSnap) || !strings.Contains(mappedFiles(t), oldVecs) {
		t.Fatal("the built index's files are not mapped: nothing tested")
	}
	res, err := ix.Search(t.Context(), "harbour storm", retrieval.SearchOptions{K: 2, DenseWeight: 0.5})
	if err != nil || len(res.Hits) == 0 {
		t.Fatal(res, err)
	}
	want := strings.Clone(res.Hits[0].Chunk.Text)
	doc := ix.Documents()[1]
	wantDoc := strings.Clone(doc.Text)

	next, _, err := store.Open(t.Context(), changedDocs(t), g, BuildOptions{Fingerprint: "fp2"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(oldSnap); err == nil {
		t.Fatal("the reload kept the old snapshot: nothing tested")
	}
	// The old index still serves, from the old files.
	checkTexts(t, ix, docs)
	if again, err := ix.Search(t.Context(), "harbour storm", retrieval.SearchOptions{K: 2, DenseWeight: 0.5}); err != nil || again.Hits[0].Chunk.Text != want {
		t.Fatalf("the old index after the reload: %v, %v", again, err)
	}
	// Let go of the index: a question's results still hold it whole
	// (their View), then one document holds the old snapshot alone.
	ix = nil
	for range 5 {
		runtime.GC()
	}
	if m := mappedFiles(t); !strings.Contains(m, oldSnap) || !strings.Contains(m, oldVecs) {
		t.Fatal("the old files were released while a question's results held them")
	}
	if got := res.Hits[0].Chunk.Text; got != want || strings.ContainsRune(got, 0) {
		t.Fatalf("a result of the old index reads %q, want %q", got, want)
	}
	res = nil
	collectUntil(t, "the old vectors file released", func() bool { return !strings.Contains(mappedFiles(t), oldVecs) })
	if !strings.Contains(mappedFiles(t), oldSnap) {
		t.Fatal("the old snapshot was released while a document held it")
	}
	if doc.Text != wantDoc || !inMapping(doc.Text) {
		t.Fatal("a document of the old index lost its text while held")
	}
	doc = nil
	collectUntil(t, "the old snapshot released", func() bool { return !strings.Contains(mappedFiles(t), oldSnap) })
	// The new index is untouched.
	checkTexts(t, next, changedDocs(t))
	runtime.KeepAlive(next)
}

// Questions keep being answered, each from the index it pinned, while
// reloads replace the index and its files and the collector releases the
// old ones: no text read is ever a released file's (-race checks the
// rest).
func TestQuestionsDuringReloadsReadLiveFiles(t *testing.T) {
	g, _ := retrieval.NewGloVeEmbedder()
	dir := IndexDir{Dir: t.TempDir()}
	corpora := [][]*corpus.Document{snapshotDocs(t), changedDocs(t)}
	ix, _, err := dir.Open(t.Context(), corpora[0], g, BuildOptions{Fingerprint: "fp0"})
	if err != nil {
		t.Fatal(err)
	}
	st := New(ix)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan string, 4)
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				v, _ := st.Pin(t.Context())
				ix := v.(version).Index
				res, err := ix.Search(t.Context(), "harbour storm", retrieval.SearchOptions{K: 3, DenseWeight: 0.5})
				if err != nil {
					errs <- err.Error()
					return
				}
				for _, h := range res.Hits {
					if strings.ContainsRune(h.Chunk.Text, 0) || strings.ContainsRune(h.Doc.Text, 0) || !strings.Contains(h.Doc.Text, h.Chunk.Text) {
						errs <- "a hit's text is not its document's: " + h.Chunk.ID
						return
					}
				}
				runtime.Gosched()
			}
		}()
	}
	released := func() int { mappings.Lock(); defer mappings.Unlock(); return mappings.released }
	start := released()
	for i := 1; i <= 6; i++ {
		next, _, err := dir.Open(t.Context(), corpora[i%2], g, BuildOptions{Fingerprint: "fp" + string(rune('0'+i))})
		if err != nil {
			t.Fatal(err)
		}
		st.Replace(next)
		runtime.GC()
	}
	close(stop)
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	collectUntil(t, "old files released", func() bool { return released() > start })
}
