package slackbot

import (
	"context"

	"github.com/slack-go/slack"
)

// The Slack Web API calls the bot makes, each waiting out rate limits
// (withBackoff) and counting failures.

// post sends a message (in a thread when thread is set) and returns its ts.
func (b *Bot) post(ctx context.Context, channel, thread, text string) string {
	opts := []slack.MsgOption{slack.MsgOptionText(text, false)}
	if thread != "" {
		opts = append(opts, slack.MsgOptionTS(thread))
	}
	var ts string
	err := withBackoff(ctx, func() error {
		var err error
		_, ts, err = b.api.PostMessageContext(ctx, channel, opts...)
		return err
	})
	if err != nil {
		b.log.Error("chat.postMessage failed", "channel", channel, "error", err)
		b.metrics.Errors.WithLabelValues("chat.postMessage").Inc()
	}
	return ts
}

// reply replaces the placeholder with the answer, or posts the answer when
// there is no placeholder.
func (b *Bot) reply(ctx context.Context, channel, thread, placeholder, text string, blocks []slack.Block) {
	if placeholder != "" && b.update(ctx, channel, placeholder, text, blocks) {
		return
	}
	opts := []slack.MsgOption{slack.MsgOptionText(text, false)}
	if blocks != nil {
		opts = append(opts, slack.MsgOptionBlocks(blocks...))
	}
	if thread != "" {
		opts = append(opts, slack.MsgOptionTS(thread))
	}
	if err := withBackoff(ctx, func() error { _, _, err := b.api.PostMessageContext(ctx, channel, opts...); return err }); err != nil {
		b.log.Error("chat.postMessage failed", "channel", channel, "error", err)
		b.metrics.Errors.WithLabelValues("chat.postMessage").Inc()
	}
}

// update edits a message in place and reports whether it worked.
func (b *Bot) update(ctx context.Context, channel, ts, text string, blocks []slack.Block) bool {
	opts := []slack.MsgOption{slack.MsgOptionText(text, false)}
	if blocks != nil {
		opts = append(opts, slack.MsgOptionBlocks(blocks...))
	}
	err := withBackoff(ctx, func() error { _, _, _, err := b.api.UpdateMessageContext(ctx, channel, ts, opts...); return err })
	if err != nil {
		b.log.Error("chat.update failed", "channel", channel, "error", err)
		b.metrics.Errors.WithLabelValues("chat.update").Inc()
		return false
	}
	return true
}

func (b *Bot) react(ctx context.Context, channel, ts, name string) {
	if ts == "" {
		return
	}
	if err := b.api.AddReactionContext(ctx, name, slack.NewRefToMessage(channel, ts)); err != nil {
		b.log.Debug("reactions.add failed", "error", err)
	}
}
