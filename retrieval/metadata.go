package retrieval

import (
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
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
		i := indexWordFrom(s, name, off)
		if i < 0 {
			return out
		}
		out = append(out, i)
		off = i + len(name)
	}
}

// ContainsWord reports whether word occurs in s at word boundaries (not
// inside a longer word of letters and digits).
func ContainsWord(s, word string) bool { return indexWord(s, word) >= 0 }

// indexWord finds name in s at word boundaries, or returns -1.
func indexWord(s, name string) int { return indexWordFrom(s, name, 0) }

// indexWordFrom finds name in s[from:] at word boundaries (judged in all of
// s), or returns -1.
func indexWordFrom(s, name string, from int) int {
	if name == "" {
		return -1
	}
	for off := from; ; {
		i := strings.Index(s[off:], name)
		if i < 0 {
			return -1
		}
		i += off
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(name):])
		if !isWordChar(before) && !isWordChar(after) {
			return i
		}
		off = i + 1
	}
}

func isWordChar(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

const monthNames = `January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec`

// Dates as questions write them: "October 7, 2023", "7 October 2023" and
// "2023-10-07".
var (
	monthDayYearRE = regexp.MustCompile(`\b(` + monthNames + `)\.? (\d{1,2}),? (\d{4})\b`)
	dayMonthYearRE = regexp.MustCompile(`\b(\d{1,2}) (` + monthNames + `)\.?,? (\d{4})\b`)
	isoDateRE      = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)
)

// namedDates returns the calendar dates written in query, in order.
func namedDates(query string) []time.Time {
	type dated struct {
		at int
		t  time.Time
	}
	var found []dated
	add := func(at int, layout, value string) {
		if t, err := time.Parse(layout, value); err == nil {
			found = append(found, dated{at, t})
		}
	}
	month := func(m string) string { return m[:3] }
	for _, m := range monthDayYearRE.FindAllStringSubmatchIndex(query, -1) {
		g := func(i int) string { return query[m[2*i]:m[2*i+1]] }
		add(m[0], "Jan 2 2006", month(g(1))+" "+g(2)+" "+g(3))
	}
	for _, m := range dayMonthYearRE.FindAllStringSubmatchIndex(query, -1) {
		g := func(i int) string { return query[m[2*i]:m[2*i+1]] }
		add(m[0], "Jan 2 2006", month(g(2))+" "+g(1)+" "+g(3))
	}
	for _, m := range isoDateRE.FindAllStringIndex(query, -1) {
		add(m[0], "2006-01-02", query[m[0]:m[1]])
	}
	slices.SortStableFunc(found, func(a, b dated) int { return a.at - b.at })
	out := make([]time.Time, len(found))
	for i, d := range found {
		out[i] = d.t
	}
	return out
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
		if first, _, _ := strings.Cut(name, " "); name == "" || calendarWords[strings.ToLower(first)] {
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

var calendarWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`january february march april may june july august september october november december
		jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
		today yesterday last earlier`) {
		calendarWords[w] = true
	}
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
