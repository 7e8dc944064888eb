package desk

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsroom/askbot/eval"
)

// sharedCorpus is the MultiHop-RAG corpus the dev sets quote, outside the
// repository (../shared from its root).
const sharedCorpus = "../../shared/evals/multihop-rag.corpus.jsonl"

// TestDevSetEvidenceIsVerbatim checks that every quote of the desk's dev
// sets (evidence, quotations by others, timeline events, figures) is a
// substring of its document's text.
func TestDevSetEvidenceIsVerbatim(t *testing.T) {
	f, err := os.Open(sharedCorpus)
	if err != nil {
		t.Skipf("the MultiHop-RAG corpus is not here (%v): dev set evidence not checked", err)
	}
	defer f.Close()
	texts := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var d struct{ ID, Text string }
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		texts[d.ID] = d.Text
	}
	sets, _ := filepath.Glob("testdata/*-dev*.qa.jsonl")
	if len(sets) == 0 {
		t.Fatal("no dev sets in testdata")
	}
	for _, set := range sets {
		qs, err := eval.ReadDeskQuestions(set)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, q := range qs {
			var quotes []eval.Evidence
			quotes = append(quotes, q.Evidence...)
			quotes = append(quotes, q.NotBy...)
			quotes = append(quotes, q.OtherStory...)
			for _, ev := range q.Events {
				quotes = append(quotes, eval.Evidence{DocID: ev.DocID, Quote: ev.Quote})
			}
			for _, ev := range quotes {
				text, ok := texts[ev.DocID]
				switch {
				case !ok:
					t.Errorf("%s %s: no document %s", set, q.ID, ev.DocID)
				case ev.Quote == "" || !strings.Contains(text, ev.Quote):
					t.Errorf("%s %s: %q is not in %s", set, q.ID, ev.Quote, ev.DocID)
				}
				n++
			}
		}
		t.Logf("%s: %d questions, %d quotes checked", set, len(qs), n)
	}
}
