package weaviate_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/internal/testutil/weaviatetest"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/weaviate"
)

// A new store's chunks have a flat vector index (every query a scan of
// the vectors its filter allows, as the graph's queries were up to
// 100,000 chunks); a store made before with a graph keeps it, and its
// graph takes the query-time settings (a scan up to 100,000 chunks a
// filtered query allows, ef 1,000 for 100 candidates past that: see
// chunkGraphIndex) at its next write. Both answer nearest-vector queries.
func TestVectorIndexQuerySettings(t *testing.T) {
	ctx := t.Context()
	s := weaviatetest.Start(t)
	c, _ := weaviate.New(s.URL, "", weaviate.WithGRPC(s.GRPC))
	g, _ := retrieval.NewGloVeEmbedder()
	body := "The ferry crews walked out over pay."
	docs := []*corpus.Document{{ID: "a", Path: "a.txt", Title: "Ferry", Text: body, Paragraphs: []corpus.Span{{Start: 0, End: len(body)}}}}
	vecs, _ := g.Embed(ctx, []string{"ferry strike"})
	nearest := func(st *weaviate.Store, when string) {
		t.Helper()
		v, err := st.Pin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if cs, err := v.Dense(ctx, vecs[0], retrieval.Filter{}, 100); err != nil || len(cs) != 1 || cs[0].DocID != "a" {
			t.Errorf("%s: nearest vectors %v, %v; want the one chunk", when, cs, err)
		}
	}
	indexType := func(class string) string {
		t.Helper()
		resp, err := http.Get(s.URL + "/v1/schema/" + class)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var schema struct {
			VectorIndexType string `json:"vectorIndexType"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&schema); err != nil {
			t.Fatal(err)
		}
		return schema.VectorIndexType
	}

	flat, err := weaviate.NewStore(c, "Flat", weaviate.ClassOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := flat.Write(ctx, docs, weaviate.WriteOptions{Embedder: g}); err != nil {
			t.Fatal(err)
		}
		if got := indexType("Flat"); got != "flat" {
			t.Errorf("a new store's chunks have a %q vector index, want flat", got)
		}
		nearest(flat, "a new store")
		docs[0].Text += " Talks resume on Monday."
		docs[0].Paragraphs = []corpus.Span{{Start: 0, End: len(docs[0].Text)}}
	}

	st, err := weaviate.NewStore(c, "Tuned", weaviate.ClassOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// A store made before the flat index, with Weaviate's query-time
	// defaults.
	if err := weaviate.CreateGraphChunks(ctx, st); err != nil {
		t.Fatal(err)
	}
	setVectorIndex(t, s.URL, "Tuned", map[string]any{"flatSearchCutoff": 40000, "ef": -1, "dynamicEfMin": 100, "dynamicEfFactor": 8, "dynamicEfMax": 500})
	settings := func() map[string]float64 {
		t.Helper()
		raw := vectorIndexConfig(t, s.URL, "Tuned")
		var all map[string]any
		if err := json.Unmarshal([]byte(raw), &all); err != nil {
			t.Fatal(err)
		}
		got := map[string]float64{}
		for _, k := range []string{"flatSearchCutoff", "ef", "dynamicEfMin", "dynamicEfFactor", "dynamicEfMax", "efConstruction", "maxConnections"} {
			got[k], _ = all[k].(float64)
		}
		return got
	}
	if got := settings(); got["flatSearchCutoff"] != 40000 {
		t.Fatalf("could not set the earlier settings: %v", got)
	}
	if _, err := st.Write(ctx, docs, weaviate.WriteOptions{Embedder: g}); err != nil {
		t.Fatal(err)
	}
	if got := indexType("Tuned"); got != "hnsw" {
		t.Errorf("a store made with a graph has a %q vector index after a write, want hnsw (kept)", got)
	}
	want := map[string]float64{"flatSearchCutoff": 100000, "ef": -1, "dynamicEfMin": 100, "dynamicEfFactor": 10, "dynamicEfMax": 1000, "efConstruction": 32, "maxConnections": 16}
	got := settings()
	for k, v := range want {
		if got[k] != v {
			t.Errorf("a store made with a graph, written again: its vector index has %s %v, want %v", k, got[k], v)
		}
	}
	nearest(st, "a store made with a graph")
}
