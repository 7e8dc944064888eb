package weaviate_test

import (
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/eval"
	"github.com/newsroom/askbot/internal/testutil/weaviatetest"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/memory"
	"github.com/newsroom/askbot/retrieval/weaviate"
)

// reportCPU, deferred as reportCPU(b, pid)(), reports the CPU time a
// benchmark's op took in this process (client-ms/op) and in the server's
// (server-ms/op): figures a shared machine's load moves less than the
// wall clock.
func reportCPU(b *testing.B, server int) func() {
	client, srv := cpuTime(os.Getpid()), cpuTime(server)
	return func() {
		n := float64(max(b.N, 1))
		b.ReportMetric(float64((cpuTime(os.Getpid())-client).Microseconds())/1000/n, "client-ms/op")
		b.ReportMetric(float64((cpuTime(server)-srv).Microseconds())/1000/n, "server-ms/op")
	}
}

// BenchmarkMultiHop measures issue 28's MultiHop bars, each store beside
// the in-process one in the same process, so that a shared machine's load
// weighs on both alike: indexing the 609 articles (index/…: a new store
// each time, embedding included, until searchable) and answering the dev
// questions (question/…, offline default and hybrid: the first b.N
// questions, one an op, from a store opened anew each run so that its
// caches start empty, as a new process's do). Compare runs with
// benchstat. BOT_WEAVIATE_BENCH_PROFILE=FILE records a CPU profile of the
// server during the writes (see profileServer). A measurement, run by hand
// beside ../shared:
//
//	BOT_WEAVIATE_PARITY=1 go test ./retrieval/weaviate -run '^$' -bench MultiHop/index -benchtime 3x -count 3
//	BOT_WEAVIATE_PARITY=1 go test ./retrieval/weaviate -run '^$' -bench MultiHop/question -benchtime 200x -count 3
func BenchmarkMultiHop(b *testing.B) {
	if os.Getenv("BOT_WEAVIATE_PARITY") == "" {
		b.Skip("a measurement: BOT_WEAVIATE_PARITY=1 runs it")
	}
	qs, err := eval.ReadQuestions(evalsDir + "multihop-rag-dev.qa.jsonl")
	if err != nil {
		b.Skipf("no evaluation questions: %v", err)
	}
	res, err := corpus.Load(b.Context(), evalsDir+"multihop-rag.corpus.jsonl", corpus.Options{})
	if err != nil {
		b.Skipf("no evaluation corpus: %v", err)
	}
	docs := res.Documents
	s := weaviatetest.Start(b)
	c, _ := weaviate.New(s.URL, "", weaviate.WithGRPC(s.GRPC))
	g, _ := retrieval.NewGloVeEmbedder()
	ctx := b.Context()

	b.Run("index/in-process", func(b *testing.B) {
		defer reportCPU(b, s.PID())()
		for b.Loop() {
			if _, err := memory.Build(ctx, docs, g, memory.BuildOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	written := 0
	b.Run("index/weaviate", func(b *testing.B) {
		defer reportCPU(b, s.PID())()
		defer profileServer(b, os.Getenv("BOT_WEAVIATE_BENCH_PROFILE"))()
		for b.Loop() {
			written++
			name := fmt.Sprintf("Multihop%d", written)
			st, err := weaviate.NewStore(c, name, benchClassOptions())
			if err != nil {
				b.Fatal(err)
			}
			rep, err := st.Write(ctx, docs, weaviate.WriteOptions{Embedder: g})
			if err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			b.Logf("write %d: %s", written, rep.Took)
			for _, class := range []string{name, name + "_Docs", name + "_Freq", name + "_State"} {
				if err := c.DropClass(ctx, class); err != nil {
					b.Fatal(err)
				}
			}
			b.StartTimer()
		}
	})

	// The questions' stores are made by the first question benchmark run.
	var ix *retrieval.Index
	made := func(b *testing.B) {
		if ix != nil {
			return
		}
		b.StopTimer()
		defer b.StartTimer()
		var err error
		if ix, err = memory.Build(ctx, docs, g, memory.BuildOptions{}); err != nil {
			b.Fatal(err)
		}
		st, err := weaviate.NewStore(c, "Multihop", benchClassOptions())
		if err != nil {
			b.Fatal(err)
		}
		if _, err := st.Write(ctx, docs, weaviate.WriteOptions{Embedder: g}); err != nil {
			b.Fatal(err)
		}
		time.Sleep(6 * time.Second) // the memtables flush 5 s after the last write (see weaviatetest)
	}
	for _, setting := range []struct {
		name string
		opts retrieval.SearchOptions
	}{
		{"offline", retrieval.SearchOptions{K: 10, DenseWeight: -1}},
		{"hybrid", retrieval.SearchOptions{K: 10}},
	} {
		for _, store := range []string{"in-process", "weaviate"} {
			b.Run("question/"+setting.name+"/"+store, func(b *testing.B) {
				made(b)
				searcher := memory.New(ix).Searcher()
				if store == "weaviate" {
					fresh, err := weaviate.NewStore(c, "Multihop", benchClassOptions())
					if err != nil {
						b.Fatal(err)
					}
					searcher = retrieval.NewSearcher(fresh, g, retrieval.DefaultChunker)
				}
				ask := eval.EngineAsker(answer.New(searcher, setting.opts), answer.Request{})
				defer reportCPU(b, s.PID())()
				i := 0
				for b.Loop() {
					if _, err := ask(ctx, qs[i%len(qs)]); err != nil {
						b.Fatal(err)
					}
					i++
				}
			})
		}
	}
}

// benchClassOptions are the class options of the benchmarks' stores:
// BOT_WEAVIATE_BENCH_SHARDS splits their classes into that many shards.
func benchClassOptions() weaviate.ClassOptions {
	n, _ := strconv.Atoi(os.Getenv("BOT_WEAVIATE_BENCH_SHARDS"))
	return weaviate.ClassOptions{Shards: n}
}
