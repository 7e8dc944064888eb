// Command gendata rebuilds the text package's WordNet data from Debian's
// wordnet-base files (apt-get install wordnet-base):
//
//	go run ./text/internal/gendata [-wordnet /usr/share/wordnet] [-out text/data]
//
// It writes lemmas.tsv (an inflected form and its base, from the
// exception lists verb.exc, noun.exc, adj.exc and adv.exc) and
// synonyms.tsv.gz (a word and the single words sharing a synset with its
// first senses, from index.* and data.*) and verbs.tsv.gz (a verb and the
// verbs one step more general or more specific in WordNet's verb
// hierarchy, among the first senses of both, from index.verb and
// data.verb), agents.tsv.gz (a noun whose most frequent sense is a
// person or an organization, from index.noun and data.noun) and
// proper.tsv.gz (a noun WordNet writes capitalised in every synset, and
// no verb, adjective or adverb, from data.noun and index.*) and
// unlisted.tsv.gz (a frequent word of the compiled-in GloVe table that
// WordNet lists nowhere, from index.* and the exception lists).
package main

import (
	"bufio"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/newsroom/askbot/retrieval/glove"
)

// keepForms are exception forms more often words of their own than the
// inflection WordNet lists ("ground" is rarely the past of "grind"): left
// as they are.
var keepForms = map[string]bool{
	"ground": true, "rose": true, "bore": true, "wound": true, "media": true, "data": true, "lay": true,
	"axes": true, "bases": true, "mice": false,
}

// senses is how many of a word's most frequent senses give synonyms.
const senses = 2

func main() {
	dir := flag.String("wordnet", "/usr/share/wordnet", "directory of the WordNet database files")
	out := flag.String("out", "text/data", "directory to write lemmas.tsv and synonyms.tsv.gz to")
	flag.Parse()
	if err := run(*dir, *out); err != nil {
		log.Fatal(err)
	}
}

func run(dir, out string) error {
	lemmas, err := exceptions(dir)
	if err != nil {
		return err
	}
	if err := writeLemmas(filepath.Join(out, "lemmas.tsv"), lemmas); err != nil {
		return err
	}
	syn, err := synonyms(dir)
	if err != nil {
		return err
	}
	if err := writeSynonyms(filepath.Join(out, "synonyms.tsv.gz"), syn); err != nil {
		return err
	}
	broader, err := verbLinks(dir)
	if err != nil {
		return err
	}
	if err := writeTable(filepath.Join(out, "verbs.tsv.gz"), broader,
		fmt.Sprintf("# verb\tverbs one hypernym (troponym) step from one of its first %d senses, to one of theirs, under hypernyms with at most %d troponyms, from WordNet 3.0 (go run ./text/internal/gendata)", verbSenses, maxTroponyms)); err != nil {
		return err
	}
	agents, err := agentNouns(dir)
	if err != nil {
		return err
	}
	if err := writeTable(filepath.Join(out, "agents.tsv.gz"), agents,
		"# noun\twhat its most frequent sense is: a person or an organization, from WordNet 3.0 (go run ./text/internal/gendata)"); err != nil {
		return err
	}
	proper, err := properNouns(dir)
	if err != nil {
		return err
	}
	if err := writeTable(filepath.Join(out, "proper.tsv.gz"), proper,
		"# noun\t\"proper\": every sense of it WordNet 3.0 writes capitalised, and it is no verb, adjective or adverb (go run ./text/internal/gendata)"); err != nil {
		return err
	}
	doers, err := doerNouns(dir)
	if err != nil {
		return err
	}
	if err := writeTable(filepath.Join(out, "doers.tsv.gz"), doers,
		fmt.Sprintf("# verb\tthe nouns of a person or an organization WordNet 3.0 derives from one of its first %d senses (go run ./text/internal/gendata)", doerSenses)); err != nil {
		return err
	}
	unlisted, err := unlistedWords(dir, lemmas)
	if err != nil {
		return err
	}
	return writeTable(filepath.Join(out, "unlisted.tsv.gz"), unlisted,
		fmt.Sprintf("# word\t\"unlisted\": one of the %d most frequent words of the compiled-in GloVe table that WordNet 3.0 lists in no part of speech, inflected or not (go run ./text/internal/gendata)", frequentWords))
}

// frequentWords is how many of the GloVe table's most frequent words
// unlistedWords reads: more than the retrieval's common words.
const frequentWords = 40000

// unlistedWords maps each of the GloVe table's frequentWords most frequent
// words of letters that WordNet knows in no part of speech, as written or
// as a regular or irregular inflection (exceptions), to "unlisted":
// mostly names the web writes often ("eurovision", "nascar"), which a
// document would have to write too.
func unlistedWords(dir string, exceptions map[string]string) (map[string][]string, error) {
	v, err := glove.Default()
	if err != nil {
		return nil, err
	}
	known, err := lemmasOf(dir, "noun", "verb", "adj", "adv")
	if err != nil {
		return nil, err
	}
	m := map[string][]string{}
	for _, w := range v.Words(frequentWords) {
		if plain(w) && !known[w] && !known[exceptions[w]] && !slices.ContainsFunc(regularBases(w), func(b string) bool { return known[b] }) {
			m[w] = []string{"unlisted"}
		}
	}
	return m, nil
}

// lemmasOf returns the words WordNet's index files of the parts of
// speech list (index.noun, index.verb…).
func lemmasOf(dir string, parts ...string) (map[string]bool, error) {
	m := map[string]bool{}
	for _, pos := range parts {
		err := eachLine(filepath.Join(dir, "index."+pos), func(line string) {
			if !strings.HasPrefix(line, " ") {
				m[strings.Fields(line)[0]] = true
			}
		})
		if err != nil {
			return nil, err
		}
	}
	return m, nil
}

// regularBases are the bases WordNet's morphology (morphy's detachment
// rules) gives a regular inflection: "companies" company, "walked" walk.
func regularBases(w string) []string {
	var out []string
	for _, r := range [][2]string{
		{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"},
		{"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""}, {"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"},
	} {
		if base, ok := strings.CutSuffix(w, r[0]); ok && base != "" {
			out = append(out, base+r[1])
		}
	}
	return out
}

// properNouns maps each single-word noun that WordNet writes capitalised
// in every synset holding it ("Bogota", "Norway"), and lists as no verb,
// adjective or adverb, to "proper": a name even when typed in lower case.
func properNouns(dir string) (map[string][]string, error) {
	senses, capitalised := map[string]int{}, map[string]int{}
	err := eachSynset(filepath.Join(dir, "data.noun"), "n", func(s synset) {
		for _, w := range s.words {
			lw := strings.ToLower(w)
			if !plain(lw) {
				continue
			}
			senses[lw]++
			if w[0] >= 'A' && w[0] <= 'Z' {
				capitalised[lw]++
			}
		}
	})
	if err != nil {
		return nil, err
	}
	other, err := lemmasOf(dir, "verb", "adj", "adv")
	if err != nil {
		return nil, err
	}
	m := map[string][]string{}
	for w, n := range senses {
		if capitalised[w] == n && !other[w] {
			m[w] = []string{"proper"}
		}
	}
	return m, nil
}

// The synsets every person and every organization descend from:
// person.n.01 and organization.n.01.
const personSynset, organizationSynset = "00007846", "08008335"

// agentNouns maps each plain noun whose most frequent sense descends from
// person.n.01 ("contractor", "spokesperson") or organization.n.01
// ("authority", "council") to "person" or "organization": the nouns that
// may answer "who" without a name ("the contractor was paid twice").
func agentNouns(dir string) (map[string][]string, error) {
	parents := map[string][]string{}
	err := eachSynset(filepath.Join(dir, "data.noun"), "n", func(s synset) { parents[s.offset] = s.hypernyms })
	if err != nil {
		return nil, err
	}
	under := func(off, root string) bool { return descends(parents, off, root) }
	m := map[string][]string{}
	err = eachLemma(filepath.Join(dir, "index.noun"), func(lemma string, offsets []string) {
		switch {
		case under(offsets[0], personSynset):
			m[lemma] = []string{"person"}
		case under(offsets[0], organizationSynset):
			m[lemma] = []string{"organization"}
		}
	})
	return m, err
}

// doerSenses is how many of a verb's most frequent senses give the nouns
// of their doers: "run" a business is its fourth.
const doerSenses = 4

// doerNouns maps each plain verb to the nouns WordNet derives from the
// verb itself in one of its first doerSenses senses (a "+" pointer from
// the verb's word of the synset to a noun's word) whose synset descends
// from person.n.01 or organization.n.01: "found" gives "founder", "direct"
// "director", "write" "writer", "publish" "publisher" (an organization
// only when named by its deed, "-er" or "-or": "found" does not give
// "foundation"). A "who" question's deed is done by the one the documents
// call by that noun ("director Celine Song").
func doerNouns(dir string) (map[string][]string, error) {
	parents := map[string][]string{}
	nouns := map[string][]string{}
	err := eachSynset(filepath.Join(dir, "data.noun"), "n", func(s synset) {
		parents[s.offset] = s.hypernyms
		nouns[s.offset] = s.words
	})
	if err != nil {
		return nil, err
	}
	under := func(off, root string) bool { return descends(parents, off, root) }
	verbs := map[string]synset{}
	err = eachSynset(filepath.Join(dir, "data.verb"), "v", func(s synset) { verbs[s.offset] = s })
	if err != nil {
		return nil, err
	}
	m := map[string][]string{}
	err = eachLemma(filepath.Join(dir, "index.verb"), func(lemma string, offsets []string) {
		for _, off := range offsets[:min(doerSenses, len(offsets))] {
			s := verbs[off]
			at := slices.IndexFunc(s.words, func(w string) bool { return strings.EqualFold(w, lemma) }) + 1
			for _, d := range s.derived {
				if d.source != at || d.target < 1 || d.target > len(nouns[d.offset]) {
					continue
				}
				n := strings.ToLower(nouns[d.offset][d.target-1])
				// An organization derived from the verb is its doer when
				// named as one ("publisher", "manufacturer"), not when
				// it is what the deed makes ("foundation", "alliance").
				doer := under(d.offset, personSynset) || under(d.offset, organizationSynset) && (strings.HasSuffix(n, "er") || strings.HasSuffix(n, "or"))
				if doer && plain(n) && !slices.Contains(m[lemma], n) {
					m[lemma] = append(m[lemma], n)
				}
			}
		}
	})
	for _, k := range sortedKeys(m) {
		slices.Sort(m[k])
	}
	return m, err
}

// descends reports whether noun synset off is root or descends from it
// through parents (each synset's hypernyms).
func descends(parents map[string][]string, off, root string) bool {
	seen := map[string]bool{}
	for queue := []string{off}; len(queue) > 0; queue = queue[1:] {
		o := queue[0]
		if o == root {
			return true
		}
		if !seen[o] {
			seen[o] = true
			queue = append(queue, parents[o]...)
		}
	}
	return false
}

// verbSenses is how many of a verb's most frequent senses are linked to
// broader and narrower verbs; maxTroponyms the most troponyms a synset may
// have for its verbs to be linked to them: a general verb ("change",
// "move") is the hypernym of hundreds, none of which rewords it, while a
// specific one ("deduct") has a few ("dock").
const verbSenses, maxTroponyms = 3, 20

// verbLinks maps each plain verb to the plain verbs of its first senses'
// hypernym synsets, and each of those back to it, when the hypernym synset
// is also among the first senses of the linked word and has at most
// maxTroponyms troponyms: "dock" (sense 3, "deduct from someone's wages")
// and "deduct" (sense 2, "withhold, deduct, recoup"), "beat" and
// "trounce".
func verbLinks(dir string) (map[string][]string, error) {
	data := map[string]synset{}
	troponyms := map[string]int{}
	err := eachSynset(filepath.Join(dir, "data.verb"), "v", func(s synset) {
		var words []string
		for _, w := range s.words {
			if w := strings.ToLower(w); plain(w) {
				words = append(words, w)
			}
		}
		s.words = words
		for _, off := range s.hypernyms {
			troponyms[off]++
		}
		data[s.offset] = s
	})
	if err != nil {
		return nil, err
	}
	first := map[string][]string{} // a verb's first senses
	err = eachLemma(filepath.Join(dir, "index.verb"), func(lemma string, offsets []string) {
		first[lemma] = offsets[:min(verbSenses, len(offsets))]
	})
	if err != nil {
		return nil, err
	}
	m := map[string][]string{}
	link := func(a, b string) {
		if a != b && !slices.Contains(m[a], b) {
			m[a] = append(m[a], b)
		}
	}
	for _, w := range sortedKeys(first) {
		for _, off := range first[w] {
			s, ok := data[off]
			if !ok {
				continue
			}
			for _, h := range s.hypernyms {
				hs, ok := data[h]
				if troponyms[h] > maxTroponyms || !ok {
					continue
				}
				for _, x := range hs.words {
					if slices.Contains(first[x], h) {
						link(w, x)
						link(x, w)
					}
				}
			}
		}
	}
	for _, k := range sortedKeys(m) {
		slices.Sort(m[k])
	}
	return m, nil
}

// writeTable writes m, gzipped, a word and its words a line, under header.
func writeTable(path string, m map[string][]string, header string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(f, gzip.BestCompression)
	if err != nil {
		f.Close()
		return err
	}
	fmt.Fprintln(zw, header)
	for _, k := range sortedKeys(m) {
		if len(m[k]) > 0 {
			fmt.Fprintf(zw, "%s\t%s\n", k, strings.Join(m[k], " "))
		}
	}
	if err := zw.Close(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// exceptions reads the exception lists, verbs first: a form listed for
// several parts of speech keeps its verb's base ("saw" is "see"), and a
// form with several bases its first ("better" is "good").
func exceptions(dir string) (map[string]string, error) {
	m := map[string]string{}
	for _, pos := range []string{"verb", "noun", "adj", "adv"} {
		err := eachLine(filepath.Join(dir, pos+".exc"), func(line string) {
			f := strings.Fields(line)
			if len(f) < 2 || !plain(f[0]) || !plain(f[1]) || f[0] == f[1] || keepForms[f[0]] {
				return
			}
			if _, ok := m[f[0]]; !ok {
				m[f[0]] = f[1]
			}
		})
		if err != nil {
			return nil, err
		}
	}
	return m, nil
}

// plain reports whether w is one lower-case word of letters (no
// collocations "take_place", no hyphens, no names).
func plain(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// synonyms maps each plain word of index.noun, index.verb and index.adj
// to the plain words sharing a synset with one of its first senses.
func synonyms(dir string) (map[string][]string, error) {
	m := map[string][]string{}
	for _, pos := range []string{"noun", "verb", "adj"} {
		words, err := synsetWords(filepath.Join(dir, "data."+pos))
		if err != nil {
			return nil, err
		}
		err = eachLemma(filepath.Join(dir, "index."+pos), func(lemma string, offsets []string) {
			for _, off := range offsets[:min(senses, len(offsets))] {
				for _, w := range words[off] {
					if w != lemma && !slices.Contains(m[lemma], w) {
						m[lemma] = append(m[lemma], w)
					}
				}
			}
		})
		if err != nil {
			return nil, err
		}
	}
	return m, nil
}

// synsetWords reads a data.* file: each synset's offset and its plain words.
func synsetWords(path string) (map[string][]string, error) {
	m := map[string][]string{}
	err := eachSynset(path, "", func(s synset) {
		for _, w := range s.words {
			if j := strings.IndexByte(w, '('); j > 0 {
				w = w[:j] // adjective markers: "galore(ip)"
			}
			if plain(w) && !slices.Contains(m[s.offset], w) {
				m[s.offset] = append(m[s.offset], w)
			}
		}
	})
	return m, err
}

// synset is one line of a data.* file: its offset, its words as written
// ("Bogota", "galore(ip)") and the offsets of its hypernyms of the same
// part of speech.
type synset struct {
	offset    string
	words     []string
	hypernyms []string
	// derived are the nouns derived from a word of the synset ("+"
	// pointers to nouns).
	derived []derivation
}

// derivation is a "+" pointer of a synset: word source (1-based) of the
// synset is derived from, or gives, word target of noun synset offset.
type derivation struct {
	offset         string
	source, target int
}

// eachSynset calls fn with each synset of the data.* file at path, whose
// part of speech is pos ("n", "v", "a").
func eachSynset(path, pos string, fn func(synset)) error {
	return eachLine(path, func(line string) {
		if strings.HasPrefix(line, " ") {
			return // the licence
		}
		// offset lex_filenum ss_type w_cnt word lex_id [word lex_id...]
		// p_cnt [pointer_symbol offset pos source/target...] ...
		f := strings.Fields(line)
		if len(f) < 4 {
			return
		}
		n, err := strconv.ParseInt(f[3], 16, 32)
		if err != nil || len(f) < 5+2*int(n) {
			return
		}
		s := synset{offset: f[0]}
		for i := range int(n) {
			s.words = append(s.words, f[4+2*i])
		}
		at := 4 + 2*int(n)
		p, err := strconv.Atoi(f[at])
		if err != nil || len(f) < at+1+4*p {
			return
		}
		for k := range p {
			symbol, off, ptrPos, st := f[at+1+4*k], f[at+2+4*k], f[at+3+4*k], f[at+4+4*k]
			if symbol == "@" && ptrPos == pos {
				s.hypernyms = append(s.hypernyms, off)
			}
			if symbol == "+" && ptrPos == "n" && len(st) == 4 {
				source, err1 := strconv.ParseInt(st[:2], 16, 32)
				target, err2 := strconv.ParseInt(st[2:], 16, 32)
				if err1 == nil && err2 == nil {
					s.derived = append(s.derived, derivation{offset: off, source: int(source), target: int(target)})
				}
			}
		}
		fn(s)
	})
}

// eachLemma calls fn with each plain lemma of the index.* file at path and
// the offsets of its synsets, the most frequent sense first.
func eachLemma(path string, fn func(lemma string, offsets []string)) error {
	return eachLine(path, func(line string) {
		if strings.HasPrefix(line, " ") {
			return // the licence
		}
		// lemma pos synset_cnt p_cnt ptr_symbol... sense_cnt tagsense_cnt offset...
		f := strings.Fields(line)
		if len(f) < 6 || !plain(f[0]) {
			return
		}
		pcnt, err := strconv.Atoi(f[3])
		if err != nil || len(f) < 6+pcnt+1 {
			return
		}
		fn(f[0], f[4+pcnt+2:])
	})
}

func eachLine(path string, fn func(string)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		fn(sc.Text())
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}

func writeLemmas(path string, m map[string]string) error {
	var b strings.Builder
	b.WriteString("# form\tbase, from WordNet 3.0's exception lists (go run ./text/internal/gendata)\n")
	for _, k := range sortedKeys(m) {
		fmt.Fprintf(&b, "%s\t%s\n", k, m[k])
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

func writeSynonyms(path string, m map[string][]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(f, gzip.BestCompression)
	if err != nil {
		f.Close()
		return err
	}
	var w io.Writer = zw
	fmt.Fprintf(w, "# word\tsynonyms (its first %d senses per part of speech), from WordNet 3.0 (go run ./text/internal/gendata)\n", senses)
	for _, k := range sortedKeys(m) {
		if len(m[k]) == 0 {
			continue
		}
		fmt.Fprintf(w, "%s\t%s\n", k, strings.Join(m[k], " "))
	}
	if err := zw.Close(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
