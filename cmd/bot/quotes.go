package main

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/desk"
)

func init() {
	deskCommands["quotes"] = func(ctx context.Context, e env, args []string) error {
		return cmdDesk(ctx, e, "quotes", `quotes [flags] NAME [TOPIC] (a name of several words in quotes, or "NAME about TOPIC")`, args,
			func(ctx context.Context, d *desk.Desk, req answer.Request, words []string) (*desk.Result, error) {
				name, topic := splitNameTopic(words)
				return d.Quotes(ctx, req, name, topic)
			})
	}
}

// splitNameTopic reads "bot quotes" arguments: NAME about TOPIC; a first
// argument of several words ("Sam Altman") and the topic after it; or
// the leading capitalised words (Sam Altman board), else the first word.
func splitNameTopic(words []string) (name, topic string) {
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
