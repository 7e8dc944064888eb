package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/newsroom/askbot/internal/testutil/fakeslack"
)

// syncBuffer is a bytes.Buffer safe for the logger and the test at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestServeEndToEnd(t *testing.T) {
	dir := t.TempDir()
	seed, _ := os.ReadFile("../../corpus/bundled/000_09882ac5bc3d6676.txt")
	os.WriteFile(filepath.Join(dir, "seed.txt"), seed, 0o644)
	slack := startServe(t, map[string]string{"BOT_CORPUS": dir, "BOT_LOG_LEVEL": "debug", "BOT_WATCH": ""})

	slack.Send("events_api", "env1", 0, fakeslack.Event("Ev1", map[string]any{"type": "app_mention", "user": "UREPORTER", "text": "<@UBOT> Who denied meeting Russian officials?", "ts": "100.1", "channel": "C1"}))
	answer := slack.WaitFor(func(c fakeslack.Call) bool {
		return c.Method == "chat.update" && strings.Contains(c.Get("blocks"), "just complete garbage")
	})
	if !strings.Contains(answer.Get("blocks"), "Sources") {
		t.Errorf("answer blocks: %s", answer.Get("blocks"))
	}

	os.WriteFile(filepath.Join(dir, "port.md"), []byte("# Port strike ends\n\nDock workers returned to work on Monday.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "junk.txt"), []byte("\x00\x01binary"), 0o644)
	slack.Send("events_api", "env2", 0, fakeslack.Event("Ev2", map[string]any{"type": "app_mention", "user": "UADMIN", "text": "<@UBOT> reload", "ts": "200.1", "channel": "C1"}))
	done2 := slack.WaitFor(func(c fakeslack.Call) bool { return strings.Contains(c.Get("text"), "Reloaded") })
	for _, want := range []string{"Added: 1 (port.md)", "Skipped: 1", "junk.txt: binary content"} {
		if !strings.Contains(done2.Get("text"), want) {
			t.Errorf("reload summary lacks %q: %s", want, done2.Get("text"))
		}
	}
}
