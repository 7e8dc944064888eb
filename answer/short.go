package answer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A "who" question's short answer is a name the reporter could print: a
// person or an organisation, never a number ("Twenty-eight"), a modifier
// ("Matrix Partners-backed", "Arkansas-based") or the one a succession
// replaces ("replacing founder CEO Whitney Wolfe Herd with …"). When a
// name fails these tests there is no short answer: the quotes alone.

// outgoingBefore are words that, just before a name, make it the one
// leaving a post; outgoingAfter, just after it.
var (
	outgoingBefore = regexp.MustCompile(`(?i)\b(?:replac(?:ing|es|ed)|succeed(?:ing|s|ed)|former|ex|outgoing|predecessor|ousted|ousting|fired|firing|sacked|departing|retiring|late|step(?:s|ping|ped)?\s+in\s+for|t(?:ake|akes|aking|ook)\s+over\s+from|in\s+place\s+of)\b[^.;:]{0,40}$`)
	outgoingAfter  = regexp.MustCompile(`(?i)^[^.;:]{0,30}\b(?:stepp(?:ing|ed)\s+down|steps\s+down|step\s+down|resign(?:s|ed|ing)?|who\s+(?:left|quit)|departs|departed|is\s+leaving|was\s+(?:ousted|fired|replaced)|will\s+leave|retires|retired)\b`)
	// incomingBetween ends an outgoing clause before the name: "replaced
	// Peggy Johnson with Ross Rosenberg" names Rosenberg as incoming.
	incomingBetween = regexp.MustCompile(`(?i)\b(?:with|by|to|as)\b`)
)

// printableName reports whether name, found at start in sentence (-1: not
// found as written), can be a short answer to "who".
func printableName(sentence, name string, start int) bool {
	if !nameLike(name) {
		return false
	}
	if start < 0 || start+len(name) > len(sentence) {
		return true // not found as written ("Trump's" read as "Trump"): its words alone decide
	}
	before := sentence[:start]
	if m := outgoingBefore.FindStringIndex(before); m != nil && !incomingBetween.MatchString(before[m[0]:]) {
		return false
	}
	return !outgoingAfter.MatchString(sentence[start+len(name):])
}

// nameLike reports whether name is a name rather than a number or a
// modifier: it holds a capitalised word that is not a number word, and
// its last word does not end in a lower-case part ("Partners-backed").
func nameLike(name string) bool {
	words := strings.Fields(name)
	if len(words) == 0 {
		return false
	}
	last := words[len(words)-1]
	if i := strings.LastIndexAny(last, "-‐"); i >= 0 {
		r, _ := utf8.DecodeRuneInString(last[i+1:])
		if unicode.IsLower(r) {
			return false
		}
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) && !numberWord(w) {
			return true
		}
	}
	return false
}

// numberWord reports whether w is a number, in figures or words
// ("Twenty-eight", "Third").
func numberWord(w string) bool {
	for _, part := range strings.FieldsFunc(w, func(r rune) bool { return r == '-' || r == '‐' }) {
		if !countWord(part) {
			return false
		}
	}
	return true
}
