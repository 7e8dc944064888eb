package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"strings"

	"github.com/newsroom/askbot/config"
	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/indexcache"
	"github.com/newsroom/askbot/library"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/weaviate"
)

// openStore opens the configured corpus in the store the configuration
// chooses: the one place the store is chosen. BOT_STORE=weaviate answers
// from a Weaviate store's published version, with no index in this
// process (the corpus is read only by index and reload, which write to
// the store); otherwise the corpus is indexed in this process and saved
// in the data directory, and a command that chooses configuredOrLast
// answers from the corpus indexed last when none is configured. tune
// adjusts the in-process index's opening.
func openStore(ctx context.Context, cfg *config.Config, log *slog.Logger, choice corpusChoice, progress func(done, total int), tune ...func(*indexcache.Config)) (library.Store, error) {
	emb, err := newEmbedder(cfg)
	if err != nil {
		return nil, err
	}
	c := indexcache.Config{
		DataDir: cfg.DataDir, Corpus: cfg.Corpus, Embedder: emb, Progress: progress, Load: corpus.Options{PDFToText: cfg.PDFToText},
		Chunker: retrieval.Chunker{TargetChars: cfg.ChunkChars, OverlapChars: cfg.ChunkOverlap},
	}
	if cfg.Store == "weaviate" {
		st, err := openWeaviate(cfg, log)
		if err != nil {
			return nil, fmt.Errorf("configuration: %w", err)
		}
		return library.OpenWeaviate(st, c), nil
	}
	if c.Corpus == "" && choice == configuredOrLast {
		c.Corpus, _ = indexcache.Last(cfg.DataDir)
	}
	for _, f := range tune {
		f(&c)
	}
	return library.OpenIndex(ctx, c, library.PolicyOf(cfg), log)
}

// openWeaviate returns the configured Weaviate store, logging to log what
// it passes over.
func openWeaviate(cfg *config.Config, log *slog.Logger) (*weaviate.Store, error) {
	c, err := weaviate.New(cfg.Weaviate.URL, string(cfg.Weaviate.APIKey), grpcOption(cfg.Weaviate))
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

// grpcOption says where the client finds the server's gRPC API
// (BOT_WEAVIATE_GRPC): nowhere for "off", the URL's host on a port given
// alone, the address given; the default port is tried when unset.
func grpcOption(w config.Weaviate) weaviate.Option {
	switch g := w.GRPC; {
	case g == "":
		return func(*weaviate.Client) {}
	case g == "off":
		return weaviate.WithGRPC("")
	case !strings.Contains(g, ":"):
		if u, err := url.Parse(w.URL); err == nil {
			return weaviate.WithGRPC(net.JoinHostPort(u.Hostname(), g))
		}
	}
	return weaviate.WithGRPC(w.GRPC)
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
