//go:build unix

package memory

import (
	"testing"
	"unsafe"

	"github.com/newsroom/askbot/retrieval"
)

// inMapping reports whether s's bytes lie in a snapshot this process has
// mapped.
func inMapping(s string) bool {
	p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	mappings.Lock()
	defer mappings.Unlock()
	for _, m := range mappings.byFile {
		start := uintptr(unsafe.Pointer(unsafe.SliceData(m.data)))
		if p >= start && p+uintptr(len(s)) <= start+uintptr(len(m.data)) {
			return true
		}
	}
	return false
}

// On unix a reopened index's texts and titles are the mapped snapshot's
// bytes, outside the Go heap, and reopening the same file again maps it
// once.
func TestReopenedTextsAreMapped(t *testing.T) {
	store, ix := reopened(t, snapshotDocs(t))
	for _, d := range ix.Documents() {
		if !inMapping(d.Text) || !inMapping(d.Title) {
			t.Errorf("document %s: text or title not in a mapped snapshot", d.ID)
		}
		if inMapping(d.ID) {
			t.Errorf("document %s: its ID points into the mapping, want it copied", d.ID)
		}
	}
	mappings.Lock()
	n := len(mappings.byFile)
	mappings.Unlock()
	g, _ := retrieval.NewGloVeEmbedder()
	again, _, err := store.Reopen("fp", g, retrieval.Chunker{})
	if err != nil {
		t.Fatal(err)
	}
	mappings.Lock()
	m := len(mappings.byFile)
	mappings.Unlock()
	if m != n {
		t.Errorf("reopening the same snapshot made %d mappings, want none", m-n)
	}
	if a, b := again.Documents()[0].Text, ix.Documents()[0].Text; unsafe.StringData(a) != unsafe.StringData(b) {
		t.Error("the second reopen's text is not the first's mapping")
	}
}

// On unix a reopened index's vectors (the float32 rows, the int8 copy and
// its scales) are views of its mapped vectors file, outside the Go heap.
func TestReopenedVectorsAreMapped(t *testing.T) {
	_, ix := reopened(t, snapshotDocs(t))
	d, err := vectorsOf(ix)
	if err != nil {
		t.Fatal(err)
	}
	if d.count == 0 {
		t.Fatal("no vectors: nothing tested")
	}
	view := func(p unsafe.Pointer, n int) string { return unsafe.String((*byte)(p), n) }
	for name, s := range map[string]string{
		"float32 vectors": view(unsafe.Pointer(unsafe.SliceData(d.vecs)), 4*len(d.vecs)),
		"int8 copy":       view(unsafe.Pointer(unsafe.SliceData(d.scan.rows)), len(d.scan.rows)),
		"scales":          view(unsafe.Pointer(unsafe.SliceData(d.scan.scales)), 4*len(d.scan.scales)),
	} {
		if !inMapping(s) {
			t.Errorf("the %s are not in a mapped file", name)
		}
	}
}

// unsafeBytes views a float32 slice's bytes as a string, for inMapping.
func unsafeBytes(xs []float32) string {
	if len(xs) == 0 {
		return ""
	}
	return unsafe.String((*byte)(unsafe.Pointer(unsafe.SliceData(xs))), 4*len(xs))
}
