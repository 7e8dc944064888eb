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

//go:embed data/verbs.tsv.gz
var verbsGz []byte

//go:embed data/agents.tsv.gz
var agentsGz []byte

//go:embed data/proper.tsv.gz
var properGz []byte

//go:embed data/unlisted.tsv.gz
var unlistedGz []byte

//go:embed data/doers.tsv.gz
var doersGz []byte

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
var synonyms = sync.OnceValue(func() map[string]string { return readTable("synonyms.tsv.gz", synonymsGz, 40000) })

// verbs is read on the first call of RelatedVerbs: a verb and the verbs a
// step more general or more specific, space separated.
var verbs = sync.OnceValue(func() map[string]string { return readTable("verbs.tsv.gz", verbsGz, 8000) })

// agents is read on the first call of IsAgent: a noun whose most frequent
// sense is a person or an organization, and which.
var agents = sync.OnceValue(func() map[string]string { return readTable("agents.tsv.gz", agentsGz, 8000) })

// proper is read on the first call of IsProperNoun.
var proper = sync.OnceValue(func() map[string]string { return readTable("proper.tsv.gz", properGz, 14000) })

// IsProperNoun reports whether word (lower case) is a name in every sense
// WordNet gives it, and no verb, adjective or adverb: "bogota", "norway",
// "uk"; not "turkey", "march" or "apple". Typed in lower case, it still
// names one place, person or thing, which a document would have to write.
func IsProperNoun(word string) bool {
	_, ok := proper()[word]
	return ok
}

// unlisted is read on the first call of IsUnlisted.
var unlisted = sync.OnceValue(func() map[string]string { return readTable("unlisted.tsv.gz", unlistedGz, 10000) })

// IsUnlisted reports whether word (lower case) is one the web writes
// often that WordNet lists in no part of speech, inflected or not:
// mostly a name ("eurovision", "nascar", "accenture"), sometimes a word
// newer than WordNet ("airstrikes") or a clipping ("govt").
func IsUnlisted(word string) bool {
	_, ok := unlisted()[word]
	return ok
}

// IsAgent reports whether word (lower case, singular or plural) is a noun
// whose most frequent sense in WordNet is a person or an organization:
// "contractor", "spokeswoman", "regulators", "council"; not "inquiry",
// "venue" or "fans" (a fan is first a machine).
func IsAgent(word string) bool { return agentSense(word) != "" }

// IsPerson reports whether word (lower case, singular or plural) names a
// kind of person: a noun of the word list's people ("kids", "fans") or
// one whose most frequent sense in WordNet is a person ("visitors",
// "attendees", "jurors"); not an organization ("council").
func IsPerson(word string) bool { return IsPersonNoun(word) || agentSense(word) == "person" }

// agentSense returns what word (lower case, singular or plural) first
// means when it is an agent, "person" or "organization", or "".
func agentSense(word string) string {
	m := agents()
	if sense, ok := m[word]; ok {
		return sense
	}
	if base := Lemma(word); base != word {
		return m[base]
	}
	for _, suffix := range []string{"es", "s"} {
		if base, ok := strings.CutSuffix(word, suffix); ok {
			if sense, ok := m[base]; ok {
				return sense
			}
		}
	}
	if stem, ok := strings.CutSuffix(word, "men"); ok {
		return m[stem+"man"] // "chairmen", "women"
	}
	return ""
}

func readTable(name string, gz []byte, size int) map[string]string {
	m := make(map[string]string, size)
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		panic("text: data/" + name + ": " + err.Error())
	}
	eachTSV(zr, func(word, words string) { m[word] = words })
	return m
}

// Synonyms returns the words (lower case, single words) that share a
// WordNet synset with one of the two most frequent senses of word, as a
// noun, a verb or an adjective: Synonyms("spend") holds "expend",
// Synonyms("start") "begin". An inflected word is read as its base, an
// irregular one by Lemma ("spent"), a regular one by WordNet's suffix
// rules ("sacked" is "sack" as well as the adjective "sacked"), the
// synonyms of every base it may have together. It gives nil for a word
// WordNet does not know.
func Synonyms(word string) []string { return related(synonyms(), word) }

// RelatedVerbs returns the verbs one step more general or more specific
// than word in WordNet's verb hierarchy, between the three most frequent
// senses of each, under a verb that is not too general to say much (at
// most 20 more specific verbs): RelatedVerbs("docked") holds "deduct"
// ("dock": "deduct from someone's wages"), RelatedVerbs("deducted")
// "dock", RelatedVerbs("beat") "trounce". They reword a verb less
// closely than a synonym does. A word is read as its bases like Synonyms;
// nil for a word that is no such verb.
func RelatedVerbs(word string) []string { return related(verbs(), word) }

// doers is read on the first call of Doers.
var doers = sync.OnceValue(func() map[string]string { return readTable("doers.tsv.gz", doersGz, 2000) })

// Doers returns the nouns (lower case) WordNet derives from verb for the
// one who does it, in one of its four most frequent senses: Doers("found")
// holds "founder", Doers("directed") "director", Doers("wrote") "writer".
// "Director Celine Song" answers "who directed past lives". A word is read
// as its bases like Synonyms, and as itself ("found" is also the past of
// "find"); nil for a verb with no such noun.
func Doers(verb string) []string {
	out := strings.Fields(doers()[verb])
	for _, n := range related(doers(), verb) {
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// related are the words table gives for each base word may have.
func related(table map[string]string, word string) []string {
	var out []string
	add := func(base string) {
		for _, w := range strings.Fields(table[base]) {
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
