package desk

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

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

// The attribution verbs (text.SayingVerbs): a quotation's speaker is the
// subject of one of them in the clause around the quotation.
var verbs = strings.Join(text.SayingVerbs(), "|")

// The verbs written before the speaker (text.InvertingSayingVerbs: "said
// Podzuweit", "Added Kooker:"), and capitalised, opening a sentence.
var (
	inverting      = strings.Join(text.InvertingSayingVerbs(), "|")
	invertingFirst = capitalisedAlternation(text.InvertingSayingVerbs())
)

// capitalisedAlternation is the words, capitalised, as a regular
// expression's alternation.
func capitalisedAlternation(ws []string) string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(out, "|")
}

var (
	// after a quotation: `,” Altman said`, `,” U.S. Attorney General
	// Merrick Garland said in a statement`, `,” she said`
	afterSubjectRE = regexp.MustCompile(`^[,.!?]?[”"]?,?\s+((?:[^“”"\n.;:!?]|\b\p{Lu}\.)[^“”"\n.;:!?]{0,80}?(?:\b\p{Lu}\.[^“”"\n.;:!?]{0,60}?)*)\s+(?:` + verbs + `)\b`)
	// after a quotation, the verb first: `,” said Toffees boss Sean Dyche.`
	afterVerbRE = regexp.MustCompile(`^[,.!?]?[”"]?,?\s+(?:` + inverting + `)\s+([^“”"\n;:!?]{1,80}?)(?:[.,;:!?]\s|[.,;:!?]?$)`)
	// a sign-off after a quotation: `” Dennis Kooker, Sony Music`, `” —
	// Ilya Sutskever`
	signOffRE = regexp.MustCompile(`^[,.!?]?[”"]?\s*(?:[—–-]\s*)?(\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}'’-]+){1,2})(?:,[^“”"\n]{0,60})?$`)
	// before a quotation: `Smith told Reuters: “`, `Zhao told Binance
	// employees it was “`, `in a post on X, saying “`
	beforeVerbRE = regexp.MustCompile(`\b(?:` + verbs + `)\b`)
	// before a quotation, the verb first: `Added Kooker: “`
	verbFirstRE = regexp.MustCompile(`(?:^|[.!?]\s+)(?:` + invertingFirst + `)\s+([^“”"\n,:;]{2,60}?)[:,]\s*$`)
	// `according to X, “`
	accordingRE = regexp.MustCompile(`[Aa]ccording\s+to\s+([^“”"\n,;:]{2,60}?),?\s*$`)
	// a "sentence" that ends in an abbreviation: "U.S.", "(D-Mass.)"
	abbrevEndRE = regexp.MustCompile(`(?:\b\p{Lu}\.|\.\))$`)
	// "…, said Podzuweit."
	saidNameRE = regexp.MustCompile(`\b(?:` + inverting + `)\s+(\p{Lu}[^“”"\n,;:!?]{1,60}?)(?:,[^“”"\n]{0,80})?[.,;:!?]?\s*$`)
	// a quotation: three words or more ("fair use" is a scare quote)
	// any quoted words, a title ("Blank Space") too: never a speaker
	anyQuoteRE  = regexp.MustCompile(`“[^“”]*”|"[^"\n]*"`)
	quoteSpanRE = regexp.MustCompile(`“([^“”\s]+\s+[^“”\s]+\s[^“”]*?)”|"([^"\s]+\s+[^"\s]+\s[^"]*?)"`)
	pronounRE   = regexp.MustCompile(`^(?:[Hh]e|[Ss]he)$`)
)

// notPeople are capitalised words that start a sentence or name an
// organisation rather than a person speaking.
var notPeople = map[string]bool{"The": true, "A": true, "An": true, "It": true, "This": true, "That": true, "But": true, "And": true, "In": true, "We": true, "I": true, "They": true, "You": true}

// attribution is how a quotation's speaker was found.
type attribution int

const (
	unattributed attribution = iota
	named                    // a name in the attribution clause
	byPronounOf              // "he said": the person the sentences before are about
	uncertain                // a clause that may give the words to someone else: left out
	continued                // an earlier quotation's speaker (same paragraph, or running on)
	nobody                   // a clause whose speaker is no person named ("the company said"): left out
)

// Quotations finds the direct quotations of a document and their
// speakers. The speaker is taken from the attribution clause around the
// quotation, never from a name merely nearby:
//   - after it: “…,” Altman said; “…,” said Toffees boss Sean Dyche; “…,”
//     U.S. Attorney General Merrick Garland said in a statement; a sign-off
//     (“…” Dennis Kooker, Sony Music);
//   - before it, in the same sentence: Smith told Reuters: “…”; Zhao told
//     employees it was “…”; Warren … in a post on X, saying “…”; Added
//     Kooker: “…”; according to X, “…” (the person nearest before the verb,
//     organisations and names inside quotation marks skipped);
//   - “he said”, “she continued”: the person the sentence before is about
//     (its first person named), within the paragraph or the one before;
//   - no clause: the speaker of the paragraph's earlier quotation, or of
//     the quotation the paragraph before left open (running on).
//
// A speaker is a person: a name of two or three words none of which makes
// it an organisation's (text.IsOrganisationWord: "Sony Music"), or one
// word that is the surname of a person the document names in full. A
// quotation whose clause gives it to no person ("…," the company said;
// said a spokesperson for Binance; Binance said) is an organisation's or
// an unnamed person's: it is left out, and the quotations after it are
// not given to the person quoted before it. A quotation whose speaker is
// not found so is left out.
func Quotations(doc *corpus.Document) []Quotation {
	c := &surround{full: fullNames(doc.Title, doc.Text, lowerWords(doc.Text))}
	var out []Quotation
	lastSpeaker := ""   // the speaker of the last quotation
	openBefore := false // the paragraph before ended inside a quotation
	for _, p := range doc.Paragraphs {
		para := doc.Text[p.Start:p.End]
		spans := quoteSpanRE.FindAllStringSubmatchIndex(para, -1)
		masked := maskQuotes(para, anyQuoteRE.FindAllStringIndex(para, -1))
		runsOn := openBefore
		openBefore = strings.Count(para, "“") > strings.Count(para, "”")
		paraSpeaker := ""
		byPronoun := map[string]string{}
		for i, m := range spans {
			qs, qe := m[2], m[3]
			if qs < 0 {
				qs, qe = m[4], m[5]
			}
			tailEnd := len(para)
			if i+1 < len(spans) {
				tailEnd = spans[i+1][0]
			}
			headStart := 0
			if i > 0 {
				headStart = spans[i-1][1]
			}
			// the quotation ends in a comma: the words after it are its
			// attribution clause (“…,” the company said)
			clause := strings.HasSuffix(strings.TrimSpace(para[qs:qe]), ",") || strings.HasPrefix(para[m[1]:tailEnd], ",")
			who, how, pron := c.attribute(para[m[1]:tailEnd], masked[headStart:m[0]], masked[:m[0]], clause)
			switch {
			case how == unattributed && paraSpeaker != "":
				who, how = paraSpeaker, continued
			case how == unattributed && i == 0 && runsOn && strings.TrimSpace(para[:m[0]]) == "":
				who, how = lastSpeaker, continued
			}
			if how == nobody {
				// the words are no person's; nor are those that follow
				// on from them
				paraSpeaker, lastSpeaker = "", ""
				continue
			}
			if who == "" || how == uncertain {
				continue
			}
			who = fullest(who, c.full)
			paraSpeaker, lastSpeaker = who, who
			if how == byPronounOf {
				byPronoun[pron] = who
			}
			text := strings.TrimRight(para[qs:qe], ", ")
			out = append(out, Quotation{Doc: doc, Start: p.Start + qs, End: p.Start + qs + len(text), Speaker: who, Pronoun: how == byPronounOf})
		}
		if len(spans) == 0 {
			lastSpeaker = ""
		}
		c.before = append([]string{masked}, c.before[:min(len(c.before), maxParasBack-1)]...)
		if len(spans) > 0 {
			c.byPronoun = byPronoun // kept over paragraphs without quotations
		}
	}
	return out
}

// passive are the auxiliaries before a verb that make its subject the
// one spoken to or of ("was told", "is said").
var passive = map[string]bool{"was": true, "were": true, "is": true, "are": true, "been": true, "being": true, "be": true, "get": true, "got": true}

// otherGender matches the pronouns of the other gender than the key's.
var otherGender = map[string]*regexp.Regexp{
	"he":  regexp.MustCompile(`(?i)\b(?:she|her|hers|herself)\b`),
	"she": regexp.MustCompile(`(?i)\b(?:he|him|his|himself)\b`),
}

// samePerson matches the forms of the key's pronoun: one before the
// name a sentence gives means the sentence is about someone named
// earlier.
var samePerson = map[string]*regexp.Regexp{
	"he":  regexp.MustCompile(`(?i)\b(?:he|him|his|himself)\b`),
	"she": regexp.MustCompile(`(?i)\b(?:she|her|hers|herself)\b`),
}

// maxClauseWords is the most words of an attribution clause's subject
// after a quotation that ends its sentence (“….” Binance said): longer,
// the words are a sentence of their own ("Zhao will remain a shareholder
// and said …").
const maxClauseWords = 4

// maxParasBack is how many paragraphs before a quotation "he said" looks
// in for the person it means.
const maxParasBack = 2

// surround is what attribution knows of the document around a quotation.
type surround struct {
	full map[string]string // surnames to full names
	// before are the paragraphs before the quotation's, nearest first,
	// quotations masked
	before []string
	// byPronoun are the speakers the last paragraph with quotations gave
	// a pronoun ("she said") to
	byPronoun map[string]string
}

// attribute finds a quotation's speaker from the text after it (tail, up
// to the next quotation) and the text before it in its paragraph
// (quotations masked; from the previous quotation: head, from the
// paragraph's start: upto); pron is the pronoun resolved, if one was.
// The words after it are its attribution clause when clause is set (the
// quotation ends in a comma), or when they are a short one (“…” Binance
// said): one that names no person gives it to nobody.
func (c *surround) attribute(tail, head, upto string, clause bool) (who string, how attribution, pron string) {
	if a := afterSubjectRE.FindStringSubmatch(tail); a != nil {
		phrase := strings.TrimSpace(a[1])
		if pronounRE.MatchString(phrase) {
			// “…,” she wrote: the person the clause before names
			// (Warren … saying “…”), else the one the sentences before
			// are about
			if who, how, _ := c.attributeBefore(head, upto); how == named {
				return who, how, ""
			}
			who, how := c.resolvePronoun(phrase, upto)
			return who, how, strings.ToLower(phrase)
		}
		if n := endingPerson(beforeComma(phrase), c.full); n != "" {
			return n, named, ""
		}
		if clause || len(strings.Fields(phrase)) <= maxClauseWords {
			return "", nobody, "" // "…," the company said
		}
	}
	if a := afterVerbRE.FindStringSubmatch(tail); a != nil {
		if n := endingPerson(beforeComma(a[1]), c.full); n != "" {
			return n, named, ""
		}
		if clause || len(strings.Fields(a[1])) <= maxClauseWords {
			return "", nobody, "" // "…," said a spokesperson for Binance
		}
	}
	if a := signOffRE.FindStringSubmatch(tail); a != nil {
		if n := lastPerson(a[1], c.full, true); n != "" && strings.Contains(n, " ") {
			return n, named, ""
		}
	}
	return c.attributeBefore(head, upto)
}

// endingPerson is the person a phrase ends with ("U.S. Attorney General
// Merrick Garland"), or "" when it ends otherwise ("while Kelce was
// waiting for an elevator"): an attribution clause names its speaker
// last, next to the verb.
func endingPerson(phrase string, full map[string]string) string {
	n := lastPerson(phrase, full, true)
	if n == "" {
		return ""
	}
	last := strings.Fields(n)
	end := strings.TrimRight(strings.TrimSpace(phrase), ".")
	end = strings.TrimSuffix(strings.TrimSuffix(end, "’s"), "'s")
	if !strings.HasSuffix(end, last[len(last)-1]) {
		return ""
	}
	return n
}

// attributeBefore finds a quotation's speaker in the clause before it
// (head: its paragraph from the previous quotation, masked).
func (c *surround) attributeBefore(head, upto string) (string, attribution, string) {
	full := c.full
	// Before: only the quotation's own sentence (a "sentence" of a few
	// words, "U.S.", "(D-Mass.)", is an abbreviation's full stop).
	cs := lastSentenceStart(head)
	for cs > 0 && abbrevEndRE.MatchString(strings.TrimSpace(head[:cs])) {
		cs = lastSentenceStart(head[:cs])
	}
	clause := head[cs:]
	if a := verbFirstRE.FindStringSubmatch(clause); a != nil {
		if n := lastPerson(a[1], full, true); n != "" {
			return n, named, ""
		}
	}
	if a := accordingRE.FindStringSubmatch(clause); a != nil {
		if n := lastPerson(a[1], full, true); n != "" {
			return n, named, ""
		}
	}
	locs := beforeVerbRE.FindAllStringIndex(clause, -1)
	if len(locs) == 0 {
		return "", unattributed, ""
	}
	v := locs[len(locs)-1]
	if len(clause)-v[1] > 80 {
		return "", unattributed, "" // the verb is too far from the quotation
	}
	subject := clause[:v[0]]
	if after := strings.TrimSpace(clause[v[1]:]); strings.HasSuffix(after, ".") && !abbrevEndRE.MatchString(after) {
		return "", unattributed, "" // the verb's sentence ended before the quotation
	}
	if len(people(clause[v[1]:], full)) > 0 {
		// "Smith said, adding that Tom Jones had called it “…”": the
		// words may be the other person's
		return "", uncertain, ""
	}
	if w := strings.Fields(subject); len(w) > 0 && passive[strings.ToLower(w[len(w)-1])] {
		return "", uncertain, "" // "Brockman was told that …": the listener
	}
	if w := strings.Fields(subject); len(w) > 0 && pronounRE.MatchString(w[len(w)-1]) {
		who, how := c.resolvePronoun(w[len(w)-1], upto[:len(upto)-len(clause)])
		return who, how, strings.ToLower(w[len(w)-1])
	}
	if n := lastPerson(subject, full, false); n != "" {
		return n, named, ""
	}
	return "", unattributed, ""
}

// resolvePronoun gives "he" or "she" (pron) the person the sentences
// before are about: going back sentence by sentence through before (the
// paragraph up to the quotation) and the paragraphs before, the first
// sentence naming a person (its speaker when it attributes something:
// "…, said Podzuweit"; else the first person it names) whose subject is
// not the same pronoun ("Speaking to Time, she said she met Kelce" is
// still about her; so is "Her husband Ashton Kutcher …") and that speaks of no one by the other pronoun ("…
// running into Kelce's arms before he whisked her away" names two
// people), page furniture skipped. Past the paragraph before, the
// speaker the last quotations gave the same pronoun to is it.
func (c *surround) resolvePronoun(pron, before string) (string, attribution) {
	pron = strings.ToLower(pron)
	for k, s := range append([]string{before}, c.before...) {
		sents := text.Sentences(s)
		for i := len(sents) - 1; i >= 0; i-- {
			sent := s[sents[i].Start:sents[i].End]
			if furniture(sent) {
				continue
			}
			if a := saidNameRE.FindStringSubmatch(sent); a != nil {
				if n := lastPerson(beforeComma(a[1]), c.full, true); n != "" {
					return n, byPronounOf
				}
			}
			n := firstPerson(sent, c.full)
			if n == "" || otherGender[pron].MatchString(sent) {
				continue // no one, or two people: not this sentence
			}
			if loc := samePerson[pron].FindStringIndex(sent); loc != nil && loc[0] < strings.Index(sent, strings.Fields(n)[0]) {
				continue // "she said she…", "Her husband …": about the one before
			}
			return n, byPronounOf
		}
		if k >= 1 && c.byPronoun[pron] != "" {
			return c.byPronoun[pron], byPronounOf
		}
	}
	return "", unattributed
}

// beforeComma is a phrase without its apposition: "Smith, the chief
// executive of Acme" gives "Smith".
func beforeComma(s string) string {
	i := strings.IndexAny(s, ",(")
	if i <= 0 {
		return s
	}
	if len(strings.Fields(s[:i])) == 1 && s[i] == ',' {
		// "Essentially, Apple": an opening word, not a name and its
		// apposition
		return beforeComma(s[i+1:])
	}
	return s[:i]
}

// lastSentenceStart is where the last sentence of s starts.
func lastSentenceStart(s string) int {
	sents := text.Sentences(s)
	if len(sents) == 0 {
		return 0
	}
	return sents[len(sents)-1].Start
}

// people are the names of s that are people's: two words or more, or a
// surname of a person the document names in full.
func people(s string, full map[string]string) []string {
	var out []string
	for _, sp := range text.NameSpans(s) {
		n := cleanName(spanName(s, sp))
		if n == "" || organisation(n) {
			continue
		}
		if strings.Contains(n, " ") || full[n] != "" {
			out = append(out, n)
		}
	}
	return out
}

// organisation reports whether a name is an organisation's: one of its
// words makes it so ("Sony Music", "Mayo Clinic", "University of
// Michigan").
func organisation(name string) bool {
	return slices.ContainsFunc(strings.Fields(name), text.IsOrganisationWord)
}

// spanName is the name of s at sp, without the office a title before it
// names ("Secretary of Treasury Janet Yellen" gives "Janet Yellen").
func spanName(s string, sp text.Span) string {
	n := s[sp.Start:sp.End]
	if ws := strings.Fields(n); len(ws) == 3 && strings.HasSuffix(s[:sp.Start], " of ") {
		return strings.Join(ws[1:], " ")
	}
	return n
}

// lastPerson is the last person named in s; alone lets a single
// capitalised word stand for a person when s is nothing else (an
// attribution clause "Podzuweit said" of a document that never gives
// his first name).
func lastPerson(s string, full map[string]string, alone bool) string {
	if ps := people(s, full); len(ps) > 0 {
		return ps[len(ps)-1]
	}
	if alone {
		w := strings.Fields(strings.TrimSpace(s))
		if len(w) >= 1 && len(w) <= 4 {
			last := cleanName(strings.Trim(w[len(w)-1], ".,’'"))
			// one word is a person when the document names someone
			// of that surname in full ("Podzuweit" for Erik
			// Podzuweit): "Binance said" is an organisation's
			if full[last] != "" && !organisation(last) {
				return last
			}
		}
	}
	return ""
}

func firstPerson(s string, full map[string]string) string {
	if ps := people(s, full); len(ps) > 0 {
		return ps[0]
	}
	return ""
}

// maskQuotes blanks the quoted words of para (same length), so that a
// name inside a quotation is never taken for its speaker.
func maskQuotes(para string, spans [][]int) string {
	b := []byte(para)
	for _, m := range spans {
		for i := m[0]; i < m[1]; i++ {
			b[i] = ' '
		}
	}
	return string(b)
}

// cleanName keeps the person's name of a speaker phrase: "Nvidia CEO
// Jensen Huang" gives "Jensen Huang"; "Dyche." gives "Dyche"; "The" and
// the like give "".
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
	for len(words) > 0 && (notPeople[words[0]] || openingWord(words[0])) {
		words = words[1:]
	}
	if len(words) > 3 {
		words = words[len(words)-3:]
	}
	if len(words) == 0 {
		return ""
	}
	// "Dyche." ends a sentence; an initial ("Jr.", "J.") keeps its stop
	last := words[len(words)-1]
	if strings.HasSuffix(last, ".") && len(strings.TrimRight(last, ".")) > 2 {
		words[len(words)-1] = strings.TrimRight(last, ".")
	}
	for i, w := range words {
		words[i] = strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(w, "’s"), "'s"), ",:;")
	}
	return strings.Join(words, " ")
}

// fullNames maps each surname of a document's names of people (two or
// three words on one line: "Sarah Michelle Gellar") to the name ending in
// it that the document means by it: the one its title names ("Kelce" in
// a story titled on Travis Kelce that names Jason Kelce too), else the
// one written most often, then the longest.
func fullNames(title, s string, common map[string]bool) map[string]string {
	count := map[string]int{}
	m := map[string]string{}
	for _, part := range []struct {
		s      string
		weight int
	}{{title, titleWeight}, {s, 1}} {
		m = namesIn(part.s, part.weight, common, count, m)
	}
	return m
}

// titleWeight is what a name in the title counts for against the
// mentions in the text.
const titleWeight = 3

func namesIn(s string, weight int, common map[string]bool, count map[string]int, m map[string]string) map[string]string {
	for _, sp := range text.NameSpans(s) {
		ws := strings.Fields(spanName(s, sp))
		// "Although Kooker": a word the document also writes in lower
		// case opened a sentence
		for len(ws) > 0 && (notPeople[ws[0]] || openingWord(ws[0]) || common[strings.ToLower(ws[0])]) {
			ws = ws[1:]
		}
		if len(ws) < 2 || len(ws) > 3 {
			continue
		}
		n := cleanName(strings.Join(ws, " "))
		if ws = strings.Fields(n); len(ws) < 2 {
			continue
		}
		count[n] += weight
		last := ws[len(ws)-1]
		if o := m[last]; o == "" || count[n] > count[o] || count[n] == count[o] && len(n) > len(o) {
			m[last] = n
		}
		// a first name said alone ("Taylor" for Taylor Swift), kept
		// apart from surnames
		if o := m[firstKey+ws[0]]; o == "" || count[n] > count[o] {
			m[firstKey+ws[0]] = n
		}
		m[countKey+n] = strconv.Itoa(count[n])
	}
	return m
}

// The keys of a document's names map that are not surnames: a first name
// and a name's count.
const firstKey, countKey = "first:", "count:"

// openingWord reports whether w opens a sentence rather than a name: a
// stop word, an opener (text.IsOpener: "Although Beeper did not…"), an
// adverb in -ly, a word in -ing ("Loading").
func openingWord(w string) bool {
	lw := strings.ToLower(strings.Trim(w, ",."))
	return text.IsStopWord(lw) || text.IsOpener(lw) || len(lw) > 4 && strings.HasSuffix(lw, "ly") || len(lw) > 5 && strings.HasSuffix(lw, "ing")
}

// lowerWords are the words s writes in lower case.
func lowerWords(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) {
			m[w] = true
		}
	}
	return m
}

// fullest is the fullest form in the document of a speaker's name.
func fullest(who string, full map[string]string) string {
	ws := strings.Fields(who)
	f, ok := full[ws[len(ws)-1]]
	if len(ws) == 1 {
		// "Taylor" is Taylor Swift, written often, rather than a "Sad
		// Taylor" once
		if g := full[firstKey+who]; g != "" && (!ok || times(full, g) > times(full, f)) {
			return g
		}
	}
	if ok && len(f) > len(who) && strings.HasSuffix(f, who) {
		return f
	}
	return who
}

// times is how often a document writes a name (its title counting
// titleWeight).
func times(full map[string]string, name string) int {
	n, _ := strconv.Atoi(full[countKey+name])
	return n
}

// SameName reports whether a speaker's name is the person asked about:
// the surnames are equal, and so are the first names when both are given
// ("Altman" is "Sam Altman"; "Sam Altman" is not "Jack Altman").
func SameName(speaker, asked string) bool {
	s, a := nameTokens(speaker), nameTokens(asked)
	if len(s) == 0 || len(a) == 0 || s[len(s)-1] != a[len(a)-1] {
		return false
	}
	// "Ten Hag" is "Erik ten Hag": one is the end of the other
	if slices.Equal(s, a[max(0, len(a)-len(s)):]) || slices.Equal(a, s[max(0, len(s)-len(a)):]) {
		return true
	}
	// the first name asked must be the speaker's (or, for a speaker
	// written with a title before the name, "Treasury Janet Yellen", one
	// of its words)
	if len(s) > 1 && len(a) > 1 && s[0] != a[0] && !(len(s) > 2 && slices.Contains(s[1:len(s)-1], a[0])) {
		return false
	}
	return true
}

func nameTokens(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(text.Fold(s)), func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }) {
		if len(w) > 1 && w != "jr" && w != "sr" {
			out = append(out, w)
		}
	}
	return out
}

// Quotes finds what name said (about topic, when given) in the documents
// req may see: the direct quotations attributed to them, one line per
// quotation, oldest first, dated and cited. Computed at query time over
// the documents of the passages retrieved for the name and topic.
func (d *Desk) Quotes(ctx context.Context, req answer.Request, name, topic string) (*Result, error) {
	start := time.Now()
	name, topic = strings.TrimSpace(name), strings.TrimSpace(topic)
	opts := d.Engine.Search
	opts.K = d.k(d.tuning().QuotePassages)
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
				// the topic words in the quotation, its paragraph or
				// its story's title
				para := h.Doc.Paragraph(h.Doc.ParagraphAt(q.Start))
				if f.topic = tw.coverage(h.Doc.Title + "\n" + para); f.topic == 0 {
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
		if len(f.Speaker) >= len(speaker) {
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
