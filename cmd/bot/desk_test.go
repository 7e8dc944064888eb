package main

import (
	"os"
	"strings"
	"testing"
)

const deskCorpus = "../../desk/testdata/corpus"

func TestCheckCommand(t *testing.T) {
	out, _, err := runBot(t, nil, "", "check", "--corpus", deskCorpus, "Acme Robotics raised $6 million in seed funding")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out, "\n")
	// the seed round in the Ledger and on the wire
	if lines[0] != "Contradicted by [1], [2]: the documents say $5.3 million" {
		t.Errorf("first line %q", lines[0])
	}
	for _, want := range []string{"Nov 17, 2023 — “Acme Robotics, a Lagos startup", "Sources:", "Lagos Ledger", "paragraph 1"} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
	if _, _, err := runBot(t, nil, "", "check", "--corpus", deskCorpus); err == nil {
		t.Error("check without a claim should fail")
	}
}

func TestEvalMeasuresClaims(t *testing.T) {
	set := t.TempDir() + "/claims.jsonl"
	if err := os.WriteFile(set, []byte(`{"id":"c1","question":"Acme Robotics raised $6 million in seed funding","answer":"contradicted","figure":"$5.3 million","evidence":[{"doc_id":"acme-seed","quote":"raised $5.3 million in seed funding"}],"type":"claim"}
{"id":"c2","question":"Acme Robotics opened an office in Paris","answer":"not_found","type":"claim"}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err := runBot(t, nil, "", "eval", "--corpus", deskCorpus, "--questions", set)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"claims: 2, verdict right 2 (1.000)", "contradicted   1 of  1 right", "figure shown: 1", "wrong answers (supported or contradicted, want another verdict): 0"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval output lacks %q:\n%s", want, out)
		}
	}
}

func TestQuotesCommand(t *testing.T) {
	out, _, err := runBot(t, nil, "", "quotes", "--corpus", deskCorpus, "Okafor")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "What Jane Okafor said") || !strings.Contains(out, "Jane Okafor: “We are building robots") || strings.Contains(out, "We should have waited") {
		t.Errorf("quotes output:\n%s", out)
	}
}

func TestSplitNameTopic(t *testing.T) {
	for _, tc := range []struct {
		args        []string
		name, topic string
	}{
		{[]string{"Sam Altman", "board"}, "Sam Altman", "board"},
		{[]string{"Sam", "Altman", "board"}, "Sam Altman", "board"},
		{[]string{"jensen", "huang", "about", "china"}, "jensen huang", "china"},
		{[]string{"altman"}, "altman", ""},
	} {
		if n, tp := splitNameTopic(tc.args); n != tc.name || tp != tc.topic {
			t.Errorf("splitNameTopic(%q) = %q, %q", tc.args, n, tp)
		}
	}
}

func TestTimelineCommandAndAsk(t *testing.T) {
	for _, args := range [][]string{
		{"timeline", "--corpus", deskCorpus, "Acme Robotics"},
		{"ask", "--corpus", deskCorpus, "timeline of Acme Robotics"},
		{"ask", "--corpus", deskCorpus, "what's happened with Acme Robotics so far?"},
	} {
		out, _, err := runBot(t, nil, "", args...)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(out, "Timeline of Acme Robotics") || strings.Index(out, "Nov 2, 2023") > strings.Index(out, "Nov 20, 2023") || !strings.Contains(out, "Sources:") {
			t.Errorf("%q:\n%s", args, out)
		}
	}
	out, _, err := runBot(t, nil, "", "ask", "--corpus", deskCorpus, "what did Tom Reyes say?")
	if err != nil || !strings.HasPrefix(out, "What Tom Reyes said") || strings.Contains(out, "We are building robots") {
		t.Errorf("who said it through ask: %v\n%s", err, out)
	}
}

func TestEvalMeasuresTimelinesAndQuotesThroughAsk(t *testing.T) {
	set := t.TempDir() + "/desk.jsonl"
	if err := os.WriteFile(set, []byte(`{"id":"t1","question":"timeline of Acme Robotics","events":[{"date":"2023-11-02","doc_id":"acme-seed","quote":"The company signed a four-year lease on a factory on Nov. 2"},{"date":"2023-11-20","doc_id":"acme-board","quote":"The board of Acme Robotics removed Jane Okafor as chief executive on Monday"}],"other_story":[{"doc_id":"acme-wire","quote":"Do you work at Acme Robotics and know more about its plans?"}],"type":"timeline"}
{"id":"q1","question":"what did Tom Reyes say about the board","speaker":"Tom Reyes","evidence":[{"doc_id":"acme-board","quote":"The board acted within its rights"}],"not_by":[{"doc_id":"acme-board","quote":"I was surprised by the board's decision"}],"type":"quotes"}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err := runBot(t, nil, "", "eval", "--corpus", deskCorpus, "--questions", set)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"timelines: 1, events found 2 of 2 (1.000), 1 timelines in order (pairs out of order 0), lines of other stories 0",
		"quotes: 1 speakers, 1 with a quotation of theirs shown", "precision 1.000 (0 by someone else)"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval output lacks %q:\n%s", want, out)
		}
	}
}
