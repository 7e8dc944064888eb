package memory

import (
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/retrieval"
)

// A snapshot keeps each embargo to the instant, whatever offset the
// document gave it (a local midnight too), and the publication date as
// written.
func TestSnapshotKeepsEmbargoInstants(t *testing.T) {
	g, err := retrieval.NewGloVeEmbedder()
	if err != nil {
		t.Fatal(err)
	}
	embargoes := map[string]time.Time{}
	var docs []*corpus.Document
	for i, s := range []string{"2026-12-05T00:00:00-12:00", "2026-12-05T00:00:00+14:00", "2026-12-05T00:00:00Z", "2026-12-05T00:00:00+05:30", "2026-12-05T09:30:00.5+05:30"} {
		e, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		id := string(rune('a' + i))
		text := "One sentence about the budget. Two sentences about the port."
		embargoes[id] = e
		docs = append(docs, &corpus.Document{ID: id, Title: "T", Published: s, Embargo: e, Text: text, Paragraphs: []corpus.Span{{Start: 0, End: len(text)}}})
	}
	ix, err := Build(t.Context(), docs, g, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var snap strings.Builder
	if err := writeSnapshot(ix, &snap); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "s.bin")
	if err := os.WriteFile(path, []byte(snap.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	back, err := readIndex(path, crc32.Checksum([]byte(snap.String()), castagnoli), retrieval.DefaultChunker, g)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range docs {
		t.Run(want.Published, func(t *testing.T) {
			d, ok := back.Document(want.ID)
			if !ok {
				t.Fatal("document lost")
			}
			if !d.Embargo.Equal(embargoes[want.ID]) || d.Published != want.Published {
				t.Errorf("embargo %s, published %q; want %s, %q", d.Embargo, d.Published, embargoes[want.ID], want.Published)
			}
			if d.Citable(want.Embargo.Add(-time.Minute)) || !d.Citable(want.Embargo.Add(time.Minute)) {
				t.Errorf("citable around %s is wrong after the round trip", want.Embargo)
			}
		})
	}
}

// A snapshot whose postings are out of order (its checksum matching) is
// refused with an error naming the term, never served.
func TestSnapshotPostingsOutOfOrder(t *testing.T) {
	g, err := retrieval.NewGloVeEmbedder()
	if err != nil {
		t.Fatal(err)
	}
	var docs []*corpus.Document
	for _, id := range []string{"a", "b"} {
		text := "The zebra crossed the road near the port."
		docs = append(docs, &corpus.Document{ID: id, Title: "T", Text: text, Paragraphs: []corpus.Span{{Start: 0, End: len(text)}}})
	}
	ix, err := Build(t.Context(), docs, g, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var snap strings.Builder
	if err := writeSnapshot(ix, &snap); err != nil {
		t.Fatal(err)
	}
	// The body field's list of "zebra": its length, then units 0 and 1;
	// swapped, they descend.
	b := []byte(snap.String())
	at := strings.Index(string(b), "\x05zebra\x02")
	if at < 0 {
		t.Fatal("no posting list of zebra in the snapshot")
	}
	units := b[at+7 : at+15]
	if string(units) != "\x00\x00\x00\x00\x01\x00\x00\x00" {
		t.Fatalf("units % x, want 0 and 1", units)
	}
	copy(units, "\x01\x00\x00\x00\x00\x00\x00\x00")
	path := filepath.Join(t.TempDir(), "s.bin")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = readIndex(path, crc32.Checksum(b, castagnoli), retrieval.DefaultChunker, g)
	if !errors.Is(err, errSnapshotCorrupt) || !strings.Contains(err.Error(), `term "zebra": posting list: unit 0 after unit 1`) {
		t.Fatalf("error %v, want the snapshot corrupt at zebra's postings", err)
	}
}
