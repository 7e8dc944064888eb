// Package memory is the store of a corpus indexed in this process: each
// write (a reload) builds an index and swaps it in, and a question keeps
// the index it pinned. It is one retrieval.Store, as package weaviate's is;
// retrieval.Searcher searches either the same way.
package memory

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/newsroom/askbot/retrieval"
)

// Store answers from the index swapped in last.
type Store struct {
	current atomic.Pointer[retrieval.Index]
	// shown remembers when each version of a part of the corpus (see
	// Scope) was first shown, from index to index.
	shown *shownTimes
}

var _ retrieval.Store = (*Store)(nil)

// New returns a store answering from ix (its documents filed in
// collections by ix.CollectionOf, which the asker's Filter names).
func New(ix *retrieval.Index) *Store {
	s := &Store{shown: &shownTimes{at: map[string]time.Time{}}}
	s.Replace(ix)
	return s
}

// Searcher returns the searcher over the store, with the embedder and
// chunker of its index.
func (s *Store) Searcher() *retrieval.Searcher {
	ix := s.Index()
	return retrieval.NewSearcher(s, ix.Embedder(), ix.Layout().Chunker)
}

// Replace answers from ix from now on; questions in flight finish on the
// index they pinned. An asker whose part of the corpus ix did not change
// is shown the time it was indexed as before (see version.Scope), not
// ix's.
func (s *Store) Replace(ix *retrieval.Index) { s.current.Store(ix) }

// Index returns the index answered from now.
func (s *Store) Index() *retrieval.Index { return s.current.Load() }

// Pin returns the index answered from now, as a version.
func (s *Store) Pin(context.Context) (retrieval.Version, error) {
	return version{s.Index(), s.shown}, nil
}

// String names the store.
func (s *Store) String() string { return "in-process index" }

// version is one index of the store.
type version struct {
	*retrieval.Index
	shown *shownTimes
}

// Scope describes the part of the index f lets see (see Index.Scope);
// Built is when the first index of that version was built, of those this
// store has shown.
func (v version) Scope(ctx context.Context, f retrieval.Filter) (retrieval.Stats, error) {
	st, err := v.Index.Scope(ctx, f)
	if err != nil {
		return st, err
	}
	if st.Version != v.Index.Stats().Version {
		st.Built = v.shown.first(st.Version, st.Built)
	}
	return st, nil
}

// shownTimes are the index times shown with versions of parts of corpora.
type shownTimes struct {
	mu sync.Mutex
	at map[string]time.Time
}

// maxShown bounds the versions remembered; past it they are forgotten
// (each is then shown with its index's time).
const maxShown = 4096

// first returns when version was first shown, remembering built for it
// when it was not.
func (s *shownTimes) first(version string, built time.Time) time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t, ok := s.at[version]; ok {
		return t
	}
	if len(s.at) >= maxShown {
		clear(s.at)
	}
	s.at[version] = built
	return built
}
