package slackbot

import (
	"encoding/json"
	"errors"
	"fmt"
	"github.com/newsroom/askbot/retrieval"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsroom/askbot/access"
	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/audit"
	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/internal/testutil/fakeslack"
)

const (
	member   = "UINV1"
	leakWord = "Quayside"
	leakQ    = "Who was awarded the harbour dredging contract without a tender?"
)

// deskCorpus has an open politics briefing and a restricted leak that
// answers leakQ word for word.
func deskCorpus(t *testing.T) string {
	dir := seedDir(t)
	os.MkdirAll(filepath.Join(dir, "politics"), 0o755)
	os.MkdirAll(filepath.Join(dir, "investigations"), 0o755)
	os.WriteFile(filepath.Join(dir, "politics", "briefing.md"), []byte("---\ntitle: Council briefing\n---\nThe council will debate the harbour budget on Monday.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "investigations", "leak.md"), []byte("---\ntitle: Dredging memo\n---\nThe harbour dredging contract was awarded to "+leakWord+" Holdings without a tender, the memo says.\n"), 0o644)
	return dir
}

// deskBot runs a bot whose channels see collections by policy.
func deskBot(t *testing.T) (*harness, *atomic.Pointer[access.Policy]) {
	var policy atomic.Pointer[access.Policy]
	policy.Store(&access.Policy{
		Collections: []access.Collection{
			{Name: "politics", Path: "politics"},
			{Name: "investigations", Path: "investigations", Restricted: true, Members: []string{member}},
		},
		Channels: map[string][]string{"CGENERAL": {"politics"}, "CINVEST": {"investigations", "politics"}},
	})
	dir := deskCorpus(t)
	h := startFiledBot(t, func(c *Config) {
		c.CorpusDir = dir
		c.Scope = func(channel, user string, dm bool) (retrieval.Asker, string) {
			s := policy.Load().Scope(access.Place{Channel: channel, User: user, DM: dm})
			return func(any) ([]string, error) { return s.SearchCollections(), nil }, s.String()
		}
	}, func(d *corpus.Document) string { return policy.Load().CollectionOf(d) })
	return h, &policy
}

func cites(t *testing.T, c fakeslack.Call) bool {
	t.Helper()
	text := blockTexts(t, c.Get("blocks"))
	return strings.Contains(text, leakWord) || strings.Contains(text, "investigations/leak.md")
}

func dm(h *harness, eventID, channel, user, ts, thread, text string) {
	ev := map[string]any{"type": "message", "channel_type": "im", "channel": channel, "user": user, "text": text, "ts": ts, "event_ts": ts}
	if thread != "" {
		ev["thread_ts"] = thread
	}
	h.slack.Send("events_api", "env-"+eventID, 0, fakeslack.Event(eventID, ev))
}

func TestRestrictedDocumentsStayInTheirChannels(t *testing.T) {
	h, _ := deskBot(t)
	// Its own channel cites it; the general channel, an unlisted channel
	// and its thread follow-up never do.
	h.mention(t, "Ev1", reporter, "CINVEST", "100.1", "", leakQ, 0)
	if !cites(t, h.finalAnswer(t, "CINVEST", "100.1")) {
		t.Error("the investigations channel does not see its own document")
	}
	for i, ch := range []string{"CGENERAL", "CRANDOM"} {
		ts := []string{"200.1", "300.1"}[i]
		h.mention(t, "Ev2"+ch, member, ch, ts, "", leakQ, 0)
		if got := h.finalAnswer(t, ch, ts); cites(t, got) {
			t.Errorf("%s cites the restricted document:\n%s", ch, blockTexts(t, got.Get("blocks")))
		}
	}
	h.mention(t, "Ev4", reporter, "CGENERAL", "200.2", "200.1", "And who got the dredging contract without a tender?", 0)
	if got := h.finalAnswer(t, "CGENERAL", "200.1"); cites(t, got) {
		t.Error("a thread follow-up in the general channel cites the restricted document")
	}
	// A member's DM cites it; a non-member's does not.
	dm(h, "Ev5", "DMEMBER", member, "400.1", "", leakQ)
	if !cites(t, h.finalAnswer(t, "DMEMBER", "")) {
		t.Error("a member's DM does not see the restricted document")
	}
	dm(h, "Ev6", "DOTHER", reporter, "500.1", "", leakQ)
	if got := h.finalAnswer(t, "DOTHER", ""); cites(t, got) {
		t.Error("a non-member's DM cites the restricted document")
	}
	// Status says what each place searches.
	h.mention(t, "Ev7", reporter, "CGENERAL", "600.1", "", "status", 0)
	h.slack.WaitFor(func(c fakeslack.Call) bool {
		return c.Get("channel") == "CGENERAL" && strings.Contains(c.Get("text"), "Searched here: politics, and documents outside every collection")
	})
}

// Share re-checks the channel's access when pressed: an answer citing a
// document the channel may no longer see is not shared.
func TestShareRechecksAccess(t *testing.T) {
	h, policy := deskBot(t)
	h.slack.Send("slash_commands", "env1", 0, map[string]any{"command": "/ask", "text": leakQ, "user_id": member, "channel_id": "CINVEST"})
	eph := h.slack.WaitFor(func(c fakeslack.Call) bool { return c.Method == "chat.postEphemeral" && c.Get("blocks") != "" })
	if !cites(t, eph) {
		t.Fatalf("the /ask answer in its own channel does not cite the document:\n%s", blockTexts(t, eph.Get("blocks")))
	}
	id := answerID(t, eph.Get("blocks"))
	// The desk's channel loses the collection (a reload with a new config).
	p := *policy.Load()
	p.Channels = map[string][]string{"CGENERAL": {"politics"}, "CINVEST": {"politics"}}
	policy.Store(&p)
	h.slack.Send("interactive", "env2", 0, map[string]any{"type": "block_actions", "user": map[string]any{"id": member}, "channel": map[string]any{"id": "CINVEST"},
		"actions": []any{map[string]any{"action_id": actionShare, "block_id": "answer_actions", "value": id, "type": "button"}}})
	h.slack.WaitFor(func(c fakeslack.Call) bool {
		return c.Method == "chat.postEphemeral" && strings.Contains(c.Get("text"), "cannot be shared here")
	})
	for _, c := range h.slack.CallsTo("chat.postMessage") {
		if c.Get("channel") == "CINVEST" && cites(t, c) {
			t.Error("the answer was shared in a channel that may not see it")
		}
	}
}

func TestAuditLogRecordsEachAnswer(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	log, err := audit.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	h := startBot(t, func(c *Config) { c.Audit = log })
	h.mention(t, "Ev1", reporter, "C1", "100.1", "", "Who denied meeting Russian officials?", 0)
	id := answerID(t, h.finalAnswer(t, "C1", "100.1").Get("blocks"))
	h.cancel()
	<-h.stopped
	raw, _ := os.ReadFile(path)
	var r audit.Record
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatalf("audit line %q: %v", raw, err)
	}
	if r.User != reporter || r.Channel != "C1" || r.Via != "mention" || r.AnswerID != id || r.Kind != "extractive" || len(r.Cited) == 0 || r.Cited[0].Paragraph == 0 || r.Searched != "all documents" {
		t.Errorf("audit record %+v", r)
	}
	if strings.Contains(string(raw), "xoxb") || strings.Contains(string(raw), "xapp") {
		t.Error("the audit log holds a token")
	}
}

// Through Slack too: an embargoed document is not cited a second before
// its time and is cited a second after, with no reload; a withdrawn one is
// never cited, and status counts both.
func TestEmbargoThroughSlack(t *testing.T) {
	dir := seedDir(t)
	os.WriteFile(filepath.Join(dir, "release.md"), []byte("---\ntitle: Merger release\nembargo: 2026-12-01T09:00:00Z\n---\nAcme Corp will merge with Globex in a deal worth 4 billion dollars.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "bridge.txt"), []byte("Bridge story\n\nThe mayor closed the Elm Street bridge after an inspection found cracks.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "bridge.txt.meta.yaml"), []byte("withdrawn: true\n"), 0o644)
	embargo := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	var now atomic.Pointer[time.Time]
	before := embargo.Add(-time.Second)
	now.Store(&before)
	h := startBotWith(t, func(c *Config) { c.CorpusDir = dir }, func(e *answer.Engine) { e.Now = func() time.Time { return *now.Load() } })
	const merger = "How much is the Acme Corp merger with Globex worth?"
	h.mention(t, "Ev1", reporter, "C1", "100.1", "", merger, 0)
	if text := blockTexts(t, h.finalAnswer(t, "C1", "100.1").Get("blocks")); strings.Contains(text, "4 billion") {
		t.Errorf("cited a second before the embargo:\n%s", text)
	}
	after := embargo.Add(time.Second)
	now.Store(&after)
	h.mention(t, "Ev2", reporter, "C1", "200.1", "", merger, 0)
	if text := blockTexts(t, h.finalAnswer(t, "C1", "200.1").Get("blocks")); !strings.Contains(text, "4 billion") {
		t.Errorf("not cited a second after the embargo:\n%s", text)
	}
	h.mention(t, "Ev3", reporter, "C1", "300.1", "", "Why did the mayor close the Elm Street bridge?", 0)
	if text := blockTexts(t, h.finalAnswer(t, "C1", "300.1").Get("blocks")); strings.Contains(text, "cracks") {
		t.Errorf("a withdrawn document is cited:\n%s", text)
	}
	h.mention(t, "Ev4", admin, "C1", "400.1", "", "status", 0)
	h.slack.WaitFor(func(c fakeslack.Call) bool { return strings.Contains(c.Get("text"), "(1 withdrawn,") })
}

// Only the asker's own DM with the bot sees their restricted collections: a
// member's /ask in a DM between two people (its ID starts with D too) is
// answered, and shared, as in a channel; in their DM with the bot it is
// not. What is the bot's DM with whom is asked of Slack once per user.
func TestDMBetweenPeopleIsNotTheBotsDM(t *testing.T) {
	h, _ := deskBot(t)
	h.slack.SetIM(member, "DBOTMEMBER")
	ask := func(env, channel string) fakeslack.Call {
		n := len(h.slack.CallsTo("chat.postEphemeral"))
		h.slack.Send("slash_commands", env, 0, map[string]any{"command": "/ask", "text": leakQ, "user_id": member, "channel_id": channel, "channel_name": "directmessage"})
		h.slack.WaitFor(func(fakeslack.Call) bool { return len(h.slack.CallsTo("chat.postEphemeral")) > n })
		return h.slack.CallsTo("chat.postEphemeral")[n]
	}
	eph := ask("env1", "DPEOPLE")
	if cites(t, eph) {
		t.Errorf("a member's /ask in a DM between two people cites the restricted document:\n%s", blockTexts(t, eph.Get("blocks")))
	}
	h.slack.Send("interactive", "env2", 0, map[string]any{"type": "block_actions", "user": map[string]any{"id": member}, "channel": map[string]any{"id": "DPEOPLE"},
		"actions": []any{map[string]any{"action_id": actionShare, "block_id": "answer_actions", "value": answerID(t, eph.Get("blocks")), "type": "button"}}})
	if shared := h.slack.WaitFor(func(c fakeslack.Call) bool { return c.Method == "chat.postMessage" && c.Get("channel") == "DPEOPLE" }); cites(t, shared) {
		t.Error("Share posted restricted quotes in a DM between two people")
	}
	h.slack.Send("slash_commands", "env3", 0, map[string]any{"command": "/ask", "text": "status", "user_id": member, "channel_id": "DPEOPLE", "channel_name": "directmessage"})
	h.slack.WaitFor(func(c fakeslack.Call) bool {
		return c.Method == "chat.postEphemeral" && strings.Contains(c.Get("text"), "Searched here: politics, and documents outside every collection.")
	})
	if eph := ask("env4", "DBOTMEMBER"); !cites(t, eph) {
		t.Errorf("a member's /ask in their DM with the bot does not see the restricted document:\n%s", blockTexts(t, eph.Get("blocks")))
	}
	if n := len(h.slack.CallsTo("conversations.open")); n != 1 {
		t.Errorf("conversations.open called %d times for one user, want 1 (remembered)", n)
	}
}

// A failed reload asked for in a channel counts only the documents that
// channel may search (not the restricted ones).
func TestReloadFailureCountsTheChannelsDocuments(t *testing.T) {
	h, policy := deskBot(t)
	h.reloadErr.Store(errors.New("load corpus: disk on fire"))
	all, _ := h.engine.Describe(t.Context())
	here, _ := h.engine.Scope(t.Context(), answer.Request{Collections: policy.Load().Scope(access.Place{Channel: "CGENERAL"}).SearchCollections()})
	if here.Documents >= all.Documents {
		t.Fatalf("the fixture: CGENERAL sees %d documents of %d", here.Documents, all.Documents)
	}
	h.mention(t, "Ev1", admin, "CGENERAL", "100.1", "", "reload", 0)
	done := h.slack.WaitFor(func(c fakeslack.Call) bool { return strings.Contains(c.Get("text"), "Reload failed") })
	if want := fmt.Sprintf("(%d documents,", here.Documents); !strings.Contains(done.Get("text"), want) {
		t.Errorf("reload failure in CGENERAL: %q, want %q", done.Get("text"), want)
	}
}
