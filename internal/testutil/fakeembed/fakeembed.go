// Package fakeembed is an OpenAI-compatible embedding endpoint for tests:
// it embeds a text as its words hashed into 64 dimensions.
package fakeembed

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/newsroom/askbot/text"
)

// Server is an OpenAI-compatible /v1/embeddings endpoint in the
// test: it hashes words into a 64-dimension bag of words (HashVector).
type Server struct {
	*httptest.Server
	// Requests and Inputs count the requests and the texts embedded.
	Requests atomic.Int64
	Inputs   atomic.Int64
	// Fail, when set, answers every request with this status.
	Fail atomic.Int64
	// Block, when set, holds requests until the client gives up.
	Block chan struct{}
	// Auth records the Authorization header of the last request.
	Auth atomic.Value
}

// New starts a Server until the test ends.
func New(t testing.TB) *Server {
	t.Helper()
	s := &Server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.Requests.Add(1)
		s.Auth.Store(r.Header.Get("Authorization"))
		if r.URL.Path != "/v1/embeddings" || r.Method != http.MethodPost {
			http.Error(w, `{"error":{"message":"not found"}}`, http.StatusNotFound)
			return
		}
		if s.Block != nil {
			select {
			case <-s.Block:
			case <-r.Context().Done():
				return
			}
		}
		if code := s.Fail.Load(); code != 0 {
			w.WriteHeader(int(code))
			// Like OpenAI's 401, the message echoes the key it was given.
			fmt.Fprintf(w, `{"error":{"message":"server says no to %s","type":"server_error"}}`, r.Header.Get("Authorization"))
			return
		}
		var req struct {
			Input []string `json:"input"`
			Model string   `json:"model"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		s.Inputs.Add(int64(len(req.Input)))
		type item struct {
			Object    string    `json:"object"`
			Index     int       `json:"index"`
			Embedding []float32 `json:"embedding"`
		}
		resp := struct {
			Object string `json:"object"`
			Data   []item `json:"data"`
			Model  string `json:"model"`
		}{Object: "list", Model: req.Model}
		// Answer in reverse order: clients must honour "index".
		for i := len(req.Input) - 1; i >= 0; i-- {
			resp.Data = append(resp.Data, item{Object: "embedding", Index: i, Embedding: HashVector(req.Input[i])})
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(resp)
	}))
	t.Cleanup(s.Close)
	return s
}

// HashVector is the Server's vector of s: its words hashed
// into 64 dimensions, not of unit length.
func HashVector(s string) []float32 {
	v := make([]float32, 64)
	for _, w := range text.Words(s) {
		h := fnv.New32a()
		h.Write([]byte(w))
		v[h.Sum32()%64] += 1
	}
	v[0] += 0.01 // never the zero vector
	var n float64
	for _, x := range v {
		n += float64(x * x)
	}
	for i := range v {
		v[i] = float32(float64(v[i]) / math.Sqrt(n) * 3) // not unit length: the client normalises
	}
	return v
}
