package weaviate_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/internal/testutil/weaviatetest"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/weaviate"
	"github.com/newsroom/askbot/text"
)

// dispatches are n one-sentence documents; those below changed carry the
// version's word, so each write changes some, adds or removes others.
func dispatches(n, changed int, word string) []*corpus.Document {
	var out []*corpus.Document
	for i := range n {
		text := fmt.Sprintf("Dispatch %d from the harbour desk.", i)
		if i < changed {
			text = fmt.Sprintf("Dispatch %d from the harbour desk, %s edition.", i, word)
		}
		out = append(out, &corpus.Document{ID: fmt.Sprintf("d-%03d", i), Path: "desk.jsonl", Title: "Dispatch", Source: "Harbour Desk",
			Text: text, Paragraphs: []corpus.Span{{Start: 0, End: len(text)}}})
	}
	return out
}

// failingEmbedder embeds with GloVe until it is told to fail.
type failingEmbedder struct {
	retrieval.Embedder
	fail atomic.Bool
}

func (f *failingEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	if f.fail.Load() {
		return nil, errors.New("embedding endpoint down")
	}
	return f.Embedder.Embed(ctx, texts)
}

// Questions asked while new versions are written always see one whole
// version: every chunk its frequencies count is there to be found. A write
// touches only the documents that changed, an unchanged corpus writes
// nothing, and a failed write leaves the published version serving and is
// cleared by the next.
func TestVersionsSwitchWhole(t *testing.T) {
	ctx := t.Context()
	c, st := newStore(t, "Desk")
	g, _ := retrieval.NewGloVeEmbedder()
	emb := &failingEmbedder{Embedder: g}
	opts := weaviate.WriteOptions{Embedder: emb}
	type write struct{ n, changed int }
	writes := []write{{50, 0}, {80, 10}, {30, 5}, {60, 0}}
	if _, err := st.Write(ctx, dispatches(writes[0].n, 0, "v0"), opts); err != nil {
		t.Fatal(err)
	}
	sizes := []int{}
	for _, w := range writes {
		sizes = append(sizes, w.n)
	}
	ask := wholeVersions(t, st, sizes, 1)
	for i, w := range writes[1:] {
		rep, err := st.Write(ctx, dispatches(w.n, w.changed, fmt.Sprintf("v%d", i+1)), opts)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("write %d: %d added, %d changed, %d removed, %d unchanged, %d chunks embedded", i+1,
			len(rep.Changes.Added), len(rep.Changes.Changed), len(rep.Changes.Removed), rep.Unchanged, rep.Chunks)
	}
	ask.stop()

	// Only what changed is written: 30 → 60 documents with the first 5
	// back to plain text changes 5 and adds 30.
	v, _ := st.Pin(ctx)
	rep, err := st.Write(ctx, dispatches(60, 0, ""), opts)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Chunks != 0 || rep.Unchanged != 60 || rep.Version != 4 {
		t.Errorf("rewriting the same corpus: %+v, want nothing written at version 4", rep)
	}
	if now, _ := st.Pin(ctx); now.ID() != v.ID() {
		t.Errorf("an unchanged corpus published a new version: %s → %s", v.ID(), now.ID())
	}

	// A write that fails half way (the embedder goes down after the
	// objects of changed documents are closed) publishes nothing.
	emb.fail.Store(true)
	if _, err := st.Write(ctx, dispatches(70, 20, "broken"), opts); err == nil {
		t.Fatal("a write with the embedder down succeeded")
	}
	if total, found, err := ask.ask(ctx); err != nil || total != 60 || found != 60 {
		t.Errorf("after a failed write: %d of %d, %v", found, total, err)
	}
	emb.fail.Store(false)
	rep, err = st.Write(ctx, dispatches(70, 20, "mended"), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Changes.Changed) != 20 || len(rep.Changes.Added) != 10 {
		t.Errorf("the write after a failed one: %+v", rep.Changes)
	}
	if total, found, err := ask.ask(ctx); err != nil || total != 70 || found != 70 {
		t.Errorf("after the mended write: %d of %d, %v", found, total, err)
	}
	after, _ := st.Pin(ctx)
	f, err := after.Frequencies(ctx, text.QueryTerms("mended broken dispatch"), retrieval.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if f.Body["mend"] != 20 || f.Body["broken"] != 0 || f.Body["dispatch"] != 70 || f.Documents != 70 {
		t.Errorf("frequencies after a failed write and a mended one: %+v", *f)
	}

	// Objects that only versions past their grace hold are deleted: with
	// no grace, what is left after the next write is that version's 70
	// chunks and the 20 it replaced (the version before still holds them).
	all := func() int {
		t.Helper()
		got, err := c.Lexical(ctx, "Desk", text.QueryTerms("harbour"), weaviate.Filter{}, 1000) // every version's
		if err != nil {
			t.Fatal(err)
		}
		return len(got)
	}
	before := all()
	if _, err := st.Write(ctx, dispatches(70, 0, ""), weaviate.WriteOptions{Embedder: g, Grace: time.Nanosecond}); err != nil {
		t.Fatal(err)
	}
	if n := all(); n != 90 {
		t.Errorf("%d chunk objects kept (%d before), want 90", n, before)
	}
	if total, found, err := ask.ask(ctx); err != nil || total != 70 || found != 70 {
		t.Errorf("after deleting old versions: %d of %d, %v", found, total, err)
	}
}

// asker asks questions of a store, in the background while it is
// written, and checks that each sees one whole version.
type asker struct {
	t     *testing.T
	st    *weaviate.Store
	sizes []int
	stop  func()
}

// wholeVersions starts readers goroutines asking st, each question's
// version being one of sizes chunks and wholly found, until stop, which
// reports how many were asked.
func wholeVersions(t *testing.T, st *weaviate.Store, sizes []int, readers int) *asker {
	a := &asker{t: t, st: st, sizes: sizes}
	ctx, cancel := context.WithCancel(t.Context())
	var wg sync.WaitGroup
	var mu sync.Mutex
	var seen []int
	var questions, wrong int
	for range readers {
		wg.Go(func() {
			for ctx.Err() == nil {
				total, found, err := a.ask(ctx)
				if ctx.Err() != nil {
					return
				}
				mu.Lock()
				questions++
				if err != nil {
					t.Errorf("question %d: %v", questions, err)
				} else if total != found || !slices.Contains(sizes, total) {
					wrong++
					if wrong <= 5 {
						t.Errorf("question %d saw %d of %d chunks", questions, found, total)
					}
				} else if !slices.Contains(seen, total) {
					seen = append(seen, total)
				}
				mu.Unlock()
			}
		})
	}
	a.stop = func() {
		cancel()
		wg.Wait()
		t.Logf("%d questions during the writes saw versions of %v chunks; %d saw part of one", questions, seen, wrong)
		if questions == 0 {
			t.Fatal("no question was asked during the writes")
		}
	}
	return a
}

// ask pins a version and returns how many chunks its frequencies count
// and how many of them a search finds.
func (a *asker) ask(ctx context.Context) (total, found int, err error) {
	harbour := text.QueryTerms("harbour")
	v, err := a.st.Pin(ctx)
	if err != nil {
		return 0, 0, err
	}
	f, err := v.Frequencies(ctx, harbour, retrieval.Filter{})
	if err != nil {
		return 0, 0, err
	}
	hits, err := v.Lexical(ctx, harbour, retrieval.Filter{}, 1000)
	return f.Chunks, len(hits), err
}

// newStore returns a client of a server of its own and a store on it.
func newStore(t *testing.T, name string) (*weaviate.Client, *weaviate.Store) {
	t.Helper()
	s := weaviatetest.Start(t)
	c, _ := weaviate.New(s.URL, "", weaviate.WithGRPC(s.GRPC))
	st, err := weaviate.NewStore(c, name, weaviate.ClassOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return c, st
}

// Replacing documents hides none of the chunks of the version questions
// are on, even for a moment (Weaviate's BM25 misses an object while it is
// being changed, so chunks are never changed; see Store), and the
// replaced documents' chunks never take the place of current ones.
func TestClosingHidesNothing(t *testing.T) {
	ctx := t.Context()
	_, st := newStore(t, "Churn")
	g, _ := retrieval.NewGloVeEmbedder()
	const n = 300
	if _, err := st.Write(ctx, dispatches(n, 0, "v0"), weaviate.WriteOptions{Embedder: g}); err != nil {
		t.Fatal(err)
	}
	ask := wholeVersions(t, st, []int{n}, 3)
	for i := range 2 {
		// Every document changes, so each write closes all n chunks.
		if _, err := st.Write(ctx, dispatches(n, n, fmt.Sprintf("v%d", i+1)), weaviate.WriteOptions{Embedder: g}); err != nil {
			t.Fatal(err)
		}
	}
	ask.stop()

	// The store now holds each chunk three times, two of them replaced
	// and as good a match: a question asking for 10 still gets 10, all
	// of the last version, whether it reads the replaced documents' keys
	// or checks each chunk's document.
	for _, byRow := range []bool{false, true} {
		if byRow {
			defer weaviate.CheckRowByRow()()
		}
		v, err := st.Pin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, query := range []func() ([]retrieval.Candidate, error){
			func() ([]retrieval.Candidate, error) {
				return v.Lexical(ctx, text.QueryTerms("harbour desk"), retrieval.Filter{}, 10)
			},
			func() ([]retrieval.Candidate, error) {
				vec, err := g.Embed(ctx, []string{"harbour desk"})
				if err != nil {
					return nil, err
				}
				return v.Dense(ctx, vec[0], retrieval.Filter{}, 10)
			},
		} {
			got, err := query()
			if err != nil {
				t.Fatal(err)
			}
			var last int
			for _, c := range got {
				if strings.Contains(c.Chunk.Text, "v2 edition") {
					last++
				}
			}
			if len(got) != 10 || last != 10 {
				t.Errorf("asked for 10 chunks (row by row %t): got %d, %d of the last version", byRow, len(got), last)
			}
		}
	}
}

// A store written in the form before chunks were kept unchanged is
// refused with a way out, not read wrong.
func TestOldStoreRefused(t *testing.T) {
	s := weaviatetest.Start(t)
	ctx := t.Context()
	body := strings.NewReader(`{"class": "Old", "vectorizer": "none", "properties": [{"name": "chunk_id", "dataType": ["text"]}, {"name": "until", "dataType": ["int"]}]}`)
	resp, err := http.Post(s.URL+"/v1/schema", "application/json", body)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("create the old class: %s", resp.Status)
	}
	c, _ := weaviate.New(s.URL, "", weaviate.WithGRPC(s.GRPC))
	st, err := weaviate.NewStore(c, "Old", weaviate.ClassOptions{})
	if err != nil {
		t.Fatal(err)
	}
	g, _ := retrieval.NewGloVeEmbedder()
	_, err = st.Write(ctx, dispatches(3, 0, ""), weaviate.WriteOptions{Embedder: g})
	if !errors.Is(err, weaviate.ErrOldStore) || !strings.Contains(err.Error(), "bot index") {
		t.Errorf("writing an old store: %v, want ErrOldStore saying what to do", err)
	}
}

// gatedEmbedder tells when it is first asked to embed, then waits to be
// let through.
type gatedEmbedder struct {
	retrieval.Embedder
	entered chan struct{}
	gate    chan struct{}
	once    sync.Once
}

func (g *gatedEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	g.once.Do(func() { close(g.entered) })
	<-g.gate
	return g.Embedder.Embed(ctx, texts)
}

// Weaviate has no transactions: while one process writes the store,
// another's write is refused with ErrBusy (not interleaved), and succeeds
// once the first is done.
func TestOneWriterAtATime(t *testing.T) {
	s := weaviatetest.Start(t)
	ctx := t.Context()
	open := func() *weaviate.Store {
		c, _ := weaviate.New(s.URL, "", weaviate.WithGRPC(s.GRPC))
		st, err := weaviate.NewStore(c, "Busy", weaviate.ClassOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	g, _ := retrieval.NewGloVeEmbedder()
	slow := &gatedEmbedder{Embedder: g, entered: make(chan struct{}), gate: make(chan struct{})}
	first := make(chan error, 1)
	go func() {
		_, err := open().Write(ctx, dispatches(20, 0, ""), weaviate.WriteOptions{Embedder: slow})
		first <- err
	}()
	select {
	case <-slow.entered:
	case err := <-first:
		t.Fatalf("the first write ended before embedding: %v", err)
	}
	second := open()
	if _, err := second.Write(ctx, dispatches(30, 0, ""), weaviate.WriteOptions{Embedder: g}); !errors.Is(err, weaviate.ErrBusy) {
		t.Fatalf("a write while another is under way: %v, want ErrBusy", err)
	}
	close(slow.gate)
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	rep, err := second.Write(ctx, dispatches(30, 0, ""), weaviate.WriteOptions{Embedder: g})
	if err != nil {
		t.Fatalf("a write after the other finished: %v", err)
	}
	if len(rep.Changes.Added) != 10 || rep.Unchanged != 20 || rep.Version != 2 {
		t.Errorf("the second write: %+v", rep)
	}
}

// The candidates a question is given carry their index terms, kept by
// chunk object: a document written again gives its new chunks' terms,
// not those kept for the chunks it replaced under the same IDs.
func TestCandidatesCarryTheirTerms(t *testing.T) {
	_, st := newStore(t, "Terms")
	ctx := t.Context()
	g, _ := retrieval.NewGloVeEmbedder()
	for _, word := range []string{"morning", "evening"} {
		if _, err := st.Write(ctx, dispatches(6, 3, word), weaviate.WriteOptions{Embedder: g}); err != nil {
			t.Fatal(err)
		}
		v, err := st.Pin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for range 2 { // the second time from what the store kept
			cands, err := v.Lexical(ctx, text.Terms("harbour dispatch "+word), retrieval.Filter{}, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(cands) != 6 {
				t.Fatalf("%s: %d candidates, want 6", word, len(cands))
			}
			for _, c := range cands {
				if want := text.Terms(c.Chunk.Text); !slices.Equal(c.Terms, want) {
					t.Errorf("%s: %s has terms %q, want %q", word, c.ChunkID, c.Terms, want)
				}
			}
		}
	}
}
