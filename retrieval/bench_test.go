package retrieval

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/retrieval/glove"
)

// syntheticDocs grows a corpus of about n chunks of the default size: the
// seed article's sentences interleaved with sentences of real English words
// drawn by Zipf's law from the GloVe vocabulary, ten chunks per document.
func syntheticDocs(tb testing.TB, n int) []*corpus.Document {
	tb.Helper()
	vocab, err := glove.Default()
	if err != nil {
		tb.Fatal(err)
	}
	words := vocab.Words(20000)
	seed := bundledDocs(tb)[0]
	var seedSentences []string
	for _, p := range seed.Paragraphs {
		for _, s := range Sentences(seed.Text[p.Start:p.End]) {
			seedSentences = append(seedSentences, seed.Text[p.Start+s.Start:p.Start+s.End])
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	zipf := rand.NewZipf(rand.New(rand.NewPCG(3, 4)), 1.1, 10, uint64(len(words)-1))
	sentence := func() string {
		if rng.IntN(4) == 0 {
			return seedSentences[rng.IntN(len(seedSentences))]
		}
		k := 12 + rng.IntN(18)
		parts := make([]string, k)
		for i := range parts {
			parts[i] = words[zipf.Uint64()]
		}
		s := strings.Join(parts, " ")
		return strings.ToUpper(s[:1]) + s[1:] + "."
	}
	var docs []*corpus.Document
	for d := 0; d*10 < n; d++ {
		var b strings.Builder
		fmt.Fprintf(&b, "Synthetic report %d\n", d)
		for b.Len() < 10*DefaultChunker.TargetChars-200 {
			for range 3 {
				b.WriteString(sentence())
				b.WriteByte(' ')
			}
			b.WriteString("\n\n")
		}
		res, err := corpus.LoadFS(context.Background(), fstestMap(fmt.Sprintf("doc%06d.txt", d), b.String()), corpus.Options{})
		if err != nil {
			tb.Fatal(err)
		}
		docs = append(docs, res.Documents[0])
	}
	return docs
}

var benchSizes = []int{1000, 10000, 100000}

var benchQueries = []string{
	"Who denied meeting Russian officials?",
	"What did the foreign ministry spokeswoman tell Bloomberg about the embassy staff?",
	"government percent years people world",
	"How did the lower house of parliament react to the election result?",
}

func BenchmarkBuild(b *testing.B) {
	g, err := NewGloVeEmbedder()
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range benchSizes {
		docs := syntheticDocs(b, n)
		b.Run(fmt.Sprintf("chunks=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			var chunks int
			for b.Loop() {
				ix, err := Build(b.Context(), docs, g, BuildOptions{})
				if err != nil {
					b.Fatal(err)
				}
				chunks = len(ix.Chunks())
			}
			b.ReportMetric(float64(chunks)*float64(b.N)/b.Elapsed().Seconds(), "chunks/s")
		})
	}
}

func BenchmarkQuery(b *testing.B) {
	g, err := NewGloVeEmbedder()
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range benchSizes {
		ix, err := Build(context.Background(), syntheticDocs(b, n), g, BuildOptions{})
		if err != nil {
			b.Fatal(err)
		}
		opts := SearchOptions{K: 10}.withDefaults()
		b.Run(fmt.Sprintf("dense/chunks=%d", n), func(b *testing.B) {
			i := 0
			for b.Loop() {
				q := benchQueries[i%len(benchQueries)]
				i++
				vec, _ := g.Embed(b.Context(), []string{q})
				dense, _ := ix.dense()
				if _, err := dense.coll.QueryEmbedding(b.Context(), vec[0], opts.Candidates, nil, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("lexical/chunks=%d", n), func(b *testing.B) {
			i := 0
			for b.Loop() {
				q := benchQueries[i%len(benchQueries)]
				i++
				ix.lex.Search(QueryTerms(q), opts.Candidates)
			}
		})
		b.Run(fmt.Sprintf("hybrid/chunks=%d", n), func(b *testing.B) {
			i := 0
			for b.Loop() {
				q := benchQueries[i%len(benchQueries)]
				i++
				if _, err := ix.Search(b.Context(), q, opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
