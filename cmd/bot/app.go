package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/newsroom/askbot/access"
	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/config"
	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/indexcache"
	"github.com/newsroom/askbot/llm"
	"github.com/newsroom/askbot/redact"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/weaviate"
	"github.com/newsroom/askbot/slackbot"
	"github.com/newsroom/askbot/watch"
)

// newFlags returns a flag set for the command called name with the flags
// of the settings it uses, their defaults taken from the config file and
// environment.
func newFlags(e env, name string, args []string) (*flag.FlagSet, *config.Config, error) {
	c := lookupCommand(name)
	cfg, err := config.Load(configPath(args), e.getenv)
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() { printUsage(e.stderr, c, fs) }
	if err != nil {
		return nil, nil, err
	}
	cfg.RegisterFlags(fs, c.groups...)
	fs.Bool(helpAll, false, "describe every flag and setting, the rarely needed ones too")
	return fs, &cfg, nil
}

// placeFlags defines --channel and --user, to answer as a question asked
// in that channel (or DM) by that user would be; it returns the place.
func placeFlags(fs *flag.FlagSet) func() access.Place {
	channel := fs.String("channel", "", "answer as in this Slack channel (or DM) ID: search only what it may see")
	user := fs.String("user", "", "answer as this Slack user ID (with --channel D…, or alone: their direct messages)")
	// The operator says which place to answer as: a D… channel with a
	// user is that user's DM with the bot.
	return func() access.Place {
		return access.Place{Channel: *channel, User: *user, DM: strings.HasPrefix(*channel, "D")}
	}
}

// configPath finds --config in args before the flags are parsed, since the
// file sets the flags' defaults.
func configPath(args []string) string {
	for i, a := range args {
		name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "config" {
			continue
		}
		if hasVal {
			return val
		}
		if i+1 < len(args) {
			return args[i+1]
		}
	}
	return ""
}

// parse parses args and validates the resulting configuration.
func parse(fs *flag.FlagSet, cfg *config.Config, args []string) error {
	// Flags may come before or after the question: parse, set aside one
	// positional argument, and parse the rest again; after "--" all is positional.
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				return err
			}
			return usageError{err.Error()}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			positional = append(positional, rest...)
			break
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
	fs.Parse(append([]string{"--"}, positional...))
	if f := fs.Lookup(helpAll); f != nil && f.Value.String() == "true" {
		fs.Usage()
		return flag.ErrHelp
	}
	if err := cfg.Validate(); err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	return nil
}

func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level))
	// Every value is redacted: an upstream error may echo a key, a URL may
	// carry a password.
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l, ReplaceAttr: redact.ReplaceAttr}))
}

// app is an index being served and the engine answering from it.
type app struct {
	cfg *config.Config
	log *slog.Logger
	// configFile and getenv let a reload read the configuration again.
	configFile string
	getenv     func(string) string
	engine     *answer.Engine
	lib        indexcache.Config
	// store, when set, is the Weaviate store answered from (BOT_STORE=weaviate).
	store *weaviate.Store
	// local, otherwise, is the in-process index answered from.
	local   *retrieval.Local
	started time.Time

	watchOpts watch.Options // how the corpus is watched (tests shorten the debounce)
	reloading sync.Mutex    // one reload at a time, whether the watch or an admin asked

	mu       sync.Mutex
	lastAuto string             // the last automatic reload, for status
	opened   *indexcache.Opened // the index being served, with what opening it found
	policy   *access.Policy     // the collections and channels, swapped with the index
}

// policyOf builds the access policy of a configuration.
func policyOf(cfg *config.Config) *access.Policy {
	return &access.Policy{Channels: cfg.Channels, Collections: slices.Clone(cfg.Collections)}
}

// scope is what a question asked at pl may search, under the policy in force.
func (a *app) scope(pl access.Place) access.Scope {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.policy.Scope(pl)
}

// newEmbedder returns the configured embedder: an OpenAI-compatible endpoint,
// or the offline GloVe embedder.
func newEmbedder(cfg *config.Config) (retrieval.Embedder, error) {
	if cfg.Embed.BaseURL != "" {
		return retrieval.NewOpenAIEmbedder(cfg.Embed.BaseURL, cfg.Embed.Model, string(cfg.Embed.APIKey), nil), nil
	}
	return retrieval.NewGloVeEmbedder()
}

// corpusChoice says which corpus a command answers from when none is
// configured.
type corpusChoice int

const (
	configuredOrBundled corpusChoice = iota
	// configuredOrLast falls back to the corpus indexed last with "bot
	// index" before the bundled one (ask and chat).
	configuredOrLast
)

// openApp opens (or builds) the index of the configured corpus; tune, if
// given, adjusts how (indexcache.Config.Reread).
func openApp(ctx context.Context, e env, cfg *config.Config, choice corpusChoice, progress func(done, total int), tune ...func(*indexcache.Config)) (*app, error) {
	if cfg.Store == "weaviate" {
		return openStoreApp(ctx, e, cfg, progress)
	}
	a := &app{cfg: cfg, log: newLogger(e.stderr, cfg.LogLevel), started: time.Now(), configFile: cfg.File, getenv: e.getenv}
	emb, err := newEmbedder(cfg)
	if err != nil {
		return nil, err
	}
	corpusPath := cfg.Corpus
	if corpusPath == "" && choice == configuredOrLast {
		corpusPath, _ = indexcache.Last(cfg.DataDir)
	}
	a.lib = indexcache.Config{
		DataDir: cfg.DataDir, Corpus: corpusPath, Embedder: emb, Progress: progress, Load: corpus.Options{PDFToText: cfg.PDFToText},
		Chunker: retrieval.Chunker{TargetChars: cfg.ChunkChars, OverlapChars: cfg.ChunkOverlap},
	}
	for _, f := range tune {
		f(&a.lib)
	}
	start := time.Now()
	opened, err := indexcache.Open(ctx, a.lib)
	a.lib.Reread = false // once: reloads read only what changed
	if err != nil {
		return nil, err
	}
	a.log.Debug("opened the index", "corpus", opened.Corpus, "read", opened.Read, "chunks", len(opened.Index.Chunks()), "took", time.Since(start))
	if opened.Report.Warning != "" {
		a.log.Warn(opened.Report.Warning)
	}
	if opened.SaveErr != nil {
		a.log.Warn("index not saved; answering from memory", "data_dir", cfg.DataDir, "error", opened.SaveErr)
	}
	a.opened = opened
	a.policy = policyOf(cfg)
	a.local = retrieval.NewLocal(opened.Index)
	a.engine = answer.New(a.local, searchOptions(cfg))
	a.engine.Generator = generator(cfg)
	return a, nil
}

// generator returns the configured model, or nil for extractive answers.
func generator(cfg *config.Config) *answer.Generator {
	if !cfg.LLMEnabled() {
		return nil
	}
	return &answer.Generator{Client: llm.New(llm.Config{
		BaseURL: cfg.LLMBaseURL(), Model: cfg.LLM.Model, APIKey: string(cfg.LLM.APIKey),
		Timeout: cfg.LLM.Timeout, MaxTokens: cfg.LLM.MaxTokens, Temperature: cfg.LLM.Temperature,
	})}
}

// request is the question as asked at pl, scoped to what pl may see.
func (a *app) request(question string, pl access.Place) answer.Request {
	s := a.scope(pl)
	return answer.Request{Question: question, Allow: s.Allow(), Collections: s.SearchCollections()}
}

// current returns the index being served, with what opening it found.
func (a *app) current() *indexcache.Opened {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.opened
}

// describe gives the size and identity of the corpus as pl sees it: the
// whole of it for the operator, what pl may quote otherwise.
func (a *app) describe(ctx context.Context, pl access.Place) (retrieval.Stats, error) {
	if pl.Operator() {
		return a.engine.Describe(ctx)
	}
	return a.engine.Scope(ctx, a.request("", pl))
}

// corpusLine describes the corpus being answered from, in one line:
// "Corpus: multihop-rag.corpus.jsonl, 609 documents, indexed 2026-11-27 10:02".
// Asked as a place (--channel, --user), it describes what the place may
// quote, as the place's status does.
func (a *app) corpusLine(ctx context.Context, pl access.Place) string {
	if a.store != nil {
		st, err := a.describe(ctx, pl)
		if err != nil {
			return fmt.Sprintf("Corpus: %s (%v)", a.store, redact.Error(err))
		}
		return fmt.Sprintf("Corpus: %s, version %s, %d document%s, indexed %s", a.store, st.Version, st.Documents, plural(st.Documents), st.Built.Local().Format("2006-01-02 15:04"))
	}
	o := a.current()
	st := o.Index.Stats()
	if !pl.Operator() {
		st, _ = a.describe(ctx, pl) // an index in this process always describes itself
	}
	line := fmt.Sprintf("Corpus: %s, %d document%s, indexed %s", o.Corpus, st.Documents, plural(st.Documents), st.Built.Local().Format("2006-01-02 15:04"))
	if n := len(o.Skipped); n > 0 {
		line += fmt.Sprintf(" (%d files skipped: \"bot index\" lists them)", n)
	}
	return line
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// reload re-reads the corpus if its files changed and swaps the new index
// into the engine. On any failure the engine keeps the index it had.
func (a *app) reload(ctx context.Context, progress func(string)) (*slackbot.ReloadReport, error) {
	return a.reloadWith(ctx, progress, reloadOptions{})
}

// reloadOptions are how the watch's reloads differ from an admin's.
type reloadOptions struct {
	// grace holds new documents without a sidecar back for that long
	// (corpus.Options.NewFileGrace): the watch's reloads only; an admin's
	// reload publishes what is there.
	grace time.Duration
	// reread reads every file again (indexcache.Config.Reread).
	reread bool
}

// reloadWith is reload with the watch's options.
func (a *app) reloadWith(ctx context.Context, progress func(string), ro reloadOptions) (*slackbot.ReloadReport, error) {
	a.reloading.Lock()
	defer a.reloading.Unlock()
	start := time.Now()
	// The collections and channels are read again with the corpus, and
	// swapped in with the new index.
	policy := a.policy
	if a.configFile != "" {
		fresh, err := config.Load(a.configFile, a.getenv)
		if err != nil {
			return nil, err
		}
		if err := fresh.Validate(); err != nil {
			return nil, fmt.Errorf("configuration: %w", err)
		}
		policy = policyOf(&fresh)
	}
	if a.store != nil {
		progress("reading the corpus")
		rep, _, err := a.writeStore(ctx, policy, func(done, total int) { progress(fmt.Sprintf("embedded %d of %d changed passages", done, total)) })
		if err != nil {
			return nil, err
		}
		a.mu.Lock()
		a.policy = policy
		a.mu.Unlock()
		return rep, nil
	}
	progress("reading the corpus")
	c := a.lib
	c.Progress = func(done, total int) { progress(fmt.Sprintf("embedded %d of %d changed passages", done, total)) }
	c.Load.Previous = a.current().Loaded // read only the files that changed
	c.Load.NewFileGrace, c.Reread = ro.grace, ro.reread
	opened, err := indexcache.Open(ctx, c)
	if err != nil {
		return nil, err
	}
	if opened.Loaded == nil {
		// Nothing changed since the corpus was last read: that reading
		// still says what the next reload may skip, and which files are new.
		opened.Loaded = c.Load.Previous
	}
	if opened.SaveErr != nil {
		a.log.Warn("index not saved; serving it from memory", "error", opened.SaveErr)
	}
	old := a.local.Index().Documents()
	a.mu.Lock()
	a.local.Replace(opened.Index)
	a.opened, a.policy = opened, policy
	a.mu.Unlock()
	st := opened.Index.Stats()
	withdrawn := 0
	for _, d := range opened.Index.Documents() {
		if d.Withdrawn {
			withdrawn++
		}
	}
	reread := 0
	if opened.Loaded != nil {
		reread = opened.Loaded.Reread
	}
	if opened.Loaded != nil && len(opened.Loaded.Held) > 0 {
		a.log.Info("new files wait for their sidecars", "files", opened.Loaded.Held, "grace", c.Load.NewFileGrace)
	}
	return &slackbot.ReloadReport{Changes: corpus.Diff(old, opened.Index.Documents()), Skipped: opened.Skipped, Documents: st.Documents, Chunks: st.Chunks,
		Took: time.Since(start), NotSaved: redact.Error(opened.SaveErr), Withdrawn: withdrawn, Embedded: opened.Report.Embedded, Reread: reread}, nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// watchCorpus reloads the index whenever the corpus's files change (see
// package watch), until ctx is done; after each reload done is called with
// its report. Questions are answered from the current index meanwhile.
func (a *app) watchCorpus(ctx context.Context, done func(*slackbot.ReloadReport)) {
	fi, err := os.Stat(a.lib.Corpus)
	if a.lib.Corpus == "" || err != nil || !fi.IsDir() {
		return // the bundled corpus or a single archive: nothing to watch
	}
	opts := a.watchOpts
	opts.Fallback = func(reason error) { a.log.Warn("corpus watch unavailable; polling", "reason", reason) }
	// A new document without a sidecar waits for it (see package watch):
	// the watch's reloads hold it, and its follow-up publishes it. A
	// negative grace (tests) holds nothing.
	switch {
	case opts.Grace == 0:
		opts.Grace = watch.DefaultSidecarGrace
	case opts.Grace < 0:
		opts.Grace = 0
	}
	if a.current().Loaded == nil {
		// The saved index was reopened without reading the corpus: read
		// it once now, so that the reloads know which files are new.
		if _, err := a.reloadWith(ctx, func(string) {}, reloadOptions{reread: true}); err != nil {
			a.log.Warn("reading the corpus for the watch failed; until a reload succeeds, new files do not wait for their sidecars", "error", err)
		}
	}
	watch.Run(ctx, a.lib.Corpus, opts, func() {
		rep, err := a.reloadWith(ctx, func(string) {}, reloadOptions{grace: opts.Grace})
		if err != nil {
			a.log.Error("automatic reload failed; the previous index serves", "error", err)
			a.setLastAuto(fmt.Sprintf("Last automatic reload failed at %s: %v", time.Now().Format("15:04:05"), redact.Error(err)))
			return
		}
		a.log.Info("automatic reload", "added", len(rep.Changes.Added), "changed", len(rep.Changes.Changed), "removed", len(rep.Changes.Removed),
			"skipped", len(rep.Skipped), "files_read", rep.Reread, "embedded_chunks", rep.Embedded, "took", rep.Took)
		a.setLastAuto(fmt.Sprintf("Last automatic reload %s: %d added, %d changed, %d removed, %d skipped, %d passages embedded.",
			time.Now().Format("2006-01-02 15:04:05"), len(rep.Changes.Added), len(rep.Changes.Changed), len(rep.Changes.Removed), len(rep.Skipped), rep.Embedded))
		if done != nil {
			done(rep)
		}
	})
}

func (a *app) setLastAuto(line string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.lastAuto = line
}

func (a *app) autoStatus() string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.lastAuto
}
