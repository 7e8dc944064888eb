package slackbot

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/library"
)

// File names with control characters reach Slack escaped: in a
// citation's document ID, in a reload's lists and its skipped files.
func TestFileNamesShownEscaped(t *testing.T) {
	const evil = "desk/red\x1b[31m\nline.txt"
	a := &answer.Answer{Kind: answer.Extractive, Sentences: []answer.Sentence{{Text: "“Quoted.”", Cites: []int{1}}},
		Sources: []answer.Source{{N: 1, Title: "T", Paragraph: 1, Quote: "Quoted.", DocID: evil}}}
	raw, err := json.Marshal(answerBlocks(a, view{}))
	if err != nil {
		t.Fatal(err)
	}
	rep := &library.Report{Changes: corpus.Changes{Added: []string{evil}}, Skipped: []corpus.Skipped{{Path: evil, Reason: "binary content, not text"}}}
	for what, text := range map[string]string{"citation": blockTexts(t, string(raw)), "reload summary": reloadSummary(rep)} {
		t.Run(what, func(t *testing.T) {
			if strings.Contains(text, "\x1b") || strings.Contains(text, "red\x1b[31m\n") {
				t.Errorf("raw control characters: %q", text)
			}
			if !strings.Contains(text, `red\x1b[31m\nline.txt`) {
				t.Errorf("the name is not shown escaped: %q", text)
			}
		})
	}
}
