package retrieval

import (
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
