package answer

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/newsroom/askbot/prompts"
	"github.com/newsroom/askbot/text"
)

// markerRE matches a citation marker: [1], [1, 3], [1-3] or [1–3].
var markerRE = regexp.MustCompile(`\[\s*(\d+(?:\s*(?:[-–,]|and)\s*\d+)*)\s*\]`)

// markerSepRE separates the numbers of a marker body: "1, 3", "1 and 3".
var markerSepRE = regexp.MustCompile(`\s*(?:,|and)\s*`)

// quoteRE matches a quoted span in straight or typographic double quotes.
var quoteRE = regexp.MustCompile(`"([^"]{2,})"|“([^”]{2,})”`)

// Check counts what the citation check found in a generated answer.
type Check struct {
	Markers        int // citation markers in the model's text
	InvalidMarkers int // markers pointing at no passage, removed
	Quotes         int // quoted spans
	VerifiedQuotes int // quoted spans found verbatim in a passage the sentence cites
	Unsupported    int // sentences left without a citation (Unverified ones included)
	// Unverified counts cited sentences that name someone or state a
	// number their cited passages do not mention: their citations are
	// dropped and they are shown as citing no source.
	Unverified int
	Injected   int // sentences repeating an instruction planted in a passage
}

// parsedSentence is a sentence of the model's answer with its markers.
type parsedSentence struct {
	body  string
	cites []int // passage numbers as the model wrote them (1-based)
}

// parseMarkers expands the numbers of one marker body ("1, 3", "2-4").
func parseMarkers(body string) []int {
	var out []int
	for _, part := range markerSepRE.Split(body, -1) {
		part = strings.TrimSpace(part)
		if lo, hi, ok := strings.Cut(strings.ReplaceAll(part, "–", "-"), "-"); ok {
			a, err1 := strconv.Atoi(strings.TrimSpace(lo))
			b, err2 := strconv.Atoi(strings.TrimSpace(hi))
			if err1 == nil && err2 == nil && a <= b && b-a < 20 {
				for n := a; n <= b; n++ {
					out = append(out, n)
				}
			}
			continue
		}
		if n, err := strconv.Atoi(part); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// splitCited splits a model answer into sentences and their markers.
// Markers that open a sentence ("… said. [2] Next …") belong to the one before.
func splitCited(body string) []parsedSentence {
	body = strings.TrimSpace(body)
	var out []parsedSentence
	for _, p := range strings.Split(body, "\n") {
		for _, span := range text.Sentences(p) {
			s := p[span.Start:span.End]
			// Leading markers go to the previous sentence.
			for {
				loc := markerRE.FindStringSubmatchIndex(s)
				if loc == nil || strings.TrimSpace(s[:loc[0]]) != "" || len(out) == 0 {
					break
				}
				out[len(out)-1].cites = append(out[len(out)-1].cites, parseMarkers(s[loc[2]:loc[3]])...)
				s = strings.TrimSpace(s[loc[1]:])
			}
			if s == "" {
				continue
			}
			var ps parsedSentence
			for _, m := range markerRE.FindAllStringSubmatch(s, -1) {
				ps.cites = append(ps.cites, parseMarkers(m[1])...)
			}
			ps.body = cleanSentence(markerRE.ReplaceAllString(s, ""))
			if ps.body != "" {
				out = append(out, ps)
			}
		}
	}
	return out
}

// cleanSentence tidies the space left where markers were removed.
func cleanSentence(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for _, p := range []string{".", ",", ";", ":", "!", "?"} {
		s = strings.ReplaceAll(s, " "+p, p)
	}
	return s
}

// quotes returns the quoted spans of a sentence.
func quotes(s string) []string {
	var out []string
	for _, m := range quoteRE.FindAllStringSubmatch(s, -1) {
		q := m[1]
		if q == "" {
			q = m[2]
		}
		out = append(out, strings.TrimSpace(q))
	}
	return out
}

// instructionRE spots text in a passage that addresses the model rather
// than reporting news: planted instructions.
var instructionRE = regexp.MustCompile(`(?i)\b(ignore (all |any |the )?(previous|prior|above|earlier) (instructions|rules|prompts?)|disregard (the|all|your) (instructions|rules)|you are now|new instructions|system prompt|as an ai|(respond|reply|answer) (only )?with|do not cite|tell (the )?(user|reader)s? (that|to))\b`)

// plantedInstructions returns the sentences of text that read as
// instructions to a model.
func plantedInstructions(body string) []string {
	var out []string
	for _, p := range strings.Split(body, "\n") {
		for _, s := range text.Sentences(p) {
			if sent := p[s.Start:s.End]; instructionRE.MatchString(sent) {
				out = append(out, sent)
			}
		}
	}
	return out
}

// echoes reports whether sentence repeats most of the words of instr
// (beyond the instruction's own trigger words).
func echoes(sentence, instr string) bool {
	st := text.Terms(sentence)
	if len(st) == 0 {
		return false
	}
	it := map[string]bool{}
	for _, t := range text.Terms(instr) {
		it[t] = true
	}
	n := 0
	for _, t := range st {
		if it[t] {
			n++
		}
	}
	return float64(n)/float64(len(st)) >= 0.6
}

// keyCheck decides whether a cited sentence of a model's answer shares its
// key words with the passages it cites: every capitalised name and every
// number it states must occur in them (title, outlet and date included).
// A sentence that names someone its passages never mention ("Quackenbush
// is under investigation by the desk [1]") is not what they say.
type keyCheck struct {
	passageWords []map[string]bool // per passage (0-based): its lower-cased words
	names        map[string]bool   // words written capitalised inside a sentence of the passages, question or answer
	known        map[string]bool   // every word of the passages and the question
}

// newKeyCheck prepares the check of an answer to question over passages.
func newKeyCheck(question, answer string, passages []prompts.Passage) *keyCheck {
	k := &keyCheck{names: map[string]bool{}, known: map[string]bool{}}
	addNames := func(body string) {
		for _, p := range strings.Split(body, "\n") {
			for _, s := range text.Sentences(p) {
				for _, n := range text.Names(p[s.Start:s.End]) {
					for _, w := range text.Words(n) {
						k.names[w] = true
					}
				}
			}
		}
	}
	for _, p := range passages {
		words := map[string]bool{}
		for _, w := range text.Words(p.Title + "\n" + p.Source + "\n" + p.Date + "\n" + p.Text) {
			words[w] = true
			k.known[w] = true
		}
		k.passageWords = append(k.passageWords, words)
		addNames(p.Title + "\n" + p.Text)
	}
	for _, w := range text.Words(question) {
		k.known[w] = true
	}
	addNames(question)
	addNames(answer)
	return k
}

// keyWords returns the names and numbers of sentence, lower-cased, each once.
func (k *keyCheck) keyWords(sentence string) []string {
	var out []string
	add := func(w string) {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	for _, n := range text.Names(sentence) {
		for _, w := range text.Words(n) {
			if !text.IsStopWord(w) {
				add(w)
			}
		}
	}
	if w := k.openingName(sentence); w != "" {
		add(w)
	}
	for _, w := range text.Words(sentence) {
		if strings.ContainsAny(w, "0123456789") {
			add(w)
		}
	}
	return out
}

// openingName returns a sentence's first word, lower-cased, when it reads
// as a name: capitalised and not a stop word, month or day, and either
// written capitalised inside some sentence (of the passages, question or
// answer) or found nowhere in the passages and question at all, unless it
// reads as an opening adverb ("Additionally", "However").
func (k *keyCheck) openingName(sentence string) string {
	first, _, _ := strings.Cut(strings.TrimLeft(sentence, " \"“‘'([*_"), " ")
	// Names leaves a sentence's first word out: put a word before it.
	names := text.Names("x " + first)
	if len(names) == 0 {
		return ""
	}
	words := text.Words(names[0])
	if len(words) != 1 {
		return ""
	}
	w := words[0]
	switch {
	case k.names[w]:
		return w
	case k.known[w], strings.HasSuffix(w, "ly"), openers[w]:
		return ""
	}
	return w
}

// openers are capitalised words that open sentences without naming anyone.
var openers = map[string]bool{
	"additionally": true, "also": true, "meanwhile": true, "however": true, "according": true, "overall": true,
	"moreover": true, "furthermore": true, "therefore": true, "thus": true, "instead": true, "still": true, "yet": true,
	"later": true, "earlier": true, "today": true, "yesterday": true, "separately": true, "similarly": true,
	"finally": true, "first": true, "second": true, "third": true, "last": true, "next": true, "then": true,
	"neither": true, "either": true, "none": true, "many": true, "several": true, "some": true, "others": true,
	"this": true, "that": true, "these": true, "those": true, "there": true, "here": true, "it": true, "they": true,
	"both": true, "despite": true, "although": true, "while": true, "since": true, "because": true, "after": true,
	"before": true, "during": true, "when": true, "where": true, "what": true, "who": true, "yes": true, "no": true,
}

// missing returns the key words of sentence that none of the cited passages
// (numbers as the model wrote them, 1-based) mentions.
func (k *keyCheck) missing(sentence string, cited []int) []string {
	var out []string
	for _, w := range k.keyWords(sentence) {
		found := false
		for _, n := range cited {
			if n >= 1 && n <= len(k.passageWords) && k.passageWords[n-1][w] {
				found = true
				break
			}
		}
		if !found {
			out = append(out, w)
		}
	}
	return out
}

// missingWord returns word as sentence writes it ("Quackenbush" for
// "quackenbush"), for a warning.
func missingWord(sentence, word string) string {
	for _, f := range strings.FieldsFunc(sentence, func(r rune) bool { return r == ' ' || strings.ContainsRune(",.;:!?\"“”()[]", r) }) {
		if ws := text.Words(f); len(ws) > 0 && slices.Contains(ws, word) {
			return strings.Trim(f, "'’")
		}
	}
	return word
}
