package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/newsroom/askbot/access"
	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/config"
	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/indexcache"
	"github.com/newsroom/askbot/redact"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/weaviate"
	"github.com/newsroom/askbot/slackbot"
)

// openWeaviate returns the configured Weaviate store, logging to log what
// it passes over.
func openWeaviate(cfg *config.Config, log *slog.Logger) (*weaviate.Store, error) {
	c, err := weaviate.New(cfg.Weaviate.URL, string(cfg.Weaviate.APIKey))
	if err != nil {
		return nil, err
	}
	st, err := weaviate.NewStore(c, cfg.Weaviate.Name, weaviate.ClassOptions{Shards: cfg.Weaviate.Shards, Replicas: cfg.Weaviate.Replicas})
	if err != nil {
		return nil, err
	}
	st.Log = log
	return st, nil
}

// openStoreApp is openApp for BOT_STORE=weaviate: questions are answered
// from the store's published version, with no index in this process; the
// corpus is read only by index and reload, which write to the store.
func openStoreApp(ctx context.Context, e env, cfg *config.Config, progress func(done, total int)) (*app, error) {
	a := &app{cfg: cfg, log: newLogger(e.stderr, cfg.LogLevel), started: time.Now(), configFile: cfg.File, getenv: e.getenv}
	emb, err := newEmbedder(cfg)
	if err != nil {
		return nil, err
	}
	st, err := openWeaviate(cfg, a.log)
	if err != nil {
		return nil, fmt.Errorf("configuration: %w", err)
	}
	a.store = st
	a.lib = indexcache.Config{
		DataDir: cfg.DataDir, Corpus: cfg.Corpus, Embedder: emb, Progress: progress, Load: corpus.Options{PDFToText: cfg.PDFToText},
		Chunker: retrieval.Chunker{TargetChars: cfg.ChunkChars, OverlapChars: cfg.ChunkOverlap},
	}
	a.policy = policyOf(cfg)
	a.engine = answer.New(retrieval.NewRemote(st, emb, a.lib.Chunker), searchOptions(cfg))
	a.engine.Generator = generator(cfg)
	return a, nil
}

// writeStore reads the corpus and writes what changed to the store as its
// next version. On any failure the store keeps serving the version it had.
func (a *app) writeStore(ctx context.Context, policy *access.Policy, progress func(done, total int)) (*slackbot.ReloadReport, *weaviate.WriteReport, error) {
	start := time.Now()
	res, err := a.lib.ReadCorpus(ctx)
	if err != nil {
		return nil, nil, err
	}
	rep, err := a.store.Write(ctx, res.Documents, weaviate.WriteOptions{
		Embedder: a.lib.Embedder, Chunker: a.lib.Chunker, Progress: progress,
		CollectionOf: policy.CollectionOf,
	})
	if err != nil {
		return nil, nil, fmt.Errorf("write to %s: %w", a.store, redact.Error(err))
	}
	st, err := a.engine.Describe(ctx)
	if err != nil {
		return nil, nil, err
	}
	withdrawn := 0
	for _, d := range res.Documents {
		if d.Withdrawn {
			withdrawn++
		}
	}
	return &slackbot.ReloadReport{Changes: rep.Changes, Skipped: res.Skipped, Documents: st.Documents, Chunks: st.Chunks,
		Took: time.Since(start), Withdrawn: withdrawn, Embedded: rep.Chunks, Reread: len(res.Files)}, &rep, nil
}

// searchOptions are the retrieval settings of a configuration.
func searchOptions(cfg *config.Config) retrieval.SearchOptions {
	search := retrieval.SearchOptions{K: cfg.K}
	if cfg.Embed.BaseURL == "" {
		// Measured on MultiHop-RAG dev: every positive weight of the GloVe
		// ranking lowers hit@10 and MRR, so the offline default ranks by
		// BM25 and metadata alone. Endpoint embedders are fused.
		search.DenseWeight = -1
	}
	return search
}
