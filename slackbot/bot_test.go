package slackbot

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/internal/testutil/fakeslack"
)

// blockTexts extracts every text of a Block Kit JSON array.
func blockTexts(t *testing.T, blocks string) string {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(blocks), &v); err != nil {
		t.Fatalf("blocks are not JSON: %v", err)
	}
	var texts []string
	var walk func(any)
	walk = func(x any) {
		switch x := x.(type) {
		case map[string]any:
			if s, ok := x["text"].(string); ok {
				texts = append(texts, s)
			}
			for _, v := range x {
				walk(v)
			}
		case []any:
			for _, v := range x {
				walk(v)
			}
		}
	}
	walk(v)
	return strings.Join(texts, "\n")
}

func TestMentionIsAnsweredInThread(t *testing.T) {
	h := startBot(t, nil)
	h.mention(t, "Ev1", reporter, "C1", "100.1", "", "Who denied meeting Russian officials?", 0)
	got := h.finalAnswer(t, "C1", "100.1")
	text := blockTexts(t, got.Get("blocks"))
	for _, want := range []string{"just complete garbage", "[1]", "Sources", "Times of Israel", "paragraphs 4, 5", "Corpus: 1 documents", "Helpful"} {
		if !strings.Contains(text, want) {
			t.Errorf("answer lacks %q:\n%s", want, text)
		}
	}
	// One line per document: the quotes above are its excerpts.
	if n := strings.Count(text, "000_09882ac5bc3d6676.txt"); n != 1 {
		t.Errorf("the document is listed %d times, want once:\n%s", n, text)
	}
	// The placeholder came first, in the thread, and a reaction showed the bot was working.
	first := h.slack.CallsTo("chat.postMessage")[0]
	if first.Get("thread_ts") != "100.1" || !strings.Contains(first.Get("text"), "Looking through the documents") {
		t.Errorf("first message %+v", first.Form)
	}
	h.slack.WaitFor(func(c fakeslack.Call) bool { return c.Method == "reactions.add" && c.Get("timestamp") == "100.1" })
}

func TestNotInTheDocuments(t *testing.T) {
	h := startBot(t, nil)
	h.mention(t, "Ev1", reporter, "C1", "100.1", "", "What did Angela Merkel say about Trump's victory?", 0)
	text := blockTexts(t, h.finalAnswer(t, "C1", "100.1").Get("blocks"))
	if !strings.Contains(text, "documents don't say") || strings.Contains(text, "Sources") {
		t.Errorf("want a plain not-found answer without sources:\n%s", text)
	}
}

func TestRetriedEventIsAnsweredOnce(t *testing.T) {
	h := startBot(t, nil)
	h.mention(t, "Ev1", reporter, "C1", "100.1", "", "Who denied meeting Russian officials?", 0)
	h.mention(t, "Ev1", reporter, "C1", "100.1", "", "Who denied meeting Russian officials?", 1) // Slack's retry
	h.mention(t, "Ev2", reporter, "C1", "200.1", "", "What did Maria Zakharova tell Bloomberg?", 0)
	h.finalAnswer(t, "C1", "200.1")
	h.finalAnswer(t, "C1", "100.1")
	if n := h.repliesIn("100.1"); n != 1 {
		t.Errorf("the retried event got %d replies, want 1", n)
	}
}

func TestDirectMessage(t *testing.T) {
	h := startBot(t, nil)
	h.slack.Send("events_api", "env1", 0, fakeslack.Event("Ev1", map[string]any{
		"type": "message", "channel_type": "im", "channel": "D1", "user": reporter, "text": "What did Maria Zakharova tell Bloomberg?", "ts": "300.1", "event_ts": "300.1"}))
	got := h.finalAnswer(t, "D1", "")
	if text := blockTexts(t, got.Get("blocks")); !strings.Contains(text, "normal practice") {
		t.Errorf("DM answer:\n%s", text)
	}
	// Messages from bots, the bot itself included, and edits are ignored.
	h.slack.Send("events_api", "env2", 0, fakeslack.Event("Ev2", map[string]any{
		"type": "message", "channel_type": "im", "channel": "D1", "user": fakeslack.BotUserID, "text": "Who denied meeting Russian officials?", "ts": "300.2"}))
	h.slack.Send("events_api", "env3", 0, fakeslack.Event("Ev3", map[string]any{
		"type": "message", "channel_type": "im", "channel": "D1", "bot_id": "B9", "user": "UOTHER", "text": "Who denied meeting Russian officials?", "ts": "300.3"}))
	h.slack.Send("events_api", "env4", 0, fakeslack.Event("Ev4", map[string]any{
		"type": "message", "channel_type": "im", "channel": "D1", "user": reporter, "text": "What did Maria Zakharova tell Bloomberg?", "ts": "300.4", "thread_ts": "300.1"}))
	h.finalAnswer(t, "D1", "300.1") // the threaded DM is answered in its thread…
	if n := len(h.slack.CallsTo("chat.postMessage")); n != 2 {
		t.Errorf("%d messages posted, want 2 placeholders: bot messages must be ignored", n)
	}
}

func TestSlashCommandAndShare(t *testing.T) {
	h := startBot(t, nil)
	h.slack.Send("slash_commands", "env1", 0, map[string]any{"command": "/ask", "text": "What did Maria Zakharova tell Bloomberg?", "user_id": reporter, "channel_id": "C1", "response_url": h.slack.URL + "/respond"})
	eph := h.slack.WaitFor(func(c fakeslack.Call) bool { return c.Method == "chat.postEphemeral" && c.Get("blocks") != "" })
	if eph.Get("user") != reporter || eph.Get("channel") != "C1" || !strings.Contains(blockTexts(t, eph.Get("blocks")), "Share in channel") {
		t.Fatalf("ephemeral answer %+v", eph.Form)
	}
	id := answerID(t, eph.Get("blocks"))
	// Someone else pressing Share (the answer ID leaked) is refused.
	h.slack.Send("interactive", "env1b", 0, map[string]any{"type": "block_actions", "user": map[string]any{"id": admin}, "channel": map[string]any{"id": "C1"},
		"actions": []any{map[string]any{"action_id": actionShare, "block_id": "answer_actions", "value": id, "type": "button"}}})
	h.slack.WaitFor(func(c fakeslack.Call) bool {
		return c.Method == "chat.postEphemeral" && c.Get("user") == admin && strings.Contains(c.Get("text"), "Only the person who asked")
	})
	h.slack.Send("interactive", "env2", 0, map[string]any{"type": "block_actions", "user": map[string]any{"id": reporter}, "channel": map[string]any{"id": "C1"},
		"actions": []any{map[string]any{"action_id": actionShare, "block_id": "answer_actions", "value": id, "type": "button"}}})
	shared := h.slack.WaitFor(func(c fakeslack.Call) bool { return c.Method == "chat.postMessage" && c.Get("channel") == "C1" })
	if n := len(h.slack.CallsTo("chat.postMessage")); n != 1 {
		t.Errorf("%d messages posted in the channel, want the asker's one share", n)
	}
	text := blockTexts(t, shared.Get("blocks"))
	if !strings.Contains(text, "normal practice") || !strings.Contains(text, "<@"+reporter+"> asked") || strings.Contains(text, "Share in channel") {
		t.Errorf("shared answer:\n%s", text)
	}
}

func TestFeedbackIsCounted(t *testing.T) {
	h := startBot(t, nil)
	h.mention(t, "Ev1", reporter, "C1", "100.1", "", "Who denied meeting Russian officials?", 0)
	id := answerID(t, h.finalAnswer(t, "C1", "100.1").Get("blocks"))
	for i, action := range []string{actionFeedbackUp, actionFeedbackDown, actionFeedbackUp} {
		h.slack.Send("interactive", "fb"+string(rune('0'+i)), 0, map[string]any{"type": "block_actions", "user": map[string]any{"id": reporter}, "channel": map[string]any{"id": "C1"},
			"actions": []any{map[string]any{"action_id": action, "block_id": "answer_actions", "value": id, "type": "button"}}})
	}
	h.slack.WaitFor(func(c fakeslack.Call) bool { return len(h.slack.CallsTo("chat.postEphemeral")) == 3 })
	metrics := scrape(t, h.bot)
	for _, want := range []string{`newsroom_bot_feedback_total{vote="up"} 2`, `newsroom_bot_feedback_total{vote="down"} 1`, `newsroom_bot_questions_total{kind="extractive",via="mention"} 1`, "newsroom_bot_answer_seconds_bucket"} {
		if !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func scrape(t *testing.T, b *Bot) string {
	t.Helper()
	resp, err := http.Get("http://" + b.Addr() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return string(raw)
}

func TestFollowUpInThread(t *testing.T) {
	h := startBot(t, nil)
	h.slack.SetReplies("100.1",
		map[string]any{"type": "message", "user": reporter, "text": "<@UBOT> What did Sergei Ryabkov say?", "ts": "100.1"},
		map[string]any{"type": "message", "user": fakeslack.BotUserID, "bot_id": "B1", "text": "“Russia had contacts with Trump team, this work is continuing.” [1]", "ts": "100.2", "thread_ts": "100.1"},
		map[string]any{"type": "message", "user": reporter, "text": "<@UBOT> What did he add?", "ts": "100.3", "thread_ts": "100.1"},
	)
	h.mention(t, "Ev1", reporter, "C1", "100.3", "100.1", "What did he add?", 0)
	text := blockTexts(t, h.finalAnswer(t, "C1", "100.1").Get("blocks"))
	if !strings.Contains(text, "contacts") {
		t.Errorf("the follow-up lost the thread's topic:\n%s", text)
	}
	if len(h.slack.CallsTo("conversations.replies")) != 1 {
		t.Error("the thread was not read")
	}
}

// seedDir is a corpus directory holding the seed article.
func seedDir(t *testing.T) string {
	dir := t.TempDir()
	seed, err := os.ReadFile("../corpus/bundled/000_09882ac5bc3d6676.txt")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "seed.txt"), seed, 0o644)
	return dir
}

func TestAdminReload(t *testing.T) {
	dir := seedDir(t)
	h := startBot(t, func(c *Config) { c.CorpusDir = dir })

	// A reporter is refused and nothing runs.
	h.mention(t, "Ev1", reporter, "C1", "100.1", "", "reload", 0)
	h.slack.WaitFor(func(c fakeslack.Call) bool { return strings.Contains(c.Get("text"), "only the bot's admins") })
	if h.reloads.Load() != 0 {
		t.Error("a non-admin ran a reload")
	}
	{ // An admin's reload picks up a new document.
		os.WriteFile(filepath.Join(dir, "port.md"), []byte("---\ntitle: Port strike ends\nsource: Harbour Times\n---\nDock workers returned to work on Monday.\n"), 0o644)
		h.mention(t, "Ev2", admin, "C1", "200.1", "", "reload", 0)
		done := h.slack.WaitFor(func(c fakeslack.Call) bool {
			return c.Method == "chat.update" && strings.Contains(c.Get("text"), "Reloaded")
		})
		if !strings.Contains(done.Get("text"), "Added: 1 (port.md)") {
			t.Errorf("reload summary %q", done.Get("text"))
		}
		h.mention(t, "Ev3", reporter, "C1", "300.1", "", "When did the dock workers return to work?", 0)
		if text := blockTexts(t, h.finalAnswer(t, "C1", "300.1").Get("blocks")); !strings.Contains(text, "Monday") {
			t.Errorf("the new document is not answered from:\n%s", text)
		}
	}
	{ // A failed reload keeps the old index serving.
		h.reloadErr.Store(errors.New("load corpus: disk on fire"))
		before := h.local.Index()
		h.mention(t, "Ev4", admin, "C1", "400.1", "", "reload", 0)
		h.slack.WaitFor(func(c fakeslack.Call) bool {
			return c.Method == "chat.update" && strings.Contains(c.Get("text"), "Reload failed: load corpus: disk on fire") && strings.Contains(c.Get("text"), "Still answering from the previous index")
		})
		if h.local.Index() != before {
			t.Error("a failed reload replaced the index")
		}
	}
}

// A reload whose index could not be saved says so, and status keeps
// saying so; a second reload asked for while one runs gets its result.
func TestReloadNotSavedAndSecondRequest(t *testing.T) {
	dir := seedDir(t)
	h := startBot(t, func(c *Config) { c.CorpusDir = dir })
	h.saveErr.Store(errors.New("write snapshot: no space left on device"))
	h.reloadGate = make(chan struct{})
	h.mention(t, "Ev1", admin, "C1", "100.1", "", "reload", 0)
	h.slack.WaitFor(func(c fakeslack.Call) bool { return strings.Contains(c.Get("text"), "Reloading the corpus") })
	h.mention(t, "Ev2", admin, "C2", "200.1", "", "reload", 0)
	h.slack.WaitFor(func(c fakeslack.Call) bool {
		return c.Get("channel") == "C2" && strings.Contains(c.Get("text"), "already running")
	})
	close(h.reloadGate)
	done := h.slack.WaitFor(func(c fakeslack.Call) bool {
		return c.Method == "chat.update" && strings.Contains(c.Get("text"), "Reloaded")
	})
	if text := done.Get("text"); !strings.Contains(text, "could not be saved (write snapshot: no space left on device)") || strings.Contains(text, ":white_check_mark:") {
		t.Errorf("reload reply %q does not say the index was not saved", text)
	}
	h.slack.WaitFor(func(c fakeslack.Call) bool {
		return c.Method == "chat.postMessage" && c.Get("channel") == "C2" && c.Get("thread_ts") == "200.1" && strings.Contains(c.Get("text"), "Reloaded")
	})
	h.mention(t, "Ev3", reporter, "C1", "300.1", "", "status", 0)
	h.slack.WaitFor(func(c fakeslack.Call) bool {
		return strings.Contains(c.Get("text"), "Corpus:") && strings.Contains(c.Get("text"), "The index is not saved (write snapshot: no space left on device)")
	})
}

func TestUploadByAdmin(t *testing.T) {
	dir := seedDir(t)
	h := startBot(t, func(c *Config) { c.CorpusDir = dir })
	h.slack.AddFile(fakeslack.File{ID: "F1", Name: "bridge.txt", Content: []byte("Bridge reopens\nThe Elm Street bridge reopened on Thursday after repairs.")})
	h.slack.AddFile(fakeslack.File{ID: "F2", Name: "photo.png", Content: []byte("\x89PNG")})
	h.slack.Send("events_api", "env1", 0, fakeslack.Event("Ev1", map[string]any{
		"type": "message", "subtype": "file_share", "channel_type": "im", "channel": "D1", "user": admin, "text": "", "ts": "500.1",
		"files": []any{map[string]any{"id": "F1", "name": "bridge.txt"}, map[string]any{"id": "F2", "name": "photo.png"}}}))
	h.slack.WaitFor(func(c fakeslack.Call) bool {
		return c.Method == "chat.update" && strings.Contains(c.Get("text"), "Reloaded")
	})
	if raw, err := os.ReadFile(filepath.Join(dir, "bridge.txt")); err != nil || !strings.Contains(string(raw), "Elm Street") {
		t.Fatalf("uploaded file not stored: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "photo.png")); err == nil {
		t.Error("an unsupported file was stored")
	}
	h.slack.WaitFor(func(c fakeslack.Call) bool { return strings.Contains(c.Get("text"), "Not added: photo.png") })

	// A reporter's upload is refused and nothing is downloaded.
	h.slack.Send("events_api", "env2", 0, fakeslack.Event("Ev2", map[string]any{
		"type": "message", "subtype": "file_share", "channel_type": "im", "channel": "D2", "user": reporter, "text": "", "ts": "600.1",
		"files": []any{map[string]any{"id": "F1", "name": "bridge.txt"}}}))
	h.slack.WaitFor(func(c fakeslack.Call) bool {
		return c.Get("channel") == "D2" && strings.Contains(c.Get("text"), "only the bot's admins")
	})
	if n := len(h.slack.CallsTo("file download")); n != 1 {
		t.Errorf("%d downloads, want 1", n)
	}
}

// A file served larger than announced is cut off at the size limit while it
// streams, and a file the loader would skip is refused at upload time.
func TestUploadsAreCheckedWhileStored(t *testing.T) {
	dir := seedDir(t)
	h := startBot(t, func(c *Config) { c.CorpusDir = dir })
	h.slack.AddFile(fakeslack.File{ID: "F1", Name: "huge.txt", Content: []byte("Huge\n"), Padding: corpus.DefaultMaxFileBytes + 1, AnnouncedSize: 100})
	h.slack.AddFile(fakeslack.File{ID: "F2", Name: "binary.txt", Content: []byte("looks like text\x00\x01\x02\x89PNG")})
	h.slack.Send("events_api", "env1", 0, fakeslack.Event("Ev1", map[string]any{
		"type": "message", "subtype": "file_share", "channel_type": "im", "channel": "D1", "user": admin, "text": "", "ts": "500.1",
		"files": []any{map[string]any{"id": "F1", "name": "huge.txt"}, map[string]any{"id": "F2", "name": "binary.txt"}}}))
	msg := h.slack.WaitFor(func(c fakeslack.Call) bool { return strings.Contains(c.Get("text"), "Not added") })
	if text := msg.Get("text"); !strings.Contains(text, "huge.txt (larger than 32 MB)") || !strings.Contains(text, "binary.txt (binary content") {
		t.Errorf("refusal %q", text)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() == "huge.txt" || e.Name() == "binary.txt" || strings.HasPrefix(e.Name(), ".upload-") {
			t.Errorf("%s left in the corpus", e.Name())
		}
	}
	if h.reloads.Load() != 0 {
		t.Error("a reload ran though nothing was added")
	}
}

func TestStatusAndChannelRestriction(t *testing.T) {
	h := startBot(t, func(c *Config) { c.Channels = []string{"CNEWS"} })
	h.mention(t, "Ev1", reporter, "COTHER", "100.1", "", "Who denied meeting Russian officials?", 0)
	h.slack.WaitFor(func(c fakeslack.Call) bool { return strings.Contains(c.Get("text"), "I answer questions in <#CNEWS>") })
	h.mention(t, "Ev2", reporter, "CNEWS", "200.1", "", "status", 0)
	h.slack.WaitFor(func(c fakeslack.Call) bool {
		return strings.Contains(c.Get("text"), "Corpus: 1 documents") && strings.Contains(c.Get("text"), "glove") && strings.Contains(c.Get("text"), "extractive")
	})
}

func TestUserRateLimit(t *testing.T) {
	h := startBot(t, func(c *Config) { c.UserRate = 1 })
	h.mention(t, "Ev1", reporter, "C1", "100.1", "", "Who denied meeting Russian officials?", 0)
	h.mention(t, "Ev2", reporter, "C1", "200.1", "", "What did Maria Zakharova tell Bloomberg?", 0)
	// The two are handled concurrently: whichever comes second waits.
	limited := h.slack.WaitFor(func(c fakeslack.Call) bool { return strings.Contains(c.Get("text"), "please wait") })
	other := map[string]string{"100.1": "200.1", "200.1": "100.1"}[limited.Get("thread_ts")]
	if other == "" {
		t.Fatalf("the limit was posted in thread %q", limited.Get("thread_ts"))
	}
	h.finalAnswer(t, "C1", other)
}

func TestSlackRateLimitIsWaitedOut(t *testing.T) {
	h := startBot(t, nil)
	h.slack.RateLimitNextPost()
	h.mention(t, "Ev1", reporter, "C1", "100.1", "", "Who denied meeting Russian officials?", 0)
	h.finalAnswer(t, "C1", "100.1")
	if len(h.slack.CallsTo("chat.postMessage (rate limited)")) != 1 {
		t.Error("the 429 was not seen")
	}
	// The rate-limited post itself was retried (not replaced by a later
	// fresh post of the answer): the placeholder was posted after all.
	placeholders := 0
	for _, c := range h.slack.CallsTo("chat.postMessage") {
		if strings.Contains(c.Get("text"), "Looking through the documents") {
			placeholders++
		}
	}
	if placeholders != 1 {
		t.Errorf("%d placeholders posted after the 429, want the retried one", placeholders)
	}
}

// Readiness: false before the bot runs, true once Socket Mode is connected
// and questions are answered, false again once shutdown begins; liveness
// stays true.
func TestReadyz(t *testing.T) {
	readyz := func(b *Bot) (int, string) {
		rec := httptest.NewRecorder()
		b.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/readyz", nil))
		return rec.Code, rec.Body.String()
	}
	h := startBot(t, nil)
	idle, err := New(Config{BotToken: "xoxb-x", AppToken: "xapp-x"}, h.engine, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if code, body := readyz(idle); code != 503 || !strings.Contains(body, "starting") {
		t.Errorf("before Run: %d %q", code, body)
	}
	h.mention(t, "Ev1", reporter, "C1", "100.1", "", "Who denied meeting Russian officials?", 0)
	h.finalAnswer(t, "C1", "100.1") // answered over Socket Mode: connected
	if code, body := readyz(h.bot); code != 200 {
		t.Errorf("running: %d %q", code, body)
	}
	h.cancel()
	<-h.stopped
	if code, body := readyz(h.bot); code != 503 || !strings.Contains(body, "shutting down") {
		t.Errorf("after shutdown began: %d %q", code, body)
	}
}

func TestHealthz(t *testing.T) {
	h := startBot(t, nil)
	rec := httptest.NewRecorder()
	h.bot.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "1 documents") {
		t.Errorf("healthz %d %q", rec.Code, rec.Body.String())
	}
}
