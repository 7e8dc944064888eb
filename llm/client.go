// Package llm talks to any OpenAI-compatible chat-completions endpoint
// (OpenAI, Ollama, llama.cpp's server, vLLM, LM Studio) through go-openai:
// streaming, bounded retries that honour Retry-After, and errors sorted into
// the kinds a caller acts on.
package llm

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/newsroom/askbot/internal/redact"
	openai "github.com/sashabaranov/go-openai"
)

// Config configures a Client.
type Config struct {
	BaseURL string
	Model   string
	APIKey  string // may be empty for local servers
	// Timeout bounds one whole answer, retries included.
	Timeout     time.Duration
	MaxTokens   int
	Temperature float64
	// MaxRetryWait caps how long a 429 or 5xx is waited out (default 10s).
	MaxRetryWait time.Duration
	// Retries is how many times a 429 or 5xx is retried (default 2).
	Retries int
	// HTTPClient is used for requests; nil means a default one.
	HTTPClient *http.Client
}

// Client sends chat completions to one model.
type Client struct {
	cfg    Config
	client *openai.Client
	// sleep waits d before a retry, or until ctx is done (tests record it).
	sleep func(ctx context.Context, d time.Duration) error
}

// sleepCtx waits d or until ctx is done.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// New returns a client for cfg.
func New(cfg Config) *Client {
	if cfg.Timeout <= 0 {
		cfg.Timeout = 60 * time.Second
	}
	if cfg.MaxRetryWait <= 0 {
		cfg.MaxRetryWait = 10 * time.Second
	}
	if cfg.Retries == 0 {
		cfg.Retries = 2
	}
	oc := openai.DefaultConfig(cfg.APIKey)
	oc.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{}
	}
	inner := hc.Transport
	if inner == nil {
		inner = http.DefaultTransport
	}
	wrapped := *hc
	wrapped.Transport = retryAfterTransport{inner}
	oc.HTTPClient = &wrapped
	// Some servers send keep-alive comments between tokens while they think.
	oc.EmptyMessagesLimit = 100000
	return &Client{cfg: cfg, client: openai.NewClientWithConfig(oc), sleep: sleepCtx}
}

// Model is the model name.
func (c *Client) Model() string { return c.cfg.Model }

// Timeout is the bound on one whole answer.
func (c *Client) Timeout() time.Duration { return c.cfg.Timeout }

// Message is one chat message.
type Message struct {
	Role    string // "system", "user" or "assistant"
	Content string
}

// Kind sorts failures by what the caller should do about them.
type Kind int

const (
	// Unavailable: the model could not answer now (refused connection,
	// timeout, 429, 5xx, malformed or cut stream). Fall back.
	Unavailable Kind = iota
	// Misconfigured: 401, 403 or 404: the key, URL or model name is wrong.
	Misconfigured
	// ContextTooLong: the prompt exceeds the model's context window.
	ContextTooLong
)

// Error is a failed completion.
type Error struct {
	Kind Kind
	// Reason is a short sentence for people; it never contains secrets.
	Reason string
	Err    error
}

// Error gives the reason and the cause.
func (e *Error) Error() string { return e.Reason + ": " + redact.Text(e.Err.Error()) }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Stream sends messages and streams the reply, calling onDelta (which may
// be nil) with each piece of text. It returns the whole reply. A 429 or 5xx
// is retried up to Retries times, waiting what Retry-After asks (capped at
// MaxRetryWait), all within Timeout. A stream that ends without a finish
// reason was cut and is an error.
func (c *Client) Stream(ctx context.Context, messages []Message, onDelta func(string)) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	for attempt := 0; ; attempt++ {
		text, err := c.streamOnce(ctx, messages, onDelta)
		if err == nil {
			return text, nil
		}
		wait, retry := c.retryable(err, attempt)
		if !retry || text != "" {
			return "", classify(ctx, err)
		}
		if c.sleep(ctx, wait) != nil {
			return "", classify(ctx, err)
		}
	}
}

// Complete sends messages and returns the whole reply without streaming.
func (c *Client) Complete(ctx context.Context, messages []Message) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	for attempt := 0; ; attempt++ {
		hold := &retryAfterHolder{}
		resp, err := c.client.CreateChatCompletion(context.WithValue(ctx, retryAfterKey{}, hold), c.request(messages, false))
		err = withHolder(err, hold)
		if err == nil {
			if len(resp.Choices) == 0 {
				return "", &Error{Kind: Unavailable, Reason: "the model sent no answer", Err: errors.New("no choices")}
			}
			return resp.Choices[0].Message.Content, nil
		}
		wait, retry := c.retryable(err, attempt)
		if !retry {
			return "", classify(ctx, err)
		}
		if c.sleep(ctx, wait) != nil {
			return "", classify(ctx, err)
		}
	}
}

func (c *Client) request(messages []Message, stream bool) openai.ChatCompletionRequest {
	req := openai.ChatCompletionRequest{
		Model: c.cfg.Model,
		// max_tokens, not max_completion_tokens: the local servers the bot
		// is meant for (Ollama, llama.cpp, vLLM, LM Studio) read max_tokens.
		//lint:ignore SA1019 max_completion_tokens is OpenAI's alone
		MaxTokens: c.cfg.MaxTokens,
		Stream:    stream,
		// go-openai drops a zero temperature (omitempty), and servers then
		// use their own default, often 0.7 or more: send the smallest
		// positive number instead.
		Temperature: float32(max(c.cfg.Temperature, math.SmallestNonzeroFloat32)),
	}
	for _, m := range messages {
		req.Messages = append(req.Messages, openai.ChatCompletionMessage{Role: m.Role, Content: m.Content})
	}
	return req
}

func (c *Client) streamOnce(ctx context.Context, messages []Message, onDelta func(string)) (string, error) {
	hold := &retryAfterHolder{}
	stream, err := c.client.CreateChatCompletionStream(context.WithValue(ctx, retryAfterKey{}, hold), c.request(messages, true))
	if err != nil {
		return "", withHolder(err, hold)
	}
	defer stream.Close()
	var b strings.Builder
	finished := false
	for {
		resp, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return b.String(), err
		}
		for _, ch := range resp.Choices {
			if ch.Delta.Content != "" {
				b.WriteString(ch.Delta.Content)
				if onDelta != nil {
					onDelta(ch.Delta.Content)
				}
			}
			if ch.FinishReason != "" {
				finished = true
			}
		}
	}
	if !finished {
		// go-openai reports a stream cut before [DONE] as a clean EOF.
		return b.String(), errCut
	}
	return b.String(), nil
}

var errCut = errors.New("the stream ended before the model finished")

// retryable says whether err is worth another attempt, and after how long.
func (c *Client) retryable(err error, attempt int) (time.Duration, bool) {
	if attempt >= c.cfg.Retries {
		return 0, false
	}
	status := statusOf(err)
	if status != http.StatusTooManyRequests && status < 500 {
		return 0, false
	}
	wait := time.Duration(1<<attempt) * 500 * time.Millisecond
	var ra *retryAfterError
	if errors.As(err, &ra) && ra.wait > 0 {
		wait = ra.wait
	}
	return min(wait, c.cfg.MaxRetryWait), true
}

func statusOf(err error) int {
	var apiErr *openai.APIError
	if errors.As(err, &apiErr) {
		return apiErr.HTTPStatusCode
	}
	var reqErr *openai.RequestError
	if errors.As(err, &reqErr) {
		return reqErr.HTTPStatusCode
	}
	return 0
}

// classify turns a failure into an *Error for the caller.
func classify(ctx context.Context, err error) error {
	status := statusOf(err)
	var apiErr *openai.APIError
	isAPI := errors.As(err, &apiErr)
	switch {
	case isAPI && (apiErr.Code == "context_length_exceeded" || strings.Contains(strings.ToLower(apiErr.Message), "context length") || strings.Contains(strings.ToLower(apiErr.Message), "maximum context")):
		return &Error{Kind: ContextTooLong, Reason: "the passages are too long for the model's context", Err: err}
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return &Error{Kind: Misconfigured, Reason: fmt.Sprintf("the model endpoint refused the API key (HTTP %d): check BOT_LLM_API_KEY", status), Err: err}
	case status == http.StatusNotFound:
		return &Error{Kind: Misconfigured, Reason: "the model endpoint has no such model or path (HTTP 404): check BOT_LLM_BASE_URL and BOT_LLM_MODEL", Err: err}
	case status == http.StatusTooManyRequests:
		return &Error{Kind: Unavailable, Reason: "the model is rate limited (HTTP 429)", Err: err}
	case status >= 500:
		return &Error{Kind: Unavailable, Reason: fmt.Sprintf("the model server failed (HTTP %d)", status), Err: err}
	case errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil:
		return &Error{Kind: Unavailable, Reason: "the model did not answer in time", Err: err}
	case errors.Is(err, errCut):
		return &Error{Kind: Unavailable, Reason: "the model's answer was cut off", Err: err}
	}
	var netErr net.Error
	var opErr *net.OpError
	if errors.As(err, &opErr) || errors.As(err, &netErr) {
		return &Error{Kind: Unavailable, Reason: "the model server cannot be reached", Err: err}
	}
	return &Error{Kind: Unavailable, Reason: "the model sent an answer that could not be read", Err: err}
}

// retryAfterTransport records the Retry-After header of 429 and 503
// responses in the holder carried by the request's context.
type retryAfterTransport struct{ inner http.RoundTripper }

type retryAfterKey struct{}

type retryAfterHolder struct{ wait time.Duration }

// RoundTrip implements http.RoundTripper.
func (t retryAfterTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.inner.RoundTrip(req)
	if err == nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		if h, ok := req.Context().Value(retryAfterKey{}).(*retryAfterHolder); ok {
			h.wait = parseRetryAfter(resp.Header.Get("Retry-After"))
		}
	}
	return resp, err
}

func parseRetryAfter(v string) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseFloat(v, 64); err == nil && secs >= 0 {
		return time.Duration(secs * float64(time.Second))
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(time.Until(t), 0)
	}
	return 0
}

// retryAfterError carries the wait a server asked for along with its error.
type retryAfterError struct {
	error
	wait time.Duration
}

func (e *retryAfterError) Unwrap() error { return e.error }

func withHolder(err error, h *retryAfterHolder) error {
	if err != nil && h.wait > 0 {
		return &retryAfterError{err, h.wait}
	}
	return err
}
