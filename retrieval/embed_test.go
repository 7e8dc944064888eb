package retrieval

import (
	"context"
	"errors"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/askbot/internal/testutil/fakeembed"
	openai "github.com/sashabaranov/go-openai"
)

func TestOpenAIEmbedderBatches(t *testing.T) {
	srv := fakeembed.New(t)
	e := NewOpenAIEmbedder(srv.URL+"/v1", "test-embed", "sk-test", nil)
	e.BatchSize = 4
	texts := []string{"one fish", "two fish", "", "red fish", "blue fish", "old fish", "new fish", "more fish", "last fish", "tail"}
	vecs, err := e.Embed(t.Context(), texts)
	if err != nil {
		t.Fatal(err)
	}
	if got := srv.Requests.Load(); got != 3 {
		t.Errorf("%d requests for 10 texts in batches of 4, want 3", got)
	}
	if got := srv.Auth.Load(); got != "Bearer sk-test" {
		t.Errorf("Authorization header %q, want the configured key", got)
	}
	for i, v := range vecs {
		if texts[i] == "" {
			if v != nil {
				t.Errorf("empty text %d got a vector", i)
			}
			continue
		}
		var n float64
		for _, x := range v {
			n += float64(x * x)
		}
		if math.Abs(n-1) > 1e-4 {
			t.Errorf("vector %d has norm² %f, want unit length", i, n)
		}
		want := fakeembed.HashVector(texts[i])
		if cos(v, want) < 0.999 {
			t.Errorf("vector %d is not the one served for %q (responses out of order?)", i, texts[i])
		}
	}
	if !strings.Contains(e.Name(), "test-embed") || strings.Contains(e.Name(), "sk-test") {
		t.Errorf("Name() = %q: want the model, never the key", e.Name())
	}
}

func cos(a, b []float32) float64 {
	var d, na, nb float64
	for i := range a {
		d += float64(a[i] * b[i])
		na += float64(a[i] * a[i])
		nb += float64(b[i] * b[i])
	}
	return d / math.Sqrt(na*nb)
}

func TestOpenAIEmbedderErrors(t *testing.T) {
	for _, code := range []int{http.StatusUnauthorized, http.StatusInternalServerError} {
		srv := fakeembed.New(t)
		srv.Fail.Store(int64(code))
		e := NewOpenAIEmbedder(srv.URL+"/v1", "m", "sk-secret-key", nil)
		_, err := e.Embed(t.Context(), []string{"text"})
		var apiErr *openai.APIError
		if !errors.As(err, &apiErr) || apiErr.HTTPStatusCode != code {
			t.Errorf("status %d: err = %v, want an *openai.APIError with that status", code, err)
		}
		if err != nil && strings.Contains(err.Error(), "sk-secret-key") {
			t.Errorf("error leaks the key: %v", err)
		}
	}
}

func TestOpenAIEmbedderTimeout(t *testing.T) {
	srv := fakeembed.New(t)
	srv.Block = make(chan struct{})
	defer close(srv.Block)
	e := NewOpenAIEmbedder(srv.URL+"/v1", "m", "", nil)
	e.Timeout = 50 * time.Millisecond
	_, err := e.Embed(t.Context(), []string{"text"})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want a deadline error", err)
	}
}

func TestGloVeEmbedder(t *testing.T) {
	g, err := NewGloVeEmbedder()
	if err != nil {
		t.Fatal(err)
	}
	vecs, err := g.Embed(t.Context(), []string{"the president met officials", "president officials meeting", "banana smoothie recipe", "zzqxv"})
	if err != nil {
		t.Fatal(err)
	}
	if vecs[3] != nil {
		t.Error("a text of unknown words got a vector")
	}
	if near, far := cos(vecs[0], vecs[1]), cos(vecs[0], vecs[2]); near <= far {
		t.Errorf("related texts %.3f not closer than unrelated ones %.3f", near, far)
	}
}

// Credentials in the endpoint URL or echoed by the server never reach the
// embedder's name (manifest, vectors file, status) or its errors.
func TestOpenAIEmbedderRedactsCredentials(t *testing.T) {
	srv := fakeembed.New(t)
	withUser := strings.Replace(srv.URL, "http://", "http://user:hunter2@", 1) + "/v1"
	e := NewOpenAIEmbedder(withUser, "test-embed", "sk-secretkey0123456789", nil)
	if strings.Contains(e.Name(), "hunter2") || !strings.Contains(e.Name(), strings.TrimPrefix(srv.URL, "http://")) {
		t.Errorf("name %q", e.Name())
	}
	srv.Fail.Store(401)
	_, err := e.Embed(t.Context(), []string{"text"})
	if err == nil || strings.Contains(err.Error(), "sk-secretkey0123456789") || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("error leaks a credential: %v", err)
	}
}
