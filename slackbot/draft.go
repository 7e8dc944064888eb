package slackbot

import (
	"context"
	"strings"
	"sync"
	"time"
)

// draft shows a model's answer in its placeholder as it streams, at most
// once every Config.UpdateEvery (Slack allows about one chat.update a
// second). The draft is unchecked: the checked answer replaces it.
type draft struct {
	mu       sync.Mutex
	text     strings.Builder
	dirty    bool
	done     chan struct{}
	finished chan struct{}
}

// streamDraft starts updating the placeholder with the streamed text.
func (b *Bot) streamDraft(ctx context.Context, channel, placeholder string) *draft {
	d := &draft{done: make(chan struct{}), finished: make(chan struct{})}
	go func() {
		defer close(d.finished)
		tick := time.NewTicker(b.cfg.UpdateEvery)
		defer tick.Stop()
		for {
			select {
			case <-d.done:
				return
			case <-tick.C:
				d.mu.Lock()
				text, changed := d.text.String(), d.dirty
				d.dirty = false
				d.mu.Unlock()
				if changed {
					b.update(ctx, channel, placeholder, escape(truncate(text, 2900))+" …", nil)
				}
			}
		}
	}()
	return d
}

// add appends streamed text (answer.Request.OnDelta).
func (d *draft) add(s string) {
	d.mu.Lock()
	d.text.WriteString(s)
	d.dirty = true
	d.mu.Unlock()
}

// stop ends the updates and waits for one in progress, so that nothing
// overwrites the checked answer (or the restart note) that follows.
func (d *draft) stop() {
	close(d.done)
	<-d.finished
}
