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
		"q1": {Passages: []string{"nothing here", "x", "y", "z", "and then  page DENIED it, and the second   quote"}, Answer: "Page denied it", Sentences: []string{"Page denied it"}},
		"q2": {Passages: []string{"abc"}, Abstained: true},
		"q3": {Abstained: true},
		"q4": {Passages: []string{"something"}},
	}
	rep, err := Run(context.Background(), qs, 5, func(_ context.Context, q Question) (Outcome, error) { return outcomes[q.Question], nil })
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
	rep, err := Run(context.Background(), qs, 5, func(_ context.Context, q Question) (Outcome, error) { return outcomes[q.Question], nil })
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

func TestRunScoresAnswerText(t *testing.T) {
	qs := []Question{
		{ID: "1", Question: "q1", Answer: "Carter Page", Type: "inference", Evidence: []Evidence{{Quote: "Page denied  it"}}},
		{ID: "2", Question: "q2", Answer: "Yes", Type: "comparison", Evidence: []Evidence{{Quote: "they agreed"}}},
		{ID: "3", Question: "q3", Answer: "$14 billion", Type: "inference", Evidence: []Evidence{{Quote: "took $14 billion"}}},
		{ID: "4", Question: "q4", Type: "unanswerable"},
	}
	outcomes := map[string]Outcome{
		// The answer names Page and quotes the evidence sentence.
		"q1": {Passages: []string{"Page denied it."}, Answer: "“Carter Page denied it.” [1]", Sentences: []string{"Carter Page denied it."}},
		// Yes/no answers count for evidence only; the same sentence twice is a duplicate.
		"q2": {Passages: []string{"they agreed"}, Answer: "x", Sentences: []string{"They agreed.", "They  agreed."}},
		// The answer is only in the sources, not the text.
		"q3": {Passages: []string{"took $14 billion"}, Answer: "“Something else.” [1]", Sentences: []string{"Something else."}},
		"q4": {Abstained: true},
	}
	rep, err := Run(context.Background(), qs, 5, func(_ context.Context, q Question) (Outcome, error) { return outcomes[q.Question], nil })
	if err != nil {
		t.Fatal(err)
	}
	f := rep.Figures
	if f.AnswerShown != 0.5 {
		t.Errorf("answer_shown = %v, want 0.5 (1 of the 2 non-yes/no answers)", f.AnswerShown)
	}
	if want := 2.0 / 3; f.EvidenceShown != want {
		t.Errorf("evidence_shown = %v, want %v", f.EvidenceShown, want)
	}
	if f.DuplicateQuotes != 1 || f.Declined != 1 {
		t.Errorf("duplicate_quotes = %d, declined = %d, want 1 and 1", f.DuplicateQuotes, f.Declined)
	}
	if got := rep.ByType["inference"].AnswerShown; got != 0.5 {
		t.Errorf("inference answer_shown = %v", got)
	}
	if len(rep.Misses) != 1 || rep.Misses[0].ID != "3" || rep.Misses[0].Answer == "" {
		t.Errorf("misses = %+v, want question 3 with its answer", rep.Misses)
	}
}

func TestRunScoresShortAnswers(t *testing.T) {
	qs := []Question{
		{ID: "1", Question: "q1", Answer: "Dr. Richard Gray", Type: "reporter", Evidence: []Evidence{{Quote: "Gray"}}},
		{ID: "2", Question: "q2", Answer: "Jeff Vaughn", Type: "reporter", Evidence: []Evidence{{Quote: "Vaughn"}}},
		{ID: "3", Question: "q3", Answer: "Horace Luke", Type: "reporter", Evidence: []Evidence{{Quote: "Luke"}}},
		{ID: "4", Question: "q4", Type: "unanswerable"},
	}
	outcomes := map[string]Outcome{
		"q1": {Answer: "Richard Gray. x", Short: "Richard Gray"},
		"q2": {Answer: "Steve Barnett. y", Short: "Steve Barnett"},
		"q3": {Answer: "no short answer"},
		"q4": {Answer: "Someone", Short: "Someone"},
	}
	rep, err := Run(t.Context(), qs, 5, func(_ context.Context, q Question) (Outcome, error) { return outcomes[q.Question], nil })
	if err != nil {
		t.Fatal(err)
	}
	if rep.ShortAnswers != 3 || rep.ShortAnswerPrecision != 1.0/3 {
		t.Errorf("short answers %d, precision %v; want 3 and 1/3", rep.ShortAnswers, rep.ShortAnswerPrecision)
	}
	if got := rep.ByType["reporter"].ShortAnswerPrecision; got != 0.5 {
		t.Errorf("reporter precision %v, want 0.5", got)
	}
}

func TestShortMatches(t *testing.T) {
	for _, tt := range []struct {
		expected, short string
		want            bool
	}{
		{"Dr. Richard Gray", "Richard Gray", true},
		{"Dr. Richard Gray", "Dr. Richard Gray", true},
		{"Dr. Richard Gray", "Dr.", false},
		{"Horace Luke", "Bhavik Patel", false},
		{"Wullaert", "Tessa Wullaert", true},
		{"Alameda Research", "Alameda", true},
		{"Federal Reserve", "Fed", false},
		{"Australia's cricket team", "Australia", true},
		{"Dr. Richard Gray", "Gray", true},
	} {
		if got := shortMatches(tt.expected, tt.short); got != tt.want {
			t.Errorf("shortMatches(%q, %q) = %v, want %v", tt.expected, tt.short, got, tt.want)
		}
	}
}
