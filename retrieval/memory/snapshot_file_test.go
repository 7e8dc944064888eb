package memory

import (
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/internal/testutil/testcorpus"
	"github.com/newsroom/askbot/retrieval"
)

// snapshotDocs are documents with titles and texts of several sizes, one
// without text and one not in ASCII.
func snapshotDocs(tb testing.TB) []*corpus.Document {
	tb.Helper()
	return []*corpus.Document{
		testcorpus.Doc("a.txt", "Harbour news\nThe harbour reopened on Monday after the storm. Fishing boats returned at dawn."),
		testcorpus.Doc("b.txt", "Council news\nThe council approved the budget. The mayor called it fair.\n\n"+strings.Repeat("The budget adds a ferry route. ", 400)),
		testcorpus.Doc("c.txt", "Météo à Zürich\nLe port a rouvert lundi après la tempête. Les bateaux sont rentrés à l'aube."),
	}
}

// reopened saves docs in a fresh store and reopens them as `bot ask` does.
func reopened(tb testing.TB, docs []*corpus.Document) (IndexDir, *retrieval.Index) {
	tb.Helper()
	g, err := retrieval.NewGloVeEmbedder()
	if err != nil {
		tb.Fatal(err)
	}
	store := IndexDir{Dir: tb.TempDir()}
	if _, _, err := store.Open(tb.Context(), docs, g, BuildOptions{Fingerprint: "fp"}); err != nil {
		tb.Fatal(err)
	}
	ix, _, err := store.Reopen("fp", g, retrieval.Chunker{})
	if err != nil {
		tb.Fatal(err)
	}
	return store, ix
}

// checkTexts fails unless ix holds every document of want with its title
// and text, and every chunk's text is its document's.
func checkTexts(tb testing.TB, ix *retrieval.Index, want []*corpus.Document) {
	tb.Helper()
	for _, w := range want {
		d, ok := ix.Document(w.ID)
		if !ok {
			tb.Fatalf("document %s lost", w.ID)
		}
		if d.Title != w.Title || d.Text != w.Text {
			tb.Errorf("document %s: title %q, %d bytes of text; want %q, %d bytes", w.ID, d.Title, len(d.Text), w.Title, len(w.Text))
		}
	}
	for _, c := range ix.Chunks() {
		d, _ := ix.Document(c.DocID)
		if c.Text != d.Text[c.Start:c.End] {
			tb.Errorf("chunk %s: text differs from its document's", c.ID)
		}
	}
}

// A reopened index's documents read back exactly as they were indexed.
func TestReopenedTextsRoundTrip(t *testing.T) {
	docs := snapshotDocs(t)
	_, ix := reopened(t, docs)
	checkTexts(t, ix, docs)
}

// A reopened index keeps serving its texts after a reload saves a new
// snapshot: of the same name (renamed over the old file) or of another
// (the old file removed). The old file's bytes stay with the old index.
func TestReopenedIndexOutlivesItsFile(t *testing.T) {
	for _, tc := range []struct {
		name string
		next func(tb testing.TB) []*corpus.Document
		opts BuildOptions
	}{
		{"same corpus rewritten", snapshotDocs, BuildOptions{Fingerprint: "fp", Rewrite: true}},
		{"corpus changed", func(tb testing.TB) []*corpus.Document {
			docs := snapshotDocs(tb)
			docs[0] = testcorpus.Doc("a.txt", "Harbour news\nThe harbour closed again on Friday.")
			return docs
		}, BuildOptions{Fingerprint: "fp2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			docs := snapshotDocs(t)
			store, ix := reopened(t, docs)
			g, _ := retrieval.NewGloVeEmbedder()
			dir := store.embedderDir(g)
			before, _ := filepath.Glob(filepath.Join(dir, "snapshot-*.bin"))
			if len(before) != 1 {
				t.Fatalf("snapshots %v, want one", before)
			}
			old, err := os.Stat(before[0])
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := store.Open(t.Context(), tc.next(t), g, tc.opts); err != nil {
				t.Fatal(err)
			}
			if now, err := os.Stat(before[0]); err == nil && os.SameFile(old, now) {
				t.Fatal("the reload kept the old snapshot file: nothing tested")
			}
			checkTexts(t, ix, docs)
			res, err := ix.Search(t.Context(), "harbour storm", retrieval.SearchOptions{K: 1, DenseWeight: -1})
			if err != nil || len(res.Hits) == 0 || !strings.Contains(res.Hits[0].Chunk.Text, "storm") {
				t.Fatalf("search of the old index after the reload: %+v, %v", res, err)
			}
		})
	}
}

// A damaged snapshot is an error that names the file, never a panic or a
// fault: truncated anywhere (with the checksum of what is left, so that
// the parser reads it, or the manifest's), a byte changed, bytes added.
func TestDamagedSnapshotIsAnErrorNamingTheFile(t *testing.T) {
	g, _ := retrieval.NewGloVeEmbedder()
	ix, err := Build(t.Context(), snapshotDocs(t), g, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var snap strings.Builder
	if err := writeSnapshot(ix, &snap); err != nil {
		t.Fatal(err)
	}
	good := []byte(snap.String())
	goodCRC := crc32.Checksum(good, castagnoli)
	type damaged struct {
		name string
		raw  []byte
		crc  uint32
	}
	cases := []damaged{
		{"empty", nil, 0},
		{"magic only", good[:len(snapshotMagic)], crc32.Checksum(good[:len(snapshotMagic)], castagnoli)},
		{"a byte changed", append(append([]byte{}, good[:100]...), append([]byte{good[100] ^ 1}, good[101:]...)...), goodCRC},
		{"a byte added", append(append([]byte{}, good...), 0), crc32.Checksum(append(append([]byte{}, good...), 0), castagnoli)},
		{"another version", append([]byte("NBSNAP03"), good[len(snapshotMagic):]...), crc32.Checksum(append([]byte("NBSNAP03"), good[len(snapshotMagic):]...), castagnoli)},
	}
	for _, n := range []int{1, 7, 9, 16, 64, len(good) / 3, len(good) / 2, len(good) - 4096, len(good) - 1} {
		cut := good[:n]
		cases = append(cases, damaged{"cut to " + strconv.Itoa(n), cut, crc32.Checksum(cut, castagnoli)}, damaged{"cut to " + strconv.Itoa(n) + ", manifest's checksum", cut, goodCRC})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "snapshot-x.bin")
			if err := os.WriteFile(path, tc.raw, 0o644); err != nil {
				t.Fatal(err)
			}
			data, err := readSnapshot(path, tc.crc)
			if err == nil {
				t.Fatalf("read %d documents from a damaged snapshot", len(data.Docs))
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name the file", err)
			}
			if tc.name != "another version" && !errors.Is(err, errSnapshotCorrupt) {
				t.Errorf("error %v, want errSnapshotCorrupt", err)
			}
		})
	}
	t.Run("missing", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "snapshot-x.bin")
		if _, err := readSnapshot(path, goodCRC); !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), path) {
			t.Errorf("error %v, want a missing file named", err)
		}
	})
}
