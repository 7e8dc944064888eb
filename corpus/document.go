// Package corpus loads the newsroom's documents (text, Markdown, HTML, PDF and
// JSONL archives) into plain Documents that keep their metadata and paragraphs.
// It knows nothing of retrieval: a Document's offsets let any later stage point
// at the exact paragraph and check a quote against the source text.
package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// Document is one article or file of the corpus.
type Document struct {
	// ID is stable across loads: the path relative to the corpus root
	// ("tip.eml#a.pdf" for an attachment), or for a row of a JSONL
	// archive its id, namespaced ("archive.jsonl#id") unless it is plain
	// (no ".", "/", "\\" or "#"; see rowID).
	ID string
	// Path is the file the document came from.
	Path      string
	Title     string
	Source    string // outlet or publisher, e.g. "Times of Israel"
	Byline    string // author line, e.g. "Times of Israel Staff"
	URL       string
	Published string // as given by the document, RFC 3339 when parseable
	// Text is the body text; quotes and offsets refer to it.
	Text string
	// Paragraphs are byte ranges of Text, in order; paragraph n is Paragraphs[n-1].
	Paragraphs []Span
	// Embargo, when set, is the time before which the document may not be
	// retrieved or quoted anywhere.
	Embargo time.Time
	// Withdrawn documents (retracted stories) are never cited;
	// WithdrawnNote says why ("Retracted 2026-11-20: …").
	Withdrawn     bool
	WithdrawnNote string
}

// Citable reports whether the document may be retrieved and quoted at now:
// not withdrawn and past any embargo.
func (d *Document) Citable(now time.Time) bool {
	return !d.Withdrawn && (d.Embargo.IsZero() || !now.Before(d.Embargo))
}

// Span is a half-open byte range [Start, End) of a document's Text.
type Span struct {
	Start int
	End   int
}

// Paragraph returns the text of paragraph n (1-based), or "" when out of range.
func (d *Document) Paragraph(n int) string {
	if n < 1 || n > len(d.Paragraphs) {
		return ""
	}
	p := d.Paragraphs[n-1]
	return d.Text[p.Start:p.End]
}

// ParagraphAt returns the 1-based number of the paragraph holding byte offset
// off of Text, or 0 when off lies outside every paragraph.
func (d *Document) ParagraphAt(off int) int {
	lo, hi := 0, len(d.Paragraphs)
	for lo < hi {
		m := (lo + hi) / 2
		if d.Paragraphs[m].End <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(d.Paragraphs) && d.Paragraphs[lo].Start <= off {
		return lo + 1
	}
	return 0
}

// Hash identifies the document's content and metadata: two loads of an
// unchanged document give the same hash.
func (d *Document) Hash() string {
	h := sha256.New()
	access := ""
	if !d.Embargo.IsZero() || d.Withdrawn {
		access = fmt.Sprintf("embargo %s withdrawn %v %s", d.Embargo.UTC().Format(time.RFC3339Nano), d.Withdrawn, d.WithdrawnNote)
	}
	for _, s := range []string{d.ID, d.Title, d.Source, d.Byline, d.URL, d.Published, d.Text, access} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// PublishedTime parses Published, accepting RFC 3339 and plain dates. A
// time whose offset RFC 3339 does not allow ("+24:00") is not a date.
func (d *Document) PublishedTime() (time.Time, bool) {
	s := strings.TrimSpace(d.Published)
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02", "January 2, 2006", "Jan 2, 2006", "2 January 2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			if layout == time.RFC3339 && !rfc3339Offset(s) {
				return time.Time{}, false
			}
			return t, true
		}
	}
	return time.Time{}, false
}

// Date returns the publication date for people ("Nov 10, 2016"), or "" when unknown.
func (d *Document) Date() string {
	if t, ok := d.PublishedTime(); ok {
		return t.Format("Jan 2, 2006")
	}
	return strings.TrimSpace(d.Published)
}

// splitParagraphs returns the paragraph spans of text. When the text has
// blank lines, paragraphs are the blocks between them; otherwise every
// non-empty line is a paragraph. Spans exclude surrounding whitespace.
func splitParagraphs(text string) []Span {
	sep := "\n"
	if strings.Contains(text, "\n\n") || strings.Contains(text, "\n\r\n") {
		sep = "" // blank-line mode
	}
	var spans []Span
	add := func(start, end int) {
		for start < end && isSpace(text[start]) {
			start++
		}
		for end > start && isSpace(text[end-1]) {
			end--
		}
		if end > start {
			spans = append(spans, Span{start, end})
		}
	}
	start := 0
	for i := 0; i < len(text); i++ {
		if text[i] != '\n' {
			continue
		}
		if sep == "\n" {
			add(start, i)
			start = i + 1
			continue
		}
		// blank-line mode: a newline followed by optional spaces and another newline.
		j := i + 1
		for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
			j++
		}
		if j < len(text) && text[j] == '\n' {
			add(start, i)
			start = j + 1
			i = j
		}
	}
	add(start, len(text))
	return spans
}

func isSpace(b byte) bool { return b == ' ' || b == '\n' || b == '\t' || b == '\r' }
