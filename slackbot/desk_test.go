package slackbot

import (
	"encoding/json"
	"github.com/newsroom/askbot/retrieval"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsroom/askbot/audit"
	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/internal/testutil/fakeslack"
)

// startDeskBot runs a bot over the desk's fixture corpus; channel C2 may
// not see the startup's articles.
func startDeskBot(t *testing.T) *harness {
	return startFiledBot(t, func(c *Config) {
		c.CorpusDir = "../desk/testdata/corpus"
		c.Scope = func(channel, user string, _ bool) (retrieval.Asker, string) {
			if channel == "C2" {
				return func(any) ([]string, error) { return []string{""}, nil }, "the parks desk"
			}
			return nil, "all documents"
		}
	}, func(d *corpus.Document) string {
		if strings.Contains(d.ID, "acme") {
			return "startups"
		}
		return ""
	})
}

func TestCheckSlashCommand(t *testing.T) {
	h := startDeskBot(t)
	h.slack.Send("slash_commands", "chk1", 0, map[string]any{"command": "/check", "text": "Acme Robotics raised $6 million in seed funding", "user_id": reporter, "channel_id": "C1"})
	eph := h.slack.WaitFor(func(c fakeslack.Call) bool { return c.Method == "chat.postEphemeral" && c.Get("blocks") != "" })
	text := blockTexts(t, eph.Get("blocks"))
	if eph.Get("user") != reporter || !strings.HasPrefix(text, "*Contradicted by [1], [2]: the documents say $5.3 million*") {
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

// Every user action is audited, each within audit.MaxEntry: /check, the
// message shortcut, /ask (a 64 KiB one too), Share in channel, feedback,
// commands and uploads (refused ones too).
func TestAuditLogRecordsEveryAction(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	log, err := audit.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	h := startBot(t, func(c *Config) { c.CorpusDir = "../desk/testdata/corpus"; c.Audit = log })
	ephemeral := func(n int) fakeslack.Call {
		h.slack.WaitFor(func(fakeslack.Call) bool { return len(h.slack.CallsTo("chat.postEphemeral")) >= n })
		return h.slack.CallsTo("chat.postEphemeral")[n-1]
	}
	h.slack.Send("slash_commands", "a1", 0, map[string]any{"command": "/check", "text": "Acme Robotics raised $6 million in seed funding", "user_id": reporter, "channel_id": "C1"})
	ephemeral(1)
	h.slack.Send("interactive", "a2", 0, map[string]any{"type": "message_action", "callback_id": "check_archive", "trigger_id": "1.2",
		"user": map[string]any{"id": reporter}, "channel": map[string]any{"id": "C1"},
		"message": map[string]any{"type": "message", "ts": "100.1", "text": "Tip: Acme signed a four-year lease on a factory"}})
	ephemeral(2)
	h.slack.Send("slash_commands", "a3", 0, map[string]any{"command": "/ask", "text": "Who leads Acme Robotics?", "user_id": reporter, "channel_id": "C1"})
	id := answerID(t, ephemeral(3).Get("blocks"))
	press := func(env, action string) {
		h.slack.Send("interactive", env, 0, map[string]any{"type": "block_actions", "user": map[string]any{"id": reporter}, "channel": map[string]any{"id": "C1"},
			"actions": []any{map[string]any{"action_id": action, "block_id": "answer_actions", "value": id, "type": "button"}}})
	}
	press("a4", actionShare)
	h.slack.WaitFor(func(c fakeslack.Call) bool { return c.Method == "chat.postMessage" && c.Get("channel") == "C1" })
	press("a5", actionFeedbackUp)
	ephemeral(4)
	// 64 KiB, eight times an entry's bound: cut as 1 MB is (which
	// docs/operations.md measured), and quick enough under -race on two
	// busy cores.
	huge := "Who leads Acme Robotics? " + strings.Repeat("x", 64<<10)
	h.slack.Send("slash_commands", "a6", 0, map[string]any{"command": "/ask", "text": huge, "user_id": reporter, "channel_id": "C1"})
	ephemeral(5)
	h.slack.Send("slash_commands", "a7", 0, map[string]any{"command": "/ask", "text": "reload", "user_id": reporter, "channel_id": "C1"})
	ephemeral(6)
	h.mention(t, "Ev8", reporter, "C1", "800.1", "", "status", 0)
	h.slack.WaitFor(func(c fakeslack.Call) bool {
		return c.Method == "chat.postMessage" && strings.HasPrefix(c.Get("text"), "Corpus:")
	})
	h.slack.Send("events_api", "a9", 0, fakeslack.Event("Ev9", map[string]any{
		"type": "message", "subtype": "file_share", "channel_type": "im", "channel": "C1", "user": reporter, "text": "", "ts": "900.1",
		"files": []any{map[string]any{"id": "F1", "name": "bridge.txt"}}}))
	h.slack.WaitFor(func(c fakeslack.Call) bool {
		return strings.Contains(c.Get("text"), "only the bot's admins can add files")
	})
	h.cancel()
	<-h.stopped
	raw, _ := os.ReadFile(path)
	var vias []string
	for _, line := range strings.SplitAfter(strings.TrimSuffix(string(raw), "\n"), "\n") {
		if len(line) > audit.MaxEntry {
			t.Errorf("an entry of %d bytes, over %d: %.200s…", len(line), audit.MaxEntry, line)
		}
		var r audit.Record
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("audit line %.200q: %v", line, err)
		}
		if r.User != reporter || r.Channel != "C1" || r.Searched != "all documents" {
			t.Errorf("audit record %+v", r)
		}
		vias = append(vias, r.Via+":"+r.Outcome)
		switch r.Via {
		case "check", "shortcut":
			if r.Kind != "check" || r.Question == "" || len(r.Cited) == 0 {
				t.Errorf("%s record %+v", r.Via, r)
			}
		case "share", "feedback":
			if r.AnswerID != id || r.Question != "Who leads Acme Robotics?" {
				t.Errorf("%s record %+v", r.Via, r)
			}
		case "slash":
			if len(r.Question) > 1000 {
				t.Logf("a %d-byte /ask: an entry of %d bytes", len(huge), len(line))
			}
			if len(r.Question) > 1000 && !strings.Contains(r.Question, "…[cut: ") {
				t.Errorf("the long question is not marked as cut: …%q", r.Question[len(r.Question)-40:])
			}
		}
	}
	if want := []string{"check:contradicted", "shortcut:supported", "slash:", "share:shared", "feedback:up", "slash:", "slash:reload refused: not an admin",
		"mention:status", "upload:refused: not an admin"}; !slices.Equal(vias, want) {
		t.Errorf("audited %q, want %q", vias, want)
	}
}

// The desk's tools answer where reporters ask: a mention, a DM and /ask
// routed by desk.RouteOf, and /quotes.
func TestDeskToolsWhereReportersAsk(t *testing.T) {
	h := startDeskBot(t)
	// a mention asking for a timeline
	h.mention(t, "Ev1", reporter, "C1", "100.1", "", "timeline of Acme Robotics", 0)
	text := blockTexts(t, h.finalAnswer(t, "C1", "100.1").Get("blocks"))
	for _, want := range []string{"Timeline of Acme Robotics", "Nov 2, 2023 — “The company signed a four-year lease", "Nov 20, 2023 — “The board of Acme Robotics removed"} {
		if !strings.Contains(text, want) {
			t.Errorf("timeline lacks %q:\n%s", want, text)
		}
	}
	if strings.Index(text, "Nov 2, 2023") > strings.Index(text, "Nov 20, 2023") || strings.Contains(text, "Do you work at") {
		t.Errorf("timeline out of order or with a tip box:\n%s", text)
	}
	// a DM asking what someone said
	h.slack.Send("events_api", "env2", 0, fakeslack.Event("Ev2", map[string]any{
		"type": "message", "channel_type": "im", "channel": "D1", "user": reporter, "text": "what did Tom Reyes say about the board", "ts": "300.1", "event_ts": "300.1"}))
	text = blockTexts(t, h.finalAnswer(t, "D1", "").Get("blocks"))
	if !strings.Contains(text, "What Tom Reyes said about “the board”") || !strings.Contains(text, "Tom Reyes: “The board acted within its rights") || strings.Contains(text, "surprised") {
		t.Errorf("who said it in a DM:\n%s", text)
	}
	// /ask, from a channel that may not see the startup's articles
	h.slack.Send("slash_commands", "env3", 0, map[string]any{"command": "/ask", "text": "what's happened with Acme Robotics so far", "user_id": reporter, "channel_id": "C2", "response_url": h.slack.URL + "/respond"})
	eph := h.slack.WaitFor(func(c fakeslack.Call) bool { return c.Method == "chat.postEphemeral" && c.Get("channel") == "C2" })
	if text := blockTexts(t, eph.Get("blocks")); strings.Contains(text, "Acme Robotics removed") || strings.Contains(text, "Timeline of") {
		t.Errorf("out of scope, /ask shows:\n%s", text)
	}
	// /quotes NAME about TOPIC, to the asker alone
	h.slack.Send("slash_commands", "env4", 0, map[string]any{"command": "/quotes", "text": "Jane Okafor", "user_id": reporter, "channel_id": "C1"})
	eph = h.slack.WaitFor(func(c fakeslack.Call) bool {
		return c.Method == "chat.postEphemeral" && c.Get("channel") == "C1" && strings.Contains(c.Get("blocks"), "Okafor")
	})
	text = blockTexts(t, eph.Get("blocks"))
	if eph.Get("user") != reporter || !strings.Contains(text, "Jane Okafor: “We are building robots") || strings.Contains(text, "We should have waited") {
		t.Errorf("/quotes:\n%s", text)
	}
}
