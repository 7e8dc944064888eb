package library

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/newsroom/askbot/access"
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
	settings, err := encodeSettings(u.Policy)
	if err != nil {
		return nil, err
	}
	// The version keeps the settings its documents are filed by: a
	// question pinned to it reads its scope in them (Library.Asker).
	opts := weaviate.WriteOptions{Embedder: s.cfg.Embedder, Chunker: s.cfg.Chunker, Progress: u.Progress, Settings: settings}
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

// ErrNoSettings is a question's failure on a shared store's version that
// keeps no collection settings (written by an earlier version of the
// bot): who may see what in it is not known, and it is not read under
// the settings this process holds, which may be another version's.
var ErrNoSettings = errors.New("the store's corpus version was written without its collection settings (by an earlier version of the bot), so what this asker may see in it is not known: reload the corpus (bot index, or reload in Slack)")

// settingsForm is the form of the collection settings a shared store
// keeps with each version (storedSettings): settings of another form are
// not read, and the questions on their version fail.
const settingsForm = 1

// storedSettings are the collection settings a shared store keeps with
// each version: the policy's collections and channels, all a question's
// scope is read in (access.Policy.Scope).
type storedSettings struct {
	Form        int                 `json:"form"`
	Collections []storedCollection  `json:"collections"`
	Channels    map[string][]string `json:"channels,omitempty"`
}

type storedCollection struct {
	Name       string   `json:"name"`
	Path       string   `json:"path"`
	Restricted bool     `json:"restricted"`
	Members    []string `json:"members,omitempty"`
}

// encodeSettings are the settings a shared store keeps of policy (nil:
// no collections), the same bytes for the same policy.
func encodeSettings(policy *access.Policy) (json.RawMessage, error) {
	out := storedSettings{Form: settingsForm, Collections: []storedCollection{}}
	if policy != nil {
		for _, c := range policy.Collections {
			out.Collections = append(out.Collections, storedCollection{Name: c.Name, Path: c.Path, Restricted: c.Restricted, Members: c.Members})
		}
		if len(policy.Channels) > 0 {
			out.Channels = policy.Channels
		}
	}
	raw, err := json.Marshal(out)
	if err != nil {
		return nil, fmt.Errorf("collection settings: %w", err)
	}
	return raw, nil
}

// decodeSettings is the policy of settings a shared store kept: an error
// when there are none, or they are of another form.
func decodeSettings(raw json.RawMessage) (*access.Policy, error) {
	if len(raw) == 0 {
		return nil, ErrNoSettings
	}
	var in storedSettings
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return nil, fmt.Errorf("the collection settings of the store's corpus version: %w", err)
	}
	if in.Form != settingsForm {
		return nil, fmt.Errorf("the collection settings of the store's corpus version are of form %d, which this version of the bot does not read (it reads %d)", in.Form, settingsForm)
	}
	p := &access.Policy{Channels: in.Channels}
	for _, c := range in.Collections {
		p.Collections = append(p.Collections, access.Collection{Name: c.Name, Path: c.Path, Restricted: c.Restricted, Members: c.Members})
	}
	return p, nil
}

// storedPolicy keeps the policy of the settings read last: the questions
// on one version read the same bytes.
type storedPolicy struct {
	mu  sync.Mutex
	raw json.RawMessage
	p   *access.Policy
}

// policy is the policy of settings raw (see decodeSettings).
func (s *storedPolicy) policy(raw json.RawMessage) (*access.Policy, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.p != nil && bytes.Equal(s.raw, raw) {
		return s.p, nil
	}
	p, err := decodeSettings(raw)
	if err != nil {
		return nil, err
	}
	s.raw, s.p = bytes.Clone(raw), p
	return p, nil
}
