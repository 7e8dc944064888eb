package answer

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/newsroom/askbot/retrieval"
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
	Unsupported    int // sentences left without a citation
	Injected       int // sentences repeating an instruction planted in a passage
}

// parsedSentence is a sentence of the model's answer with its markers.
type parsedSentence struct {
	text  string
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
func splitCited(text string) []parsedSentence {
	text = strings.TrimSpace(text)
	var out []parsedSentence
	for _, p := range strings.Split(text, "\n") {
		for _, span := range retrieval.Sentences(p) {
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
			ps.text = cleanSentence(markerRE.ReplaceAllString(s, ""))
			if ps.text != "" {
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
func plantedInstructions(text string) []string {
	var out []string
	for _, p := range strings.Split(text, "\n") {
		for _, s := range retrieval.Sentences(p) {
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
	st := retrieval.Terms(sentence)
	if len(st) == 0 {
		return false
	}
	it := map[string]bool{}
	for _, t := range retrieval.Terms(instr) {
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
