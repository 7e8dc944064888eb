package weaviatetest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/newsroom/askbot/text"
)

func TestMain(m *testing.M) {
	if code, done := InNamespace(m); done {
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// call sends a JSON request to the server and decodes the answer.
func call(t *testing.T, s *Server, method, path string, body, out any) {
	t.Helper()
	raw, _ := json.Marshal(body)
	req, _ := http.NewRequestWithContext(t.Context(), method, s.URL+path, bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		var msg bytes.Buffer
		msg.ReadFrom(resp.Body)
		t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, msg.String())
	}
	if out != nil {
		json.NewDecoder(resp.Body).Decode(out)
	}
}

// A smoke test of the approach the Weaviate store is to take: a plain
// REST/GraphQL client (no client library), our own stemmed terms in a
// whitespace-tokenised BM25 field, a filter on the outlet, a vector per
// chunk.
func TestWeaviateBM25OnOurTerms(t *testing.T) {
	s := Start(t)
	t.Logf("weaviate ready in %s", s.Started)
	call(t, s, "POST", "/v1/schema", map[string]any{
		"class": "Chunk", "vectorizer": "none",
		"properties": []any{
			map[string]any{"name": "doc_id", "dataType": []string{"text"}, "tokenization": "field"},
			map[string]any{"name": "source", "dataType": []string{"text"}, "tokenization": "field"},
			map[string]any{"name": "terms", "dataType": []string{"text"}, "tokenization": "whitespace"},
		},
	}, nil)
	docs := []struct{ id, source, text string }{
		{"a", "Wire", "The council approved the harbour budget on Monday."},
		{"b", "Daily", "The harbour budget was approved by councillors after a long debate."},
		{"c", "Wire", "Forecasters warned of heavy rain on the coast."},
	}
	var objects []any
	for i, d := range docs {
		vec := make([]float32, 8)
		vec[i] = 1
		objects = append(objects, map[string]any{"class": "Chunk", "vector": vec,
			"properties": map[string]any{"doc_id": d.id, "source": d.source, "terms": strings.Join(text.Terms(d.text), " ")}})
	}
	call(t, s, "POST", "/v1/batch/objects", map[string]any{"objects": objects}, nil)
	query := strings.Join(text.QueryTerms("Did councillors approve the harbour budgets?"), " ")
	for _, tt := range []struct {
		filter string
		want   string
	}{
		{"", "b"}, // "councillors" and "budgets" match only through our stems
		{`, where: {path: ["source"], operator: Equal, valueText: "Wire"}`, "a"},
	} {
		var out struct {
			Data struct {
				Get struct {
					Chunk []struct {
						DocID string `json:"doc_id"`
					}
				}
			}
			Errors []any
		}
		q := fmt.Sprintf(`{ Get { Chunk(bm25: {query: %q, properties: ["terms"]}%s) { doc_id } } }`, query, tt.filter)
		call(t, s, "POST", "/v1/graphql", map[string]any{"query": q}, &out)
		if len(out.Errors) > 0 || len(out.Data.Get.Chunk) == 0 || out.Data.Get.Chunk[0].DocID != tt.want {
			t.Errorf("bm25 %q%s: %+v", query, tt.filter, out)
		}
	}
}
