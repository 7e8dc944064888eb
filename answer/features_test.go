package answer

import (
	"slices"
	"testing"
	"testing/fstest"

	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/memory"
)

// A sentence giving another measure than the one asked (a round raised
// for a valuation, a president for a CEO) is marked as such; one giving
// the measure asked, or a question asking none, is not.
func TestOtherMeasureFeature(t *testing.T) {
	ix := indexFS(t, fstest.MapFS{
		"poolside.md": {Data: []byte("---\ntitle: Poolside\n---\nPoolside, a coding startup, raised a $126 million seed round.\n\n" +
			"Check Point President Rupal Shah Hollenbeck spoke this week.\n")},
		"rates.md": {Data: []byte("---\ntitle: Rates\n---\nThe central bank kept interest rates on hold.\n")},
	})
	e := New(memory.New(ix).Searcher(), retrieval.SearchOptions{K: 5, DenseWeight: -1})
	at := slices.Index(sentenceFeatureNames, "other_measure")
	feature := func(question, sentence string) float64 {
		t.Helper()
		ex, err := e.Example(t.Context(), Request{Question: question})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range ex.Sentences {
			if s.Text == sentence {
				return s.Features[at]
			}
		}
		t.Fatalf("%q: no candidate %q among %d", question, sentence, len(ex.Sentences))
		return 0
	}
	raised := "Poolside, a coding startup, raised a $126 million seed round."
	president := "Check Point President Rupal Shah Hollenbeck spoke this week."
	for _, tt := range []struct {
		question, sentence string
		want               float64
	}{
		{"what's poolside valued at", raised, 1},
		{"how much did poolside raise", raised, 0},
		{"how much money does poolside have", raised, 0},
		{"who's check point's ceo", president, 1},
		{"who's check point's president", president, 0},
	} {
		if got := feature(tt.question, tt.sentence); got != tt.want {
			t.Errorf("%q, %q: other_measure %v, want %v", tt.question, tt.sentence, got, tt.want)
		}
	}
}
