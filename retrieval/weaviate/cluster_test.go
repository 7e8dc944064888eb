package weaviate_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/internal/testutil/weaviatetest"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/weaviate"
	"github.com/newsroom/askbot/text"
)

// Three nodes, three shards, two replicas of each: with one node killed
// every document can still be read and every question answered through the
// others, and when it comes back it has lost nothing.
func TestClusterSurvivesALostNode(t *testing.T) {
	if testing.Short() {
		t.Skip("starts three servers")
	}
	began := time.Now()
	nodes := weaviatetest.StartCluster(t, 3)
	t.Logf("3 nodes ready in %s", time.Since(began).Round(time.Millisecond))
	ctx := t.Context()
	g, _ := retrieval.NewGloVeEmbedder()
	// store opens the store through node i afresh: it knows no version
	// but what the node says.
	store := func(i int) *weaviate.Store {
		c, err := weaviate.New(nodes[i].URL, "", weaviate.WithGRPC(nodes[i].GRPC))
		if err != nil {
			t.Fatal(err)
		}
		st, err := weaviate.NewStore(c, "Archive", weaviate.ClassOptions{Shards: 3, Replicas: 2})
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	topics := []string{"harbour budget", "flood defences", "school inspections", "transfer window", "election count"}
	var docs []*corpus.Document
	var ids []string
	for i := range 300 {
		text := fmt.Sprintf("Report %d on the %s, filed by the city desk.", i, topics[i%len(topics)])
		d := &corpus.Document{ID: fmt.Sprintf("doc-%03d", i), Path: "archive.jsonl", Title: "Report", Source: "City Desk",
			Text: text, Paragraphs: []corpus.Span{{Start: 0, End: len(text)}}}
		docs = append(docs, d)
		ids = append(ids, d.ID)
	}
	if _, err := store(0).Write(ctx, docs, weaviate.WriteOptions{Embedder: g}); err != nil {
		t.Fatal(err)
	}
	// check reads every document and answers a question through node i.
	check := func(when string, i int) {
		t.Helper()
		st := store(i)
		v, err := st.Pin(ctx)
		if err != nil {
			t.Fatalf("%s, through %s: %v", when, nodes[i].Name, err)
		}
		got, err := v.DocumentsByID(ctx, ids, true)
		if err != nil {
			t.Fatalf("%s, through %s: %v", when, nodes[i].Name, err)
		}
		if len(got) != len(ids) {
			t.Errorf("%s, through %s: %d of %d documents readable", when, nodes[i].Name, len(got), len(ids))
		}
		hits, err := v.Lexical(ctx, text.QueryTerms("flood defences"), retrieval.Filter{}, 100)
		if err != nil {
			t.Fatalf("%s, through %s: %v", when, nodes[i].Name, err)
		}
		if len(hits) != 60 {
			t.Errorf("%s, through %s: %d chunks on flood defences, want 60", when, nodes[i].Name, len(hits))
		}
		remote := retrieval.NewSearcher(st, g, retrieval.DefaultChunker)
		_, res, err := remote.Search(ctx, "Which report was on the flood defences?", retrieval.Filter{}, retrieval.SearchOptions{K: 5, DenseWeight: -1})
		if err != nil {
			t.Fatalf("%s, through %s: %v", when, nodes[i].Name, err)
		}
		if !res.Answerable || len(res.Hits) != 5 {
			t.Errorf("%s, through %s: answerable %v with %d passages", when, nodes[i].Name, res.Answerable, len(res.Hits))
		}
		// An asker's own statistics (the hidden documents' rows) are read
		// with a node down too.
		public := retrieval.Filter{Now: time.Now(), Collections: []string{""}}
		if _, res, err = remote.Search(ctx, "Which report was on the flood defences?", public, retrieval.SearchOptions{K: 5, DenseWeight: -1}); err != nil || !res.Answerable {
			t.Fatalf("%s, through %s, as the public: %v", when, nodes[i].Name, err)
		}
		if scope, err := remote.Scope(ctx, public); err != nil || scope.Documents != len(ids) {
			t.Errorf("%s, through %s: the public's scope %d documents, %v", when, nodes[i].Name, scope.Documents, err)
		}
	}
	for i := range nodes {
		check("all up", i)
	}
	nodes[1].Kill()
	began = time.Now()
	check("node2 killed", 0)
	check("node2 killed", 2)
	t.Logf("with node2 killed, both checks answered in %s", time.Since(began).Round(time.Millisecond))
	nodes[1].Restart(t)
	t.Logf("node2 back in %s", nodes[1].Started.Round(time.Millisecond))
	check("node2 back", 1)
}
