package library

import (
	"context"
	"fmt"
	"github.com/newsroom/askbot/access"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/indexcache"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/memory"
)

// inProcess is the corpus indexed in this process and saved in the data
// directory (package indexcache).
type inProcess struct {
	cfg      indexcache.Config
	store    *memory.Store
	searcher *retrieval.Searcher
	log      *slog.Logger

	mu     sync.Mutex
	opened *indexcache.Opened // the index being served, with what opening it found
}

var _ Store = (*inProcess)(nil)

// OpenIndex opens (or builds) the index of the corpus c names, reading the
// corpus only when its files changed since the index was saved (or
// c.Reread is set), its documents filed in collections by policy (nil:
// none; an Update files them anew), and logging to log what it repaired or
// could not save.
func OpenIndex(ctx context.Context, c indexcache.Config, policy *access.Policy, log *slog.Logger) (Store, error) {
	start := time.Now()
	opened, err := indexcache.Open(ctx, c)
	if err != nil {
		return nil, err
	}
	c.Reread = false // once: reloads read only what changed
	log.Debug("opened the index", "corpus", opened.Corpus, "read", opened.Read, "chunks", len(opened.Index.Chunks()), "took", time.Since(start))
	if opened.Report.Warning != "" {
		log.Warn(opened.Report.Warning)
	}
	if opened.Report.Upgraded != "" {
		log.Info(opened.Report.Upgraded)
	}
	if opened.SaveErr != nil {
		log.Warn("index not saved; answering from memory", "data_dir", c.DataDir, "error", opened.SaveErr)
	}
	file(opened.Index, policy)
	st := memory.New(opened.Index)
	return &inProcess{cfg: c, store: st, searcher: st.Searcher(), log: log, opened: opened}, nil
}

// file files ix's documents in policy's collections, and keeps the policy
// with the index: swapped in with it, it is what a question searching ix
// reads its scope in (retrieval.Filter.Asker).
func file(ix *retrieval.Index, policy *access.Policy) {
	ix.CollectionOf, ix.Settings = nil, nil
	if policy != nil {
		ix.CollectionOf, ix.Settings = policy.CollectionOf, policy
	}
}

func (p *inProcess) current() *indexcache.Opened {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.opened
}

// Searcher answers from the index in this process.
func (p *inProcess) Searcher() answer.Searcher { return p.searcher }

// Corpus is the corpus path read.
func (p *inProcess) Corpus() string { return p.cfg.Corpus }

// Unread reports whether the saved index was reopened without reading the corpus.
func (p *inProcess) Unread() bool { return p.current().Loaded == nil }

// Progress counts chunks embedded.
func (p *inProcess) Progress() (verb, unit string) { return "embedded", "chunks" }

// SaveError is why the index being served could not be saved, or nil.
func (p *inProcess) SaveError() error { return p.current().SaveErr }

// Describe names the corpus, counts what st lets see, the files skipped
// and the warnings about files that loaded (an index in this process
// always describes itself: err is nil).
func (p *inProcess) Describe(st retrieval.Stats, _ error) string {
	o := p.current()
	line := fmt.Sprintf("Corpus: %s, %d document%s, indexed %s", o.Corpus, st.Documents, plural(st.Documents), st.Built.Local().Format("2006-01-02 15:04"))
	files, warnings := countSkipped(o.Skipped)
	var parts []string
	if files > 0 {
		parts = append(parts, fmt.Sprintf("%d file%s skipped", files, plural(files)))
	}
	if warnings > 0 {
		parts = append(parts, fmt.Sprintf("%d warning%s", warnings, plural(warnings)))
	}
	if len(parts) > 0 {
		line += fmt.Sprintf(" (%s: \"bot index\" lists them)", strings.Join(parts, ", "))
	}
	return line
}

// Update reads the files that changed, indexes them (reusing the vectors
// of unchanged chunks) and answers from the new index; on failure the old
// one keeps serving.
func (p *inProcess) Update(ctx context.Context, u Update) (*Report, error) {
	start := time.Now()
	c := p.cfg
	c.Progress = u.Progress
	c.Load.Previous = p.current().Loaded // read only the files that changed
	c.Load.NewFileGrace, c.Reread = u.Grace, u.Reread
	opened, err := indexcache.Open(ctx, c)
	if err != nil {
		return nil, err
	}
	reread := 0 // the files this reload read, not the last reading's
	if opened.Loaded != nil {
		reread = opened.Loaded.Reread
	} else {
		// Nothing changed since the corpus was last read: that reading
		// still says what the next reload may skip, and which files are new.
		opened.Loaded = c.Load.Previous
	}
	if opened.SaveErr != nil {
		p.log.Warn("index not saved; serving it from memory", "error", opened.SaveErr)
	}
	old := p.store.Index().Documents()
	file(opened.Index, u.Policy)
	p.mu.Lock()
	p.store.Replace(opened.Index)
	p.opened = opened
	p.mu.Unlock()
	st := opened.Index.Stats()
	withdrawn := 0
	for _, d := range opened.Index.Documents() {
		if d.Withdrawn {
			withdrawn++
		}
	}
	if opened.Loaded != nil && len(opened.Loaded.Held) > 0 {
		p.log.Info("new files wait for their sidecars", "files", opened.Loaded.Held, "grace", c.Load.NewFileGrace)
	}
	return &Report{Changes: corpus.Diff(old, opened.Index.Documents()), Skipped: opened.Skipped, Documents: st.Documents, Chunks: st.Chunks,
		Took: time.Since(start), NotSaved: opened.SaveErr, Withdrawn: withdrawn, Embedded: opened.Report.Embedded, Reread: reread}, nil
}

// Index says what opening the index found (it was brought up to date
// then), and remembers the corpus as the one indexed last. The error is
// that the index could not be saved.
func (p *inProcess) Index(context.Context, Update) ([]Line, error) {
	o := p.current()
	st := o.Index.Stats()
	lines := []Line{{"corpus", o.Corpus}, {"documents loaded", fmt.Sprint(st.Documents)}}
	lines = append(lines, skippedLines(o.Skipped)...)
	lines = append(lines, Line{"chunks", fmt.Sprint(st.Chunks)})
	switch {
	case !o.Read:
		lines = append(lines, Line{"embedded", "0 (index up to date)"})
	case o.Report.Reused:
		lines = append(lines, Line{"embedded", fmt.Sprintf("0 of %d chunks (all reused)", st.Chunks)})
	default:
		lines = append(lines, Line{"embedded", fmt.Sprintf("%d of %d chunks (%d reused)", o.Report.Embedded, st.Chunks, st.Chunks-o.Report.Embedded)})
	}
	if o.Report.Warning != "" {
		lines = append(lines, Line{"repaired", o.Report.Warning})
	}
	if o.Report.Upgraded != "" {
		lines = append(lines, Line{"upgraded", o.Report.Upgraded})
	}
	lines = append(lines, Line{"embedder", st.Embedder})
	dir, _ := p.cfg.Dir()
	lines = append(lines, Line{"index", fmt.Sprintf("%s (version %s)", dir, st.Version)})
	if o.SaveErr != nil {
		return lines, fmt.Errorf("the index could not be saved (set --data-dir or BOT_DATA_DIR to a writable directory): %w", o.SaveErr)
	}
	return lines, indexcache.Remember(p.cfg.DataDir, p.cfg.Corpus)
}
