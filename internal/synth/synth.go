// Package synth grows synthetic news corpora of any size for benchmarks:
// sentences of real English words drawn by Zipf's law from the GloVe
// vocabulary, a quarter of them sentences of a real article, in documents
// of a given number of characters. It is deterministic for a seed.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/glove"
)

// Generator makes synthetic documents.
type Generator struct {
	words     []string
	sentences []string
	rng       *rand.Rand
	zipf      *rand.Zipf
}

// New returns a generator that mixes in the sentences of seedText.
func New(seedText string, seed uint64) (*Generator, error) {
	vocab, err := glove.Default()
	if err != nil {
		return nil, err
	}
	g := &Generator{words: vocab.Words(20000), rng: rand.New(rand.NewPCG(seed, 2))}
	g.zipf = rand.NewZipf(rand.New(rand.NewPCG(seed, 4)), 1.1, 10, uint64(len(g.words)-1))
	for _, p := range strings.Split(seedText, "\n") {
		for _, s := range retrieval.Sentences(p) {
			g.sentences = append(g.sentences, p[s.Start:s.End])
		}
	}
	return g, nil
}

func (g *Generator) sentence() string {
	if len(g.sentences) > 0 && g.rng.IntN(4) == 0 {
		return g.sentences[g.rng.IntN(len(g.sentences))]
	}
	k := 12 + g.rng.IntN(18)
	parts := make([]string, k)
	for i := range parts {
		parts[i] = g.words[g.zipf.Uint64()]
	}
	s := strings.Join(parts, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

// Document returns the body of document n: paragraphs of three sentences
// separated by blank lines, about chars characters long.
func (g *Generator) Document(n, chars int) (title, body string) {
	var b strings.Builder
	for b.Len() < chars {
		for range 3 {
			b.WriteString(g.sentence())
			b.WriteByte(' ')
		}
		b.WriteString("\n\n")
	}
	return fmt.Sprintf("Synthetic report %d", n), strings.TrimSpace(b.String())
}
