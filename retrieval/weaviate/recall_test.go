package weaviate_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/eval"
	"github.com/newsroom/askbot/internal/testutil/synth"
	"github.com/newsroom/askbot/internal/testutil/weaviatetest"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/memory"
	"github.com/newsroom/askbot/retrieval/weaviate"
)

// TestVectorRecall measures the recall of Weaviate's nearest 100 vectors
// against the in-process scan, on a corpus BOT_WEAVIATE_RECALL names:
// "synth" (internal/testutil/synth, BOT_WEAVIATE_BENCH_CHUNKS chunks,
// 200 of its titles and 200 of its chunks' texts as questions) or
// "multihop" (the MultiHop-RAG articles cut into chunks of
// BOT_WEAVIATE_RECALL_CHARS characters, 1,100 unless set, asked 200 of
// its dev questions). It also reports how spread the vectors are, and the
// recall and time a query under each query-time setting of the class
// (BOT_WEAVIATE_RECALL_EF: a list of ef values, -1 the dynamic default).
// A measurement, run by hand:
//
//	BOT_WEAVIATE_RECALL=synth BOT_WEAVIATE_BENCH_CHUNKS=50000 go test ./retrieval/weaviate -run VectorRecall -v -timeout 30m
func TestVectorRecall(t *testing.T) {
	kind := os.Getenv("BOT_WEAVIATE_RECALL")
	if kind == "" {
		t.Skip("a measurement: BOT_WEAVIATE_RECALL=synth or multihop runs it")
	}
	ctx := t.Context()
	g, err := retrieval.NewGloVeEmbedder()
	if err != nil {
		t.Fatal(err)
	}
	var docs []*corpus.Document
	var questions []string
	chunker := retrieval.DefaultChunker
	switch kind {
	case "synth":
		n := 10000
		if v, err := strconv.Atoi(os.Getenv("BOT_WEAVIATE_BENCH_CHUNKS")); err == nil && v > 0 {
			n = v
		}
		if docs, err = synth.Documents(n); err != nil {
			t.Fatal(err)
		}
		for i := range 200 {
			questions = append(questions, docs[i*len(docs)/200].Title)
		}
	case "multihop":
		res, err := corpus.Load(ctx, evalsDir+"multihop-rag.corpus.jsonl", corpus.Options{})
		if err != nil {
			t.Skipf("no evaluation corpus: %v", err)
		}
		docs = res.Documents
		qs, err := eval.ReadQuestions(evalsDir + "multihop-rag-dev.qa.jsonl")
		if err != nil {
			t.Skipf("no evaluation questions: %v", err)
		}
		for i := range 200 {
			questions = append(questions, qs[i*len(qs)/200].Question)
		}
		if v, err := strconv.Atoi(os.Getenv("BOT_WEAVIATE_RECALL_CHARS")); err == nil && v > 0 {
			chunker = retrieval.Chunker{TargetChars: v, OverlapChars: v / 10}
		}
	default:
		t.Fatalf("BOT_WEAVIATE_RECALL=%s: synth or multihop", kind)
	}
	ix, err := memory.Build(ctx, docs, g, memory.BuildOptions{Chunker: chunker})
	if err != nil {
		t.Fatal(err)
	}
	chunks := ix.Chunks()
	if kind == "synth" {
		// In-distribution questions too: 200 chunks' texts, without the
		// title the chunks are embedded with.
		for i := range 200 {
			questions = append(questions, chunks[i*len(chunks)/200+1].Text)
		}
	}
	// How spread the vectors are: the cosine of random pairs of chunks.
	rng := rand.New(rand.NewPCG(1, 2))
	var sample []string
	for range 2000 {
		c := chunks[rng.IntN(len(chunks))]
		d, _ := ix.Document(c.DocID)
		sample = append(sample, retrieval.EmbedText(d, &c))
	}
	vecs, err := g.Embed(ctx, sample)
	if err != nil {
		t.Fatal(err)
	}
	var cos []float64
	for i := 0; i+1 < len(vecs); i += 2 {
		cos = append(cos, cosine(vecs[i], vecs[i+1]))
	}
	slices.Sort(cos)
	t.Logf("%s: %d documents, %d chunks; cosine of 1,000 random pairs of chunks: p10 %.3f, p50 %.3f, p90 %.3f; %d of 2,000 sampled vectors equal another's",
		kind, len(docs), len(chunks), cos[len(cos)/10], cos[len(cos)/2], cos[9*len(cos)/10], 2000-distinct(vecs))

	s := weaviatetest.Start(t)
	c, _ := weaviate.New(s.URL, "", weaviate.WithGRPC(s.GRPC))
	st, err := weaviate.NewStore(c, "Recall", weaviate.ClassOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// The graph the settings below are of: a new store's index is flat
	// (see chunkVectorIndex), BOT_WEAVIATE_RECALL_INDEX=flat measures that
	// ("store" its only setting).
	if os.Getenv("BOT_WEAVIATE_RECALL_INDEX") != "flat" {
		if err := weaviate.CreateGraphChunks(ctx, st); err != nil {
			t.Fatal(err)
		}
	}
	began := time.Now()
	rep, err := st.Write(ctx, docs, weaviate.WriteOptions{Embedder: g, Chunker: chunker})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %d chunks in %s", rep.Chunks, time.Since(began).Round(time.Second))
	time.Sleep(6 * time.Second)
	t.Logf("the class's vector index: %s", vectorIndexConfig(t, s.URL, "Recall"))

	v, err := st.Pin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	inV, err := memory.New(ix).Pin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	qvecs, err := g.Embed(ctx, questions)
	if err != nil {
		t.Fatal(err)
	}
	exact := make([][]retrieval.Candidate, len(qvecs))
	var top1, top100 []float64
	for i, vec := range qvecs {
		if exact[i], err = inV.Dense(ctx, vec, retrieval.Filter{}, 100); err != nil {
			t.Fatal(err)
		}
		top1 = append(top1, exact[i][0].Score)
		top100 = append(top100, exact[i][len(exact[i])-1].Score)
	}
	slices.Sort(top1)
	slices.Sort(top100)
	t.Logf("the scan's nearest: 1st p50 %.3f, 100th p50 %.3f (p10 %.3f)", top1[len(top1)/2], top100[len(top100)/2], top100[len(top100)/10])

	// A setting is an ef (-1: dynamic), "flat": the dynamic ef and a
	// flatSearchCutoff above the store's size (a filtered query scans),
	// "sweeping" and an ef: that filter strategy (the class's default is
	// acorn), or "store": the settings the store made the class with.
	settings := "-1,1000,2000,flat"
	if e := os.Getenv("BOT_WEAVIATE_RECALL_EF"); e != "" {
		settings = e
	}
	for _, f := range bytes.Split([]byte(settings), []byte(",")) {
		ef, cutoff, strategy := -1, 40000, "acorn"
		rest := string(f)
		if r, ok := strings.CutPrefix(rest, "sweeping"); ok {
			strategy, rest = "sweeping", r
		}
		if rest == "flat" || rest == "store" {
			cutoff = 100_000_000
		} else if rest != "" {
			if ef, err = strconv.Atoi(rest); err != nil {
				t.Fatal(err)
			}
		}
		if rest != "store" {
			setVectorIndex(t, s.URL, "Recall", map[string]any{"ef": ef, "flatSearchCutoff": cutoff, "filterStrategy": strategy})
			time.Sleep(time.Second)
		}
		// Twice each: the first warms what the second times.
		var took []time.Duration
		var found, want int
		var gap float64
		var split [2]struct{ found, want int }
		for round := range 2 {
			took, found, want, gap, split = nil, 0, 0, 0, [2]struct{ found, want int }{}
			for i, vec := range qvecs {
				t0 := time.Now()
				approx, err := v.Dense(ctx, vec, retrieval.Filter{}, 100)
				if err != nil {
					t.Fatal(err)
				}
				took = append(took, time.Since(t0))
				last := exact[i][len(exact[i])-1].Score
				want += len(exact[i])
				half := &split[min(i/200, 1)]
				half.want += len(exact[i])
				for _, c := range approx[:min(len(approx), len(exact[i]))] {
					if c.Score >= last-1e-5 {
						found++
						half.found++
					}
				}
				if len(approx) > 0 {
					gap += last - approx[len(approx)-1].Score
				}
			}
			_ = round
		}
		slices.Sort(took)
		detail := ""
		if kind == "synth" {
			detail = fmt.Sprintf(" (titles %.4f, chunk texts %.4f)", float64(split[0].found)/float64(split[0].want), float64(split[1].found)/float64(split[1].want))
		}
		t.Logf("%s: recall@100 %.4f%s; the 100th %.5f less similar on average; a query p50 %.1f ms, p90 %.1f ms",
			f, float64(found)/float64(want), detail, gap/float64(len(qvecs)),
			float64(took[len(took)/2].Microseconds())/1000, float64(took[9*len(took)/10].Microseconds())/1000)
	}
}

func cosine(a, b []float32) float64 {
	var ab, aa, bb float64
	for i := range a {
		ab += float64(a[i]) * float64(b[i])
		aa += float64(a[i]) * float64(a[i])
		bb += float64(b[i]) * float64(b[i])
	}
	return ab / math.Sqrt(aa*bb)
}

func distinct(vecs [][]float32) int {
	seen := map[string]bool{}
	for _, v := range vecs {
		seen[fmt.Sprint(v)] = true
	}
	return len(seen)
}

// vectorIndexConfig reads a class's vectorIndexConfig as JSON.
func vectorIndexConfig(t *testing.T, base, class string) string {
	t.Helper()
	var schema map[string]any
	resp, err := http.Get(base + "/v1/schema/" + class)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(&schema); err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(schema["vectorIndexConfig"])
	return string(raw)
}

// setVectorIndex changes settings of a class's vectorIndexConfig.
func setVectorIndex(t *testing.T, base, class string, set map[string]any) {
	t.Helper()
	var schema map[string]any
	resp, err := http.Get(base + "/v1/schema/" + class)
	if err != nil {
		t.Fatal(err)
	}
	err = json.NewDecoder(resp.Body).Decode(&schema)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	vic := schema["vectorIndexConfig"].(map[string]any)
	for k, v := range set {
		vic[k] = v
	}
	raw, _ := json.Marshal(schema)
	req, _ := http.NewRequest("PUT", base+"/v1/schema/"+class, bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		var msg bytes.Buffer
		msg.ReadFrom(resp.Body)
		t.Fatalf("PUT schema: %d %s", resp.StatusCode, msg.String())
	}
}
