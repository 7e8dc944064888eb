// Package llm talks to any OpenAI-compatible chat-completions endpoint
// (OpenAI, Ollama, llama.cpp's server, vLLM, LM Studio) through go-openai:
// streaming, bounded retries that honour Retry-After, and errors sorted into
// the kinds a caller acts on.
package llm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/newsroom/askbot/redact"
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
	// MaxAnswerBytes caps the answer collected from the model, for a model
	// that ignores max_tokens (default: 16 bytes per MaxTokens, at least
	// 64 KiB). A longer answer is an error of kind Unavailable.
	MaxAnswerBytes int
}

// minAnswerBytes is the least MaxAnswerBytes defaults to.
const minAnswerBytes = 64 << 10

// maxAnswerBytes is the cap on one answer (see Config.MaxAnswerBytes).
func (c Config) maxAnswerBytes() int {
	if c.MaxAnswerBytes > 0 {
		return c.MaxAnswerBytes
	}
	return max(minAnswerBytes, 16*c.MaxTokens)
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
	// The response body is capped too, as go-openai reads a JSON body or a
	// stream's line whole and keeps a stream's comments until its end. A
	// JSON body escapes the answer's characters (up to ×6 for \uXXXX); a
	// stream wraps each token (~4 bytes) in an event of ~250 bytes, and the
	// answer cap is 4 bytes × 4 tokens per max_tokens: 16× covers it.
	answerCap := int64(cfg.maxAnswerBytes())
	wrapped.Transport = transport{inner: inner, maxBody: 8*answerCap + 64<<10, maxStreamBody: 16*answerCap + 64<<10}
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
	// timeout, 429, 5xx, malformed or cut stream, an answer over
	// MaxAnswerBytes). Fall back.
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
	return c.withRetries(ctx, func() (string, bool, error) {
		text, err := c.streamOnce(ctx, messages, onDelta)
		// Text passed on to onDelta cannot be taken back: no retry then.
		return text, text != "", err
	})
}

// Complete sends messages and returns the whole reply without streaming.
func (c *Client) Complete(ctx context.Context, messages []Message) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	return c.withRetries(ctx, func() (string, bool, error) {
		hold := &exchange{}
		resp, err := c.client.CreateChatCompletion(context.WithValue(ctx, exchangeKey{}, hold), c.request(messages, false))
		if err != nil {
			return "", false, withHolder(err, hold)
		}
		if len(resp.Choices) == 0 {
			return "", true, &Error{Kind: Unavailable, Reason: "the model sent no answer", Err: errors.New("no choices")}
		}
		text := resp.Choices[0].Message.Content
		if len(text) > c.cfg.maxAnswerBytes() {
			return "", true, fmt.Errorf("%d bytes: %w", len(text), errTooLong)
		}
		return text, false, nil
	})
}

// withRetries makes attempts at one request until one succeeds. A failed
// attempt whose error is a 429 or 5xx is made again, up to Retries times,
// after the wait retryable says, unless the attempt calls its failure
// final. The error returned is an *Error: the attempt's own, or its
// failure classified.
func (c *Client) withRetries(ctx context.Context, attempt func() (text string, final bool, err error)) (string, error) {
	for n := 0; ; n++ {
		text, final, err := attempt()
		if err == nil {
			return text, nil
		}
		if e, ok := err.(*Error); ok {
			return "", e
		}
		wait, retry := c.retryable(err, n)
		if final || !retry || c.sleep(ctx, wait) != nil {
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
	hold := &exchange{}
	stream, err := c.client.CreateChatCompletionStream(context.WithValue(ctx, exchangeKey{}, hold), c.request(messages, true))
	if err != nil {
		return "", withHolder(err, hold)
	}
	defer stream.Close()
	limit := c.cfg.maxAnswerBytes()
	var b strings.Builder
	finished, events := false, 0
	for {
		resp, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return b.String(), err
		}
		events++
		for _, ch := range resp.Choices {
			if ch.Delta.Content != "" {
				if b.Len()+len(ch.Delta.Content) > limit {
					return b.String(), fmt.Errorf("over %d bytes: %w", limit, errTooLong)
				}
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
		// go-openai reports a stream cut before [DONE] as a clean EOF, and
		// skips lines that are not events: a body with no event but such
		// lines (a JSON or HTML body, say) was not a stream at all.
		if events == 0 && hold.nonEvent.Load() {
			return b.String(), errMalformed
		}
		return b.String(), errCut
	}
	return b.String(), nil
}

var (
	errCut       = errors.New("the stream ended before the model finished")
	errTooLong   = errors.New("the answer is longer than the model was asked for")
	errMalformed = errors.New("the response is not a chat-completions stream")
)

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
	case errors.Is(err, errTooLong):
		return &Error{Kind: Unavailable, Reason: "the model's answer was too long", Err: err}
	case errors.Is(err, errCut):
		return &Error{Kind: Unavailable, Reason: "the model's answer was cut off", Err: err}
	}
	var syntaxErr *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	if errors.Is(err, errMalformed) || errors.As(err, &syntaxErr) || errors.As(err, &typeErr) || errors.Is(err, io.ErrUnexpectedEOF) {
		return &Error{Kind: Unavailable, Reason: "the model's response was malformed", Err: err}
	}
	var netErr net.Error
	var opErr *net.OpError
	if errors.As(err, &opErr) || errors.As(err, &netErr) {
		return &Error{Kind: Unavailable, Reason: "the model server cannot be reached", Err: err}
	}
	return &Error{Kind: Unavailable, Reason: "the model sent an answer that could not be read", Err: err}
}

// transport caps response bodies (maxStreamBody for event streams,
// maxBody for the rest) and records, in the exchange carried by the
// request's context, the Retry-After header of 429 and 503 responses and
// whether a stream held lines that are not events.
type transport struct {
	inner                  http.RoundTripper
	maxBody, maxStreamBody int64
}

type exchangeKey struct{}

// exchange is what the transport saw of one request's response.
type exchange struct {
	wait time.Duration
	// nonEvent is set when the body had a line that is neither an SSE
	// field nor a comment nor blank.
	nonEvent atomic.Bool
}

// RoundTrip implements http.RoundTripper.
func (t transport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.inner.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	h, _ := req.Context().Value(exchangeKey{}).(*exchange)
	if h != nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		h.wait = parseRetryAfter(resp.Header.Get("Retry-After"))
	}
	body := &cappedBody{rc: resp.Body, left: t.maxBody, ex: h, lineStart: true}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		body.left = t.maxStreamBody
	}
	resp.Body = body
	return resp, nil
}

// cappedBody fails with errTooLong once more than left bytes are read;
// with ex set, it notes lines that are not SSE fields or comments (a
// stream's body read as one would be).
type cappedBody struct {
	rc        io.ReadCloser
	left      int64
	ex        *exchange
	lineStart bool
}

func (b *cappedBody) Read(p []byte) (int, error) {
	if b.left < 0 {
		return 0, errTooLong
	}
	if int64(len(p)) > b.left+1 {
		p = p[:b.left+1]
	}
	n, err := b.rc.Read(p)
	if b.ex != nil {
		for _, c := range p[:n] {
			if b.lineStart && !strings.ContainsRune(":\r\ndeir", rune(c)) {
				// Not a comment, a blank line, or data:, event:, id:, retry:.
				b.ex.nonEvent.Store(true)
			}
			b.lineStart = c == '\n'
		}
	}
	if int64(n) > b.left {
		n, b.left = int(b.left), -1
		return n, fmt.Errorf("response body over its cap: %w", errTooLong)
	}
	b.left -= int64(n)
	return n, err
}

func (b *cappedBody) Close() error { return b.rc.Close() }

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

func withHolder(err error, h *exchange) error {
	if err != nil && h.wait > 0 {
		return &retryAfterError{err, h.wait}
	}
	return err
}
