package weaviate_test

import (
	"os"
	"slices"
	"testing"
	"time"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/eval"
	"github.com/newsroom/askbot/internal/testutil/weaviatetest"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/weaviate"
)

// TestScopedStatisticsCost measures what counting a question's statistics
// in what its asker may see costs, on the MultiHop-RAG corpus with every
// tenth document in a restricted collection and one in fifty withdrawn: a
// public question's search with the whole corpus's statistics, with its
// own (the hidden documents' counts read once, then kept), and the first
// question of a version (the read itself). A measurement, run by hand
// beside ../shared:
//
//	BOT_WEAVIATE_PARITY=1 go test ./retrieval/weaviate -run ScopedStatisticsCost -v
func TestScopedStatisticsCost(t *testing.T) {
	if os.Getenv("BOT_WEAVIATE_PARITY") == "" {
		t.Skip("a measurement: BOT_WEAVIATE_PARITY=1 runs it")
	}
	qs, err := eval.ReadQuestions(evalsDir + "multihop-rag-dev.qa.jsonl")
	if err != nil {
		t.Skipf("no evaluation questions: %v", err)
	}
	res, err := corpus.Load(t.Context(), evalsDir+"multihop-rag.corpus.jsonl", corpus.Options{})
	if err != nil {
		t.Skipf("no evaluation corpus: %v", err)
	}
	docs := res.Documents
	restricted := map[string]bool{}
	for i, d := range docs {
		if i%10 == 0 {
			restricted[d.ID] = true
		}
		if i%50 == 7 {
			c := *d
			c.Withdrawn = true
			docs[i] = &c
		}
	}
	collectionOf := func(d *corpus.Document) string {
		if restricted[d.ID] {
			return "desk"
		}
		return ""
	}
	s := weaviatetest.Start(t)
	ctx := t.Context()
	c, _ := weaviate.New(s.URL, "", weaviate.WithGRPC(s.GRPC))
	g, _ := retrieval.NewGloVeEmbedder()
	st, err := weaviate.NewStore(c, "Scoped", weaviate.ClassOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Write(ctx, docs, weaviate.WriteOptions{Embedder: g, CollectionOf: collectionOf}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(6 * time.Second) // the memtables flush 5 s after the last write (see weaviatetest)
	public := retrieval.Filter{Now: time.Now(), Collections: []string{""}}
	questions := qs[:min(200, len(qs))]

	// The first question of a version reads the hidden documents' counts:
	// a fresh Store each time, so nothing is kept.
	var firsts []time.Duration
	for range 10 {
		fresh, _ := weaviate.NewStore(c, "Scoped", weaviate.ClassOptions{})
		v, err := fresh.Pin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := v.Describe(ctx); err != nil {
			t.Fatal(err)
		}
		began := time.Now()
		if _, err := v.Outlets(ctx, public); err != nil {
			t.Fatal(err)
		}
		firsts = append(firsts, time.Since(began))
	}
	slices.Sort(firsts)
	t.Logf("first question of a version: the hidden documents' counts (%d restricted, withdrawn ones) read in %s (median of 10; %s–%s)",
		len(restricted), firsts[5].Round(100*time.Microsecond), firsts[0].Round(100*time.Microsecond), firsts[9].Round(100*time.Microsecond))

	remote := retrieval.NewSearcher(st, g, retrieval.DefaultChunker)
	for round := range 2 {
		for _, setting := range []struct {
			name  string
			whole bool
		}{{"whole-corpus statistics", true}, {"the asker's statistics", false}} {
			var took []time.Duration
			for _, q := range questions {
				began := time.Now()
				if _, _, err := remote.Search(ctx, q.Question, public, retrieval.SearchOptions{K: 10, DenseWeight: -1, WholeCorpusStats: setting.whole}); err != nil {
					t.Fatal(err)
				}
				took = append(took, time.Since(began))
			}
			slices.Sort(took)
			var sum time.Duration
			for _, d := range took {
				sum += d
			}
			t.Logf("round %d, %-24s %d questions: p50 %s, p90 %s, mean %s", round+1, setting.name, len(took),
				took[len(took)/2].Round(100*time.Microsecond), took[len(took)*9/10].Round(100*time.Microsecond), (sum / time.Duration(len(took))).Round(100*time.Microsecond))
		}
	}
}
