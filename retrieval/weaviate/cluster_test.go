package weaviate_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/newsroom/askbot/internal/weaviatetest"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/weaviate"
)

// Three nodes, three shards, two replicas of each: with one node killed
// every chunk can still be read and searched through the others, and when
// it comes back it has lost nothing.
func TestClusterSurvivesALostNode(t *testing.T) {
	if testing.Short() {
		t.Skip("starts three servers")
	}
	began := time.Now()
	nodes := weaviatetest.StartCluster(t, 3)
	t.Logf("3 nodes ready in %s", time.Since(began).Round(time.Millisecond))
	ctx := t.Context()
	clients := make([]*weaviate.Client, len(nodes))
	for i, n := range nodes {
		c, err := weaviate.New(n.URL, "")
		if err != nil {
			t.Fatal(err)
		}
		clients[i] = c
	}
	class := weaviate.VersionClass("Archive", "v1")
	if err := clients[0].CreateClass(ctx, class, weaviate.ClassOptions{Shards: 3, Replicas: 2}); err != nil {
		t.Fatal(err)
	}
	topics := []string{"harbour budget", "flood defences", "school inspections", "transfer window", "election count"}
	var all []weaviate.Chunk
	var ids []string
	for i := range 300 {
		text := fmt.Sprintf("Report %d on the %s, filed by the city desk.", i, topics[i%len(topics)])
		id := fmt.Sprintf("doc-%03d#0", i)
		ids = append(ids, id)
		all = append(all, weaviate.Chunk{ID: id, DocID: fmt.Sprintf("doc-%03d", i), Source: "City Desk",
			Terms: retrieval.Terms(text), Text: text, Vector: []float32{float32(i%5) + 1, 1, 0, 0}})
	}
	if err := clients[0].Put(ctx, class, all); err != nil {
		t.Fatal(err)
	}
	if err := clients[0].Publish(ctx, "Archive", class); err != nil {
		t.Fatal(err)
	}
	for i, c := range clients {
		if got, err := c.Current(ctx, "Archive"); err != nil || got != class {
			t.Fatalf("alias through %s: %q, %v", nodes[i].Name, got, err)
		}
	}
	// check reads every chunk and searches one topic through node i.
	check := func(when string, i int) {
		t.Helper()
		texts, err := clients[i].Texts(ctx, class, ids)
		if err != nil {
			t.Fatalf("%s, through %s: %v", when, nodes[i].Name, err)
		}
		if len(texts) != len(ids) {
			t.Errorf("%s, through %s: %d of %d chunks readable", when, nodes[i].Name, len(texts), len(ids))
		}
		hits, err := clients[i].Lexical(ctx, class, retrieval.QueryTerms("flood defences"), weaviate.Filter{}, 100)
		if err != nil {
			t.Fatalf("%s, through %s: %v", when, nodes[i].Name, err)
		}
		if len(hits) != 60 {
			t.Errorf("%s, through %s: %d chunks on flood defences, want 60", when, nodes[i].Name, len(hits))
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
	began = time.Now()
	if target, err := clients[2].Current(ctx, "Archive"); err != nil || target != class {
		t.Errorf("alias with node2 killed: %q, %v", target, err)
	}
	t.Logf("with node2 killed, the alias resolved in %s", time.Since(began).Round(time.Millisecond))
	nodes[1].Restart(t)
	t.Logf("node2 back in %s", nodes[1].Started.Round(time.Millisecond))
	check("node2 back", 1)
}
