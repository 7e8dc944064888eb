package eval

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func TestRunDeskScoresEachType(t *testing.T) {
	path := filepath.Join(t.TempDir(), "desk.jsonl")
	set := `{"id":"c1","question":"X raised $5 million","answer":"contradicted","figure":"$4 million","evidence":[{"doc_id":"d","quote":"X raised $4 million."}],"type":"claim"}
{"id":"c2","question":"X raised $4 million","answer":"supported","evidence":[{"doc_id":"d","quote":"X raised $4 million."}],"type":"claim"}
{"id":"c3","question":"X bought Y","answer":"not_found","type":"claim"}
{"id":"q1","question":"Ann","speaker":"Ann","evidence":[{"doc_id":"d","quote":"We won."},{"doc_id":"d","quote":"We lost."}],"not_by":[{"doc_id":"d","quote":"They cheated."}],"type":"quotes"}
{"id":"t1","question":"the fight","events":[{"date":"2023-11-17","doc_id":"d","quote":"A happened."},{"date":"2023-11-20","doc_id":"d","quote":"B happened."},{"date":"2023-11-21","doc_id":"d","quote":"C happened."}],"other_story":[{"doc_id":"e","quote":"Other."}],"type":"timeline"}
{"id":"f1","question":"an ordinary question","answer":"yes","type":"factoid"}
`
	if err := os.WriteFile(path, []byte(set), 0o644); err != nil {
		t.Fatal(err)
	}
	qs, err := ReadDeskQuestions(path)
	if err != nil || len(qs) != 5 {
		t.Fatalf("%d desk questions, %v", len(qs), err)
	}
	outcomes := map[string]DeskOutcome{
		"c1": {Verdict: "contradicted", Headline: "Contradicted by [1]: the documents say $4 million", Lines: []string{"X raised $4 million."}},
		"c2": {Verdict: "contradicted", Headline: "Contradicted by [1]: the documents say $5 million", Lines: []string{"X raised $5 million."}},
		"c3": {Verdict: "not_found", Headline: "Not found"},
		"q1": {Lines: []string{"We won.", "They cheated.", "Unlabelled."}},
		"t1": {Lines: []string{"B happened.", "A happened.", "Other."}},
	}
	rep, err := RunDesk(context.Background(), qs, func(_ context.Context, q DeskQuestion) (DeskOutcome, error) { return outcomes[q.ID], nil })
	if err != nil {
		t.Fatal(err)
	}
	c := rep.Claims
	if c.Claims != 3 || c.Right["contradicted"] != 1 || c.Right["supported"] != 0 || c.Right["not_found"] != 1 || c.FigureShown != 1 || c.EvidenceShown != 1 || c.Wrong != 1 {
		t.Errorf("claims %+v", c)
	}
	q := rep.Quotes
	if q.Found != 1 || q.Judged != 2 || q.Right != 1 || q.Wrong != 1 || q.Precision != 0.5 || q.Recall != 0.5 {
		t.Errorf("quotes %+v", q)
	}
	tl := rep.Timeline
	if tl.Found != 2 || tl.Events != 3 || tl.OutOfOrder != 1 || tl.Distractors != 1 || tl.InOrder != 0 {
		t.Errorf("timeline %+v", tl)
	}
	if len(rep.Misses) != 3 {
		t.Errorf("misses %+v", rep.Misses)
	}
}
