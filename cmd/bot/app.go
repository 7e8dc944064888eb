package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/newsroom/askbot/access"
	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/config"
	"github.com/newsroom/askbot/indexcache"
	"github.com/newsroom/askbot/library"
	"github.com/newsroom/askbot/llm"
	"github.com/newsroom/askbot/redact"
	"github.com/newsroom/askbot/retrieval"
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

// app is the library being served and the engine answering from it.
type app struct {
	cfg     *config.Config
	log     *slog.Logger
	engine  *answer.Engine
	lib     *library.Library
	started time.Time
}

// scope is what a question asked at pl may search, under the policy in force.
func (a *app) scope(pl access.Place) access.Scope { return a.lib.Scope(pl) }

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

// openApp opens the configured corpus in the configured store (see
// openStore); tune, if given, adjusts how (indexcache.Config.Reread).
func openApp(ctx context.Context, e env, cfg *config.Config, choice corpusChoice, progress func(done, total int), tune ...func(*indexcache.Config)) (*app, error) {
	a := &app{cfg: cfg, log: newLogger(e.stderr, cfg.LogLevel), started: time.Now()}
	store, err := openStore(ctx, cfg, a.log, choice, progress, tune...)
	if err != nil {
		return nil, err
	}
	a.lib = library.New(store, cfg, e.getenv, a.log)
	a.engine = answer.New(store.Searcher(), searchOptions(cfg))
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
	return answer.Request{Question: question, Asker: a.lib.Asker(pl)}
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
	return a.lib.Store().Describe(a.describe(ctx, pl))
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
