package eval

import (
	"slices"
	"testing"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/corpus"
)

func TestLabel(t *testing.T) {
	doc := &corpus.Document{ID: "d", Text: "Twitch has a new chief. Dan Clancy now runs Twitch, the company said. Clancy joined in 2019."}
	other := &corpus.Document{ID: "o", Text: "Dan Clancy spoke at a conference."}
	q := Question{Question: "who runs twitch now", Answer: "Dan Clancy", Type: "reporter",
		Evidence: []Evidence{{DocID: "d", Quote: "Dan Clancy now runs Twitch, the company said."}}}
	ex := &answer.Example{Sentences: []answer.ExampleSentence{
		{Text: "Dan Clancy now runs Twitch, the company said.", Doc: doc}, // the evidence
		{Text: "Twitch has a new chief.", Doc: doc},                       // its document, not the answer
		{Text: "Dan Clancy spoke at a conference.", Doc: other},           // the answer, in a document without the evidence
		{Text: "the company said.", Doc: doc},                             // a fragment of the evidence
	}}
	Label(q, ex)
	want := []bool{true, false, false, false}
	for i, s := range ex.Sentences {
		if s.Answers != want[i] {
			t.Errorf("%q labelled %v, want %v", s.Text, s.Answers, want[i])
		}
	}
	if !ex.Answerable {
		t.Error("an answerable question labelled unanswerable")
	}
	// An acceptable form in the evidence's document answers too.
	q.Any = []string{"Clancy"}
	ex.Sentences = append(ex.Sentences, answer.ExampleSentence{Text: "Clancy joined in 2019.", Doc: doc})
	Label(q, ex)
	if !ex.Sentences[4].Answers {
		t.Error("a sentence of the evidence's document giving an acceptable form is not labelled")
	}
	un := &answer.Example{Sentences: []answer.ExampleSentence{{Text: "Dan Clancy now runs Twitch, the company said.", Doc: doc}}}
	Label(Question{Type: "unanswerable"}, un)
	if un.Answerable || un.Sentences[0].Answers {
		t.Error("an unanswerable question's example labelled as answering")
	}
}

func TestFoldsSpreadEveryType(t *testing.T) {
	var qs []Question
	for i := range 10 {
		qs = append(qs, Question{Type: "reporter"})
		if i < 5 {
			qs = append(qs, Question{Type: "unanswerable"})
		}
	}
	for _, seed := range []uint64{0, 1, 7} {
		folds := Folds(qs, 5, seed)
		per := map[[2]any]int{}
		for i, q := range qs {
			per[[2]any{folds[i], q.Type}]++
		}
		for f := range 5 {
			if per[[2]any{f, "reporter"}] != 2 || per[[2]any{f, "unanswerable"}] != 1 {
				t.Errorf("seed %d, fold %d: %d answerable, %d unanswerable; want 2 and 1", seed, f, per[[2]any{f, "reporter"}], per[[2]any{f, "unanswerable"}])
			}
		}
	}
}

func TestFoldsSeedShuffles(t *testing.T) {
	var qs []Question
	for range 40 {
		qs = append(qs, Question{Type: "reporter"})
	}
	if !slices.Equal(Folds(qs, 5, 0), Folds(qs, 5, 0)) || !slices.Equal(Folds(qs, 5, 3), Folds(qs, 5, 3)) {
		t.Fatal("the same seed split the questions differently")
	}
	if slices.Equal(Folds(qs, 5, 0), Folds(qs, 5, 3)) {
		t.Error("seed 3 split the questions as seed 0 does: not shuffled")
	}
}
