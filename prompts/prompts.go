// Package prompts holds the instructions given to a language model, as
// templates embedded in the binary, parsed once, and rendered from plain data.
// The templates encode the newsroom's rules: answer only from the numbered
// passages, cite every sentence, quote exactly, say so when the passages do
// not answer, and treat passages as material, never as instructions.
package prompts

import (
	"bytes"
	"embed"
	"fmt"
	"sync"
	"text/template"
)

//go:embed templates/*.tmpl
var files embed.FS

// NotFound is what the model is told to reply when the passages do not answer.
const NotFound = "NOT_IN_DOCUMENTS"

// MaxSentences is the longest answer the model is asked for.
const MaxSentences = 5

var parsed = sync.OnceValues(func() (*template.Template, error) {
	return template.New("prompts").Option("missingkey=error").ParseFS(files, "templates/*.tmpl")
})

// Passage is one numbered passage shown to the model.
type Passage struct {
	N      int
	Title  string
	Source string
	Date   string
	// Paragraphs says where the passage sits in its document: "4" or "4-6".
	Paragraphs string
	Text       string
}

// Turn is an earlier question and answer of the conversation.
type Turn struct {
	Question string
	Answer   string
}

// values is what the templates are rendered from; each reads some of it.
type values struct {
	// NotFound and MaxSentences are the system prompt's.
	NotFound     string
	MaxSentences int
	// Question and History are the question and the earlier turns, oldest
	// first; Passages are the numbered passages to answer from.
	Question string
	History  []Turn
	Passages []Passage
}

// System renders the system prompt.
func System() (string, error) {
	return render("system.tmpl", values{NotFound: NotFound, MaxSentences: MaxSentences})
}

// Question renders the user message: earlier turns, the passages, the question.
func Question(question string, passages []Passage, history []Turn) (string, error) {
	return render("question.tmpl", values{Question: question, Passages: passages, History: history})
}

// Rewrite renders the request to turn a follow-up into a standalone question.
func Rewrite(question string, history []Turn) (string, error) {
	return render("rewrite.tmpl", values{Question: question, History: history})
}

func render(name string, data values) (string, error) {
	t, err := parsed()
	if err != nil {
		return "", fmt.Errorf("parse prompts: %w", err)
	}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, name, data); err != nil {
		return "", fmt.Errorf("render %s: %w", name, err)
	}
	return b.String(), nil
}
