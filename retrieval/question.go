package retrieval

import (
	"slices"
	"strings"
	"time"

	"github.com/newsroom/askbot/text"
)

// AnswerType is the kind of fact a question asks for, as the extractive
// answer tells them apart: the kinds of text's table (text.Kind), several
// read alike (every figure is AskNumber; reasons and quotations AskOther).
type AnswerType int

const (
	// AskOther is any question not recognised below ("what did X say").
	AskOther AnswerType = iota
	// AskWho asks for a person or organisation ("who", "which company").
	AskWho
	// AskWhen asks for a date or time.
	AskWhen
	// AskNumber asks for a number or amount ("how many", "how much", "what score").
	AskNumber
	// AskWhere asks for a place.
	AskWhere
	// AskYesNo asks a yes/no question ("did", "does", "is").
	AskYesNo
)

// answerTypes gives each kind of question its answer type.
var answerTypes = map[text.Kind]AnswerType{
	text.AskOther: AskOther, text.AskWho: AskWho, text.AskWhen: AskWhen, text.AskWhere: AskWhere,
	text.AskCount: AskNumber, text.AskMoney: AskNumber, text.AskQuantity: AskNumber,
	text.AskReason: AskOther, text.AskSaid: AskOther, text.AskYesNo: AskYesNo, text.AskHow: AskOther,
}

// String names the answer type.
func (t AnswerType) String() string {
	return [...]string{"other", "who", "when", "number", "where", "yes/no"}[t]
}

// Clause is an outlet the question names with the words around that
// mention, which usually say what its article says.
type Clause struct {
	Source string
	Text   string
}

// Question is a question read once: what ranking, declining and the
// extractive answer all need to know about it.
type Question struct {
	Text string
	// Terms are its distinct index terms, in order.
	Terms []string
	// Names are its capitalised words (people, places, outlets, titles).
	Names []string
	// Kind is the kind of fact it asks for (text's table), and Type the
	// same as the extractive answer tells kinds apart.
	Kind text.Kind
	Type AnswerType
	// Person is set when it asks who someone is ("who", "which individual").
	Person bool
	// Sources are the corpus's outlets it names, each once, in order.
	Sources []string
	// Clauses are its outlet mentions, each with the words around it.
	Clauses []Clause
	// Parts are the pieces it strings together (split at commas, " and ", …).
	Parts []string
	// Dates are the calendar dates it names.
	Dates []time.Time

	mentions []mention
}

// Parse reads a question against the index's outlets.
func (ix *Index) Parse(s string) *Question {
	kind := text.KindOf(s)
	q := &Question{
		Text:   s,
		Terms:  text.QueryTerms(s),
		Names:  text.Names(s),
		Kind:   kind,
		Type:   answerTypes[kind],
		Person: text.AsksPerson(s),
		Parts:  questionParts(s),
		Dates:  text.ParseDates(s),
	}
	q.mentions = ix.mentions(s)
	q.Sources = sourcesOf(q.mentions)
	for i, c := range clauses(s, q.mentions) {
		q.Clauses = append(q.Clauses, Clause{Source: q.mentions[i].source, Text: c})
	}
	return q
}

// AsksMoney reports whether the question asks for an amount of money
// ("how much did microsoft pay", "nike's q1 revenue").
func (q *Question) AsksMoney() bool { return q.Kind == text.AskMoney }

// isOutletName reports whether a name of the question (as Names gives it)
// is part of one of the outlets it names.
func (q *Question) isOutletName(name string) bool {
	return slices.ContainsFunc(q.mentions, func(m mention) bool {
		return strings.Contains(q.Text[m.start:m.end], name)
	})
}

// Facts counts the facts the question strings together: its parts of three
// or more index terms, or its outlet mentions, whichever is more.
func (q *Question) Facts() int {
	n := 0
	for _, p := range q.Parts {
		if len(text.QueryTerms(p)) >= 3 {
			n++
		}
	}
	return max(n, len(q.Clauses))
}
