package memory_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/newsroom/askbot/internal/testutil/latency"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/internal/testutil/synth"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/memory"
	"github.com/newsroom/askbot/text"
)

// benchDocs grows a synthetic corpus of about n chunks (internal/testutil/synth).
func benchDocs(tb testing.TB, n int) []*corpus.Document {
	tb.Helper()
	docs, err := synth.Documents(n)
	if err != nil {
		tb.Fatal(err)
	}
	return docs
}

// benchSizes are the index sizes measured; BOT_BENCH_1M=1 adds a million
// chunks (several minutes and about 10 GB of memory).
func benchSizes() []int {
	sizes := []int{1000, 10000, 100000}
	if os.Getenv("BOT_BENCH_1M") != "" {
		sizes = append(sizes, 1000000)
	}
	return sizes
}

var benchQueries = []string{
	"Who denied meeting Russian officials?",
	"What did the foreign ministry spokeswoman tell Bloomberg about the embassy staff?",
	"government percent years people world",
	"How did the lower house of parliament react to the election result?",
}

// outletQueries name outlets of the synthetic corpus, as reporters'
// multi-source questions do: each mention ranks the passages of its
// outlet's articles.
var outletQueries = []string{
	"What did Outlet 7 report about the embassy staff?",
	"Did Outlet 3 and Outlet 12 agree on what the foreign ministry spokeswoman said?",
	"Between the Outlet 21 report on the election result and the Outlet 21 report on parliament, did the account change?",
	"Which official, as reported by Outlet 5, denied meeting the foreign ambassador, confirmed contacts with the campaign staff, and praised the parliament election result?",
}

func glove(tb testing.TB) retrieval.Embedder {
	g, err := retrieval.NewGloVeEmbedder()
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

// heapAlloc is the heap in use after a collection.
func heapAlloc() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func BenchmarkBuild(b *testing.B) {
	g := glove(b)
	for _, n := range benchSizes() {
		base := heapAlloc()
		docs := benchDocs(b, n)
		docsHeap := heapAlloc() - base
		b.Run(fmt.Sprintf("chunks=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			before := heapAlloc()
			var ix *retrieval.Index
			for b.Loop() {
				var err error
				if ix, err = memory.Build(b.Context(), docs, g, memory.BuildOptions{}); err != nil {
					b.Fatal(err)
				}
			}
			chunks := len(ix.Chunks())
			b.ReportMetric(float64(chunks)*float64(b.N)/b.Elapsed().Seconds(), "chunks/s")
			// Heap held by the index, per chunk: chunks, BM25 postings and
			// vectors (float32 and the scan's int8 copy). The documents it
			// holds (their text most of it) were made before, by the
			// caller: docs-B/chunk is their heap.
			b.ReportMetric(float64(heapAlloc()-before)/float64(chunks), "heap-B/chunk")
			b.ReportMetric(float64(docsHeap)/float64(chunks), "docs-B/chunk")
			runtime.KeepAlive(ix)
			runtime.KeepAlive(docs)
		})
	}
}

// latencies runs query over and over, reporting p50 and p99 in milliseconds.
func latencies(b *testing.B, query func(q string)) { latenciesOf(b, benchQueries, query) }

// latenciesOf is latencies over the given questions, with the process's
// CPU time a query (cpu-ms/op, garbage collection included), which a
// shared machine's load moves far less than the times.
func latenciesOf(b *testing.B, questions []string, query func(q string)) {
	cpu := processCPU()
	latency.Measure(b, func(i int) { query(questions[i%len(questions)]) })
	if used := processCPU() - cpu; used > 0 && b.N > 0 {
		b.ReportMetric(float64(used.Microseconds())/1000/float64(b.N), "cpu-ms/op")
	}
}

func BenchmarkQuery(b *testing.B) {
	g := glove(b)
	for _, n := range benchSizes() {
		ix, err := memory.Build(context.Background(), benchDocs(b, n), g, memory.BuildOptions{})
		if err != nil {
			b.Fatal(err)
		}
		// A first dense query, so that the latencies are those of the
		// queries after it (the int8 copy of the vectors is made by the
		// build).
		if _, err := memory.DenseQuery(b.Context(), ix, benchQueries[0], 100); err != nil {
			b.Fatal(err)
		}
		// The hybrid default: BM25 and the dense ranking fused (weight 0.5).
		opts := retrieval.SearchOptions{K: 10}
		b.Run(fmt.Sprintf("dense/chunks=%d", n), func(b *testing.B) {
			latencies(b, func(q string) {
				if _, err := memory.ChromemQuery(b.Context(), ix, q, 100); err != nil {
					b.Fatal(err)
				}
			})
		})
		b.Run(fmt.Sprintf("scan/chunks=%d", n), func(b *testing.B) {
			latencies(b, func(q string) {
				if _, err := memory.DenseQuery(b.Context(), ix, q, 100); err != nil {
					b.Fatal(err)
				}
			})
		})
		b.Run(fmt.Sprintf("lexical/chunks=%d", n), func(b *testing.B) {
			latencies(b, func(q string) { ix.Lexical(b.Context(), text.QueryTerms(q), retrieval.Filter{}, 100) })
		})
		b.Run(fmt.Sprintf("hybrid/chunks=%d", n), func(b *testing.B) {
			latencies(b, func(q string) {
				if _, err := ix.Search(b.Context(), q, opts); err != nil {
					b.Fatal(err)
				}
			})
		})
		offlineQueries(b, ix, n)
		// The same, as a channel that may see half the outlets (a
		// collection filter evaluated per document, then per passage).
		half := func(d *corpus.Document) bool { return len(d.Source) > 0 && d.Source[len(d.Source)-1]%2 == 0 }
		b.Run(fmt.Sprintf("offline-filtered/chunks=%d", n), func(b *testing.B) {
			latencies(b, func(q string) {
				if _, err := ix.Search(b.Context(), q, retrieval.SearchOptions{K: 10, DenseWeight: -1, Allow: half}); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

// offlineQueries times the offline questions (outlets named, and the
// default ones) of ix, an index of n chunks.
func offlineQueries(b *testing.B, ix *retrieval.Index, n int) {
	search := func(b *testing.B) func(q string) {
		return func(q string) {
			if _, err := ix.Search(b.Context(), q, retrieval.SearchOptions{K: 10, DenseWeight: -1}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run(fmt.Sprintf("offline-outlets/chunks=%d", n), func(b *testing.B) { latenciesOf(b, outletQueries, search(b)) })
	b.Run(fmt.Sprintf("offline-default/chunks=%d", n), func(b *testing.B) { latencies(b, search(b)) })
}

// savedStore builds an index of n synthetic chunks' documents and saves
// it in a fresh directory, for a benchmark to reopen.
func savedStore(b *testing.B, g retrieval.Embedder, n int) memory.IndexDir {
	b.Helper()
	store := memory.IndexDir{Dir: b.TempDir()}
	if _, _, err := store.Open(context.Background(), benchDocs(b, n), g, memory.BuildOptions{Fingerprint: "bench"}); err != nil {
		b.Fatal(err)
	}
	return store
}

func BenchmarkReopen(b *testing.B) {
	g := glove(b)
	for _, n := range benchSizes() {
		store := savedStore(b, g, n)
		var disk int64
		filepath.Walk(store.Dir, func(_ string, fi os.FileInfo, err error) error {
			if err == nil && !fi.IsDir() {
				disk += fi.Size()
			}
			return nil
		})
		b.Run(fmt.Sprintf("chunks=%d", n), func(b *testing.B) {
			before := heapAlloc()
			var ix *retrieval.Index
			for b.Loop() {
				var err error
				if ix, _, err = store.Reopen("bench", g, retrieval.Chunker{}); err != nil {
					b.Fatal(err)
				}
			}
			chunks := len(ix.Chunks())
			b.ReportMetric(float64(disk)/float64(chunks), "disk-B/chunk")
			// Heap held by the reopened index, per chunk: the documents
			// (their text read from the snapshot), chunks and postings;
			// the vectors load on the first dense query.
			b.ReportMetric(float64(heapAlloc()-before)/float64(chunks), "heap-B/chunk")
			// And after the first dense query, which loads the vectors: on
			// unix views of the mapped vectors file, outside the heap.
			if _, err := memory.DenseQuery(b.Context(), ix, benchQueries[0], 100); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(heapAlloc()-before)/float64(chunks), "heap-dense-B/chunk")
			runtime.KeepAlive(ix)
		})
	}
}

// BenchmarkOpen builds and saves an index as `bot index` and a reload
// that read changed files do (IndexDir.Open, into a fresh directory).
// heap-B/chunk is the heap the index holds besides its caller's documents
// (docs-B/chunk in BenchmarkBuild), heap-dense-B/chunk the same after its
// first dense query, and heap-all-B/chunk all the heap held once the
// caller has let go of the documents (the index holds them: a built
// index's text is its caller's), dense query included.
func BenchmarkOpen(b *testing.B) {
	g := glove(b)
	for _, n := range benchSizes() {
		b.Run(fmt.Sprintf("chunks=%d", n), func(b *testing.B) {
			base := heapAlloc()
			docs := benchDocs(b, n)
			before := heapAlloc()
			var ix *retrieval.Index
			for b.Loop() {
				var err error
				store := memory.IndexDir{Dir: b.TempDir()}
				if ix, _, err = store.Open(b.Context(), docs, g, memory.BuildOptions{Fingerprint: "bench"}); err != nil {
					b.Fatal(err)
				}
			}
			chunks := len(ix.Chunks())
			b.ReportMetric(float64(heapAlloc()-before)/float64(chunks), "heap-B/chunk")
			if _, err := memory.DenseQuery(b.Context(), ix, benchQueries[0], 100); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(heapAlloc()-before)/float64(chunks), "heap-dense-B/chunk")
			runtime.KeepAlive(docs)
			docs = nil
			b.ReportMetric(float64(heapAlloc()-base)/float64(chunks), "heap-all-B/chunk")
			runtime.KeepAlive(ix)
		})
	}
}

// BenchmarkQueryReopened asks the offline questions of BenchmarkQuery of an
// index reopened from its snapshot, as `bot ask` and the Slack bot do at
// start: the documents' text is the snapshot's (mapped, on unix), so a
// question that reads it touches the file's pages instead of the heap.
func BenchmarkQueryReopened(b *testing.B) {
	g := glove(b)
	for _, n := range benchSizes() {
		ix, _, err := savedStore(b, g, n).Reopen("bench", g, retrieval.Chunker{})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("lexical/chunks=%d", n), func(b *testing.B) {
			latencies(b, func(q string) { ix.Lexical(b.Context(), text.QueryTerms(q), retrieval.Filter{}, 100) })
		})
		offlineQueries(b, ix, n)
		// The dense scan over the reopened vectors (on unix views of the
		// mapped vectors file), after a first query that loads them.
		if _, err := memory.DenseQuery(b.Context(), ix, benchQueries[0], 100); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("scan/chunks=%d", n), func(b *testing.B) {
			latencies(b, func(q string) {
				if _, err := memory.DenseQuery(b.Context(), ix, q, 100); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}

// BenchmarkReload reloads a saved index of n chunks with one document
// changed (IndexDir.Open into the directory of the last index, the
// vectors of unchanged chunks reused), as a reload under --watch that read
// a changed file does; each iteration flips between the two corpora. The
// documents are made fresh for each Open (not timed) and let go after it,
// as a reload keeps none of its own beyond what the index holds:
// heap-all-B/chunk is all the heap held, heap-all-dense-B/chunk the same
// after its first dense query.
func BenchmarkReload(b *testing.B) {
	g := glove(b)
	for _, n := range benchSizes() {
		corpusOf := func(changed bool) []*corpus.Document {
			docs := benchDocs(b, n)
			if changed {
				d := *docs[len(docs)/2]
				d.Text += " A sentence added by an editor."
				docs[len(docs)/2] = &d
			}
			return docs
		}
		store := memory.IndexDir{Dir: b.TempDir()}
		if _, _, err := store.Open(context.Background(), corpusOf(false), g, memory.BuildOptions{Fingerprint: "false"}); err != nil {
			b.Fatal(err)
		}
		changed := false
		b.Run(fmt.Sprintf("chunks=%d", n), func(b *testing.B) {
			base := heapAlloc()
			var ix *retrieval.Index
			for b.Loop() {
				b.StopTimer()
				ix = nil
				changed = !changed
				docs := corpusOf(changed)
				b.StartTimer()
				var err error
				if ix, _, err = store.Open(b.Context(), docs, g, memory.BuildOptions{Fingerprint: fmt.Sprint(changed)}); err != nil {
					b.Fatal(err)
				}
			}
			chunks := len(ix.Chunks())
			b.ReportMetric(float64(heapAlloc()-base)/float64(chunks), "heap-all-B/chunk")
			if _, err := memory.DenseQuery(b.Context(), ix, benchQueries[0], 100); err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(heapAlloc()-base)/float64(chunks), "heap-all-dense-B/chunk")
			runtime.KeepAlive(ix)
		})
	}
}

// BenchmarkQueryOpened asks the offline and hybrid questions of an index
// built and saved by IndexDir.Open, the index `bot index` and a reload
// that read changed files serve.
func BenchmarkQueryOpened(b *testing.B) {
	g := glove(b)
	for _, n := range benchSizes() {
		store := memory.IndexDir{Dir: b.TempDir()}
		ix, _, err := store.Open(context.Background(), benchDocs(b, n), g, memory.BuildOptions{Fingerprint: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		offlineQueries(b, ix, n)
		if _, err := memory.DenseQuery(b.Context(), ix, benchQueries[0], 100); err != nil {
			b.Fatal(err)
		}
		opts := retrieval.SearchOptions{K: 10}
		b.Run(fmt.Sprintf("hybrid/chunks=%d", n), func(b *testing.B) {
			latencies(b, func(q string) {
				if _, err := ix.Search(b.Context(), q, opts); err != nil {
					b.Fatal(err)
				}
			})
		})
	}
}
