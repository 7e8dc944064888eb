package memory

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	chromem "github.com/philippgille/chromem-go"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/text"
)

// manifestVersion changes whenever the snapshot layout or chunk keys change
// (5: index terms are text.Term's, lemmas stemmed). A change of
// text.TermVersion alone also makes a saved index stale.
const manifestVersion = 5

// manifest describes the snapshot in a store directory.
type manifest struct {
	Version   int    `json:"version"`
	Embedder  string `json:"embedder"`
	CorpusKey string `json:"corpus_key"`
	Vectors   string `json:"vectors"`  // file name of the chromem-go export
	Snapshot  string `json:"snapshot"` // file name of the documents, chunks and BM25 postings
	// SnapshotCRC is the CRC-32C of the whole snapshot file, checked as it
	// is read: a damaged or edited snapshot is rebuilt, never served.
	SnapshotCRC uint32            `json:"snapshot_crc32c"`
	Chunker     retrieval.Chunker `json:"chunker"`
	// Fingerprint identifies the corpus files by name, size and time.
	Fingerprint string           `json:"fingerprint,omitempty"`
	Skipped     []corpus.Skipped `json:"skipped,omitempty"`
	// TermVersion is the text.TermVersion of the BM25 postings' terms.
	TermVersion int       `json:"term_version"`
	Built       time.Time `json:"built"`
	Documents   int       `json:"documents"`
	Chunks      int       `json:"chunks"`
}

// corpusKey identifies the documents' content together with the chunking.
func corpusKey(docs []*corpus.Document, ch retrieval.Chunker) string {
	h := sha256.New()
	fmt.Fprintf(h, "v%d terms %d chunk %d/%d\n", manifestVersion, text.TermVersion, ch.TargetChars, ch.OverlapChars)
	for _, d := range docs {
		h.Write([]byte(d.Hash()))
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// castagnoli is the CRC-32C table (hardware-accelerated on amd64 and arm64).
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// ErrSave wraps a failure to write an index snapshot; the index built in
// memory is still good.
var ErrSave = errors.New("save index")

// IndexDir keeps saved indexes in a directory, one subdirectory per
// embedder.
type IndexDir struct {
	Dir string
}

// OpenReport says what Open did.
type OpenReport struct {
	// Reused is true when the snapshot matched the corpus and nothing was embedded.
	Reused bool
	// Embedded counts the chunks embedded in this call.
	Embedded int
	// Warning is set when an old snapshot could not be read and was rebuilt.
	Warning string
}

func (s IndexDir) embedderDir(e retrieval.Embedder) string {
	h := sha256.Sum256([]byte(e.Name()))
	return filepath.Join(s.Dir, "index-"+hex.EncodeToString(h[:6]))
}

// Open returns an index of docs, loading the snapshot when it matches the
// corpus and embedder, and otherwise building one (reusing the vectors of
// unchanged chunks) and saving it atomically. When only the saving fails,
// Open returns the index together with an error wrapping ErrSave.
func (s IndexDir) Open(ctx context.Context, docs []*corpus.Document, embedder retrieval.Embedder, opts BuildOptions) (*retrieval.Index, OpenReport, error) {
	if opts.Chunker == (retrieval.Chunker{}) {
		opts.Chunker = retrieval.DefaultChunker
	}
	var rep OpenReport
	dir := s.embedderDir(embedder)
	key := corpusKey(docs, opts.Chunker)
	opts.key = key
	m, prev, prevDB, err := s.load(dir, embedder)
	if err != nil && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, ErrStale) {
		rep.Warning = fmt.Sprintf("ignoring unreadable index in %s: %v", dir, err)
		prev = nil
	}
	if prev != nil && m.CorpusKey == key {
		// The saved vectors are exactly this corpus's: adopt the collection.
		opts.adopt, opts.built = &denseIndex{db: prevDB, coll: prev}, m.Built
		ix, _, err := build(ctx, docs, embedder, opts)
		if err != nil {
			return nil, rep, err
		}
		rep.Reused = true
		if opts.Rewrite || m.Fingerprint != opts.Fingerprint || len(m.Skipped) != len(opts.Skipped) || !snapshotCurrent(filepath.Join(dir, m.Snapshot)) {
			// Same content, but files touched, the snapshot damaged or of
			// an older layout: save again (nothing is embedded).
			if err := s.save(dir, ix, key, opts); err != nil {
				return ix, rep, fmt.Errorf("%w in %s: %w", ErrSave, dir, err)
			}
		}
		return ix, rep, nil
	}
	opts.Previous = prev
	ix, embedded, err := build(ctx, docs, embedder, opts)
	if err != nil {
		return nil, rep, err
	}
	rep.Embedded = embedded
	if err := s.save(dir, ix, key, opts); err != nil {
		return ix, rep, fmt.Errorf("%w in %s: %w", ErrSave, dir, err)
	}
	return ix, rep, nil
}

// manifest reads and checks the manifest in dir.
func (s IndexDir) manifest(dir string, embedder retrieval.Embedder) (*manifest, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return nil, err
	}
	var m manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	if m.Version != manifestVersion || m.Embedder != embedder.Name() {
		// An index of an older layout (or another embedder): rebuilt, no harm done.
		return nil, fmt.Errorf("%w: manifest version %d of %q, want version %d of %q", ErrStale, m.Version, m.Embedder, manifestVersion, embedder.Name())
	}
	if m.TermVersion != text.TermVersion {
		return nil, fmt.Errorf("%w: index terms of version %d, want %d", ErrStale, m.TermVersion, text.TermVersion)
	}
	for _, name := range []string{m.Vectors, m.Snapshot} {
		if strings.ContainsAny(name, `/\`) || name == "" || name == "." || name == ".." {
			return nil, fmt.Errorf("manifest: bad file name %q", name)
		}
	}
	return &m, nil
}

// load reads the manifest and vectors in dir.
func (s IndexDir) load(dir string, embedder retrieval.Embedder) (*manifest, *chromem.Collection, *chromem.DB, error) {
	if unlock, err := lockDir(dir, false); err == nil {
		defer unlock()
	}
	m, err := s.manifest(dir, embedder)
	if err != nil {
		return nil, nil, nil, err
	}
	coll, db, err := importVectors(filepath.Join(dir, m.Vectors))
	if err != nil {
		return nil, nil, nil, err
	}
	return m, coll, db, nil
}

// importVectors reads a chromem-go export of the chunk collection.
func importVectors(path string) (*chromem.Collection, *chromem.DB, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("vectors: %w", err)
	}
	defer f.Close()
	db := chromem.NewDB()
	if err := db.ImportFromReader(f, ""); err != nil {
		return nil, nil, fmt.Errorf("vectors %s: %w", filepath.Base(path), err)
	}
	coll := db.GetCollection(collectionName, refuseEmbedding)
	if coll == nil {
		return nil, nil, fmt.Errorf("vectors %s: no %q collection", filepath.Base(path), collectionName)
	}
	return coll, db, nil
}

// save writes ix's vectors and snapshot to new files, then points the
// manifest at them by an atomic rename, then removes older files. A crash
// at any moment leaves the old or the new index whole.
func (s IndexDir) save(dir string, ix *retrieval.Index, key string, opts BuildOptions) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	unlock, err := lockDir(dir, true)
	if err != nil {
		return fmt.Errorf("lock: %w", err)
	}
	defer unlock()
	// Temporary files of a run that was killed mid-write: no one else
	// writes here while the lock is held.
	if stale, _ := filepath.Glob(filepath.Join(dir, ".*.tmp-*")); len(stale) > 0 {
		for _, p := range stale {
			os.Remove(p)
		}
	}
	dense, err := vectorsOf(ix)
	if err != nil {
		return err
	}
	vectors := "vectors-" + key[:16] + ".gob"
	if err := writeAtomic(filepath.Join(dir, vectors), func(w *bufio.Writer) error {
		return dense.db.ExportToWriter(w, false, "", collectionName)
	}); err != nil {
		return fmt.Errorf("vectors: %w", err)
	}
	snapshot := "snapshot-" + key[:16] + ".bin"
	sum := crc32.New(castagnoli)
	if err := writeAtomic(filepath.Join(dir, snapshot), func(w *bufio.Writer) error { return writeSnapshot(ix, io.MultiWriter(w, sum)) }); err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	st := ix.Stats()
	m := manifest{Version: manifestVersion, TermVersion: text.TermVersion, Embedder: st.Embedder, CorpusKey: key, Vectors: vectors, Snapshot: snapshot, SnapshotCRC: sum.Sum32(),
		Chunker: ix.Layout().Chunker, Fingerprint: opts.Fingerprint, Skipped: opts.Skipped, Built: st.Built, Documents: st.Documents, Chunks: st.Chunks}
	raw, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := writeAtomic(filepath.Join(dir, "manifest.json"), func(w *bufio.Writer) error {
		_, err := w.Write(raw)
		return err
	}); err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	for _, pattern := range []string{"vectors-*.gob", "snapshot-*.bin"} {
		old, _ := filepath.Glob(filepath.Join(dir, pattern))
		for _, p := range old {
			if b := filepath.Base(p); b != vectors && b != snapshot {
				os.Remove(p)
			}
		}
	}
	return nil
}

// snapshotCurrent reports whether path is a snapshot of the current layout.
func snapshotCurrent(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	magic := make([]byte, len(snapshotMagic))
	_, err = io.ReadFull(f, magic)
	return err == nil && string(magic) == snapshotMagic
}

// ErrStale means the saved index does not match the corpus fingerprint,
// chunking or embedder asked for: the corpus must be read and Open used.
var ErrStale = errors.New("saved index is stale")

// Reopen loads the saved index without reading the corpus, when it was
// saved for the same corpus fingerprint, chunking and embedder. The vectors
// are loaded on first use. It returns the skipped files saved with it.
func (s IndexDir) Reopen(fingerprint string, embedder retrieval.Embedder, chunker retrieval.Chunker) (*retrieval.Index, []corpus.Skipped, error) {
	if chunker == (retrieval.Chunker{}) {
		chunker = retrieval.DefaultChunker
	}
	dir := s.embedderDir(embedder)
	if unlock, err := lockDir(dir, false); err == nil {
		defer unlock()
	}
	m, err := s.manifest(dir, embedder)
	if err != nil {
		return nil, nil, err
	}
	if fingerprint == "" || m.Fingerprint != fingerprint || m.Chunker != chunker || m.Snapshot == "" {
		return nil, nil, ErrStale
	}
	// The documents' text stays in the snapshot file, mapped (see
	// readSnapshot): a later save writes a new file, so the mapping keeps
	// the bytes it was made of while this index serves.
	data, err := readSnapshot(filepath.Join(dir, m.Snapshot), m.SnapshotCRC)
	if err != nil {
		return nil, nil, fmt.Errorf("reopen: %w", err)
	}
	path := filepath.Join(dir, m.Vectors)
	vs := &vectors{load: sync.OnceValues(func() (*denseIndex, error) {
		coll, db, err := importVectors(path)
		if err != nil {
			return nil, err
		}
		return &denseIndex{db: db, coll: coll, keys: keysOf(data.Chunks)}, nil
	})}
	data.Embedder, data.Chunker, data.Vectors, data.Built, data.Key = embedder, chunker, vs, m.Built, m.CorpusKey
	ix, err := retrieval.NewIndex(*data)
	if err != nil {
		return nil, nil, fmt.Errorf("reopen %s: %w: %w", dir, errSnapshotCorrupt, err)
	}
	return ix, m.Skipped, nil
}

// writeAtomic writes a file through a temporary file in the same directory,
// synced and renamed over path.
func writeAtomic(path string, write func(*bufio.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	w := bufio.NewWriterSize(tmp, 1<<20)
	if err := write(w); err != nil {
		tmp.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
