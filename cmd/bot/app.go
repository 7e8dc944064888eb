package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/config"
	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/llm"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/slackbot"
)

// newFlags returns a flag set for a command with the shared settings on it,
// their defaults taken from the config file and environment.
func newFlags(e env, name, synopsis string, args []string) (*flag.FlagSet, *config.Config, error) {
	cfg, err := config.Load(configPath(args), e.getenv)
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: bot %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
		fmt.Fprintln(e.stderr, "\nEnvironment:")
		for _, v := range config.Vars {
			fmt.Fprintf(e.stderr, "  %-20s %s\n", v.Name, v.Help)
		}
	}
	if err != nil {
		return nil, nil, err
	}
	cfg.RegisterFlags(fs)
	fs.String("config", "", "path of a YAML config file (env BOT_CONFIG)")
	return fs, &cfg, nil
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
	if err := cfg.Validate(); err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	return nil
}

func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level))
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l}))
}

// app is a loaded corpus and index, ready to answer.
type app struct {
	cfg     *config.Config
	log     *slog.Logger
	corpus  *corpus.Result
	index   *retrieval.Index
	engine  *answer.Engine
	report  retrieval.OpenReport
	started time.Time

	embedder retrieval.Embedder
	build    retrieval.BuildOptions
}

// loadCorpus reads the configured corpus, or the bundled one.
func loadCorpus(ctx context.Context, cfg *config.Config) (*corpus.Result, error) {
	if cfg.Corpus == "" {
		return corpus.LoadFS(ctx, corpus.Bundled(), corpus.Options{})
	}
	return corpus.Load(ctx, cfg.Corpus, corpus.Options{})
}

// newEmbedder returns the configured embedder: an OpenAI-compatible endpoint,
// or the offline GloVe embedder.
func newEmbedder(cfg *config.Config) (retrieval.Embedder, error) {
	if cfg.Embed.BaseURL != "" {
		return retrieval.NewOpenAIEmbedder(cfg.Embed.BaseURL, cfg.Embed.Model, string(cfg.Embed.APIKey), nil), nil
	}
	return retrieval.NewGloVeEmbedder()
}

// openApp loads the corpus and opens (or builds) its index.
func openApp(ctx context.Context, e env, cfg *config.Config, progress func(done, total int)) (*app, error) {
	a := &app{cfg: cfg, log: newLogger(e.stderr, cfg.LogLevel), started: time.Now()}
	emb, err := newEmbedder(cfg)
	if err != nil {
		return nil, err
	}
	a.embedder = emb
	a.build = retrieval.BuildOptions{Chunker: retrieval.Chunker{TargetChars: cfg.ChunkChars, OverlapChars: cfg.ChunkOverlap}}
	ix, rep, err := a.openIndex(ctx, progress)
	if err != nil {
		return nil, err
	}
	if rep.Warning != "" {
		a.log.Warn(rep.Warning)
	}
	a.index, a.report = ix, rep
	search := retrieval.SearchOptions{K: cfg.K}
	if cfg.Embed.BaseURL == "" {
		// Measured on MultiHop-RAG dev: every positive weight of the GloVe
		// ranking lowers hit@10 and MRR, so the offline default ranks by
		// BM25 and metadata alone. Endpoint embedders are fused.
		search.DenseWeight = -1
	}
	a.engine = answer.NewEngine(ix, search)
	if cfg.LLMEnabled() {
		a.engine.Generator = &answer.Generator{Client: llm.New(llm.Config{
			BaseURL: cfg.LLMBaseURL(), Model: cfg.LLM.Model, APIKey: string(cfg.LLM.APIKey),
			Timeout: cfg.LLM.Timeout, MaxTokens: cfg.LLM.MaxTokens, Temperature: cfg.LLM.Temperature,
		})}
	}
	return a, nil
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

// openIndex reopens the saved index when the corpus files are unchanged
// (no corpus read at all), and otherwise loads the corpus and opens the
// index from it, embedding only what changed.
func (a *app) openIndex(ctx context.Context, progress func(done, total int)) (*retrieval.Index, retrieval.OpenReport, error) {
	store := retrieval.Store{Dir: a.cfg.DataDir}
	fp, err := corpusFingerprint(a.cfg)
	if err != nil {
		return nil, retrieval.OpenReport{}, err
	}
	start := time.Now()
	if ix, skipped, err := store.Reopen(fp, a.embedder, a.build.Chunker); err == nil {
		a.log.Debug("reopened the saved index", "chunks", len(ix.Chunks()), "took", time.Since(start))
		a.corpus = &corpus.Result{Documents: ix.Documents(), Skipped: skipped}
		a.logSkipped()
		return ix, retrieval.OpenReport{Reused: true}, nil
	} else if !errors.Is(err, retrieval.ErrStale) && !errors.Is(err, fs.ErrNotExist) {
		a.log.Warn("saved index unreadable; rebuilding", "error", err)
	}
	res, err := loadCorpus(ctx, a.cfg)
	if err != nil {
		return nil, retrieval.OpenReport{}, err
	}
	a.corpus = res
	a.logSkipped()
	opts := a.build
	opts.Progress, opts.Fingerprint, opts.Skipped = progress, fp, res.Skipped
	ix, rep, err := store.Open(ctx, res.Documents, a.embedder, opts)
	if errors.Is(err, retrieval.ErrSave) {
		// The data directory is unusable: answer from memory all the same.
		a.log.Warn("index not saved; answering from memory", "data_dir", a.cfg.DataDir, "error", err)
		err = nil
	}
	return ix, rep, err
}

func (a *app) logSkipped() {
	for _, s := range a.corpus.Skipped {
		a.log.Warn("skipped a corpus file", "file", s.Path, "line", s.Line, "reason", s.Reason)
	}
}

// corpusFingerprint identifies the configured corpus's files.
func corpusFingerprint(cfg *config.Config) (string, error) {
	if cfg.Corpus == "" {
		return corpus.FingerprintFS(corpus.Bundled())
	}
	return corpus.Fingerprint(cfg.Corpus)
}

// reload re-reads the corpus and swaps a new index into the engine. On any
// failure the engine keeps the index it had.
func (a *app) reload(ctx context.Context, progress func(string)) (*slackbot.ReloadReport, error) {
	start := time.Now()
	progress("reading the corpus")
	res, err := loadCorpus(ctx, a.cfg)
	if err != nil {
		return nil, err
	}
	progress(fmt.Sprintf("%d documents read; indexing", len(res.Documents)))
	fp, err := corpusFingerprint(a.cfg)
	if err != nil {
		return nil, err
	}
	opts := a.build
	opts.Fingerprint, opts.Skipped = fp, res.Skipped
	opts.Progress = func(done, total int) { progress(fmt.Sprintf("embedded %d of %d changed passages", done, total)) }
	ix, _, err := retrieval.Store{Dir: a.cfg.DataDir}.Open(ctx, res.Documents, a.embedder, opts)
	if errors.Is(err, retrieval.ErrSave) {
		a.log.Warn("index not saved; serving it from memory", "error", err)
		err = nil
	}
	if err != nil {
		return nil, err
	}
	old := a.engine.Index().Documents()
	a.engine.SetIndex(ix)
	a.index, a.corpus = ix, res
	st := ix.Stats()
	return &slackbot.ReloadReport{Changes: corpus.Diff(old, res.Documents), Skipped: res.Skipped, Documents: st.Documents, Chunks: st.Chunks, Took: time.Since(start)}, nil
}
