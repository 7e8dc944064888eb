package desk

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A document writes a name in full once with its initials after it
// ("Daylight Saving Time (DST)", "the National Music Publishers
// Association (NMPA)", "search engine optimization, or SEO") and by its
// initials after. acronyms reads those definitions so that a sentence
// writing the initials alone holds the words they stand for ("scrapping
// DST in 2019" is of daylight saving time), and one writing the words
// holds the initials.

// acronymRE matches initials defined after their words: in brackets
// ("(DST)", the initials in group 1) or after ", or" (", or SEO", group
// 2).
var acronymRE = regexp.MustCompile(`\s\(([A-Z]{2,6})\)|,\s+or\s+([A-Z]{2,6})\b`)

// linkWords are the small words a name's initials skip ("Royal Society
// for the Prevention of Accidents (RoSPA)" aside, whose initials keep a
// small letter, and are not read).
var linkWords = map[string]bool{"of": true, "and": true, "the": true, "for": true, "on": true, "in": true, "to": true}

// acronyms maps each set of initials doc defines to the words it stands
// for, as written. The words are those right before the definition, one
// name (no punctuation between them but a hyphen), whose first letters
// (a word written in capitals gives all of its: "US Copyright Office
// (USCO)") spell the initials, small linking words within skipped.
// Initials defined for two names are left out.
func acronyms(doc string) map[string]string {
	out := map[string]string{}
	two := map[string]bool{}
	for _, m := range acronymRE.FindAllStringSubmatchIndex(doc, -1) {
		abbr := ""
		if m[2] >= 0 {
			abbr = doc[m[2]:m[3]]
		} else {
			abbr = doc[m[4]:m[5]]
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
	ws := nameWords(before)
	if !endsInWord(before) {
		return "" // "… in the UK. (PA)": not a name's
	}
	init := ""
	for i := len(ws) - 1; i >= 0; i-- {
		x := ws[i]
		if i < len(ws)-1 && !joined(ws[i+1].gap) {
			return "" // punctuation within: not one name
		}
		if linkWords[strings.ToLower(x.word)] {
			if init == "" {
				return "" // a name ends in a word of its own
			}
			continue
		}
		r := []rune(x.word)
		part := strings.ToUpper(string(r[0]))
		if len(r) > 1 && allCaps(x.word) {
			part = x.word
		}
		init = part + init
		switch {
		case init == abbr && i < len(ws)-1:
			var b strings.Builder
			for j, y := range ws[i:] {
				if j > 0 {
					b.WriteString(y.gap)
				}
				b.WriteString(y.word)
			}
			return b.String()
		case !strings.HasSuffix(abbr, init):
			return ""
		}
	}
	return ""
}

// endsInWord reports whether before ends in a letter or digit (spaces
// aside): nothing else may come between a name and its initials.
func endsInWord(before string) bool {
	t := strings.TrimRightFunc(before, unicode.IsSpace)
	r, _ := utf8.DecodeLastRuneInString(t)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// allCaps reports whether a word is written in capitals only ("US").
func allCaps(word string) bool {
	for _, r := range word {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// spelledOut is s with the words of each set of initials it writes
// (acr: acronyms) added after it, and the initials of each name it
// writes in full, for weighing: "scrapping DST in 2019" holds "Daylight
// Saving Time".
func spelledOut(s string, acr map[string]string) string {
	var add []string
	for abbr, full := range acr {
		if initialsRE(abbr).MatchString(s) {
			add = append(add, full)
		} else if strings.Contains(strings.ToLower(s), strings.ToLower(full)) {
			add = append(add, abbr)
		}
	}
	if len(add) == 0 {
		return s
	}
	slices.Sort(add)
	return s + "\n" + strings.Join(add, "\n")
}

// initialsRE matches abbr written as a word of its own, or its plural
// ("SEOs", the people who do it; "DST’s" too).
func initialsRE(abbr string) *regexp.Regexp {
	return regexp.MustCompile(`\b` + abbr + `s?\b`)
}
