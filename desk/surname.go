package desk

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsroom/askbot/text"
)

// A story's names are written in full once and by their last word after
// ("Ruby Franke stood shackled …", then "Franke and Hildebrandt were
// arrested on Aug. 30 …"). surnames reads a document's full names of the
// topic so that a sentence naming one by its last word alone holds the
// whole name.

// nameWordRE matches a word as written, its case kept, and the
// possessive it may end in ("Franke’s"): the word is its first group.
var nameWordRE = regexp.MustCompile(`([\p{L}\p{N}]+)(?:['’][sS]\b)?`)

// nameWord is a word of a sentence as written (without its possessive),
// its index term, and what separates it from the word before.
type nameWord struct {
	word, term, gap string
}

// nameWords splits s into its words as written.
func nameWords(s string) []nameWord {
	var out []nameWord
	last := 0
	for _, m := range nameWordRE.FindAllStringSubmatchIndex(s, -1) {
		w := s[m[2]:m[3]]
		out = append(out, nameWord{word: w, term: text.Term(strings.ToLower(w)), gap: s[last:m[0]]})
		last = m[1]
	}
	return out
}

// capitalised reports whether a word begins with a capital letter.
func capitalised(word string) bool {
	r, _ := utf8.DecodeRuneInString(word)
	return unicode.IsUpper(r)
}

// joined reports whether a gap between two words keeps them in one name:
// spaces or a hyphen only ("Ruby Franke", "Bankman-Fried"), not a comma
// or a full stop ("Ms. Franke", "On Friday, Franke …").
func joined(gap string) bool {
	return strings.Trim(gap, " -") == ""
}

// surnames maps the index term of the last word of each of the topic's
// names that doc writes in full (a run of two capitalised words or more,
// each a word of the topic's names: "Ruby Franke") to the name as
// written. A last word doc also writes in lower case is a common noun
// ("Web Summit" in an article writing "the summit") and maps to nothing:
// alone it need not be the name.
func surnames(doc string, w words) map[string]string {
	named := func(t string) bool {
		_, ok := w.w[t]
		_, subj := w.subject[t]
		return ok && !subj
	}
	ws := nameWords(doc)
	lower := map[string]bool{}
	for _, x := range ws {
		if !capitalised(x.word) {
			lower[x.term] = true
		}
	}
	out := map[string]string{}
	for i := 0; i < len(ws); {
		j := i
		for j < len(ws) && capitalised(ws[j].word) && named(ws[j].term) && (j == i || joined(ws[j].gap)) {
			j++
		}
		if j-i >= 2 && !lower[ws[j-1].term] {
			run := make([]string, 0, j-i)
			for _, x := range ws[i:j] {
				run = append(run, x.word)
			}
			out[ws[j-1].term] = strings.Join(run, " ")
		}
		i = max(j, i+1)
	}
	return out
}

// byName is s with the full name of each of the topic's names it writes
// by its last word alone (names: surnames) added after it, for weighing:
// "Franke and Hildebrandt were arrested …" holds "Ruby Franke", and
// "Bankman-Fried’s lawyers" holds "Sam Bankman-Fried" (the name's last
// words without its first). The last word after another capitalised word
// that is none of the name's is another person's ("Kevin Franke", "the
// Davis Cup") and adds nothing, as does one written with a generation
// after it ("Benavidez Jr."); the name written in full adds nothing.
func byName(s string, names map[string]string) string {
	if len(names) == 0 {
		return s
	}
	ws := nameWords(s)
	var add []string
	for i, x := range ws {
		full, ok := names[x.term]
		if !ok || !capitalised(x.word) {
			continue
		}
		// the capitalised words written with it, back to the first
		k := i
		for k > 0 && joined(ws[k].gap) && capitalised(ws[k-1].word) {
			k--
		}
		if i+1 < len(ws) && generation[ws[i+1].word] && strings.Trim(ws[i+1].gap, " ,") == "" {
			continue // "Benavidez Jr.": the named man's son or father
		}
		if k == i || shortOf(ws[k:i+1], full) {
			add = append(add, full)
		}
	}
	if len(add) == 0 {
		return s
	}
	return s + "\n" + strings.Join(add, "\n")
}

// generation are the suffixes written after a surname that tell one of
// a family from another of its name ("Jose Benavidez Jr.", the older
// brother of David Benavidez): the surname so written alone is not the
// topic's person.
var generation = map[string]bool{"Jr": true, "Sr": true, "II": true, "III": true, "IV": true}

// shortOf reports whether run is the last words of full without its
// first ("Bankman Fried" of "Sam Bankman Fried").
func shortOf(run []nameWord, full string) bool {
	fw := strings.Fields(full)
	if len(run) >= len(fw) {
		return false
	}
	for j, x := range run {
		if x.word != fw[len(fw)-len(run)+j] {
			return false
		}
	}
	return true
}
