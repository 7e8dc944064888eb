package slackbot

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/internal/fakeopenai"
	"github.com/newsroom/askbot/internal/fakeslack"
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
	h.bot.reload = func(ctx context.Context, progress func(string)) (*ReloadReport, error) {
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
