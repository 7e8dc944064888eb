package retrieval

import (
	"regexp"
	"slices"
	"strings"
	"time"
)

// AnswerType is the kind of fact a question asks for.
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
	// Type is the kind of fact it asks for.
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
func (ix *Index) Parse(text string) *Question {
	q := &Question{
		Text:   text,
		Terms:  QueryTerms(text),
		Names:  Names(text),
		Type:   answerType(text),
		Person: personRE.MatchString(strings.TrimSpace(text)),
		Parts:  questionParts(text),
		Dates:  namedDates(text),
	}
	q.mentions = ix.mentions(text)
	q.Sources = sourcesOf(q.mentions)
	for i, c := range clauses(text, q.mentions) {
		q.Clauses = append(q.Clauses, Clause{Source: q.mentions[i].source, Text: c})
	}
	return q
}

var (
	whoRE    = regexp.MustCompile(`(?i)^(?:who|whom|whose)\b|^(?:which|what)\s+(?:\w+\s+)?(?:individual|person|people|man|woman|company|companies|firm|organi[sz]ation|entity|institution|team|club|group|agency|country|nation|player|athlete|executive|ceo|founder|leader|politician|official|brand|outlet|publication|network|bank|startup|platform|product|band|artist|singer|actor|actress|author|candidate|party|court|judge|figure|celebrity|coach|manager|sportsbook|establishments?)\b`)
	whenRE   = regexp.MustCompile(`(?i)^when\b|^(?:on\s+)?what\s+(?:date|day|time|year|month)\b|^(?:in\s+)?which\s+(?:year|month|day)\b`)
	numberRE = regexp.MustCompile(`(?i)^how\s+(?:many|much|long|old|far|big|large|high)\b|^what\s+(?:was\s+|is\s+|were\s+)?(?:the\s+)?(?:final\s+)?(?:score|number|amount|percentage|share|price|cost|total|figure|count)\b`)
	whereRE  = regexp.MustCompile(`(?i)^where\b|^(?:in\s+)?(?:what|which)\s+(?:city|country|state|place|venue|location|town|region|stadium)\b`)
	personRE = regexp.MustCompile(`(?i)^(?:who|whom|whose)\b|^(?:which|what)\s+(?:\w+\s+)?(?:individual|person|man|woman|player|athlete|executive|ceo|founder|leader|politician|official|judge|actor|actress|singer|artist|author|coach|manager|figure|celebrity|candidate)\b`)
	yesNoRE  = regexp.MustCompile(`(?i)^(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should)\b`)
	// amountRE finds, anywhere in a question that opens otherwise, words
	// asking for a number: "adobe number for thanksgiving online sales",
	// "score of the arizona utah game", "what was nike's q1 revenue".
	amountRE = regexp.MustCompile(`(?i)\bhow\s+(?:many|much)\b|\bnumbers?\s+(?:of|for|on)\b|\b(?:score|scoreline|revenue|valuation|valued|worth|price|cost|salary|fee)\b`)
	// moneyAskRE marks a number question asking for an amount of money.
	moneyAskRE = regexp.MustCompile(`(?i)\bhow\s+much\b.*\b(?:pay|paid|paying|cost|costs|spend|spent|sell|sold|earn|earned|make|made|raise|raised|lose|lost|get|got|buy|bought|worth|charge|charged|invest|invested)\b|\b(?:revenue|valuation|valued|worth|price|cost|salary|fee|paying|paid)\b`)
)

// AsksMoney reports whether a question asking for a number asks for an
// amount of money ("how much did microsoft pay", "nike's q1 revenue").
func (q *Question) AsksMoney() bool { return q.Type == AskNumber && moneyAskRE.MatchString(q.Text) }

// answerType recognises the kind of fact a question asks for by its first words.
func answerType(q string) AnswerType {
	q = strings.TrimSpace(q)
	switch {
	case whenRE.MatchString(q):
		return AskWhen
	case numberRE.MatchString(q):
		return AskNumber
	case whereRE.MatchString(q):
		return AskWhere
	case whoRE.MatchString(q):
		return AskWho
	case yesNoRE.MatchString(q):
		return AskYesNo
	case amountRE.MatchString(q):
		return AskNumber
	}
	return AskOther
}

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
		if len(QueryTerms(p)) >= 3 {
			n++
		}
	}
	return max(n, len(q.Clauses))
}
