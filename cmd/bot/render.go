package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/corpus"
)

// renderAnswer writes an answer for a terminal or a pipe: the answer, then
// its sources with title, outlet, date, paragraph and the quoted passage.
func renderAnswer(w io.Writer, a *answer.Answer) {
	if a.Kind == answer.NotFound {
		fmt.Fprintln(w, a.Text())
		return
	}
	if a.Label != "" {
		fmt.Fprintf(w, "%s:\n\n", a.Label)
	}
	if c := a.Caveat(); c != "" {
		fmt.Fprintf(w, "%s\n\n", wrap(c, 78, ""))
	}
	if a.Kind == answer.Generated {
		fmt.Fprintf(w, "%s\n", wrap(a.Text(), 78, ""))
	} else {
		if a.Short != nil {
			fmt.Fprintf(w, "%s\n\n", a.Short)
		}
		for _, s := range a.Sentences {
			fmt.Fprintf(w, "  %s%s\n", s.Text, marks(s))
		}
	}
	if len(a.Sources) > 0 {
		fmt.Fprintln(w, "\nSources:")
	}
	if a.Kind == answer.Generated {
		for _, s := range a.Sources {
			fmt.Fprintf(w, "[%d] %s\n", s.N, sourceLine(s))
			// Under a model's answer, the excerpt the claim rests on.
			fmt.Fprintf(w, "    %s\n", wrap(strings.Join(strings.Fields(s.Quote), " "), 76, "    "))
		}
	} else {
		// An extractive answer's quotes are above: one line per document.
		for _, c := range a.Documents() {
			fmt.Fprintf(w, "%s %s\n", c.Marks(), documentLine(c))
		}
	}
	for _, warn := range a.Warnings {
		fmt.Fprintf(w, "\nNote: %s\n", warn)
	}
}

func marks(s answer.Sentence) string {
	var m strings.Builder
	for _, n := range s.Cites {
		fmt.Fprintf(&m, " [%d]", n)
	}
	return m.String()
}

// sourceLine describes where a citation comes from.
func sourceLine(s answer.Source) string {
	return describeSource(s, fmt.Sprintf("%q", s.Title), fmt.Sprintf("paragraph %d", s.Paragraph))
}

// documentLine describes a cited document once, with the places cited:
// its title shortened, outlet, date, "paragraphs 3, 5", file and link.
func documentLine(c answer.Cited) string {
	return describeSource(c.Source, fmt.Sprintf("%q", c.ShortTitle(80)), c.Where())
}

// describeSource joins a source's title, outlet, date, place, file and link.
func describeSource(s answer.Source, title, where string) string {
	parts := []string{title}
	who := s.Source
	switch {
	case s.Source == "":
		who = s.Byline
	case s.Byline != "" && s.Byline != s.Source:
		who = s.Source + " (" + s.Byline + ")"
	}
	if who != "" {
		parts = append(parts, who)
	}
	if s.Date != "" {
		parts = append(parts, s.Date)
	}
	parts = append(parts, where, corpus.DisplayName(s.DocID))
	if s.URL != "" {
		parts = append(parts, s.URL)
	}
	return strings.Join(parts, ", ")
}

// wrap breaks text into lines of at most width runes, indenting the
// continuation lines.
func wrap(text string, width int, indent string) string {
	var b strings.Builder
	n := 0
	for i, word := range strings.Fields(text) {
		l := len([]rune(word))
		if i > 0 && n+1+l > width {
			b.WriteString("\n" + indent)
			n = 0
		} else if i > 0 {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(word)
		n += l
	}
	return b.String()
}
