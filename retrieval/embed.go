package retrieval

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"runtime"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/newsroom/askbot/redact"
	"github.com/newsroom/askbot/retrieval/glove"
	"github.com/newsroom/askbot/text"
)

// Embedder turns texts into unit-length vectors.
type Embedder interface {
	// Name identifies the embedder and its model: an index built with one
	// embedder is never queried with another.
	Name() string
	// Embed returns one vector per text. A text with nothing to embed gets a
	// nil vector.
	Embed(ctx context.Context, texts []string) ([][]float32, error)
}

// GloVeEmbedder is the offline default embedder: SIF-weighted averages of
// the compiled-in GloVe vectors.
type GloVeEmbedder struct {
	vectors *glove.Vectors
}

var _ Embedder = (*GloVeEmbedder)(nil)

// NewGloVeEmbedder returns the offline embedder.
func NewGloVeEmbedder() (*GloVeEmbedder, error) {
	v, err := glove.Default()
	if err != nil {
		return nil, err
	}
	return &GloVeEmbedder{vectors: v}, nil
}

// Name implements Embedder.
func (g *GloVeEmbedder) Name() string { return "glove-sif-100d-100k-v1" }

// Concurrency says the GloVe embedder may run on every core at once: it
// only reads its table.
func (g *GloVeEmbedder) Concurrency() int { return runtime.GOMAXPROCS(0) }

// Embed implements Embedder.
func (g *GloVeEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	for i, t := range texts {
		if i%256 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		out[i], _ = g.vectors.Average(text.Words(t))
	}
	return out, nil
}

// OpenAIEmbedder calls an OpenAI-compatible /v1/embeddings endpoint (OpenAI,
// Ollama, llama.cpp's server, vLLM, LM Studio) through go-openai.
type OpenAIEmbedder struct {
	client  *openai.Client
	model   string
	baseURL string
	// BatchSize is the number of texts sent per request.
	BatchSize int
	// Timeout bounds each request.
	Timeout time.Duration
}

var _ Embedder = (*OpenAIEmbedder)(nil)

// NewOpenAIEmbedder returns an embedder for model at baseURL (for example
// "http://localhost:11434/v1"); apiKey may be empty for local servers.
// httpClient may be nil.
func NewOpenAIEmbedder(baseURL, model, apiKey string, httpClient *http.Client) *OpenAIEmbedder {
	cfg := openai.DefaultConfig(apiKey)
	cfg.BaseURL = strings.TrimRight(baseURL, "/")
	if httpClient != nil {
		cfg.HTTPClient = httpClient
	}
	return &OpenAIEmbedder{client: openai.NewClientWithConfig(cfg), model: model, baseURL: cfg.BaseURL, BatchSize: 64, Timeout: 60 * time.Second}
}

// Name implements Embedder: the model and the endpoint, never the key.
// The endpoint is named by scheme, host and path only: credentials in the
// URL never reach an index's manifest, the vectors file or a status reply.
func (e *OpenAIEmbedder) Name() string { return "openai:" + e.model + "@" + redact.Endpoint(e.baseURL) }

// Embed implements Embedder, sending BatchSize texts per request.
func (e *OpenAIEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	batch := max(e.BatchSize, 1)
	for start := 0; start < len(texts); start += batch {
		end := min(start+batch, len(texts))
		if err := e.embedBatch(ctx, texts[start:end], out[start:end]); err != nil {
			// The server's message may echo the key: redacted.
			return nil, redact.Error(fmt.Errorf("embed texts %d-%d with %s: %w", start, end-1, e.model, err))
		}
	}
	return out, nil
}

func (e *OpenAIEmbedder) embedBatch(ctx context.Context, texts []string, out [][]float32) error {
	ctx, cancel := context.WithTimeout(ctx, e.Timeout)
	defer cancel()
	// Servers reject empty inputs; send a space and drop its vector.
	inputs := make([]string, len(texts))
	for i, t := range texts {
		inputs[i] = t
		if strings.TrimSpace(t) == "" {
			inputs[i] = " "
		}
	}
	resp, err := e.client.CreateEmbeddings(ctx, openai.EmbeddingRequestStrings{Input: inputs, Model: openai.EmbeddingModel(e.model)})
	if err != nil {
		return err
	}
	if len(resp.Data) != len(texts) {
		return fmt.Errorf("server returned %d vectors for %d texts", len(resp.Data), len(texts))
	}
	for j, d := range resp.Data {
		i := d.Index
		if i < 0 || i >= len(texts) {
			i = j
		}
		if strings.TrimSpace(texts[i]) == "" {
			continue
		}
		v, err := normalize(d.Embedding)
		if err != nil {
			return fmt.Errorf("vector %d: %w", i, err)
		}
		out[i] = v
	}
	return nil
}

func normalize(v []float32) ([]float32, error) {
	if len(v) == 0 {
		return nil, errors.New("empty vector")
	}
	var sum float64
	for _, x := range v {
		sum += float64(x) * float64(x)
	}
	if sum == 0 || math.IsNaN(sum) || math.IsInf(sum, 0) {
		return nil, errors.New("vector has no direction")
	}
	n := float32(1 / math.Sqrt(sum))
	out := make([]float32, len(v))
	for i, x := range v {
		out[i] = x * n
	}
	return out, nil
}
