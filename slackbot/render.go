package slackbot

import (
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/corpus"
)

// Slack's limits for Block Kit messages.
const (
	maxSectionText = 3000
	maxBlocks      = 50
)

// Action IDs of the buttons under an answer.
const (
	actionFeedbackUp   = "feedback_up"
	actionFeedbackDown = "feedback_down"
	actionShare        = "share_answer"
)

// escape makes text safe for mrkdwn: what comes from documents, models and
// users shows as text and never pings, links or breaks the message, and
// carries no control or bidirectional characters (corpus.DisplayText; the
// documents keep them, so quotes stay verifiable against the stored text).
func escape(s string) string {
	return mrkdwnEscaper.Replace(corpus.DisplayText(s))
}

var mrkdwnEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// escapeLine is escape for a one-line field: a title, an outlet, a date.
func escapeLine(s string) string { return escape(corpus.DisplayLine(s)) }

// truncate cuts s to at most n bytes at a rune boundary, marking the cut.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n - len("…")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// splitText cuts text into pieces of at most n bytes, at spaces where it can.
func splitText(text string, n int) []string {
	var out []string
	for len(text) > n {
		cut := strings.LastIndex(text[:n], " ")
		if cut < n/2 {
			cut = n
			for !utf8.RuneStart(text[cut]) {
				cut--
			}
		}
		out = append(out, text[:cut])
		text = strings.TrimLeft(text[cut:], " ")
	}
	return append(out, text)
}

// safeURL returns u when it is an http(s) URL fit for a mrkdwn link.
func safeURL(u string) (string, bool) {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return "", false
	}
	s := p.String()
	if strings.ContainsAny(s, "<>| \n") {
		return "", false
	}
	return s, true
}

func mrkdwn(text string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, text, false, false)
}

func plain(text string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, text, true, false)
}

// view is what an answer message shows besides the answer itself.
type view struct {
	answerID string
	footer   string
	share    bool // offer "Share in channel" (ephemeral /ask answers)
}

// answerBlocks renders an answer as Block Kit: the answer, its sources with
// title (linked), outlet, date, paragraph and quote, a footer that names
// the corpus version, and feedback buttons. Everything from documents,
// models and users is escaped; no block exceeds Slack's limits.
func answerBlocks(a *answer.Answer, v view) []slack.Block {
	var blocks []slack.Block
	if a.Kind == answer.NotFound {
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn(escape(a.Text())), nil, nil))
	} else {
		if a.Label != "" {
			blocks = append(blocks, slack.NewContextBlock("", mrkdwn("_"+escape(a.Label)+"_")))
		}
		if c := a.Caveat(); c != "" {
			blocks = append(blocks, slack.NewContextBlock("", mrkdwn(":warning: "+escape(c))))
		}
		for _, piece := range splitText(escape(a.Text()), maxSectionText) {
			blocks = append(blocks, slack.NewSectionBlock(mrkdwn(piece), nil, nil))
		}
	}
	for _, w := range a.Warnings {
		blocks = append(blocks, slack.NewContextBlock("", mrkdwn(":warning: "+escape(truncate(w, 1500)))))
	}
	// Leave room for the footer and buttons.
	room := maxBlocks - len(blocks) - 4
	if len(a.Sources) > 0 && room > 1 {
		blocks = append(blocks, slack.NewDividerBlock(), slack.NewSectionBlock(mrkdwn("*Sources*"), nil, nil))
		room -= 2
		// Under a model's answer each citation with its excerpt; under
		// quotes, which are the excerpts, one line per document.
		var lines []string
		if a.Kind == answer.Generated {
			for _, s := range a.Sources {
				lines = append(lines, sourceText(s, true))
			}
		} else {
			for _, c := range a.Documents() {
				lines = append(lines, documentText(c))
			}
		}
		for i, line := range lines {
			if room < 1 {
				blocks = append(blocks, slack.NewContextBlock("", mrkdwn(fmt.Sprintf("%d more sources not shown", len(lines)-i))))
				break
			}
			blocks = append(blocks, slack.NewSectionBlock(mrkdwn(line), nil, nil))
			room--
		}
	}
	if v.footer != "" {
		blocks = append(blocks, slack.NewContextBlock("", mrkdwn(escape(v.footer))))
	}
	if v.answerID != "" {
		buttons := []slack.BlockElement{
			slack.NewButtonBlockElement(actionFeedbackUp, v.answerID, plain(":+1: Helpful")),
			slack.NewButtonBlockElement(actionFeedbackDown, v.answerID, plain(":-1: Not helpful")),
		}
		if v.share {
			buttons = append(buttons, slack.NewButtonBlockElement(actionShare, v.answerID, plain("Share in channel")).WithStyle(slack.StylePrimary))
		}
		blocks = append(blocks, slack.NewActionBlock("answer_actions", buttons...))
	}
	return blocks
}

// sourceText is one citation: [n] title (linked), outlet, date, paragraph,
// and, under a model's answer, the excerpt the claim rests on (an
// extractive answer's text is the quotes already, so they are not repeated).
func sourceText(s answer.Source, excerpt bool) string {
	title := escapeLine(truncate(s.Title, 300))
	if u, ok := safeURL(s.URL); ok {
		title = "<" + u + "|" + strings.ReplaceAll(title, "|", "¦") + ">"
	} else {
		title = "*" + title + "*"
	}
	meta := []string{}
	if s.Source != "" {
		meta = append(meta, escapeLine(s.Source))
	}
	if s.Date != "" {
		meta = append(meta, escapeLine(s.Date))
	}
	meta = append(meta, fmt.Sprintf("paragraph %d", s.Paragraph), "`"+escape(strings.ReplaceAll(corpus.DisplayName(s.DocID), "`", "'"))+"`")
	head := fmt.Sprintf("*[%d]* %s\n%s", s.N, title, strings.Join(meta, " · "))
	if !excerpt {
		return truncate(head, maxSectionText)
	}
	quote := "> " + strings.ReplaceAll(escape(strings.Join(strings.Fields(s.Quote), " ")), "\n", "\n> ")
	return truncate(head+"\n"+quote, maxSectionText)
}

// documentText is one cited document: its citation numbers, title
// (shortened, linked), outlet, date, the paragraphs cited and its file.
func documentText(c answer.Cited) string {
	title := escapeLine(c.ShortTitle(120))
	if u, ok := safeURL(c.URL); ok {
		title = "<" + u + "|" + strings.ReplaceAll(title, "|", "¦") + ">"
	} else {
		title = "*" + title + "*"
	}
	meta := []string{}
	if c.Source.Source != "" {
		meta = append(meta, escapeLine(c.Source.Source))
	}
	if c.Date != "" {
		meta = append(meta, escapeLine(c.Date))
	}
	meta = append(meta, c.Where(), "`"+escape(strings.ReplaceAll(corpus.DisplayName(c.DocID), "`", "'"))+"`")
	return truncate(fmt.Sprintf("*%s* %s · %s", c.Marks(), title, strings.Join(meta, " · ")), maxSectionText)
}

// plainAnswer is the notification and fallback text of an answer message.
func plainAnswer(a *answer.Answer) string {
	return truncate(escape(a.Text()), 3000)
}
