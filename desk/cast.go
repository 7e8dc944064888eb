package desk

import (
	"regexp"
	"strings"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/text"
)

// A cast claim says who plays a part: "Prince Charles is played by
// Bertie Carvel in …", "Dominic West plays Prince Charles in …",
// "Dominic West stars as Prince Charles".
var (
	playedByRE = regexp.MustCompile(`^(?:The\s+)?([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)\s+(?:is|was|will be)\s+played\s+by\s+([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)+)\b`)
	playsRE    = regexp.MustCompile(`^([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)+)\s+(?:plays|played|portrays|portrayed|will play|(?:stars|starred|appears|appeared) as)\s+([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)\b`)
	// castNameRE is an actor's name in parentheses after their part:
	// "Prince Charles (Dominic West)", "Prince William (played by Rufus
	// Kampa)".
	castNameRE = regexp.MustCompile(`^\s*\((?:played by\s+)?([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)+)\)`)
)

// castOf is the part and the actor a cast claim names; both "" when the
// claim names no part played.
func castOf(claim string) (part, actor string) {
	if m := playedByRE.FindStringSubmatch(claim); m != nil {
		return m[1], m[2]
	}
	if m := playsRE.FindStringSubmatch(claim); m != nil {
		return m[2], m[1]
	}
	return "", ""
}

// castIn is the actor a sentence names in parentheses right after the
// claim's part, as the casts of reviews and explainers are written
// ("sees Prince Charles (Dominic West) building on …"), and whether that
// is the claim's actor (the same surname); "" when the sentence gives
// the part no actor so. A name of one word in the parentheses is left
// alone: it may be a surname, a place or a credit.
func castIn(claim, sent string) (actor string, same bool) {
	part, claimed := castOf(claim)
	if part == "" {
		return "", false
	}
	for at := 0; ; {
		i := strings.Index(sent[at:], part)
		if i < 0 {
			return "", false
		}
		at += i + len(part)
		m := castNameRE.FindStringSubmatch(sent[at:])
		if m == nil || !personName(m[1]) {
			continue
		}
		return m[1], surname(m[1]) == surname(claimed)
	}
}

// castWork is a cast claim's subject without its part and actor: the
// words of its work ("… in the sixth season of The Crown").
func castWork(subject, part, actor string) string {
	if part == "" {
		return ""
	}
	return strings.NewReplacer(part, " ", actor, " ").Replace(subject)
}

// surname is the last word of a name.
func surname(n string) string {
	ws := strings.Fields(n)
	if len(ws) == 0 {
		return ""
	}
	return strings.ToLower(strings.Trim(ws[len(ws)-1], ".,’'"))
}

// castStory reports whether a document tells of the claim's work: it
// holds the claim's words other than its part, actor and figures (its
// title: "The Crown") at least least of them, and states each figure
// of the claim ("the sixth season") the same, by a figure or by its unit
// and a number after it ("season six"). Another season or another film
// casts the part otherwise.
func castStory(figs []Figure, doc *corpus.Document, work words, least float64) bool {
	if work.coverage(doc.Title+"\n"+doc.Text) < least {
		return false
	}
	have := Figures(doc.Title + "\n" + doc.Text)
	for _, cf := range figs {
		if !sameInDoc(cf, have, doc.Title+"\n"+doc.Text) {
			return false
		}
	}
	return true
}

// unitNumberRE matches a unit followed by a number ("season six").
var unitNumberRE = regexp.MustCompile(`(?i)\b([a-z]+)\s+(\w+)\b`)

// sameInDoc reports whether a document (text, its figures have) states
// a figure the same: as a figure, or, for a count, as its unit followed
// by the number ("season six" for "the sixth season").
func sameInDoc(cf Figure, have []Figure, s string) bool {
	for _, f := range have {
		if cf.Same(f) {
			return true
		}
	}
	if cf.Kind != Count || cf.Unit == "" {
		return false
	}
	for _, m := range unitNumberRE.FindAllStringSubmatch(s, -1) {
		if text.Term(m[1]) != cf.Unit {
			continue
		}
		if v, ok := text.Value(m[2]); ok && v == cf.Value {
			return true
		}
	}
	return false
}
