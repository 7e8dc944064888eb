package main

import (
	"bytes"
	"context"
	"maps"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/askbot/internal/testutil/fakeslack"
	"github.com/newsroom/askbot/internal/testutil/weaviatetest"
)

func TestMain(m *testing.M) {
	// The Weaviate tests need a network namespace of their own (see
	// weaviatetest); the others run in it as well as outside.
	if code, done := weaviatetest.InNamespace(m); done {
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// writeCorpus writes files into a fresh corpus directory.
func writeCorpus(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		path := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// With BOT_STORE=weaviate, bot index writes the corpus to a real Weaviate
// server and bot ask answers from it word for word as the in-process store
// does; a second index writes only what changed; a reload that fails keeps
// the version in use.
func TestWeaviateStoreFromTheCLI(t *testing.T) {
	s := weaviatetest.Start(t)
	dir := t.TempDir()
	writeCorpus(t, dir, map[string]string{
		"harbour.md":  "# Harbour contract\n\nThe council awarded the harbour dredging contract to Marlow Marine without a tender.\n\nThe mayor said the work was urgent.\n",
		"schools.md":  "# School inspections\n\nInspectors rated four of the city's schools as failing in March.\n",
		"weather.txt": "Forecasters warned of heavy rain on the coast on Friday.\n",
	})
	store := map[string]string{"BOT_CORPUS": dir, "BOT_STORE": "weaviate", "BOT_WEAVIATE_URL": s.URL, "BOT_WEAVIATE_NAME": "Cli"}
	memory := map[string]string{"BOT_CORPUS": dir}
	ask := func(env map[string]string, q string) string {
		t.Helper()
		out, _, err := runBot(t, env, "", "ask", q)
		if err != nil {
			t.Fatalf("ask %q: %v", q, err)
		}
		return out
	}
	if _, _, err := runBot(t, store, "", "ask", "Who won?"); err == nil || !strings.Contains(err.Error(), "bot index") {
		t.Errorf("asking an empty store: %v, want it to say to run bot index", err)
	}
	const key = "wv-secret-key-0123456789"
	down := map[string]string{"BOT_STORE": "weaviate", "BOT_WEAVIATE_URL": "http://127.0.0.1:1", "BOT_WEAVIATE_API_KEY": key}
	if _, stderr, err := runBot(t, down, "", "ask", "Who won?"); err == nil || strings.Contains(err.Error()+stderr, key) || !strings.Contains(err.Error(), "127.0.0.1:1") {
		t.Errorf("asking a server that is down: %v (the error must name the server, never the key)", err)
	}
	out, _, err := runBot(t, store, "", "index")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "3 added") || !strings.Contains(out, "version:          Cli@1") {
		t.Errorf("first index:\n%s", out)
	}
	for _, q := range []string{"Who was awarded the harbour dredging contract?", "How many schools were rated failing?", "What did Angela Merkel say about the harbour?"} {
		if got, want := ask(store, q), ask(memory, q); got != want {
			t.Errorf("%q from Weaviate:\n%s\nin-process:\n%s", q, got, want)
		}
	}
	// Through the server's gRPC API, named by its port (BOT_WEAVIATE_GRPC):
	// the same answers; where nothing answers gRPC, an error naming it.
	_, grpcPort, _ := net.SplitHostPort(s.GRPC)
	viaGRPC := maps.Clone(store)
	viaGRPC["BOT_WEAVIATE_GRPC"] = grpcPort
	if q := "Who was awarded the harbour dredging contract?"; ask(viaGRPC, q) != ask(memory, q) {
		t.Errorf("%q through gRPC:\n%s\nin-process:\n%s", q, ask(viaGRPC, q), ask(memory, q))
	}
	noGRPC := maps.Clone(store)
	noGRPC["BOT_WEAVIATE_GRPC"] = "127.0.0.1:1"
	if _, _, err := runBot(t, noGRPC, "", "ask", "Who won?"); err == nil || !strings.Contains(err.Error(), "gRPC 127.0.0.1:1") {
		t.Errorf("asking through a gRPC port where nothing listens: %v (the error must name it)", err)
	}
	if got := ask(store, "Who was awarded the harbour dredging contract?"); !strings.Contains(got, "Marlow Marine") {
		t.Errorf("no answer from the store:\n%s", got)
	}

	writeCorpus(t, dir, map[string]string{"schools.md": "# School inspections\n\nInspectors rated six of the city's schools as failing in April.\n"})
	os.Remove(filepath.Join(dir, "weather.txt"))
	out, _, err = runBot(t, store, "", "index")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "0 added, 1 changed, 1 removed, 1 unchanged") || !strings.Contains(out, "embedded:         1 ") {
		t.Errorf("second index:\n%s", out)
	}
	if got := ask(store, "How many schools were rated failing?"); !strings.Contains(got, "six") || strings.Contains(got, "four") {
		t.Errorf("after the update:\n%s", got)
	}
	if got, want := ask(store, "Was heavy rain forecast on the coast?"), ask(memory, "Was heavy rain forecast on the coast?"); got != want {
		t.Errorf("after the removal, from Weaviate:\n%s\nin-process:\n%s", got, want)
	}

	// A reload that cannot read the corpus keeps the version in use.
	a, err := openAppFor(t, store)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := a.engine.Describe(t.Context())
	os.RemoveAll(dir)
	if _, err := a.lib.Reload(t.Context(), func(string) {}); err == nil {
		t.Error("a reload of a missing corpus succeeded")
	}
	after, err := a.engine.Describe(t.Context())
	if err != nil || after.Version != before.Version || after.Documents != 2 {
		t.Errorf("after a failed reload: %+v, %v (before %+v)", after, err, before)
	}
}

// openAppFor opens the app as a command would with env.
func openAppFor(t *testing.T, vars map[string]string) (*app, error) {
	t.Helper()
	full := map[string]string{"BOT_DATA_DIR": t.TempDir()}
	for k, v := range vars {
		full[k] = v
	}
	e := env{stdout: os.Stdout, stderr: os.Stderr, getenv: func(k string) string { return full[k] }}
	fs, cfg, err := newFlags(e, "test", nil)
	if err != nil {
		return nil, err
	}
	if err := parse(fs, cfg, nil); err != nil {
		return nil, err
	}
	return openApp(context.Background(), e, cfg, configuredOrBundled, nil)
}

// startServe runs bot serve with env until the test ends, against its own
// fake Slack; it returns that Slack once the bot has connected. A token
// in the log fails the test.
func startServe(t *testing.T, env map[string]string) *fakeslack.Server {
	t.Helper()
	slack := fakeslack.New(t)
	full := map[string]string{
		"SLACK_BOT_TOKEN": "xoxb-secret-bot-token", "SLACK_APP_TOKEN": "xapp-secret-app-token", "SLACK_API_URL": slack.APIURL(),
		"BOT_LISTEN": "127.0.0.1:0", "BOT_ADMINS": "UADMIN", "BOT_DATA_DIR": t.TempDir(), "BOT_WATCH": "off",
	}
	for k, v := range env {
		full[k] = v
	}
	ctx, cancel := context.WithCancel(context.Background())
	var stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve"}, strings.NewReader(""), &bytes.Buffer{}, &stderr, func(k string) string { return full[k] })
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve: %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Error("serve did not stop")
		}
		if strings.Contains(stderr.String(), "secret-bot-token") || strings.Contains(stderr.String(), "secret-app-token") {
			t.Error("a token reached the log")
		}
		if t.Failed() {
			t.Log(stderr.String())
		}
	})
	slack.WaitFor(func(c fakeslack.Call) bool { return c.Method == "auth.test" })
	return slack
}

// Two bot serve replicas share one Weaviate store: an admin's reload
// through one publishes a version the other answers from at its next
// question, with no reload of its own.
func TestReplicasShareTheWeaviateStore(t *testing.T) {
	s := weaviatetest.Start(t)
	dir := t.TempDir()
	seed, _ := os.ReadFile("../../corpus/bundled/000_09882ac5bc3d6676.txt")
	writeCorpus(t, dir, map[string]string{"seed.txt": string(seed)})
	store := map[string]string{"BOT_CORPUS": dir, "BOT_STORE": "weaviate", "BOT_WEAVIATE_URL": s.URL, "BOT_WEAVIATE_NAME": "Shared"}
	if _, _, err := runBot(t, store, "", "index"); err != nil {
		t.Fatal(err)
	}
	a, b := startServe(t, store), startServe(t, store)
	ask := func(slack *fakeslack.Server, id, user, text, want string) fakeslack.Call {
		t.Helper()
		slack.Send("events_api", "env-"+id, 0, fakeslack.Event(id, map[string]any{"type": "app_mention", "user": user, "text": "<@UBOT> " + text, "ts": id + ".1", "channel": "C1"}))
		return slack.WaitFor(func(c fakeslack.Call) bool {
			return (c.Method == "chat.update" || c.Method == "chat.postMessage") && strings.Contains(c.Get("blocks")+c.Get("text"), want)
		})
	}
	ask(b, "1", "UREPORTER", "Who denied meeting Russian officials?", "just complete garbage")

	writeCorpus(t, dir, map[string]string{"port.md": "# Port strike ends\n\nDock workers returned to work on Monday after a week-long strike.\n"})
	reloaded := ask(a, "2", "UADMIN", "reload", "Reloaded")
	if !strings.Contains(reloaded.Get("text"), "Added: 1 (port.md)") {
		t.Errorf("reload summary: %s", reloaded.Get("text"))
	}
	ask(b, "3", "UREPORTER", "When did the dock workers return to work?", "returned to work on Monday")
	status := ask(b, "4", "UREPORTER", "status", "Searched here")
	if !strings.Contains(status.Get("text"), "2 documents") || !strings.Contains(status.Get("text"), "Shared@2") {
		t.Errorf("status on the other replica: %s", status.Get("text"))
	}
	// The status counts what the store holds but does not cite, apart, as
	// in-process: 2 documents to quote, 1 withdrawn, 1 under embargo.
	writeCorpus(t, dir, map[string]string{
		"retracted.txt":           "Port deal signed\n\nThe port was sold to a private firm.\n",
		"retracted.txt.meta.yaml": "withdrawn: true\n",
		"embargoed.txt":           "Port budget\n\nThe port budget doubles next year.\n",
		"embargoed.txt.meta.yaml": "embargo: 2099-01-01T00:00:00Z\n",
	})
	ask(a, "5", "UADMIN", "reload", "embargoed.txt")
	status = ask(b, "6", "UREPORTER", "status", "Shared@3")
	if !strings.Contains(status.Get("text"), "2 documents (1 withdrawn, 1 under embargo)") {
		t.Errorf("status after a withdrawn and an embargoed story: %s", status.Get("text"))
	}
	// With the store gone, the asker is told so in plain words.
	s.Kill()
	ask(b, "5", "UREPORTER", "When did the dock workers return to work?", "document store cannot be reached")
}

// The Weaviate store keeps a restricted collection in its channel and its
// members' direct messages, as the in-process store does.
func TestAskAsAChannelWeaviate(t *testing.T) {
	s := weaviatetest.Start(t)
	askAsAChannel(t, map[string]string{"BOT_STORE": "weaviate", "BOT_WEAVIATE_URL": s.URL, "BOT_WEAVIATE_NAME": "Desks"})
}
