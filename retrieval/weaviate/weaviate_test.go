package weaviate_test

import (
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/internal/testutil/weaviatetest"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/weaviate"
	"github.com/newsroom/askbot/text"
)

func TestMain(m *testing.M) {
	if code, done := weaviatetest.InNamespace(m); done {
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// The key goes out as a bearer token and never comes back in an error, even
// when the server echoes it; a URL's user information is not shown either.
func TestKeyNeverInErrors(t *testing.T) {
	const key = "wv-secret-0123456789abcdef"
	var gotAuth string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotAuth = r.Header.Get("Authorization")
		http.Error(w, `{"error":[{"message":"key `+key+` (Bearer `+key+`) is not allowed"}]}`, http.StatusUnauthorized)
	}))
	defer srv.Close()
	c, err := weaviate.New(strings.Replace(srv.URL, "http://", "http://admin:hunter2@", 1), key)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(c.String(), "hunter2") {
		t.Errorf("String() = %q shows the password", c.String())
	}
	_, err = c.Lexical(t.Context(), "Newsroom", []string{"council"}, weaviate.Filter{}, 5)
	if err == nil {
		t.Fatal("a 401 was not an error")
	}
	if gotAuth != "Bearer "+key {
		t.Errorf("Authorization = %q", gotAuth)
	}
	for _, secret := range []string{key, "hunter2"} {
		if strings.Contains(err.Error(), secret) {
			t.Errorf("error shows a secret: %v", err)
		}
	}
	if !strings.Contains(err.Error(), "401") {
		t.Errorf("error does not say what happened: %v", err)
	}
	if _, err := weaviate.New("ftp://x", ""); err == nil {
		t.Error("an ftp URL was accepted")
	}
}

type doc struct{ id, source, collection, text string }

func chunks(docs []doc, mod func(*weaviate.Chunk)) []weaviate.Chunk {
	var out []weaviate.Chunk
	for i, d := range docs {
		vec := make([]float32, 8)
		vec[i%8] = 1
		ch := weaviate.Chunk{ID: d.id + "#0", DocID: d.id, Source: d.source, Collection: d.collection,
			Published: time.Date(2023, 10, 1+i, 0, 0, 0, 0, time.UTC),
			Terms:     text.Terms(d.text), Text: d.text, Vector: vec}
		if mod != nil {
			mod(&ch)
		}
		out = append(out, ch)
	}
	return out
}

func ids(cands []weaviate.Candidate) []string {
	var out []string
	for _, c := range cands {
		out = append(out, c.DocID)
	}
	return out
}

// Against a real server, the client's queries: BM25 over our stems, every
// filter (outlet, collection, dates, embargo, withdrawn, version), nearest
// vectors, and any outlet name sent as a string.
func TestClientOnRealServer(t *testing.T) {
	s := weaviatetest.Start(t)
	ctx := t.Context()
	c, err := weaviate.New(s.URL, "", weaviate.WithGRPC(s.GRPC))
	if err != nil {
		t.Fatal(err)
	}
	const class = "Newsroom"
	if err := c.CreateClass(ctx, class, weaviate.ClassOptions{}); err != nil {
		t.Fatal(err)
	}
	embargo := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	docs := []doc{
		{"a", "Wire", "politics", "The council approved the harbour budget on Monday."},
		{"b", "Daily", "politics", "The harbour budget was approved by councillors after a long debate."},
		{"c", "Wire", "weather", "Forecasters warned of heavy rain on the coast."},
		{"d", "Daily", "", "A leaked memo shows the harbour budget was inflated."},
		{"w", "Daily", "politics", "Withdrawn: the harbour budget approved twice."},
		{"e", "Wire", "politics", "Embargoed: councillors approve the harbour budget again."},
	}
	if err := c.Put(ctx, class, chunks(docs, func(ch *weaviate.Chunk) {
		switch ch.DocID {
		case "w":
			ch.Withdrawn = true
		case "e":
			ch.Embargo = embargo
		case "d":
			ch.Since = 2 // written at version 2
		}
	})); err != nil {
		t.Fatal(err)
	}
	if err := c.WaitIndexed(ctx, class); err != nil {
		t.Fatal(err)
	}
	query := text.QueryTerms("Did councillors approve the harbour budgets?")
	lex := func(f weaviate.Filter) []string {
		t.Helper()
		got, err := c.Lexical(ctx, class, query, f, 10)
		if err != nil {
			t.Fatal(err)
		}
		return ids(got)
	}
	if got := lex(weaviate.Filter{}); len(got) != 4 || slices.Contains(got, "c") || slices.Contains(got, "w") {
		t.Errorf("bm25 over our stems: %v, want a, b, d and e (not c, about rain, nor w, withdrawn)", got)
	}
	for _, tt := range []struct {
		name string
		f    weaviate.Filter
		want []string
	}{
		{"source", weaviate.Filter{Sources: []string{"Wire"}}, []string{"a", "e"}},
		{"collections", weaviate.Filter{Collections: []string{"weather", ""}}, []string{"d"}},
		{"dates", weaviate.Filter{From: time.Date(2023, 10, 2, 0, 0, 0, 0, time.UTC), To: time.Date(2023, 10, 4, 0, 0, 0, 0, time.UTC)}, []string{"b"}},
		{"before the embargo", weaviate.Filter{Now: embargo.Add(-time.Minute)}, []string{"a", "b", "d"}},
		{"at the embargo", weaviate.Filter{Now: embargo}, []string{"a", "b", "d", "e"}},
		{"version 1", weaviate.Filter{Version: 1}, []string{"a", "b", "e"}},
		{"version 2", weaviate.Filter{Version: 2}, []string{"a", "b", "d", "e"}},
	} {
		got := lex(tt.f)
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s filter: %v, want %v", tt.name, got, tt.want)
		}
	}
	vec := make([]float32, 8)
	vec[3] = 1
	dense, err := c.Dense(ctx, class, vec, weaviate.Filter{}, 1)
	if err != nil || len(dense) != 1 || dense[0].DocID != "d" || dense[0].Score < 0.99 {
		t.Errorf("dense: %+v, %v", dense, err)
	}
	// A candidate comes with the index terms it was written with, so the
	// ranking does not cut its text into words again.
	all, err := c.Lexical(ctx, class, query, weaviate.Filter{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, cand := range append(all, dense...) {
		if want := text.Terms(cand.Text); len(want) == 0 || !slices.Equal(cand.Terms, want) {
			t.Errorf("candidate %s: terms %q, want %q", cand.ChunkID, cand.Terms, want)
		}
	}
	// The queries go through gRPC's Search call (the client has its
	// address), and answer what GraphQL answers, field for field.
	rest, _ := weaviate.New(s.URL, "", weaviate.WithGRPC(""))
	same := func(name string, got, want []weaviate.Candidate) {
		t.Helper()
		if len(got) != len(want) {
			t.Errorf("%s: %d candidates through gRPC, %d through GraphQL", name, len(got), len(want))
			return
		}
		for i := range got {
			g, w := got[i], want[i]
			if math.Abs(g.Score-w.Score) > 1e-5 {
				t.Errorf("%s: candidate %d scores %v through gRPC, %v through GraphQL", name, i, g.Score, w.Score)
			}
			g.Score, w.Score = 0, 0
			if !reflect.DeepEqual(g, w) {
				t.Errorf("%s: candidate %d through gRPC %+v, through GraphQL %+v", name, i, g, w)
			}
		}
	}
	for _, f := range []weaviate.Filter{{}, {Sources: []string{"Wire", "Daily"}}, {Collections: []string{"politics", ""}},
		{From: time.Date(2023, 10, 2, 0, 0, 0, 0, time.UTC), To: time.Date(2023, 10, 5, 0, 0, 0, 0, time.UTC), Now: embargo, Version: 2}} {
		got, err := c.Lexical(ctx, class, query, f, 10)
		if err != nil {
			t.Fatal(err)
		}
		want, err := rest.Lexical(ctx, class, query, f, 10)
		if err != nil {
			t.Fatal(err)
		}
		same(fmt.Sprintf("bm25 %+v", f), got, want)
		got, err = c.Dense(ctx, class, vec, f, 10)
		if err != nil {
			t.Fatal(err)
		}
		want, err = rest.Dense(ctx, class, vec, f, 10)
		if err != nil {
			t.Fatal(err)
		}
		same(fmt.Sprintf("dense %+v", f), got, want)
	}
	if !c.WritesGRPC() {
		t.Error("the client stopped using gRPC")
	}

	// Any outlet name goes into a query as a string, whatever it holds.
	odd := "The \"Harbour\" \\ Gazette \U0001F5DE\u2028\U000E0001"
	if err := c.Put(ctx, class, []weaviate.Chunk{{ID: "o#0", DocID: "o", Source: odd,
		Terms: text.Terms("Councillors approve the harbour budget."), Text: "Councillors approve the harbour budget."}}); err != nil {
		t.Fatal(err)
	}
	if got := lex(weaviate.Filter{Sources: []string{odd}}); !slices.Equal(got, []string{"o"}) {
		t.Errorf("outlet %q: %v, want [o]", odd, got)
	}
	if err := c.DropClass(ctx, class); err != nil {
		t.Fatal(err)
	}
	if err := c.DropClass(ctx, class); err != nil {
		t.Errorf("dropping a missing class: %v", err)
	}
	if err := c.CreateClass(ctx, "lower", weaviate.ClassOptions{}); err == nil {
		t.Error("a class name Weaviate would refuse was sent")
	}
	if _, err := weaviate.NewStore(c, "lower", weaviate.ClassOptions{}); err == nil {
		t.Error("a store name Weaviate would refuse was accepted")
	}
}

// A store takes any document ID and outlet name: they go into queries as
// strings, whatever they hold.
func TestStoreTakesAnyName(t *testing.T) {
	s := weaviatetest.Start(t)
	ctx := t.Context()
	c, _ := weaviate.New(s.URL, "", weaviate.WithGRPC(s.GRPC))
	st, err := weaviate.NewStore(c, "Odd", weaviate.ClassOptions{})
	if err != nil {
		t.Fatal(err)
	}
	odd := "The \"Harbour\" \u2028\\ Gazette \U0001F5DE"
	body := "Councillors approve the harbour budget."
	d := &corpus.Document{ID: `desk/"odd" \\ id.md`, Path: "desk/odd.md", Title: "Budget", Source: odd, Text: body, Paragraphs: []corpus.Span{{Start: 0, End: len(body)}}}
	g, _ := retrieval.NewGloVeEmbedder()
	if _, err := st.Write(ctx, []*corpus.Document{d}, weaviate.WriteOptions{Embedder: g}); err != nil {
		t.Fatal(err)
	}
	v, err := st.Pin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	outlets, err := v.Outlets(ctx, retrieval.Filter{})
	if err != nil || !slices.Equal(outlets, []string{odd}) {
		t.Errorf("outlets %q, %v", outlets, err)
	}
	got, err := v.Lexical(ctx, text.QueryTerms("harbour budget"), retrieval.Filter{Sources: []string{odd}}, 5)
	if err != nil || len(got) != 1 || got[0].DocID != d.ID {
		t.Errorf("by outlet: %+v, %v", got, err)
	}
	docs, err := v.DocumentsByID(ctx, []string{d.ID}, true)
	if err != nil || docs[d.ID] == nil || docs[d.ID].Source != odd {
		t.Errorf("document by id: %+v, %v", docs, err)
	}
}
