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
