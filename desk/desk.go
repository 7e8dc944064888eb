// Package desk is the reporter's research desk over the answering engine:
// checking a claim against the archive ("has this been reported?"), who
// said what, and the story so far. Every line it shows is a verbatim
// sentence of a document the asker may see, dated and cited with the
// answer package's Source model; retrieval goes through
// answer.Engine.Retrieve, so restricted collections, embargoes and
// withdrawn stories apply exactly as for answers.
package desk

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/text"
)

// Desk runs the research desk's queries over an engine.
type Desk struct {
	Engine *answer.Engine
	// K, when set, is the number of passages retrieved per query in place
	// of the tool's own (Tuning's ClaimPassages, QuotePassages, …).
	K int
	// Tuning, when set, replaces DefaultTuning.
	Tuning *Tuning
}

func (d *Desk) k(def int) int {
	if d.K > 0 {
		return d.K
	}
	return def
}

// Line is one line of a result: a verbatim sentence (or quotation) with
// its date and citation.
type Line struct {
	// Date is when it happened or was said, "Jan 2, 2006"; DateNote says
	// how it was found ("article date" when the article's date stands in
	// for the event's).
	Date     string
	DateNote string
	// Speaker is the person quoted (quotes only).
	Speaker string
	// Text is verbatim from the document.
	Text  string
	Cites []int
	// Figure, in a contradicting line, is the document's figure.
	Figure string
	// when orders timelines.
	when time.Time
	// measures are what the desk weighed the line by ("cov", "wcov", …),
	// for the tests at each threshold's boundary.
	measures map[string]float64
}

// Result is what the desk found for one query.
type Result struct {
	Query string
	// Headline is the first line shown: the verdict of a claim check,
	// or what the lines are ("Quotations of Sam Altman, oldest first").
	Headline string
	Verdict  Verdict // claim checks only
	Figure   string  // claim checks: the documents' figure that contradicts
	Lines    []Line
	Sources  []answer.Source
	// Note, when set, says what the result cannot show (nothing found, …).
	Note string
	Took time.Duration
	// from is what the lines and sources were cut from (the retrieved
	// results, or a timeline's draft), kept with them: the documents'
	// text may be a saved file's, mapped, which lasts as long as
	// something holds the results or documents (retrieval/memory).
	from any
}

// Text renders the result as plain text lines, without the sources list.
func (r *Result) Text() string {
	var b strings.Builder
	b.WriteString(r.Headline)
	for _, l := range r.Lines {
		b.WriteString("\n")
		b.WriteString(l.String())
	}
	if r.Note != "" {
		b.WriteString("\n" + r.Note)
	}
	return b.String()
}

// String renders a line: "Nov 21, 2023 — Altman: “…” [1]".
func (l Line) String() string {
	var b strings.Builder
	if l.Date != "" {
		b.WriteString(l.Date)
		if l.DateNote != "" {
			b.WriteString(" (" + l.DateNote + ")")
		}
		b.WriteString(" — ")
	}
	if l.Speaker != "" {
		b.WriteString(l.Speaker + ": ")
	}
	b.WriteString("“" + l.Text + "”")
	for _, n := range l.Cites {
		fmt.Fprintf(&b, " [%d]", n)
	}
	return b.String()
}

// Answer presents the result as an extractive answer, for the renderers
// (CLI and Slack) that show answers: the headline as its label, a line
// per sentence, the same sources.
func (r *Result) Answer() *answer.Answer {
	a := &answer.Answer{Question: r.Query, Kind: answer.Extractive, Label: r.Headline, Sources: r.Sources, Took: r.Took}
	for _, l := range r.Lines {
		t := l.String()
		// the sentence's own markers are kept in Cites
		if i := strings.LastIndex(t, "”"); i >= 0 {
			t = t[:i+len("”")]
		}
		a.Sentences = append(a.Sentences, answer.Sentence{Text: t, Cites: l.Cites})
	}
	if r.Note != "" {
		a.Warnings = append(a.Warnings, r.Note)
	}
	return a
}

// citer numbers the sources of a result, one per quoted span.
type citer struct {
	sources []answer.Source
	at      map[string]int
}

// cite returns the citation number of doc.Text[start:end], adding it.
func (c *citer) cite(doc *corpus.Document, start, end int, passage string) int {
	key := fmt.Sprintf("%s@%d-%d", doc.ID, start, end)
	if n, ok := c.at[key]; ok {
		return n
	}
	if c.at == nil {
		c.at = map[string]int{}
	}
	n := len(c.sources) + 1
	c.at[key] = n
	c.sources = append(c.sources, answer.Source{
		N: n, DocID: doc.ID, Title: doc.Title, Source: doc.Source, Byline: doc.Byline, URL: doc.URL,
		Date: doc.Date(), Paragraph: doc.ParagraphAt(start), Quote: doc.Text[start:end], Passage: passage,
	})
	return n
}

// sentence is one sentence of a retrieved document.
type sentence struct {
	doc        *corpus.Document
	start, end int
	prev       string // the sentence before, in the same paragraph
	passage    string
	rank       int // the rank of the hit it came from
}

func (s sentence) text() string { return s.doc.Text[s.start:s.end] }

// furniture reports whether the sentence is page furniture, or a line of a
// paragraph that is (a product box's blurb).
func (s sentence) furniture() bool {
	return furniture(s.text()) || furnitureParagraph(s.doc.Paragraph(s.doc.ParagraphAt(s.start)))
}

// sentencesOf returns the sentences of the retrieved passages, each once,
// in rank order.
func sentencesOf(res *retrieval.Results) []sentence {
	var out []sentence
	seen := map[string]bool{}
	for rank, h := range res.Hits {
		doc := h.Doc
		if doc == nil || h.Chunk == nil || h.Chunk.End > len(doc.Text) {
			continue
		}
		chunk := doc.Text[h.Chunk.Start:h.Chunk.End]
		prev := ""
		for _, sp := range text.Sentences(chunk) {
			start, end := h.Chunk.Start+sp.Start, h.Chunk.Start+sp.End
			key := fmt.Sprintf("%s@%d", doc.ID, start)
			if !seen[key] {
				seen[key] = true
				out = append(out, sentence{doc: doc, start: start, end: end, prev: prev, passage: h.Chunk.Text, rank: rank})
			}
			prev = doc.Text[start:end]
			if strings.Contains(chunk[sp.End:min(len(chunk), sp.End+2)], "\n") {
				prev = ""
			}
		}
	}
	return out
}

// weights are the IDF weights of a text's terms, each once.
type weights map[string]float64

func weigh(ix *retrieval.Index, s string) weights {
	w := weights{}
	// text.Terms folds irregular forms: "laid off" in a claim meets
	// "laying off" in a document.
	for _, t := range text.Terms(s) {
		if ix != nil {
			w[t] = ix.IDF(t)
		} else {
			w[t] = 1
		}
	}
	return w
}

func (w weights) total() float64 {
	s := 0.0
	for _, v := range w {
		s += v
	}
	return s
}

// round9 is a share rounded to nine places, at most 1: the same whatever
// order its sum was taken in, so that a threshold set at a measure admits
// what it measured.
func round9(x float64) float64 { return min(1, math.Round(x*1e9)/1e9) }

// coverage is the share of w's weight whose terms s holds.
func (w weights) coverage(s string) float64 {
	tot := w.total()
	if tot == 0 {
		return 0
	}
	have := map[string]bool{}
	for _, t := range text.Terms(s) {
		have[t] = true
	}
	got := 0.0
	for t, v := range w {
		if have[t] {
			got += v
		}
	}
	return round9(got / tot)
}
