// Package synth grows synthetic news corpora of any size for benchmarks:
// sentences of real English words drawn by Zipf's law from the GloVe
// vocabulary, a quarter of them sentences of a real article, in documents
// of a given number of characters. It is deterministic for a seed.
package synth

import (
	"context"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"strings"
	"testing/fstest"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/glove"
	"github.com/newsroom/askbot/text"
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
		for _, s := range text.Sentences(p) {
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

// Documents grows a corpus of about chunks chunks of the default size: ten
// chunks a document, the bundled seed article's sentences mixed in, 50
// outlets ("Outlet 0" … "Outlet 49", as scripts/synthcorpus writes).
func Documents(chunks int) ([]*corpus.Document, error) {
	seed, err := fs.ReadFile(corpus.Bundled(), "000_09882ac5bc3d6676.txt")
	if err != nil {
		return nil, err
	}
	g, err := New(string(seed), 1)
	if err != nil {
		return nil, err
	}
	per := retrieval.DefaultChunker.TargetChars * 10
	var docs []*corpus.Document
	for d := 0; d*10 < chunks; d++ {
		title, body := g.Document(d, per-300)
		name := fmt.Sprintf("doc%07d.txt", d)
		res, err := corpus.LoadFS(context.Background(), fstest.MapFS{name: {Data: []byte(title + "\n" + body)}}, corpus.Options{})
		if err != nil {
			return nil, fmt.Errorf("synthetic document %d: %w", d, err)
		}
		doc := res.Documents[0]
		doc.Source = fmt.Sprintf("Outlet %d", d%50)
		docs = append(docs, doc)
	}
	return docs, nil
}
