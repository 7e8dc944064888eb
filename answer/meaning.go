package answer

import (
	"strings"

	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/glove"
	"github.com/newsroom/askbot/text"
)

// meaning compares a question's words with a sentence's by the compiled-in
// word vectors: a document says a question's words in other words as
// often as in its own ("which state grows the most cranberries" is
// answered by "Wisconsin produces roughly 60% of the U.S. cranberry
// harvest").
type meaning struct {
	vectors *glove.Vectors
	words   []string    // the question's content words the table holds
	terms   []string    // their index terms
	weights []float64   // their IDF weight
	unit    [][]float32 // their unit vectors
	average []float32   // the question's words averaged (glove.Vectors.Average)
	total   float64
	cache   map[string][]float32 // unit vectors of the sentences' words
}

// newMeaning reads question's content words: not stop words, chat
// shorthand or the words asking ("who", "how"), weighed by their IDF over
// ix (a word no document holds weighs nothing: no sentence can say it).
func newMeaning(ix *retrieval.Index, question string) *meaning {
	v, err := glove.Default()
	if err != nil {
		return &meaning{} // without the table, no sentence is compared
	}
	m := &meaning{vectors: v, cache: map[string][]float32{}}
	for _, w := range text.Words(strings.ToLower(text.Normalize(question))) {
		t := text.Term(w)
		if text.IsStopWord(w) || text.IsChatWord(w) || text.IsAskTerm(t) || !ix.Knows(t) {
			continue
		}
		u, ok := m.vector(w)
		if !ok {
			continue
		}
		m.words = append(m.words, w)
		m.terms = append(m.terms, t)
		m.weights = append(m.weights, ix.IDF(t))
		m.unit = append(m.unit, u)
		m.total += ix.IDF(t)
	}
	m.average, _ = v.Average(m.words)
	return m
}

// vector returns the unit vector of w (lower case), read once.
func (m *meaning) vector(w string) ([]float32, bool) {
	if u, ok := m.cache[w]; ok {
		return u, u != nil
	}
	u, ok := m.vectors.Average([]string{w})
	m.cache[w] = u
	return u, ok
}

// sentenceWords are the lower-case words of s the table holds, stop words
// aside.
func (m *meaning) sentenceWords(s string) []string {
	var out []string
	for _, w := range text.Words(strings.ToLower(s)) {
		if !text.IsStopWord(w) && m.vectors.Has(w) {
			out = append(out, w)
		}
	}
	return out
}

// align is the IDF-weighted mean, over the question's content words, of
// the cosine of each with its nearest word of s (1 for the word itself
// or an inflection of it, none below 0): how much of the question s says, in any words.
func (m *meaning) align(s string) float64 {
	if m.total == 0 {
		return 0
	}
	words := m.sentenceWords(s)
	terms := make([]string, len(words))
	for i, w := range words {
		terms[i] = text.Term(w)
	}
	var sum float64
	for i, q := range m.unit {
		best := 0.0
		for j, w := range words {
			if terms[j] == m.terms[i] {
				best = 1 // the word itself, or an inflection of it
				break
			}
			if u, ok := m.vector(w); ok {
				best = max(best, cosine(q, u))
			}
		}
		sum += m.weights[i] * best
	}
	return sum / m.total
}

// dense is the cosine of s's averaged word vectors with the question's.
func (m *meaning) dense(s string) float64 {
	if m.average == nil {
		return 0
	}
	avg, ok := m.vectors.Average(m.sentenceWords(s))
	if !ok {
		return 0
	}
	return max(0, cosine(m.average, avg))
}

// cosine is the dot product of two unit vectors.
func cosine(a, b []float32) float64 {
	var dot float32
	for i := range a {
		dot += a[i] * b[i]
	}
	return float64(dot)
}
