package answer

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/text"
)

// boilerplateRE matches lines that are a page's furniture, not its
// reporting: promotions, navigation, calls to subscribe or watch, photo
// credits and captions.
var boilerplateRE = regexp.MustCompile(`(?i)^(?:more|related|read more|also read|read also|see also|watch|listen|photos?|images?|video|credits?|caption|source|share|download)\s*:|^(?:subscribe|sign up|click here|follow us|advertisement|sponsored|getty images|file photo|pictured)\b|^[\(\[](?:photo|image|credit|getty|ap photo)\b|\b(?:live with|free trial|sign up for|subscribe to|getty images|all rights reserved|click here)\b`)

// junkRE matches a page's template and furniture that reads like a
// sentence: unrendered templates ("{{ #verifyErrors }}"), error notices,
// "GO DEEPER" links, newsletter and tip-line appeals.
var junkRE = regexp.MustCompile(`\{\{|\}\}|(?i)something went wrong|please try again later|^go deeper\b|\bnewsletters?\b|\b(?:have|got|send us) a (?:news )?tip\b|\btip ?line\b|\bsecure ?drop\b`)

// quotableHeadline reports whether a document's title may be quoted as an
// answer: four words or more, not furniture, saying something (a verb or
// a number), not shouting.
func quotableHeadline(title string) bool {
	return len(strings.Fields(title)) >= 4 && !furniture(title) &&
		!shouting(title) && (verbRE.MatchString(title) || len(text.Numbers(title)) > 0)
}

// socialRE matches an embedded social-media post: its "— Name (@handle)
// date" signature or its picture link.
var socialRE = regexp.MustCompile(`\(@\w{1,30}\)|pic\.twitter\.com/|\bt\.co/\w`)

// verbRE matches a word that is, or is likely to be, a verb; a line
// without one is a heading, a label or a table row.
var verbRE = regexp.MustCompile(`(?i)\b(?:is|are|was|were|be|been|being|am|has|have|had|do|does|did|will|would|can|could|shall|should|may|might|must|said|says|say|told|tells|added|made|makes|took|takes|won|wins|lost|gave|gives|got|gets|went|goes|came|comes|left|leaves|saw|sees|found|finds|knew|thought|began|put|set|let|kept|held|\w{3,}(?:ed|es))\b`)

// quotable reports whether a sentence of a document may be quoted as an
// answer: it must read as reporting, not as a heading, promotion, caption
// or table row. A line without a verb is kept only for a question asking
// for a number when it holds one ("Final: Broncos 21, Vikings 20").
func quotable(s string, k text.Kind) bool {
	s = strings.TrimSpace(s)
	words := strings.Fields(s)
	if len(words) < 4 || furniture(s) || socialPost(s) || shouting(s) {
		return false
	}
	if sentenceEndRE.MatchString(s) || verbRE.MatchString(s) && len(words) >= Tune.MinUnendedWords {
		return true
	}
	return (k == text.AskCount || k == text.AskMoney || k == text.AskQuantity) && len(text.Numbers(s)) > 0 && len(words) <= 25
}

// furniture reports whether s matches boilerplateRE or junkRE. Most
// sentences hold none of the words those need, and a look for the words
// is far cheaper than the patterns: they run only when one is there.
func furniture(s string) bool {
	lower := strings.ToLower(s)
	boiler := strings.Contains(lower, ":") || strings.HasPrefix(lower, "(") || strings.HasPrefix(lower, "[") ||
		containsAny(lower, boilerplateWords)
	junk := containsAny(lower, junkWords)
	return boiler && boilerplateRE.MatchString(s) || junk && junkRE.MatchString(s)
}

// boilerplateWords and junkWords are words one of which every match of
// boilerplateRE (when it has no colon and opens with no bracket) and of
// junkRE holds.
var (
	boilerplateWords = []string{"subscribe", "sign up", "click here", "follow us", "advertisement", "sponsored",
		"getty images", "file photo", "pictured", "live with", "free trial", "all rights reserved"}
	junkWords = []string{"{{", "}}", "something went wrong", "please try again later", "go deeper", "newsletter", "tip", "secure"}
)

// socialPost reports whether s matches socialRE, looking for its
// literal parts first.
func socialPost(s string) bool {
	return (strings.Contains(s, "(@") || strings.Contains(s, "pic.twitter.com/") || strings.Contains(s, "t.co/")) && socialRE.MatchString(s)
}

func containsAny(s string, subs []string) bool {
	return slices.ContainsFunc(subs, func(sub string) bool { return strings.Contains(s, sub) })
}

// sentenceEndRE matches the end of a sentence: a full stop, question or
// exclamation mark, perhaps inside closing quotes or brackets. Headings,
// labels and table rows have none.
var sentenceEndRE = regexp.MustCompile(`[.!?]["'”’)\]]*$`)

// shouting reports whether most letters of s are capitals: a section label.
func shouting(s string) bool {
	upper, letters := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters >= 8 && float64(upper) > 0.6*float64(letters)
}

// answersType reports whether a sentence holds the kind of fact the
// question asks for: a person or organisation it does not already name, a
// date or time, a number, a place.
func answersType(s string, q *retrieval.Question) bool {
	switch q.Kind {
	case text.AskWho:
		return len(newNames(s, q)) > 0 || slices.ContainsFunc(text.Agents(s), func(a string) bool { return !namedIn(a, q) })
	case text.AskWhere:
		for _, sp := range text.Places(s) {
			if !namedIn(s[sp.Start:sp.End], q) {
				return true
			}
		}
		return false
	}
	return q.Kind.Holds(s)
}

// newNames returns the capitalised words of s (its first word included,
// when it is not a common word) that the question does not name.
func newNames(s string, q *retrieval.Question) []string {
	var out []string
	for i, f := range strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '\'' || r == '’')
	}) {
		f = strings.Trim(f, "-'’")
		r, _ := utf8.DecodeRuneInString(f)
		if !unicode.IsUpper(r) || utf8.RuneCountInString(f) < 2 || text.IsCalendarWord(strings.ToLower(f)) {
			continue
		}
		ws := text.Words(f)
		if len(ws) == 0 || text.IsStopWord(ws[0]) || (i == 0 && commonFirstWord(ws[0])) {
			continue
		}
		if !namedIn(f, q) {
			out = append(out, f)
		}
	}
	return out
}

// namedIn reports whether the question names word (ignoring case and "'s").
func namedIn(word string, q *retrieval.Question) bool {
	for _, w := range text.Words(word) {
		stem := text.Term(w)
		for _, t := range q.Terms {
			if t == stem {
				return true
			}
		}
	}
	return false
}

// commonFirstWord reports whether a capitalised first word is likely just
// a sentence's opening ("However", "After") rather than a name.
func commonFirstWord(w string) bool {
	switch w {
	case "however", "after", "before", "while", "when", "but", "and", "also", "still", "since", "although", "despite",
		"in", "on", "at", "as", "for", "with", "without", "according", "last", "next", "this", "that", "these", "those",
		"earlier", "later", "meanwhile", "instead", "now", "then", "there", "here", "what", "who", "why", "how", "if",
		"yet", "so", "even", "only", "many", "some", "most", "more", "other", "another", "each", "every", "both",
		"though", "maybe", "perhaps", "loading", "today", "yesterday", "first", "finally", "indeed", "overall", "thus":
		return true
	}
	return false
}

// wordRE matches a word with its inner hyphens, apostrophes and dots.
var wordRE = regexp.MustCompile(`[\p{L}\p{N}](?:[\p{L}\p{N}&]|[-'’.][\p{L}\p{N}])*`)

// namePhrases returns the runs of capitalised words in s ("Sam
// Bankman-Fried", "European Commission"), possessives dropped, leaving out
// a common opening word and a leading "The". Anything but a space between
// two words (a comma, a dash) ends a run.
func namePhrases(s string) []string {
	var out, run []string
	flush := func() {
		for len(run) > 0 && !isCapitalised(run[len(run)-1]) {
			run = run[:len(run)-1] // "Bank of" → "Bank"
		}
		// "CEO of Flexport" names Flexport; "Fed Chair Paul Volcker" names
		// Paul Volcker.
		if i := slices.IndexFunc(run, func(w string) bool { return strings.EqualFold(w, "of") }); i > 0 && text.IsRole(run[0]) {
			run = run[i+1:]
		}
		for i := len(run) - 2; i >= 0; i-- {
			if text.IsRole(run[i]) {
				run = run[i+1:]
				break
			}
		}
		if len(run) > 0 {
			out = append(out, strings.Join(run, " "))
		}
		run = run[:0]
	}
	prevEnd := 0
	for i, loc := range wordRE.FindAllStringIndex(s, -1) {
		if gap := s[prevEnd:loc[0]]; i > 0 && gap != " " && !(gap == ". " && len(run) > 0 && isInitial(run[len(run)-1])) {
			flush()
		}
		prevEnd = loc[1]
		w := strings.TrimSuffix(strings.TrimSuffix(s[loc[0]:loc[1]], "'s"), "’s")
		lower := strings.ToLower(w)
		switch {
		case len(run) > 0 && isCapitalised(run[len(run)-1]) && middleInitial(s, loc, run[len(run)-1]):
			run = append(run, w+".") // "John J. Walton"
		case isCapitalised(w) && !text.IsCalendarWord(lower) && !(i == 0 && commonFirstWord(lower)) && !(len(run) == 0 && text.IsStopWord(lower)):
			run = append(run, w)
		case len(run) > 0 && (lower == "of" || lower == "de" || lower == "&"):
			run = append(run, w)
		default:
			flush()
		}
	}
	flush()
	return out
}

// middleInitial reports whether the word at loc in s is one capital
// letter with a full stop, followed by a capitalised word: the middle
// initial of "John J. Walton", part of the name around it, when a word
// beside it is a name (nameWord) and no function word follows ("Plan B.
// The company …").
func middleInitial(s string, loc []int, before string) bool {
	r, size := utf8.DecodeRuneInString(s[loc[0]:])
	if !unicode.IsUpper(r) || loc[0]+size != loc[1] || !strings.HasPrefix(s[loc[1]:], ". ") {
		return false
	}
	rest := s[loc[1]+2:]
	next, _ := utf8.DecodeRuneInString(rest)
	after, _, _ := strings.Cut(rest, " ")
	after = strings.TrimRight(after, ".,;:!?’'\"”)")
	// "Plan B. The company …" and "Company A. Soldiers said …" end a
	// sentence: a name stands on one side of the initial.
	return unicode.IsUpper(next) && !text.IsStopWord(strings.ToLower(after)) && (nameWord(before) || nameWord(after))
}

// nameWord reports whether w is a name as WordNet knows it (only as one:
// "John", "Walton") or a frequent word it does not list.
func nameWord(w string) bool {
	l := strings.ToLower(w)
	return text.IsProperNoun(l) || text.IsUnlisted(l)
}

// isInitial reports whether a word of a name run is a middle initial
// ("J.").
func isInitial(w string) bool { return utf8.RuneCountInString(w) == 2 && strings.HasSuffix(w, ".") }

func isCapitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) && utf8.RuneCountInString(w) >= 2
}
