package weaviatetest

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/retrieval"
)

// TestBM25ParityOnMultiHop measures whether Weaviate's BM25 over our own
// stemmed terms ranks the MultiHop-RAG chunks as our BM25 does: the
// question a Weaviate store rests on. A measurement, run by hand with the
// shared evaluation sets beside the checkout:
//
//	BOT_WEAVIATE_PARITY=1 go test ./internal/weaviatetest -run Parity -v
func TestBM25ParityOnMultiHop(t *testing.T) {
	if os.Getenv("BOT_WEAVIATE_PARITY") == "" {
		t.Skip("a measurement: BOT_WEAVIATE_PARITY=1 runs it")
	}
	const evals = "../../../shared/evals/"
	res, err := corpus.Load(t.Context(), evals+"multihop-rag.corpus.jsonl", corpus.Options{})
	if err != nil {
		t.Skipf("no evaluation corpus: %v", err)
	}
	s := Start(t)
	g, _ := retrieval.NewGloVeEmbedder()
	ix, err := retrieval.Build(t.Context(), res.Documents, g, retrieval.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	call(t, s, "POST", "/v1/schema", map[string]any{
		"class": "Chunk", "vectorizer": "none",
		"properties": []any{
			map[string]any{"name": "chunk_id", "dataType": []string{"text"}, "tokenization": "field"},
			map[string]any{"name": "terms", "dataType": []string{"text"}, "tokenization": "whitespace"},
			map[string]any{"name": "meta", "dataType": []string{"text"}, "tokenization": "whitespace"},
		},
	}, nil)
	chunks := ix.Chunks()
	for start := 0; start < len(chunks); start += 500 {
		var objects []any
		for _, c := range chunks[start:min(start+500, len(chunks))] {
			d, _ := ix.Document(c.DocID)
			objects = append(objects, map[string]any{"class": "Chunk", "properties": map[string]any{
				"chunk_id": c.ID, "terms": strings.Join(retrieval.Terms(c.Text), " "),
				"meta": strings.Join(retrieval.Terms(d.Title+"\n"+d.Source+"\n"+d.Byline), " ")}})
		}
		call(t, s, "POST", "/v1/batch/objects", map[string]any{"objects": objects}, nil)
	}
	props := `"terms", "meta^0.5"`
	if os.Getenv("BOT_WEAVIATE_PARITY") == "body" {
		props = `"terms"`
	}
	plain := retrieval.SearchOptions{K: 10, DenseWeight: -1, SourcePicks: -1, DateBoost: -1, ClauseWeight: -1, PartWeight: -1, SentenceWeight: -1, MaxPerDoc: -1, PickFloor: -1, MentionDateWeight: -1}
	f, err := os.Open(evals + "multihop-rag-dev.qa.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var questions, overlap, same1, oursFound, theirsFound, quotes int
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var q struct {
			Question string
			Evidence []struct{ Quote string }
		}
		json.Unmarshal(sc.Bytes(), &q)
		r, err := ix.Search(t.Context(), q.Question, plain)
		if err != nil {
			t.Fatal(err)
		}
		ours := map[string]string{}
		var oursFirst string
		for i, h := range r.Hits {
			ours[h.Chunk.ID] = h.Chunk.Text
			if i == 0 {
				oursFirst = h.Chunk.ID
			}
		}
		var out struct {
			Data struct {
				Get struct {
					Chunk []struct {
						ChunkID string `json:"chunk_id"`
					}
				}
			}
		}
		gql := fmt.Sprintf(`{ Get { Chunk(limit: 10, bm25: {query: %q, properties: [%s]}) { chunk_id } } }`, strings.Join(r.Terms, " "), props)
		call(t, s, "POST", "/v1/graphql", map[string]any{"query": gql}, &out)
		theirs := map[string]string{}
		for i, c := range out.Data.Get.Chunk {
			if _, ok := ours[c.ChunkID]; ok {
				overlap++
			}
			if i == 0 && c.ChunkID == oursFirst {
				same1++
			}
			for _, ch := range chunks {
				if ch.ID == c.ChunkID {
					theirs[c.ChunkID] = ch.Text
					break
				}
			}
		}
		questions++
		norm := func(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), "") }
		for _, ev := range q.Evidence {
			quotes++
			for _, set := range []struct {
				texts map[string]string
				n     *int
			}{{ours, &oursFound}, {theirs, &theirsFound}} {
				for _, text := range set.texts {
					if strings.Contains(norm(text), norm(ev.Quote)) {
						*set.n++
						break
					}
				}
			}
		}
	}
	t.Logf("properties [%s]; %d questions, top 10 by BM25 over our terms: Weaviate shares %.1f%% of our chunks, the same first chunk for %.1f%%; evidence quotes in the top 10: ours %.3f, Weaviate's %.3f",
		props, questions, 100*float64(overlap)/float64(10*questions), 100*float64(same1)/float64(questions), float64(oursFound)/float64(quotes), float64(theirsFound)/float64(quotes))
}
