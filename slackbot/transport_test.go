package slackbot

import (
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/internal/testutil/fakeslack"
	"github.com/newsroom/askbot/internal/testutil/testindex"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/memory"
)

// TestRunRefusedAppToken checks that Slack refusing the app-level token
// (an "invalid_auth" error response) stops Run with a sentence that names
// the setting to fix.
func TestRunRefusedAppToken(t *testing.T) {
	slack := fakeslack.New(t)
	engine := answer.New(memory.New(testindex.Build(t, "")).Searcher(), retrieval.SearchOptions{K: 5})
	cfg := Config{BotToken: "xoxb-test-token", AppToken: "xoxb-not-an-app-token", APIURL: slack.APIURL(), Listen: "127.0.0.1:0", UserRate: -1}
	b, err := New(cfg, engine, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	err = b.Run(t.Context())
	if err == nil || !strings.Contains(err.Error(), "Slack refused SLACK_APP_TOKEN (invalid_auth)") {
		t.Errorf("Run: %v, want Slack refusing SLACK_APP_TOKEN", err)
	}
}
