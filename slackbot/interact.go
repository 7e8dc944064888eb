package slackbot

import (
	"context"
	"strings"

	"github.com/slack-go/slack"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/audit"
)

// handleSlash answers /ask after it has been acknowledged: visible only to
// the asker, with a button to share the answer in the channel.
func (b *Bot) handleSlash(cmd slack.SlashCommand) {
	if b.handleDeskSlash(cmd) {
		return
	}
	b.goHandle(func(ctx context.Context) {
		text := unescapeSlack(strings.TrimSpace(cmd.Text))
		command := strings.ToLower(strings.Trim(text, " .!?"))
		rec := audit.Record{User: cmd.UserID, Channel: cmd.ChannelID, Via: "slash", Question: text, Kind: "command", Outcome: command}
		switch command {
		case "reload":
			if !b.isAdmin(cmd.UserID) {
				rec.Outcome = "reload refused: not an admin"
				b.audit(ctx, rec)
				b.ephemeral(ctx, cmd.ChannelID, cmd.UserID, "Sorry, only the bot's admins can reload the corpus.", nil)
				return
			}
			b.audit(ctx, rec)
			// Progress goes to the admin's direct messages with the bot.
			b.ephemeral(ctx, cmd.ChannelID, cmd.UserID, "Reloading; I'll report in our direct messages.", nil)
			b.runReload(ctx, cmd.UserID, "")
			return
		case "status":
			b.audit(ctx, rec)
			b.ephemeral(ctx, cmd.ChannelID, cmd.UserID, b.status(ctx, cmd.ChannelID, cmd.UserID), nil)
			return
		case "", "help":
			rec.Outcome = "help"
			b.audit(ctx, rec)
			b.ephemeral(ctx, cmd.ChannelID, cmd.UserID, "Usage: `/ask your question`, e.g. `/ask who denied meeting Russian officials?`", nil)
			return
		}
		release, ok := b.admitEphemeral(ctx, cmd.ChannelID, cmd.UserID)
		if !ok {
			return
		}
		defer release()
		a, err := b.ask(ctx, b.request(ctx, text, cmd.ChannelID, cmd.UserID))
		if err != nil {
			b.log.Error("answer failed", "error", err, "via", "slash")
			b.metrics.Errors.WithLabelValues("answer").Inc()
			b.audit(ctx, audit.Record{User: cmd.UserID, Channel: cmd.ChannelID, Via: "slash", Question: text, Kind: "error", Outcome: "failed"})
			b.ephemeral(ctx, cmd.ChannelID, cmd.UserID, failureText(err), nil)
			return
		}
		b.observe("slash", a)
		st := b.save(ctx, cmd.UserID, cmd.ChannelID, a)
		b.record(ctx, "slash", cmd.UserID, cmd.ChannelID, a, st.id)
		b.ephemeral(ctx, cmd.ChannelID, cmd.UserID, plainAnswer(a), answerBlocks(a, view{answerID: st.id, footer: st.footer, share: true}))
	})
}

// handleInteraction handles the buttons under answers: feedback and share.
func (b *Bot) handleInteraction(cb slack.InteractionCallback) {
	if b.handleDeskShortcut(cb) {
		return
	}
	if cb.Type != slack.InteractionTypeBlockActions {
		return
	}
	for _, act := range cb.ActionCallback.BlockActions {
		act := act
		b.goHandle(func(ctx context.Context) {
			st, ok := b.saved(act.Value)
			// Every press is audited: what was pressed, on which answer, and
			// what came of it.
			rec := audit.Record{User: cb.User.ID, Channel: cb.Channel.ID, AnswerID: act.Value}
			if ok {
				rec.Question, rec.Kind, rec.Cited = st.answer.Question, string(st.answer.Kind), cited(st.answer.Sources)
			}
			switch act.ActionID {
			case actionFeedbackUp, actionFeedbackDown:
				vote := "up"
				if act.ActionID == actionFeedbackDown {
					vote = "down"
				}
				b.metrics.Feedback.WithLabelValues(vote).Inc()
				rec.Via, rec.Outcome = "feedback", vote
				b.audit(ctx, rec)
				b.log.Info("feedback", "vote", vote, "answer_id", act.Value, "user", cb.User.ID, "question", rec.Question)
				b.ephemeral(ctx, cb.Channel.ID, cb.User.ID, "Thanks for the feedback.", nil)
			case actionShare:
				rec.Via = "share"
				refuse := func(outcome, text string) {
					rec.Outcome = outcome
					b.audit(ctx, rec)
					b.ephemeral(ctx, cb.Channel.ID, cb.User.ID, text, nil)
				}
				if !ok {
					refuse("refused: too old", "That answer is too old to share; please ask again.")
					return
				}
				rec.Channel = st.channel // where it would be posted
				if st.user != cb.User.ID {
					// Only the asker shares their private answer in the channel.
					refuse("refused: not the asker", "Only the person who asked can share this answer.")
					return
				}
				if !b.visibleIn(ctx, st.channel, st.user, st.answer) {
					// Access may have changed since (a reload): the channel
					// must be allowed every document the answer cites.
					refuse("refused: not visible in the channel", "This answer cites documents this channel may not see, so it cannot be shared here.")
					return
				}
				rec.Outcome = "shared"
				b.audit(ctx, rec)
				blocks := answerBlocks(st.answer, view{answerID: st.id, footer: st.footer})
				header := slack.NewContextBlock("", mrkdwn("<@"+cb.User.ID+"> asked: "+escape(truncate(st.answer.Question, 2000))))
				b.reply(ctx, st.channel, "", "", plainAnswer(st.answer), append([]slack.Block{header}, blocks...))
			}
		})
	}
}

// ephemeral shows a message to one user in a channel.
func (b *Bot) ephemeral(ctx context.Context, channel, user, text string, blocks []slack.Block) {
	opts := []slack.MsgOption{slack.MsgOptionText(text, false)}
	if blocks != nil {
		opts = append(opts, slack.MsgOptionBlocks(blocks...))
	}
	err := withBackoff(ctx, func() error { _, err := b.api.PostEphemeralContext(ctx, channel, user, opts...); return err })
	if err != nil {
		b.log.Error("chat.postEphemeral failed", "channel", channel, "error", err)
		b.metrics.Errors.WithLabelValues("chat.postEphemeral").Inc()
	}
}

// visibleIn reports whether every document a cites may be seen in channel
// (by user, in a DM).
func (b *Bot) visibleIn(ctx context.Context, channel, user string, a *answer.Answer) bool {
	ids := make([]string, 0, len(a.Sources))
	for _, s := range a.Sources {
		ids = append(ids, s.DocID)
	}
	ok, err := b.engine.Visible(ctx, b.request(ctx, "", channel, user), ids)
	return err == nil && ok
}

// admitEphemeral lets a user's slash command or shortcut in: within their
// rate (told privately otherwise) and holding one of the answering slots,
// which release gives back. ok is false when they are told to wait or the
// context ends first.
func (b *Bot) admitEphemeral(ctx context.Context, channel, user string) (release func(), ok bool) {
	if ok, _ := b.limiter.allow(user); !ok {
		b.metrics.RateLimits.Inc()
		b.ephemeral(ctx, channel, user, "You're asking faster than I can answer: please wait a minute and ask again.", nil)
		return nil, false
	}
	select {
	case b.slots <- struct{}{}:
		return func() { <-b.slots }, true
	case <-ctx.Done():
		return nil, false
	}
}
