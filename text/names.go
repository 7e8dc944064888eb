package text

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Names returns the words of text that start with a capital letter and are
// not stop words, as written ("Trump's" gives "Trump's"): candidate names of
// people, places and outlets in a question. The first word is left out
// (every question starts with a capital), and so are month and day names.
func Names(text string) []string {
	var names []string
	fields := strings.FieldsFunc(text, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’')
	})
	for i, f := range fields {
		f = strings.Trim(f, "'’")
		r, _ := utf8.DecodeRuneInString(f)
		if i == 0 || !unicode.IsUpper(r) || utf8.RuneCountInString(f) < 2 || IsCalendarWord(strings.ToLower(f)) {
			continue
		}
		for _, w := range Words(f) {
			if !IsStopWord(w) && len(w) > 1 {
				names = append(names, f)
				break
			}
		}
	}
	return names
}

// nameWordRE matches a word with its inner hyphens, apostrophes and dots
// ("Bankman-Fried", "O'Neill", "U.S").
var nameWordRE = regexp.MustCompile(`[\p{L}\p{N}](?:[\p{L}\p{N}&]|[-'’.][\p{L}\p{N}])*`)

var openers = list("openers")

// IsOpener reports whether w (lower case) is a word that opens a sentence
// rather than names someone ("However", "Although Beeper did not…").
func IsOpener(w string) bool { return openers[w] }

// NameSpans returns the names of a sentence: runs of capitalised words
// ("Sam Bankman-Fried", "European Commission", "Bank of England"),
// possessives dropped. Roles and honorifics are left out and part names
// ("Nvidia CEO Jensen Huang" gives "Nvidia" and "Jensen Huang", "Dr. Jane
// Goodall" "Jane Goodall", "CEO of Flexport" "Flexport"), and so are a
// common opening word ("However") and month and day names. Anything but a space between two
// words (a comma, a dash) ends a run.
func NameSpans(s string) []Span {
	var out []Span
	var run [][2]int // the words of the current run
	flush := func() {
		// A role or honorific inside a run parts it: "Nvidia CEO Jensen
		// Huang" names Nvidia and Jensen Huang; "CEO of Flexport" names
		// Flexport.
		var seg [][2]int
		emit := func() {
			for len(seg) > 0 && !capitalised(s[seg[len(seg)-1][0]:seg[len(seg)-1][1]]) {
				seg = seg[:len(seg)-1] // "Bank of" → "Bank"
			}
			if len(seg) > 0 {
				out = append(out, Span{seg[0][0], seg[len(seg)-1][1]})
			}
			seg = seg[:0]
		}
		for _, w := range run {
			word := s[w[0]:w[1]]
			switch {
			case IsRole(word) || IsHonorific(word):
				emit()
			case len(seg) == 0 && !capitalised(word):
				// "of" after a role
			default:
				seg = append(seg, w)
			}
		}
		emit()
		run = run[:0]
	}
	prevEnd := 0
	locs := nameWordRE.FindAllStringIndex(s, -1)
	for i, loc := range locs {
		gap := s[prevEnd:loc[0]]
		afterHonorific := gap == ". " && len(run) > 0 && IsHonorific(s[run[len(run)-1][0]:run[len(run)-1][1]])
		if i > 0 && gap != " " && !afterHonorific {
			flush()
		}
		prevEnd = loc[1]
		w := s[loc[0]:loc[1]]
		for _, p := range []string{"'s", "’s"} {
			if strings.HasSuffix(w, p) {
				loc[1] -= len(p)
				w = w[:len(w)-len(p)]
			}
		}
		lower := strings.ToLower(w)
		switch {
		case capitalised(w) && !IsCalendarWord(lower) && !(i == 0 && openers[lower]) && !(len(run) == 0 && IsStopWord(lower) && !forenameOpens(s, locs, i)):
			run = append(run, [2]int{loc[0], loc[1]})
		case len(run) > 0 && (lower == "of" || lower == "de" || lower == "&"):
			run = append(run, [2]int{loc[0], loc[1]})
		default:
			flush()
		}
	}
	flush()
	return out
}

// forenameOpens reports whether the stop word at locs[i] of s is a first
// name opening a name ("said Will Maas"): a familiar first name
// (Forename: "Will" for William), not the sentence's first word (there
// "Will" asks), right before a capitalised word that is no stop word.
func forenameOpens(s string, locs [][]int, i int) bool {
	lower := strings.ToLower(s[locs[i][0]:locs[i][1]])
	if i == 0 || i+1 >= len(locs) || Forename(lower) == lower || s[locs[i][1]:locs[i+1][0]] != " " {
		return false
	}
	next := s[locs[i+1][0]:locs[i+1][1]]
	return capitalised(next) && !IsStopWord(strings.ToLower(next))
}

// capitalised reports whether w starts with a capital and has two letters
// or more.
func capitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) && utf8.RuneCountInString(w) >= 2
}

// placeRE finds a capitalised name after a preposition of place.
var placeRE = regexp.MustCompile(`\b(?:in|at|from|near|outside|inside|across|to)\s+(?:the\s+)?([A-Z][\p{L}'’.-]+(?:\s+(?:of\s+)?[A-Z][\p{L}'’.-]+)*)`)

// placeAdjRE finds a place written into a modifier: "the Atlanta-based
// startup", "Paris-headquartered", or a capitalised name before a kind of
// place: "an Oslo court", "an Oregon factory".
var placeAdjRE = regexp.MustCompile(`\b([A-Z][\p{L}'’.]+(?:\s[A-Z][\p{L}'’.]+)?)-(?:based|headquartered|born)\b|\b(?:an?|the|its)\s+([A-Z][\p{L}'’.]+(?:\s[A-Z][\p{L}'’.]+)?)\s+(?:court|factory|plant|office|offices|headquarters|campus|stadium|arena|hotel|hospital|airport|port|facility|warehouse|base|prison|school|university)\b`)

// Places returns the names a sentence gives as places: a capitalised name
// after "in", "at", "from", "near"… ("in Gaza", "at the Sphere"), months
// and days aside ("in March"); one written into a modifier
// ("Atlanta-based"); one before a kind of place ("an Oslo court").
func Places(s string) []Span {
	var out []Span
	for _, m := range placeAdjRE.FindAllStringSubmatchIndex(s, -1) {
		for g := 2; g+1 < len(m); g += 2 {
			if m[g] < 0 {
				continue
			}
			start := m[g]
			if first, _, ok := strings.Cut(s[start:m[g+1]], " "); ok && IsStopWord(strings.ToLower(first)) {
				start += len(first) + 1 // "The Atlanta-based" names Atlanta
			}
			if !IsCalendarWord(strings.ToLower(s[start:m[g+1]])) {
				out = append(out, Span{start, m[g+1]})
			}
		}
	}
	for _, m := range placeRE.FindAllStringSubmatchIndex(s, -1) {
		name := s[m[2]:m[3]]
		first, _, _ := strings.Cut(name, " ")
		if IsCalendarWord(strings.ToLower(strings.TrimRight(first, "."))) || IsStopWord(strings.ToLower(first)) {
			continue
		}
		out = append(out, Span{m[2], m[3]})
	}
	return out
}

// Initials returns a name's initials as a story writes them for a person
// named by three parts or more ("Sam Bankman-Fried" gives "SBF"), or ""
// for a shorter name, whose initials ("SA") say too little.
func Initials(name string) string {
	var b strings.Builder
	for _, w := range nameWordRE.FindAllString(name, -1) {
		for _, part := range strings.Split(w, "-") {
			r, _ := utf8.DecodeRuneInString(part)
			if !unicode.IsUpper(r) {
				return ""
			}
			b.WriteRune(r)
		}
	}
	if utf8.RuneCountInString(b.String()) < 3 {
		return ""
	}
	return b.String()
}
