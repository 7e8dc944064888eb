package text

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// slangWordRE matches a word of a question as Normalize reads it, with
// its inner apostrophes ("who's").
var slangWordRE = regexp.MustCompile(`[\p{L}\p{N}]+(?:['’][\p{L}]+)?`)

// Normalize rewrites the Slack shorthand of a question as a document would
// write it, from the word list's slang table: "whos the new ceo" gives
// "who is the new ceo", "when's" "when is", "ppl" "people"; "rn" and "pls"
// go. Only words typed in lower case are rewritten ("U.S." and "Co" stay);
// a question with nothing to rewrite is returned as it is, another with
// its runs of white space made one space.
func Normalize(question string) string {
	var b strings.Builder
	last := 0
	for _, m := range slangWordRE.FindAllStringIndex(question, -1) {
		w := question[m[0]:m[1]]
		if w != strings.ToLower(w) {
			continue
		}
		if m[1] < len(question) && question[m[1]] == '.' && m[1]+1 < len(question) && question[m[1]+1] != ' ' {
			continue // "u.s."
		}
		x, ok := slang[strings.NewReplacer("'", "", "’", "").Replace(w)]
		if !ok {
			continue
		}
		b.WriteString(question[last:m[0]])
		b.WriteString(x)
		last = m[1]
	}
	if last == 0 {
		return question
	}
	b.WriteString(question[last:])
	return strings.Join(strings.Fields(b.String()), " ")
}

// expand returns what a word (as Words gives it) stands for: itself, or
// the words of its expansion in the slang table ("ppl" is "people"; "rn"
// is nothing).
func expand(w string) []string {
	x, ok := slang[w]
	if !ok {
		return []string{w}
	}
	return strings.Fields(x)
}

// Fold returns s without its diacritics, as a name is often typed:
// Fold("Jürgen Klopp") is "Jurgen Klopp", Fold("Mbappé") "Mbappe".
func Fold(s string) string {
	out, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s)
	if err != nil {
		return s
	}
	return out
}
