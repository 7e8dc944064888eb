// Package library keeps the corpus questions are answered from: it reads
// the documents, indexes them into the store chosen for them, reloads them
// when an admin asks or their folder changes, and reports what changed.
// The command line and Slack both go through it; neither knows which
// store holds the corpus.
package library

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/newsroom/askbot/access"
	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/config"
	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/redact"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/watch"
)

// Store is where the library keeps the corpus for searching: an index in
// this process (OpenIndex) or a shared store (OpenWeaviate), chosen once
// by the command that opens the library.
type Store interface {
	// Searcher answers questions from what the store holds now.
	Searcher() answer.Searcher
	// Update reads the corpus and makes what changed the version questions
	// see; on any failure the store keeps serving the version it had.
	Update(ctx context.Context, u Update) (*Report, error)
	// Index brings the store up to date with the corpus as "bot index"
	// does and says what it did, a labelled line at a time; the error is
	// one to exit with after printing them (lines may then be nil).
	Index(ctx context.Context, u Update) ([]Line, error)
	// Describe is the corpus's line for people, from the Stats of what the
	// reader may see (or the error describing it):
	// "Corpus: NAME, 609 documents, indexed 2026-11-27 10:02".
	Describe(st retrieval.Stats, err error) string
	// SaveError is why the version served could not be saved, or nil.
	SaveError() error
	// Progress names what Update's progress counts: "embedded" "chunks",
	// or "written" "documents".
	Progress() (verb, unit string)
	// Corpus is the corpus path read ("" for the bundled corpus).
	Corpus() string
	// Unread reports whether the corpus has not been read since the store
	// was opened (a saved index reopened as it was): a watch reads it once
	// first, to know which files are new.
	Unread() bool
}

// Update is how a store reads the corpus.
type Update struct {
	// Policy files each document in its collection (CollectionOf) and
	// says who may search each: a store keeps it with the version it
	// files (in this process retrieval.Index.Settings; a shared store
	// writes it with the version, see encodeSettings), so a question
	// reads its scope in the settings of the corpus it searches
	// (Library.Asker).
	Policy *access.Policy
	// Progress, when set, is told how far the embedding or writing is.
	Progress func(done, total int)
	// Grace holds new documents without a sidecar back for that long
	// (corpus.Options.NewFileGrace): the watch's reloads only.
	Grace time.Duration
	// Reread reads every file again, whatever the store saved says.
	Reread bool
}

// Line is one labelled line of what "bot index" did; a Line without a
// Label continues the one before it (a skipped file under "skipped").
type Line struct {
	Label, Value string
}

// Report says what a reload changed.
type Report struct {
	Changes   corpus.Changes
	Skipped   []corpus.Skipped
	Documents int
	Chunks    int
	Took      time.Duration
	// NotSaved is why the new index could not be saved (it serves from
	// memory), or nil.
	NotSaved error
	// Withdrawn counts the documents marked withdrawn (never cited).
	Withdrawn int
	// Embedded counts the passages embedded (the changed ones only);
	// Reread the corpus files read again (the changed ones only).
	Embedded, Reread int
}

// Library is a corpus in its store, with who may see what of it: reloads
// read the corpus and the configuration's collections again, one at a
// time, whether an admin or the watch asked.
type Library struct {
	store Store
	log   *slog.Logger
	// configFile and getenv let a reload read the collections again.
	configFile string
	getenv     func(string) string
	// WatchOptions are how the corpus is watched (tests shorten the debounce).
	WatchOptions watch.Options

	reloading sync.Mutex // one reload at a time

	mu       sync.Mutex
	lastAuto string         // the last automatic reload, for status
	policy   *access.Policy // the collections and channels, swapped with the corpus
	// stored is the policy of the settings a shared store's version
	// keeps, read last.
	stored storedPolicy
}

// New returns the library of the corpus in store, with cfg's collections
// and channels; a reload reads cfg.File (when set) again with getenv.
func New(store Store, cfg *config.Config, getenv func(string) string, log *slog.Logger) *Library {
	return &Library{store: store, log: log, configFile: cfg.File, getenv: getenv, policy: PolicyOf(cfg)}
}

// PolicyOf builds the access policy of a configuration.
func PolicyOf(cfg *config.Config) *access.Policy {
	return &access.Policy{Channels: cfg.Channels, Collections: slices.Clone(cfg.Collections)}
}

// Store is the store the corpus is kept in.
func (l *Library) Store() Store { return l.store }

// Scope is what a question asked at pl may search, under the policy in force.
func (l *Library) Scope(pl access.Place) access.Scope {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.policy.Scope(pl)
}

// Asker is the scope of a question asked at pl, for a search to read in
// the collection settings of the corpus version it pins (see
// retrieval.Filter.Asker): a reload that changes the corpus and the
// collections together is never seen half, and a shared store's version
// is read in the settings it was written with, whichever process wrote
// it and whatever policy this one holds in force. A shared store's
// version written without settings (by an earlier version of the bot)
// is refused (ErrNoSettings), but to the operator, who sees everything
// under any settings; a version that keeps none in this process (an
// index opened without a policy) is read with the policy in force.
func (l *Library) Asker(pl access.Place) retrieval.Asker {
	return func(settings any) ([]string, error) {
		p, err := l.settingsPolicy(settings)
		if err != nil {
			if pl.Operator() {
				return nil, nil
			}
			return nil, err
		}
		return p.Scope(pl).SearchCollections(), nil
	}
}

// settingsPolicy is the policy of a version's collection settings (see
// retrieval.Asker).
func (l *Library) settingsPolicy(settings any) (*access.Policy, error) {
	switch s := settings.(type) {
	case nil:
		return l.Policy(), nil
	case *access.Policy:
		if s == nil {
			return l.Policy(), nil
		}
		return s, nil
	case json.RawMessage:
		return l.stored.policy(s)
	default:
		return nil, fmt.Errorf("collection settings of an unknown kind (%T)", settings)
	}
}

// Policy is the collections and channels in force.
func (l *Library) Policy() *access.Policy {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.policy
}

// SaveError is why the corpus being served is not saved, or nil, redacted
// for people.
func (l *Library) SaveError() error { return redact.Error(l.store.SaveError()) }

// Index brings the store up to date with the corpus, as "bot index" does.
func (l *Library) Index(ctx context.Context, progress func(done, total int), reread bool) ([]Line, error) {
	return l.store.Index(ctx, Update{Policy: l.Policy(), Progress: progress, Reread: reread})
}

// Reload reads the corpus again (the files that changed) with the
// configuration's collections, and swaps both in; on any failure the
// corpus and collections in force stay. progress receives short status
// lines.
func (l *Library) Reload(ctx context.Context, progress func(string)) (*Report, error) {
	return l.reload(ctx, progress, Update{})
}

// reload is Reload with the watch's options (u's Policy and Progress are
// set here). An in-process store swaps the corpus in with its policy, in
// one; the library's copy of the policy, which describes scopes and files
// a shared store's writes, follows.
func (l *Library) reload(ctx context.Context, progress func(string), u Update) (*Report, error) {
	l.reloading.Lock()
	defer l.reloading.Unlock()
	policy := l.Policy()
	if l.configFile != "" {
		fresh, err := config.Load(l.configFile, l.getenv)
		if err != nil {
			return nil, err
		}
		if err := fresh.Validate(); err != nil {
			return nil, fmt.Errorf("configuration: %w", err)
		}
		policy = PolicyOf(&fresh)
	}
	progress("reading the corpus")
	u.Policy = policy
	u.Progress = func(done, total int) { progress(fmt.Sprintf("embedded %d of %d changed passages", done, total)) }
	rep, err := l.store.Update(ctx, u)
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	l.policy = policy
	l.mu.Unlock()
	return rep, nil
}

// Watch reloads the corpus whenever its files change (see package watch),
// until ctx is done; after each reload done is called with its report.
// Questions are answered from the current corpus meanwhile. The bundled
// corpus and a single archive are not watched.
func (l *Library) Watch(ctx context.Context, done func(*Report)) {
	dir := l.store.Corpus()
	fi, err := os.Stat(dir)
	if dir == "" || err != nil || !fi.IsDir() {
		return
	}
	opts := l.WatchOptions
	opts.Fallback = func(reason error) { l.log.Warn("corpus watch unavailable; polling", "reason", reason) }
	// A new document without a sidecar waits for it (see package watch):
	// the watch's reloads hold it, and its follow-up publishes it. A
	// negative grace (tests) holds nothing.
	switch {
	case opts.Grace == 0:
		opts.Grace = watch.DefaultSidecarGrace
	case opts.Grace < 0:
		opts.Grace = 0
	}
	if l.store.Unread() {
		// The saved index was reopened without reading the corpus: read
		// it once now, so that the reloads know which files are new.
		if _, err := l.reload(ctx, func(string) {}, Update{Reread: true}); err != nil {
			l.log.Warn("reading the corpus for the watch failed; until a reload succeeds, new files do not wait for their sidecars", "error", err)
		}
	}
	watch.Run(ctx, dir, opts, func() {
		rep, err := l.reload(ctx, func(string) {}, Update{Grace: opts.Grace})
		if err != nil {
			l.log.Error("automatic reload failed; the previous index serves", "error", err)
			l.setLastAuto(fmt.Sprintf("Last automatic reload failed at %s: %v", time.Now().Format("15:04:05"), redact.Error(err)))
			return
		}
		l.log.Info("automatic reload", "added", len(rep.Changes.Added), "changed", len(rep.Changes.Changed), "removed", len(rep.Changes.Removed),
			"skipped", len(rep.Skipped), "files_read", rep.Reread, "embedded_chunks", rep.Embedded, "took", rep.Took)
		l.setLastAuto(fmt.Sprintf("Last automatic reload %s: %d added, %d changed, %d removed, %d skipped, %d passages embedded.",
			time.Now().Format("2006-01-02 15:04:05"), len(rep.Changes.Added), len(rep.Changes.Changed), len(rep.Changes.Removed), len(rep.Skipped), rep.Embedded))
		if done != nil {
			done(rep)
		}
	})
}

func (l *Library) setLastAuto(line string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lastAuto = line
}

// AutoStatus describes the last automatic reload, or "".
func (l *Library) AutoStatus() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.lastAuto
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// skippedLines lists the skips under a "skipped" line: how many files,
// and how many warnings (unknown metadata keys, unread attachments).
func skippedLines(skipped []corpus.Skipped) []Line {
	files, warnings := countSkipped(skipped)
	value := fmt.Sprint(files)
	if n := warnings; n > 0 {
		value += fmt.Sprintf(" (and %d warning%s)", n, plural(n))
	}
	lines := []Line{{"skipped", value}}
	for _, s := range skipped {
		lines = append(lines, Line{Value: fmt.Sprint(s)})
	}
	return lines
}

// countSkipped counts the files skipped and the warnings about files
// that loaded.
func countSkipped(skipped []corpus.Skipped) (files, warnings int) {
	for _, s := range skipped {
		if s.Warning {
			warnings++
		} else {
			files++
		}
	}
	return files, warnings
}
