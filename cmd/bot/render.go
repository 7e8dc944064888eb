package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/corpus"
)

// displayWriter cleans what is written to it for a terminal
// (corpus.DisplayText: no control or bidirectional characters, newlines
// and tabs aside). Text from documents and models goes through it when
// shown; what is stored and checked keeps every character. Each Write
// must hold whole characters, as each fmt.Fprint call's does.
type displayWriter struct{ w io.Writer }

// Write writes p cleaned; it reports len(p) written when all of it was.
func (d displayWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(d.w, corpus.DisplayText(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// renderAnswer writes an answer for a terminal or a pipe: the answer, then
// its sources with title, outlet, date, paragraph and the quoted passage.
// Everything from documents and models is cleaned for the terminal.
func renderAnswer(w io.Writer, a *answer.Answer) {
	w = displayWriter{w}
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
	return describeSource(s, fmt.Sprintf("%q", corpus.DisplayLine(s.Title)), fmt.Sprintf("paragraph %d", s.Paragraph))
}

// documentLine describes a cited document once, with the places cited:
// its title shortened, outlet, date, "paragraphs 3, 5", file and link.
func documentLine(c answer.Cited) string {
	return describeSource(c.Source, fmt.Sprintf("%q", corpus.DisplayLine(c.ShortTitle(80))), c.Where())
}

// describeSource joins a source's title, outlet, date, place, file and link.
// Each field is one line: a newline in a document's metadata cannot start
// a line of its own.
func describeSource(s answer.Source, title, where string) string {
	parts := []string{title}
	source, byline := corpus.DisplayLine(s.Source), corpus.DisplayLine(s.Byline)
	who := source
	switch {
	case source == "":
		who = byline
	case byline != "" && byline != source:
		who = source + " (" + byline + ")"
	}
	if who != "" {
		parts = append(parts, who)
	}
	if s.Date != "" {
		parts = append(parts, corpus.DisplayLine(s.Date))
	}
	parts = append(parts, where, corpus.DisplayName(s.DocID))
	if s.URL != "" {
		parts = append(parts, corpus.DisplayLine(s.URL))
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
