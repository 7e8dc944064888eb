package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/corpus"
)

// A document ID with control characters is shown escaped on the terminal.
func TestSourceLineEscapesDocID(t *testing.T) {
	line := sourceLine(answer.Source{Title: "T", Paragraph: 2, DocID: "red\x1b[31m.txt"})
	if strings.Contains(line, "\x1b") || !strings.Contains(line, `"red\x1b[31m.txt"`) {
		t.Errorf("source line %q", line)
	}
}

// hostileArchive is a JSONL archive whose text, title, source and byline
// carry terminal escape sequences (clear screen, a window title, a C1
// CSI) and a bidirectional override.
const hostileArchive = `{"id":"wire-1","title":"Harbour \u001b]0;pwned\u0007report","source":"The \u202eTribune","byline":"Jo \u001b[2JPrice","published":"2026-11-02","text":"The harbour authority fined the dredging company \u001b[2J\u001b[31m40,000 dollars\u009b0m for dumping silt in the bay.\n\nOfficials said the fine was the largest this year."}` + "\n"

// What a document says reaches the terminal without its control and
// bidirectional characters, in the answer and its sources, while the
// document keeps them (quotes are checked against the stored text).
func TestAskCleansDocumentTextForTheTerminal(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "wire.jsonl"), []byte(hostileArchive), 0o644)
	out, _, err := runBot(t, map[string]string{"BOT_CORPUS": dir}, "", "ask", "How much was the dredging company fined for dumping silt?")
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"\x1b", "\x07", "\u009b", "\u202e"} {
		if strings.Contains(out, bad) {
			t.Errorf("the answer holds %q:\n%q", bad, out)
		}
	}
	for _, want := range []string{"fined the dredging company [2J[31m40,000 dollars0m for dumping silt", "The Tribune (Jo [2JPrice)", `"Harbour ]0;pwnedreport"`} {
		if !strings.Contains(out, want) {
			t.Errorf("the answer lacks %q:\n%s", want, out)
		}
	}
	// The stored document is as written.
	res, err := corpus.Load(t.Context(), dir, corpus.Options{})
	if err != nil || len(res.Documents) != 1 || !strings.Contains(res.Documents[0].Text, "\x1b[2J\x1b[31m40,000") || !strings.Contains(res.Documents[0].Source, "\u202e") {
		t.Errorf("the stored document was changed: %v %+v", err, res)
	}
}

// A desk result (bot check) is cleaned the same way.
func TestCheckCleansDocumentTextForTheTerminal(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "wire.jsonl"), []byte(hostileArchive), 0o644)
	out, _, err := runBot(t, map[string]string{"BOT_CORPUS": dir}, "", "check", "The harbour authority fined the dredging company 40,000 dollars")
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(out, "\x1b\x07\u009b\u202e") || !strings.Contains(out, "Tribune") {
		t.Errorf("bot check shows:\n%q", out)
	}
}
