package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/newsroom/askbot/access"
	"github.com/newsroom/askbot/audit"
	"github.com/newsroom/askbot/library"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/slackbot"
)

func cmdServe(ctx context.Context, e env, args []string) error {
	fs, cfg, err := newFlags(e, "serve", args)
	if err != nil {
		return err
	}
	if err := parse(fs, cfg, args); err != nil {
		return err
	}
	if err := cfg.ValidateSlack(); err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	a, err := openApp(ctx, e, cfg, configuredOrBundled, nil)
	if err != nil {
		return err
	}
	var auditLog *audit.Log
	if cfg.AuditLog != "" {
		if auditLog, err = audit.Open(cfg.AuditLog); err != nil {
			return err
		}
		defer auditLog.Close()
	}
	corpusDir := ""
	if fi, err := os.Stat(cfg.Corpus); cfg.Corpus != "" && err == nil && fi.IsDir() {
		corpusDir = cfg.Corpus
	}
	bot, err := slackbot.New(slackbot.Config{
		BotToken: string(cfg.Slack.BotToken), AppToken: string(cfg.Slack.AppToken), SigningSecret: string(cfg.Slack.SigningSecret),
		APIURL: cfg.Slack.APIURL, Listen: cfg.Slack.Listen, Admins: cfg.Slack.Admins, Channels: cfg.Slack.Channels,
		CorpusDir: corpusDir, Model: cfg.LLM.Model, MaxConcurrent: cfg.Slack.MaxConcurrent, MaxQueue: cfg.Slack.MaxQueue, UserRate: userRate(cfg.Slack.UserRate),
		SaveError:  a.lib.SaveError,
		AutoStatus: a.lib.AutoStatus,
		Audit:      auditLog,
		Scope: func(channel, user string, dm bool) (retrieval.Asker, string) {
			pl := access.Place{Channel: channel, User: user, DM: dm}
			return a.lib.Asker(pl), a.scope(pl).String()
		},
	}, a.engine, a.lib.Reload, a.log)
	if err != nil {
		return err
	}
	if !strings.EqualFold(cfg.Watch, "off") {
		go a.lib.Watch(ctx, func(rep *library.Report) {
			if len(rep.Skipped) > 0 && cfg.Slack.AdminChannel != "" {
				bot.Notify(ctx, cfg.Slack.AdminChannel, fmt.Sprintf("Automatic reload skipped %d file(s), first: %s", len(rep.Skipped), rep.Skipped[0]))
			}
		})
	}
	st, err := a.engine.Describe(ctx)
	if err != nil {
		return err
	}
	a.log.Info("serving", "documents", st.Documents, "chunks", st.Chunks, "version", st.Version, "listen", cfg.Slack.Listen,
		"socket_mode", cfg.Slack.AppToken != "", "events_api", cfg.Slack.SigningSecret != "")
	return bot.Run(ctx)
}

// userRate maps the setting (0: no limit) to slackbot's (negative: no limit).
func userRate(perMinute int) int {
	if perMinute == 0 {
		return -1
	}
	return perMinute
}
