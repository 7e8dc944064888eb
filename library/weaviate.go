package library

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/indexcache"
	"github.com/newsroom/askbot/redact"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/weaviate"
)

// shared is the corpus kept in a Weaviate store: questions are answered
// from its published version, with no index in this process; the corpus
// is read only by Update and Index, which write what changed to it.
type shared struct {
	cfg    indexcache.Config
	st     *weaviate.Store
	remote *retrieval.Searcher
	// writing is one write at a time; wrote is the last write's report.
	writing sync.Mutex
	wrote   weaviate.WriteReport
}

var _ Store = (*shared)(nil)

// OpenWeaviate returns the corpus c names as kept in st, chunked and
// embedded as c says.
func OpenWeaviate(st *weaviate.Store, c indexcache.Config) Store {
	return &shared{cfg: c, st: st, remote: retrieval.NewSearcher(st, c.Embedder, c.Chunker)}
}

// Searcher answers from the store's published version.
func (s *shared) Searcher() answer.Searcher { return s.remote }

// Corpus is the corpus path read.
func (s *shared) Corpus() string { return s.cfg.Corpus }

// Unread is false: the store knows which documents it holds.
func (s *shared) Unread() bool { return false }

// Progress counts documents written.
func (s *shared) Progress() (verb, unit string) { return "written", "documents" }

// SaveError is nil: a store keeps what it is given.
func (s *shared) SaveError() error { return nil }

// Describe names the store and the version st describes, or why it
// could not be described.
func (s *shared) Describe(st retrieval.Stats, err error) string {
	if err != nil {
		return fmt.Sprintf("Corpus: %s (%v)", s.st, redact.Error(err))
	}
	return fmt.Sprintf("Corpus: %s, version %s, %d document%s, indexed %s", s.st, st.Version, st.Documents, plural(st.Documents), st.Built.Local().Format("2006-01-02 15:04"))
}

// Update reads the corpus and writes what changed to the store as its
// next version. On any failure the store keeps serving the version it had.
func (s *shared) Update(ctx context.Context, u Update) (*Report, error) {
	s.writing.Lock()
	defer s.writing.Unlock()
	start := time.Now()
	res, err := s.cfg.ReadCorpus(ctx)
	if err != nil {
		return nil, err
	}
	opts := weaviate.WriteOptions{Embedder: s.cfg.Embedder, Chunker: s.cfg.Chunker, Progress: u.Progress}
	if u.Policy != nil {
		opts.CollectionOf = u.Policy.CollectionOf
	}
	rep, err := s.st.Write(ctx, res.Documents, opts)
	if err != nil {
		return nil, fmt.Errorf("write to %s: %w", s.st, redact.Error(err))
	}
	s.wrote = rep
	st, err := s.remote.Describe(ctx)
	if err != nil {
		return nil, err
	}
	withdrawn := 0
	for _, d := range res.Documents {
		if d.Withdrawn {
			withdrawn++
		}
	}
	return &Report{Changes: rep.Changes, Skipped: res.Skipped, Documents: st.Documents, Chunks: st.Chunks,
		Took: time.Since(start), Withdrawn: withdrawn, Embedded: rep.Chunks, Reread: len(res.Files)}, nil
}

// Index writes the corpus's changes to the store as its next version and
// says what it did.
func (s *shared) Index(ctx context.Context, u Update) ([]Line, error) {
	rep, err := s.Update(ctx, u)
	if err != nil {
		return nil, err
	}
	st, err := s.remote.Describe(ctx)
	if err != nil {
		return nil, err
	}
	s.writing.Lock()
	wrote := s.wrote
	s.writing.Unlock()
	lines := []Line{{"corpus", s.cfg.Name()}, {"store", fmt.Sprint(s.st)},
		{"documents", fmt.Sprintf("%d (%d added, %d changed, %d removed, %d unchanged)",
			st.Documents, len(rep.Changes.Added), len(rep.Changes.Changed), len(rep.Changes.Removed), wrote.Unchanged)}}
	lines = append(lines, skippedLines(rep.Skipped)...)
	return append(lines,
		Line{"chunks", fmt.Sprint(st.Chunks)},
		Line{"embedded", fmt.Sprintf("%d (the changed documents' chunks)", wrote.Chunks)},
		Line{"embedder", st.Embedder},
		Line{"version", st.Version}), nil
}
