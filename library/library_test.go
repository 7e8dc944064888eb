package library

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/askbot/config"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/watch"
)

// watchBound bounds a test waiting on the watch; no test is expected to
// come near it.
const watchBound = 10 * time.Second

// replace writes text to dir/name through a rename, so that a watch sees
// the file whole.
func replace(tb testing.TB, dir, name, text string) {
	tb.Helper()
	tmp := filepath.Join(tb.TempDir(), name)
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		tb.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		tb.Fatal(err)
	}
}

// receive waits for a value of ch until ctx is done.
func receive[T any](tb testing.TB, ctx context.Context, ch <-chan T, what string) T {
	tb.Helper()
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		tb.Fatalf("no %s within %s", what, watchBound)
		var zero T
		return zero
	}
}

// watching starts lib's watch with opts (a short debounce, no sidecar
// grace) until the test ends, and returns once it sees changes, with the
// channel of its reports and the watch's context.
func watching(t *testing.T, lib *Library, opts watch.Options) (context.Context, <-chan *Report) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), watchBound)
	started := make(chan struct{})
	opts.Grace = -1
	opts.Started = func() { close(started) }
	lib.WatchOptions = opts
	reports := make(chan *Report, 10)
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		lib.Watch(ctx, func(rep *Report) { reports <- rep })
	}()
	t.Cleanup(func() {
		cancel()
		<-stopped // Watch returns once its context is done
	})
	receive(t, ctx, started, "start of the watch")
	return ctx, reports
}

// The watch reloads a changed file, whether notified or polling, and
// the new text is answered from.
func TestWatchReloadsAChangedFile(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts watch.Options
	}{
		{"notified", watch.Options{Debounce: 20 * time.Millisecond}},
		{"polling", watch.Options{Debounce: 20 * time.Millisecond, Poll: 10 * time.Millisecond, ForcePoll: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := newCorpus(t, map[string]string{"rates.txt": ratesText, "storm.txt": stormText})
			st := openIndex(t, indexConfig(t, dir, t.TempDir()))
			lib := newLibrary(st)
			ctx, reports := watching(t, lib, tc.opts)
			const q = "What did the lighthouse keeper see?"
			if strings.Contains(text(t, st, "storm.txt"), "lighthouse") {
				t.Fatal("the storm story names the lighthouse before its edit")
			}
			edited := "Storm warning\n\nThe lighthouse keeper saw the storm reach the coast at dawn.\n"
			replace(t, dir, "storm.txt", edited)
			rep := receive(t, ctx, reports, "reload after an edit")
			if want := []string{"storm.txt"}; !slices.Equal(rep.Changes.Changed, want) || len(rep.Changes.Added)+len(rep.Changes.Removed) != 0 {
				t.Errorf("changes %+v, want storm.txt changed", rep.Changes)
			}
			if got := text(t, st, "storm.txt"); !strings.Contains(got, "lighthouse keeper saw the storm") {
				t.Errorf("after the edit storm.txt is served as %q", got)
			}
			if got := top(t, st, q); got != "storm.txt" {
				t.Errorf("after the edit the lighthouse question found %q", got)
			}
			if s := lib.AutoStatus(); !strings.HasPrefix(s, "Last automatic reload ") || !strings.Contains(s, "0 added, 1 changed, 0 removed, 0 skipped, 1 passages embedded.") {
				t.Errorf("AutoStatus = %q", s)
			}
		})
	}
}

// logged is a slog handler that passes the messages of warnings and errors
// to a channel.
type logged chan string

func (l logged) Enabled(_ context.Context, lv slog.Level) bool { return lv >= slog.LevelWarn }
func (l logged) Handle(_ context.Context, r slog.Record) error {
	select {
	case l <- r.Message:
	default:
	}
	return nil
}
func (l logged) WithAttrs([]slog.Attr) slog.Handler { return l }
func (l logged) WithGroup(string) slog.Handler      { return l }

// An automatic reload that fails logs why, says so in AutoStatus, calls
// no done and leaves the index in force serving.
func TestWatchKeepsTheIndexWhenAReloadFails(t *testing.T) {
	dir := newCorpus(t, map[string]string{"rates.txt": ratesText})
	st := openIndex(t, indexConfig(t, dir, t.TempDir()))
	logs := make(logged, 10)
	lib := New(st, &config.Config{}, func(string) string { return "" }, slog.New(logs))
	ctx, reports := watching(t, lib, watch.Options{Debounce: 20 * time.Millisecond})
	replace(t, dir, "rates.txt", "") // the only document, emptied: nothing loads
	if msg := receive(t, ctx, logs, "log of the failed reload"); !strings.Contains(msg, "automatic reload failed") {
		t.Errorf("logged %q", msg)
	}
	// The status is set just after the log line: wait for it.
	for lib.AutoStatus() == "" {
		select {
		case <-ctx.Done():
			t.Fatal("no status after the failed reload")
		case <-time.After(time.Millisecond):
		}
	}
	if s := lib.AutoStatus(); !strings.HasPrefix(s, "Last automatic reload failed at ") || !strings.Contains(s, "no loadable document") {
		t.Errorf("AutoStatus = %q", s)
	}
	select {
	case rep := <-reports:
		t.Errorf("a failed reload reported %+v", rep)
	default:
	}
	if got := top(t, st, "What did the central bank do with interest rates?"); got != "rates.txt" {
		t.Errorf("after the failed reload the rates question found %q", got)
	}
	// Repaired, the next reload succeeds and the status says so.
	replace(t, dir, "rates.txt", ratesText+"Markets rose.\n")
	if rep := receive(t, ctx, reports, "reload after the repair"); !slices.Equal(rep.Changes.Changed, []string{"rates.txt"}) {
		t.Errorf("changes %+v", rep.Changes)
	}
	if s := lib.AutoStatus(); strings.Contains(s, "failed") {
		t.Errorf("AutoStatus after a good reload = %q", s)
	}
}

// A saved index reopened without reading the corpus is read once when
// the watch starts, so that its reloads read only the files that changed.
func TestWatchReadsAnUnreadCorpusFirst(t *testing.T) {
	dir := newCorpus(t, map[string]string{"rates.txt": ratesText, "storm.txt": stormText})
	c := indexConfig(t, dir, t.TempDir())
	openIndex(t, c)
	st := openIndex(t, c)
	if !st.Unread() {
		t.Fatal("the saved index was not reopened")
	}
	lib := newLibrary(st)
	ctx, reports := watching(t, lib, watch.Options{Debounce: 20 * time.Millisecond})
	if st.Unread() {
		t.Error("the watch started without reading the corpus")
	}
	replace(t, dir, "ferry.txt", ferryText)
	rep := receive(t, ctx, reports, "reload after a new file")
	if !slices.Equal(rep.Changes.Added, []string{"ferry.txt"}) || rep.Reread != 1 {
		t.Errorf("changes %+v, %d files read; want ferry.txt added, only it read", rep.Changes, rep.Reread)
	}
}

// corpusAt is a store that only knows its corpus path: Watch must ask it
// nothing else before deciding not to watch.
type corpusAt struct {
	Store
	path string
}

func (c corpusAt) Corpus() string { return c.path }

// The bundled corpus and a single file are not watched: Watch returns at once.
func TestWatchIgnoresBundledAndSingleFileCorpora(t *testing.T) {
	file := filepath.Join(t.TempDir(), "archive.jsonl")
	writeFiles(t, filepath.Dir(file), map[string]string{"archive.jsonl": "{}\n"})
	for name, path := range map[string]string{"bundled": "", "single file": file, "missing": filepath.Join(t.TempDir(), "gone")} {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), watchBound)
			defer cancel()
			newLibrary(corpusAt{path: path}).Watch(ctx, func(*Report) { t.Error("a reload was reported") })
			if ctx.Err() != nil {
				t.Error("Watch did not return until its context was done")
			}
		})
	}
}

// Reload reads the corpus again and says how far it got.
func TestReloadMakesANewDocumentAnswerable(t *testing.T) {
	dir := newCorpus(t, map[string]string{"rates.txt": ratesText})
	st := openIndex(t, indexConfig(t, dir, t.TempDir()))
	lib := newLibrary(st)
	writeFiles(t, dir, map[string]string{"ferry.txt": ferryText})
	var progress []string
	rep, err := lib.Reload(t.Context(), func(s string) { progress = append(progress, s) })
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rep.Changes.Added, []string{"ferry.txt"}) || rep.Documents != 2 {
		t.Errorf("report %+v", rep)
	}
	if got := top(t, st, "When does the ferry to the island leave?"); got != "ferry.txt" {
		t.Errorf("the ferry question found %q", got)
	}
	if len(progress) < 2 || progress[0] != "reading the corpus" || progress[len(progress)-1] != "embedded 1 of 1 changed passages" {
		t.Errorf("progress %q", progress)
	}
}

// A reload reads the configuration's collections again and files the
// documents by them; a configuration that does not validate fails the
// reload and keeps the collections and the index in force.
func TestReloadReadsTheCollectionsAgain(t *testing.T) {
	dir := newCorpus(t, map[string]string{
		"rates.txt":              ratesText,
		"investigations/leak.md": "---\ntitle: Dredging memo\n---\nThe harbour dredging contract was awarded to Quayside Holdings without a tender.\n",
	})
	cfgFile := filepath.Join(t.TempDir(), "bot.yaml")
	writeFiles(t, filepath.Dir(cfgFile), map[string]string{"bot.yaml": "corpus: " + dir + "\n"})
	getenv := func(string) string { return "" }
	cfg, err := config.Load(cfgFile, getenv)
	if err != nil {
		t.Fatal(err)
	}
	st := openIndex(t, indexConfig(t, dir, t.TempDir()))
	lib := New(st, &cfg, getenv, discard)
	if len(lib.Policy().Collections) != 0 {
		t.Fatalf("collections %+v", lib.Policy().Collections)
	}
	inInvestigations := func() bool {
		t.Helper()
		_, res, err := st.Searcher().Search(t.Context(), "Who was awarded the dredging contract?", retrieval.Filter{Collections: []string{"investigations"}}, retrieval.SearchOptions{K: 1})
		if err != nil {
			t.Fatal(err)
		}
		return len(res.Hits) > 0 && res.Hits[0].Doc.ID == "investigations/leak.md"
	}

	writeFiles(t, filepath.Dir(cfgFile), map[string]string{"bot.yaml": "corpus: " + dir + "\ncollections:\n  - {name: investigations, path: investigations}\n"})
	if _, err := lib.Reload(t.Context(), func(string) {}); err != nil {
		t.Fatal(err)
	}
	if cs := lib.Policy().Collections; len(cs) != 1 || cs[0].Name != "investigations" {
		t.Errorf("after the reload the collections are %+v", cs)
	}
	if !inInvestigations() {
		t.Error("the reload did not file the memo in its collection")
	}

	policy := lib.Policy()
	writeFiles(t, filepath.Dir(cfgFile), map[string]string{"bot.yaml": "corpus: " + dir + "\ncollections:\n  - {name: investigations}\n"})
	writeFiles(t, dir, map[string]string{"ferry.txt": ferryText})
	rep, err := lib.Reload(t.Context(), func(string) {})
	if err == nil || rep != nil || !strings.Contains(err.Error(), "investigations") {
		t.Errorf("a collection without a path reloaded: %+v, %v", rep, err)
	}
	if lib.Policy() != policy || !inInvestigations() {
		t.Error("a failed reload changed the collections in force")
	}
	if has(t, st, "ferry.txt") {
		t.Error("a reload that failed on its configuration read the corpus")
	}
}
