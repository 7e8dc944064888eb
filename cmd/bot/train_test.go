package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/corpus"
)

// TestTrainOrderRunsTheScript: a fold's forest is trained by the script
// named, from the examples dumped for it, and read back; a failing script's
// words reach the error.
func TestTrainOrderRunsTheScript(t *testing.T) {
	dir := t.TempDir()
	names, err := json.Marshal(answer.SentenceFeatureNames())
	if err != nil {
		t.Fatal(err)
	}
	forest := `{"features":` + string(names) + `,"base":0.25,"trees":[],"trained":"by the test"}`
	if err := os.WriteFile(filepath.Join(dir, "forest.json"), []byte(forest), 0o644); err != nil {
		t.Fatal(err)
	}
	// The script keeps what it was given and writes the forest where told.
	script := filepath.Join(dir, "train.sh")
	body := "#!/bin/sh\ncp \"$1\" " + filepath.Join(dir, "given.jsonl") + " && [ \"$3\" = --note ] && cp " + filepath.Join(dir, "forest.json") + " \"$2\"\n"
	if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	ex := &answer.Example{Question: "who won", Answerable: true, Sentences: []answer.ExampleSentence{{Text: "A won.", Doc: &corpus.Document{ID: "d1"}, Features: make([]float64, len(answer.SentenceFeatureNames())), Answers: true}}}
	f, err := trainOrder(t.Context(), script, []*answer.Example{ex}, "fold 1 of 2")
	if err != nil {
		t.Fatal(err)
	}
	if f.Base != 0.25 || f.Trained != "by the test" {
		t.Errorf("forest read back as %+v", f)
	}
	given, err := os.ReadFile(filepath.Join(dir, "given.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(given)), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], `"sentence_features"`) || !strings.Contains(lines[1], `"who won"`) || !strings.Contains(lines[1], `"answers":true`) {
		t.Errorf("the script was given:\n%s", given)
	}

	failing := filepath.Join(dir, "fail.sh")
	if err := os.WriteFile(failing, []byte("#!/bin/sh\necho no xgboost here >&2\nexit 3\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := trainOrder(t.Context(), failing, []*answer.Example{ex}, "fold 1 of 2"); err == nil || !strings.Contains(err.Error(), "no xgboost here") {
		t.Errorf("a failing script: err %v", err)
	}
}
