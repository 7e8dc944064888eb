// Package storetest is the contract every retrieval.Store passes: the
// same questions find the same passages as the in-process index built from
// the same documents, through updates, deletes, filters and versions.
package storetest

import (
	"context"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/memory"
	"github.com/newsroom/askbot/text"
)

// Store is a store under test.
type Store interface {
	retrieval.Store
	// Write makes docs the store's corpus, as a new version; collectionOf
	// names each document's collection.
	Write(ctx context.Context, docs []*corpus.Document) error
}

// Open returns an empty store that chunks with chunker, embeds with
// embedder and files documents in collections by collectionOf.
type Open func(t *testing.T, embedder retrieval.Embedder, chunker retrieval.Chunker, collectionOf func(*corpus.Document) string) Store

// CollectionOf files the fixture's documents: those under desk/ are the
// "desk" collection, the others are outside every collection.
func CollectionOf(d *corpus.Document) string {
	if strings.HasPrefix(d.Path, "desk/") {
		return "desk"
	}
	return ""
}

// Questions are the contract's questions: plain, naming outlets, naming a
// date, naming someone the corpus does not know, one the desk's
// restricted memo answers word for word, and one typed as in Slack.
var Questions = []string{
	"Who denied meeting Russian officials?",
	"What did The Verge report about the phone battery on October 7, 2023?",
	"Did TechCrunch and The Verge both write about the phone battery?",
	"Which startup raised money for batteries, according to TechCrunch?",
	"What did Angela Merkel say about the phone?",
	"What did the council decide about the harbour bridge tolls?",
	"Which memo described the merger talks with the regional paper?",
	"How many days does the phone battery last?",
	// A possessive typed without its apostrophe: known by its possessor.
	"how much money did voltaics investors raise",
}

// Docs are the fixture: a few articles the questions are about, a
// restricted memo, an embargoed and a withdrawn story, and a few hundred
// articles about other things, so that a question's candidates are a small
// part of the corpus.
func Docs(t testing.TB) []*corpus.Document {
	t.Helper()
	articles := []string{
		`{"id":"v1","title":"Phone review","source":"The Verge","published":"2023-10-07T10:00:00+00:00","text":"The phone battery lasts two days. The camera is sharp in daylight.\n\nThe reviewer praised the screen."}`,
		`{"id":"v2","title":"Phone launch","source":"The Verge","published":"2023-10-02T10:00:00+00:00","text":"The phone battery was announced at the launch. Prices start at 799 dollars."}`,
		`{"id":"t1","title":"Startup funding","source":"TechCrunch","published":"2023-10-07T10:00:00+00:00","text":"A battery startup called Voltaic raised money from investors. The phone maker was not involved."}`,
		`{"id":"a1","title":"Weekend sport","source":"The Age","published":"2023-10-08T10:00:00+00:00","text":"The phone battery phone battery phone battery story of the season."}`,
		`{"id":"r1","title":"Officials deny contacts","source":"Times of Israel","published":"2017-01-10T10:00:00+00:00","text":"The spokesman denied meeting Russian officials during the campaign. He said no contacts took place.\n\nOpposition leaders asked for an inquiry."}`,
		`{"id":"c1","title":"Council vote","source":"Harbour Herald","published":"2024-03-01T10:00:00+00:00","text":"The council decided to scrap the harbour bridge tolls from April. Drivers will save four pounds a day."}`,
		`{"id":"e1","title":"Bridge tolls embargoed","source":"Harbour Herald","published":"2024-03-02T10:00:00+00:00","embargo":"2099-01-01T00:00:00Z","text":"The council secretly decided to double the harbour bridge tolls next year."}`,
		`{"id":"u1","title":"Phone note","source":"The Verge","text":"A note on the phone battery, with no date."}`,
		`{"id":"w1","title":"Retracted bridge story","source":"Harbour Herald","published":"2024-02-28T10:00:00+00:00","withdrawn":true,"text":"The council decided to sell the harbour bridge and its tolls to a private firm."}`,
	}
	memo := `{"id":"m1","title":"Merger memo","source":"Internal","published":"2024-05-01T10:00:00+00:00","text":"This memo described the merger talks with the regional paper. The board meets on Friday."}` + "\n" +
		`{"id":"m2","title":"Interview notes","source":"Vorlaxian Tribune","published":"2024-05-02T10:00:00+00:00","text":"Pelagia Strunkvold told the Vorlaxian Tribune that the harbour bridge deal was rigged."}`
	rng := rand.New(rand.NewPCG(1, 2))
	topics := [][]string{
		{"election", "ballot", "candidate", "voters", "campaign", "poll", "senate", "district"},
		{"market", "shares", "investors", "profit", "quarter", "earnings", "bank", "rates"},
		{"football", "league", "goal", "coach", "season", "striker", "match", "stadium"},
		{"climate", "flood", "rainfall", "drought", "emissions", "forest", "heatwave", "coast"},
		{"hospital", "doctors", "patients", "vaccine", "clinic", "nurses", "surgery", "ward"},
	}
	outlets := []string{"Daily Ledger", "Coast Courier", "Metro Wire", "The Evening Post"}
	var filler []string
	for i := range 300 {
		words := topics[i%len(topics)]
		var paras []string
		for range 2 + rng.IntN(3) {
			var sents []string
			for range 2 + rng.IntN(3) {
				n := 6 + rng.IntN(6)
				s := make([]string, n)
				for j := range s {
					s[j] = words[rng.IntN(len(words))]
				}
				sents = append(sents, strings.ToUpper(s[0][:1])+s[0][1:]+" "+strings.Join(s[1:], " ")+".")
			}
			paras = append(paras, strings.Join(sents, " "))
		}
		filler = append(filler, fmt.Sprintf(`{"id":"f%03d","title":"%s report %d","source":%q,"published":"2023-0%d-1%dT08:00:00+00:00","text":%q}`,
			i, strings.ToUpper(words[0][:1])+words[0][1:], i, outlets[i%len(outlets)], 1+i%9, i%10, strings.Join(paras, "\n\n")))
	}
	fsys := fstest.MapFS{
		"news.jsonl":            {Data: []byte(strings.Join(append(articles, filler...), "\n"))},
		"desk/restricted.jsonl": {Data: []byte(memo)},
	}
	res, err := corpus.LoadFS(context.Background(), fsys, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Skipped) > 0 {
		t.Fatalf("fixture skipped: %v", res.Skipped)
	}
	return res.Documents
}

// options are the searches the contract compares.
var options = retrieval.SearchOptions{K: 5}

// Hidden are pairs of questions an asker of the public documents must not
// tell apart: the first names what only a restricted, embargoed or
// withdrawn document says, the second the same words nowhere in the
// corpus (the words to swap, in order, follow).
var Hidden = []struct {
	Hidden, Absent string
	Words          [][2]string
}{
	{"What did Pelagia Strunkvold tell the Vorlaxian Tribune?", "What did Quilla Brankovar tell the Zentrovian Gazette?",
		[][2]string{{"Pelagia", "Quilla"}, {"Strunkvold", "Brankovar"}, {"Vorlaxian", "Zentrovian"}, {"Tribune", "Gazette"}}},
	{"Did the council secretly decide to double the tolls?", "Did the council quietly decide to double the tolls?",
		[][2]string{{"secretly", "quietly"}}},
	{"Did the council sell the harbour bridge to a private firm?", "Did the council sell the harbour bridge to a foreign firm?",
		[][2]string{{"private", "foreign"}}},
}

// Run runs the contract against the stores open makes: stores that
// return a question's candidates, which must be a small part of the
// corpus.
func Run(t *testing.T, open Open) { run(t, open, true) }

// RunInProcess runs the contract against a store that ranks every passage
// of its corpus in this process (package memory).
func RunInProcess(t *testing.T, open Open) { run(t, open, false) }

func run(t *testing.T, open Open, gathers bool) {
	embedder, err := retrieval.NewGloVeEmbedder()
	if err != nil {
		t.Fatal(err)
	}
	chunker := retrieval.DefaultChunker
	docs := Docs(t)
	store := open(t, embedder, chunker, CollectionOf)
	if err := store.Write(t.Context(), docs); err != nil {
		t.Fatalf("write: %v", err)
	}
	remote := retrieval.NewSearcher(store, embedder, chunker)
	same := func(t *testing.T, ref *retrieval.Index, remote *retrieval.Searcher, q string, f retrieval.Filter, opts retrieval.SearchOptions) *retrieval.Results {
		t.Helper()
		return same(t, ref, remote, q, f, opts, gathers)
	}
	reference := func(t *testing.T, docs []*corpus.Document) *retrieval.Index {
		t.Helper()
		ix, err := memory.Build(t.Context(), docs, embedder, memory.BuildOptions{Chunker: chunker})
		if err != nil {
			t.Fatal(err)
		}
		ix.CollectionOf = CollectionOf
		return ix
	}
	ref := reference(t, docs)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	citable := func(d *corpus.Document) bool { return d.Citable(now) }
	open_ := retrieval.Filter{Now: now, Collections: []string{""}}

	t.Run("SameQuestionsSamePassages", func(t *testing.T) {
		for _, q := range Questions {
			same(t, ref, remote, q, retrieval.Filter{Now: now}, retrieval.SearchOptions{K: options.K, Allow: citable})
		}
	})

	t.Run("Filters", func(t *testing.T) {
		allow := func(d *corpus.Document) bool { return citable(d) && CollectionOf(d) == "" }
		for _, q := range Questions {
			res := same(t, ref, remote, q, open_, retrieval.SearchOptions{K: options.K, Allow: allow})
			for _, h := range res.Hits {
				if !allow(h.Doc) {
					t.Errorf("%q: %s is restricted, embargoed or withdrawn, and was returned", q, h.Doc.ID)
				}
			}
		}
		v, err := store.Pin(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		terms := text.QueryTerms("phone battery")
		got, err := v.Lexical(t.Context(), terms, retrieval.Filter{Sources: []string{"TechCrunch"}}, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 {
			t.Fatal("no TechCrunch passage about the phone battery")
		}
		for _, c := range got {
			if d, ok := ref.Document(c.DocID); !ok || d.Source != "TechCrunch" {
				t.Errorf("source filter returned %s", c.DocID)
			}
		}
		embargoed, err := v.Lexical(t.Context(), text.QueryTerms("secretly double tolls"), retrieval.Filter{Now: now}, 10)
		if err != nil {
			t.Fatal(err)
		}
		later, err := v.Lexical(t.Context(), text.QueryTerms("secretly double tolls"), retrieval.Filter{Now: time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)}, 10)
		if err != nil {
			t.Fatal(err)
		}
		if docsOf(embargoed)["e1"] || !docsOf(later)["e1"] {
			t.Errorf("embargo: before %v, after %v", docsOf(embargoed), docsOf(later))
		}
		if docsOf(later)["w1"] {
			t.Error("a withdrawn story was returned")
		}
		// Publication dates: [From, To), undated documents left out; the
		// same documents as the in-process index's.
		day := func(d int) time.Time { return time.Date(2023, 10, d, 0, 0, 0, 0, time.UTC) }
		if undated, err := v.Lexical(t.Context(), terms, retrieval.Filter{}, 10); err != nil || !docsOf(undated)["u1"] {
			t.Fatalf("the undated note is not found without dates: %v", err)
		}
		for _, tt := range []struct {
			name string
			f    retrieval.Filter
			want []string
		}{
			{"a week", retrieval.Filter{From: day(5), To: day(8)}, []string{"t1", "v1"}},
			{"from", retrieval.Filter{From: day(5)}, []string{"a1", "t1", "v1"}},
			{"to", retrieval.Filter{To: day(3)}, []string{"v2"}},
		} {
			got, err := v.Lexical(t.Context(), terms, tt.f, 10)
			if err != nil {
				t.Fatal(err)
			}
			wantRef, _ := ref.Lexical(t.Context(), terms, tt.f, 10)
			ids, refIDs := slices.Sorted(maps.Keys(docsOf(got))), slices.Sorted(maps.Keys(docsOf(wantRef)))
			if !slices.Equal(ids, tt.want) || !slices.Equal(refIDs, tt.want) {
				t.Errorf("%s: store %v, in-process %v, want %v", tt.name, ids, refIDs, tt.want)
			}
		}
	})

	// The asker's scope, alone, keeps out what it hides: each of the
	// store's answers under the public's scope leaves out the desk's
	// memos and the embargoed story (the withdrawn one is never returned:
	// see Filters), which the same asks
	// find under a scope that lets them in. The in-process index is the
	// reference of the other subtests, so this one states what a scope
	// hides rather than comparing with it: a store (the in-process one
	// too) that ignores a part of the Filter fails here.
	t.Run("ScopeKeepsOutWhatItHides", func(t *testing.T) {
		v, err := store.Pin(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		later := time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
		desk := retrieval.Filter{Now: now, Collections: []string{"", "desk"}}
		for _, tt := range []struct {
			words  string
			hidden string
			from   retrieval.Filter // a scope that lets the document in
		}{
			{"merger memo regional paper board", "m1", desk},
			{"Pelagia Strunkvold Vorlaxian Tribune rigged", "m2", desk},
			{"secretly double harbour bridge tolls", "e1", retrieval.Filter{Now: later}},
		} {
			terms := text.QueryTerms(tt.words)
			vecs, err := embedder.Embed(t.Context(), []string{tt.words})
			if err != nil {
				t.Fatal(err)
			}
			const all = 1000 // more than the fixture's chunks: every one that passes
			for _, ask := range []struct {
				name string
				do   func(f retrieval.Filter) ([]retrieval.Candidate, error)
			}{
				{"lexical", func(f retrieval.Filter) ([]retrieval.Candidate, error) { return v.Lexical(t.Context(), terms, f, all) }},
				{"dense", func(f retrieval.Filter) ([]retrieval.Candidate, error) { return v.Dense(t.Context(), vecs[0], f, all) }},
			} {
				hid, err := ask.do(open_)
				if err != nil {
					t.Fatal(err)
				}
				let, err := ask.do(tt.from)
				if err != nil {
					t.Fatal(err)
				}
				if docsOf(hid)[tt.hidden] || !docsOf(let)[tt.hidden] {
					t.Errorf("%s %q: %s under the public's scope %v, under %+v %v; want left out, then found", ask.name, tt.words, tt.hidden, docsOf(hid)[tt.hidden], tt.from, docsOf(let)[tt.hidden])
				}
			}
			for _, term := range terms {
				hid, err := v.Frequencies(t.Context(), []string{term}, open_)
				if err != nil {
					t.Fatal(err)
				}
				let, err := v.Frequencies(t.Context(), []string{term}, tt.from)
				if err != nil {
					t.Fatal(err)
				}
				if hid.Body[term] > let.Body[term] || hid.Documents >= let.Documents {
					t.Errorf("frequencies of %s: %d chunks of %d documents under the public's scope, %d of %d under %+v; the scope counts what it hides",
						term, hid.Body[term], hid.Documents, let.Body[term], let.Documents, tt.from)
				}
			}
		}
		if n, err := v.Frequencies(t.Context(), text.QueryTerms("Strunkvold"), open_); err != nil || n.Body[text.Term("strunkvold")] != 0 || n.Meta[text.Term("vorlaxian")] != 0 {
			t.Errorf("the public counts the desk's words: %+v, %v", n, err)
		}
		pub, err := v.Scope(t.Context(), open_)
		if err != nil {
			t.Fatal(err)
		}
		all, err := v.Scope(t.Context(), desk)
		if err != nil {
			t.Fatal(err)
		}
		if pub.Documents != all.Documents-2 {
			t.Errorf("the public's scope counts %d documents, the desk's %d: want the desk's two memos apart", pub.Documents, all.Documents)
		}
		// Which documents a scope keeps (whether an answer may be shared
		// in a channel): by the same rule.
		ids := []string{"v1", "m1", "e1", "w1", "no-such-document"}
		for _, tt := range []struct {
			f    retrieval.Filter
			want []string
		}{
			{open_, []string{"v1"}},
			{desk, []string{"m1", "v1"}},
			{retrieval.Filter{Now: later, Collections: []string{""}}, []string{"e1", "v1"}},
			{retrieval.Filter{}, []string{"e1", "m1", "v1"}},
		} {
			kept, err := v.Keeps(t.Context(), tt.f, ids)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for id, ok := range kept {
				if ok {
					got = append(got, id)
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("%+v keeps %v, want %v", tt.f, got, tt.want)
			}
		}
		// A search with the scope alone (no Allow) leaves the memos out.
		for _, q := range []string{"Which memo described the merger talks with the regional paper?", "What did Pelagia Strunkvold tell the Vorlaxian Tribune?"} {
			_, res, err := remote.Search(t.Context(), q, open_, retrieval.SearchOptions{K: options.K})
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range res.Hits {
				if CollectionOf(h.Doc) != "" {
					t.Errorf("%q: the desk's %s was returned under the public's scope", q, h.Doc.ID)
				}
			}
		}
	})

	// What only a restricted, embargoed or withdrawn document says reads,
	// to an asker of the public documents, as what no document says: the
	// same verdict, passages and scores (dense search aside: the swapped
	// words embed differently).
	t.Run("HiddenReadsAsAbsent", func(t *testing.T) {
		allow := func(d *corpus.Document) bool { return citable(d) && CollectionOf(d) == "" }
		opts := retrieval.SearchOptions{K: options.K, Allow: allow, DenseWeight: -1}
		for _, tt := range Hidden {
			hidden := same(t, ref, remote, tt.Hidden, open_, opts)
			absent := same(t, ref, remote, tt.Absent, open_, opts)
			h, a := describe(hidden), describe(absent)
			for _, w := range tt.Words {
				h = strings.ReplaceAll(h, w[0], "WORD")
				a = strings.ReplaceAll(a, w[1], "WORD")
			}
			if h != a {
				t.Errorf("%q is told apart from %q:\nhidden %s\nabsent %s", tt.Hidden, tt.Absent, h, a)
			}
		}
	})

	t.Run("Frequencies", func(t *testing.T) {
		v, err := store.Pin(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		terms := text.QueryTerms("phone battery harbour Verge merger nowhere-word-xyz football Strunkvold Vorlaxian secretly private")
		for _, f := range scopes(now) {
			sameFrequencies(t, fmt.Sprintf("frequencies %+v", f), v, ref, terms, f)
			outlets, err := v.Outlets(t.Context(), f)
			if err != nil {
				t.Fatal(err)
			}
			wantOutlets, _ := ref.Outlets(t.Context(), f)
			if !slices.Equal(outlets, wantOutlets) {
				t.Errorf("outlets %+v: %v, want %v", f, outlets, wantOutlets)
			}
		}
		if outlets, _ := v.Outlets(t.Context(), open_); slices.Contains(outlets, "Vorlaxian Tribune") {
			t.Errorf("a restricted outlet is an outlet to the public: %v", outlets)
		}
		sameStats(t, v, ref, now)
		sameScopes(t, v, ref, now)
	})

	// Updates and deletes: a new version with one story rewritten, one
	// removed and one added answers as an index built from it.
	t.Run("UpdatesDeletesVersions", func(t *testing.T) {
		before, err := store.Pin(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		var next []*corpus.Document
		for _, d := range docs {
			switch d.ID {
			case "v1":
				c := *d
				c.Text = "The phone battery lasts three days after the update. The camera is sharp at night."
				c.Paragraphs = []corpus.Span{{Start: 0, End: len(c.Text)}}
				next = append(next, &c)
			case "c1":
				// deleted
			default:
				next = append(next, d)
			}
		}
		added := &corpus.Document{ID: "n1", Path: "news.jsonl", Title: "Ferry strike", Source: "Harbour Herald", Published: "2024-03-05T10:00:00Z",
			Text: "The ferry crews walked out over pay on Tuesday morning."}
		added.Paragraphs = []corpus.Span{{Start: 0, End: len(added.Text)}}
		next = append(next, added)
		if err := store.Write(t.Context(), next); err != nil {
			t.Fatalf("write the next version: %v", err)
		}
		after, err := store.Pin(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if after.ID() == before.ID() {
			t.Fatalf("the version did not change: %s", after.ID())
		}
		ref2 := reference(t, next)
		for _, q := range append(slices.Clone(Questions), "Why did the ferry crews walk out?", "How long does the phone battery last after the update?") {
			same(t, ref2, remote, q, retrieval.Filter{Now: now}, retrieval.SearchOptions{K: options.K, Allow: citable})
		}
		terms := text.QueryTerms("harbour bridge tolls scrap")
		gone, err := after.Lexical(t.Context(), terms, retrieval.Filter{}, 20)
		if err != nil {
			t.Fatal(err)
		}
		if docsOf(gone)["c1"] {
			t.Error("a deleted story is still returned")
		}
		// A question that pinned the earlier version still sees it whole.
		old, err := before.Lexical(t.Context(), terms, retrieval.Filter{}, 20)
		if err != nil {
			t.Fatal(err)
		}
		if !docsOf(old)["c1"] {
			t.Error("the version pinned before the write lost a story")
		}
		oldDocs, err := before.DocumentsByID(t.Context(), []string{"v1"}, true)
		if err != nil {
			t.Fatal(err)
		}
		if d := oldDocs["v1"]; d == nil || !strings.Contains(d.Text, "two days") {
			t.Errorf("the pinned version's v1 is %v", d)
		}
		sameFrequencies(t, "frequencies after the update", after, ref2, terms, retrieval.Filter{})
		sameFrequencies(t, "public frequencies after the update", after, ref2, terms, open_)
		sameStats(t, after, ref2, now)
		sameScopes(t, after, ref2, now)

		// A write that changes only a restricted document changes the
		// version an asker of the desk sees, not the public's.
		public, err := after.Scope(t.Context(), open_)
		if err != nil {
			t.Fatal(err)
		}
		desk := retrieval.Filter{Now: now, Collections: []string{"", "desk"}}
		deskBefore, err := after.Scope(t.Context(), desk)
		if err != nil {
			t.Fatal(err)
		}
		var third []*corpus.Document
		for _, d := range next {
			if d.ID == "m1" {
				c := *d
				c.Text = "This memo described the merger talks with the regional paper. The board meets on Monday."
				c.Paragraphs = []corpus.Span{{Start: 0, End: len(c.Text)}}
				d = &c
			}
			third = append(third, d)
		}
		if err := store.Write(t.Context(), third); err != nil {
			t.Fatalf("write the memo's change: %v", err)
		}
		latest, err := store.Pin(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		sameScopes(t, latest, reference(t, third), now)
		publicAfter, err := latest.Scope(t.Context(), open_)
		if err != nil {
			t.Fatal(err)
		}
		deskAfter, err := latest.Scope(t.Context(), desk)
		if err != nil {
			t.Fatal(err)
		}
		if publicAfter.Version != public.Version {
			t.Errorf("a change to a restricted memo shows to the public: version %s, then %s", public.Version, publicAfter.Version)
		}
		if deskAfter.Version == deskBefore.Version {
			t.Errorf("the desk's version did not change with its memo: %s", deskAfter.Version)
		}
	})
}

// scopes are the filters statistics are compared under: none, the
// public's now, the public's after every embargo, and the desk's now.
func scopes(now time.Time) []retrieval.Filter {
	return []retrieval.Filter{
		{},
		{Now: now},
		{Now: now, Collections: []string{""}},
		{Now: time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC), Collections: []string{""}},
		{Now: now, Collections: []string{"", "desk"}},
		{Now: now, Collections: []string{"desk"}},
	}
}

// sameScopes checks that v describes what each scope may see as ref
// does: the documents and passages it may quote, and those withdrawn and
// under embargo.
func sameScopes(t *testing.T, v retrieval.Version, ref *retrieval.Index, now time.Time) {
	t.Helper()
	for _, f := range scopes(now) {
		got, err := v.Scope(t.Context(), f)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := ref.Scope(t.Context(), f)
		wantEmbargoes := slices.SortedFunc(slices.Values(want.Embargoes), time.Time.Compare)
		if got.Documents != want.Documents || got.Chunks != want.Chunks || got.Withdrawn != want.Withdrawn ||
			!slices.EqualFunc(got.Embargoes, wantEmbargoes, time.Time.Equal) {
			t.Errorf("scope %+v: %d documents, %d passages, %d withdrawn, embargoes %v; want %d, %d, %d, %v", f,
				got.Documents, got.Chunks, got.Withdrawn, got.Embargoes, want.Documents, want.Chunks, want.Withdrawn, wantEmbargoes)
		}
	}
}

// sameFrequencies checks that v counts terms as ref does.
func sameFrequencies(t *testing.T, what string, v retrieval.Version, ref *retrieval.Index, terms []string, f retrieval.Filter) {
	t.Helper()
	got, err := v.Frequencies(t.Context(), terms, f)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := ref.Frequencies(t.Context(), terms, f)
	if fmt.Sprint(*got) != fmt.Sprint(*want) {
		t.Errorf("%s:\n got %+v\nwant %+v", what, *got, *want)
	}
}

// sameStats checks that v counts the documents, passages, withdrawn and
// embargoed documents that ref does: one of each in the fixture.
func sameStats(t *testing.T, v retrieval.Version, ref *retrieval.Index, now time.Time) {
	t.Helper()
	got, err := v.Describe(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	want := ref.Stats()
	wantEmbargoes := slices.SortedFunc(slices.Values(want.Embargoes), time.Time.Compare)
	if got.Documents != want.Documents || got.Chunks != want.Chunks || got.Withdrawn != want.Withdrawn ||
		!slices.EqualFunc(got.Embargoes, wantEmbargoes, time.Time.Equal) {
		t.Errorf("described as %d documents, %d passages, %d withdrawn, embargoes %v; want %d, %d, %d, %v",
			got.Documents, got.Chunks, got.Withdrawn, got.Embargoes, want.Documents, want.Chunks, want.Withdrawn, wantEmbargoes)
	}
	if got.Withdrawn != 1 || got.Embargoed(now) != 1 || got.Embargoed(time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)) != 0 {
		t.Errorf("%d withdrawn, %d under embargo now, want 1 and 1 (none in 2100)", got.Withdrawn, got.Embargoed(now))
	}
}

// same checks that the store's search of q gives the reference index's
// passages in its order, with its scores, and the same verdict.
func same(t *testing.T, ref *retrieval.Index, remote *retrieval.Searcher, q string, f retrieval.Filter, opts retrieval.SearchOptions, gathers bool) *retrieval.Results {
	t.Helper()
	want, err := ref.Search(t.Context(), q, opts)
	if err != nil {
		t.Fatal(err)
	}
	view, got, err := remote.Search(t.Context(), q, f, opts)
	if err != nil {
		t.Fatalf("%q: %v", q, err)
	}
	if w, g := describe(want), describe(got); w != g {
		t.Errorf("%q:\nin-process %s\nstore      %s", q, w, g)
	}
	if gathers && len(view.Chunks()) >= len(ref.Chunks()) {
		t.Errorf("%q: the store returned every chunk (%d) as candidates", q, len(view.Chunks()))
	}
	// Words weigh as in the in-process search's view: the statistics of
	// what the asker may see.
	for _, term := range want.Terms {
		if a, b := want.View.IDF(term), view.IDF(term); math.Abs(a-b) > 1e-9 {
			t.Errorf("%q: IDF(%s) %v in the store, %v in-process", q, term, b, a)
		}
	}
	return got
}

// describe prints what a reader of the results would see, with scores to
// four places (a remote store's cosines come back as float32).
func describe(r *retrieval.Results) string {
	s := fmt.Sprintf("answerable=%v coverage=%.4f missing=%v unknown=%v outlets=%v", r.Answerable, r.Coverage, r.MissingNames, r.UnknownNames, r.UnknownOutlets)
	for _, h := range r.Hits {
		s += fmt.Sprintf("\n  %s %.4f lex=%.4f dense=%.4f", h.Chunk.ID, h.Score, h.Lexical, h.Dense)
	}
	return s
}

func docsOf(cs []retrieval.Candidate) map[string]bool {
	out := map[string]bool{}
	for _, c := range cs {
		out[c.DocID] = true
	}
	return out
}
