package slackbot

import (
	"context"
	"crypto/rand"
	"encoding/hex"

	"github.com/newsroom/askbot/answer"
)

// The answers kept for the buttons under them (feedback, Share).

// savedAnswer is kept for the buttons under an answer.
type savedAnswer struct {
	id, user, channel string
	answer            *answer.Answer
	footer            string
}

// save keeps an answer for its buttons, forgetting the oldest beyond 1000.
// It keeps a copy that holds nothing of the corpus (answer.Detached): a
// kept answer must not keep the index it came from, nor the saved files
// its text is read from, after a reload has replaced them.
func (b *Bot) save(ctx context.Context, user, channel string, a *answer.Answer) *savedAnswer {
	var raw [8]byte
	rand.Read(raw[:])
	st := &savedAnswer{id: hex.EncodeToString(raw[:]), user: user, channel: channel, answer: a.Detached(), footer: b.footer(ctx, a, channel, user)}
	b.answersMu.Lock()
	defer b.answersMu.Unlock()
	b.answers[st.id] = st
	b.order = append(b.order, st.id)
	if len(b.order) > 1000 {
		delete(b.answers, b.order[0])
		b.order = b.order[1:]
	}
	return st
}

// saved returns the answer saved under id.
func (b *Bot) saved(id string) (*savedAnswer, bool) {
	b.answersMu.Lock()
	defer b.answersMu.Unlock()
	st, ok := b.answers[id]
	return st, ok
}
