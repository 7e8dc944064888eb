package text

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
	"slices"
	"strings"
	"sync"
)

//go:embed data/lemmas.tsv
var lemmasTSV string

//go:embed data/synonyms.tsv.gz
var synonymsGz []byte

// lemmas maps an irregular form to its base ("spent" to "spend").
var lemmas = func() map[string]string {
	m := make(map[string]string, 6000)
	eachTSV(strings.NewReader(lemmasTSV), func(form, base string) { m[form] = base })
	return m
}()

// Lemma returns the base form of an irregular word (lower case): "spent"
// gives "spend", "won" "win", "children" "child", "better" "good", from
// WordNet's exception lists. Other words are returned as they are: regular
// inflections are left to Stem.
func Lemma(word string) string {
	if b, ok := lemmas[word]; ok {
		return b
	}
	return word
}

// synonyms is read on the first call of Synonyms: a word and the words
// sharing a synset with its first senses, space separated.
var synonyms = sync.OnceValue(func() map[string]string {
	m := make(map[string]string, 40000)
	zr, err := gzip.NewReader(bytes.NewReader(synonymsGz))
	if err != nil {
		panic("text: data/synonyms.tsv.gz: " + err.Error())
	}
	eachTSV(zr, func(word, syns string) { m[word] = syns })
	return m
})

// Synonyms returns the words (lower case, single words) that share a
// WordNet synset with one of the two most frequent senses of word, as a
// noun, a verb or an adjective: Synonyms("spend") holds "expend",
// Synonyms("start") "begin". An inflected word is read as its base, an
// irregular one by Lemma ("spent"), a regular one by WordNet's suffix
// rules ("sacked" is "sack" as well as the adjective "sacked"), the
// synonyms of every base it may have together. It gives nil for a word
// WordNet does not know.
func Synonyms(word string) []string {
	syn := synonyms()
	var out []string
	add := func(base string) {
		for _, w := range strings.Fields(syn[base]) {
			if w != word && !slices.Contains(out, w) {
				out = append(out, w)
			}
		}
	}
	add(Lemma(word))
	for _, r := range detachments {
		if base, ok := strings.CutSuffix(word, r[0]); ok && base != "" {
			add(base + r[1])
		}
	}
	return out
}

// detachments are WordNet's rules for the base of a regular inflection
// (morphy's suffix, then what replaces it), nouns, verbs and adjectives.
var detachments = [][2]string{
	{"ies", "y"}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"men", "man"},
	{"es", "e"}, {"es", ""}, {"s", ""}, {"ied", "y"}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""},
	{"est", ""}, {"est", "e"}, {"er", ""}, {"er", "e"},
}

// eachTSV calls fn with the two fields of each line of r, "#" lines aside.
func eachTSV(r io.Reader, fn func(a, b string)) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		if a, b, ok := strings.Cut(line, "\t"); ok {
			fn(a, b)
		}
	}
}
