package text

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// Words splits text into lower-cased words of letters and digits, their
// accents removed ("Pokémon" gives "pokemon", as reporters type it). A
// possessive "'s" is dropped ("Trump's" gives "trump"), other apostrophes
// close up ("don't" gives "dont"); other punctuation splits, except a
// point between digits ("3.5").
func Words(text string) []string {
	words := make([]string, 0, len(text)/6)
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			words = append(words, b.String())
			b.Reset()
		}
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			writeFolded(&b, unicode.ToLower(r))
		case (r == '\'' || r == '’') && b.Len() > 0 && i < len(text):
			// Possessives lose their "'s" ("Trump's" → "trump"); other
			// contractions close up ("don't" → "dont").
			next, size := utf8.DecodeRuneInString(text[i:])
			if (next == 's' || next == 'S') && (i+size == len(text) || !isWordRune(text[i+size:])) {
				i += size
				flush()
			} else if !unicode.IsLetter(next) {
				flush()
			}
		case r == '.' && b.Len() > 0 && i < len(text) && isDigitByte(text[i]) && isDigitByte(lastByte(&b)):
			b.WriteByte('.') // decimals: 3.5
		default:
			flush()
		}
	}
	flush()
	return words
}

func isWordRune(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

func lastByte(b *strings.Builder) byte {
	s := b.String()
	return s[len(s)-1]
}

// TermVersion changes whenever Term gives a word another term than before
// (another stemmer, lemma list or word list): an index saved with terms of
// another version must be rebuilt.
const TermVersion = 2

// writeFolded writes r to b without its accents (Fold).
func writeFolded(b *strings.Builder, r rune) {
	if r < utf8.RuneSelf {
		b.WriteRune(r)
		return
	}
	b.WriteString(Fold(string(r)))
}

// Term is the index term of a word (lower case, as Words gives it): the
// Snowball stem of its lemma, so that "won", "wins" and "win" meet, and
// "spent", "spend" and "spending".
func Term(word string) string { return Stem(Lemma(word)) }

// Terms turns text into index terms: its words without stop words, each
// as Term gives it.
func Terms(text string) []string {
	words := Words(text)
	terms := words[:0]
	for _, w := range words {
		if IsStopWord(w) {
			continue
		}
		terms = append(terms, Term(w))
	}
	return terms
}

// askTerms are the terms of words that ask for a quantity in a question;
// they say what kind of answer is wanted and are not searched for.
var askTerms = map[string]bool{Term("much"): true, Term("many"): true}

// IsAskTerm reports whether term (as Term gives it) only asks for a
// quantity ("how much", "how many").
func IsAskTerm(term string) bool { return askTerms[term] }

// particles are the adverbs a phrasal verb ends with, which a noun made of
// it writes closed, hyphenated or apart ("shakeup", "shake-up").
var particles = []string{"up", "down", "out", "off", "over", "back", "away"}

// PhrasalBase returns the verb of a noun written closed from a phrasal
// verb: PhrasalBase("shakeup") is "shake", PhrasalBase("takeover")
// "take", PhrasalBase("layoffs") "lay". A document writing "shake-up"
// holds the verb and the particle as two words. ok is false for other
// words, and for a verb part shorter than three letters.
func PhrasalBase(word string) (base string, ok bool) {
	w := strings.TrimSuffix(strings.ToLower(word), "s")
	for _, p := range particles {
		if b, found := strings.CutSuffix(w, p); found && len(b) >= 3 {
			return b, true
		}
	}
	return "", false
}

// QueryTerms returns the distinct index terms of a question, in order: its
// words with Slack shorthand expanded ("ppl" is "people", "rn" nothing),
// less stop words and the words that only ask for a quantity ("how much").
func QueryTerms(query string) []string {
	words := Words(query)
	seen := make(map[string]bool, len(words))
	out := make([]string, 0, len(words))
	for _, w := range words {
		for _, w := range expand(w) {
			if IsStopWord(w) {
				continue
			}
			t := Term(w)
			if askTerms[t] || seen[t] {
				continue
			}
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// Stem reduces an English word to its Snowball (Porter2) stem. Stems are
// remembered: the stemmer is the costliest step of tokenising.
func Stem(word string) string {
	if len(word) <= 3 || !isASCIIAlpha(word) {
		return word
	}
	if s, ok := stems.Load(word); ok {
		return s.(string)
	}
	s := english.Stem(word, false)
	if stemCount.Add(1) <= maxStems {
		stems.Store(strings.Clone(word), s)
	}
	return s
}

// stems caches Stem, up to maxStems words (a vocabulary, not a corpus).
var (
	stems     sync.Map
	stemCount atomic.Int64
)

const maxStems = 1 << 20

func isASCIIAlpha(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

// ContainsWord reports whether word occurs in s at word boundaries (not
// inside a longer word of letters and digits).
func ContainsWord(s, word string) bool { return IndexWord(s, word, 0) >= 0 }

// IndexWord returns where word first occurs in s[from:] at word
// boundaries (judged in all of s), or -1.
func IndexWord(s, word string, from int) int {
	if word == "" {
		return -1
	}
	for off := from; ; {
		i := strings.Index(s[off:], word)
		if i < 0 {
			return -1
		}
		i += off
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(word):])
		if !isWordChar(before) && !isWordChar(after) {
			return i
		}
		off = i + 1
	}
}

func isWordChar(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// Shortens reports whether short, a lower-case word typed as a
// contraction ("yds", "pts", "km": no vowel after its first letter), can
// stand for word: the same first letter, short's letters in word in
// order, and a word in "s" for a contraction in "s" ("yds" for "yards",
// "hrs" for "hours", "km" for "kilometres" or "kilometre"; not "yds" for
// "yard").
func Shortens(short, word string) bool {
	if len(short) < 2 || len(word) <= len(short) || !isASCIIAlpha(short) || !isASCIIAlpha(word) || short[0] != word[0] || strings.ContainsAny(short[1:], "aeiou") {
		return false
	}
	if strings.HasSuffix(short, "s") && !strings.HasSuffix(word, "s") {
		return false
	}
	i := 1
	for j := 1; j < len(word) && i < len(short); j++ {
		if word[j] == short[i] {
			i++
		}
	}
	return i == len(short)
}

// LooksAbbreviated reports whether a lower-case word reads as an
// abbreviation a document may spell out instead: three letters or fewer
// ("ucl", "tnf"), or no vowel ("wk", "ppl").
func LooksAbbreviated(w string) bool {
	return utf8.RuneCountInString(w) <= 3 || !strings.ContainsAny(w, "aeiouy")
}
