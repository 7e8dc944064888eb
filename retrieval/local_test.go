package retrieval_test

import (
	"strings"
	"testing"
	"time"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/storetest"
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

// An in-process search sees only what the asker's scope lets through:
// the documents Allow keeps, less those under embargo at the Filter's Now
// (a search that dropped either would quote the desk's memo, or the
// embargoed story, to the public).
func TestLocalSearchKeepsTheScope(t *testing.T) {
	embedder, err := retrieval.NewGloVeEmbedder()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := retrieval.Build(t.Context(), storetest.Docs(t), embedder, retrieval.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	local := retrieval.NewLocal(ix)
	public := func(d *corpus.Document) bool { return storetest.CollectionOf(d) == "" }
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	later := time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name, question, doc string
		hidden, shown       retrieval.Filter
		allow               func(*corpus.Document) bool
	}{
		{"collections", "Which memo described the merger talks with the regional paper?", "m1", retrieval.Filter{Now: now}, retrieval.Filter{Now: now}, public},
		{"embargo", "Did the council secretly decide to double the harbour bridge tolls?", "e1", retrieval.Filter{Now: now}, retrieval.Filter{Now: later}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			found := func(f retrieval.Filter, allow func(*corpus.Document) bool) bool {
				_, res, err := local.Search(t.Context(), tt.question, f, retrieval.SearchOptions{K: 5, Allow: allow})
				if err != nil {
					t.Fatal(err)
				}
				for _, h := range res.Hits {
					if h.Doc.ID == tt.doc {
						return true
					}
				}
				return false
			}
			if found(tt.hidden, tt.allow) {
				t.Errorf("%s was returned to an asker whose scope hides it", tt.doc)
			}
			if !found(tt.shown, nil) {
				t.Errorf("%s was not returned when the scope lets it in: the test proves nothing", tt.doc)
			}
		})
	}
}
