package retrieval

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// Names returns the words of text that start with a capital letter and are
// not stop words, as written ("Trump's" gives "Trump's"): candidate names of
// people, places and outlets. The first word is left out (every question
// starts with a capital), and so are month and day names.
func Names(text string) []string {
	var names []string
	fields := strings.FieldsFunc(text, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’')
	})
	for i, f := range fields {
		f = strings.Trim(f, "'’")
		r, _ := utf8.DecodeRuneInString(f)
		if i == 0 || !unicode.IsUpper(r) || utf8.RuneCountInString(f) < 2 || calendarWords[strings.ToLower(f)] {
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

// Words splits text into lower-cased words of letters and digits. A
// possessive "'s" is dropped ("Trump's" gives "trump"), other apostrophes
// close up ("don't" gives "dont"); other punctuation splits.
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
			b.WriteRune(unicode.ToLower(r))
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

// Terms turns text into index terms: words without stop words, stemmed.
func Terms(text string) []string {
	words := Words(text)
	terms := words[:0]
	for _, w := range words {
		if IsStopWord(w) {
			continue
		}
		terms = append(terms, Stem(w))
	}
	return terms
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

// IsStopWord reports whether w (lower case) is a common English function word.
func IsStopWord(w string) bool {
	_, ok := stopWords[w]
	return ok
}

var stopWords = func() map[string]struct{} {
	list := `a about above after again against all am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having he
her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
now of off on once only or other our ours ourselves out over own same she should so some such than that the
their theirs them themselves then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours yourself yourselves s t dont didnt
doesnt isnt wasnt arent werent hasnt havent hadnt wont cant also its im ive id youre theyre thats whats`
	m := make(map[string]struct{})
	for _, w := range strings.Fields(list) {
		m[w] = struct{}{}
	}
	return m
}()
