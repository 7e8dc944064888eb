package retrieval

import (
	"strings"
	"testing"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/internal/testutil/testcorpus"
	"github.com/newsroom/askbot/text"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"simple", "One sentence. Two sentences! Three?", []string{"One sentence.", "Two sentences!", "Three?"}},
		{"abbreviations", "Mr. Smith met Dr. Jones in the U.S. capital. They talked.", []string{"Mr. Smith met Dr. Jones in the U.S. capital.", "They talked."}},
		{"quotes", `He said, “It is over.” Then he left.`, []string{`He said, “It is over.”`, "Then he left."}},
		{"initials", "J. K. Rowling wrote it. Fans cheered.", []string{"J. K. Rowling wrote it.", "Fans cheered."}},
		{"decimals", "Shares rose 3.5 percent. Bonds fell.", []string{"Shares rose 3.5 percent.", "Bonds fell."}},
		{"lowercase after period", "The figure was approx. ten thousand.", []string{"The figure was approx. ten thousand."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range text.Sentences(tt.text) {
				got = append(got, tt.text[s.Start:s.End])
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestChunkerProperties(t *testing.T) {
	seed := testcorpus.BundledDocs(t)[0]
	long := testcorpus.Doc("long.txt", strings.Repeat("word ", 600)+"end.\n\nA short tail sentence here. "+strings.Repeat("The council met again and talked about roads. ", 40))
	for _, ch := range []Chunker{{TargetChars: 200, OverlapChars: 40}, {TargetChars: 900, OverlapChars: 90}, {TargetChars: 120, OverlapChars: 0}} {
		for _, doc := range []*corpus.Document{seed, long} {
			chunks := ch.Split(doc)
			if len(chunks) == 0 {
				t.Fatalf("%s: no chunks", doc.ID)
			}
			starts := map[int]bool{} // every sentence start of the document
			var long []corpus.Span   // sentences long enough to be split
			for _, p := range doc.Paragraphs {
				for _, s := range text.Sentences(doc.Text[p.Start:p.End]) {
					starts[p.Start+s.Start] = true
					if s.End-s.Start > 2*ch.TargetChars {
						long = append(long, corpus.Span{Start: p.Start + s.Start, End: p.Start + s.End})
					}
				}
			}
			insideLong := func(off int) bool {
				for _, l := range long {
					if off > l.Start && off < l.End {
						return true
					}
				}
				return false
			}
			covered := 0
			for i, c := range chunks {
				if c.Text != doc.Text[c.Start:c.End] {
					t.Fatalf("chunk %d text does not map back to its offsets", i)
				}
				if c.FirstParagraph < 1 || c.LastParagraph < c.FirstParagraph || doc.ParagraphAt(c.Start) != c.FirstParagraph {
					t.Errorf("chunk %d paragraphs %d-%d", i, c.FirstParagraph, c.LastParagraph)
				}
				// A chunk starts at a sentence start unless a long sentence was split.
				if !starts[c.Start] && !insideLong(c.Start) {
					t.Errorf("chunk %d (target %d) starts mid-sentence: %q", i, ch.TargetChars, c.Text[:min(40, len(c.Text))])
				}
				if len(c.Text) > 2*ch.TargetChars {
					t.Errorf("chunk %d has %d chars, target %d", i, len(c.Text), ch.TargetChars)
				}
				if c.Start < covered && i > 0 && chunks[i-1].End-c.Start > ch.OverlapChars {
					t.Errorf("chunk %d overlaps its neighbour by %d chars, more than %d", i, chunks[i-1].End-c.Start, ch.OverlapChars)
				}
				if c.Start > covered && strings.TrimSpace(doc.Text[covered:c.Start]) != "" {
					t.Errorf("text %q between chunks %d and %d is in no chunk", doc.Text[covered:c.Start], i-1, i)
				}
				covered = c.End
			}
			if strings.TrimSpace(doc.Text[covered:]) != "" {
				t.Errorf("tail %q is in no chunk", doc.Text[covered:])
			}
		}
	}
}

func TestWordsAndTerms(t *testing.T) {
	if got := strings.Join(text.Words("Trump's team didn't say: 3.5% of U.S. voters"), " "); got != "trump team didnt say 3.5 of u s voters" {
		t.Errorf("Words = %q", got)
	}
	if got := strings.Join(text.Terms("The officials were meeting"), " "); got != "offici meet" {
		t.Errorf("Terms = %q", got)
	}
	if got := strings.Join(text.Names("Angela Merkel told The Verge on Monday about Trump's win?"), " "); got != "Merkel Verge Trump's" {
		t.Errorf("Names = %q", got)
	}
}
