package answer_test

import (
	"fmt"
	"testing"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/internal/testutil/synth"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/memory"
)

// answerQuestions are asked in turn: short ones, a who-question (short
// answer), and ones naming outlets and stringing facts (more quotes).
var answerQuestions = []string{
	"Who denied meeting Russian officials?",
	"What did the foreign ministry spokeswoman tell Bloomberg about the embassy staff?",
	"How did the lower house of parliament react to the election result?",
	"Which official, as reported by Outlet 5, denied meeting the foreign ambassador, and did Outlet 12 agree?",
	"Did Outlet 3 report that the ministry confirmed contacts with the campaign, while Outlet 7 said the talks continued after the election?",
}

// BenchmarkAnswer measures a whole extractive answer (retrieval, sentence
// choice, short answer, quote checks) and the extractive step alone, on the
// synthetic corpus with the offline default (no dense ranking).
//
//	go test ./answer -run '^$' -bench Answer -benchtime 200x -count 6
func BenchmarkAnswer(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		docs, err := synth.Documents(n)
		if err != nil {
			b.Fatal(err)
		}
		g, err := retrieval.NewGloVeEmbedder()
		if err != nil {
			b.Fatal(err)
		}
		ix, err := memory.Build(b.Context(), docs, g, memory.BuildOptions{})
		if err != nil {
			b.Fatal(err)
		}
		opts := retrieval.SearchOptions{K: 10, DenseWeight: -1}
		e := answer.New(memory.New(ix).Searcher(), opts)
		b.Run(fmt.Sprintf("ask/chunks=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := e.Ask(b.Context(), answer.Request{Question: answerQuestions[i%len(answerQuestions)]}); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
		results := make([]*retrieval.Results, len(answerQuestions))
		for j, q := range answerQuestions {
			if results[j], err = ix.Search(b.Context(), q, opts); err != nil {
				b.Fatal(err)
			}
		}
		b.Run(fmt.Sprintf("extract/chunks=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				j := i % len(answerQuestions)
				answer.Extract(ix, answerQuestions[j], results[j])
				i++
			}
		})
	}
}
