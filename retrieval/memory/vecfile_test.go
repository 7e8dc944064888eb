package memory

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"hash/crc32"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	chromem "github.com/philippgille/chromem-go"

	"github.com/newsroom/askbot/internal/testutil/fakeembed"
	"github.com/newsroom/askbot/retrieval"
)

// sameVectors fails unless got holds exactly want's vectors, bit for bit:
// the float32 rows, the int8 copy and its scales.
func sameVectors(tb testing.TB, got, want *denseIndex) {
	tb.Helper()
	if got.dim != want.dim || got.count != want.count || got.rows() != want.rows() {
		tb.Fatalf("%d rows of %d dimensions, %d with a vector; want %d of %d, %d", got.rows(), got.dim, got.count, want.rows(), want.dim, want.count)
	}
	bits := func(xs []float32) []uint32 {
		out := make([]uint32, len(xs))
		for i, x := range xs {
			out[i] = math.Float32bits(x)
		}
		return out
	}
	if !slices.Equal(bits(got.vecs), bits(want.vecs)) {
		tb.Error("the float32 vectors differ")
	}
	if !slices.Equal(bits(got.scan.scales), bits(want.scan.scales)) || !slices.Equal(got.scan.rows, want.scan.rows) {
		tb.Error("the int8 copy differs")
	}
}

// A reopened index's vectors are the built index's, bit for bit, and so
// are its dense rankings.
func TestVectorsRoundTrip(t *testing.T) {
	g, _ := retrieval.NewGloVeEmbedder()
	store := IndexDir{Dir: t.TempDir()}
	docs := snapshotDocs(t)
	built, _, err := store.Open(t.Context(), docs, g, BuildOptions{Fingerprint: "fp"})
	if err != nil {
		t.Fatal(err)
	}
	ix, _, err := store.Reopen("fp", g, retrieval.Chunker{})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := vectorsOf(built)
	got, err := vectorsOf(ix)
	if err != nil {
		t.Fatal(err)
	}
	if want.count == 0 {
		t.Fatal("no vectors: nothing tested")
	}
	sameVectors(t, got, want)
	for _, q := range []string{"harbour storm", "budget ferry route", "le port a rouvert"} {
		a, err := DenseQuery(t.Context(), built, q, 10)
		if err != nil {
			t.Fatal(err)
		}
		b, err := DenseQuery(t.Context(), ix, q, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(a) == 0 || !mapsEqual(a, b) {
			t.Errorf("%q: reopened %v, built %v", q, b, a)
		}
	}
}

func mapsEqual(a, b map[int]float64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// The vectors are normalised as chromem-go normalised them when it held
// them, bit for bit: the similarities, and so the answers, are unchanged.
func TestVectorsNormalisedAsChromemDid(t *testing.T) {
	in := [][]float32{
		{3, 4, 0, 0},
		{0.1, -0.2, 0.3, 0.4},
		{1, 0, 0, 0},
		nil,
		{1e-3, 2e-3, -5e-4, 7},
		{0, 0, 0, 0}, // no direction: no vector
	}
	d, err := newDenseIndex(len(in), func(i int) []float32 { return in[i] })
	if err != nil {
		t.Fatal(err)
	}
	coll, _ := chromem.NewDB().CreateCollection("c", nil, refuseEmbedding)
	for i, v := range in[:5] {
		if v == nil {
			continue
		}
		if err := coll.AddDocument(t.Context(), chromem.Document{ID: strconv.Itoa(i), Embedding: slices.Clone(v)}); err != nil {
			t.Fatal(err)
		}
		doc, _ := coll.GetByID(t.Context(), strconv.Itoa(i))
		for j, x := range doc.Embedding {
			if math.Float32bits(x) != math.Float32bits(d.row(i)[j]) {
				t.Errorf("vector %d: %v, chromem-go %v", i, d.row(i), doc.Embedding)
				break
			}
		}
	}
	if d.count != 4 || d.row(3) != nil || d.row(5) != nil {
		t.Errorf("%d vectors, rows 3 and 5 %v %v: want 4, none for an empty or zero vector", d.count, d.row(3), d.row(5))
	}
}

// vectorsBytes is the vectors file of a small index, with its row count.
func vectorsBytes(tb testing.TB) ([]byte, int) {
	tb.Helper()
	g, _ := retrieval.NewGloVeEmbedder()
	ix, err := Build(tb.Context(), snapshotDocs(tb), g, BuildOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	d, _ := vectorsOf(ix)
	var buf bytes.Buffer
	if err := writeVectors(d, keysOf(ix.Chunks()), &buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes(), d.rows()
}

// A damaged vectors file is an error that names the file, never a panic or
// a fault: truncated anywhere (with the checksum of what is left, so that
// the parser reads it, or the manifest's), a byte changed, bytes added, a
// header that promises more than the file holds, keys cut short.
func TestDamagedVectorsFileIsAnErrorNamingTheFile(t *testing.T) {
	good, rows := vectorsBytes(t)
	crc := func(b []byte) uint32 { return crc32.Checksum(b, castagnoli) }
	goodCRC := crc(good)
	with := func(edit func(b []byte)) []byte {
		b := bytes.Clone(good)
		edit(b)
		return b
	}
	type damaged struct {
		name string
		raw  []byte
		crc  uint32
		rows int
	}
	cases := []damaged{
		{"empty", nil, 0, rows},
		{"header only", good[:vectorsHeader], crc(good[:vectorsHeader]), rows},
		{"a byte changed", with(func(b []byte) { b[vectorsHeader+5] ^= 1 }), goodCRC, rows},
		{"a byte added", append(bytes.Clone(good), 0), crc(append(bytes.Clone(good), 0)), rows},
		{"another index's", good, goodCRC, rows + 1},
	}
	for _, h := range []struct {
		name string
		edit func(b []byte)
	}{
		{"more rows", func(b []byte) { binary.LittleEndian.PutUint32(b[12:], uint32(rows+1)) }},
		{"huge dimensions", func(b []byte) { binary.LittleEndian.PutUint32(b[8:], math.MaxUint32) }},
		{"more vectors than rows", func(b []byte) { binary.LittleEndian.PutUint32(b[16:], uint32(rows+1)) }},
		{"keys longer than the file", func(b []byte) { binary.LittleEndian.PutUint64(b[24:], math.MaxUint64) }},
		{"fewer vectors than scales", func(b []byte) { binary.LittleEndian.PutUint32(b[16:], 1) }},
	} {
		b := with(h.edit)
		cases = append(cases, damaged{"header: " + h.name, b, crc(b), rows})
	}
	for _, n := range []int{1, 7, 8, 63, 64, 65, len(good) / 3, len(good) / 2, len(good) - 1} {
		cut := good[:n]
		cases = append(cases, damaged{"cut to " + strconv.Itoa(n), cut, crc(cut), rows}, damaged{"cut to " + strconv.Itoa(n) + ", manifest's checksum", cut, goodCRC, rows})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "vectors-x.vec")
			if err := os.WriteFile(path, tc.raw, 0o644); err != nil {
				t.Fatal(err)
			}
			v, err := readVectors(path, tc.crc, tc.rows)
			if err == nil {
				v.release()
				t.Fatalf("read %d vectors from a damaged file", v.count)
			}
			if !strings.Contains(err.Error(), path) || !errors.Is(err, errVectorsCorrupt) {
				t.Errorf("error %q: want errVectorsCorrupt, naming the file", err)
			}
		})
	}
	t.Run("another version", func(t *testing.T) {
		b := with(func(b []byte) { copy(b, "NBVEC000") })
		path := filepath.Join(t.TempDir(), "vectors-x.vec")
		os.WriteFile(path, b, 0o644)
		if _, err := readVectors(path, crc(b), rows); !errors.Is(err, errVectorsVersion) || !strings.Contains(err.Error(), path) {
			t.Errorf("error %v, want errVectorsVersion naming the file", err)
		}
	})
	t.Run("keys cut short", func(t *testing.T) {
		// The last key's length says one byte more than is left: the file
		// reads (the keys are read only to reuse its vectors), its keys not.
		l := layoutOf(uint64(binary.LittleEndian.Uint32(good[8:])), uint64(rows), binary.LittleEndian.Uint64(good[24:]))
		b := bytes.Clone(good)
		off := l.keys
		for range rows - 1 {
			n, w := binary.Uvarint(b[off:])
			off += uint64(w) + n
		}
		b[off]++
		v, err := parseVectors(b, crc(b), rows)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := v.lookup(); !errors.Is(err, errVectorsCorrupt) {
			t.Errorf("lookup over damaged keys: %v, want errVectorsCorrupt", err)
		}
	})
	t.Run("missing", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "vectors-x.vec")
		if _, err := readVectors(path, goodCRC, rows); !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), path) {
			t.Errorf("error %v, want a missing file named", err)
		}
	})
}

// A reopened index whose vectors file was damaged after it was saved
// answers a dense query with an error, and a lexical one as before.
func TestReopenedIndexWithDamagedVectors(t *testing.T) {
	g, _ := retrieval.NewGloVeEmbedder()
	store := IndexDir{Dir: t.TempDir()}
	if _, _, err := store.Open(t.Context(), snapshotDocs(t), g, BuildOptions{Fingerprint: "fp"}); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(store.embedderDir(g), "vectors-*.vec"))
	if len(files) != 1 {
		t.Fatalf("vectors files %v", files)
	}
	raw, _ := os.ReadFile(files[0])
	os.WriteFile(files[0], raw[:len(raw)/2], 0o644)
	ix, _, err := store.Reopen("fp", g, retrieval.Chunker{})
	if err != nil {
		t.Fatal(err) // the vectors are read on first use
	}
	if _, err := DenseQuery(t.Context(), ix, "harbour storm", 5); err == nil || !strings.Contains(err.Error(), files[0]) {
		t.Errorf("dense query over damaged vectors: %v, want an error naming the file", err)
	}
	if res, err := ix.Search(t.Context(), "harbour storm", retrieval.SearchOptions{K: 1, DenseWeight: -1}); err != nil || len(res.Hits) == 0 {
		t.Errorf("lexical search: %+v, %v", res, err)
	}
}

// downgrade rewrites the index saved in dir as manifest version 5 wrote it:
// the vectors as a chromem-go export (by vector key), the manifest naming it.
func downgrade(tb testing.TB, dir string, ix *retrieval.Index) {
	tb.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		tb.Fatal(err)
	}
	d, _ := vectorsOf(ix)
	db := chromem.NewDB()
	coll, _ := db.CreateCollection(collectionName, nil, refuseEmbedding)
	for i, key := range keysOf(ix.Chunks()) {
		if v := d.row(i); v != nil {
			if err := coll.AddDocument(context.Background(), chromem.Document{ID: key, Embedding: slices.Clone(v)}); err != nil {
				tb.Fatal(err)
			}
		}
	}
	var gob bytes.Buffer
	if err := db.ExportToWriter(&gob, false, "", collectionName); err != nil {
		tb.Fatal(err)
	}
	name := strings.TrimSuffix(m["vectors"].(string), ".vec") + ".gob"
	os.WriteFile(filepath.Join(dir, name), gob.Bytes(), 0o644)
	os.Remove(filepath.Join(dir, m["vectors"].(string)))
	m["version"], m["vectors"] = olderVectorsVersion, name
	delete(m, "vectors_crc32c")
	raw, _ = json.Marshal(m)
	os.WriteFile(filepath.Join(dir, "manifest.json"), raw, 0o644)
}

// An index saved by manifest version 5 (vectors as a chromem-go export) is
// not reopened: it is rebuilt from the corpus with its vectors, nothing
// embedded, with a plain note, and saved in the current layout.
func TestVersion5IndexIsRebuiltWithItsVectors(t *testing.T) {
	srv := fakeembed.New(t)
	emb := retrieval.NewOpenAIEmbedder(srv.URL+"/v1", "m1", "", nil)
	store := IndexDir{Dir: t.TempDir()}
	built, _, err := store.Open(t.Context(), threeDocs(t), emb, BuildOptions{Fingerprint: "fp"})
	if err != nil {
		t.Fatal(err)
	}
	dir := store.embedderDir(emb)
	downgrade(t, dir, built)
	if _, _, err := store.Reopen("fp", emb, retrieval.Chunker{}); !errors.Is(err, ErrStale) || !strings.Contains(err.Error(), "version 5") {
		t.Fatalf("reopen of a version 5 index: %v, want ErrStale naming its version", err)
	}
	embedded := srv.Inputs.Load()
	ix, rep, err := store.Open(t.Context(), threeDocs(t), emb, BuildOptions{Fingerprint: "fp"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Embedded != 0 || srv.Inputs.Load() != embedded || rep.Warning != "" || !strings.Contains(rep.Upgraded, "older layout (version 5)") {
		t.Errorf("open over a version 5 index: %+v, %d texts embedded; want none, a note and no warning", rep, srv.Inputs.Load()-embedded)
	}
	want, _ := vectorsOf(built)
	got, _ := vectorsOf(ix)
	sameVectors(t, got, want)
	if gobs, _ := filepath.Glob(filepath.Join(dir, "vectors-*.gob")); len(gobs) != 0 {
		t.Errorf("the version 5 vectors were left: %v", gobs)
	}
	again, _, err := store.Reopen("fp", emb, retrieval.Chunker{})
	if err != nil {
		t.Fatalf("the upgraded index does not reopen: %v", err)
	}
	reopenedVecs, err := vectorsOf(again)
	if err != nil {
		t.Fatal(err)
	}
	sameVectors(t, reopenedVecs, want)
}

// An Open of the same content with its files touched saves the index again
// but keeps the vectors file it adopted (mapped, on unix, for good) rather
// than writing it anew: a replaced file's blocks would stay held by the
// mapping until the process exits.
func TestResaveKeepsTheAdoptedVectorsFile(t *testing.T) {
	g, _ := retrieval.NewGloVeEmbedder()
	store := IndexDir{Dir: t.TempDir()}
	if _, _, err := store.Open(t.Context(), snapshotDocs(t), g, BuildOptions{Fingerprint: "fp-1"}); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(store.embedderDir(g), "vectors-*.vec"))
	if len(files) != 1 {
		t.Fatalf("vectors files: %v", files)
	}
	before, err := os.Stat(files[0])
	if err != nil {
		t.Fatal(err)
	}
	ix, rep, err := store.Open(t.Context(), snapshotDocs(t), g, BuildOptions{Fingerprint: "fp-2"})
	if err != nil || !rep.Reused {
		t.Fatalf("open of the same content: %+v, %v", rep, err)
	}
	after, err := os.Stat(files[0])
	if err != nil || !os.SameFile(before, after) {
		t.Errorf("the adopted vectors file was written again: %v", err)
	}
	again, _, err := store.Reopen("fp-2", g, retrieval.Chunker{})
	if err != nil {
		t.Fatalf("reopen after the save: %v", err)
	}
	want, _ := vectorsOf(ix)
	got, err := vectorsOf(again)
	if err != nil {
		t.Fatal(err)
	}
	sameVectors(t, got, want)
}
