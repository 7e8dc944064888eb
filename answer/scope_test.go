package answer

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/memory"
)

// TestRestrictedNameAnsweredAsAbsent checks that a name found only in a
// document the asker may not see changes nothing in the answer: whether it
// is known, its weight and the outlets are of the asker's scope.
func TestRestrictedNameAnsweredAsAbsent(t *testing.T) {
	open := "The city council met on Tuesday to discuss the budget for next year. " +
		"Councillor Maria Lopez said the budget would fund two new libraries and more bus routes. " +
		"The mayor, Jared Goff, told reporters the plan was affordable and would pass next week. " +
		"Critics said the budget left out road repairs and asked for a second vote in December."
	memo := "Internal memo. Pomfrey told the board the budget vote was rigged and the mayor knew. " +
		"Pomfrey asked that the memo stay private until the inquiry reports in the spring."
	ix := indexFS(t, fstest.MapFS{
		"council.txt":         {Data: []byte("Council debates the budget\n\n" + open)},
		"restricted/memo.txt": {Data: []byte("Board memo\n\n" + memo)},
	})
	ix.CollectionOf = func(d *corpus.Document) string {
		if strings.Contains(d.Path, "memo") {
			return "desk"
		}
		return ""
	}
	e := New(memory.New(ix).Searcher(), retrieval.SearchOptions{K: 5})
	public := []string{""} // the asker's scope: the documents outside every collection
	ask := func(q string) string {
		t.Helper()
		a, err := e.Ask(t.Context(), Request{Question: q, Collections: public})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range a.Sources {
			if strings.Contains(s.Passage, "Pomfrey") {
				t.Fatalf("%q cites the restricted memo: %s", q, a.Text())
			}
		}
		return a.Text()
	}
	for _, tt := range []struct{ restricted, absent string }{
		{"What did Pomfrey say about the budget?", "What did Pomfrax say about the budget?"},
		{"what did pomfrey say about the budget vote", "what did pomfrax say about the budget vote"},
		{"Did Jared Goff say the budget was affordable, and did Pomfrey tell the board about the vote, and what did critics ask for?",
			"Did Jared Goff say the budget was affordable, and did Pomfrax tell the board about the vote, and what did critics ask for?"},
	} {
		r, a := ask(tt.restricted), ask(tt.absent)
		r = strings.ReplaceAll(strings.ReplaceAll(r, "Pomfrey", "NAME"), "pomfrey", "NAME")
		a = strings.ReplaceAll(strings.ReplaceAll(a, "Pomfrax", "NAME"), "pomfrax", "NAME")
		if r != a {
			t.Errorf("a restricted name is told apart from an absent one:\nrestricted: %s\nabsent:     %s", r, a)
		}
	}
	// The footer's and status's count is the asker's too.
	st, err := e.Scope(t.Context(), Request{Collections: public})
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 1 {
		t.Errorf("scope counts %d documents, want 1 (the memo is restricted)", st.Documents)
	}
}
