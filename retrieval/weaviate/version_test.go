package weaviate_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/newsroom/askbot/internal/weaviatetest"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/weaviate"
)

func versionChunks(n int) []weaviate.Chunk {
	var out []weaviate.Chunk
	for i := range n {
		text := fmt.Sprintf("Dispatch %d from the harbour desk.", i)
		out = append(out, weaviate.Chunk{ID: fmt.Sprintf("v-%d#0", i), DocID: fmt.Sprintf("v-%d", i),
			Terms: retrieval.Terms(text), Text: text, Vector: []float32{1, float32(i), 0}})
	}
	return out
}

// Questions asked while new versions are written always see one whole
// version: every chunk the frequency table counts is there to be found.
// Old versions are dropped, and a failed write leaves the alias alone.
func TestVersionsSwitchWhole(t *testing.T) {
	s := weaviatetest.Start(t)
	ctx := t.Context()
	c, _ := weaviate.New(s.URL, "")
	const alias = "Desk"
	sizes := []int{50, 80, 30, 60}
	if err := c.WriteVersion(ctx, alias, "v0", versionChunks(sizes[0]), weaviate.ClassOptions{}); err != nil {
		t.Fatal(err)
	}
	harbour := retrieval.QueryTerms("harbour")
	ask := func(ctx context.Context) (total, found int, err error) {
		class, err := c.Current(ctx, alias)
		if err != nil {
			return 0, 0, err
		}
		_, total, err = c.DocFreq(ctx, class, harbour)
		if err != nil {
			return 0, 0, err
		}
		hits, err := c.Lexical(ctx, class, harbour, weaviate.Filter{}, 500)
		return total, len(hits), err
	}
	readCtx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var seen []int
	var questions int
	wg.Go(func() {
		for readCtx.Err() == nil {
			total, found, err := ask(readCtx)
			if readCtx.Err() != nil {
				return
			}
			mu.Lock()
			questions++
			if err != nil {
				t.Errorf("question %d: %v", questions, err)
			} else if total != found || !slices.Contains(sizes, total) {
				t.Errorf("question %d saw %d of %d chunks", questions, found, total)
			} else if !slices.Contains(seen, total) {
				seen = append(seen, total)
			}
			mu.Unlock()
		}
	})
	for i, n := range sizes[1:] {
		if err := c.WriteVersion(ctx, alias, fmt.Sprintf("v%d", i+1), versionChunks(n), weaviate.ClassOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	stop()
	wg.Wait()
	t.Logf("%d questions during 3 switches saw versions of %v chunks", questions, seen)
	if questions == 0 {
		t.Fatal("no question was asked during the switches")
	}
	classes, err := c.Classes(ctx, alias+"_")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Desk_v2", "Desk_v2_Terms", "Desk_v3", "Desk_v3_Terms"}
	if !slices.Equal(classes, want) {
		t.Errorf("classes %v, want %v (the current version and the one before)", classes, want)
	}

	// A version whose vectors do not fit is refused; the alias stays.
	bad := versionChunks(5)
	bad[3].Vector = []float32{1, 2}
	if err := c.WriteVersion(ctx, alias, "v4", bad, weaviate.ClassOptions{}); err == nil {
		t.Error("a version with mismatched vectors was written")
	}
	if class, err := c.Target(ctx, alias); err != nil || class != "Desk_v3" {
		t.Errorf("after a failed write the alias points at %q (%v), want Desk_v3", class, err)
	}
	if total, found, err := ask(ctx); err != nil || total != 60 || found != 60 {
		t.Errorf("after a failed write: %d of %d, %v", found, total, err)
	}
}
