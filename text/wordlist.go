package text

import (
	"bufio"
	_ "embed"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

//go:embed data/words.txt
var wordsTxt string

// sections are the word list's sections: each maps a word to its value
// (the expansion of slang, the number of a month, "" for a plain list).
var sections = func() map[string]map[string]string {
	out := map[string]map[string]string{}
	var cur map[string]string
	sc := bufio.NewScanner(strings.NewReader(wordsTxt))
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		line = strings.TrimSpace(line)
		switch {
		case line == "":
			continue
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			cur = map[string]string{}
			out[line[1:len(line)-1]] = cur
		case strings.Contains(line, " = ") || strings.HasSuffix(line, " ="):
			k, v, _ := strings.Cut(line, "=")
			cur[strings.TrimSpace(k)] = strings.TrimSpace(v)
		default:
			for _, f := range strings.Fields(line) {
				k, v, _ := strings.Cut(f, "=")
				cur[k] = v
			}
		}
	}
	return out
}()

// list returns a section of the word list as a set.
func list(name string) map[string]bool {
	m := map[string]bool{}
	for k := range sections[name] {
		m[k] = true
	}
	return m
}

// values returns a section of the word list whose values are numbers.
func values(name string) map[string]float64 {
	m := map[string]float64{}
	for k, v := range sections[name] {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			panic("text: data/words.txt: [" + name + "] " + k + ": " + err.Error())
		}
		m[k] = f
	}
	return m
}

var (
	stopWords     = list("stop")
	chatWords     = list("chat")
	honorifics    = list("honorifics")
	roles         = list("roles")
	titles        = list("titles")
	abbreviations = list("abbreviations")
	calendar      = list("calendar")
	prospective   = list("prospective")
	hedged        = list("hedged")
	saying        = list("saying")
	reporting     = list("reporting")
	inverting     = list("inverting")
	organisations = list("organisations")
	places        = list("places")
	demonyms      = list("demonyms")
	personNouns   = list("people")
	pronouns      = list("pronouns")
	beating       = list("beating")
	winning       = list("winning")
	losing        = list("losing")
	slang         = sections["slang"]
	measures      = sections["measures"]
	forenames     = sections["forenames"]
	months        = values("months")
	days          = values("days")
	numberWords   = values("numbers")
	scales        = values("scales")
)

// MeasureOf returns what word (lower case) names the measure of: a
// figure's ("valuation" and "valued" give "value", "raised" "raise") or a
// person's role ("chairwoman" gives "chair"); "" for other words. A
// question asking one measure is not answered by a sentence giving
// another.
func MeasureOf(word string) string { return measures[word] }

// Measures returns the measures (MeasureOf) s names; "chief executive"
// is "ceo".
func Measures(s string) map[string]bool {
	out := map[string]bool{}
	words := Words(s)
	for i, w := range words {
		if m := measures[w]; m != "" {
			out[m] = true
		}
		if w == "chief" && i+1 < len(words) && words[i+1] == "executive" {
			out["ceo"] = true
		}
	}
	return out
}

// Forename returns a first name (lower case) in its formal form: "chuck"
// gives "charles", "bob" "robert"; any other name is returned as it is.
func Forename(w string) string {
	if f := forenames[w]; f != "" {
		return f
	}
	return w
}

// IsStopWord reports whether w (lower case) is a common English function word.
func IsStopWord(w string) bool { return stopWords[w] }

// IsProspective reports whether w asks about what is expected rather than
// what happened ("forecast", "will", "expected").
func IsProspective(w string) bool { return prospective[strings.ToLower(w)] }

// Hedged reports whether sentence s tells of what may yet happen or is
// not settled rather than what did: it holds a word such as "potential",
// "likely", "plans" or "expected" (any case).
func Hedged(s string) bool {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if hedged[strings.ToLower(w)] {
			return true
		}
	}
	return false
}

// FigureHedged reports whether the clause of sentence s that states its
// first figure is hedged (Hedged): "Mistral is in talks to raise $400
// million" is, "Poolside, a company that recently raised a $126 million
// seed round, plans to use AI" is not (the plan is another clause's). A
// clause runs between commas, semicolons, colons, dashes and brackets;
// a sentence with no figure is read whole.
func FigureHedged(s string) bool {
	i := strings.IndexFunc(s, unicode.IsDigit)
	if i < 0 {
		return Hedged(s)
	}
	start, end := 0, len(s)
	for j, r := range s {
		if !clauseBreak(s, j, r) {
			continue
		}
		if j < i {
			start = j
		} else {
			end = j
			break
		}
	}
	return Hedged(s[start:end])
}

// clauseBreak reports whether rune r at byte j of s ends a clause: a
// comma (not one between digits, "1,300"), semicolon, colon, dash or
// bracket.
func clauseBreak(s string, j int, r rune) bool {
	switch r {
	case ';', ':', '—', '–', '(', ')':
		return true
	case ',':
		return j == 0 || j+1 >= len(s) || !isDigitByte(s[j-1]) || !isDigitByte(s[j+1])
	}
	return false
}

// IsSubjectPronoun reports whether w (any case) is a personal pronoun a
// sentence may open with in place of a name: "he", "she", "they".
func IsSubjectPronoun(w string) bool { return pronouns[strings.ToLower(w)] }

// IsChatWord reports whether w (lower case) is chat shorthand that says
// nothing about what a question is about ("rn", "pls", "thx").
func IsChatWord(w string) bool { return chatWords[w] }

// IsHonorific reports whether w is a title written before a name ("Dr",
// "Mrs", "Sen."), in any case, with or without its full stop.
func IsHonorific(w string) bool { return honorifics[strings.ToLower(strings.TrimSuffix(w, "."))] }

// IsRole reports whether w is a title or role rather than a name ("CEO",
// "president", "spokeswoman"), in any case.
func IsRole(w string) bool { return roles[strings.ToLower(w)] }

// IsRoleTerm reports whether term is the index term (Term) of a role
// ("ceo", "coach", "president"): in "who's check point's ceo" the role is
// what is asked, the company what it is about.
func IsRoleTerm(term string) bool { return roleTerms()[term] }

// roleTerms are the index terms of the roles.
var roleTerms = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for w := range roles {
		m[Term(w)] = true
	}
	return m
})

// IsTitle reports whether w (any case) is a title written before a name
// rather than part of it: a role or honorific, in the plural too
// ("Senators"), either half of a hyphenated one ("Secretary-General",
// "Co-owner"), a word of the titles list ("Leader", "Pastor",
// "Promoter") or a profession's ("Sociologist", "Meteorologist",
// "Astrophotographer", "Economist", "Pediatrician").
func IsTitle(w string) bool {
	lw := strings.ToLower(strings.TrimSuffix(w, "."))
	if lw == "" {
		return false
	}
	if roles[lw] || honorifics[lw] || titles[lw] || roles[strings.TrimSuffix(lw, "s")] || titles[strings.TrimSuffix(lw, "s")] {
		return true
	}
	if i := strings.IndexByte(lw, '-'); i > 0 && (IsTitle(lw[:i]) || IsTitle(lw[i+1:])) {
		return true
	}
	for _, suf := range professionSuffixes {
		if len(lw) > len(suf)+2 && strings.HasSuffix(lw, suf) {
			return true
		}
	}
	return false
}

// professionSuffixes end the words of professions, never a given name's.
var professionSuffixes = []string{"ologist", "ologists", "grapher", "graphers", "ician", "icians", "nomer", "ist", "ists"}

// SayingVerbs returns the verbs that attribute a quotation, in the forms
// a story writes them ("said", "tells", "adding"), longest first so that
// a regular expression alternation of them prefers "says" to "say".
func SayingVerbs() []string { return longestFirst(saying) }

// longestFirst is a set's words, longest first, then in order.
func longestFirst(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for w := range set {
		out = append(out, w)
	}
	slices.SortFunc(out, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	return out
}

// sayingTerms are the index terms of the verbs of saying and reporting.
var sayingTerms = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, set := range []map[string]bool{saying, reporting} {
		for w := range set {
			m[Term(w)] = true
		}
	}
	return m
})

// IsSayingTerm reports whether term is the index term (Term) of a verb of
// saying or reporting: "what did he add" asks what a sentence saying
// "said" gives.
func IsSayingTerm(term string) bool { return sayingTerms()[term] }

// InvertingSayingVerbs returns the verbs of saying a story writes before
// the speaker ("said Podzuweit", "Added Kooker:"), longest first; never
// "told" or "asked", whose object is the one spoken to.
func InvertingSayingVerbs() []string { return longestFirst(inverting) }

// IsSayingVerb reports whether w (any case) is a verb that attributes a
// quotation ("said", "Told").
func IsSayingVerb(w string) bool { return saying[strings.ToLower(w)] }

// IsOrganisationWord reports whether w (any case) makes a capitalised name
// an organisation's rather than a person's ("Sony Music", "Mayo Clinic",
// "Acme Inc").
func IsOrganisationWord(w string) bool {
	return organisations[strings.ToLower(strings.TrimSuffix(w, "."))]
}

// IsPlaceWord reports whether w (any case) ends a place's name rather
// than a person's ("Allegiant Stadium"), or is a place's whole name
// ("Wall Street").
func IsPlaceWord(w string) bool { return places[strings.ToLower(strings.TrimSuffix(w, "."))] }

// IsPersonNoun reports whether w (any case) is a noun of a person not
// named ("assistant", "husband").
func IsPersonNoun(w string) bool { return personNouns[strings.ToLower(w)] }

// IsDemonym reports whether w (any case) is a word of a people or nation
// ("Asian", "American"): a name made only of such words is a group's.
func IsDemonym(w string) bool { return demonyms[strings.ToLower(w)] }

// Outcome is what a word tells of a match's result.
type Outcome int

const (
	// NoOutcome: the word tells nothing of a result.
	NoOutcome Outcome = iota
	// Beats: the team before the word won, and a team right after it lost
	// ("beat", "defeated", "edging"); after "by" or "to" the reverse
	// ("were beaten by", "a defeat to").
	Beats
	// Wins: the team before the word won; a team after "over" or
	// "against" lost ("won", "prevailed", "a win over").
	Wins
	// Loses: the team before the word lost; a team after "to", "against"
	// or "by" won ("lost to", "fell to").
	Loses
)

// OutcomeOf returns what w (any case) tells of a match's result.
func OutcomeOf(w string) Outcome {
	switch w = strings.ToLower(w); {
	case beating[w]:
		return Beats
	case winning[w]:
		return Wins
	case losing[w]:
		return Loses
	}
	return NoOutcome
}

// IsAbbreviation reports whether a full stop after w (lower case, without
// the stop) does not end a sentence ("mr", "inc", "u.s").
func IsAbbreviation(w string) bool { return abbreviations[w] }

// Month returns the month a word names ("Sept", "october"), or 0.
func Month(w string) int {
	return int(months[strings.ToLower(strings.TrimSuffix(w, "."))])
}

// IsCalendarWord reports whether w (lower case) names a month or a day of
// the week, or is a word of dates ("today", "yesterday", "last").
func IsCalendarWord(w string) bool {
	return months[w] > 0 || days[w] > 0 || calendar[w]
}
