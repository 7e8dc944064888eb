package memory_test

import (
	"strings"
	"testing"
	"time"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/memory"
)

// What an asker is told of the corpus (status, an answer's footer) is of
// what they may see: the passages they may quote, and a version (with
// the time it was indexed) that a change to a document kept from them
// does not change, from index to index.
func TestScopeIsTheAskers(t *testing.T) {
	embedder, err := retrieval.NewGloVeEmbedder()
	if err != nil {
		t.Fatal(err)
	}
	doc := func(id, text string) *corpus.Document {
		d := &corpus.Document{ID: id, Path: id, Title: id, Text: text}
		d.Paragraphs = []corpus.Span{{Start: 0, End: len(text)}}
		return d
	}
	long := strings.Repeat("The board met about the dredging contract and the harbour budget again. ", 60)
	build := func(memo string) *retrieval.Index {
		t.Helper()
		ix, err := memory.Build(t.Context(), []*corpus.Document{
			doc("news.txt", "The council debated the harbour budget on Monday."),
			doc("desk/memo.txt", memo),
		}, embedder, memory.BuildOptions{})
		if err != nil {
			t.Fatal(err)
		}
		ix.CollectionOf = func(d *corpus.Document) string {
			if strings.HasPrefix(d.Path, "desk/") {
				return "desk"
			}
			return ""
		}
		return ix
	}
	public := retrieval.Filter{Now: time.Now(), Collections: []string{""}}
	st := memory.New(build(long))
	searcher := st.Searcher()
	before := st.Index()
	sb, _ := searcher.Scope(t.Context(), public)
	st.Replace(build(long + " The vote was rigged."))
	after := st.Index()
	sa, _ := searcher.Scope(t.Context(), public)
	if !sa.Built.Equal(sb.Built) || sa.Built.Equal(after.Stats().Built) {
		t.Errorf("a change to the desk's memo shows to the public: indexed %s, then %s (the new index's %s)", sb.Built, sa.Built, after.Stats().Built)
	}
	if sb.Documents != 1 || sb.Chunks != 1 {
		t.Errorf("the public sees %d documents, %d passages; want 1 and 1 (the memo's %d are the desk's)",
			sb.Documents, sb.Chunks, before.Stats().Chunks-1)
	}
	if sb.Version != sa.Version {
		t.Errorf("a change to the desk's memo shows to the public: version %s, then %s", sb.Version, sa.Version)
	}
	if whole, _ := searcher.Scope(t.Context(), retrieval.Filter{Now: time.Now()}); whole.Version != after.Stats().Version || whole.Chunks != after.Stats().Chunks {
		t.Errorf("an asker who sees everything is told version %s, %d passages; want the index's %s, %d",
			whole.Version, whole.Chunks, after.Stats().Version, after.Stats().Chunks)
	}
}
