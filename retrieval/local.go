package retrieval

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/newsroom/askbot/corpus"
)

// Local is a corpus answered from an Index in this process, searched the
// way a Remote searches a store: what an answering engine holds when the
// corpus is not kept in a store. A reload replaces its index (Replace);
// each search uses one index from start to end.
type Local struct {
	current atomic.Pointer[Index]
	// shown remembers when each version of a part of the corpus (see
	// Scope) was first shown, from index to index.
	shown *shownTimes
}

// NewLocal returns a corpus answered from ix.
func NewLocal(ix *Index) *Local {
	l := &Local{shown: &shownTimes{at: map[string]time.Time{}}}
	l.current.Store(ix)
	return l
}

// Replace answers from ix from now on; searches in flight finish on the
// index they began with. An asker whose part of the corpus ix did not
// change is shown the time it was indexed as before (see Scope), not ix's.
func (l *Local) Replace(ix *Index) { l.current.Store(ix) }

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

// Index returns the index answered from now.
func (l *Local) Index() *Index { return l.current.Load() }

// Search retrieves the passages that best answer query among the documents
// opts.Allow lets through, less those withdrawn and, when f.Now is set,
// those under embargo then; an index holding neither is searched whole.
// The asker's other limits (collections, outlets, dates) are opts.Allow's
// to apply: f's other fields are not read. It returns the results with
// the index they were ranked in, as Remote.Search does.
func (l *Local) Search(ctx context.Context, query string, f Filter, opts SearchOptions) (*Index, *Results, error) {
	ix := l.Index()
	if ix.Limited() {
		allow := opts.Allow
		opts.Allow = func(d *corpus.Document) bool { return f.citable(d) && (allow == nil || allow(d)) }
	}
	res, err := ix.Search(ctx, query, opts)
	if err != nil {
		return nil, nil, err
	}
	return ix, res, nil
}

// Describe returns the index's Stats.
func (l *Local) Describe(context.Context) (Stats, error) { return l.Index().Stats(), nil }

// Scope describes the part of the index allow lets see at f.Now:
// Documents and Chunks count the documents it may quote and their
// passages; Withdrawn and Embargoes are those it lets see but may not
// quote (yet). Documents allow keeps out are not counted at all, nor
// told by Version and Built: when allow keeps some out, Version is a hash
// of the documents it may quote, so a change to another does not change
// it, and Built is when the first index of that version was built (of
// those this Local has shown, whatever index it answered from).
func (l *Local) Scope(_ context.Context, f Filter, allow func(*corpus.Document) bool) (Stats, error) {
	ix := l.Index()
	st := ix.scope(f.Now, allow)
	if st.Version != ix.Stats().Version {
		st.Built = l.shown.first(st.Version, st.Built)
	}
	return st, nil
}

// Ready reports that the index answers: it is in this process.
func (l *Local) Ready(context.Context) error { return nil }

// Document returns a document of the index.
func (l *Local) Document(_ context.Context, id string) (*corpus.Document, bool, error) {
	d, ok := l.Index().Document(id)
	return d, ok, nil
}

// scope describes the part of the index visible lets see at now (every
// document when visible is nil); see Local.Scope.
func (ix *Index) scope(now time.Time, visible func(*corpus.Document) bool) Stats {
	st := ix.Stats()
	st.Documents, st.Chunks, st.Withdrawn, st.Embargoes = 0, 0, 0, nil
	hidden := false
	var quotable []int
	for i, d := range ix.docOrder {
		switch {
		case visible != nil && !visible(d):
			hidden = true
		case d.Withdrawn:
			st.Withdrawn++
		case !d.Embargo.IsZero() && now.Before(d.Embargo):
			st.Embargoes = append(st.Embargoes, d.Embargo)
		default:
			st.Documents++
			r := ix.docChunks[d.ID]
			st.Chunks += r[1] - r[0]
			quotable = append(quotable, i)
		}
	}
	if hidden {
		st.Version = ix.hashes.of(ix, quotable)
	}
	return st
}

// docHashes are the content hashes of an index's documents, computed on
// first use (hashing every text is too costly to repeat per answer).
type docHashes struct {
	once sync.Once
	hash [][sha256.Size]byte
}

// of returns the version of the documents docs (indexes into
// ix.docOrder): a hash of their contents, chunking and embedder, as long
// as Stats.Version.
func (h *docHashes) of(ix *Index, docs []int) string {
	h.once.Do(func() {
		h.hash = make([][sha256.Size]byte, len(ix.docOrder))
		parallel(len(ix.docOrder), func(i int) { h.hash[i] = sha256.Sum256([]byte(ix.docOrder[i].Hash())) })
	})
	sum := sha256.New()
	fmt.Fprintf(sum, "scope\x00%d/%d\x00%s\x00", ix.chunker.TargetChars, ix.chunker.OverlapChars, ix.embedder.Name())
	for _, i := range docs {
		sum.Write(h.hash[i][:])
	}
	return hex.EncodeToString(sum.Sum(nil))[:12]
}
