package slackbot

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/internal/testutil/fakeopenai"
	"github.com/newsroom/askbot/internal/testutil/fakeslack"
	"github.com/newsroom/askbot/library"
	"github.com/newsroom/askbot/llm"
)

// gatedModel is an OpenAI-compatible chat endpoint that streams the first
// part of its answer, waits for proceed, then streams the rest; {n} in rest
// becomes the passage quoting "just complete garbage".
func gatedModel(t *testing.T, first, rest string, proceed <-chan struct{}) *fakeopenai.Server {
	t.Helper()
	return fakeopenai.New(t, func(w http.ResponseWriter, r fakeopenai.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		fakeopenai.Delta(w, first)
		select {
		case <-proceed:
		case <-r.Context().Done():
			return
		}
		fakeopenai.Delta(w, strings.ReplaceAll(rest, "{n}", fmt.Sprint(r.PassageWith("just complete garbage"))))
		fakeopenai.Finish(w)
	})
}

func TestStreamedAnswerEndsWithTheCheckedAnswer(t *testing.T) {
	proceed := make(chan struct{})
	model := gatedModel(t, "Carter Page described a Yahoo News report ", "as “just complete garbage” [{n}].", proceed)
	h := startBot(t, func(c *Config) { c.Model = "test-model" })
	h.engine.Generator = &answer.Generator{Client: llm.New(llm.Config{BaseURL: model.BaseURL(), Model: "test-model", Timeout: 10 * time.Second})}

	h.mention(t, "Ev1", reporter, "C1", "100.1", "", "Who denied meeting Russian officials?", 0)
	draft := h.slack.WaitFor(func(c fakeslack.Call) bool {
		return c.Method == "chat.update" && strings.Contains(c.Get("text"), "Carter Page described a Yahoo News report")
	})
	if draft.Get("blocks") != "" {
		t.Error("a streamed draft was shown as a final answer")
	}
	close(proceed)
	final := h.finalAnswer(t, "C1", "100.1")
	if final.Get("ts") != draft.Get("ts") {
		t.Errorf("the answer went to %s, not the placeholder %s", final.Get("ts"), draft.Get("ts"))
	}
	text := blockTexts(t, final.Get("blocks"))
	if !strings.Contains(text, "“just complete garbage” [1]") || !strings.Contains(text, "Answer written by test-model") || !strings.Contains(text, "model test-model") {
		t.Errorf("final answer:\n%s", text)
	}
	// The checked answer is the last word: no draft update comes after it.
	updates := h.slack.CallsTo("chat.update")
	if last := updates[len(updates)-1]; last.Get("blocks") == "" {
		t.Errorf("the last update is a draft: %q", last.Get("text"))
	}
}

func TestOneReloadAtATime(t *testing.T) {
	h := startBot(t, nil)
	release := make(chan struct{})
	started := make(chan struct{})
	inner := h.bot.reload
	h.bot.reload = func(ctx context.Context, progress func(string)) (*library.Report, error) {
		close(started)
		<-release
		return inner(ctx, progress)
	}
	h.mention(t, "Ev1", admin, "C1", "100.1", "", "reload", 0)
	<-started
	h.mention(t, "Ev2", admin, "C1", "200.1", "", "reload", 0)
	h.slack.WaitFor(func(c fakeslack.Call) bool {
		return c.Get("thread_ts") == "200.1" && strings.Contains(c.Get("text"), "already running")
	})
	// Questions asked during the reload are answered from the old index.
	h.mention(t, "Ev3", reporter, "C1", "300.1", "", "Who denied meeting Russian officials?", 0)
	h.finalAnswer(t, "C1", "300.1")
	close(release)
	h.slack.WaitFor(func(c fakeslack.Call) bool { return strings.Contains(c.Get("text"), "Reloaded") })
	if n := h.reloads.Load(); n != 1 {
		t.Errorf("%d reloads ran, want 1", n)
	}
}

func TestShutdownFinishesAnswersInFlight(t *testing.T) {
	proceed := make(chan struct{})
	model := gatedModel(t, "Carter Page ", "called it “just complete garbage” [{n}].", proceed)
	h := startBot(t, nil)
	h.engine.Generator = &answer.Generator{Client: llm.New(llm.Config{BaseURL: model.BaseURL(), Model: "m", Timeout: 10 * time.Second})}
	h.mention(t, "Ev1", reporter, "C1", "100.1", "", "Who denied meeting Russian officials?", 0)
	h.slack.WaitFor(func(c fakeslack.Call) bool {
		return c.Method == "chat.update" && strings.Contains(c.Get("text"), "Carter Page")
	})

	h.cancel() // SIGTERM
	<-h.bot.Draining()
	// New questions are no longer taken…
	if h.bot.goHandle(func(context.Context) { t.Error("work taken after shutdown began") }) {
		t.Error("goHandle accepted work while shutting down")
	}
	// …and the one in flight still gets its answer.
	close(proceed)
	if text := blockTexts(t, h.finalAnswer(t, "C1", "100.1").Get("blocks")); !strings.Contains(text, "just complete garbage") {
		t.Errorf("answer in flight:\n%s", text)
	}
}

// Shutdown with more questions than the bot can finish: beyond the queue
// the askers hear at once that the bot is busy; at the end of the drain
// every placeholder and unchecked draft says the bot is restarting, so no
// message is left "Looking through the documents…" or half-written.
func TestShutdownLeavesNoPlaceholderOrDraft(t *testing.T) {
	never := make(chan struct{}) // the model never finishes
	model := gatedModel(t, "Carter Page ", "called it “just complete garbage” [{n}].", never)
	h := startBotWith(t, func(c *Config) { c.MaxConcurrent = 1; c.MaxQueue = 3; c.Drain = 200 * time.Millisecond },
		func(e *answer.Engine) {
			e.Generator = &answer.Generator{Client: llm.New(llm.Config{BaseURL: model.BaseURL(), Model: "m", Timeout: time.Minute})}
		})
	threads := []string{"100.1", "200.1", "300.1", "400.1", "500.1"}
	for i, ts := range threads {
		h.mention(t, fmt.Sprint("Ev", i), reporter, "C1", ts, "", "Who denied meeting Russian officials?", 0)
		if i < 3 { // taken: its placeholder is posted before the next is asked
			h.slack.WaitFor(func(c fakeslack.Call) bool {
				return c.Method == "chat.postMessage" && c.Get("thread_ts") == ts && strings.Contains(c.Get("text"), "Looking through")
			})
		}
	}
	for _, ts := range threads[3:] {
		h.slack.WaitFor(func(c fakeslack.Call) bool {
			return c.Get("thread_ts") == ts && strings.Contains(c.Get("text"), "ask again in a minute")
		})
	}
	h.slack.WaitFor(func(c fakeslack.Call) bool {
		return c.Method == "chat.update" && strings.Contains(c.Get("text"), "Carter Page")
	})

	h.cancel() // SIGTERM
	<-h.stopped
	for _, c := range h.slack.CallsTo("chat.postMessage") {
		if !strings.Contains(c.Get("text"), "Looking through") {
			continue
		}
		last := c.Get("text")
		for _, u := range h.slack.CallsTo("chat.update") {
			if u.Get("ts") == c.TS {
				last = u.Get("text")
			}
		}
		if last != RestartingText {
			t.Errorf("thread %s ends on %q, want %q", c.Get("thread_ts"), last, RestartingText)
		}
	}
}
