package slackbot

import (
	"context"
	"fmt"
	"strings"

	"github.com/slack-go/slack"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/audit"
	"github.com/newsroom/askbot/desk"
)

// The research desk in Slack (issues 20, 26): /check CLAIM and the
// message shortcut "Check against the archive" check a claim against the
// documents the asker may see, and answer only to them; /quotes NAME
// [about TOPIC] lists a speaker's quotations, to the asker alone; a
// mention, DM or /ask that desk.RouteOf sends to a tool ("timeline of …",
// "what did X say") is answered by it.
const (
	checkCommand  = "/check"
	quotesCommand = "/quotes"
	// checkShortcut is the callback ID of the message shortcut in the
	// app manifest.
	checkShortcut = "check_archive"
)

// handleDeskSlash handles the desk's slash commands; it reports whether
// cmd was one.
func (b *Bot) handleDeskSlash(cmd slack.SlashCommand) bool {
	if cmd.Command == quotesCommand {
		b.handleQuotesSlash(cmd)
		return true
	}
	if cmd.Command != checkCommand {
		return false
	}
	claim := unescapeSlack(strings.TrimSpace(cmd.Text))
	b.goHandle(func(ctx context.Context) {
		if claim == "" || strings.EqualFold(claim, "help") {
			b.ephemeral(ctx, cmd.ChannelID, cmd.UserID, "Usage: `/check a sentence to check`, e.g. `/check Shikho raised $5.3 million in seed funding`: I say whether the documents support it, contradict it or don't state it, quoting them.", nil)
			return
		}
		b.check(ctx, "check", cmd.ChannelID, cmd.UserID, claim)
	})
	return true
}

// handleQuotesSlash answers /quotes NAME [about TOPIC] to the asker alone.
func (b *Bot) handleQuotesSlash(cmd slack.SlashCommand) {
	text := unescapeSlack(strings.TrimSpace(cmd.Text))
	b.goHandle(func(ctx context.Context) {
		if text == "" || strings.EqualFold(text, "help") {
			b.ephemeral(ctx, cmd.ChannelID, cmd.UserID, "Usage: `/quotes NAME [about TOPIC]`, e.g. `/quotes Sam Altman about the board`: the person's direct quotations in the documents, oldest first, dated and cited.", nil)
			return
		}
		release, ok := b.admitEphemeral(ctx, cmd.ChannelID, cmd.UserID)
		if !ok {
			return
		}
		defer release()
		name, topic := desk.NameTopic(strings.Fields(text))
		r, err := (&desk.Desk{Engine: b.engine}).Quotes(ctx, b.request(ctx, text, cmd.ChannelID, cmd.UserID), name, topic)
		if err != nil {
			b.log.Error("quotes failed", "error", err, "via", "quotes")
			b.metrics.Errors.WithLabelValues("quotes").Inc()
			b.audit(ctx, audit.Record{User: cmd.UserID, Channel: cmd.ChannelID, Via: "quotes", Question: text, Kind: "quotes", Outcome: "failed"})
			b.ephemeral(ctx, cmd.ChannelID, cmd.UserID, failureText(err), nil)
			return
		}
		b.log.Info("quotes listed", "user", cmd.UserID, "channel", cmd.ChannelID, "lines", len(r.Lines), "took", r.Took)
		b.audit(ctx, audit.Record{User: cmd.UserID, Channel: cmd.ChannelID, Via: "quotes", Question: text, Kind: "quotes", Outcome: "answered", Cited: cited(r.Sources)})
		b.ephemeral(ctx, cmd.ChannelID, cmd.UserID, truncate(escape(r.Text()), 3000), deskBlocks(r))
	})
}

// ask answers req: a question a research desk tool takes (a timeline,
// who said it: desk.Desk.Answer) by that tool, as an answer the renderers
// show like any other; every other question by the engine.
func (b *Bot) ask(ctx context.Context, req answer.Request) (*answer.Answer, error) {
	if r, err := (&desk.Desk{Engine: b.engine}).Answer(ctx, req); err != nil || r != nil {
		if err != nil {
			return nil, err
		}
		return r.Answer(), nil
	}
	return b.engine.Ask(ctx, req)
}

// handleDeskShortcut handles the message shortcut "Check against the
// archive"; it reports whether cb was it.
func (b *Bot) handleDeskShortcut(cb slack.InteractionCallback) bool {
	if cb.Type != slack.InteractionTypeMessageAction || cb.CallbackID != checkShortcut {
		return false
	}
	claim := unescapeSlack(stripMentions(strings.TrimSpace(cb.Message.Text)))
	b.goHandle(func(ctx context.Context) {
		if claim == "" {
			b.ephemeral(ctx, cb.Channel.ID, cb.User.ID, "That message has no text to check.", nil)
			return
		}
		b.check(ctx, "shortcut", cb.Channel.ID, cb.User.ID, claim)
	})
	return true
}

// check checks claim as asked in channel by user and shows the result to
// them alone.
func (b *Bot) check(ctx context.Context, via, channel, user, claim string) {
	release, ok := b.admitEphemeral(ctx, channel, user)
	if !ok {
		return
	}
	defer release()
	d := &desk.Desk{Engine: b.engine}
	r, err := d.Check(ctx, b.request(ctx, claim, channel, user), claim)
	if err != nil {
		b.log.Error("claim check failed", "error", err, "via", via)
		b.metrics.Errors.WithLabelValues("check").Inc()
		b.audit(ctx, audit.Record{User: user, Channel: channel, Via: via, Question: claim, Kind: "check", Outcome: "failed"})
		b.ephemeral(ctx, channel, user, failureText(err), nil)
		return
	}
	b.log.Info("claim checked", "via", via, "user", user, "channel", channel, "verdict", r.Verdict, "sources", len(r.Sources), "took", r.Took)
	b.audit(ctx, audit.Record{User: user, Channel: channel, Via: via, Question: claim, Kind: "check", Outcome: string(r.Verdict), Cited: cited(r.Sources)})
	b.ephemeral(ctx, channel, user, truncate(escape(r.Text()), 3000), deskBlocks(r))
}

// deskBlocks renders a desk result: the headline (a claim's verdict) in
// bold first, the claim checked, one section per verbatim line, then one
// line per cited document. Everything from documents and users is escaped.
func deskBlocks(r *desk.Result) []slack.Block {
	blocks := []slack.Block{
		slack.NewSectionBlock(mrkdwn("*"+escape(r.Headline)+"*"), nil, nil),
	}
	asked := "Asked: "
	if r.Verdict != "" {
		asked = "Checked: "
	}
	blocks = append(blocks, slack.NewContextBlock("", mrkdwn(asked+escape(truncate(r.Query, 2000)))))
	for i, l := range r.Lines {
		if len(blocks) > maxBlocks-15 {
			blocks = append(blocks, slack.NewContextBlock("", mrkdwn(fmt.Sprintf("%d more lines not shown", len(r.Lines)-i))))
			break
		}
		for _, piece := range splitText(escape(l.String()), maxSectionText) {
			blocks = append(blocks, slack.NewSectionBlock(mrkdwn(piece), nil, nil))
		}
	}
	if r.Note != "" {
		blocks = append(blocks, slack.NewContextBlock("", mrkdwn(escape(truncate(r.Note, 1500)))))
	}
	docs := (&answer.Answer{Sources: r.Sources}).Documents()
	if len(docs) > 0 {
		blocks = append(blocks, slack.NewDividerBlock(), slack.NewSectionBlock(mrkdwn("*Sources*"), nil, nil))
	}
	for i, c := range docs {
		if len(blocks) >= maxBlocks-1 {
			blocks = append(blocks, slack.NewContextBlock("", mrkdwn(fmt.Sprintf("%d more sources not shown", len(docs)-i))))
			break
		}
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn(documentText(c)), nil, nil))
	}
	return blocks
}
