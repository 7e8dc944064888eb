package retrieval_test

import (
	"strings"
	"testing"
	"time"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/retrieval"
)

// What an asker is told of the corpus (status, an answer's footer) is of
// what they may see: the passages they may quote, and a version that a
// change to a document kept from them does not change.
func TestLocalScopeIsTheAskers(t *testing.T) {
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
		ix, err := retrieval.Build(t.Context(), []*corpus.Document{
			doc("news.txt", "The council debated the harbour budget on Monday."),
			doc("desk/memo.txt", memo),
		}, embedder, retrieval.BuildOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return ix
	}
	public := func(d *corpus.Document) bool { return !strings.HasPrefix(d.Path, "desk/") }
	now := retrieval.Filter{Now: time.Now()}
	local := retrieval.NewLocal(build(long))
	before := local.Index()
	sb, _ := local.Scope(t.Context(), now, public)
	local.Replace(build(long + " The vote was rigged."))
	after := local.Index()
	sa, _ := local.Scope(t.Context(), now, public)
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
	if whole, _ := local.Scope(t.Context(), now, nil); whole.Version != after.Stats().Version || whole.Chunks != after.Stats().Chunks {
		t.Errorf("an asker who sees everything is told version %s, %d passages; want the index's %s, %d",
			whole.Version, whole.Chunks, after.Stats().Version, after.Stats().Chunks)
	}
}
