package retrieval

import (
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/newsroom/askbot/text"
)

// mention is a place where a question names an outlet of the corpus.
type mention struct {
	source     string // the outlet's name in the corpus
	start, end int    // the bytes of the name in the question
}

// mentions returns every place query names an outlet of the corpus, in
// order. Names match as written (case and all), on word boundaries, so "The
// Age" matches the outlet and "age" does not; "the Verge" and "Verge" match
// "The Verge". Where names overlap the longer wins ("CNBC" inside "CNBC |
// World …").
func (ix *Index) mentions(query string) []mention {
	var found []mention
	for name := range ix.sources {
		forms := []string{name}
		if short, ok := strings.CutPrefix(name, "The "); ok && len(short) >= 3 {
			forms = append(forms, short)
		}
		for _, form := range forms {
			for _, at := range indexWords(query, form) {
				found = append(found, mention{name, at, at + len(form)})
			}
		}
	}
	slices.SortFunc(found, func(a, b mention) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return (b.end - b.start) - (a.end - a.start)
	})
	var out []mention
	end := -1
	for _, m := range found {
		if m.start < end {
			continue
		}
		out = append(out, m)
		end = m.end
	}
	return out
}

// namedSources returns the outlets of the corpus that query names, in the
// order it first names them.
func (ix *Index) namedSources(query string) []string { return sourcesOf(ix.mentions(query)) }

// sourcesOf returns the outlets of mentions, each once, in order.
func sourcesOf(ms []mention) []string {
	var names []string
	for _, m := range ms {
		if !slices.Contains(names, m.source) {
			names = append(names, m.source)
		}
	}
	return names
}

// indexWords returns where name occurs in s at word boundaries.
func indexWords(s, name string) []int {
	var out []int
	for off := 0; ; {
		i := text.IndexWord(s, name, off)
		if i < 0 {
			return out
		}
		out = append(out, i)
		off = i + len(name)
	}
}

// sameDay reports whether t falls on day (UTC).
func sameDay(t, day time.Time) bool {
	y1, m1, d1 := t.UTC().Date()
	y2, m2, d2 := day.Date()
	return y1 == y2 && m1 == m2 && d1 == d2
}

// clauses returns, for each mention, the words around it: from the end of
// the previous mention to the start of the next one. Questions say both "as
// reported by X, …" and "… according to X", so the words on both sides
// describe X's article.
func clauses(query string, ms []mention) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		from, to := 0, len(query)
		if i > 0 {
			from = ms[i-1].end
		}
		if i+1 < len(ms) {
			to = ms[i+1].start
		}
		out[i] = query[from:m.start] + " " + query[m.end:to]
	}
	return out
}

// questionParts splits a question into the parts it strings together: at
// commas, semicolons and question marks, and at " and " and " while ".
func questionParts(q string) []string {
	var parts []string
	for _, p := range strings.FieldsFunc(q, func(r rune) bool { return r == ',' || r == ';' || r == '?' }) {
		for _, clause := range strings.Split(p, " while ") {
			parts = append(parts, strings.Split(clause, " and ")...)
		}
	}
	return parts
}

// outletRefRE finds the outlets a question attributes reporting to: "an
// article from X", "a report by X", "as reported by X". ("according to X"
// is left out: X is as often a person.)
// X is a run of capitalised words (with "of", "and", "&" inside).
var outletRefRE = regexp.MustCompile(`(?:(?:article|articles|report|reports|piece|story|analysis|review|coverage|interview|editorial|column|podcast)\s+(?:from|by|in|published by|published in)|reported by|published by|published in)\s+(?:an?\s+(?:article|report|piece)\s+(?:from|by|in)\s+)?((?:the\s+|The\s+)?'?[A-Z][\w.&'’-]*(?:\s+(?:of|and|&|[A-Z][\w.&'’-]*))*)`)

// outletBeforeRE finds outlets named before the kind of piece: "a
// Bloomberg article", "a Wall Street Journal report", "BBC News's coverage".
var outletBeforeRE = regexp.MustCompile(`\b(?:[Aa]n?|[Tt]he|from|in|by)\s+((?:[A-Z][\w.&-]*\s+){0,5}[A-Z][\w.&-]*?)(?:'s|’s)?\s+(?:article|articles|report|reports|piece|story|analysis|review|coverage|interview|editorial|column|podcast|feature)\b`)

// outletVerbRE finds an outlet as the subject of reporting: "What did
// Reuters report on …", "Has Bloomberg covered …".
var outletVerbRE = regexp.MustCompile(`\b(?:did|does|do|has|have|had)\s+((?:[Tt]he\s+)?[A-Z][\w.&'’-]*(?:\s+(?:of|&|[A-Z][\w.&'’-]*))*)\s+(?:report|write|publish|cover|reveal)\b`)

// unknownOutlets returns the outlets the question attributes reporting to
// that are neither outlets of the corpus nor named in the retrieved
// passages (the documents cannot hold their articles), and apart those
// that are not outlets of the corpus but that the passages name ("safety
// experts quoted by Reuters"): only such sentences can say what they
// reported.
func (ix *Index) unknownOutlets(query string, hits []Hit) (unknown, viaPassages []string) {
	refs := append(outletRefRE.FindAllStringSubmatch(query, -1), outletBeforeRE.FindAllStringSubmatch(query, -1)...)
	refs = append(refs, outletVerbRE.FindAllStringSubmatch(query, -1)...)
	for _, m := range refs {
		name := m[1]
		for _, cut := range []string{" and", " of", " &"} {
			name = strings.TrimSuffix(name, cut)
		}
		name = strings.Trim(name, "'’ ")
		if first, _, _ := strings.Cut(name, " "); name == "" || text.IsCalendarWord(strings.ToLower(first)) {
			continue // "an article from November 9" names a date, not an outlet
		}
		if ix.isOutlet(name) || slices.Contains(unknown, name) || slices.Contains(viaPassages, name) {
			continue
		}
		if mentioned(name, hits) {
			viaPassages = append(viaPassages, name)
			continue
		}
		unknown = append(unknown, name)
	}
	return unknown, viaPassages
}

// mentioned reports whether a passage names the outlet ("a report by Yahoo
// News" inside an article of another outlet).
func mentioned(name string, hits []Hit) bool {
	n := strings.ToLower(strings.TrimPrefix(name, "The "))
	for _, h := range hits {
		if strings.Contains(strings.ToLower(h.Chunk.Text), n) {
			return true
		}
	}
	return false
}

// isOutlet reports whether name is, or is part of, an outlet of the corpus
// ("CNBC" for "Cnbc | World Business News Leader"), ignoring case and "The".
func (ix *Index) isOutlet(name string) bool {
	n := strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(name, "the "), "The "))
	if len(n) < 2 {
		return true // too short to judge
	}
	for src := range ix.sources {
		s := strings.ToLower(strings.TrimPrefix(src, "The "))
		if s == n || strings.HasPrefix(s, n+" ") || strings.HasPrefix(n, s+" ") || strings.Contains(s, n) {
			return true
		}
	}
	return false
}
