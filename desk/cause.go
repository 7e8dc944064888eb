package desk

import (
	"regexp"
	"slices"
	"strings"

	"github.com/newsroom/askbot/retrieval"
)

// causeRE finds the phrase a claim gives as the cause of what it tells,
// or the way it happened: "with a broken foot", "because of a hamstring
// strain", "due to rising costs". The phrase runs to the next comma,
// semicolon or the claim's end.
var causeRE = regexp.MustCompile(`(?i)\b(?:with (?:a|an)|because of|due to|owing to|as a result of)\s+([^,;.]+)`)

// causeWords are the words of a claim's causes (causeRE), weighed like
// the claim's, or nothing when the claim gives no cause.
func causeWords(ix *retrieval.Index, claim string, tu *Tuning) (words, bool) {
	var phrases []string
	for _, m := range causeRE.FindAllStringSubmatch(claim, -1) {
		phrases = append(phrases, m[1])
	}
	if len(phrases) == 0 {
		return words{}, false
	}
	w := weighWords(ix, strings.Join(phrases, "\n"), tu)
	return w, w.w.total() > 0
}

// causeTold reports whether a sentence (with the one before it) tells the
// claim's cause: it holds CauseSentence of the cause's words. A claim's
// cause the sentence leaves out ("Conner Weigman … for the season" for
// "out for the season with a broken foot") is not stated by it: such a
// sentence supports nothing, nor rules the claim out.
func causeTold(cause words, given bool, s string, tu *Tuning) bool {
	return !given || cause.coverage(s) >= tu.CauseSentence
}

// otherScore reports whether a sentence states a match's score and none
// of the claim's scores (figs): "… in a narrow 28-23 loss in Week 9" tells
// of another result than "a 31-23 Week 9 loss", and supports none of the
// claim. A claim without a score, or a sentence without one, is no
// case.
func otherScore(figs []Figure, sent string) bool {
	claimed := slices.DeleteFunc(slices.Clone(figs), func(f Figure) bool { return !f.match() })
	if len(claimed) == 0 {
		return false
	}
	stated := false
	for _, f := range Figures(sent) {
		if !f.match() {
			continue
		}
		if slices.ContainsFunc(claimed, f.Same) {
			return false
		}
		stated = true
	}
	return stated
}
