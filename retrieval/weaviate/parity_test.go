package weaviate_test

import (
	"bufio"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/internal/weaviatetest"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/weaviate"
)

// TestCandidateCoverageOnMultiHop measures the design the Weaviate store
// takes: Weaviate returns candidates (BM25 over our stems, the named
// outlets' best passages, nearest vectors) and our ranking rescores them in
// Go. The answers are the same as in-process exactly when every passage our
// ranking puts in the top 10 is among the candidates; this counts how often
// that holds on the MultiHop-RAG dev split, and times writing the corpus and
// the candidate queries. A measurement, run by hand beside ../shared:
//
//	BOT_WEAVIATE_PARITY=1 go test ./retrieval/weaviate -run Coverage -v
func TestCandidateCoverageOnMultiHop(t *testing.T) {
	if os.Getenv("BOT_WEAVIATE_PARITY") == "" {
		t.Skip("a measurement: BOT_WEAVIATE_PARITY=1 runs it")
	}
	const evals = "../../../shared/evals/"
	res, err := corpus.Load(t.Context(), evals+"multihop-rag.corpus.jsonl", corpus.Options{})
	if err != nil {
		t.Skipf("no evaluation corpus: %v", err)
	}
	s := weaviatetest.Start(t)
	ctx := t.Context()
	c, _ := weaviate.New(s.URL, "")
	g, _ := retrieval.NewGloVeEmbedder()
	ix, err := retrieval.Build(ctx, res.Documents, g, retrieval.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	class := weaviate.VersionClass("Multihop", "dev")
	if err := c.CreateClass(ctx, class, weaviate.ClassOptions{}); err != nil {
		t.Fatal(err)
	}
	var all []weaviate.Chunk
	texts := make([]string, 0, len(ix.Chunks()))
	for _, ch := range ix.Chunks() {
		texts = append(texts, ch.Text)
	}
	vecs, err := g.Embed(ctx, texts)
	if err != nil {
		t.Fatal(err)
	}
	outlet := map[string]string{}
	for i, ch := range ix.Chunks() {
		d, _ := ix.Document(ch.DocID)
		published, _ := d.PublishedTime()
		outlet[strings.ToLower(d.Source)] = d.Source
		all = append(all, weaviate.Chunk{ID: ch.ID, DocID: ch.DocID, Source: d.Source, Published: published,
			Terms: retrieval.Terms(ch.Text), Meta: retrieval.Terms(d.Title + "\n" + d.Source + "\n" + d.Byline),
			Text: ch.Text, Vector: vecs[i]})
	}
	start := time.Now()
	if err := c.Put(ctx, class, all); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %d chunks in %s (%.0f chunks/s)", len(all), time.Since(start).Round(time.Millisecond), float64(len(all))/time.Since(start).Seconds())

	f, err := os.Open(evals + "multihop-rag-dev.qa.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type setting struct{ global, perOutlet, dense int }
	settings := []setting{{100, 0, 0}, {100, 50, 0}, {100, 50, 100}, {200, 100, 200}}
	covered := make([]int, len(settings))
	allTop := make([]int, len(settings))
	var top, questions int
	var took []time.Duration
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var q struct{ Question string }
		json.Unmarshal(sc.Bytes(), &q)
		r, err := ix.Search(ctx, q.Question, retrieval.SearchOptions{K: 10})
		if err != nil {
			t.Fatal(err)
		}
		questions++
		qv, _ := g.Embed(ctx, []string{q.Question})
		for si, set := range settings {
			began := time.Now()
			cands := map[string]bool{}
			add := func(cs []weaviate.Candidate, err error) {
				if err != nil {
					t.Fatal(err)
				}
				for _, c := range cs {
					cands[c.ChunkID] = true
				}
			}
			add(c.Lexical(ctx, class, r.Terms, weaviate.Filter{}, set.global))
			if set.perOutlet > 0 {
				for _, src := range r.Sources {
					name := outlet[strings.ToLower(src)]
					if name == "" {
						name = src
					}
					add(c.Lexical(ctx, class, r.Terms, weaviate.Filter{Sources: []string{name}}, set.perOutlet))
				}
			}
			if set.dense > 0 && len(qv) == 1 && qv[0] != nil {
				add(c.Dense(ctx, class, qv[0], weaviate.Filter{}, set.dense))
			}
			if si == 2 {
				took = append(took, time.Since(began))
			}
			in := 0
			for _, h := range r.Hits {
				if cands[h.Chunk.ID] {
					in++
				}
			}
			covered[si] += in
			if in == len(r.Hits) {
				allTop[si]++
			}
			if si == 0 {
				top += len(r.Hits)
			}
		}
	}
	slices.Sort(took)
	for si, set := range settings {
		t.Logf("candidates: BM25 top %d, each named outlet's top %d, dense top %d: %.3f of our top-10 passages are candidates; all 10 for %.3f of %d questions",
			set.global, set.perOutlet, set.dense, float64(covered[si])/float64(top), float64(allTop[si])/float64(questions), questions)
	}
	t.Logf("candidate queries (BM25 100 + outlets 50 + dense 100) per question: p50 %s, p99 %s",
		took[len(took)/2].Round(100*time.Microsecond), took[len(took)*99/100].Round(100*time.Microsecond))
}
