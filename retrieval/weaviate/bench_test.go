package weaviate_test

import (
	"cmp"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/askbot/internal/testutil/latency"

	"github.com/newsroom/askbot/corpus"

	"github.com/newsroom/askbot/internal/testutil/synth"
	"github.com/newsroom/askbot/internal/testutil/weaviatetest"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/memory"
	"github.com/newsroom/askbot/retrieval/weaviate"
	"github.com/newsroom/askbot/text"
)

// cpuTime reads the CPU time (user and system) a process has used from
// /proc.
func cpuTime(pid int) time.Duration {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The fields after the command (which is in parentheses): utime and
	// stime are the 12th and 13th, in clock ticks (100 a second).
	_, rest, _ := strings.Cut(string(raw), ") ")
	fields := strings.Fields(rest)
	if len(fields) < 13 {
		return 0
	}
	user, _ := strconv.ParseInt(fields[11], 10, 64)
	sys, _ := strconv.ParseInt(fields[12], 10, 64)
	return time.Duration(user+sys) * 10 * time.Millisecond
}

// settle waits 8 s, for the server to flush its memtables (5 s after the
// last write as weaviatetest starts it), and as long again as
// BOT_WEAVIATE_BENCH_SETTLE says (a duration), for its compactions to
// finish before queries are timed.
func settle() {
	time.Sleep(8 * time.Second)
	if d, err := time.ParseDuration(os.Getenv("BOT_WEAVIATE_BENCH_SETTLE")); err == nil {
		time.Sleep(d)
	}
}

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

// profileServer, when path is set, records a CPU profile of the server
// (Weaviate serves pprof on 127.0.0.1:6060) over the first 30 s of what
// follows (BOT_WEAVIATE_BENCH_PROFILE_FOR sets how long: shorter than the
// write), into path, for `go tool pprof`; stop waits for it.
// BOT_WEAVIATE_BENCH_PROFILE_KIND=mutex or block records where the
// server's goroutines waited instead (the server started with
// GO_MUTEX_PROFILE_FRACTION or GO_BLOCK_PROFILE_RATE set, which the test
// servers take from the environment).
func profileServer(b *testing.B, path string) (stop func()) {
	if path == "" {
		return func() {}
	}
	secs := 30
	if d, err := time.ParseDuration(os.Getenv("BOT_WEAVIATE_BENCH_PROFILE_FOR")); err == nil {
		secs = max(1, int(d.Seconds()))
	}
	got := make(chan error, 1)
	go func() {
		kind := cmp.Or(os.Getenv("BOT_WEAVIATE_BENCH_PROFILE_KIND"), "profile")
		resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:6060/debug/pprof/%s?seconds=%d", kind, secs))
		if err != nil {
			got <- err
			return
		}
		defer resp.Body.Close()
		raw, err := io.ReadAll(resp.Body)
		if err == nil {
			err = os.WriteFile(path, raw, 0o644)
		}
		got <- err
	}()
	return func() {
		if err := <-got; err != nil {
			b.Logf("server profile: %v", err)
			return
		}
		b.Logf("server CPU profile of the write's first %d s in %s", secs, path)
	}
}

var benchQuestions = []string{
	"Who denied meeting Russian officials?",
	"What did the foreign ministry spokeswoman tell Bloomberg about the embassy staff?",
	"government percent years people world",
	"How did the lower house of parliament react to the election result?",
}

// BenchmarkWeaviate writes a synthetic corpus (internal/testutil/synth, the same as
// retrieval's benchmarks) into one Weaviate node through the Store, and
// times whole questions through it (retrieval.Remote: every query a
// question makes, and the ranking) beside the same questions in-process,
// then each query the store makes. BOT_WEAVIATE_BENCH_CHUNKS sets the size
// (10,000 unless set), BOT_WEAVIATE_BENCH_SETTLE how long to let the server
// compact after the write before timing queries; BOT_WEAVIATE_BENCH_WRITE_ONLY
// stops after the write:
//
//	BOT_WEAVIATE_BENCH_CHUNKS=100000 go test ./retrieval/weaviate -run '^$' -bench Weaviate -benchtime 200x
func BenchmarkWeaviate(b *testing.B) {
	docs, g := syntheticCorpus(b)
	s := weaviatetest.Start(b)
	ctx := b.Context()
	c, _ := weaviate.New(s.URL, "", weaviate.WithGRPC(s.GRPC))
	st, err := weaviate.NewStore(c, "Bench", weaviate.ClassOptions{})
	if err != nil {
		b.Fatal(err)
	}
	before, cpuBefore, writerBefore := rssBytes(s.PID()), cpuTime(s.PID()), cpuTime(os.Getpid())
	profiled := profileServer(b, os.Getenv("BOT_WEAVIATE_BENCH_PROFILE"))
	start := time.Now()
	rep, err := st.Write(ctx, docs, weaviate.WriteOptions{Embedder: g})
	if err != nil {
		b.Fatal(err)
	}
	took := time.Since(start)
	serverCPU, writerCPU := cpuTime(s.PID())-cpuBefore, cpuTime(os.Getpid())-writerBefore
	profiled()
	// Let the server settle before reading its memory.
	settle()
	after := rssBytes(s.PID())
	b.Logf("%d documents, %d chunks written (embedded with GloVe on the way) in %s: %.0f chunks/s until searchable (%s); server CPU %s (%.0f µs a chunk); writer CPU %s (%.0f µs a chunk); server RSS %d → %d MiB, %.1f KB a chunk",
		len(docs), rep.Chunks, took.Round(time.Millisecond), float64(rep.Chunks)/took.Seconds(), rep.Took, serverCPU, float64(serverCPU.Microseconds())/float64(rep.Chunks),
		writerCPU, float64(writerCPU.Microseconds())/float64(rep.Chunks),
		before>>20, after>>20, float64(after-before)/1000/float64(rep.Chunks))
	if os.Getenv("BOT_WEAVIATE_BENCH_WRITE_ONLY") != "" {
		return // the write alone, for comparing writes (see bench/README.md)
	}

	ix, err := memory.Build(ctx, docs, g, memory.BuildOptions{})
	if err != nil {
		b.Fatal(err)
	}
	remote := retrieval.NewSearcher(st, g, retrieval.DefaultChunker)
	queryVecs, err := g.Embed(ctx, benchQuestions)
	if err != nil {
		b.Fatal(err)
	}
	run := func(name string, query func(i int) error) {
		b.Run(fmt.Sprintf("%s/chunks=%d", name, rep.Chunks), func(b *testing.B) {
			latency.Measure(b, func(i int) {
				if err := query(i % len(benchQuestions)); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
	v, err := st.Pin(ctx)
	if err != nil {
		b.Fatal(err)
	}
	// The recall of Weaviate's graph: the nearest 100 vectors it finds for
	// 200 titles, against the in-process scan's.
	if inV, err := memory.New(ix).Pin(ctx); err == nil {
		var titles []string
		for i := range 200 {
			titles = append(titles, docs[i*len(docs)/200].Title)
		}
		vecs, err := g.Embed(ctx, titles)
		if err != nil {
			b.Fatal(err)
		}
		found, near, want := 0, 0, 0
		var gap float64 // the scan's 100th similarity less Weaviate's, summed
		for _, vec := range vecs {
			exact, err := inV.Dense(ctx, vec, retrieval.Filter{}, 100)
			if err != nil {
				b.Fatal(err)
			}
			approx, err := v.Dense(ctx, vec, retrieval.Filter{}, 100)
			if err != nil {
				b.Fatal(err)
			}
			// Chunks of the same text tie: one counts as found when it is
			// as near as the scan's last.
			want += len(exact)
			for _, c := range approx[:min(len(approx), len(exact))] {
				if c.Score >= exact[len(exact)-1].Score-1e-5 {
					found++
				}
				if c.Score >= exact[len(exact)-1].Score-1e-3 {
					near++
				}
			}
			if len(exact) > 0 && len(approx) > 0 {
				gap += exact[len(exact)-1].Score - approx[len(approx)-1].Score
			}
		}
		b.Logf("nearest 100 vectors of 200 titles: Weaviate finds %.4f of the in-process scan's (%.4f within 0.001 of its last); its 100th is %.5f less similar than the scan's on average",
			float64(found)/float64(max(want, 1)), float64(near)/float64(max(want, 1)), gap/float64(len(vecs)))
	}
	run("pin", func(int) error { _, err := st.Pin(ctx); return err })
	lexical := func(i int, f retrieval.Filter) error {
		_, err := v.Lexical(ctx, text.QueryTerms(benchQuestions[i]), f, 100)
		return err
	}
	run("lexical", func(i int) error { return lexical(i, retrieval.Filter{}) })
	run("lexical-outlet", func(i int) error { return lexical(i, retrieval.Filter{Sources: []string{"Outlet 7"}}) })
	run("dense", func(i int) error {
		_, err := v.Dense(ctx, queryVecs[i], retrieval.Filter{}, 100)
		return err
	})
	run("frequencies", func(i int) error {
		_, err := v.Frequencies(ctx, text.QueryTerms(benchQuestions[i]), retrieval.Filter{})
		return err
	})
	// The documents of a question's candidates, without their text, then
	// with it (those of the passages chosen): each question's own
	// candidates, so a cache of documents gains only what it would.
	candidateDocs := make([][]string, len(benchQuestions))
	for i, q := range benchQuestions {
		cs, err := v.Lexical(ctx, text.QueryTerms(q), retrieval.Filter{}, 100)
		if err != nil {
			b.Fatal(err)
		}
		for _, c := range cs {
			if !slices.Contains(candidateDocs[i], c.DocID) {
				candidateDocs[i] = append(candidateDocs[i], c.DocID)
			}
		}
	}
	run("documents", func(i int) error {
		_, err := v.DocumentsByID(ctx, candidateDocs[i], false)
		return err
	})
	run("texts", func(i int) error {
		_, err := v.DocumentsByID(ctx, candidateDocs[i][:min(5, len(candidateDocs[i]))], true)
		return err
	})
	for _, set := range []struct {
		name string
		opts retrieval.SearchOptions
	}{
		{"offline", retrieval.SearchOptions{K: 10, DenseWeight: -1}},
		{"hybrid", retrieval.SearchOptions{K: 10}},
	} {
		run("question-"+set.name+"-inprocess", func(i int) error {
			_, err := ix.Search(ctx, benchQuestions[i], set.opts)
			return err
		})
		run("question-"+set.name+"-weaviate", func(i int) error {
			_, _, err := remote.Search(ctx, benchQuestions[i], retrieval.Filter{}, set.opts)
			return err
		})
	}

	// After a write that replaced one document in 20, questions drop the
	// replaced documents' chunks from what the store returns (see Store).
	edited := make([]*corpus.Document, len(docs))
	for i, d := range docs {
		edited[i] = d
		if i%20 == 0 {
			e := *d
			e.Text += "\n\nThis article was corrected after publication."
			e.Paragraphs = append(slices.Clone(d.Paragraphs), corpus.Span{Start: len(d.Text) + 2, End: len(e.Text)})
			edited[i] = &e
		}
	}
	second, err := st.Write(ctx, edited, weaviate.WriteOptions{Embedder: g})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("second write: %d documents replaced, %d chunks written", len(second.Changes.Changed), second.Chunks)
	settle() // as after the first write
	for _, set := range []struct {
		name string
		opts retrieval.SearchOptions
	}{
		{"offline", retrieval.SearchOptions{K: 10, DenseWeight: -1}},
		{"hybrid", retrieval.SearchOptions{K: 10}},
	} {
		run("question-"+set.name+"-weaviate-after-replacing", func(i int) error {
			_, _, err := remote.Search(ctx, benchQuestions[i], retrieval.Filter{}, set.opts)
			return err
		})
	}
}

// BenchmarkChunkCache measures the store's cache of chunks (see
// chunkCache) on a synthetic corpus (BOT_WEAVIATE_BENCH_CHUNKS,
// 10,000 unless set): a stream of distinct questions (the opening words
// of a chunk of each of BOT_WEAVIATE_BENCH_QUESTIONS documents, 600
// unless set, spread over the corpus), one an op, asked offline default
// through a store opened anew for each cache size, so that each starts
// empty as a new process's does; the sizes are asked in turn twice. It
// reports the share of BM25 hits the cache missed and the CPU a question
// took in the bot and in the server:
//
//	BOT_WEAVIATE_BENCH_CHUNKS=100000 go test ./retrieval/weaviate -run '^$' -bench ChunkCache -benchtime 600x
func BenchmarkChunkCache(b *testing.B) {
	nq := 600
	if v, err := strconv.Atoi(os.Getenv("BOT_WEAVIATE_BENCH_QUESTIONS")); err == nil && v > 0 {
		nq = v
	}
	docs, g := syntheticCorpus(b)
	s := weaviatetest.Start(b)
	ctx := b.Context()
	c, _ := weaviate.New(s.URL, "", weaviate.WithGRPC(s.GRPC))
	st, err := weaviate.NewStore(c, "Cache", weaviate.ClassOptions{})
	if err != nil {
		b.Fatal(err)
	}
	rep, err := st.Write(ctx, docs, weaviate.WriteOptions{Embedder: g})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%d chunks written in %s", rep.Chunks, rep.Took.Total.Round(time.Second))
	settle()
	var questions []string
	for i := range nq {
		d := docs[i*len(docs)/nq]
		words := strings.Fields(d.Text[len(d.Text)/2:])
		questions = append(questions, strings.Join(words[1:min(len(words), 9)], " "))
	}
	opts := retrieval.SearchOptions{K: 10, DenseWeight: -1}
	for range 2 {
		for _, size := range []struct {
			name  string
			bytes int
		}{{"64MiB", 0}, {"16MiB", 16 << 20}, {"1GiB", 1 << 30}, {"off", -1}} {
			b.Run("cache="+size.name, func(b *testing.B) {
				fresh, err := weaviate.NewStore(c, "Cache", weaviate.ClassOptions{})
				if err != nil {
					b.Fatal(err)
				}
				weaviate.SetChunkCache(fresh, size.bytes)
				remote := retrieval.NewSearcher(fresh, g, retrieval.DefaultChunker)
				defer reportCPU(b, s.PID())()
				i := 0
				for b.Loop() {
					if _, _, err := remote.Search(ctx, questions[i%len(questions)], retrieval.Filter{}, opts); err != nil {
						b.Fatal(err)
					}
					i++
				}
				hits, misses := weaviate.ChunkCacheCounts(fresh)
				b.ReportMetric(100*float64(misses)/float64(max(hits+misses, 1)), "miss-%")
			})
		}
	}
}

// BenchmarkRowReads compares a question's reads of document and
// frequency rows through gRPC and through GraphQL, one client of each on
// the same server and store (a synthetic corpus, BOT_WEAVIATE_BENCH_CHUNKS
// chunks, 10,000 unless set), asked in turn twice: an op is what a
// question reads when its store has cached nothing (a store opened anew):
// the version, the documents of 30 candidates without their text, the
// frequencies of the question's terms, the texts of 5 documents.
//
//	go test ./retrieval/weaviate -run '^$' -bench RowReads -benchtime 300x
func BenchmarkRowReads(b *testing.B) {
	docs, g := syntheticCorpus(b)
	s := weaviatetest.Start(b)
	ctx := b.Context()
	viaGRPC, _ := weaviate.New(s.URL, "", weaviate.WithGRPC(s.GRPC))
	viaGraphQL, _ := weaviate.New(s.URL, "", weaviate.WithGRPC(""))
	st, err := weaviate.NewStore(viaGRPC, "Rows", weaviate.ClassOptions{})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := st.Write(ctx, docs, weaviate.WriteOptions{Embedder: g}); err != nil {
		b.Fatal(err)
	}
	settle()
	type question struct{ ids, terms []string }
	var qs []question
	for i := range 100 {
		var q question
		for j := range 30 {
			q.ids = append(q.ids, docs[(i*31+j*97)%len(docs)].ID)
		}
		d := docs[i*len(docs)/100]
		q.terms = text.QueryTerms(strings.Join(strings.Fields(d.Text)[:12], " "))
		qs = append(qs, q)
	}
	for range 2 {
		for _, client := range []struct {
			name string
			c    *weaviate.Client
		}{{"grpc", viaGRPC}, {"graphql", viaGraphQL}} {
			b.Run("reads="+client.name, func(b *testing.B) {
				defer reportCPU(b, s.PID())()
				i := 0
				for b.Loop() {
					q := qs[i%len(qs)]
					i++
					fresh, err := weaviate.NewStore(client.c, "Rows", weaviate.ClassOptions{})
					if err != nil {
						b.Fatal(err)
					}
					v, err := fresh.Pin(ctx)
					if err != nil {
						b.Fatal(err)
					}
					if got, err := v.DocumentsByID(ctx, q.ids, false); err != nil || len(got) == 0 {
						b.Fatalf("documents: %d, %v", len(got), err)
					}
					if _, err := v.Frequencies(ctx, q.terms, retrieval.Filter{}); err != nil {
						b.Fatal(err)
					}
					if _, err := v.DocumentsByID(ctx, q.ids[:5], true); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// syntheticCorpus is the synthetic archive the benchmarks write, of as
// many chunks as BOT_WEAVIATE_BENCH_CHUNKS says (10,000 unless set), and
// the offline embedder.
func syntheticCorpus(b *testing.B) ([]*corpus.Document, *retrieval.GloVeEmbedder) {
	b.Helper()
	n := 10000
	if v, err := strconv.Atoi(os.Getenv("BOT_WEAVIATE_BENCH_CHUNKS")); err == nil && v > 0 {
		n = v
	}
	docs, err := synth.Documents(n)
	if err != nil {
		b.Fatal(err)
	}
	g, err := retrieval.NewGloVeEmbedder()
	if err != nil {
		b.Fatal(err)
	}
	return docs, g
}
