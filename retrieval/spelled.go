package retrieval

import (
	"regexp"
	"slices"
	"strings"

	"github.com/newsroom/askbot/text"
)

// ShortForms returns the question's short forms of names that the hits'
// passages write out, and the name each stands for, as written: the
// initials of a name ("sbf": "Sam Bankman-Fried", "rwc": "Rugby World
// Cup"), a name's end ("boks": "Springboks"), a name's words run together
// ("windies": "West Indies") or a name's letters in order ("msft":
// "Microsoft"). A reporter types the short form; many of the articles
// that answer write the name out, and a search for the short form alone
// finds only those that use it too. A name the question already writes
// is left out.
func ShortForms(question string, hits []Hit) map[string]string {
	forms := shortForms(question)
	if len(forms) == 0 {
		return nil
	}
	var runs [][]string
	for _, h := range hits {
		runs = append(runs, nameRuns(h.Chunk.Text)...)
	}
	asked := map[string]bool{}
	for _, w := range text.Words(question) {
		asked[w] = true
	}
	out := map[string]string{}
	for _, w := range forms {
		name := commonestName(w, runs)
		if name == "" || slices.ContainsFunc(text.Words(name), func(x string) bool { return asked[x] }) {
			continue
		}
		out[w] = name
	}
	return out
}

// SpellOut returns s with each short form of forms (ShortForms) replaced
// by the name it stands for: "how many charges is sbf facing" is "how
// many charges is Sam Bankman-Fried facing", "msft's" "Microsoft's".
func SpellOut(s string, forms map[string]string) string {
	if len(forms) == 0 {
		return s
	}
	return wordRE.ReplaceAllStringFunc(s, func(w string) string {
		if name, ok := forms[w]; ok {
			return name
		}
		return w
	})
}

// wordRE matches a word of letters and digits.
var wordRE = regexp.MustCompile(`[\p{L}\p{N}]+`)

// minShortForm is the fewest letters of a short form of a name ("sbf").
const minShortForm = 3

// shortForms are the question's words typed in lower case that may stand
// for a name: not stop words, chat shorthand, offices ("cfo" is what is
// asked, not "Coin Follow") or numbers, and either not
// among the commonest English words or shaped like an abbreviation (no
// vowel: "msft").
func shortForms(question string) []string {
	var out []string
	for _, w := range wordRE.FindAllString(question, -1) {
		if w != strings.ToLower(w) {
			continue
		}
		if len(w) < minShortForm || text.IsStopWord(w) || text.IsChatWord(w) || text.IsRole(w) || strings.ContainsAny(w, "0123456789-") ||
			(commonWord(w) && !text.LooksAbbreviated(w)) || slices.Contains(out, w) {
			continue
		}
		out = append(out, w)
	}
	return out
}

// nameRuns splits s into runs of consecutive capitalised words (stop
// words written in lower case may stand between two: "University of
// Michigan"), each as written, inner hyphens kept ("Bankman-Fried").
func nameRuns(s string) [][]string {
	var runs [][]string
	var run []string
	flush := func() {
		for len(run) > 0 && !startsUpper(run[len(run)-1]) {
			run = run[:len(run)-1]
		}
		if len(run) > 0 {
			runs = append(runs, run)
		}
		run = nil
	}
	for _, w := range hyphenatedRE.FindAllString(s, -1) {
		switch {
		case startsUpper(w):
			run = append(run, w)
		case len(run) > 0 && text.IsStopWord(w):
			run = append(run, w)
		default:
			flush()
		}
	}
	flush()
	return runs
}

// hyphenatedRE matches a word of letters and digits with its inner
// hyphens.
var hyphenatedRE = regexp.MustCompile(`[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*`)

// commonestName returns the name of runs that w stands for most often,
// or "".
func commonestName(w string, runs [][]string) string {
	count := map[string]int{}
	best := ""
	for _, run := range runs {
		for from := range run {
			for to := from + 1; to <= len(run); to++ {
				span := run[from:to]
				if !startsUpper(span[len(span)-1]) || !standsFor(w, hyphenParts(span)) {
					continue
				}
				name := strings.Join(span, " ")
				count[name]++
				if count[name] > count[best] {
					best = name
				}
			}
		}
	}
	return best
}

// hyphenParts splits each word of span at its hyphens ("Bankman-Fried":
// "Bankman", "Fried").
func hyphenParts(span []string) []string {
	var parts []string
	for _, w := range span {
		parts = append(parts, strings.Split(w, "-")...)
	}
	return parts
}

// standsFor reports whether w is a short form of the name span: its
// initials (two or more capitalised words, lower-case words between
// them left out), the end of a one-word name, its words run together or
// its letters in order.
func standsFor(w string, span []string) bool {
	if !startsUpper(span[0]) {
		return false
	}
	if len(span) == 1 {
		return endOfName(w, span) || lettersInOrder(w, span[0])
	}
	var first []byte
	for _, word := range span {
		if startsUpper(word) {
			first = append(first, strings.ToLower(text.Fold(word))[0])
		}
	}
	return (len(first) >= 2 && string(first) == w) || blended(w, span)
}

// minLettersInOrder is the fewest letters of a name's letters typed in
// order ("msft" for Microsoft).
const minLettersInOrder = 4

// lettersInOrder reports whether w is made of some of word's letters in
// order, its first and last among them, and w shaped like an
// abbreviation (no vowel after the first letter): "msft" for Microsoft.
func lettersInOrder(w, word string) bool {
	lower := strings.ToLower(text.Fold(word))
	return len(w) >= minLettersInOrder && len(lower) >= len(w)+2 && w[len(w)-1] == lower[len(lower)-1] && text.Shortens(w, lower)
}
