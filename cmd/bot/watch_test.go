package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/askbot/access"
	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/config"
	"github.com/newsroom/askbot/library"
	"github.com/newsroom/askbot/watch"
)

// A watched corpus keeps itself current: a new file becomes answerable, a
// deleted one unanswerable, and an edit re-embeds only that file's chunks.
func TestWatchedCorpusKeepsItselfCurrent(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("rates.txt", "Rates on hold\n\nThe central bank kept interest rates on hold, citing slowing inflation.\n")
	write("storm.txt", "Storm warning\n\nForecasters warned that the storm would bring heavy rain to the coast.\n")
	vars := map[string]string{"BOT_CORPUS": dir, "BOT_DATA_DIR": t.TempDir()}
	cfg, err := config.Load("", func(k string) string { return vars[k] })
	if err != nil {
		t.Fatal(err)
	}
	a, err := openApp(t.Context(), env{stderr: os.Stderr, stdout: os.Stdout, getenv: func(string) string { return "" }}, &cfg, configuredOrBundled, nil)
	if err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{})
	a.lib.WatchOptions = watch.Options{Debounce: 100 * time.Millisecond, Grace: -1, Started: func() { close(started) }}
	reports := make(chan *library.Report, 10)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	go a.lib.Watch(ctx, func(rep *library.Report) { reports <- rep })
	next := func(what string) *library.Report {
		t.Helper()
		select {
		case rep := <-reports:
			return rep
		case <-time.After(30 * time.Second): // a bound on the test
			t.Fatalf("no reload after %s", what)
			return nil
		}
	}
	const q = "When does the ferry to the island leave?"
	answers := func() bool {
		t.Helper()
		ans, err := a.engine.Ask(t.Context(), answer.Request{Question: q})
		if err != nil {
			t.Fatal(err)
		}
		return strings.Contains(ans.Text(), "six in the morning")
	}
	<-started
	write("ferry.txt", "Ferry timetable\n\nThe ferry to the island leaves at six in the morning from the harbour.\n")
	if rep := next("a new file"); len(rep.Changes.Added) != 1 {
		t.Errorf("reload report %+v, want one document added", rep.Changes)
	}
	if !answers() {
		t.Error("the new file is not answered from")
	}
	write("storm.txt", "Storm warning\n\nForecasters warned that the storm would bring heavy rain and strong winds to the coast.\n")
	if rep := next("an edit"); rep.Embedded != 1 || rep.Reread != 1 || len(rep.Changes.Changed) != 1 {
		t.Errorf("an edit of a one-chunk file read %d files and embedded %d chunks (changes %+v), want 1 and 1", rep.Reread, rep.Embedded, rep.Changes)
	}
	os.Remove(filepath.Join(dir, "ferry.txt"))
	if rep := next("a deletion"); len(rep.Changes.Removed) != 1 {
		t.Errorf("reload report %+v, want one removed", rep.Changes)
	}
	if answers() {
		t.Error("a deleted file is still answered from")
	}
	if !strings.Contains(a.lib.AutoStatus(), "1 removed") {
		t.Errorf("status line %q", a.lib.AutoStatus())
	}
}

// A reload reads the collections and channels again and swaps them in with
// the index.
func TestReloadAppliesNewAccessConfig(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "investigations"), 0o755)
	os.WriteFile(filepath.Join(dir, "investigations", "leak.md"), []byte("---\ntitle: Dredging memo\n---\nThe harbour dredging contract was awarded to Quayside Holdings without a tender.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "rates.txt"), []byte("Rates\n\nThe central bank kept interest rates on hold.\n"), 0o644)
	cfgFile := filepath.Join(t.TempDir(), "bot.yaml")
	open := "corpus: " + dir + "\ncollections:\n  - {name: investigations, path: investigations}\n"
	restricted := "corpus: " + dir + "\ncollections:\n  - {name: investigations, path: investigations, restricted: true, members: [UINV]}\n"
	os.WriteFile(cfgFile, []byte(open), 0o644)
	vars := map[string]string{"BOT_DATA_DIR": t.TempDir()}
	getenv := func(k string) string { return vars[k] }
	cfg, err := config.Load(cfgFile, getenv)
	if err != nil {
		t.Fatal(err)
	}
	a, err := openApp(t.Context(), env{stderr: os.Stderr, stdout: os.Stdout, getenv: getenv}, &cfg, configuredOrBundled, nil)
	if err != nil {
		t.Fatal(err)
	}
	sees := func() bool {
		ans, err := a.engine.Ask(t.Context(), a.request("Who was awarded the harbour dredging contract without a tender?", access.Place{Channel: "CGENERAL", User: "U1"}))
		if err != nil {
			t.Fatal(err)
		}
		return strings.Contains(ans.Text(), "Quayside")
	}
	if !sees() {
		t.Fatal("an open collection is not seen")
	}
	os.WriteFile(cfgFile, []byte(restricted), 0o644)
	if _, err := a.lib.Reload(t.Context(), func(string) {}); err != nil {
		t.Fatal(err)
	}
	if sees() {
		t.Error("after the reload the collection is restricted, yet the general channel sees it")
	}
	// A broken configuration fails the reload and keeps the old one.
	os.WriteFile(cfgFile, []byte("corpus: "+dir+"\ncollections:\n  - {name: investigations}\n"), 0o644)
	if _, err := a.lib.Reload(t.Context(), func(string) {}); err == nil || !strings.Contains(err.Error(), "investigations") {
		t.Errorf("a collection without a path reloaded: %v", err)
	}
	if sees() {
		t.Error("a failed reload changed the access in force")
	}
}

// Under watch, a story arriving before its embargo sidecar is never
// quotable: it waits for the grace, its sidecar arrives meanwhile and is
// applied; a story without a sidecar is published once the grace has
// passed. The index was saved and reopened first (as at a restart), so
// the watch has to learn which files are new.
func TestWatchedStoryWaitsForItsSidecar(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("rates.txt", "Rates on hold\n\nThe central bank kept interest rates on hold, citing slowing inflation.\n")
	vars := map[string]string{"BOT_CORPUS": dir, "BOT_DATA_DIR": t.TempDir()}
	cfg, err := config.Load("", func(k string) string { return vars[k] })
	if err != nil {
		t.Fatal(err)
	}
	e := env{stderr: os.Stderr, stdout: os.Stdout, getenv: func(string) string { return "" }}
	if _, err := openApp(t.Context(), e, &cfg, configuredOrBundled, nil); err != nil {
		t.Fatal(err)
	}
	a, err := openApp(t.Context(), e, &cfg, configuredOrBundled, nil) // reopens the saved index
	if err != nil || !a.lib.Store().Unread() {
		t.Fatalf("reopen: %v", err)
	}
	started := make(chan struct{})
	a.lib.WatchOptions = watch.Options{Debounce: 100 * time.Millisecond, Grace: 2 * time.Second, Started: func() { close(started) }}
	reports := make(chan *library.Report, 10)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	go a.lib.Watch(ctx, func(rep *library.Report) { reports <- rep })
	next := func(what string) *library.Report {
		t.Helper()
		select {
		case rep := <-reports:
			return rep
		case <-time.After(30 * time.Second): // a bound on the test
			t.Fatalf("no reload after %s", what)
			return nil
		}
	}
	quotes := func(words string) bool {
		t.Helper()
		ans, err := a.engine.Ask(t.Context(), answer.Request{Question: "When does the ferry to the island leave?"})
		if err != nil {
			t.Fatal(err)
		}
		return strings.Contains(ans.Text(), words)
	}
	<-started
	write("ferry.txt", "Ferry timetable\n\nThe ferry to the island leaves at six in the morning from the harbour.\n")
	if rep := next("the story"); len(rep.Changes.Added) != 0 || quotes("six in the morning") {
		t.Fatalf("the story was published before its sidecar could arrive: %+v", rep.Changes)
	}
	write("ferry.txt.meta.yaml", "embargo: 2099-01-01T00:00:00Z\n")
	next("its sidecar")
	if quotes("six in the morning") {
		t.Fatal("the embargoed story is quoted")
	}
	next("the story's grace")
	if quotes("six in the morning") {
		t.Fatal("the embargoed story is quoted after its grace")
	}
	// A story with no sidecar is published once its grace has passed.
	write("bus.txt", "Bus timetable\n\nThe ferry to the island is replaced by a bus leaving at seven in the evening.\n")
	for deadline := time.Now().Add(30 * time.Second); !quotes("seven in the evening"); {
		if time.Now().After(deadline) {
			t.Fatal("a story without a sidecar was never published")
		}
		next("the second story")
	}
}
