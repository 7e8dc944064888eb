package memory

import (
	"github.com/newsroom/askbot/retrieval"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/askbot/corpus"
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
