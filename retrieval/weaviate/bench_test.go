package weaviate_test

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/askbot/internal/synth"
	"github.com/newsroom/askbot/internal/weaviatetest"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/weaviate"
)

// rssBytes reads a process's resident memory from /proc.
func rssBytes(pid int) int64 {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(raw), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

var benchQuestions = []string{
	"Who denied meeting Russian officials?",
	"What did the foreign ministry spokeswoman tell Bloomberg about the embassy staff?",
	"government percent years people world",
	"How did the lower house of parliament react to the election result?",
}

// BenchmarkWeaviate writes a synthetic corpus (internal/synth, the same as
// retrieval's benchmarks) into one Weaviate node and times the candidate
// queries the store makes for a question, beside the in-process figures of
// retrieval's BenchmarkQuery. BOT_WEAVIATE_BENCH_CHUNKS sets the size
// (10,000 unless set):
//
//	BOT_WEAVIATE_BENCH_CHUNKS=100000 go test ./retrieval/weaviate -run '^$' -bench Weaviate -benchtime 200x
func BenchmarkWeaviate(b *testing.B) {
	n := 10000
	if v, err := strconv.Atoi(os.Getenv("BOT_WEAVIATE_BENCH_CHUNKS")); err == nil && v > 0 {
		n = v
	}
	s := weaviatetest.Start(b)
	ctx := b.Context()
	c, _ := weaviate.New(s.URL, "")
	docs, err := synth.Documents(n)
	if err != nil {
		b.Fatal(err)
	}
	g, err := retrieval.NewGloVeEmbedder()
	if err != nil {
		b.Fatal(err)
	}
	var all []weaviate.Chunk
	for _, d := range docs {
		for _, ch := range retrieval.DefaultChunker.Split(d) {
			all = append(all, weaviate.Chunk{ID: ch.ID, DocID: d.ID, Source: d.Source,
				Terms: retrieval.Terms(ch.Text), Meta: retrieval.Terms(d.Title + "\n" + d.Source), Text: ch.Text})
		}
	}
	texts := make([]string, len(all))
	for i := range all {
		texts[i] = all[i].Text
	}
	vecs, err := g.Embed(ctx, texts)
	if err != nil {
		b.Fatal(err)
	}
	for i := range all {
		all[i].Vector = vecs[i]
	}
	class := weaviate.VersionClass("Bench", "v1")
	if err := c.CreateClass(ctx, class, weaviate.ClassOptions{}); err != nil {
		b.Fatal(err)
	}
	before := rssBytes(s.PID())
	start := time.Now()
	if err := c.Put(ctx, class, all); err != nil {
		b.Fatal(err)
	}
	df, total := weaviate.Frequencies(all)
	if err := c.PutFrequencies(ctx, class, df, total); err != nil {
		b.Fatal(err)
	}
	took := time.Since(start)
	time.Sleep(2 * time.Second) // let the server settle before reading its memory
	after := rssBytes(s.PID())
	b.Logf("%d chunks and %d term frequencies written in %s: %.0f chunks/s; server RSS %d → %d MiB, %.1f KB a chunk",
		len(all), len(df), took.Round(time.Millisecond), float64(len(all))/took.Seconds(), before>>20, after>>20, float64(after-before)/1000/float64(len(all)))

	queryVecs, err := g.Embed(ctx, benchQuestions)
	if err != nil {
		b.Fatal(err)
	}
	run := func(name string, query func(i int) error) {
		b.Run(fmt.Sprintf("%s/chunks=%d", name, len(all)), func(b *testing.B) {
			var lat []time.Duration
			i := 0
			for b.Loop() {
				began := time.Now()
				if err := query(i % len(benchQuestions)); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(began))
				i++
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
		})
	}
	lexical := func(i int, f weaviate.Filter) error {
		_, err := c.Lexical(ctx, class, retrieval.QueryTerms(benchQuestions[i]), f, 100)
		return err
	}
	run("lexical", func(i int) error { return lexical(i, weaviate.Filter{}) })
	run("lexical-outlet", func(i int) error { return lexical(i, weaviate.Filter{Sources: []string{"Outlet 7"}}) })
	run("dense", func(i int) error {
		_, err := c.Dense(ctx, class, queryVecs[i], weaviate.Filter{}, 100)
		return err
	})
	run("docfreq", func(i int) error {
		_, _, err := c.DocFreq(ctx, class, retrieval.QueryTerms(benchQuestions[i]))
		return err
	})
}
