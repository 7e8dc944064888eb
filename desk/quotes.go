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
	// after a quotation, the speaker's name (a role before it) and an
	// apposition between commas too long for afterSubjectRE, opening in
	// lower case: `,” Oregon Senator Ron Wyden, who co-authored Section
	// 230, a law that protects …, told TechCrunch`, `," Dr. Monica Gandhi
	// , director of the University of California, San Francisco Center
	// …, told`, `," first study author Dr. Torri Metz , an associate
	// professor …, told`
	appositionRE = regexp.MustCompile(`^[,.!?]?[”"]?,?\s+(\p{L}[^“”"\n,;:!?]{0,60}?)\s?,\s+(\p{Ll}(?:[^“”"\n;:!?.]|\.\S){0,300}?),\s+(?:` + verbs + `)\b`)
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
	// a speaker's label opening the sentence: `Wayne Rooney, former
	// Everton and England forward: “`, `Actor Sir Ian McKellen: “`
	labelRE = regexp.MustCompile(`^\s*(\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){1,4})(?:,[^“”"\n:;.]{1,80})?:\s*$`)
	// `according to X, “`
	accordingRE = regexp.MustCompile(`[Aa]ccording\s+to\s+([^“”"\n,;:]{2,60}?),?\s*$`)
	// `In the words of Taylor Swift, … “`: the quotation is the person's
	wordsOfRE = regexp.MustCompile(`(?:^|[.!?]\s+|\s)[Ii]n\s+the\s+words\s+of\s+([^“”"\n,;:]{2,60}?),`)
	// a verb of saying, and "to say" ("it is safe to say"), which says
	// nothing of a speaker
	saysRE          = regexp.MustCompile(`\b(?:` + verbs + `)\b`)
	infinitiveSayRE = regexp.MustCompile(`\bto\s+say\b`)
	// a "sentence" that ends in an abbreviation: "U.S.", "(D-Mass.)"
	abbrevEndRE = regexp.MustCompile(`(?:\b\p{Lu}\.|\.\))$`)
	// "…, said Podzuweit."
	saidNameRE = regexp.MustCompile(`\b(?:` + inverting + `)\s+(\p{Lu}[^“”"\n,;:!?]{1,60}?)(?:,[^“”"\n]{0,80})?[.,;:!?]?\s*$`)
	// a quotation: three words or more ("fair use" is a scare quote)
	// any quoted words, a title ("Blank Space") too: never a speaker
	anyQuoteRE  = regexp.MustCompile(`“[^“”]*”|"[^"\n]*"`)
	quoteSpanRE = regexp.MustCompile(`“([^“”\s]+\s+[^“”\s]+\s[^“”]*?)”|"([^"\s]+\s+[^"\s]+\s[^"]*?)"`)
	pronounRE   = regexp.MustCompile(`^(?:[Hh]e|[Ss]he)$`)
	// a photo's caption: its credit ends the paragraph ("… Credit:
	// Getty", "… Photograph: Darren Staples/AFP/Getty Images", "…
	// (AFP via Getty Images)", "… (PA)")
	captionRE = regexp.MustCompile(`(?:\bCredit:\s*[\p{L}][\p{L}/&. -]{0,40}|\bPhotograph:\s*[^.]{1,80}|\((?:[\p{L} ]{0,30}\s)?(?:PA|AFP|AP|EPA|Reuters|Getty Images)(?:\s[^()]{0,30})?\))\s*$`)
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
	// the words the document writes in lower case, its quotations aside:
	// a tweet quoted as written ("I like that alex is…") says nothing of
	// whether "Alex" opening a sentence is a name
	common := lowerWords(maskQuotes(doc.Text, anyQuoteRE.FindAllStringIndex(doc.Text, -1)))
	c := &surround{full: fullNames(doc.Title, dropCredits(doc.Text), common), spoke: map[string]bool{}, common: common}
	c.sayers = sayers(maskQuotes(doc.Text, anyQuoteRE.FindAllStringIndex(doc.Text, -1)))
	c.gender = genders(doc, c.full)
	var out []Quotation
	lastSpeaker := ""   // the speaker of the last quotation
	openBefore := false // the paragraph before ended inside a quotation
	for _, p := range doc.Paragraphs {
		para := openedWithClosing(doc.Text[p.Start:p.End])
		if captionRE.MatchString(para) && !strings.ContainsAny(para, "“”\"") {
			// a photo's caption between two paragraphs of a story is
			// not read: "he added" after "4 Onana had another
			// disappointing performance … Credit: Getty" is not Onana
			continue
		}
		spans := quoteSpanRE.FindAllStringSubmatchIndex(para, -1)
		quoted := anyQuoteRE.FindAllStringIndex(para, -1)
		open := openTail(para, quoted)
		if open != nil {
			// the quotation runs on into the next paragraph: its words
			// here are a quotation too
			quoted = append(quoted, open[:2])
			if len(strings.Fields(para[open[2]:open[3]])) >= 3 {
				spans = append(spans, open)
			}
		}
		masked := dropCredits(dropCap(maskQuotes(para, quoted)))
		runsOn := openBefore
		openBefore = open != nil
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
			case how == unattributed && paraSpeaker != "" && (pron == "" || c.gender[paraSpeaker] == pron || c.gender[paraSpeaker] == ""):
				// a quotation with no clause of its own goes on from the
				// paragraph's speaker only when it stands as a sentence
				// of its own, the words since that speaker's quotation
				// naming nobody else
				if c.continues(masked[headStart:m[0]], paraSpeaker) {
					who, how = paraSpeaker, continued
				}
			case how == unattributed && i == 0 && runsOn && strings.TrimSpace(para[:m[0]]) == "":
				who, how = lastSpeaker, continued
			}
			if who == "" && how == unattributed && open != nil && i == len(spans)-1 && paraSpeaker != "" {
				// the quotation left open after one of the paragraph's
				// speaker, with no clause of its own, not going on from
				// them for certain (continues): left out, and the
				// speaker kept for the paragraph it runs into, as when
				// it was not read
				continue
			}
			if who == "" || how == nobody || how == uncertain {
				// the words are no person's, or nobody's for certain;
				// nor are those that follow on from them
				paraSpeaker, lastSpeaker = "", ""
				continue
			}
			who = fullest(who, c.full)
			paraSpeaker, lastSpeaker = who, who
			c.spoke[who] = true
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

// openTail is the quotation a paragraph leaves open at its end (by the
// convention for a quotation running on into the next paragraph: “We are
// building robots,” said Jane Okafor. “They pick cassava), as a
// quoteSpanRE submatch index (the mark to the end; the words; no second
// group), or nil: the last opening mark (“, or a straight one after a
// space, a colon or the paragraph's start) comes after every closed
// quotation (quoted) and no closing mark follows it.
func openTail(para string, quoted [][]int) []int {
	end := 0
	if len(quoted) > 0 {
		end = quoted[len(quoted)-1][1]
	}
	rest := para[end:]
	at, mark := -1, ""
	if i := strings.LastIndex(rest, "“"); i >= 0 && !strings.Contains(rest[i:], "”") {
		at, mark = i, "“"
	} else if i := strings.LastIndex(rest, `"`); i >= 0 && strings.Count(rest, `"`) == 1 && (i == 0 || strings.ContainsAny(rest[i-1:i], " :(")) {
		at, mark = i, `"`
	}
	if at < 0 {
		return nil
	}
	words := strings.TrimRightFunc(para[end+at+len(mark):], unicode.IsSpace)
	if strings.TrimSpace(words) == "" {
		return nil
	}
	return []int{end + at, len(para), end + at + len(mark), end + at + len(mark) + len(words), -1, -1}
}

// passive are the auxiliaries before a verb that make its subject the
// one spoken to or of ("was told", "is said").
var passive = map[string]bool{"was": true, "were": true, "is": true, "are": true, "been": true, "being": true, "be": true, "get": true, "got": true}

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
	// gender are the pronouns ("he", "she") the document gives its
	// people, where it says so plainly (genders)
	gender map[string]string
	// spoke are the people a quotation so far was given to
	spoke map[string]bool
	// common are the words the document writes in lower case, outside
	// quotations; sayers the single capitalised words it writes as the
	// subject of a verb of saying ("Kelce announced", "said Kelce")
	common, sayers map[string]bool
}

// attribute finds a quotation's speaker from the text after it (tail, up
// to the next quotation) and the text before it in its paragraph
// (quotations masked; from the previous quotation: head, from the
// paragraph's start: upto); pron is the pronoun resolved, if one was.
// The words after it are its attribution clause when clause is set (the
// quotation ends in a comma), or when they are a short one (“…” Binance
// said): one that names no person gives it to nobody.
func (c *surround) attribute(tail, head, upto string, clause bool) (who string, how attribution, pron string) {
	tail = abbrevDots(tail)
	if a := afterSubjectRE.FindStringSubmatch(tail); a != nil && !introducesNext(tail, a[0]) && (clause || shortRest(tail[len(a[0]):])) {
		phrase := strings.TrimSpace(a[1])
		if conjunctionRE.MatchString(phrase) {
			// “…,” and scholars have told her …: a clause of its own
			// after the quotation, about someone else; the quotation's
			// speaker is the clause before's (She told me there has
			// been “…,”), or nobody
			if who, how, pron := c.attributeBefore(head, upto); how != unattributed {
				return who, how, pron
			}
			return "", nobody, ""
		}
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
		if n := roleApposition(phrase, c.full); n != "" {
			return n, named, "" // “…,” the Bayern coach, Thomas Tuchel, said
		}
		if n := endingPerson(beforeComma(phrase), c.full); n != "" {
			if !strings.Contains(phrase, ",") && objectClauseRE.MatchString(tail[len(a[0]):]) {
				// "… due to a “surge of usage,” OpenAI CEO Sam Altman
				// announced they have…": the verb says something else
				return "", uncertain, ""
			}
			return n, named, ""
		}
		if n := firstNameOnly(phrase, c.full); n != "" {
			return n, named, "" // “…,” Rachel says
		}
		if clause || len(strings.Fields(phrase)) <= maxClauseWords {
			return "", nobody, "" // "…," the company said
		}
	}
	if n := appositionSpeaker(tail, c.full); clause && n != "" {
		return n, named, ""
	}
	if a := afterVerbRE.FindStringSubmatch(tail); a != nil && !introducesNext(tail, a[0]) {
		if n := c.invertedSpeaker(a[1]); n != "" {
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

// appositionSpeaker is the person named right after a quotation and
// before an apposition between commas, the clause's verb after it
// (appositionRE: “…,” Oregon Senator Ron Wyden, who co-authored Section
// 230, a law that …, told TechCrunch): the words before the first comma
// end in a person's name, the only one they hold, and the words before
// the name are a role ("first study author Dr. Torri Metz"), with no
// preposition or conjunction ("a letter to Jane Okafor", "and Jane
// Okafor"); the apposition opens no clause of its own ("and later
// Jones"). "" when tail has no such clause.
func appositionSpeaker(tail string, full map[string]string) string {
	a := appositionRE.FindStringSubmatch(tail)
	if a == nil || conjunctionRE.MatchString(a[2]) {
		return ""
	}
	n := endingPerson(a[1], full)
	if n == "" || len(people(a[1], full)) != 1 {
		return ""
	}
	for _, w := range strings.Fields(a[1]) {
		if lw := strings.ToLower(w); prepositions[lw] || conjunctionRE.MatchString(lw) {
			return ""
		}
	}
	return n
}

// roleRE matches a role written before the name it is given in
// apposition: "the Bayern coach", "Milan’s coach", "Real's manager" (a
// determiner or a possessive and at most three words, none a preposition:
// "a friend of the coach" is someone else).
var roleRE = regexp.MustCompile(`^(?:(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir)|\p{Lu}[\p{L}.-]*(?:’s|'s|s’|s'))(?:\s+[\p{L}-]+){1,3}$`)

// roleApposition is the person of an attribution clause's subject
// written as a role and then the name between commas (“…,” the Bayern
// coach, Thomas Tuchel, said): the name is the whole second part, and
// the role names no one and opens no phrase of a preposition.
func roleApposition(phrase string, full map[string]string) string {
	parts := strings.Split(strings.TrimSuffix(strings.TrimSpace(phrase), ","), ",")
	if len(parts) != 2 {
		return ""
	}
	role, name := strings.TrimSpace(parts[0]), strings.TrimSpace(parts[1])
	if !roleRE.MatchString(role) || len(people(role, full)) > 0 {
		return ""
	}
	for _, w := range strings.Fields(role) {
		if prepositions[w] {
			return ""
		}
	}
	n := endingPerson(name, full)
	if n == "" || !strings.Contains(n, " ") || len(strings.Fields(name)) != len(strings.Fields(n)) {
		return ""
	}
	return n
}

// abbrevDotRE matches a capitalised word, its full stop and the
// capitalised word after it ("St. Louis").
var abbrevDotRE = regexp.MustCompile(`\b(\p{Lu}\p{Ll}{0,3})\.\s\p{Lu}`)

// abbrevDots blanks the full stop of an abbreviation inside a name ("said
// St. Louis Cardinals outfielder Lars Nootbaar" reads on to the name, not
// to "St"), keeping s's length.
func abbrevDots(s string) string {
	locs := abbrevDotRE.FindAllStringSubmatchIndex(s, -1)
	if locs == nil {
		return s
	}
	b := []byte(s)
	for _, m := range locs {
		if text.IsAbbreviation(strings.ToLower(s[m[2]:m[3]])) {
			b[m[3]] = ' '
		}
	}
	return string(b)
}

// conjunctionRE matches the words after a quotation that open a clause
// of their own ("and scholars have told her", "but Jones said"): never
// the quotation's attribution clause.
var conjunctionRE = regexp.MustCompile(`^(?:and|but|or|yet|so|while|whereas|although|though|because)\b`)

// objectClauseRE matches a clause of its own after a verb of saying
// ("announced that …", "announced they have …"): what the verb says is
// that clause, not the quotation before it.
var objectClauseRE = regexp.MustCompile(`^\s+(?:that|they|he|she|it|we|I|you|there)\b`)

// shortRest reports whether the words after a clause's verb, to the end
// of its sentence, are few: after a quotation that ends its sentence,
// “….” Binance said in a statement. is its clause, but “….” Tan asked the
// Poughkeepsie police if they might reach out … is a sentence of its own.
func shortRest(rest string) bool {
	if i := strings.IndexAny(rest, ".!?;“”\"\n"); i >= 0 {
		rest = rest[:i]
	}
	return len(strings.Fields(rest)) <= maxRestWords
}

// maxRestWords is the most words after the verb of a clause following a
// quotation that ends its sentence (shortRest).
const maxRestWords = 4

// afterNameRE matches a name's last word and the word after it that
// opens what the speaker spoke on or when ("said Klopp| on the demands of
// his job", "said Smith| at a briefing", "said Michigan State athletic
// director Alan Haller| in announcing the hire").
var afterNameRE = regexp.MustCompile(`\p{Lu}[\p{L}'’.-]*\s+(?:on|in|at|about|during|after|before|when|while|as|to|from|with|of|for)\b`)

// invertedSpeaker is the person an inverted clause ("said …") names: the
// phrase up to the first name followed by what the speaker spoke on or
// when that ends in a person ("Klopp on the demands of his particular
// job" gives Klopp; "Michigan State athletic director Alan Haller in
// announcing the hire" Alan Haller), else the person the whole phrase
// ends in ("Toffees boss Sean Dyche"), else "".
func (c *surround) invertedSpeaker(phrase string) string {
	for _, m := range afterNameRE.FindAllStringIndex(phrase, -1) {
		cut := strings.TrimRightFunc(phrase[:m[1]], unicode.IsLetter)
		if n := endingPerson(beforeComma(strings.TrimSpace(cut)), c.full); n != "" {
			return n
		}
	}
	if n := endingPerson(beforeComma(phrase), c.full); n != "" {
		return n
	}
	return firstNameOnly(beforeComma(phrase), c.full) // “…,” says Rachel, who …
}

// introducesNext reports whether the clause matched after a quotation
// (tail's prefix) ends in a colon: it introduces the quotation after it
// (“….” She continued: “…”), not this one.
func introducesNext(tail, matched string) bool {
	rest := strings.TrimLeft(tail[len(matched):], " ")
	return strings.HasPrefix(rest, ":") || strings.HasSuffix(strings.TrimSpace(matched), ":")
}

// endingPerson is the person a phrase ends with ("U.S. Attorney General
// Merrick Garland"), or "" when it ends otherwise ("while Kelce was
// waiting for an elevator"): an attribution clause names its speaker
// last, next to the verb.
func endingPerson(phrase string, full map[string]string) string {
	end := strings.TrimRight(strings.TrimSpace(phrase), ".")
	end = strings.TrimSuffix(strings.TrimSuffix(end, "’s"), "'s")
	n := lastPerson(phrase, full, true)
	if n == "" {
		return ""
	}
	last := strings.Fields(n)
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
	if a := labelRE.FindStringSubmatch(clause); a != nil {
		// `Wayne Rooney, former Everton and England forward: "…"`: a
		// speaker's label, as a list of reactions writes them
		if ws := strings.Fields(a[1]); len(ws) == 2 && pastVerb(ws[0]) {
			// "Concluded Brown: “…”": a verb first, as "Added Kooker:"
			if n := lastPerson(ws[1], full, true); n != "" {
				return n, named, ""
			}
			return "", unattributed, ""
		}
		if n := lastPerson(a[1], full, false); n != "" && strings.Contains(n, " ") {
			return n, named, ""
		}
	}
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
	if a := wordsOfRE.FindStringSubmatchIndex(clause); a != nil {
		// "In the words of Taylor Swift, it is safe to say that “…”":
		// the words are the person's, when no one else is named nor
		// says anything before the quotation
		rest := clause[a[1]:]
		if n := lastPerson(clause[a[2]:a[3]], full, true); n != "" && len(people(rest, full)) == 0 && !saysRE.MatchString(infinitiveSayRE.ReplaceAllString(rest, "")) {
			return n, named, ""
		}
	}
	locs := slices.DeleteFunc(beforeVerbRE.FindAllStringIndex(clause, -1), func(v []int) bool {
		return nounBeforeRE.MatchString(clause[:v[0]]) // "its member states": a noun
	})
	if len(locs) == 0 {
		return "", unattributed, ""
	}
	v := locs[len(locs)-1]
	if len(clause)-v[1] > 80 {
		return "", unattributed, "" // the verb is too far from the quotation
	}
	subject := clause[:v[0]]
	if strings.HasPrefix(clause[v[0]:v[1]], "continu") && strings.HasPrefix(clause[v[1]:], " to ") {
		// "Sinha continued to capture more of the tweets: “…”": going on
		// doing something, not saying
		return "", unattributed, ""
	}
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
		pron := strings.ToLower(w[len(w)-1])
		if n := c.ownSubject(subject, pron); n != "" {
			return n, named, pron
		}
		who, how := c.resolvePronoun(pron, upto[:len(upto)-len(clause)])
		return who, how, pron
	}
	if loc := mainPronounRE.FindStringSubmatchIndex(subject); loc != nil && strings.HasSuffix(clause[v[0]:v[1]], "ing") &&
		len(people(subject, full)) == 0 && opensClause(subject[:loc[2]]) && participleGap(subject[loc[3]:]) {
		// "At the DealBook Summit, he appeared virtually from the
		// Bahamas, saying “…”": the main clause's pronoun
		pron := strings.ToLower(subject[loc[2]:loc[3]])
		who, how := c.resolvePronoun(pron, upto[:len(upto)-len(clause)])
		return who, how, pron
	}
	if n, how := mainSayer(clause, locs, full); how != unattributed {
		// "Klopp said Tsimikas’ collarbone was broken, adding he will
		// be “…”": the participle's subject is the main clause's
		return n, how, ""
	}
	if n := appositionHolder(subject, full); n != "" {
		// "which Sergio Avedian, senior contributor at The Rideshare
		// Guy, says “…”": the name the role is given to, not its employer
		return n, named, ""
	}
	if n := lastPerson(subject, full, false); n != "" {
		if !nextToVerb(subject, clause[v[0]:v[1]], full) {
			// "Musk … resigned from the board in a move that OpenAI said
			// would eliminate a “…”": the verb's subject is someone else
			return "", uncertain, ""
		}
		return n, named, ""
	}
	return "", unattributed, ""
}

// appositionHolder is the person a verb's subject names right before an
// apposition between commas that ends it, the verb right after: "Sergio
// Avedian, senior contributor at The Rideshare Guy," gives Sergio
// Avedian, never the company the role is held at. The apposition opens in
// lower case (a role, not a name nor a clause: "who", "which" and the
// like open none), holds at most maxSubjectGap words, and the words
// before it end in the person's name; "" otherwise.
func appositionHolder(subject string, full map[string]string) string {
	s := strings.TrimSpace(subject)
	if !strings.HasSuffix(s, ",") {
		return ""
	}
	open := strings.LastIndex(s[:len(s)-1], ",")
	if open < 0 {
		return ""
	}
	app := strings.TrimSpace(s[open+1 : len(s)-1])
	r, _ := utf8.DecodeRuneInString(app)
	if app == "" || !unicode.IsLower(r) || clauseWordRE.MatchString(app) || len(strings.Fields(app)) > maxSubjectGap || len(people(app, full)) == 0 {
		return ""
	}
	before := s[:open]
	ps := peopleAt(before, full)
	if len(ps) == 0 || ps[len(ps)-1].possessive || prepositionRE.MatchString(before[:ps[len(ps)-1].at]) {
		return "" // "The lawyer for Jane Doe, a partner at …, says": not Jane Doe
	}
	return endingPerson(before, full)
}

// mainSayer is the speaker of a participle of saying after a main clause
// whose own verb is one of saying ("Klopp said Tsimikas’ collarbone was
// broken, adding he will be “…”", "Rigoberto Advincula, a chemist at Oak
// Ridge, said the work helped, adding: “…”"): the clause's two verbs of
// saying are the main verb and the participle; the main verb's subject is
// the first person named, opening the sentence, right before the verb or
// an apposition between commas before it, not passive; the words between the two verbs end in
// a comma or a dash, are at most maxParticipleGap and open no clause of
// another subject ("who", "he", "they"). The people those words name are
// what the main verb reports, not the participle's subject. Words between
// that do open such a clause leave the speaker uncertain; any other
// shape is left to the other rules (unattributed).
func mainSayer(clause string, locs [][]int, full map[string]string) (string, attribution) {
	if len(locs) != 2 {
		return "", unattributed
	}
	main, part := locs[0], locs[1]
	if !strings.HasSuffix(clause[part[0]:part[1]], "ing") || strings.HasSuffix(clause[main[0]:main[1]], "ing") {
		return "", unattributed
	}
	subject := clause[:main[0]]
	ps := peopleAt(subject, full)
	if len(ps) == 0 || ps[0].possessive || !opensClause(subject[:ps[0].at]) {
		return "", unattributed
	}
	if gap := strings.TrimSpace(dropAsides(subject[ps[0].end:])); gap != "" &&
		(!strings.HasPrefix(gap, ",") || !strings.HasSuffix(gap, ",") || len(strings.Fields(gap)) > maxSubjectGap || participleStopRE.MatchString(gap) || saysRE.MatchString(gap)) {
		// the words between the name and the verb are an apposition
		// between commas ("Rigoberto Advincula, a materials chemist at
		// Oak Ridge National Laboratory,"), or nothing
		return "", unattributed
	}
	if w := strings.Fields(subject); passive[strings.ToLower(w[len(w)-1])] {
		return "", unattributed
	}
	between := strings.TrimSpace(clause[main[1]:part[0]])
	if !strings.HasSuffix(between, ",") && !strings.HasSuffix(between, "—") && !strings.HasSuffix(between, "–") {
		return "", unattributed
	}
	if len(strings.Fields(between)) > maxParticipleGap || participleStopRE.MatchString(between) {
		// "Klopp said Tsimikas, who fell badly, was hurt, adding …":
		// the main clause's speaker, or the one it reports on
		return "", uncertain
	}
	return ps[0].name, named
}

// pastVerb reports whether a capitalised word is a verb's past form
// ("Concluded", "Remarked"): it ends in -ed and, without it or its d, is
// a verb WordNet knows (text.RelatedVerbs); "Mohammed", "Fred" are not.
func pastVerb(w string) bool {
	lw := strings.ToLower(w)
	if len(lw) < 5 || !strings.HasSuffix(lw, "ed") {
		return false
	}
	return len(text.RelatedVerbs(lw[:len(lw)-1])) > 0 || len(text.RelatedVerbs(lw[:len(lw)-2])) > 0
}

// asPronounRE matches the words before a pronoun that make it the
// subject of a clause of the same sentence's subject: "Captain Fernandes
// appears to be fed up … as he told TNT Sports:".
var asPronounRE = regexp.MustCompile(`(?:,\s*|\s)(?:as|when|after|before|while)\s+(?:he|she)\s*$`)

// ownSubject is the person a "he" or "she" (pron) ending subject, the
// words of a quotation's sentence before its verb of saying, stands for
// when the sentence opens with them: "Captain Fernandes appears to be fed
// up of their inability to hold onto results as he told TNT Sports: "…"".
// The pronoun follows "as", "when", "after", "before" or "while"; the
// sentence names that one person, first, as its subject (not an object,
// not possessively: opensClause, nextToVerb's other rules aside), and the
// document does not give them the other pronoun. "" otherwise.
func (c *surround) ownSubject(subject, pron string) string {
	if !asPronounRE.MatchString(subject) {
		return ""
	}
	ps := peopleAt(subject, c.full)
	if len(ps) != 1 || ps[0].possessive || !opensClause(titleBefore(subject[:ps[0].at])) {
		return ""
	}
	rest := subject[ps[0].end:]
	if participleStopRE.MatchString(rest[:len(rest)-len(asPronounRE.FindString(rest))]) || otherName(strings.Fields(rest)) {
		return ""
	}
	n := fullest(ps[0].name, c.full)
	if g := c.gender[n]; g != "" && g != pron {
		return ""
	}
	return n
}

// titleBefore is the words before a name without the titles right before
// it ("Captain", "Senator"): what opens the sentence before them.
func titleBefore(before string) string {
	ws := strings.Fields(before)
	for len(ws) > 0 && text.IsTitle(strings.Trim(ws[len(ws)-1], ".,")) {
		ws = ws[:len(ws)-1]
	}
	return strings.Join(ws, " ")
}

// mainPronounRE matches a sentence's first "he" or "she".
var mainPronounRE = regexp.MustCompile(`\b([Hh]e|[Ss]he)\b`)

// nounBeforeRE matches a determiner right before a word of saying that
// makes the word a noun: "its member states", "the notes", "his posts".
var nounBeforeRE = regexp.MustCompile(`(?i)\b(?:the|a|an|its|their|his|her|our|your|my|these|those|member|some|many|all|both|several|whose)\s+$`)

// maxSubjectGap is the most words between a clause's speaker and its verb,
// an apposition aside ("Tarantino defended his intention to make 10
// movies and retire, saying").
const maxSubjectGap = 12

// prepositionRE matches a preposition ending the words before a name: the
// name is an object ("an apology to Spears", "an interview with Hoda
// Kotb"), not the subject of the verb after it.
var prepositionRE = regexp.MustCompile(`(?i)\b(?:to|with|from|by|for|of|at|about|against|toward|towards|on|in|into)(?:\s+the)?\s*$`)

// gapStopRE matches a word between a name and a verb of saying that makes
// the verb another's: a clause of its own ("in a move that OpenAI said"),
// a pronoun subject ("… DealBook Summit, he appeared …, saying").
var gapStopRE = regexp.MustCompile(`(?i)\b(?:that|which|who|he|she|they|it)\b`)

// nextToVerb reports whether the last person named in subject (the words
// before verb, a verb of saying) is the verb's subject:
//   - "Elon Musk, who said": a relative clause of the name's (not "the
//     wife of Jones, who said", "Smith and Jones, who said");
//   - "with Musk writing:": the participle's own subject;
//   - else not written as an object or possessively ("to Ryan Pinder",
//     "Greenwald's position"), and the words from the name to the verb,
//     an apposition between commas and an aside in brackets aside
//     ("Bryson DeChambeau, who joined LIV Golf in 2022,"), are few and
//     name nothing and no one else (a capitalised word inside a phrase
//     of a preposition is a place or an outlet: "wrote on X", "commented
//     on the viral TikTok"), nor open a clause of another subject;
//   - or, the verb a participle after a comma or a dash ("…, saying:",
//     "… — writing:"), the name opens its sentence's main clause (at its
//     start or after an opening phrase and its comma: "In reply to
//     Greenwald, Musk avoided …"), and the words to the participle, more
//     of them, name no one else and give no other subject (no "he",
//     "they", "who"): the participle's subject is the main clause's.
func nextToVerb(subject, verb string, full map[string]string) bool {
	ps := peopleAt(subject, full)
	if len(ps) == 0 {
		return false
	}
	p := ps[len(ps)-1]
	if p.possessive {
		return false
	}
	before, gap := subject[:p.at], dropAsides(subject[p.end:])
	participle := strings.HasSuffix(verb, "ing")
	switch {
	case relativeWhoRE.MatchString(gap) && !sharedNameRE.MatchString(before):
		return true
	case participle && strings.TrimSpace(gap) == "" && withBeforeRE.MatchString(before):
		return true
	case prepositionRE.MatchString(before):
		return false
	}
	if !participle && saysRE.MatchString(gap) {
		// "what Arcia said wasn't a slur or hateful, and added …": the
		// name is the subject of a verb of its own, not this one's
		return false
	}
	if participle && opensClause(before) && participleGap(gap) {
		return true
	}
	if strings.HasPrefix(strings.TrimSpace(gap), ",") {
		gap = strings.TrimSpace(gap)
		if i := strings.LastIndex(gap, ","); i > 0 {
			gap = gap[i+1:] // the apposition
		} else {
			gap = gap[1:]
		}
	}
	ws := strings.Fields(gap)
	if len(ws) > maxSubjectGap || gapStopRE.MatchString(gap) {
		return false
	}
	return !otherName(ws)
}

// relativeWhoRE matches the words between a name and a verb that make the
// name the verb's subject by a relative clause: "Elon Musk, who said",
// "Musk, who later wrote".
var relativeWhoRE = regexp.MustCompile(`^\s*,\s+who\s+(?:\p{Ll}+ly\s+)?$`)

// sharedNameRE matches the words before a name that make a "who" after it
// maybe another's: "the wife of Jones, who said", "Smith and Jones, who
// said".
var sharedNameRE = regexp.MustCompile(`(?i)\b(?:of|and|or|&)\s*$`)

// withBeforeRE matches "with" right before a name whose participle
// follows: "… — with Musk writing: “…”".
var withBeforeRE = regexp.MustCompile(`(?i)\bwith\s*$`)

// asideRE matches an aside in brackets.
var asideRE = regexp.MustCompile(`\([^()]*\)`)

// dropAsides blanks the asides in brackets of s: "felt “…” (something
// she attributes to racism) but says" gives "felt “…” but says".
func dropAsides(s string) string {
	return asideRE.ReplaceAllStringFunc(s, func(a string) string { return strings.Repeat(" ", len(a)) })
}

// opensClause reports whether the words before a name in its sentence
// leave it the subject of the sentence's main clause: none, or an opening
// phrase ending in a comma ("In August 2022,", "In reply to Greenwald,").
func opensClause(before string) bool {
	b := strings.TrimSpace(strings.TrimLeft(before, " ,.;:!?”“\"—–-"))
	return b == "" || strings.HasSuffix(b, ",")
}

// participleStopRE matches a word between a sentence's subject and a
// participle of saying after its main clause that may give the
// participle another subject.
var participleStopRE = regexp.MustCompile(`(?i)\b(?:he|she|they|who|whom|which|while|whose)\b`)

// maxParticipleGap is the most words between a sentence's subject and a
// participle of saying after its main clause ("Federline claimed during
// an interview with ITV that …, saying:").
const maxParticipleGap = 30

// participleGap reports whether the words between a sentence's subject
// and a participle of saying (gap) are its main clause's: they end in a
// comma or a dash, are at most maxParticipleGap, give no other subject
// and name no one else.
func participleGap(gap string) bool {
	g := strings.TrimSpace(gap)
	if !strings.HasSuffix(g, ",") && !strings.HasSuffix(g, "—") && !strings.HasSuffix(g, "–") {
		return false
	}
	ws := strings.Fields(g)
	return len(ws) <= maxParticipleGap && !participleStopRE.MatchString(g) && !otherName(ws)
}

// prepositions open a phrase whose capitalised words name a place, an
// outlet or a thing, not the verb's subject ("on X", "with ITV", "on the
// viral TikTok", "of the EU's approach").
var prepositions = map[string]bool{"on": true, "in": true, "at": true, "with": true, "to": true, "of": true, "from": true, "by": true, "for": true, "about": true, "into": true, "onto": true, "over": true, "via": true, "during": true, "against": true, "toward": true, "towards": true}

// otherName reports whether the words between a speaker and their verb
// name something else that may be the verb's subject: a capitalised word
// that is no role nor opener and is not inside a phrase of a
// preposition.
func otherName(ws []string) bool {
	for i, w := range ws {
		w = strings.Trim(w, ",()’'")
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) && !text.IsRole(w) && !text.IsOpener(strings.ToLower(w)) && !inPhrase(ws, i) {
			return true
		}
	}
	return false
}

// inPhrase reports whether the i-th word of ws is inside a phrase of a
// preposition: one of the three words before it is a preposition, and no
// comma or verb of saying comes between ("on the viral TikTok", "with
// ITV"; not "on Monday, Reuters").
func inPhrase(ws []string, i int) bool {
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		if strings.ContainsAny(ws[j], ",;:") || text.IsSayingVerb(strings.Trim(ws[j], "’'")) {
			return false
		}
		if prepositions[strings.ToLower(ws[j])] {
			return true
		}
	}
	return false
}

// resolvePronoun gives "he" or "she" (pron) the person it certainly
// means, going back sentence by sentence through before (the paragraph up
// to the quotation) and the paragraphs before, page furniture skipped:
//   - a sentence whose subject is the same pronoun ("He captured the
//     images…", "…, she explained", "Speaking to Time, she said she met
//     Kelce", "Her husband …") goes on about the one before: passed over;
//   - a sentence naming a speaker by an inverted verb ("…, said
//     Podzuweit") gives that speaker, unless the document gives them the
//     other pronoun;
//   - the first other sentence naming people gives the one of them the
//     document gives this pronoun to (genders), when the others are all
//     given the other one; or the one person it names when that person
//     has spoken by name before and is not given the other pronoun. A
//     sentence naming only people of the other pronoun is passed over
//     when it does not use this one ("Kelce ran …" before "she said");
//   - a sentence that uses the pronoun of someone it does not name ("My
//     assistant … helped her realise …", "the singer ran into Kelce's
//     arms before he whisked her away") means the pronoun may be that
//     unnamed person's: uncertain, and so is any other sentence naming
//     people.
//
// Past the paragraph before, the speaker the last quotations gave the
// same pronoun to is it.
func (c *surround) resolvePronoun(pron, before string) (string, attribution) {
	pron = strings.ToLower(pron)
	walked := 0
	for k, s := range append([]string{before}, c.before...) {
		sents := maskedSentences(s)
		for i := len(sents) - 1; i >= 0; i-- {
			sent := s[sents[i].Start:sents[i].End]
			if furniture(sent) {
				continue
			}
			if a := saidNameRE.FindStringSubmatch(sent); a != nil {
				if n := lastPerson(beforeComma(a[1]), c.full, true); n != "" {
					n = fullest(n, c.full)
					if g := c.gender[n]; g != "" && g != pron {
						return "", uncertain
					}
					return n, byPronounOf
				}
			}
			ps := c.withFirstNames(sent, c.persons(sent))
			same := samePerson[pron].FindStringIndex(sent)
			first := walked == 0
			if len(ps) == 0 {
				if introducesSomeone(sent) || c.unknownSubject(sent) || c.unknownSayer(sent) {
					return "", uncertain // "My assistant … helped her", "Her husband was furious."
				}
				if !tellsOn(sent, pron) {
					walked++
				}
				continue // about no one, or about the one before ("The 33-year-old singer …")
			}
			walked++
			if same != nil && same[0] < ps[0].at {
				// "Speaking to Time, she said she met Kelce", "Her
				// husband Ashton Kutcher …": about the one before, unless
				// the one named may be meant too
				if slices.ContainsFunc(ps, func(p person) bool { return c.gender[p.name] == pron || c.gender[p.name] == mixed }) {
					return "", uncertain
				}
				continue
			}
			if unnamedWho(sent, ps, pron) {
				return "", uncertain
			}
			if who, ok := c.certain(ps, pron, sent, same, first); ok {
				if who == "" {
					continue // only people of the other pronoun
				}
				return who, byPronounOf
			}
			return "", uncertain
		}
		if k >= 1 && c.byPronoun[pron] != "" {
			return c.byPronoun[pron], byPronounOf
		}
	}
	return "", unattributed
}

// tellsOn reports whether a sentence naming no one goes on telling what
// the person before said, by pron as the subject of a verb of saying
// ("And being default was not determinative, he said; …"), with no other
// pronoun: the sentence before it is as near the quotation as if it
// were right before it.
func tellsOn(sent, pron string) bool {
	loc := samePerson[pron].FindStringIndex(sent)
	return loc != nil && subjectPronounsOnly(sent, pron) && strings.EqualFold(sent[loc[0]:loc[1]], pron) &&
		pronounSayRE.MatchString(sent[loc[1]:])
}

// pronounSayRE matches a verb of saying right after a pronoun ("he
// said", "she added").
var pronounSayRE = regexp.MustCompile(`^\s+(?:` + verbs + `)\b`)

// subjectWordRE matches a sentence's subject written as one capitalised
// word before a verb, after an opening phrase and its comma if any ("On
// September 21, Kelce announced …", "Kelce even acknowledged …").
var subjectWordRE = regexp.MustCompile(`^[\s,.;:—–-]*(?:[^,]{0,40},\s*)?(\p{Lu}[\p{L}'’-]+)\s+(?:\p{Ll}+ly\s+)?\p{Ll}`)

// unknownSubject reports whether a sentence naming no person the document
// gives in full opens on one it names by a single word ("On September 21,
// Kelce announced …" in a story that never gives his first name): a
// pronoun after it may be theirs. The word is one the document writes as
// the subject of a verb of saying elsewhere too (sayers), and never in
// lower case.
func (c *surround) unknownSubject(sent string) bool {
	m := subjectWordRE.FindStringSubmatch(sent)
	if m == nil {
		return false
	}
	w := m[1]
	return c.sayers[w] && !c.common[strings.ToLower(w)] && !notPeople[w] && !openingWord(w) && !organisation(w)
}

// unknownSayer reports whether a sentence naming no person the document
// gives in full has one it names by a single word say something ("…,
// Jandrey said.", "said Jandrey" in a story that gives him a middle
// initial): a pronoun after it may be theirs, not that of someone
// further back. The word is a sayer, never written in lower case.
func (c *surround) unknownSayer(sent string) bool {
	for _, m := range sayerRE.FindAllStringSubmatch(sent, -1) {
		for _, w := range m[1:] {
			if w != "" && strings.ToUpper(w) != w && c.sayers[w] && c.full[w] == "" && !c.common[strings.ToLower(w)] && !notPeople[w] && !openingWord(w) && !organisation(w) {
				return true
			}
		}
	}
	return false
}

// sayerRE matches a single capitalised word as the subject of a verb of
// saying, or after an inverted one.
var sayerRE = regexp.MustCompile(`(?:^|[^\p{L}\s]\s*|\s\p{Ll}+\s+)(\p{Lu}[\p{L}'’-]+)\s+(?:` + verbs + `)\b|\b(?:` + inverting + `)\s+(\p{Lu}[\p{L}'’-]+)\b`)

// sayers are the single capitalised words s writes as the subject of a
// verb of saying ("Kelce announced", "said Kelce"), not as the last word
// of a longer name ("Travis Kelce said").
func sayers(s string) map[string]bool {
	out := map[string]bool{}
	for _, m := range sayerRE.FindAllStringSubmatch(s, -1) {
		for _, w := range m[1:] {
			if w != "" && strings.ToUpper(w) != w {
				out[w] = true
			}
		}
	}
	return out
}

// whoRE matches a relative "who" after a comma.
var whoRE = regexp.MustCompile(`,\s+who\b`)

// unnamedWho reports whether a sentence gives pron to someone it does not
// name: a relative clause ("…, who told Grant it was impossible … when he
// graduated") of anyone but a person it names, with pron after it.
func unnamedWho(sent string, ps []person, pron string) bool {
	for _, m := range whoRE.FindAllStringIndex(sent, -1) {
		if slices.ContainsFunc(ps, func(p person) bool { return p.end == m[0] || p.end < m[0] && appositionOf(sent[p.end:m[0]]) }) {
			continue // "Elon Musk, who said he …", "Carme Artigas, Spain’s secretary of state, who …"
		}
		if samePerson[pron].MatchString(sent[m[1]:]) {
			return true
		}
	}
	return false
}

// appositionOf reports whether the words between a name and a relative
// clause are an apposition of the name's: a comma, and a few words
// ("Carme Artigas, Spain’s secretary of state for digital and AI issues,
// who …").
func appositionOf(gap string) bool {
	return strings.HasPrefix(gap, ",") && len(strings.Fields(gap)) <= 12
}

// maskedEndRE matches a sentence's end followed by a masked quotation.
var maskedEndRE = regexp.MustCompile(`[.!?]\s{3,}`)

// maskedSentences are the sentences of s, quotations masked: text.Sentences,
// also parted where a masked quotation follows a sentence's end ("…
// again. [“…,”] she told me."), which text.Sentences cannot see.
func maskedSentences(s string) []text.Span {
	var out []text.Span
	for _, sp := range text.Sentences(s) {
		start := sp.Start
		for _, m := range maskedEndRE.FindAllStringIndex(s[sp.Start:sp.End], -1) {
			out = append(out, text.Span{Start: start, End: sp.Start + m[0] + 1})
			start = sp.Start + m[0] + 1
		}
		out = append(out, text.Span{Start: start, End: sp.End})
	}
	return out
}

// certain is the person of ps (the people a sentence names, in order)
// that pron certainly means, ok false when none is certain; "" with ok
// when the sentence names only people of the other pronoun and uses none
// of pron's (same: where it first does), which says nothing of whom pron
// means. The person is:
//   - the only one named that the document gives pron (genders), the
//     others being given the other pronoun;
//   - of the people named that may be meant (given pron, or no pronoun),
//     the only one quoted by name before: the story's speaker ("Klopp's
//     compliments towards Dyche and his local rivals were back-handed."
//     before “…,” he said);
//   - the first named, given pron, when the sentence's own pronoun follows
//     that name before any other ("Taylor Swift has revealed when her
//     relationship with Travis Kelce started.");
//   - the only person named by the sentence right before the quotation,
//     as a subject (isSubject), given no pronoun by the document (neither, not
//     both), when the sentence's pronouns are only pron as a subject
//     ("Gellar told Us Weekly in 2020 that … “…”", "Ori Goshen announced
//     that he would …" before “…,” he said; not "The goal, Bankman-Fried
//     told her, was …" before “…,” she said, nor "Ice Poseidon’s stream
//     didn’t affect her.").
func (c *surround) certain(ps []person, pron, sent string, same []int, first bool) (string, bool) {
	var match, maybe []string
	for _, p := range ps {
		switch c.gender[p.name] {
		case pron:
			match = append(match, p.name)
			maybe = append(maybe, p.name)
		case "", mixed:
			maybe = append(maybe, p.name)
		}
	}
	switch {
	case len(maybe) == 0:
		return "", same == nil
	case len(match) == 1 && len(maybe) == 1:
		return match[0], true
	}
	var spoke []string
	for _, n := range maybe {
		if c.spoke[n] {
			spoke = append(spoke, n)
		}
	}
	switch {
	case len(spoke) == 1:
		return spoke[0], true
	case len(match) > 0 && match[0] == ps[0].name && same != nil && (len(ps) == 1 || same[0] < ps[1].at):
		return match[0], true
	case first && len(ps) == 1 && len(maybe) == 1 && c.gender[maybe[0]] == "" && isSubject(sent, ps[0]) && subjectPronounsOnly(sent, pron):
		return maybe[0], true
	}
	return "", false
}

// clauseWordRE matches a word that opens a clause of its own, whose
// pronoun may be someone else's.
var clauseWordRE = regexp.MustCompile(`(?i)\b(?:that|who|whom|which|whose)\b`)

// mixed is the gender of a person the document gives both pronouns to
// without a clear majority: either may be theirs, and neither certainly.
const mixed = "?"

// isSubject reports whether a sentence names p as the subject of a verb:
// not possessively nor after a preposition ("according to" aside), and
// followed, an apposition between commas aside, by a word in lower case
// that opens no clause of its own ("Benjamin Netanyahu said", "Ori
// Goshen, the co-founder of AI21 Labs, announced", "according to Kelce,
// he’s"; not "… relationship with Zampino allowed", "top scorer Son, who
// sums up his philosophy").
func isSubject(sent string, p person) bool {
	if p.possessive {
		return false
	}
	if accordingToRE.MatchString(sent[:p.at]) {
		return true
	}
	if prepositionRE.MatchString(sent[:p.at]) {
		return false
	}
	rest := sent[p.end:]
	verb := func(rest string) bool {
		w := nextWordRE.FindStringSubmatch(rest)
		return w != nil && !clauseWordRE.MatchString(w[1]) && w[1] != "and" && w[1] != "or"
	}
	if verb(rest) {
		return true
	}
	if m := dashAsideRE.FindStringIndex(rest); m != nil && verb(rest[m[1]:]) {
		return true // "Coleman — who is also the mother of a son — advised"
	}
	// an apposition of one to three parts: "Adii Pienaar, another
	// investor, and co-founder of WooCommerce, which was acquired by
	// Automattic, told"; or the name itself one: ", Vera Jourova, said"
	parts := strings.SplitN(rest, ",", 5)
	if len(parts) < 2 || strings.TrimSpace(parts[0]) != "" {
		return false
	}
	if verb(parts[1]) && strings.HasSuffix(strings.TrimSpace(sent[:p.at]), ",") {
		return true
	}
	for k := 2; k < len(parts); k++ {
		if len(strings.Join(parts[1:k], ",")) > 160 {
			break
		}
		if verb(parts[k]) {
			return true
		}
	}
	return false
}

// dashAsideRE matches an aside between dashes after a name.
var dashAsideRE = regexp.MustCompile(`^\s*[—–]\s[^—–]{1,160}\s[—–]`)

// nextWordRE matches the next word, in lower case.
var nextWordRE = regexp.MustCompile(`^\s+(\p{Ll}[\p{L}’'-]*)`)

// accordingToRE matches "according to" right before a name.
var accordingToRE = regexp.MustCompile(`(?i)\baccording\s+to\s*$`)

// subjectPronounsOnly reports whether every pronoun of sent is pron's
// ("he", "she") as a subject, reflexive or possessive determiner ("…
// announced that he would …", "says that her company is …", "affect his
// relationship"; not "told her, was", "affect her.", "him").
func subjectPronounsOnly(sent, pron string) bool {
	for _, loc := range anyPronounRE.FindAllStringIndex(sent, -1) {
		if !subjectPronounAt(sent, loc, pron) {
			return false
		}
	}
	return true
}

// subjectPronounAt reports whether the pronoun of sent at loc is pron's
// as a subject, reflexive or possessive determiner (subjectPronounsOnly).
func subjectPronounAt(sent string, loc []int, pron string) bool {
	w := strings.ToLower(sent[loc[0]:loc[1]])
	switch {
	case w == pron, w == pron+"self" || w == "himself" && pron == "he":
		return true
	case w == map[string]string{"he": "his", "she": "her"}[pron]:
		// a determiner: a word of its own after it, not a function word
		// ("her company", not "her that", "her.")
		next := possessedRE.FindStringSubmatch(sent[loc[1]:])
		return next != nil && (!text.IsStopWord(next[1]) || next[1] == "own")
	}
	return false
}

// possessedRE matches the word after a possessive determiner.
var possessedRE = regexp.MustCompile(`^\s+([\p{Ll}\p{N}][\p{L}\p{N}-]*)`)

// introducesRE matches a sentence opening with a possessive or indefinite
// determiner and up to three words: "My assistant for the course", "Her
// husband", "One campus official".
var introducesRE = regexp.MustCompile(`^[\s,.;:—–-]*(?:[Mm]y|[Oo]ur|[Yy]our|[Tt]heir|[Hh]is|[Hh]er|[Aa]n?|[Oo]ne|[Aa]nother)\s+([\p{L}-]+)(?:\s+([\p{L}-]+))?(?:\s+([\p{L}-]+))?`)

// introducesSomeone reports whether a sentence naming nobody opens on a
// person it does not name ("My assistant …", "Her husband …", "A
// spokesperson …"): a pronoun after it may be theirs.
func introducesSomeone(sent string) bool {
	m := introducesRE.FindStringSubmatch(sent)
	if m == nil {
		return false
	}
	for _, w := range m[1:] {
		if w != "" && (text.IsPersonNoun(w) || text.IsRole(w)) {
			return true
		}
	}
	return false
}

// person is a person a sentence names, by their fullest name, and where.
type person struct {
	name    string
	at, end int
	// possessive: written "Tan's" ("Tan's husband said he…" says nothing
	// of Tan)
	possessive bool
}

// persons are the people s names (fullest names, each once, in order).
func (c *surround) persons(s string) []person {
	var out []person
	for _, p := range peopleAt(s, c.full) {
		p.name = fullest(p.name, c.full)
		if !slices.ContainsFunc(out, func(q person) bool { return q.name == p.name }) {
			out = append(out, p)
		}
	}
	return out
}

// withFirstNames adds to ps, the people of sent, a speaker quoted
// before whom it names by their first name alone as its subject, before
// anyone else it names ("the teenage Vincent didn’t fully appreciate
// just how art, Cook …" is about Vincent Namatjira, quoted already, not
// Cook): a pronoun after it may be theirs. The word is the first name of
// one the document gives in full and a quotation so far was given to,
// no one's surname, never written in lower case.
func (c *surround) withFirstNames(sent string, ps []person) []person {
	for _, sp := range text.NameSpans(sent) {
		if len(ps) > 0 && sp.Start >= ps[0].at {
			break
		}
		w := sent[sp.Start:sp.End]
		n := c.full[firstKey+w]
		if strings.Contains(w, " ") || n == "" || !c.spoke[n] || c.full[w] != "" || c.common[strings.ToLower(w)] || notPeople[w] || openingWord(w) || organisation(w) {
			continue
		}
		p := person{name: n, at: sp.Start, end: sp.End, possessive: possessiveAfter(w, sent[sp.End:])}
		if subordinateRE.MatchString(sent[:sp.Start]) {
			// "When Francesca explained to her father …, the director’s
			// eyes lit up": the subject of a clause within the sentence,
			// not the sentence's
			continue
		}
		if isSubject(sent, p) {
			return append([]person{p}, ps...)
		}
	}
	return ps
}

// subordinateRE matches a conjunction opening a clause within a
// sentence, right before its subject ("When Francesca explained …").
var subordinateRE = regexp.MustCompile(`(?i)\b(?:when|as|after|before|while|if|although|though|because|since|once|until|whereas)\s+$`)

// pronounSubjectRE matches a sentence opening with a pronoun ("He
// captured…", ", she said."), or one whose pronoun says something ("…,
// she explained, …").
var pronounSubjectRE = map[string]*regexp.Regexp{
	"he":  regexp.MustCompile(`^[\s,.;:—–-]*(?i:he)\b|\b(?i:he)\s+(?:` + verbs + `)\b`),
	"she": regexp.MustCompile(`^[\s,.;:—–-]*(?i:she)\b|\b(?i:she)\s+(?:` + verbs + `)\b`),
}

// pronounSubject reports whether the sentence is about the one the
// pronoun means: it opens with it, or the pronoun says something in it.
func pronounSubject(sent, pron string) bool {
	return pronounSubjectRE[pron].MatchString(sent)
}

// anyPronounRE matches a pronoun of either gender.
var anyPronounRE = regexp.MustCompile(`(?i)\b(?:he|him|his|himself|she|her|hers|herself)\b`)

// pronounSaysRE matches a pronoun saying something: "she said", the
// attribution clause of a quotation.
var pronounSaysRE = regexp.MustCompile(`(?i)\b(?:he|she)\s+(?:` + verbs + `)\b`)

// familyOf is the pronoun ("he", "she") of a form of it ("her").
func familyOf(w string) string {
	if samePerson["she"].MatchString(w) {
		return "she"
	}
	return "he"
}

// honorificRE matches a surname after an honorific that tells its
// pronoun.
var honorificRE = regexp.MustCompile(`\b(Mr|Mrs|Ms|Miss)\.?\s+(\p{Lu}[\p{L}'’-]+)`)

// genders are the pronouns a document gives its people where it says so
// plainly: a sentence's first pronoun is the person's when the sentence
// names only that person before it ("Tan told me she…", "Umamaheswar
// showed the posts to her husband, Alex Sinha"), written other than
// possessively ("Tan's husband said he…"); a sentence opening with a
// pronoun and naming nobody follows one that names only that person
// ("Victoria O'Meara … has been interviewing scholars. She told me…");
// an honorific ("Mr. Sinha"); not a person written after a preposition
// ("In a message to Spears, he said"), nor a pronoun in a clause of its
// own ("When Timberlake tells the world that she…"), nor a sentence
// before a pronoun's whose one person is not its subject ("The singer’s
// interview … speaking out about Kelce. She …"). A person is given a pronoun when
// it has at least three times the other's votes; else mixed when given
// both, none when given neither.
func genders(doc *corpus.Document, full map[string]string) map[string]string {
	votes := map[string]map[string]int{}
	vote := func(name, fam string) {
		if votes[name] == nil {
			votes[name] = map[string]int{}
		}
		votes[name][fam]++
	}
	c := &surround{full: full}
	for _, p := range doc.Paragraphs {
		para := doc.Text[p.Start:p.End]
		masked := dropCredits(dropCap(maskQuotes(para, anyQuoteRE.FindAllStringIndex(para, -1))))
		prevOne := ""
		for _, sp := range maskedSentences(masked) {
			sent := masked[sp.Start:sp.End]
			ps := c.persons(sent)
			if loc := anyPronounRE.FindStringIndex(sent); loc != nil {
				fam := familyOf(sent[loc[0]:loc[1]])
				var before []person
				for _, q := range ps {
					if q.at < loc[0] {
						before = append(before, q)
					}
				}
				switch {
				case len(before) == 1 && !before[0].possessive && !prepositionRE.MatchString(sent[:before[0].at]) && before[0].end <= loc[0] && !clauseWordRE.MatchString(sent[before[0].end:loc[0]]) && subjectPronounAt(sent, loc, fam):
					// not "In a message directly to Spears, he said",
					// nor "When Timberlake tells the world that she
					// cheated on him", nor "Reyes told her, …" (an
					// object: someone else)
					vote(before[0].name, fam)
				case len(ps) == 0 && prevOne != "" && pronounSubject(sent, fam):
					vote(prevOne, fam)
				}
			}
			prevOne = ""
			if len(ps) == 1 && !ps[0].possessive && opensClause(sent[:ps[0].at]) {
				// the sentence's subject: not "The singer’s interview
				// … marks her first time speaking out about Kelce."
				prevOne = ps[0].name
			}
		}
		for _, m := range honorificRE.FindAllStringSubmatch(masked, -1) {
			if full[m[2]] != "" {
				vote(fullest(m[2], full), map[string]string{"Mr": "he"}[m[1]]+map[bool]string{true: "she"}[m[1] != "Mr"])
			}
		}
	}
	out := map[string]string{}
	for n, v := range votes {
		for _, fam := range []string{"he", "she"} {
			other := map[string]string{"he": "she", "she": "he"}[fam]
			if v[fam] > 0 && v[fam] >= 3*v[other] {
				out[n] = fam
			}
		}
		if out[n] == "" && v["he"] > 0 && v["she"] > 0 {
			out[n] = mixed
		}
	}
	return out
}

// followingVerbRE matches the words between two quotations of one
// sentence that give the second to the first's speaker: a verb of saying
// with no subject of its own (“…” adding, “…”; “…,” and added: “…”).
var followingVerbRE = regexp.MustCompile(`^(?:and\s+)?(?:` + verbs + `)\s*[,:]?$`)

// continues reports whether a quotation with no clause of its own goes on
// from the paragraph's speaker: it stands as a sentence of its own (head,
// the words since the quotation before, quotations masked, are none or
// end a sentence: not "…, read: “" nor "Some of S.'s comments would
// claim Tan “…”"), they name no other person ("Every state has different
// laws, Sinha said. “…”" after Tan's quotation), and any pronoun in them
// that does not say something is the speaker's ("Sinha texted the
// professor. He felt duty bound to warn him. “…”").
func (c *surround) continues(head, speaker string) bool {
	h := strings.TrimSpace(head)
	if followingVerbRE.MatchString(h) {
		return true // “…” adding, “…”: the same sentence's speaker
	}
	if h != "" && !strings.HasSuffix(h, ".") && !strings.HasSuffix(h, "!") && !strings.HasSuffix(h, "?") {
		return false
	}
	for _, p := range c.persons(head) {
		if p.name != speaker {
			return false
		}
	}
	h = pronounSaysRE.ReplaceAllString(h, "")
	for _, w := range anyPronounRE.FindAllString(h, -1) {
		if familyOf(w) != c.gender[speaker] {
			return false
		}
	}
	return true
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
	for _, p := range peopleAt(s, full) {
		out = append(out, p.name)
	}
	return out
}

// peopleAt are the people of s (people) and where s names them.
func peopleAt(s string, full map[string]string) []person {
	var out []person
	for _, sp := range text.NameSpans(s) {
		n := cleanName(spanName(s, sp))
		if n == "" || organisation(n) || demonyms(n) || place(n) || full[orgKey+n] != "" {
			continue
		}
		if strings.Contains(n, " ") || full[n] != "" {
			rest := s[sp.End:]
			out = append(out, person{name: n, at: sp.Start, end: sp.End, possessive: possessiveAfter(s[sp.Start:sp.End], rest)})
		}
	}
	return out
}

// firstNameOnly is the person an attribution clause after a quotation
// names by their first name alone, its whole subject ("“…,” Rachel says"
// of Rachel Bush), when the document names one person of that first name
// and no one else (onlyFirstName); else "". A first name in the clause
// before a quotation ("When Francesca explained to her father …, “…,” he
// replied") gives nothing: there a pronoun after it may be another's.
func firstNameOnly(phrase string, full map[string]string) string {
	w := strings.TrimSpace(phrase)
	if !onlyFirstName(w, full) || organisation(w) {
		return ""
	}
	return full[firstKey+w]
}

// onlyFirstName reports whether a word is the first name of one person
// of the document and of no one else there, and no one's surname: "“…,”
// Rachel says" in a story that names Rachel Bush once and no other
// Rachel is hers (fullest gives her whole name). A first name two people
// of the document share is neither's.
func onlyFirstName(w string, full map[string]string) bool {
	ns := full[firstsKey+w]
	return ns != "" && !strings.Contains(ns, "\n") && full[w] == "" && !notPeople[w] && !openingWord(w)
}

// possessiveAfter reports whether a name is written possessively, rest
// being the text right after it: "Tan's", "Tsimikas’ collarbone" (a name
// ending in s, its apostrophe alone).
func possessiveAfter(name, rest string) bool {
	if strings.HasPrefix(rest, "’s") || strings.HasPrefix(rest, "'s") {
		return true
	}
	return strings.HasSuffix(name, "s") && (strings.HasPrefix(rest, "’ ") || strings.HasPrefix(rest, "' "))
}

// demonyms reports whether a name of two words or more is made of words
// of peoples ("Asian American"): a group, not a person. One word is a
// surname ("White" for Betty White).
func demonyms(name string) bool {
	ws := strings.Fields(name)
	return len(ws) > 1 && !slices.ContainsFunc(ws, func(w string) bool { return !text.IsDemonym(w) })
}

// placeOpeners open the names of places, never a person's: "North
// Melbourne", "West Coast", "New Hampshire".
var placeOpeners = map[string]bool{"North": true, "South": true, "East": true, "West": true, "Northern": true, "Southern": true, "Eastern": true, "Western": true, "New": true}

// place reports whether a name of two words or more is a place's
// (placeOpeners, a last word that ends places' names: "Allegiant
// Stadium", or a place's whole name: "Wall Street").
func place(name string) bool {
	ws := strings.Fields(name)
	return len(ws) >= 2 && (placeOpeners[ws[0]] || text.IsPlaceWord(ws[len(ws)-1]) || text.IsPlaceWord(strings.Join(ws, " ")))
}

// organisation reports whether a name is an organisation's: one of its
// words makes it so ("Sony Music", "Mayo Clinic", "University of
// Michigan").
func organisation(name string) bool {
	return slices.ContainsFunc(strings.Fields(name), func(w string) bool { return text.IsOrganisationWord(w) || brandWord(w) })
}

// brandRE matches a word with a capital inside it after two small
// letters, a brand's or a product's ("OpenAI", "DevDay", "TikTok",
// "PayPal"); namePrefixRE the prefixes of people's names written so
// ("McDonald", "MacKinnon", "DeChambeau", "LaVigne", "DiCaprio").
var (
	brandRE      = regexp.MustCompile(`\p{Ll}{2}\p{Lu}`)
	namePrefixRE = regexp.MustCompile(`^(?:Mc|Mac|De|Del|Della|Di|Da|Dal|Du|La|Le|Lo|Van|Von|Fitz|St)\p{Lu}\p{Ll}+$`)
)

// brandWord reports whether w is written as a brand is, not a person's
// name (brandRE, namePrefixRE).
func brandWord(w string) bool {
	w = strings.TrimSuffix(strings.TrimSuffix(strings.Trim(w, ".,"), "’s"), "'s")
	return brandRE.MatchString(w) && !namePrefixRE.MatchString(w)
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

// creditRE matches a photo's credit naming an agency, run into the
// story's next sentence: "… Credit: Getty Prior had blasted …", "Credit:
// AFL Photos / Getty Images The Lions …".
var creditRE = regexp.MustCompile(`\bCredit:\s*(?:(?:AFL Photos|Getty Images|Getty|Reuters Pool|Reuters|Bloomberg|AAP|AP|AFP|EPA|PA|iStock)\b(?:\s*/\s*|,\s*)?)+`)

// dropCredits ends a sentence where a photo's credit (creditRE) was,
// blanking it (same length): the agency is no part of the name after it
// ("Getty Hanks" is Hanks).
func dropCredits(s string) string {
	return creditRE.ReplaceAllStringFunc(s, func(m string) string {
		return "." + strings.Repeat(" ", len(m)-1)
	})
}

// dropCapRE matches a paragraph's first word written twice by a page's
// drop capital: "inhaSinha became obsessive", "ikeLike many instructors".
var dropCapRE = regexp.MustCompile(`^\s*(\p{Ll}+)\p{Lu}(\p{Ll}+)`)

// dropCap blanks the letters a drop capital repeats before a paragraph's
// first word (same length), so that the word is read as written
// ("Sinha", not "inhaSinha").
func dropCap(para string) string {
	m := dropCapRE.FindStringSubmatchIndex(para)
	if m == nil || !strings.HasPrefix(para[m[4]:m[5]], para[m[2]:m[3]]) {
		return para
	}
	return para[:m[2]] + strings.Repeat(" ", m[3]-m[2]) + para[m[3]:]
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
		possessive := i < len(words)-1 && (strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "s’"))
		w = strings.TrimSuffix(strings.TrimSuffix(w, "’s"), "'s")
		if len(w) > 1 && strings.ToUpper(w) == w && !strings.Contains(w, ".") || text.IsRole(w) || possessive {
			// "ESPN’s Adam Schefter": the possessor is not the person
			words = words[i+1:]
			break
		}
	}
	for len(words) > 0 && !forenameFirst(words) && (notPeople[words[0]] || openingWord(words[0])) {
		words = words[1:]
	}
	// a title, a profession or a description before the name: "Leader
	// Danie Jones", "Sociologist Victor Ray", "Virginia-based Keeley",
	// "Secretary-General Hans Ellegren"
	for len(words) > 1 && titleWord(words[0]) {
		words = words[1:]
	}
	if i := slices.Index(words, "of"); i > 0 && i == len(words)-2 && !slices.ContainsFunc(words[:i], text.IsOrganisationWord) {
		// "Bradley of Washington", "Mark Warner of Virginia": the place
		// is no part of the name
		words = words[:i]
	}
	if len(words) > 3 {
		// "Senate Majority Leader Chuck Schumer": a title within a long
		// name ends what is not the person's
		for i := len(words) - 2; i >= 0; i-- {
			if text.IsTitle(strings.Trim(words[i], ".,")) {
				words = words[i+1:]
				break
			}
		}
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

// titleWord reports whether w, a speaker phrase's first word before
// another, is no part of the person's name: a title, role or honorific
// (text.IsTitle: "Leader", "Senators", "Secretary-General",
// "Sociologist"), a people's word ("American"), a description
// ("Virginia-based"), a word of saying ("Says") or a contraction
// ("I’m").
func titleWord(w string) bool {
	w = strings.Trim(w, ".,:;")
	lw := strings.ToLower(w)
	switch {
	case text.IsTitle(w), text.IsSayingVerb(w):
		return true
	case text.IsDemonym(w) && lw != "christian" && lw != "white" && lw != "black":
		// "European Command", "British Columbia": a people's word
		// opens no person's name ("Christian Eriksen" aside)
		return true
	case strings.HasSuffix(lw, "-based"), strings.HasSuffix(lw, "-born"):
		return true
	}
	for _, c := range []string{"’m", "'m", "’re", "'re", "’ve", "'ve", "’ll", "'ll"} {
		if strings.HasSuffix(lw, c) {
			return true
		}
	}
	return false
}

// fullNames maps each surname of a document's names of people (two or
// three words on one line: "Sarah Michelle Gellar") to the name ending in
// it that the document means by it: the one its title names ("Kelce" in
// a story titled on Travis Kelce that names Jason Kelce too), else the
// one written most often, then the longest.
func fullNames(title, s string, common map[string]bool) map[string]string {
	// "Karl E. Jandrey" is Karl Jandrey: a middle initial parts no name
	title, s = middleInitialRE.ReplaceAllString(title, "$1 $2"), middleInitialRE.ReplaceAllString(s, "$1 $2")
	count := map[string]int{}
	m := map[string]string{}
	for _, part := range []struct {
		s      string
		weight int
	}{{title, titleWeight}, {s, 1}} {
		m = namesIn(part.s, part.weight, common, count, m)
	}
	for _, part := range []string{title, s} {
		for _, o := range ofOrgRE.FindAllStringSubmatch(part, -1) {
			m[orgKey+o[1]] = o[1]
		}
	}
	return m
}

// middleInitialRE matches a middle initial between a first name and a
// surname: "Karl E. Jandrey".
var middleInitialRE = regexp.MustCompile(`\b(\p{Lu}\p{Ll}+) \p{Lu}\. (\p{Lu}\p{Ll})`)

// titleWeight is what a name in the title counts for against the
// mentions in the text.
const titleWeight = 3

func namesIn(s string, weight int, common map[string]bool, count map[string]int, m map[string]string) map[string]string {
	for _, sp := range text.NameSpans(s) {
		ws := strings.Fields(spanName(s, sp))
		if len(ws) == 2 && text.IsTitle(ws[0]) {
			// "Pastor Bradley": a surname said with a title only
			if n := cleanName(ws[1]); n != "" && m[n] == "" && !organisation(n) && !text.IsDemonym(n) && !common[strings.ToLower(n)] && !notPeople[n] && !openingWord(n) {
				m[n] = n
			}
		}
		// "Although Kooker": a word the document also writes in lower
		// case opened a sentence; but not a first name that is a stop
		// word ("said Will Maas", forenameFirst)
		for len(ws) > 0 && !forenameFirst(ws) && (notPeople[ws[0]] || openingWord(ws[0]) || common[strings.ToLower(ws[0])]) {
			ws = ws[1:]
		}
		if i := slices.Index(ws, "of"); i >= 2 && i <= 3 && i < len(ws)-1 {
			// "Louis Brus of Columbia University": the person before
			// the place or the organisation they are of
			ws = ws[:i]
		}
		if len(ws) > 3 {
			// "Senate Majority Leader Chuck Schumer": the name after a
			// title or role, when one is written right before it
			n := strings.Fields(cleanName(strings.Join(ws, " ")))
			if k := len(ws) - len(n) - 1; len(n) < 2 || k < 0 || !text.IsTitle(strings.Trim(ws[k], ".,")) && !text.IsRole(strings.Trim(ws[k], ".,")) {
				continue
			}
			ws = n
		}
		if len(ws) < 2 || len(ws) > 3 {
			continue
		}
		n := cleanName(strings.Join(ws, " "))
		if demonyms(n) || place(n) {
			continue // "Asian American", "North Melbourne" are no person's names
		}
		if ws = strings.Fields(n); len(ws) < 2 {
			continue
		}
		count[n] += weight
		last := ws[len(ws)-1]
		if o := m[last]; o == "" || count[n] > count[o] || count[n] == count[o] && len(n) > len(o) {
			m[last] = n
		}
		if len(ws) > 2 && nameSuffix[strings.TrimSuffix(last, ".")] {
			// "Albert Bryan Jr." is "Bryan" too
			if o := m[ws[len(ws)-2]]; o == "" || count[n] > count[o] {
				m[ws[len(ws)-2]] = n
			}
		}
		// a first name said alone ("Taylor" for Taylor Swift), kept
		// apart from surnames
		if o := m[firstKey+ws[0]]; o == "" || count[n] > count[o] {
			m[firstKey+ws[0]] = n
		}
		// the names a first name is the first of, apart
		if o := m[firstsKey+ws[0]]; !slices.Contains(strings.Split(o, "\n"), n) {
			m[firstsKey+ws[0]] = strings.TrimPrefix(o+"\n"+n, "\n")
		}
		m[countKey+n] = strconv.Itoa(count[n])
	}
	return m
}

// nameSuffix are the words after a surname that end a name.
var nameSuffix = map[string]bool{"Jr": true, "Sr": true, "II": true, "III": true, "IV": true}

// The keys of a document's names map that are not surnames: a first name,
// the names of that first name (one a line), a name's count, and an
// organisation's name (ofOrgRE).
const firstKey, firstsKey, countKey, orgKey = "first:", "firsts:", "count:", "org:"

// ofOrgRE matches the name of an organisation after a role in it:
// "the co-founder of Boston Dynamics", "chief executive of Acme Robotics".
var ofOrgRE = regexp.MustCompile(`\b(?:[Cc]o-?founder|[Ff]ounder|CEO|[Cc]hief [Ee]xecutive|[Ss]ubsidiary|[Ss]pokes(?:person|man|woman)) of (\p{Lu}[\p{L}&'’-]*(?: \p{Lu}[\p{L}&'’-]*){1,2})\b`)

// openingWord reports whether w opens a sentence rather than a name: a
// stop word, an opener (text.IsOpener: "Although Beeper did not…"), an
// adverb in -ly, a word in -ing ("Loading").
func openingWord(w string) bool {
	lw := strings.ToLower(strings.Trim(w, ",."))
	return text.IsStopWord(lw) || text.IsOpener(lw) || len(lw) > 4 && strings.HasSuffix(lw, "ly") || len(lw) > 5 && strings.HasSuffix(lw, "ing")
}

// openedWithClosing is a paragraph that opens a quotation with a closing
// mark ("”A devastating transfer …,” Helen Smith said"), its first mark
// made an opening one (the same length: offsets hold); else para.
func openedWithClosing(para string) string {
	if rest, ok := strings.CutPrefix(para, "”"); ok {
		if r, _ := utf8.DecodeRuneInString(rest); unicode.IsLetter(r) && strings.Contains(rest, "”") {
			return "“" + rest
		}
	}
	return para
}

// forenameFirst reports whether a name's first word is a first name that
// is also a stop word ("Will Maas": text.NameSpans lets one open a name
// only so, mid-sentence, before a capitalised word).
func forenameFirst(ws []string) bool {
	lw := strings.ToLower(ws[0])
	return len(ws) >= 2 && text.IsStopWord(lw) && text.Forename(lw) != lw
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
	if ok && len(f) > len(who) && (strings.HasSuffix(f, who) || strings.Contains(f, " "+who+" ") && nameSuffix[f[strings.LastIndex(f, " ")+1:]]) {
		return f // "Bryan" is "Albert Bryan Jr"
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
// the surnames are equal, and so are the first names when both are given,
// a familiar form as its formal one ("Altman" is "Sam Altman", "Chuck
// Schumer" is "Charles Schumer"; "Sam Altman" is not "Jack Altman").
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
	if len(s) > 1 && len(a) > 1 && text.Forename(s[0]) != text.Forename(a[0]) && !(len(s) > 2 && slices.Contains(s[1:len(s)-1], a[0])) {
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

// topicOf is the share of a topic's words (tw) told beside a quotation:
// in the quotation, its paragraph, the paragraph before (which often
// tells what the words are about: "Real Madrid outclassed Girona 3-0 …"
// before Bellingham's) or its story's title; story reports whether its
// story holds every one of them.
func topicOf(tw weights, q Quotation) (near float64, story bool) {
	d := q.Doc
	n := d.ParagraphAt(q.Start)
	near = tw.coverage(d.Title + "\n" + d.Paragraph(n-1) + "\n" + d.Paragraph(n))
	return near, tw.coverage(d.Title+"\n"+d.Text) == 1
}

// Quotes finds what name said (about topic, when given) in the documents
// req may see: the direct quotations attributed to them, one line per
// quotation, oldest first, dated and cited. Computed at query time over
// the documents of the passages retrieved for the name and topic. With a
// topic, a quotation is shown when the topic's words are told beside it
// (topicOf); when none of the name's is, those in stories holding every
// one of the topic's words are.
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
	var fs, inStory []found
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
			f.when, _ = h.Doc.PublishedTime()
			if topic != "" {
				var story bool
				if f.topic, story = topicOf(tw, q); f.topic == 0 {
					if story {
						inStory = append(inStory, f)
					}
					continue
				}
			}
			seenText[k] = true
			fs = append(fs, f)
		}
	}
	if len(fs) == 0 {
		// none of the speaker's quotations is told beside the topic's
		// words: those in a story holding every one of them are about
		// it as far as the documents tell (a roundup's "It was a solid,
		// convincing game" of Girona's defeat, three paragraphs on)
		for _, f := range inStory {
			k := answer.NormalizeQuote(strings.ToLower(f.Text()))
			if !seenText[k] {
				seenText[k] = true
				fs = append(fs, f)
			}
		}
	}
	slices.SortStableFunc(fs, func(a, b found) int { return a.when.Compare(b.when) })
	r := &Result{Query: strings.TrimSpace(name + " " + topic), from: res}
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
