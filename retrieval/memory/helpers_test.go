package memory

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io/fs"
	"math"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/text"
)

func fstestMap(name, text string) fs.FS {
	return fstest.MapFS{name: &fstest.MapFile{Data: []byte(text)}}
}

func bundledDocs(t testing.TB) []*corpus.Document {
	t.Helper()
	res, err := corpus.LoadFS(context.Background(), corpus.Bundled(), corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res.Documents
}

// embeddingServer is an OpenAI-compatible /v1/embeddings endpoint in the
// test: it hashes words into a 64-dimension bag of words.
type embeddingServer struct {
	*httptest.Server
	requests atomic.Int64
	inputs   atomic.Int64
	// fail, when set, answers every request with this status.
	fail atomic.Int64
	// block, when set, holds requests until the client gives up.
	block chan struct{}
	// auth records the Authorization header of the last request.
	auth atomic.Value
}

func newEmbeddingServer(t testing.TB) *embeddingServer {
	t.Helper()
	s := &embeddingServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		s.auth.Store(r.Header.Get("Authorization"))
		if r.URL.Path != "/v1/embeddings" || r.Method != http.MethodPost {
			http.Error(w, `{"error":{"message":"not found"}}`, http.StatusNotFound)
			return
		}
		if s.block != nil {
			select {
			case <-s.block:
			case <-r.Context().Done():
				return
			}
		}
		if code := s.fail.Load(); code != 0 {
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
		s.inputs.Add(int64(len(req.Input)))
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
			resp.Data = append(resp.Data, item{Object: "embedding", Index: i, Embedding: hashVector(req.Input[i])})
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(resp)
	}))
	t.Cleanup(s.Close)
	return s
}

func hashVector(s string) []float32 {
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

// testDoc loads one text document named id.
func testDoc(id, text string) *corpus.Document {
	res, err := corpus.LoadFS(context.Background(), fstestMap(id, text), corpus.Options{})
	if err != nil {
		panic(err)
	}
	return res.Documents[0]
}

// readIndex reads the snapshot at path back into an index without vectors.
func readIndex(path string, crc uint32, chunker retrieval.Chunker, embedder retrieval.Embedder) (*retrieval.Index, error) {
	data, err := readSnapshot(path, crc)
	if err != nil {
		return nil, err
	}
	data.Chunker, data.Embedder = chunker, embedder
	return retrieval.NewIndex(*data)
}
