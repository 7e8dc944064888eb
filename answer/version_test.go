package answer

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/memory"
)

// A reload that changes only a restricted memo changes nothing an asker
// who may not see it is shown (status, an answer's footer): not the
// version, not the time indexed. The memo's readers see the change.
func TestRestrictedChangeNotShownToOthers(t *testing.T) {
	corpusWith := func(memo string) fstest.MapFS {
		return fstest.MapFS{
			"council.txt":         {Data: []byte("Council debates the budget\n\nThe city council met on Tuesday to discuss the budget for next year.")},
			"restricted/memo.txt": {Data: []byte("Board memo\n\n" + memo)},
		}
	}
	filed := func(ix *retrieval.Index) *retrieval.Index {
		ix.CollectionOf = func(d *corpus.Document) string {
			if strings.HasPrefix(d.Path, "restricted/") {
				return "restricted"
			}
			return ""
		}
		return ix
	}
	store := memory.New(filed(indexFS(t, corpusWith("Pomfrey told the board the budget vote was rigged."))))
	e := New(store.Searcher(), retrieval.SearchOptions{K: 5})
	public := Request{Collections: []string{""}}
	before, err := e.Scope(t.Context(), public)
	if err != nil {
		t.Fatal(err)
	}
	desk, _ := e.Scope(t.Context(), Request{})
	store.Replace(filed(indexFS(t, corpusWith("Pomfrey told the board the budget vote was rigged, and the mayor knew."))))
	after, _ := e.Scope(t.Context(), public)
	if after.Version != before.Version || !after.Built.Equal(before.Built) {
		t.Errorf("the public is shown version %s indexed %s, then %s indexed %s", before.Version, before.Built, after.Version, after.Built)
	}
	if deskAfter, _ := e.Scope(t.Context(), Request{}); deskAfter.Version == desk.Version {
		t.Errorf("the memo's readers are shown version %s before and after its change", desk.Version)
	}
}
