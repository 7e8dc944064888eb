package weaviate_test

import (
	"encoding/json"
	"testing"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/internal/testutil/weaviatetest"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/weaviate"
)

// The chunks' vector index scans up to 100,000 chunks a filtered query
// allows (every chunk query is filtered) and searches the graph with ef
// 1,000 for 100 candidates past that (see chunkVectorIndex); a store made
// with Weaviate's query-time defaults takes these at its next write.
func TestVectorIndexQuerySettings(t *testing.T) {
	ctx := t.Context()
	s := weaviatetest.Start(t)
	c, _ := weaviate.New(s.URL, "", weaviate.WithGRPC(s.GRPC))
	st, err := weaviate.NewStore(c, "Tuned", weaviate.ClassOptions{})
	if err != nil {
		t.Fatal(err)
	}
	g, _ := retrieval.NewGloVeEmbedder()
	body := "The ferry crews walked out over pay."
	docs := []*corpus.Document{{ID: "a", Path: "a.txt", Title: "Ferry", Text: body, Paragraphs: []corpus.Span{{Start: 0, End: len(body)}}}}
	settings := func() map[string]float64 {
		t.Helper()
		var got map[string]float64
		raw := vectorIndexConfig(t, s.URL, "Tuned")
		var all map[string]any
		if err := json.Unmarshal([]byte(raw), &all); err != nil {
			t.Fatal(err)
		}
		got = map[string]float64{}
		for _, k := range []string{"flatSearchCutoff", "ef", "dynamicEfMin", "dynamicEfFactor", "dynamicEfMax", "efConstruction", "maxConnections"} {
			got[k], _ = all[k].(float64)
		}
		return got
	}
	want := map[string]float64{"flatSearchCutoff": 100000, "ef": -1, "dynamicEfMin": 100, "dynamicEfFactor": 10, "dynamicEfMax": 1000, "efConstruction": 32, "maxConnections": 16}
	check := func(when string) {
		t.Helper()
		got := settings()
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s: the chunks' vector index has %s %v, want %v", when, k, got[k], v)
			}
		}
	}
	if _, err := st.Write(ctx, docs, weaviate.WriteOptions{Embedder: g}); err != nil {
		t.Fatal(err)
	}
	check("a new store")

	// A store made before: Weaviate's defaults.
	setVectorIndex(t, s.URL, "Tuned", map[string]any{"flatSearchCutoff": 40000, "dynamicEfFactor": 8, "dynamicEfMax": 500})
	if got := settings(); got["flatSearchCutoff"] != 40000 {
		t.Fatalf("could not set the earlier settings: %v", got)
	}
	if _, err := st.Write(ctx, docs, weaviate.WriteOptions{Embedder: g}); err != nil {
		t.Fatal(err)
	}
	check("a store made with Weaviate's defaults, written again")
	v, err := st.Pin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	vecs, _ := g.Embed(ctx, []string{"ferry strike"})
	if cs, err := v.Dense(ctx, vecs[0], retrieval.Filter{}, 100); err != nil || len(cs) != 1 {
		t.Errorf("nearest vectors after the change: %d, %v", len(cs), err)
	}
}
