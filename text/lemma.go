package text

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
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
// WordNet synset with one of the two most frequent senses of lemma, as a
// noun, a verb or an adjective: Synonyms("spend") holds "expend",
// Synonyms("start") "begin". It gives nil for a word WordNet does not
// know; pass a lemma (Lemma("spent")), not an inflected form.
func Synonyms(lemma string) []string {
	s, ok := synonyms()[lemma]
	if !ok {
		return nil
	}
	return strings.Fields(s)
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
