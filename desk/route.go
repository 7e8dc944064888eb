package desk

import (
	"context"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/text"
)

// Tool is a desk tool a question can be routed to.
type Tool string

// The tools a question is routed to; NoTool leaves it to the answering
// engine.
const (
	NoTool       Tool = ""
	TimelineTool Tool = "timeline"
	QuotesTool   Tool = "quotes"
)

// Route is where a question goes: a desk tool and its arguments, or
// NoTool for an ordinary answer. The CLI's ask and chat and every Slack
// path (mention, DM, /ask) read a question through RouteOf, so they route
// alike.
type Route struct {
	Tool Tool
	// Topic is the story of a timeline, or what a quotation is about.
	Topic string
	// Name is the speaker of a who-said-it question.
	Name string
}

var (
	// "timeline of X", "give me a timeline for X", "the story so far on X",
	// "chronology of X"
	timelineOfRE = regexp.MustCompile(`(?i)^(?:(?:can you |please )?(?:give|show|make|build) (?:me |us )?|what(?:'s|’s| is) |i need |(?:please )?)?(?:a |the )?(?:timeline|chronology|story so far)\s+(?:of|for|on|about|in)\s+(?:the\s+)?(.+?)[?.!]*$`)
	// "X timeline", "X: the story so far"
	timelineSuffixRE = regexp.MustCompile(`(?i)^(.+?)[\s:,–—-]+(?:a |the )?(?:timeline|story so far)[?.!]*$`)
	// "what's happened with X so far", "what has happened to X so far",
	// "catch me up on X"
	soFarRE   = regexp.MustCompile(`(?i)^what(?:'s|’s| is| has)\s+(?:been\s+)?happen(?:ed|ing)\s+(?:with|to|in|on|over|around|about)\s+(?:the\s+)?(.+?)\s+so\s+far[?.!]*$`)
	catchUpRE = regexp.MustCompile(`(?i)^(?:please\s+)?catch\s+me\s+up\s+on\s+(?:the\s+)?(.+?)[?.!]*$`)
	// "what did X say (about Y)", "what has X said about Y", "what does X
	// say about Y"
	whatSayRE = regexp.MustCompile(`(?i)^what\s+(?:did|has|have|does|do|had)\s+(.+?)\s+(?:ha(?:ve|d)\s+to\s+say|say|said|says|write|wrote|written|writes|post|posted|tweet|tweeted|(?:tell|told)(?:\s+(?:the\s+)?\S+){1,2}?)(?:\s+(?:about|on|of|regarding|to|over)\s+(.+?))?[?.!]*$`)
	// "X's comments on Y", "what were X's remarks about Y", "X's quotes"
	commentsRE = regexp.MustCompile(`(?i)^(?:(?:what\s+(?:were|are)|show\s+(?:me\s+)?|give\s+(?:me\s+)?|find\s+)?)?(.+?)(?:'s|’s|')\s+(?:comments|remarks|quotes|quotations|words|statements?)(?:\s+(?:about|on|regarding|over)\s+(.+?))?[?.!]*$`)
	// "did X say anything about Y", "has X said anything on Y"
	anythingRE = regexp.MustCompile(`(?i)^(?:did|has|have)\s+(.+?)\s+(?:say|said|comment(?:ed)?)\s+anything(?:\s+(?:about|on|regarding|over)\s+(.+?))?[?.!]*$`)
	// "what's X been saying about Y", "what is X saying"
	sayingRE = regexp.MustCompile(`(?i)^what(?:'s|’s|\s+is|\s+was|\s+has)\s+(.+?)\s+(?:been\s+)?saying(?:\s+(?:about|on|regarding)\s+(.+?))?[?.!]*$`)
	// "what X said about Y", "quotes from X (about Y)", "X's quotes"
	whatSaidRE = regexp.MustCompile(`(?i)^what\s+(.+?)\s+(?:said|has said|says)(?:\s+(?:about|on|regarding)\s+(.+?))?[?.!]*$`)
	// "kole calhoun quotes", "Sam Khater quotes on mortgage rates": a
	// name of two words or more before "quotes", as typed in Slack
	quotesSuffixRE = regexp.MustCompile(`(?i)^(\S+(?:\s+\S+){1,3}?)\s+(?:quotes|quotations)(?:\s+(?:about|on|regarding|over)\s+(.+?))?[?.!]*$`)
	quotesByRE     = regexp.MustCompile(`(?i)^(?:(?:show|give|find)\s+(?:me\s+)?)?(?:all\s+)?(?:the\s+)?(?:quotes|quotations)\s+(?:from|of|by)\s+(.+?)(?:\s+(?:about|on|regarding)\s+(.+?))?[?.!]*$`)
)

// RouteOf reads a question and says which desk tool answers it: a
// timeline ("timeline of sam altman's firing", "what's happened with the
// UAW strike so far") or who said it ("what did Greg Brockman say about
// the board"); anything else is NoTool.
func RouteOf(question string) Route {
	q := strings.TrimSpace(question)
	for _, re := range []*regexp.Regexp{timelineOfRE, soFarRE, catchUpRE, timelineSuffixRE} {
		if m := re.FindStringSubmatch(q); m != nil && usefulTopic(m[1]) {
			return Route{Tool: TimelineTool, Topic: strings.TrimSpace(m[1])}
		}
	}
	for _, re := range []*regexp.Regexp{whatSayRE, sayingRE, whatSaidRE, quotesByRE, commentsRE, anythingRE, quotesSuffixRE} {
		if m := re.FindStringSubmatch(q); m != nil && personLike(m[1]) {
			return Route{Tool: QuotesTool, Name: strings.TrimSpace(m[1]), Topic: strings.TrimSpace(m[2])}
		}
	}
	return Route{}
}

// usefulTopic reports whether a timeline's topic names something: a word
// that is not a stop word.
func usefulTopic(s string) bool { return len(text.Terms(s)) > 0 }

// personLike reports whether s can be a speaker's name: one to four
// words, none a stop word or pronoun ("the board", "they", "it" are not
// speakers), not a question word.
func personLike(s string) bool {
	ws := strings.Fields(s)
	if len(ws) == 0 || len(ws) > 4 {
		return false
	}
	for _, w := range ws {
		lw := strings.ToLower(strings.Trim(w, ".,"))
		if text.IsStopWord(lw) || lw == "you" || lw == "people" || lw == "experts" || lw == "officials" || lw == "critics" || lw == "everyone" {
			return false
		}
	}
	return true
}

// Answer answers req's question with the desk tool RouteOf sends it to,
// for the CLI's ask and chat and Slack's mentions, DMs and /ask alike. It
// returns nil when no tool takes the question, or when the tool found
// nothing (no quotation of the person, no event of the story): the
// engine's answer may still say what the documents report.
func (d *Desk) Answer(ctx context.Context, req answer.Request) (*Result, error) {
	rt := RouteOf(req.Question)
	if rt.Tool == NoTool {
		return nil, nil
	}
	r, err := d.Run(ctx, req, rt)
	if err != nil || r == nil || len(r.Lines) == 0 {
		return nil, err
	}
	return r, nil
}

// Run runs a routed question's tool for req; a route to NoTool runs
// nothing and returns nil.
func (d *Desk) Run(ctx context.Context, req answer.Request, r Route) (*Result, error) {
	switch r.Tool {
	case TimelineTool:
		return d.Timeline(ctx, req, r.Topic)
	case QuotesTool:
		return d.Quotes(ctx, req, r.Name, r.Topic)
	}
	return nil, nil
}

// NameTopic reads a who-said-it request's words (bot quotes, Slack's
// /quotes): NAME about TOPIC; a first
// argument of several words ("Sam Altman") and the topic after it; or
// the leading capitalised words (Sam Altman board), else the first word.
func NameTopic(words []string) (name, topic string) {
	joined := strings.Join(words, " ")
	if n, t, ok := strings.Cut(joined, " about "); ok {
		return strings.TrimSpace(n), strings.TrimSpace(t)
	}
	if len(words) == 0 {
		return "", ""
	}
	if strings.Contains(strings.TrimSpace(words[0]), " ") {
		return strings.TrimSpace(words[0]), strings.Join(words[1:], " ")
	}
	fields := strings.Fields(joined)
	n := 0
	for n < len(fields) {
		r, _ := utf8.DecodeRuneInString(fields[n])
		if !unicode.IsUpper(r) {
			break
		}
		n++
	}
	if n == 0 {
		n = 1
	}
	return strings.Join(fields[:n], " "), strings.Join(fields[n:], " ")
}
