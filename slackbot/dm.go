package slackbot

import (
	"context"
	"strings"
	"sync"

	"github.com/slack-go/slack"
)

// dmCache remembers each user's direct-message conversation with the bot
// (its IM channel ID), so that only that conversation is treated as the
// user's DM: a channel ID starting with D may be a DM between two people.
type dmCache struct {
	mu  sync.Mutex
	ims map[string]string // user → the bot's IM channel with them
}

// maxDMCache bounds the users remembered; past it the cache starts over.
const maxDMCache = 100_000

// remember records that channel is the bot's IM with user (Slack said so:
// a message.im event, or conversations.open).
func (c *dmCache) remember(user, channel string) {
	if user == "" || channel == "" {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ims == nil || len(c.ims) >= maxDMCache {
		c.ims = map[string]string{}
	}
	c.ims[user] = channel
}

func (c *dmCache) lookup(user string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch, ok := c.ims[user]
	return ch, ok
}

// isOwnDM reports whether channel is user's direct-message conversation
// with the bot. Only an IM channel (ID starting with D) can be; which IM
// is the bot's with user is asked of Slack once (conversations.open, which
// returns the existing IM) and remembered. When Slack cannot say, the
// answer is no: the place gets the open collections only.
func (b *Bot) isOwnDM(ctx context.Context, channel, user string) bool {
	if user == "" || !strings.HasPrefix(channel, "D") {
		return false
	}
	if im, ok := b.dms.lookup(user); ok {
		return im == channel
	}
	var im string
	err := withBackoff(ctx, func() error {
		ch, _, _, err := b.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{user}, ReturnIM: true})
		if err == nil && ch != nil {
			im = ch.ID
		}
		return err
	})
	if err != nil || im == "" {
		b.log.Warn("could not tell whether a conversation is the user's DM with the bot; answering as in a channel", "channel", channel, "user", user, "error", err)
		b.metrics.Errors.WithLabelValues("conversations.open").Inc()
		return false
	}
	b.dms.remember(user, im)
	return im == channel
}
