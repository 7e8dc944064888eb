package answer

import (
	"fmt"
	"slices"
	"strings"
)

// Cited is one document an answer cites: its description (title, outlet,
// date, link) once, with every citation number and paragraph that points
// into it.
type Cited struct {
	Source
	// Ns are the citation numbers, ascending.
	Ns []int
	// Paragraphs are the cited paragraphs, ascending; 0 is the headline.
	Paragraphs []int
}

// Documents groups the answer's sources by document, in order of first
// citation: the sources list shows one line per document.
func (a *Answer) Documents() []Cited {
	var out []Cited
	at := map[string]int{}
	for _, s := range a.Sources {
		i, ok := at[s.DocID]
		if !ok {
			i = len(out)
			at[s.DocID] = i
			out = append(out, Cited{Source: s})
		}
		c := &out[i]
		c.Ns = append(c.Ns, s.N)
		if !slices.Contains(c.Paragraphs, s.Paragraph) {
			c.Paragraphs = append(c.Paragraphs, s.Paragraph)
		}
	}
	for i := range out {
		slices.Sort(out[i].Paragraphs)
	}
	return out
}

// Marks renders the citation numbers: "[1]", "[1, 3]".
func (c Cited) Marks() string {
	ns := make([]string, len(c.Ns))
	for i, n := range c.Ns {
		ns[i] = fmt.Sprint(n)
	}
	return "[" + strings.Join(ns, ", ") + "]"
}

// Where renders the cited places: "headline", "paragraph 3",
// "headline, paragraphs 3, 5".
func (c Cited) Where() string {
	var parts []string
	var paras []string
	for _, p := range c.Paragraphs {
		if p == 0 {
			parts = append(parts, "headline")
			continue
		}
		paras = append(paras, fmt.Sprint(p))
	}
	switch len(paras) {
	case 0:
	case 1:
		parts = append(parts, "paragraph "+paras[0])
	default:
		parts = append(parts, "paragraphs "+strings.Join(paras, ", "))
	}
	return strings.Join(parts, ", ")
}

// ShortTitle is the title cut at a word to at most n characters, with "…".
func (c Cited) ShortTitle(n int) string {
	r := []rune(strings.Join(strings.Fields(c.Title), " "))
	if len(r) <= n {
		return string(r)
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:-–—") + "…"
}

// Detached returns a copy of the answer that holds nothing of the corpus:
// every string copied, Results dropped. A caller that keeps an answer
// after the question (the Slack bot, for the buttons under it) keeps this
// copy, so that the index the answer came from, and the saved files its
// text is read from, can be let go of once a reload replaces them (see
// retrieval/memory's mapping). Rendering it gives what rendering a gives.
func (a *Answer) Detached() *Answer {
	if a == nil {
		return nil
	}
	c := *a
	c.Results = nil
	strs := func(xs []string) []string {
		if xs == nil {
			return nil
		}
		out := make([]string, len(xs))
		for i, x := range xs {
			out[i] = strings.Clone(x)
		}
		return out
	}
	c.Question, c.Label, c.Lacks = strings.Clone(a.Question), strings.Clone(a.Label), strings.Clone(a.Lacks)
	c.Kind = Kind(strings.Clone(string(a.Kind)))
	c.Model, c.FallbackReason = strings.Clone(a.Model), strings.Clone(a.FallbackReason)
	c.Unmentioned, c.Missing, c.Unknown = strs(a.Unmentioned), strs(a.Missing), strs(a.Unknown)
	c.Mentions, c.Warnings = strs(a.Mentions), strs(a.Warnings)
	if a.Short != nil {
		c.Short = &Short{Text: strings.Clone(a.Short.Text), Cites: slices.Clone(a.Short.Cites)}
	}
	if a.Sentences != nil {
		c.Sentences = make([]Sentence, len(a.Sentences))
		for i, s := range a.Sentences {
			c.Sentences[i] = Sentence{Text: strings.Clone(s.Text), Cites: slices.Clone(s.Cites), Unsupported: s.Unsupported}
		}
	}
	if a.Sources != nil {
		c.Sources = make([]Source, len(a.Sources))
		for i, s := range a.Sources {
			c.Sources[i] = Source{N: s.N, DocID: strings.Clone(s.DocID), Title: strings.Clone(s.Title), Source: strings.Clone(s.Source),
				Byline: strings.Clone(s.Byline), URL: strings.Clone(s.URL), Date: strings.Clone(s.Date), Paragraph: s.Paragraph,
				Quote: strings.Clone(s.Quote), Passage: strings.Clone(s.Passage)}
		}
	}
	return &c
}
