package main

import (
	"context"

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

// splitNameTopic reads "bot quotes" arguments (desk.NameTopic).
func splitNameTopic(words []string) (name, topic string) { return desk.NameTopic(words) }
