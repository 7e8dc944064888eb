package answer

import (
	"slices"
	"strings"

	"github.com/newsroom/askbot/retrieval"
)

// ExtractiveLabel tells readers an extractive answer is quoted, not written.
const ExtractiveLabel = "Quotes from the documents (no model configured: these are the most relevant sentences, verbatim)"

// maxQuotes is the most sentences an extractive answer quotes.
const maxQuotes = 3

// candidate is a sentence of a retrieved passage.
type candidate struct {
	hit        int
	start, end int // offsets into the document text
	score      float64
	outlet     bool // the best sentence of an outlet the question names
}

// outletsFirst orders the candidates (sorted by score) for quoting: when the
// question names two or more outlets ("did TechCrunch and The Verge agree"),
// first the best sentence of each, in the order named, when it scores at
// least minOutletShare of the best sentence; then the rest by score. A
// reporter comparing outlets needs each one quoted.
func outletsFirst(res *retrieval.Results, cands []candidate) []candidate {
	if len(res.Sources) < 2 || len(cands) == 0 {
		return cands
	}
	var first []candidate
	used := make([]bool, len(cands))
	for _, src := range res.Sources {
		for i, c := range cands {
			if used[i] || res.Hits[c.hit].Doc.Source != src {
				continue
			}
			if c.score >= minOutletShare*cands[0].score {
				used[i] = true
				c.outlet = true
				first = append(first, c)
			}
			break
		}
	}
	for i, c := range cands {
		if !used[i] {
			first = append(first, c)
		}
	}
	return first
}

// minOutletShare is the least score, relative to the best sentence's, of a
// named outlet's best sentence for it to be quoted ahead of the others.
const minOutletShare = 0.3

// Extract builds an extractive answer: the one to three sentences of the
// retrieved passages that best match the question, quoted verbatim, each
// checked against its document before it is kept.
func Extract(ix *retrieval.Index, question string, res *retrieval.Results) *Answer {
	a := &Answer{Question: question, Results: res}
	if !res.Answerable || len(res.Hits) == 0 {
		a.Kind = NotFound
		return a
	}
	// The search terms include a follow-up's earlier questions; the words of
	// the question itself count double.
	weights := map[string]float64{}
	for _, t := range res.Terms {
		weights[t] = 1
	}
	for _, t := range retrieval.QueryTerms(question) {
		weights[t] = 2
	}
	var cands []candidate
	for hi, h := range res.Hits {
		for _, s := range retrieval.Sentences(h.Chunk.Text) {
			text := h.Chunk.Text[s.Start:s.End]
			sc := sentenceScore(ix, weights, text)
			if sc <= 0 {
				continue
			}
			// Prefer sentences of better-ranked passages, gently.
			sc *= 1 / (1 + 0.1*float64(hi))
			cands = append(cands, candidate{hit: hi, start: h.Chunk.Start + s.Start, end: h.Chunk.Start + s.End, score: sc})
		}
	}
	slices.SortStableFunc(cands, func(x, y candidate) int {
		switch {
		case x.score > y.score:
			return -1
		case x.score < y.score:
			return 1
		}
		return 0
	})
	a.Kind = Extractive
	a.Label = ExtractiveLabel
	seen := map[string]bool{}
	for _, c := range outletsFirst(res, cands) {
		if len(a.Sentences) == maxQuotes {
			break
		}
		if c.score < 0.5*cands[0].score && !c.outlet {
			continue
		}
		h := res.Hits[c.hit]
		quote := h.Doc.Text[c.start:c.end]
		key := h.Doc.ID + "\x00" + quote
		if seen[key] {
			continue // overlapping chunks repeat sentences
		}
		seen[key] = true
		if !Verbatim(h.Doc.Text, quote) {
			a.Warnings = append(a.Warnings, "dropped a quote that did not match its source")
			continue
		}
		n := len(a.Sources) + 1
		a.Sources = append(a.Sources, Source{
			N: n, DocID: h.Doc.ID, Title: h.Doc.Title, Source: h.Doc.Source, Byline: h.Doc.Byline,
			URL: h.Doc.URL, Date: h.Doc.Date(), Paragraph: h.Doc.ParagraphAt(c.start), Quote: quote, Passage: h.Chunk.Text,
		})
		a.Sentences = append(a.Sentences, Sentence{Text: "“" + quote + "”", Cites: []int{n}})
	}
	if len(a.Sentences) == 0 {
		a.Kind = NotFound
		a.Label = ""
	}
	return a
}

// sentenceScore is the weighted IDF of the query terms a sentence contains.
func sentenceScore(ix *retrieval.Index, weights map[string]float64, sentence string) float64 {
	have := map[string]bool{}
	for _, t := range retrieval.Terms(sentence) {
		have[t] = true
	}
	var s float64
	for t, w := range weights {
		if have[t] {
			s += w * ix.IDF(t)
		}
	}
	return s
}

// Verbatim reports whether quote occurs in text, ignoring differences of
// whitespace and quotation-mark style only.
func Verbatim(text, quote string) bool {
	q := NormalizeQuote(quote)
	return q != "" && strings.Contains(NormalizeQuote(text), q)
}

var quoteFolder = strings.NewReplacer("“", `"`, "”", `"`, "„", `"`, "‘", "'", "’", "'", "‚", "'", "«", `"`, "»", `"`)

// NormalizeQuote folds typographic quotes to ASCII and collapses whitespace.
func NormalizeQuote(s string) string {
	return strings.Join(strings.Fields(quoteFolder.Replace(s)), " ")
}
