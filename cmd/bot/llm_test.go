package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/newsroom/askbot/internal/testutil/fakeopenai"
)

// newModelServer is an OpenAI-compatible chat endpoint that answers every
// question by quoting six words of passage 1, with a citation.
func newModelServer(t *testing.T) *fakeopenai.Server {
	t.Helper()
	return fakeopenai.New(t, fakeopenai.Func(func(r fakeopenai.Request) string {
		// Quote the first six words of the passage that hold no quotation marks.
		var run []string
		for _, w := range strings.Fields(r.Passages()[1]) {
			if strings.ContainsAny(w, "\"“”'’") {
				run = run[:0]
				continue
			}
			if run = append(run, w); len(run) == 6 {
				break
			}
		}
		return fmt.Sprintf("The documents say: “%s” [1].", strings.Join(run, " "))
	}))
}

func TestAskWithModel(t *testing.T) {
	srv := newModelServer(t)
	env := map[string]string{"BOT_LLM_BASE_URL": srv.URL + "/v1", "BOT_LLM_MODEL": "test-model", "BOT_LLM_API_KEY": "sk-never-shown"}
	out, errOut, err := runBot(t, env, "", "ask", "Who denied meeting Russian officials?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Answer written by test-model") || !strings.Contains(out, "[1]") || !strings.Contains(out, "Sources:") {
		t.Errorf("answer:\n%s", out)
	}
	if strings.Contains(out+errOut, "sk-never-shown") || strings.Contains(out, "\x1b") {
		t.Errorf("key or terminal codes in the output:\n%s\n%s", out, errOut)
	}

	// The model goes away: the reporter still gets the passages, labelled.
	srv.Close()
	out, _, err = runBot(t, env, "", "ask", "Who denied meeting Russian officials?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Model unavailable: showing the matching passages") || !strings.Contains(out, "just complete garbage") || !strings.Contains(out, "cannot be reached") {
		t.Errorf("fallback answer:\n%s", out)
	}
}

func TestEvalWithModel(t *testing.T) {
	srv := newModelServer(t)
	env := map[string]string{"BOT_LLM_BASE_URL": srv.URL + "/v1", "BOT_LLM_MODEL": "test-model"}
	out, _, err := runBot(t, env, "", "eval", "--questions", "testdata/seed-dev.qa.jsonl", "--json")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var got map[string]any
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &got); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"citations_valid", "quotes_verified", "answer_match", "fallbacks"} {
		if _, ok := got[key]; !ok {
			t.Errorf("JSON lacks %q: %s", key, lines[len(lines)-1])
		}
	}
	if got["citations_valid"] != 1.0 || got["quotes_verified"] != 1.0 || got["fallbacks"] != 0.0 {
		t.Errorf("citations_valid %v quotes_verified %v fallbacks %v", got["citations_valid"], got["quotes_verified"], got["fallbacks"])
	}
	text, _, err := runBot(t, env, "", "eval", "--questions", "testdata/seed-dev.qa.jsonl")
	if err != nil || !strings.Contains(text, "answer: The documents say:") {
		t.Errorf("text output lacks the answers: %v\n%s", err, text)
	}
}
