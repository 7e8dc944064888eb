package retrieval

import (
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/text"
)

// Chunk is a passage of one document: a run of whole sentences, the unit
// that is indexed, retrieved and cited.
type Chunk struct {
	ID      string // "<doc id>#<ordinal>"
	DocID   string
	Ordinal int // position of the chunk in its document, from 0
	// Start and End are byte offsets into the document's Text; the chunk's
	// text is exactly Text[Start:End].
	Start, End int
	// FirstParagraph and LastParagraph are the 1-based paragraphs it spans.
	FirstParagraph, LastParagraph int
	Text                          string
}

// Chunker splits documents into chunks of about TargetChars characters,
// repeating about OverlapChars characters of whole sentences between
// neighbours. It never cuts a sentence, except one longer than twice the
// target, which is split at a space.
type Chunker struct {
	TargetChars  int
	OverlapChars int
}

// DefaultChunker is the chunking used unless configured otherwise.
var DefaultChunker = Chunker{TargetChars: 1100, OverlapChars: 110}

// Validate reports a chunker setting that cannot work.
func (c Chunker) Validate() error {
	if c.TargetChars < 100 {
		return fmt.Errorf("chunk size %d is below 100 characters", c.TargetChars)
	}
	if c.OverlapChars < 0 || c.OverlapChars >= c.TargetChars/2 {
		return fmt.Errorf("chunk overlap %d must be between 0 and half the chunk size", c.OverlapChars)
	}
	return nil
}

// Split cuts doc into chunks.
func (c Chunker) Split(doc *corpus.Document) []Chunk {
	var sents []corpus.Span
	for _, p := range doc.Paragraphs {
		for _, s := range text.Sentences(doc.Text[p.Start:p.End]) {
			sents = append(sents, c.splitLong(doc.Text, corpus.Span{Start: p.Start + s.Start, End: p.Start + s.End})...)
		}
	}
	var chunks []Chunk
	emit := func(first, last int) {
		start, end := sents[first].Start, sents[last].End
		chunks = append(chunks, Chunk{
			ID:             ChunkID(doc.ID, len(chunks)),
			DocID:          doc.ID,
			Ordinal:        len(chunks),
			Start:          start,
			End:            end,
			FirstParagraph: doc.ParagraphAt(start),
			LastParagraph:  doc.ParagraphAt(end - 1),
			Text:           doc.Text[start:end],
		})
	}
	for first := 0; first < len(sents); {
		last := first
		for last+1 < len(sents) && sents[last+1].End-sents[first].Start <= c.TargetChars {
			last++
		}
		emit(first, last)
		if last == len(sents)-1 {
			break
		}
		// Start the next chunk with the tail sentences that fit the overlap.
		next := last + 1
		for next-1 > first && sents[last].End-sents[next-1].Start <= c.OverlapChars {
			next--
		}
		first = next
	}
	return chunks
}

// ChunkID names the chunk of a document by its ordinal: "doc#3".
func ChunkID(docID string, ordinal int) string { return docID + "#" + strconv.Itoa(ordinal) }

// splitLong splits a sentence longer than twice the target at spaces.
func (c Chunker) splitLong(text string, s corpus.Span) []corpus.Span {
	var out []corpus.Span
	for s.End-s.Start > 2*c.TargetChars {
		cut := s.Start + c.TargetChars
		for cut > s.Start && text[cut] != ' ' {
			cut--
		}
		if cut == s.Start { // no space at all: cut at a rune boundary
			cut = s.Start + c.TargetChars
			for !utf8.RuneStart(text[cut]) {
				cut--
			}
		}
		out = append(out, corpus.Span{Start: s.Start, End: cut})
		for cut < s.End && text[cut] == ' ' {
			cut++
		}
		s.Start = cut
	}
	return append(out, s)
}

func isSpaceByte(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\v' || b == '\f'
}
