package slackbot

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/slack-go/slack"
)

// dedupe remembers event IDs for a while, so that Slack's retries of an
// event already taken are answered once.
type dedupe struct {
	mu   sync.Mutex
	ttl  time.Duration
	seen map[string]time.Time
	now  func() time.Time
}

func newDedupe(ttl time.Duration) *dedupe {
	return &dedupe{ttl: ttl, seen: map[string]time.Time{}, now: time.Now}
}

// first reports whether id is seen for the first time, and remembers it.
func (d *dedupe) first(id string) bool {
	if id == "" {
		return true
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	now := d.now()
	if len(d.seen) > 10000 {
		for k, t := range d.seen {
			if now.Sub(t) > d.ttl {
				delete(d.seen, k)
			}
		}
	}
	if t, ok := d.seen[id]; ok && now.Sub(t) <= d.ttl {
		return false
	}
	d.seen[id] = now
	return true
}

// userLimiter allows each user at most n questions per window.
type userLimiter struct {
	mu     sync.Mutex
	n      int
	window time.Duration
	asked  map[string][]time.Time
	now    func() time.Time
}

func newUserLimiter(n int, window time.Duration) *userLimiter {
	return &userLimiter{n: n, window: window, asked: map[string][]time.Time{}, now: time.Now}
}

// allow records a question by user and reports whether it is within the limit;
// when it is not, wait says how long until it would be.
func (l *userLimiter) allow(user string) (ok bool, wait time.Duration) {
	if l.n <= 0 {
		return true, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	times := l.asked[user][:0]
	for _, t := range l.asked[user] {
		if now.Sub(t) < l.window {
			times = append(times, t)
		}
	}
	if len(times) >= l.n {
		l.asked[user] = times
		return false, l.window - now.Sub(times[0])
	}
	l.asked[user] = append(times, now)
	return true, 0
}

// maxRateLimitWait caps how long one Slack call waits out rate limiting.
const maxRateLimitWait = 30 * time.Second

// withBackoff runs call, waiting out Slack's rate limiting (RetryAfter,
// capped) up to three times.
func withBackoff(ctx context.Context, call func() error) error {
	for attempt := 0; ; attempt++ {
		err := call()
		var rl *slack.RateLimitedError
		if !errors.As(err, &rl) || attempt == 3 {
			return err
		}
		select {
		case <-time.After(min(rl.RetryAfter, maxRateLimitWait)):
		case <-ctx.Done():
			return err
		}
	}
}
