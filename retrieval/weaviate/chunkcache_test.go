package weaviate_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/newsroom/askbot/internal/testutil/weaviatetest"
	"github.com/newsroom/askbot/retrieval/weaviate"
	"github.com/newsroom/askbot/text"
)

// A store's BM25 queries ask the server for their hits' object IDs and
// scores alone (no property comes back) and take the chunks from its
// cache, reading those it misses: what they return is what the query for
// the chunks themselves returns, under every filter, whatever an earlier
// query under another filter put in the cache; a chunk read by object ID
// is read only when it passes the asker's filter.
func TestLexicalFromCache(t *testing.T) {
	s := weaviatetest.Start(t)
	ctx := t.Context()
	c, err := weaviate.New(s.URL, "", weaviate.WithGRPC(s.GRPC))
	if err != nil {
		t.Fatal(err)
	}
	const class = "Cached"
	if err := c.CreateClass(ctx, class, weaviate.ClassOptions{}); err != nil {
		t.Fatal(err)
	}
	docs := []doc{
		{"a", "Gazette", "politics", "Councillors approve the harbour budget."},
		{"b", "Wire", "", "Forecasters warned of heavy rain over the harbour."},
		{"c", "Gazette", "desk", "The harbour budget rain delay, in the desk's notes."},
	}
	if err := c.Put(ctx, class, chunks(docs, func(ch *weaviate.Chunk) { ch.Since = 2 })); err != nil {
		t.Fatal(err)
	}
	if err := c.WaitIndexed(ctx, class); err != nil {
		t.Fatal(err)
	}
	st, err := weaviate.NewStore(c, class, weaviate.ClassOptions{})
	if err != nil {
		t.Fatal(err)
	}
	terms := text.QueryTerms("harbour budget rain")

	bare, err := weaviate.BareHits(ctx, c, class, terms, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(bare) != 3 || !slices.Contains(bare, weaviate.ObjectID(class, "a#0", 2)+":") {
		t.Errorf("bare BM25 hits %q, want 3 object IDs and nothing else", bare)
	}

	show := func(cs []weaviate.Candidate) string {
		var b strings.Builder
		for _, c := range cs {
			b.WriteString(c.DocID + ":" + c.Text + "|")
		}
		return b.String()
	}
	for _, tc := range []struct {
		name   string
		f      weaviate.Filter
		cached int
	}{
		{"everything, cold", weaviate.Filter{}, 0},
		{"everything, warm", weaviate.Filter{}, 3},
		{"one outlet", weaviate.Filter{Sources: []string{"Gazette"}}, 2},
		{"one collection", weaviate.Filter{Collections: []string{"desk"}}, 1},
		{"outside every collection", weaviate.Filter{Collections: []string{""}}, 1},
		{"an earlier version", weaviate.Filter{Version: 1}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, err := c.Lexical(ctx, class, terms, tc.f, 10)
			if err != nil {
				t.Fatal(err)
			}
			got, cached, err := weaviate.StoreLexical(ctx, st, terms, tc.f, 10)
			if err != nil {
				t.Fatal(err)
			}
			if show(got) != show(want) {
				t.Errorf("through the cache %s, want %s", show(got), show(want))
			}
			for i := range min(len(got), len(want)) {
				if got[i].Score != want[i].Score || got[i].Since != 2 {
					t.Errorf("%s: score %v since %d, want %v since 2", got[i].DocID, got[i].Score, got[i].Since, want[i].Score)
				}
			}
			if cached != tc.cached {
				t.Errorf("%d chunks from the cache, want %d", cached, tc.cached)
			}
		})
	}

	ids := []string{weaviate.ObjectID(class, "a#0", 2), weaviate.ObjectID(class, "b#0", 2)}
	got, err := weaviate.ChunksByObject(ctx, c, class, ids, weaviate.Filter{Sources: []string{"Wire"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[ids[1]].DocID != "b" {
		t.Errorf("chunks by object under one outlet: %v, want b's alone", got)
	}
}
