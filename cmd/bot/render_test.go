package main

import (
	"strings"
	"testing"

	"github.com/newsroom/askbot/answer"
)

// A document ID with control characters is shown escaped on the terminal.
func TestSourceLineEscapesDocID(t *testing.T) {
	line := sourceLine(answer.Source{Title: "T", Paragraph: 2, DocID: "red\x1b[31m.txt"})
	if strings.Contains(line, "\x1b") || !strings.Contains(line, `"red\x1b[31m.txt"`) {
		t.Errorf("source line %q", line)
	}
}
