package weaviate_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/askbot/internal/weaviatetest"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/weaviate"
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
			Terms:     retrieval.Terms(d.text), Text: d.text, Vector: vec}
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

// Against a real server: versions written aside and switched in by alias,
// documents replaced and deleted, every filter, document frequencies, dense
// queries and the texts the quote check needs.
func TestStoreOnRealServer(t *testing.T) {
	s := weaviatetest.Start(t)
	ctx := t.Context()
	c, err := weaviate.New(s.URL, "")
	if err != nil {
		t.Fatal(err)
	}
	const alias = "Newsroom"
	v1 := weaviate.VersionClass(alias, "v1")
	if err := c.CreateClass(ctx, v1, weaviate.ClassOptions{}); err != nil {
		t.Fatal(err)
	}
	docs := []doc{
		{"a", "Wire", "politics", "The council approved the harbour budget on Monday."},
		{"b", "Daily", "politics", "The harbour budget was approved by councillors after a long debate."},
		{"c", "Wire", "weather", "Forecasters warned of heavy rain on the coast."},
		{"d", "Daily", "investigations", "A leaked memo shows the harbour budget was inflated."},
	}
	if err := c.Put(ctx, v1, chunks(docs, nil)); err != nil {
		t.Fatal(err)
	}
	if err := c.Publish(ctx, alias, v1); err != nil {
		t.Fatal(err)
	}
	query := retrieval.QueryTerms("Did councillors approve the harbour budgets?")
	// current resolves the alias as a question does, once.
	current := func() string {
		t.Helper()
		class, err := c.Current(ctx, alias)
		if err != nil {
			t.Fatal(err)
		}
		return class
	}
	lex := func(f weaviate.Filter) []string {
		t.Helper()
		got, err := c.Lexical(ctx, current(), query, f, 10)
		if err != nil {
			t.Fatal(err)
		}
		return ids(got)
	}
	if got := lex(weaviate.Filter{}); len(got) != 3 || got[0] != "b" {
		t.Errorf("bm25 over our stems: %v, want b first of a, b, d", got)
	}
	for _, tt := range []struct {
		name string
		f    weaviate.Filter
		want []string
	}{
		{"source", weaviate.Filter{Sources: []string{"Wire"}}, []string{"a"}},
		{"collections", weaviate.Filter{Collections: []string{"politics", "weather"}}, []string{"a", "b"}},
		{"dates", weaviate.Filter{From: time.Date(2023, 10, 2, 0, 0, 0, 0, time.UTC), To: time.Date(2023, 10, 4, 0, 0, 0, 0, time.UTC)}, []string{"b"}},
	} {
		got := lex(tt.f)
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s filter: %v, want %v", tt.name, got, tt.want)
		}
	}

	// Version 2 is written aside: the alias keeps answering from version 1
	// until it is switched.
	v2 := weaviate.VersionClass(alias, "v2")
	if err := c.CreateClass(ctx, v2, weaviate.ClassOptions{}); err != nil {
		t.Fatal(err)
	}
	embargo := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	docs[0].text = "The council rejected the harbour budget."
	if err := c.Put(ctx, v2, chunks(docs, func(ch *weaviate.Chunk) {
		switch ch.DocID {
		case "b":
			ch.Withdrawn = true
		case "d":
			ch.Embargo = embargo
		}
	})); err != nil {
		t.Fatal(err)
	}
	if got := lex(weaviate.Filter{}); len(got) != 3 {
		t.Errorf("before the switch the alias sees %v, want version 1's three", got)
	}
	if err := c.Publish(ctx, alias, v2); err != nil {
		t.Fatal(err)
	}
	if target := current(); target != v2 {
		t.Errorf("alias points at %q", target)
	}
	if got := lex(weaviate.Filter{Now: embargo.Add(-time.Minute)}); !slices.Equal(got, []string{"a"}) {
		t.Errorf("before the embargo, withdrawn b hidden: %v, want [a]", got)
	}
	if got := lex(weaviate.Filter{Now: embargo}); len(got) != 2 || slices.Contains(got, "b") {
		t.Errorf("at the embargo: %v, want a and d", got)
	}
	texts, err := c.Texts(ctx, current(), []string{"a#0", "c#0"})
	if err != nil || texts["a#0"] != docs[0].text || texts["c#0"] != docs[2].text {
		t.Errorf("texts: %v, %v", texts, err)
	}

	// Replacing a document leaves none of its old chunks; deleting removes it.
	if err := c.PutDocument(ctx, v2, "c", []weaviate.Chunk{
		{ID: "c#0", DocID: "c", Source: "Wire", Collection: "weather", Terms: retrieval.Terms("Storm closes the harbour."), Text: "Storm closes the harbour."},
	}); err != nil {
		t.Fatal(err)
	}
	harbour, rain := retrieval.Terms("harbour")[0], retrieval.Terms("rain")[0]
	counted, total, err := c.CountChunks(ctx, current(), []string{harbour, rain})
	if err != nil {
		t.Fatal(err)
	}
	if total != 4 || counted[harbour] != 4 || counted[rain] != 0 {
		t.Errorf("counted %v of %d, want %s:4 %s:0 of 4", counted, total, harbour, rain)
	}
	if _, _, err := c.DocFreq(ctx, current(), []string{harbour}); err == nil {
		t.Error("document frequencies read before any table was written")
	}
	// The table the writer keeps agrees with the server's own count.
	now := chunks(docs, nil)
	now[2] = weaviate.Chunk{ID: "c#0", DocID: "c", Terms: retrieval.Terms("Storm closes the harbour.")}
	table, n := weaviate.Frequencies(now)
	if err := c.PutFrequencies(ctx, current(), table, n); err != nil {
		t.Fatal(err)
	}
	df, total, err := c.DocFreq(ctx, current(), []string{harbour, rain, "nowher"})
	if err != nil {
		t.Fatal(err)
	}
	if total != 4 || df[harbour] != 4 || df[rain] != 0 || df["nowher"] != 0 {
		t.Errorf("doc freq %v of %d, want %s:4 %s:0 of 4", df, total, harbour, rain)
	}
	if err := c.DeleteDocument(ctx, v2, "a"); err != nil {
		t.Fatal(err)
	}
	if got := lex(weaviate.Filter{Now: embargo}); !slices.Equal(got, []string{"d", "c"}) && !slices.Equal(got, []string{"c", "d"}) {
		t.Errorf("after deleting a: %v, want c and d", got)
	}

	vec := make([]float32, 8)
	vec[3] = 1
	dense, err := c.Dense(ctx, current(), vec, weaviate.Filter{Now: embargo}, 1)
	if err != nil || len(dense) != 1 || dense[0].DocID != "d" || dense[0].Score < 0.99 {
		t.Errorf("dense: %+v, %v", dense, err)
	}
	// Any outlet name goes into a query as a string, whatever it holds.
	odd := "The \"Harbour\" \\ Gazette \U0001F5DE\u2028\U000E0001"
	if err := c.Put(ctx, v2, []weaviate.Chunk{{ID: "e#0", DocID: "e", Source: odd,
		Terms: retrieval.Terms("Councillors approve the harbour budget."), Text: "Councillors approve the harbour budget."}}); err != nil {
		t.Fatal(err)
	}
	if got := lex(weaviate.Filter{Sources: []string{odd}}); !slices.Equal(got, []string{"e"}) {
		t.Errorf("outlet %q: %v, want [e]", odd, got)
	}
	if err := c.DropClass(ctx, v1); err != nil {
		t.Fatal(err)
	}
	if err := c.DropClass(ctx, v1); err != nil {
		t.Errorf("dropping a missing class: %v", err)
	}
	if err := c.CreateClass(ctx, "lower", weaviate.ClassOptions{}); err == nil {
		t.Error("a class name Weaviate would refuse was sent")
	}
}
