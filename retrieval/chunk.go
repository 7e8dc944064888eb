package retrieval

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsroom/askbot/corpus"
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
		for _, s := range Sentences(doc.Text[p.Start:p.End]) {
			sents = append(sents, c.splitLong(doc.Text, corpus.Span{Start: p.Start + s.Start, End: p.Start + s.End})...)
		}
	}
	var chunks []Chunk
	emit := func(first, last int) {
		start, end := sents[first].Start, sents[last].End
		chunks = append(chunks, Chunk{
			ID:             chunkID(doc.ID, len(chunks)),
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

// chunkID names the ordinal-th chunk of a document.
func chunkID(docID string, ordinal int) string { return docID + "#" + strconv.Itoa(ordinal) }

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

// Sentences returns the sentence spans of one paragraph of text, trimmed of
// surrounding space. A sentence ends at ., ! or ? (with any closing quotes or
// brackets) followed by space and a capital, digit or opening quote, unless
// the word before is a known abbreviation or a single initial.
func Sentences(text string) []corpus.Span {
	var spans []corpus.Span
	start := 0
	add := func(end int) {
		s, e := start, end
		for s < e && isSpaceByte(text[s]) {
			s++
		}
		for e > s && isSpaceByte(text[e-1]) {
			e--
		}
		if e > s {
			spans = append(spans, corpus.Span{Start: s, End: e})
		}
		start = end
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == '\n' {
			add(i)
			i += size
			start = i
			continue
		}
		if r != '.' && r != '!' && r != '?' {
			i += size
			continue
		}
		end := i + size
		for end < len(text) {
			c, sz := utf8.DecodeRuneInString(text[end:])
			if !strings.ContainsRune(`"'”’)]»`, c) && c != '.' && c != '!' && c != '?' {
				break
			}
			end += sz
		}
		if end >= len(text) {
			break
		}
		if !isSpaceByte(text[end]) {
			i = end
			continue
		}
		j := end
		for j < len(text) && isSpaceByte(text[j]) && text[j] != '\n' {
			j++
		}
		next, _ := utf8.DecodeRuneInString(text[j:])
		if j < len(text) && (unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune(`"'“‘(`, next)) && !(r == '.' && isAbbreviation(text[start:i])) {
			add(end)
		}
		i = end
	}
	add(len(text))
	return spans
}

func isSpaceByte(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\v' || b == '\f'
}

var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "sen": true, "rep": true, "gov": true,
	"gen": true, "col": true, "lt": true, "sgt": true, "st": true, "jr": true, "sr": true, "inc": true,
	"corp": true, "co": true, "ltd": true, "vs": true, "etc": true, "no": true, "jan": true, "feb": true,
	"mar": true, "apr": true, "aug": true, "sept": true, "sep": true, "oct": true, "nov": true, "dec": true,
	"u.s": true, "u.k": true, "u.n": true, "e.g": true, "i.e": true, "a.m": true, "p.m": true,
}

// isAbbreviation reports whether the text before a period ends with an
// abbreviation or a single capital initial ("J." in "J. Smith").
func isAbbreviation(before string) bool {
	k := len(before)
	for k > 0 && !isSpaceByte(before[k-1]) && before[k-1] != '(' && before[k-1] != '"' {
		k--
	}
	word := before[k:]
	if utf8.RuneCountInString(word) == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		return unicode.IsUpper(r)
	}
	return abbreviations[strings.ToLower(word)]
}
