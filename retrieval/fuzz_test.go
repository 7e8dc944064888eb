package retrieval

import (
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/text"
)

// FuzzSentences: spans are in order, inside the text, non-empty and
// trimmed, whatever the text.
func FuzzSentences(f *testing.F) {
	f.Add("Dr. Smith said “no.” Then he left! Did he? Yes…\nNext line")
	f.Add("U.S. officials met 3.5 times. \"Quoted.\" (Aside.) End")
	f.Fuzz(func(t *testing.T, doc string) {
		last := 0
		for _, s := range text.Sentences(doc) {
			if s.Start < last || s.End <= s.Start || s.End > len(doc) {
				t.Fatalf("span %+v after %d in a %d-byte doc", s, last, len(doc))
			}
			if seg := doc[s.Start:s.End]; isSpaceByte(seg[0]) || isSpaceByte(seg[len(seg)-1]) {
				t.Fatalf("span %q is not trimmed", seg)
			}
			last = s.End
		}
	})
}

// FuzzChunker: every chunk is its document's text between its offsets.
func FuzzChunker(f *testing.F) {
	f.Add("First sentence here. Second sentence there.\n\nA new paragraph with more words in it.", uint16(120), uint16(10))
	f.Add(strings.Repeat("word ", 400), uint16(100), uint16(49))
	f.Fuzz(func(t *testing.T, text string, target, overlap uint16) {
		c := Chunker{TargetChars: 100 + int(target)%2000, OverlapChars: int(overlap) % 50}
		if c.Validate() != nil {
			return
		}
		doc := &corpus.Document{ID: "d", Text: text, Paragraphs: []corpus.Span{{Start: 0, End: len(text)}}}
		for _, ch := range c.Split(doc) {
			if ch.Start < 0 || ch.End > len(text) || ch.Start > ch.End || ch.Text != text[ch.Start:ch.End] {
				t.Fatalf("chunk %d [%d,%d) does not map back to the text", ch.Ordinal, ch.Start, ch.End)
			}
		}
	})
}

// FuzzReadSnapshot: any bytes, with a matching checksum so that the parser
// itself is exercised, give an error or an index, never a panic.
func FuzzReadSnapshot(f *testing.F) {
	g, err := NewGloVeEmbedder()
	if err != nil {
		f.Fatal(err)
	}
	ix, err := Build(f.Context(), []*corpus.Document{{ID: "a", Title: "T", Text: "One sentence. Two sentences.", Paragraphs: []corpus.Span{{Start: 0, End: 28}}}}, g, BuildOptions{})
	if err != nil {
		f.Fatal(err)
	}
	var good strings.Builder
	if err := ix.writeSnapshot(&good); err != nil {
		f.Fatal(err)
	}
	f.Add([]byte(good.String()))
	f.Add([]byte(snapshotMagic + "\xff\xff\xff\xff\x0f"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "s.bin")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		ix, err := readSnapshot(path, crc32.Checksum(data, castagnoli), DefaultChunker, g)
		if err == nil {
			for _, c := range ix.Chunks() {
				if d, ok := ix.Document(c.DocID); !ok || c.End > len(d.Text) {
					t.Fatalf("chunk %s outside its document", c.ID)
				}
			}
		}
	})
}
