package slackbot

import (
	"strings"
	"testing"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/internal/testutil/fakeslack"
)

// startDeskBot runs a bot over the desk's fixture corpus; channel C2 may
// not see the startup's articles.
func startDeskBot(t *testing.T) *harness {
	return startBot(t, func(c *Config) {
		c.CorpusDir = "../desk/testdata/corpus"
		c.Scope = func(channel, user string) (func(*corpus.Document) bool, string) {
			if channel == "C2" {
				return func(d *corpus.Document) bool { return !strings.Contains(d.ID, "acme") }, "the parks desk"
			}
			return nil, "all documents"
		}
	})
}

func TestCheckSlashCommand(t *testing.T) {
	h := startDeskBot(t)
	h.slack.Send("slash_commands", "chk1", 0, map[string]any{"command": "/check", "text": "Acme Robotics raised $6 million in seed funding", "user_id": reporter, "channel_id": "C1"})
	eph := h.slack.WaitFor(func(c fakeslack.Call) bool { return c.Method == "chat.postEphemeral" && c.Get("blocks") != "" })
	text := blockTexts(t, eph.Get("blocks"))
	if eph.Get("user") != reporter || !strings.HasPrefix(text, "*Contradicted by [1]: the documents say $5.3 million*") {
		t.Fatalf("check answer to %s:\n%s", eph.Get("user"), text)
	}
	for _, want := range []string{"Nov 17, 2023 — “Acme Robotics, a Lagos startup", "*Sources*", "Lagos Ledger"} {
		if !strings.Contains(text, want) {
			t.Errorf("check answer lacks %q:\n%s", want, text)
		}
	}
	if len(h.slack.CallsTo("chat.postMessage")) != 0 {
		t.Error("a claim check is posted in the channel; it should be shown to the asker alone")
	}
	// The same claim checked from a channel that may not see the articles.
	h.slack.Send("slash_commands", "chk2", 0, map[string]any{"command": "/check", "text": "Acme Robotics raised $6 million in seed funding", "user_id": reporter, "channel_id": "C2"})
	eph = h.slack.WaitFor(func(c fakeslack.Call) bool { return c.Method == "chat.postEphemeral" && c.Get("channel") == "C2" })
	if text := blockTexts(t, eph.Get("blocks")); !strings.HasPrefix(text, "*Not found") || strings.Contains(text, "Acme Robotics, a Lagos") {
		t.Errorf("out of scope, the check shows:\n%s", text)
	}
}

func TestCheckMessageShortcut(t *testing.T) {
	h := startDeskBot(t)
	h.slack.Send("interactive", "sc1", 0, map[string]any{"type": "message_action", "callback_id": "check_archive", "trigger_id": "1.2",
		"user": map[string]any{"id": reporter}, "channel": map[string]any{"id": "C1"},
		"message": map[string]any{"type": "message", "ts": "100.1", "text": "Tip: Acme signed a four-year lease on a factory"}})
	eph := h.slack.WaitFor(func(c fakeslack.Call) bool { return c.Method == "chat.postEphemeral" && c.Get("blocks") != "" })
	text := blockTexts(t, eph.Get("blocks"))
	if !strings.HasPrefix(text, "*Supported by [1]*") || !strings.Contains(text, "four-year lease") {
		t.Errorf("shortcut answer:\n%s", text)
	}
}
