package eval

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func TestNormalize(t *testing.T) {
	if got := Normalize("It’s  “Normal”\n— practice"); got != `it's"normal"-practice` {
		t.Errorf("Normalize = %q", got)
	}
}

func TestRunScores(t *testing.T) {
	qs := []Question{
		{ID: "1", Question: "q1", Answer: "Page", Type: "factoid", Evidence: []Evidence{{Quote: "Page denied it"}, {Quote: "second quote"}}},
		{ID: "2", Question: "q2", Answer: "Yes", Type: "comparison", Evidence: []Evidence{{Quote: "never found"}}},
		{ID: "3", Question: "q3", Type: "unanswerable"},
		{ID: "4", Question: "q4", Type: "unanswerable"},
	}
	outcomes := map[string]Outcome{
		"q1": {Passages: []string{"nothing here", "x", "y", "z", "and then  page DENIED it, and the second   quote"}},
		"q2": {Passages: []string{"abc"}, Abstained: true},
		"q3": {Abstained: true},
		"q4": {Passages: []string{"something"}},
	}
	rep, err := Run(context.Background(), qs, 5, func(_ context.Context, q string) (Outcome, error) { return outcomes[q], nil })
	if err != nil {
		t.Fatal(err)
	}
	f := rep.Figures
	checks := map[string][2]float64{
		"hit_at_1":        {f.HitAt1, 0},
		"hit_at_4":        {f.HitAt4, 0},
		"hit_at_k":        {f.HitAtK, 0.5},
		"mrr":             {f.MRR, 0.1},
		"evidence_recall": {f.EvidenceRecall, 0.5},
		"all_evidence":    {f.AllEvidence, 0.5},
		"answer_in":       {f.AnswerInPassages, 1},
		"abstain_correct": {f.AbstainCorrect, 0.5},
		"false_abstain":   {f.FalseAbstain, 0.5},
	}
	for name, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s = %v, want %v", name, c[0], c[1])
		}
	}
	if rep.ByType["factoid"].HitAtK != 1 || rep.ByType["comparison"].HitAtK != 0 {
		t.Errorf("by type: %+v %+v", rep.ByType["factoid"], rep.ByType["comparison"])
	}
	if len(rep.Misses) != 2 {
		t.Errorf("misses %+v", rep.Misses)
	}
}

func TestReadQuestionsErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte(`{"id":"1","question":"q"}`+"\n{oops\n"), 0o644)
	if _, err := ReadQuestions(bad); err == nil {
		t.Error("malformed line accepted")
	}
	if _, err := ReadQuestions(filepath.Join(dir, "missing.jsonl")); err == nil {
		t.Error("missing file accepted")
	}
}

func TestRunScoresGeneratedAnswers(t *testing.T) {
	qs := []Question{
		{ID: "1", Question: "q1", Answer: "Carter Page", Type: "factoid", Evidence: []Evidence{{Quote: "x"}}},
		{ID: "2", Question: "q2", Answer: "Yes", Type: "comparison", Evidence: []Evidence{{Quote: "y"}}},
		{ID: "3", Question: "q3", Answer: "No", Type: "comparison", Evidence: []Evidence{{Quote: "z"}}},
	}
	outcomes := map[string]Outcome{
		"q1": {Generated: true, Answer: "It was carter page [1].", Markers: 2, ValidMarkers: 1, Quotes: 1, Verified: 1},
		"q2": {Generated: true, Answer: "Yes, both outlets agree [1][2].", Markers: 2, ValidMarkers: 2},
		"q3": {Generated: true, Answer: "Yes, and no [1].", Markers: 1, ValidMarkers: 1, Quotes: 1, FellBack: true},
	}
	rep, err := Run(context.Background(), qs, 5, func(_ context.Context, q string) (Outcome, error) { return outcomes[q], nil })
	if err != nil {
		t.Fatal(err)
	}
	if *rep.CitationsValid != 0.8 || *rep.QuotesVerified != 0.5 || *rep.Fallbacks != 1 {
		t.Errorf("citations %v quotes %v fallbacks %v", *rep.CitationsValid, *rep.QuotesVerified, *rep.Fallbacks)
	}
	if am := *rep.AnswerMatch; am < 0.66 || am > 0.67 {
		t.Errorf("answer_match = %v, want 2/3 (a yes/no answer must open the reply)", am)
	}
	if len(rep.Answers) != 3 || rep.Answers[0].Answer != "It was carter page [1]." {
		t.Errorf("answers %+v", rep.Answers)
	}
}
