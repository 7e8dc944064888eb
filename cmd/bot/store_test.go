package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsroom/askbot/internal/weaviatetest"
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
	if _, err := a.reload(t.Context(), func(string) {}); err == nil {
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
	fs, cfg, err := newFlags(e, "test", "test", nil)
	if err != nil {
		return nil, err
	}
	if err := parse(fs, cfg, nil); err != nil {
		return nil, err
	}
	return openApp(context.Background(), e, cfg, configuredOrBundled, nil)
}
