package weaviate_test

import (
	"fmt"
	"maps"
	"net"
	"slices"
	"strings"
	"testing"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/internal/testutil/weaviatetest"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/weaviate"
	"github.com/newsroom/askbot/text"
)

// closedPort returns a 127.0.0.1 address nothing listens on.
func closedPort(tb testing.TB) string {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// Batch writes go through gRPC when the server's port is given, and what
// they write reads back as a REST write's does: an outlet of odd
// characters, invalid UTF-8 (made U+FFFD, as JSON makes it), the dates and
// the version ranges. A client given no gRPC address tries the default
// port, finds nothing there (the test server's gRPC is elsewhere) and
// writes through REST; one given an address where nothing answers fails
// the write, naming the address.
func TestGRPCWrites(t *testing.T) {
	s := weaviatetest.Start(t)
	ctx := t.Context()
	odd := "The \"Harbour\" \\ Gazette \U0001F5DE\u2028 \xff"
	body := "Councillors approve the harbour budget \xfe\xff."
	write := func(t *testing.T, c *weaviate.Client, class string) []string {
		t.Helper()
		if err := c.CreateClass(ctx, class, weaviate.ClassOptions{}); err != nil {
			t.Fatal(err)
		}
		chunks := chunks([]doc{{"a", odd, "politics", body}, {"b", "Wire", "", "Forecasters warned of heavy rain."}}, func(ch *weaviate.Chunk) { ch.Since = 3 })
		if err := c.Put(ctx, class, chunks); err != nil {
			t.Fatal(err)
		}
		if err := c.WaitIndexed(ctx, class); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range []weaviate.Filter{{Sources: []string{strings.ToValidUTF8(odd, "\uFFFD")}}, {Collections: []string{""}}, {Version: 3}, {Version: 2}} {
			cands, err := c.Lexical(ctx, class, text.QueryTerms("harbour budget rain"), f, 10)
			if err != nil {
				t.Fatal(err)
			}
			for _, cand := range cands {
				got = append(got, cand.DocID+":"+cand.Text)
			}
			got = append(got, "|")
		}
		return got
	}
	viaGRPC, err := weaviate.New(s.URL, "", weaviate.WithGRPC(s.GRPC))
	if err != nil {
		t.Fatal(err)
	}
	rest, _ := weaviate.New(s.URL, "", weaviate.WithGRPC(""))
	want := write(t, rest, "ByREST")
	if got := write(t, viaGRPC, "ByGRPC"); !slices.Equal(got, want) {
		t.Errorf("through gRPC %q, through REST %q", got, want)
	}
	if !viaGRPC.WritesGRPC() || rest.WritesGRPC() {
		t.Errorf("WritesGRPC: %v with an address, %v without one", viaGRPC.WritesGRPC(), rest.WritesGRPC())
	}
	if !strings.Contains(strings.Join(want, " "), "budget \uFFFD\uFFFD.") {
		t.Errorf("invalid UTF-8 not written as JSON writes it: %q", want)
	}

	guessed, _ := weaviate.New(s.URL, "")
	if got := write(t, guessed, "ByDefault"); !slices.Equal(got, want) {
		t.Errorf("falling back to REST %q, want %q", got, want)
	}
	if guessed.WritesGRPC() {
		t.Error("a client that found no gRPC server at the default port says it writes through gRPC")
	}

	addr := closedPort(t)
	broken, _ := weaviate.New(s.URL, "", weaviate.WithGRPC(addr))
	err = broken.Put(ctx, "ByREST", chunks([]doc{{"c", "Wire", "", "Rain."}}, nil))
	if err == nil || !strings.Contains(err.Error(), "gRPC "+addr) {
		t.Errorf("a write to a gRPC address where nothing listens: %v", err)
	}
}

// A question's reads of document and frequency rows through gRPC give
// what GraphQL gives, for the version published and for the one before
// it (whose replaced rows are closed, not deleted): the documents with
// and without their text, which an asker keeps, the frequencies of the
// whole corpus and of one collection.
func TestGRPCReadsRows(t *testing.T) {
	s := weaviatetest.Start(t)
	ctx := t.Context()
	viaGRPC, _ := weaviate.New(s.URL, "", weaviate.WithGRPC(s.GRPC))
	rest, _ := weaviate.New(s.URL, "", weaviate.WithGRPC(""))
	stores := map[string]*weaviate.Store{}
	for name, c := range map[string]*weaviate.Client{"gRPC": viaGRPC, "GraphQL": rest} {
		st, err := weaviate.NewStore(c, "Rows", weaviate.ClassOptions{})
		if err != nil {
			t.Fatal(err)
		}
		stores[name] = st
	}
	g, _ := retrieval.NewGloVeEmbedder()
	collectionOf := func(d *corpus.Document) string {
		if d.ID < "d-005" {
			return "desk"
		}
		return ""
	}
	write := func(docs []*corpus.Document) {
		t.Helper()
		if _, err := stores["gRPC"].Write(ctx, docs, weaviate.WriteOptions{Embedder: g, CollectionOf: collectionOf}); err != nil {
			t.Fatal(err)
		}
	}
	write(dispatches(10, 0, ""))
	pinned := map[string]retrieval.Version{}
	for name, st := range stores {
		v, err := st.Pin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		pinned[name+" v1"] = v
	}
	write(dispatches(8, 4, "late")) // 4 changed, 2 removed
	for name, st := range stores {
		v, err := st.Pin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		pinned[name+" v2"] = v
	}
	ids := []string{"d-000", "d-003", "d-005", "d-008", "d-009", "none"}
	terms := text.QueryTerms("harbour desk late edition dispatch rain")
	read := func(v retrieval.Version) string {
		t.Helper()
		var out strings.Builder
		for _, withText := range []bool{false, true} {
			docs, err := v.DocumentsByID(ctx, ids, withText)
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range slices.Sorted(maps.Keys(docs)) {
				fmt.Fprintf(&out, "%s %q %q; ", id, docs[id].Title, docs[id].Text)
			}
		}
		for _, f := range []retrieval.Filter{{}, {Collections: []string{"desk"}}} {
			keeps, err := v.Keeps(ctx, f, ids)
			if err != nil {
				t.Fatal(err)
			}
			freq, err := v.Frequencies(ctx, terms, f)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&out, "keeps %v; %+v; ", keeps, *freq)
		}
		return out.String()
	}
	for _, v := range []string{"v1", "v2"} {
		want := read(pinned["GraphQL "+v])
		if got := read(pinned["gRPC "+v]); got != want {
			t.Errorf("%s through gRPC:\n%s\nthrough GraphQL:\n%s", v, got, want)
		}
		if v == "v2" && (!strings.Contains(want, "late edition") || strings.Contains(want, "d-009 ")) {
			t.Errorf("%s reads another version: %s", v, want)
		}
	}
}
