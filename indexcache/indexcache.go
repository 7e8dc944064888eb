// Package indexcache keeps one index per corpus in the data directory, side
// by side, so that indexing one corpus never replaces another's. It reopens
// a saved index without reading the corpus when the corpus files are
// unchanged, builds and saves one otherwise (embedding only what changed),
// and remembers which corpus was indexed last. The CLI and Slack mode open
// and reload indexes through it.
package indexcache

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/memory"
)

// Config says which corpus to index and how.
type Config struct {
	// DataDir holds the indexes, one subdirectory per corpus and settings.
	DataDir string
	// Corpus is the path of a directory or file of documents; "" is the
	// bundled corpus.
	Corpus   string
	Embedder retrieval.Embedder
	Chunker  retrieval.Chunker
	// Progress, when set, is told how many of the changed chunks are embedded.
	Progress func(done, total int)
	// Load tunes how documents are read (a pdftotext command, say).
	Load corpus.Options
	// Reread reads every corpus file again, whatever the saved index and
	// Load.Previous say, and saves the index again ("bot index --reread").
	Reread bool
}

// Opened is an index ready to serve and what opening it found.
type Opened struct {
	Index *retrieval.Index
	// Corpus names the corpus for people: its file or directory name, or
	// "bundled corpus".
	Corpus string
	// Skipped are the corpus files that could not be loaded, as found when
	// the corpus was last read.
	Skipped []corpus.Skipped
	// Report says what was embedded or reused.
	Report memory.OpenReport
	// Read is true when the corpus files were read (the saved index was
	// missing, stale or damaged); false when the saved index was reopened.
	Read bool
	// SaveErr is set when the index was built but could not be saved: it
	// serves from memory, and the next run builds it again.
	SaveErr error
	// Loaded is the corpus as read, when it was: the next Open with it as
	// Config.Load.Previous reads only the files that changed.
	Loaded *corpus.Result
}

// Name names the corpus for people: "multihop-rag.corpus.jsonl", or
// "bundled corpus".
func (c Config) Name() string {
	if c.Corpus == "" {
		return "bundled corpus"
	}
	return filepath.Base(filepath.Clean(c.Corpus))
}

// identity is what keys the corpus's index: its absolute path (or
// "bundled") and the chunking. The embedder has its own subdirectory.
func (c Config) identity() (string, error) {
	id := "bundled"
	if c.Corpus != "" {
		abs, err := filepath.Abs(c.Corpus)
		if err != nil {
			return "", fmt.Errorf("corpus %s: %w", c.Corpus, err)
		}
		id = abs
	}
	ch := c.chunker()
	return fmt.Sprintf("%s\x00chunk %d/%d", id, ch.TargetChars, ch.OverlapChars), nil
}

func (c Config) chunker() retrieval.Chunker {
	if c.Chunker == (retrieval.Chunker{}) {
		return retrieval.DefaultChunker
	}
	return c.Chunker
}

// Dir is the directory holding this corpus's indexes.
func (c Config) Dir() (string, error) {
	id, err := c.identity()
	if err != nil {
		return "", err
	}
	h := sha256.Sum256([]byte(id))
	return filepath.Join(c.DataDir, "corpora", hex.EncodeToString(h[:8])), nil
}

// ErrNoCorpus means the configured corpus path does not exist.
var ErrNoCorpus = errors.New("no such file or directory")

// Open returns the corpus's index: the saved one when the corpus files are
// unchanged (the corpus is not read at all; see corpus.Fingerprint) and
// Config.Reread is not set, otherwise one built from the
// corpus, reusing the saved vectors of unchanged chunks, and saved. A
// damaged or stale saved index is rebuilt. When only saving fails the index
// is returned with SaveErr set.
func Open(ctx context.Context, c Config) (*Opened, error) {
	if c.Corpus != "" {
		if _, err := os.Stat(c.Corpus); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("corpus %s: %w (set --corpus or BOT_CORPUS)", c.Corpus, ErrNoCorpus)
		} else if err != nil {
			return nil, fmt.Errorf("corpus %s: %w", c.Corpus, err)
		}
	}
	dir, err := c.Dir()
	if err != nil {
		return nil, err
	}
	store := memory.IndexDir{Dir: dir}
	fp, err := c.fingerprint()
	if err != nil {
		return nil, err
	}
	out := &Opened{Corpus: c.Name()}
	damaged := false
	if !c.Reread {
		ix, skipped, err := store.Reopen(fp, c.Embedder, c.chunker())
		if err == nil {
			out.Index, out.Skipped, out.Report = ix, skipped, memory.OpenReport{Reused: true}
			return out, nil
		}
		damaged = !errors.Is(err, memory.ErrStale) && !errors.Is(err, fs.ErrNotExist)
	} else {
		c.Load.Previous = nil
	}
	if damaged {
		out.Report.Warning = fmt.Sprintf("saved index unreadable, rebuilt: %v", err)
	}
	res, err := c.load(ctx)
	if err != nil {
		return nil, err
	}
	out.Read, out.Skipped, out.Loaded = true, res.Skipped, res
	if len(res.Held) > 0 {
		// New files were held back for their sidecars: the index saved
		// is not yet the corpus's, and the next Open must read it again.
		fp += "+held"
	}
	// A damaged index is saved again even when the corpus is unchanged, so
	// that it is repaired once, by whichever command finds it.
	opts := memory.BuildOptions{Chunker: c.chunker(), Progress: c.Progress, Fingerprint: fp, Skipped: res.Skipped, Rewrite: damaged || c.Reread}
	ix, rep, err := store.Open(ctx, res.Documents, c.Embedder, opts)
	if errors.Is(err, memory.ErrSave) {
		out.SaveErr, err = err, nil
	}
	if err != nil {
		return nil, err
	}
	if out.Report.Warning != "" && rep.Warning == "" {
		rep.Warning = out.Report.Warning
	}
	out.Index, out.Report = ix, rep
	sameDocuments(res, ix)
	return out, nil
}

// sameDocuments makes the corpus as read (kept for the next load to reuse
// the documents of unchanged files) hold the index's documents in place of
// those it read: memory.IndexDir.Open reads an index it saved back from its
// files, so that its documents are equal to those read but their text is
// the snapshot's, outside the heap; the texts read are then let go of.
// Documents the index does not have (none, when it was read back) are
// kept as read. The slices are copied, not changed in place: they may be
// shared with the load before.
func sameDocuments(res *corpus.Result, ix *retrieval.Index) {
	same := func(docs []*corpus.Document) []*corpus.Document {
		out := slices.Clone(docs)
		for i, d := range out {
			if saved, ok := ix.Document(d.ID); ok {
				out[i] = saved
			}
		}
		return out
	}
	res.Documents = same(res.Documents)
	for p, fs := range res.Files {
		if len(fs.Docs) > 0 {
			fs.Docs = same(fs.Docs)
			res.Files[p] = fs
		}
	}
}

// ReadCorpus reads the corpus's documents; a corpus path that does not exist is
// ErrNoCorpus.
func (c Config) ReadCorpus(ctx context.Context) (*corpus.Result, error) {
	if c.Corpus != "" {
		if _, err := os.Stat(c.Corpus); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("corpus %s: %w (set --corpus or BOT_CORPUS)", c.Corpus, ErrNoCorpus)
		}
	}
	return c.load(ctx)
}

// load reads the corpus's documents.
func (c Config) load(ctx context.Context) (*corpus.Result, error) {
	if c.Corpus == "" {
		return corpus.LoadFS(ctx, corpus.Bundled(), c.Load)
	}
	res, err := corpus.Load(ctx, c.Corpus, c.Load)
	if err != nil {
		return nil, fmt.Errorf("corpus %s: %w", c.Corpus, err)
	}
	return res, nil
}

// fingerprint identifies the corpus files without reading them (the
// bundled corpus by its compiled-in content).
func (c Config) fingerprint() (string, error) {
	if c.Corpus == "" {
		return corpus.FingerprintFS(corpus.Bundled())
	}
	return corpus.Fingerprint(c.Corpus)
}

// lastFile holds the path of the corpus indexed last with "bot index".
const lastFile = "last-corpus"

// Remember records corpus (a path; "" for the bundled one) as the corpus
// indexed last in dataDir.
func Remember(dataDir, corpusPath string) error {
	if corpusPath != "" {
		abs, err := filepath.Abs(corpusPath)
		if err != nil {
			return fmt.Errorf("remember corpus %s: %w", corpusPath, err)
		}
		corpusPath = abs
	}
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return fmt.Errorf("remember corpus: %w", err)
	}
	tmp := filepath.Join(dataDir, lastFile+".tmp")
	if err := os.WriteFile(tmp, []byte(corpusPath+"\n"), 0o644); err != nil {
		return fmt.Errorf("remember corpus: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(dataDir, lastFile)); err != nil {
		return fmt.Errorf("remember corpus: %w", err)
	}
	return nil
}

// Last returns the corpus indexed last in dataDir ("" for the bundled
// one), and false when none was, or its path no longer exists.
func Last(dataDir string) (string, bool) {
	raw, err := os.ReadFile(filepath.Join(dataDir, lastFile))
	if err != nil {
		return "", false
	}
	p := strings.TrimSpace(string(raw))
	if p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", false
		}
	}
	return p, true
}
