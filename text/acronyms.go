package text

import (
	"regexp"
	"strings"
	"unicode"
)

// acronymRE matches an acronym in brackets, its "s" of the plural apart:
// "(AIFs)", "(PE)".
var acronymRE = regexp.MustCompile(`\((\p{Lu}{2,8})(s?)\)`)

// acronymWordRE finds the words before an acronym.
var acronymWordRE = regexp.MustCompile(`[\p{L}][\p{L}'’-]*`)

// Acronyms returns the acronyms a text defines, each with the words it
// stands for: an acronym in brackets right after words whose initials
// spell it ("Alternative Investment Funds (AIFs)" defines "AIFs" and
// "AIF"; "private equity (PE)" defines "PE"). Brackets holding letters
// that are not the initials of the words before ("the Securities and
// Exchange Board of India (SEBI)" skips "and" and "of": no match) define
// nothing.
func Acronyms(s string) map[string]string {
	out := map[string]string{}
	for _, m := range acronymRE.FindAllStringSubmatchIndex(s, -1) {
		letters := []rune(s[m[2]:m[3]])
		words := acronymWordRE.FindAllString(strings.TrimRight(s[:m[0]], " "), -1)
		if len(words) < len(letters) {
			continue
		}
		words = words[len(words)-len(letters):]
		if !spells(words, letters) {
			continue
		}
		full := strings.Join(words, " ")
		out[string(letters)] = full
		out[string(letters)+"s"] = full
	}
	return out
}

// spells reports whether the initials of words are letters, in order.
func spells(words []string, letters []rune) bool {
	for i, w := range words {
		if unicode.ToUpper([]rune(w)[0]) != letters[i] {
			return false
		}
	}
	return true
}
