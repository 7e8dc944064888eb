package slackbot

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/internal/testutil/fakeslack"
	"github.com/newsroom/askbot/internal/testutil/testindex"
	"github.com/newsroom/askbot/library"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/memory"
)

const (
	admin    = "UADMIN"
	reporter = "UREPORTER"
)

// harness is the bot running against a fake Slack.
type harness struct {
	slack  *fakeslack.Server
	bot    *Bot
	engine *answer.Engine
	local  *memory.Store // the corpus engine answers from
	// collectionOf files the corpus's documents in collections (nil: none).
	collectionOf func(*corpus.Document) string
	reloads      atomic.Int64
	// reloadErr, when set, makes reloads fail.
	reloadErr atomic.Value
	// saveErr, when set, is the reloaded index's save failure.
	saveErr atomic.Value
	// reloadGate, when set, holds a reload until it is closed.
	reloadGate chan struct{}
	corpusDir  string
	stopped    chan struct{} // closed when Run returns
	cancel     context.CancelFunc
}

// startBot runs a bot over Socket Mode (and HTTP with a signing secret)
// against a fresh fake Slack. configure may change the settings.
func startBot(t *testing.T, configure func(*Config)) *harness {
	t.Helper()
	return startBotWith(t, configure, nil)
}

// startFiledBot is startBot over a corpus whose documents collectionOf
// files in collections, which Config.Scope names.
func startFiledBot(t *testing.T, configure func(*Config), collectionOf func(*corpus.Document) string) *harness {
	t.Helper()
	return start(t, configure, nil, collectionOf)
}

// startBotWith is startBot with the engine set up by setup (a model, say)
// before the bot starts.
func startBotWith(t *testing.T, configure func(*Config), setup func(*answer.Engine)) *harness {
	t.Helper()
	return start(t, configure, setup, nil)
}

// build indexes the harness's corpus, filed by its collectionOf.
func (h *harness) build(t *testing.T) *retrieval.Index {
	ix := testindex.Build(t, h.corpusDir)
	ix.CollectionOf = h.collectionOf
	return ix
}

func start(t *testing.T, configure func(*Config), setup func(*answer.Engine), collectionOf func(*corpus.Document) string) *harness {
	t.Helper()
	h := &harness{slack: fakeslack.New(t), collectionOf: collectionOf}
	cfg := Config{
		BotToken: "xoxb-test-token", AppToken: "xapp-test-token", APIURL: h.slack.APIURL(), Listen: "127.0.0.1:0",
		Admins: []string{admin}, UpdateEvery: 5e6, UserRate: -1,
		SaveError: func() error { err, _ := h.saveErr.Load().(error); return err },
	}
	if configure != nil {
		configure(&cfg)
	}
	h.corpusDir = cfg.CorpusDir
	h.local = memory.New(h.build(t))
	h.engine = answer.New(h.local.Searcher(), retrieval.SearchOptions{K: 5})
	if setup != nil {
		setup(h.engine)
	}
	reload := func(ctx context.Context, progress func(string)) (*library.Report, error) {
		h.reloads.Add(1)
		progress("reading the corpus")
		if h.reloadGate != nil {
			<-h.reloadGate
		}
		if err, _ := h.reloadErr.Load().(error); err != nil {
			return nil, err
		}
		old := h.local.Index().Documents()
		ix := h.build(t)
		h.local.Replace(ix)
		saveErr, _ := h.saveErr.Load().(error)
		return &library.Report{Changes: corpus.Diff(old, ix.Documents()), Documents: ix.Stats().Documents, Chunks: ix.Stats().Chunks, NotSaved: saveErr}, nil
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		log = slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	b, err := New(cfg, h.engine, reload, log)
	if err != nil {
		t.Fatal(err)
	}
	h.bot = b
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	var runErr error
	stopped := make(chan struct{})
	h.stopped = stopped
	go func() { runErr = b.Run(ctx); close(stopped) }()
	t.Cleanup(func() {
		cancel()
		<-stopped
		if runErr != nil && !errors.Is(runErr, context.Canceled) {
			t.Errorf("Run: %v", runErr)
		}
	})
	select {
	case <-b.Ready():
	case <-stopped:
		t.Fatalf("bot stopped: %v", runErr)
	}
	return h
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// mention sends an app_mention over Socket Mode.
func (h *harness) mention(t *testing.T, eventID, user, channel, ts, thread, text string, retry int) {
	t.Helper()
	ev := map[string]any{"type": "app_mention", "user": user, "text": "<@" + fakeslack.BotUserID + "> " + text, "ts": ts, "channel": channel, "event_ts": ts}
	if thread != "" {
		ev["thread_ts"] = thread
	}
	h.slack.Send("events_api", "env-"+eventID+"-"+string(rune('0'+retry)), retry, fakeslack.Event(eventID, ev))
}

// finalAnswer waits for the answer posted or updated in a thread: the
// message with blocks.
func (h *harness) finalAnswer(t *testing.T, channel, thread string) fakeslack.Call {
	t.Helper()
	return h.slack.WaitFor(func(c fakeslack.Call) bool {
		if c.Get("channel") != channel || c.Get("blocks") == "" {
			return false
		}
		switch c.Method {
		case "chat.postMessage":
			return c.Get("thread_ts") == thread
		case "chat.update":
			return h.placeholderThread(c.Get("ts")) == thread
		}
		return false
	})
}

// repliesIn counts the messages the bot posted in a thread.
func (h *harness) repliesIn(thread string) int {
	n := 0
	for _, c := range h.slack.CallsTo("chat.postMessage") {
		if c.Get("thread_ts") == thread {
			n++
		}
	}
	return n
}

// placeholderThread is the thread of the message the bot posted with ts.
func (h *harness) placeholderThread(ts string) string {
	for _, c := range h.slack.CallsTo("chat.postMessage") {
		if c.TS == ts {
			return c.Get("thread_ts")
		}
	}
	return "?"
}

var buttonValueRE = regexp.MustCompile(`"action_id":"` + actionFeedbackUp + `","value":"([0-9a-f]+)"`)

// answerID finds the answer ID carried by the feedback buttons.
func answerID(t *testing.T, blocks string) string {
	t.Helper()
	m := buttonValueRE.FindStringSubmatch(blocks)
	if m == nil {
		t.Fatalf("no feedback button in %s", blocks)
	}
	return m[1]
}
