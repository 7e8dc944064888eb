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
	raised := "Poolside, a coding startup, raised a $126 million seed round."
	president := "Check Point President Rupal Shah Hollenbeck spoke this week."
	checkFeature(t, ix, "other_measure", []featureCase{
		{"what's poolside valued at", raised, 1},
		{"how much did poolside raise", raised, 0},
		{"how much money does poolside have", raised, 0},
		{"who's check point's ceo", president, 1},
		{"who's check point's president", president, 0},
	})
}

// featureCase is a question, one of its candidate sentences and the value
// a feature should have for it.
type featureCase struct {
	question, sentence string
	want               float64
}

// checkFeature compares feature name of each case's sentence over ix.
func checkFeature(t *testing.T, ix *retrieval.Index, name string, cases []featureCase) {
	t.Helper()
	for _, tt := range cases {
		if got := exampleFeature(t, ix, name, tt.question, tt.sentence); got != tt.want {
			t.Errorf("%q, %q: %s %v, want %v", tt.question, tt.sentence, name, got, tt.want)
		}
	}
}

// exampleFeature returns feature name of sentence among question's
// candidates over ix.
func exampleFeature(t *testing.T, ix *retrieval.Index, name, question, sentence string) float64 {
	t.Helper()
	e := New(memory.New(ix).Searcher(), retrieval.SearchOptions{K: 5, DenseWeight: -1})
	ex, err := e.Example(t.Context(), Request{Question: question})
	if err != nil {
		t.Fatal(err)
	}
	at := slices.Index(sentenceFeatureNames, name)
	for _, s := range ex.Sentences {
		if s.Text == sentence {
			return s.Features[at]
		}
	}
	t.Fatalf("%q: no candidate %q among %d", question, sentence, len(ex.Sentences))
	return 0
}

// A sentence telling of what may yet happen is marked hedged for a
// question asking what did, not for one asking what is expected; a modal
// verb alone ("will") does not hedge.
func TestHedgedFeature(t *testing.T) {
	preview := "Potential Super Bowl preview: the Chiefs meet the Eagles."
	won := "The Chiefs won the Super Bowl in February."
	will := "The Chiefs will play the Super Bowl in February."
	ix := indexFS(t, fstest.MapFS{
		"a.md": {Data: []byte("---\ntitle: Football\n---\n" + preview + "\n\n" + won + "\n")},
		"b.md": {Data: []byte("---\ntitle: Again\n---\n" + will + "\n")},
	})
	checkFeature(t, ix, "hedged", []featureCase{
		{"who won the super bowl", preview, 1},
		{"who won the super bowl", won, 0},
		{"who won the super bowl", will, 0},
		{"who will win the super bowl", preview, 0},
		{"who is expected to win the super bowl", preview, 0},
	})
}

// A when question's sentence dating something to its month or hour is
// marked; one dated only by a relative day is not, and no sentence of a
// question of another kind is.
func TestCalendarDateFeature(t *testing.T) {
	onSale := "The Steam Deck OLED goes on sale on November 16th at 1pm ET."
	yesterday := "Apologies to anyone who bought a Steam Deck OLED yesterday."
	ix := indexFS(t, fstest.MapFS{
		"a.md": {Data: []byte("---\ntitle: Steam Deck OLED\n---\n" + onSale + "\n\n" + yesterday + "\n")},
		"b.md": {Data: []byte("---\ntitle: Rates\n---\nThe central bank kept interest rates on hold.\n")},
	})
	checkFeature(t, ix, "calendar_date", []featureCase{
		{"when does the steam deck oled go on sale", onSale, 1},
		{"when does the steam deck oled go on sale", yesterday, 0},
		{"who sells the steam deck oled", onSale, 0},
	})
}

// The subject of a question is its rarest word, a role only when nothing
// else is asked about: in "who's check point's ceo" the company.
func TestSubjectIsNoRole(t *testing.T) {
	ix := indexFS(t, fstest.MapFS{
		"a.md": {Data: []byte("---\ntitle: Check Point\n---\nCheck Point sales grew again this year.\n\nThe chief of the zoo is its CEO, Ann Lee.\n")},
		"b.md": {Data: []byte("---\ntitle: Points\n---\nThe team scored a point.\n\nHe had a check.\n\nA point and a check.\n")},
	})
	for _, tt := range []struct {
		terms []string
		want  string
	}{
		{[]string{"check", "point", "ceo"}, "check"},
		{[]string{"ceo"}, "ceo"},
		{[]string{"ceo", "zoo"}, "zoo"},
		{[]string{"unknownword", "ceo"}, "ceo"},
	} {
		if got := subjectOf(ix, tt.terms); got != tt.want {
			t.Errorf("subjectOf(%v) = %q, want %q", tt.terms, got, tt.want)
		}
	}
}

// A count of something else marks a sentence for a "how many" question
// only when no passage counts the thing asked as asked: the documents may
// name it in other words ("five STIs" for "infections").
func TestCountsOtherFeature(t *testing.T) {
	stis := "The home test checks for five STIs."
	fs := fstest.MapFS{
		"a.md": {Data: []byte("---\ntitle: Home test\n---\n" + stis + "\n")},
		"b.md": {Data: []byte("---\ntitle: Rates\n---\nThe central bank kept interest rates on hold.\n")},
	}
	if got := exampleFeature(t, indexFS(t, fs), "counts_other", "how many infections does the home test check for", stis); got != 1 {
		t.Errorf("no passage counts infections: counts_other %v, want 1", got)
	}
	fs["c.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Another home test\n---\nAnother home test checks for 3 infections.\n")}
	if got := exampleFeature(t, indexFS(t, fs), "counts_other", "how many infections does the home test check for", stis); got != 0 {
		t.Errorf("a passage counts infections: counts_other %v, want 0", got)
	}
}

// A name of two or more words counts as a person's wherever it stands: at
// the sentence's start when its first word is only a name ("Gary Wang,
// the co-founder …"), with a middle initial ("Judge John J. Walton"); not
// two capitalised words any sentence may open with ("Steam Deck …"), nor
// a name the question holds.
func TestPersonNameFeature(t *testing.T) {
	ix := indexFS(t, fstest.MapFS{
		"trial.md": {Data: []byte("---\ntitle: Trial\n---\nGary Wang, the co-founder of the exchange, testified on Thursday at the exchange trial.\n\n" +
			"The exchange trial heard that Steam Deck sales rose at the exchange.\n\n" +
			"At the exchange trial, Judge John J. Walton scheduled sentencing.\n\n" +
			"At the exchange trial, the witness Gary spoke.\n")},
	})
	wang := "Gary Wang, the co-founder of the exchange, testified on Thursday at the exchange trial."
	steam := "The exchange trial heard that Steam Deck sales rose at the exchange."
	walton := "At the exchange trial, Judge John J. Walton scheduled sentencing."
	gary := "At the exchange trial, the witness Gary spoke."
	checkFeature(t, ix, "person_name", []featureCase{
		{"who testified at the exchange trial", wang, 1},
		{"who did gary wang testify against at the exchange trial", wang, 0},
		{"who testified at the exchange trial", walton, 1},
		{"who testified at the exchange trial", steam, 1}, // two capitalised words inside a sentence
		{"who testified at the exchange trial", gary, 0},
	})
	for _, s := range []string{"Steam Deck sales rose.", "Apple Music grew."} {
		if n := namePhrases(s)[0]; opensWithName(n) {
			t.Errorf("opensWithName(%q) = true, want false: %q opens a sentence", n, s)
		}
	}
}

// A middle initial joins the name around it; a capital letter ending a
// sentence before a function word does not.
func TestNamePhrasesMiddleInitial(t *testing.T) {
	for s, want := range map[string][]string{
		"Judge John J. Walton scheduled sentencing.": {"John J. Walton"},
		"George W. Bush met Michael B. Jordan.":      {"George W. Bush", "Michael B. Jordan"},
		"It was funded by Plan B. The company grew.": {"Plan"},
		"It was funded by Plan B. Investors grew.":   {"Plan", "Investors"},
	} {
		if got := namePhrases(s); !slices.Equal(got, want) {
			t.Errorf("namePhrases(%q) = %q, want %q", s, got, want)
		}
	}
}
