package text

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A document writes a name in full once with its initials after it
// ("Daylight Saving Time (DST)", "Alternative Investment Funds (AIFs)",
// "search engine optimization, or SEO") and by its initials after.
// Acronyms reads those definitions so that a sentence writing the
// initials alone holds the words they stand for (SpelledOut), and one
// writing the words holds the initials.

// acronymRE matches initials defined after their words: in brackets
// ("(DST)", the initials in group 1, a plural's "s" in group 2) or after
// ", or" (", or SEO", groups 3 and 4).
var acronymRE = regexp.MustCompile(`\s\((\p{Lu}{2,8})(s?)\)|,\s+or\s+(\p{Lu}{2,8})(s?)\b`)

// acronymWordRE matches a word of a name and the possessive it may end
// in ("Franke’s"): the word is its first group.
var acronymWordRE = regexp.MustCompile(`([\p{L}\p{N}]+)(?:['’][sS]\b)?`)

// linkWords are the small words a name's initials skip ("National
// Association of Realtors (NAR)").
var linkWords = map[string]bool{"of": true, "and": true, "the": true, "for": true, "on": true, "in": true, "to": true}

// Acronyms maps each set of initials doc defines to the words it stands
// for, as written; a plural's initials are kept without their "s"
// ("Alternative Investment Funds (AIFs)" defines "AIF"). The words are
// those right before the definition, one name of two words or more (no
// punctuation between them but a hyphen), whose first letters (a word
// written in capitals gives all of its: "US Copyright Office (USCO)")
// spell the initials, small linking words within skipped. Initials
// defined for two names are left out.
func Acronyms(doc string) map[string]string {
	out := map[string]string{}
	two := map[string]bool{}
	for _, m := range acronymRE.FindAllStringSubmatchIndex(doc, -1) {
		abbr := ""
		if m[2] >= 0 {
			abbr = doc[m[2]:m[3]]
		} else {
			abbr = doc[m[6]:m[7]]
		}
		full := spelled(doc[max(0, m[0]-160):m[0]], abbr)
		if full == "" {
			continue
		}
		if prev, ok := out[abbr]; ok && !strings.EqualFold(prev, full) {
			two[abbr] = true
		}
		out[abbr] = full
	}
	for abbr := range two {
		delete(out, abbr)
	}
	return out
}

// spelled is the name at the end of before whose initials are abbr, ""
// when its last words spell none or it is one word.
func spelled(before, abbr string) string {
	if !endsInWord(before) {
		return "" // "… in the UK. (PA)": not a name's
	}
	at := acronymWordRE.FindAllStringSubmatchIndex(before, -1)
	init := ""
	for i := len(at) - 1; i >= 0; i-- {
		if i < len(at)-1 && strings.Trim(before[at[i][1]:at[i+1][0]], " -") != "" {
			return "" // punctuation within: not one name
		}
		word := before[at[i][2]:at[i][3]]
		if linkWords[strings.ToLower(word)] {
			if init == "" {
				return "" // a name ends in a word of its own
			}
			continue
		}
		init = initials(word) + init
		switch {
		case init == abbr && i < len(at)-1:
			return before[at[i][2]:at[len(at)-1][3]]
		case !strings.HasSuffix(abbr, init):
			return ""
		}
	}
	return ""
}

// initials is what a word gives a name's initials: its first letter in
// capitals, or the whole of a word written in capitals ("US").
func initials(word string) string {
	if utf8.RuneCountInString(word) > 1 && AllCaps(word) {
		return word
	}
	r, _ := utf8.DecodeRuneInString(word)
	return string(unicode.ToUpper(r))
}

// AllCaps reports whether a word is written in capitals only ("US",
// "PPV"; not "Fund", nor "G7", whose digit is no capital).
func AllCaps(word string) bool {
	return !strings.ContainsFunc(word, func(r rune) bool { return !unicode.IsUpper(r) })
}

// endsInWord reports whether before ends in a letter or digit (spaces
// aside): nothing else may come between a name and its initials.
func endsInWord(before string) bool {
	t := strings.TrimRightFunc(before, unicode.IsSpace)
	r, _ := utf8.DecodeLastRuneInString(t)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// SpelledOut is what the acronyms a document defines (acr: Acronyms) add
// to a sentence of it, each after "\n", in order: the words of each set
// of initials s writes as a word of its own or in the plural ("MPs voted
// to scrap DST" holds "Daylight Saving Time", "SEOs" holds "search
// engine optimization"), and the initials of each name s writes in full.
// It is "" when s writes none.
func SpelledOut(s string, acr map[string]string) string {
	if len(acr) == 0 {
		return ""
	}
	writes := map[string]bool{}
	for _, m := range acronymWordRE.FindAllStringSubmatch(s, -1) {
		w := m[1]
		writes[w] = true
		writes[strings.TrimSuffix(w, "s")] = true
	}
	lower := strings.ToLower(s)
	var add []string
	for abbr, full := range acr {
		if writes[abbr] {
			add = append(add, full)
		} else if strings.Contains(lower, strings.ToLower(full)) {
			add = append(add, abbr)
		}
	}
	slices.Sort(add)
	var b strings.Builder
	for _, a := range add {
		b.WriteString("\n" + a)
	}
	return b.String()
}
