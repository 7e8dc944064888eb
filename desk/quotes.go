package desk

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/text"
)

// Quotation is a direct quotation in a document and who said it.
type Quotation struct {
	Doc *corpus.Document
	// Start and End are the quoted words' byte offsets in Doc.Text,
	// without the quotation marks.
	Start, End int
	// Speaker is the speaker's fullest name in the document ("Jensen
	// Huang" for "Huang"); Pronoun is set when a "he said" was resolved
	// to the nearest named speaker before it.
	Speaker string
	Pronoun bool
}

// Text is the quotation, verbatim.
func (q Quotation) Text() string { return q.Doc.Text[q.Start:q.End] }

const (
	nameWord = `[A-Z][\p{L}'’.-]*`
	name     = nameWord + `(?:\s+` + nameWord + `){0,4}`
	// a speaker: a name or a pronoun, with an optional apposition (", the
	// chief executive of Acme,")
	speakerRE = `(` + name + `|[Hh]e|[Ss]he)(?:,\s[^,“”"]{1,90},)?`
	verbs     = `said|says|added|adds|told\s[^:,“”"]{1,60}|wrote|writes|explained|noted|continued|argued|asked|stated|recalled|insisted|warned|declared|posted`
)

var (
	// after a quotation: `,” Altman said`, `,” said Tom Reyes`
	afterRE = regexp.MustCompile(`^[,.!?]?[”"]?\s*(?:` + speakerRE + `\s+(?:` + verbs + `)\b|(?:said|says|added|wrote)\s+(` + name + `))`)
	// before a quotation: `Smith told Reuters: “`, `according to X, “`,
	// `Altman wrote that he “`
	beforeRE    = regexp.MustCompile(`(?:` + speakerRE + `\s+(?:` + verbs + `)(?:[:,]|\s(?:that\s)?[^“”"A-Z:;]{0,60})?|[Aa]ccording\sto\s(` + name + `),?)\s*$`)
	quoteSpanRE = regexp.MustCompile(`“([^“”]{8,}?)”|"([^"]{8,}?)"`)
	fullNameRE  = regexp.MustCompile(`\b[A-Z][\p{Ll}'’-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\p{Ll}'’-]+){1,2}\b`)
)

// notPeople are capitalised words that start a sentence or name an
// organisation rather than a person speaking.
var notPeople = map[string]bool{"The": true, "A": true, "An": true, "It": true, "This": true, "That": true, "But": true, "And": true, "In": true, "We": true, "I": true, "They": true, "You": true}

// Quotations finds the direct quotations of a document and their speakers:
// “…,” Altman said; Smith told Reuters: “…”; according to X, “…”; a
// quotation running on into the next paragraph; "he said" given to the
// nearest named speaker before it. Quotations with no speaker found are
// left out.
func Quotations(doc *corpus.Document) []Quotation {
	full := fullNames(doc.Text)
	var out []Quotation
	last := ""            // the last named speaker
	quotedBefore := false // the paragraph before held a quotation
	for _, p := range doc.Paragraphs {
		para := doc.Text[p.Start:p.End]
		spans := quoteSpanRE.FindAllStringSubmatchIndex(para, -1)
		prevSpeaker := ""
		runsOn := quotedBefore
		quotedBefore = len(spans) > 0
		for i, m := range spans {
			qs, qe := m[2], m[3]
			if qs < 0 {
				qs, qe = m[4], m[5]
			}
			var who string
			// After the closing mark, up to the next quotation.
			tailEnd := len(para)
			if i+1 < len(spans) {
				tailEnd = spans[i+1][0]
			}
			if a := afterRE.FindStringSubmatch(para[m[1]:tailEnd]); a != nil {
				who = a[1]
				if who == "" {
					who = a[2]
				}
			}
			if who == "" {
				headStart := 0
				if i > 0 {
					headStart = spans[i-1][1]
				}
				if b := beforeRE.FindStringSubmatch(para[headStart:m[0]]); b != nil {
					who = b[1]
					if who == "" {
						who = b[2]
					}
				}
			}
			pronoun := false
			switch {
			case who == "" && prevSpeaker != "":
				who = prevSpeaker // a quotation continuing in the same paragraph
			case who == "" && i == 0 && runsOn && strings.TrimSpace(para[:m[0]]) == "" && last != "":
				// A paragraph that opens with a quotation and names no
				// one: the last speaker, running on.
				who, pronoun = last, true
			case strings.EqualFold(who, "he") || strings.EqualFold(who, "she"):
				who, pronoun = last, true
			}
			who = cleanName(who)
			if who == "" {
				continue
			}
			who = fullest(who, full)
			if !pronoun {
				last = who
			}
			prevSpeaker = who
			text := strings.TrimRight(para[qs:qe], ", ")
			out = append(out, Quotation{Doc: doc, Start: p.Start + qs, End: p.Start + qs + len(text), Speaker: who, Pronoun: pronoun})
		}
	}
	return out
}

// cleanName keeps the person's name of a speaker phrase: "Nvidia CEO
// Jensen Huang" gives "Jensen Huang"; "The" and the like give "".
func cleanName(s string) string {
	words := strings.Fields(s)
	// drop a title or organisation written before the name: after the
	// last all-capitals word ("CEO") or role ("Chief Executive"), keep at
	// most three words
	for i := len(words) - 1; i >= 0; i-- {
		w := strings.Trim(words[i], ".")
		if len(w) > 1 && strings.ToUpper(w) == w && !strings.Contains(w, ".") || text.IsRole(w) {
			words = words[i+1:]
			break
		}
	}
	for len(words) > 0 && (notPeople[words[0]] || text.IsStopWord(strings.ToLower(words[0]))) {
		words = words[1:]
	}
	if len(words) > 3 {
		words = words[len(words)-3:]
	}
	if len(words) == 0 {
		return ""
	}
	return strings.Join(words, " ")
}

// fullNames maps each surname of a document's two- or three-word names to
// the fullest name ending in it.
func fullNames(s string) map[string]string {
	m := map[string]string{}
	for _, n := range fullNameRE.FindAllString(s, -1) {
		ws := strings.Fields(n)
		for len(ws) > 0 && (notPeople[ws[0]] || text.IsStopWord(strings.ToLower(ws[0]))) {
			ws = ws[1:]
		}
		if len(ws) < 2 {
			continue
		}
		n = strings.Join(ws, " ")
		last := ws[len(ws)-1]
		if len(n) > len(m[last]) {
			m[last] = n
		}
	}
	return m
}

// fullest is the fullest form in the document of a speaker's name.
func fullest(who string, full map[string]string) string {
	ws := strings.Fields(who)
	if f, ok := full[ws[len(ws)-1]]; ok && len(f) > len(who) && strings.HasSuffix(f, who) {
		return f
	}
	return who
}

// SameName reports whether a speaker's name is the person asked about:
// the surnames are equal, and so are the first names when both are given
// ("Altman" is "Sam Altman"; "Sam Altman" is not "Jack Altman").
func SameName(speaker, asked string) bool {
	s, a := nameTokens(speaker), nameTokens(asked)
	if len(s) == 0 || len(a) == 0 || s[len(s)-1] != a[len(a)-1] {
		return false
	}
	if len(s) > 1 && len(a) > 1 && s[0] != a[0] {
		return false
	}
	return true
}

func nameTokens(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }) {
		if len(w) > 1 && w != "jr" && w != "sr" {
			out = append(out, w)
		}
	}
	return out
}

const quotePassages = 30

// Quotes finds what name said (about topic, when given) in the documents
// req may see: the direct quotations attributed to them, one line per
// quotation, oldest first, dated and cited. Computed at query time over
// the documents of the passages retrieved for the name and topic.
func (d *Desk) Quotes(ctx context.Context, req answer.Request, name, topic string) (*Result, error) {
	start := time.Now()
	name, topic = strings.TrimSpace(name), strings.TrimSpace(topic)
	opts := d.Engine.Search
	opts.K = d.k(quotePassages)
	opts.MaxPerDoc = 2
	opts.AllowMissingNames = true
	res, ix, err := d.Engine.Retrieve(ctx, req, strings.TrimSpace(name+" "+topic), opts)
	if err != nil {
		return nil, err
	}
	tw := weigh(ix, topic)
	type found struct {
		Quotation
		when  time.Time
		topic float64
	}
	var fs []found
	seenDoc := map[string]bool{}
	seenText := map[string]bool{}
	for _, h := range res.Hits {
		if h.Doc == nil || seenDoc[h.Doc.ID] {
			continue
		}
		seenDoc[h.Doc.ID] = true
		for _, q := range Quotations(h.Doc) {
			if !SameName(q.Speaker, name) {
				continue
			}
			k := answer.NormalizeQuote(strings.ToLower(q.Text()))
			if seenText[k] {
				continue
			}
			f := found{Quotation: q}
			if topic != "" {
				// the topic words in the quotation or its paragraph
				para := h.Doc.Paragraph(h.Doc.ParagraphAt(q.Start))
				if f.topic = tw.coverage(para); f.topic == 0 {
					continue
				}
			}
			seenText[k] = true
			f.when, _ = h.Doc.PublishedTime()
			fs = append(fs, f)
		}
	}
	slices.SortStableFunc(fs, func(a, b found) int { return a.when.Compare(b.when) })
	r := &Result{Query: strings.TrimSpace(name + " " + topic)}
	var c citer
	speaker := name
	for _, f := range fs {
		n := c.cite(f.Doc, f.Start, f.End, "")
		r.Lines = append(r.Lines, Line{Date: f.Doc.Date(), Speaker: f.Speaker, Text: f.Text(), Cites: []int{n}, when: f.when})
		if len(f.Speaker) > len(speaker) {
			speaker = f.Speaker
		}
	}
	r.Sources = c.sources
	about := ""
	if topic != "" {
		about = " about “" + topic + "”"
	}
	if len(r.Lines) == 0 {
		r.Headline = fmt.Sprintf("No quotations of %s%s found in the documents", name, about)
	} else {
		r.Headline = fmt.Sprintf("What %s said%s (%d quotation%s, oldest first)", speaker, about, len(r.Lines), map[bool]string{true: "", false: "s"}[len(r.Lines) == 1])
	}
	r.Took = time.Since(start)
	return r, nil
}
