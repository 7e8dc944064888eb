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
// (5: index terms are text.Term's, lemmas stemmed; 6: the vectors in a
// file of their own layout, used in place, instead of a chromem-go
// export). A change of text.TermVersion alone also makes a saved index
// stale.
const manifestVersion = 6

// olderVectorsVersion is the last manifest version whose vectors file was a
// chromem-go export: Open reuses its vectors when it rebuilds such an
// index, so that an upgrade embeds nothing.
const olderVectorsVersion = 5

// manifest describes the snapshot in a store directory.
type manifest struct {
	Version   int    `json:"version"`
	Embedder  string `json:"embedder"`
	CorpusKey string `json:"corpus_key"`
	Vectors   string `json:"vectors"` // file name of the vectors (see writeVectors)
	// VectorsCRC is the CRC-32C of the whole vectors file, checked as it
	// is read.
	VectorsCRC uint32 `json:"vectors_crc32c"`
	Snapshot   string `json:"snapshot"` // file name of the documents, chunks and BM25 postings
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
	// Upgraded is set when the saved index was of an older layout: this
	// one was built from the corpus, reusing its vectors where it could,
	// and saved in the current layout.
	Upgraded string
}

func (s IndexDir) embedderDir(e retrieval.Embedder) string {
	h := sha256.Sum256([]byte(e.Name()))
	return filepath.Join(s.Dir, "index-"+hex.EncodeToString(h[:6]))
}

// Open returns an index of docs, loading the snapshot when it matches the
// corpus and embedder, and otherwise building one (reusing the vectors of
// unchanged chunks) and saving it atomically. The index returned is then
// read back from the files saved (see readBack): its documents are not
// docs but equal copies whose text is the snapshot's. When only the saving
// fails, Open returns the index built of docs together with an error
// wrapping ErrSave.
func (s IndexDir) Open(ctx context.Context, docs []*corpus.Document, embedder retrieval.Embedder, opts BuildOptions) (*retrieval.Index, OpenReport, error) {
	if opts.Chunker == (retrieval.Chunker{}) {
		opts.Chunker = retrieval.DefaultChunker
	}
	var rep OpenReport
	dir := s.embedderDir(embedder)
	key := corpusKey(docs, opts.Chunker)
	opts.key = key
	prev, err := s.load(dir, embedder)
	if err != nil && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, ErrStale) {
		rep.Warning = fmt.Sprintf("ignoring unreadable index in %s: %v", dir, err)
	}
	if saved := prev.saved; saved != nil && prev.m.CorpusKey == key {
		// The saved vectors are exactly this corpus's: adopt them, as they
		// are (mapped, where they are mapped).
		saved.keep()
		opts.adopt, opts.built = saved.denseIndex, prev.m.Built
		opts.adoptedFile, opts.adoptedCRC = prev.m.Vectors, prev.m.VectorsCRC
		ix, _, err := build(ctx, docs, embedder, opts)
		if err != nil {
			return nil, rep, err
		}
		rep.Reused = true
		if opts.Rewrite || prev.m.Fingerprint != opts.Fingerprint || len(prev.m.Skipped) != len(opts.Skipped) || !snapshotCurrent(filepath.Join(dir, prev.m.Snapshot)) {
			// Same content, but files touched, the snapshot damaged or of
			// an older layout: save again (nothing is embedded).
			if err := s.save(dir, ix, key, opts); err != nil {
				return ix, rep, fmt.Errorf("%w in %s: %w", ErrSave, dir, err)
			}
		}
		return s.readBack(dir, ix, key, embedder), rep, nil
	}
	switch {
	case prev.saved != nil:
		// The build copies the vectors it reuses: the file is unmapped
		// after it (unless an index reopened from it serves).
		defer prev.saved.release()
		lookup, err := prev.saved.lookup()
		if err != nil {
			rep.Warning = fmt.Sprintf("ignoring unreadable index in %s: %v", dir, err)
			break
		}
		opts.previous = lookup
	case prev.older != nil:
		opts.previous = prev.older
		rep.Upgraded = fmt.Sprintf("the index saved in %s was of an older layout (version %d): rebuilt in version %d, its vectors reused", dir, prev.m.Version, manifestVersion)
	}
	ix, embedded, err := build(ctx, docs, embedder, opts)
	if err != nil {
		return nil, rep, err
	}
	rep.Embedded = embedded
	if err := s.save(dir, ix, key, opts); err != nil {
		return ix, rep, fmt.Errorf("%w in %s: %w", ErrSave, dir, err)
	}
	return s.readBack(dir, ix, key, embedder), rep, nil
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

// previousIndex is what Open finds saved in an embedder's directory.
type previousIndex struct {
	m *manifest
	// saved are the vectors of the current layout, to adopt or reuse;
	// older are those of the layout before (manifest version 5), to reuse.
	saved *savedVectors
	older vectorLookup
}

// load reads the manifest and vectors in dir: those of the current layout,
// or, when the manifest is stale for being of the layout before, that
// layout's vectors for reuse (with the error saying it is stale).
func (s IndexDir) load(dir string, embedder retrieval.Embedder) (previousIndex, error) {
	if unlock, err := lockDir(dir, false); err == nil {
		defer unlock()
	}
	m, err := s.manifest(dir, embedder)
	if errors.Is(err, ErrStale) {
		if older, m := s.olderVectors(dir, embedder); older != nil {
			return previousIndex{m: m, older: older}, err
		}
	}
	if err != nil {
		return previousIndex{}, err
	}
	saved, err := readVectors(filepath.Join(dir, m.Vectors), m.VectorsCRC, m.Chunks)
	if err != nil {
		return previousIndex{}, err
	}
	return previousIndex{m: m, saved: saved}, nil
}

// olderVectors returns the vectors of an index of manifest version 5 in
// dir, by key, with its manifest; nil when there is none or it cannot be
// read (the corpus is then embedded again, as for any older layout).
func (s IndexDir) olderVectors(dir string, embedder retrieval.Embedder) (vectorLookup, *manifest) {
	raw, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return nil, nil
	}
	var m manifest
	if json.Unmarshal(raw, &m) != nil || m.Version != olderVectorsVersion || m.Embedder != embedder.Name() ||
		strings.ContainsAny(m.Vectors, `/\`) || !strings.HasSuffix(m.Vectors, ".gob") {
		return nil, nil
	}
	coll, _, err := importVectors(filepath.Join(dir, m.Vectors))
	if err != nil {
		return nil, nil
	}
	return func(key string) []float32 {
		doc, err := coll.GetByID(context.Background(), key)
		if err != nil {
			return nil
		}
		return doc.Embedding
	}, &m
}

// importVectors reads a chromem-go export of the chunk collection, the
// vectors file of manifest version 5 and before.
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
	vectors := "vectors-" + key[:16] + ".vec"
	vcrc := opts.adoptedCRC
	if _, err := os.Stat(filepath.Join(dir, vectors)); vectors != opts.adoptedFile || err != nil {
		vsum := crc32.New(castagnoli)
		if err := writeAtomic(filepath.Join(dir, vectors), func(w *bufio.Writer) error {
			return writeVectors(dense, keysOf(ix.Chunks()), io.MultiWriter(w, vsum))
		}); err != nil {
			return fmt.Errorf("vectors: %w", err)
		}
		vcrc = vsum.Sum32()
	}
	// Otherwise the vectors are those of the saved file, adopted as they
	// are (mapped, where they are mapped): it is kept, not written again,
	// so that a reload which saves again (files touched, content the same)
	// neither writes them nor holds a replaced copy's blocks while the
	// index adopted from it serves.
	snapshot := "snapshot-" + key[:16] + ".bin"
	sum := crc32.New(castagnoli)
	if err := writeAtomic(filepath.Join(dir, snapshot), func(w *bufio.Writer) error { return writeSnapshot(ix, io.MultiWriter(w, sum)) }); err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	st := ix.Stats()
	m := manifest{Version: manifestVersion, TermVersion: text.TermVersion, Embedder: st.Embedder, CorpusKey: key, Vectors: vectors, VectorsCRC: vcrc, Snapshot: snapshot, SnapshotCRC: sum.Sum32(),
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
	for _, pattern := range []string{"vectors-*.vec", "vectors-*.gob", "snapshot-*.bin"} {
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
// are loaded on first use (mapped, on unix, like the text: see
// readVectors). It returns the skipped files saved with it.
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
	ix, err := readSaved(dir, m, embedder, chunker, true)
	if err != nil {
		return nil, nil, err
	}
	return ix, m.Skipped, nil
}

// readSaved makes the index saved in dir that m describes. The documents'
// text stays in the snapshot file, mapped (see readSnapshot), and so do the
// vectors in theirs, read on first use when lazy is set: a later save
// writes new files, so the mappings keep the bytes they were made of while
// anything holds them (see mapping).
func readSaved(dir string, m *manifest, embedder retrieval.Embedder, chunker retrieval.Chunker, lazy bool) (*retrieval.Index, error) {
	data, err := readSnapshot(filepath.Join(dir, m.Snapshot), m.SnapshotCRC)
	if err != nil {
		return nil, fmt.Errorf("reopen: %w", err)
	}
	path, crc, rows := filepath.Join(dir, m.Vectors), m.VectorsCRC, len(data.Chunks)
	load := func() (*denseIndex, error) {
		v, err := readVectors(path, crc, rows)
		if err != nil {
			return nil, err
		}
		v.keep()
		return v.denseIndex, nil
	}
	vs := &vectors{}
	if lazy {
		vs.load = sync.OnceValues(load)
	} else {
		d, err := load()
		if err != nil {
			return nil, fmt.Errorf("reopen: %w", err)
		}
		vs.set(d)
	}
	data.Embedder, data.Chunker, data.Vectors, data.Built, data.Key = embedder, chunker, vs, m.Built, m.CorpusKey
	ix, err := retrieval.NewIndex(*data)
	if err != nil {
		return nil, fmt.Errorf("reopen %s: %w: %w", dir, errSnapshotCorrupt, err)
	}
	return ix, nil
}

// readBack returns the index just saved in dir, read back from its files
// as Reopen reads it, in place of ix, the index built of the caller's
// documents: a built index then holds in the heap what a reopened one
// does (the documents' text and the vectors stay in their files, mapped),
// and the caller's documents, text and all, can be let go of. ix is
// returned when the saved index is not ix's (another process saved since)
// or cannot be read, and on systems where a mapping is never let go of
// (releasable): there every reload would keep its files on disk until the
// process exits.
func (s IndexDir) readBack(dir string, ix *retrieval.Index, key string, embedder retrieval.Embedder) *retrieval.Index {
	if !releasable {
		return ix
	}
	if unlock, err := lockDir(dir, false); err == nil {
		defer unlock()
	}
	m, err := s.manifest(dir, embedder)
	if err != nil || m.CorpusKey != key || m.Chunker != ix.Layout().Chunker || m.Chunks != len(ix.Chunks()) || m.Documents != len(ix.Documents()) {
		return ix
	}
	saved, err := readSaved(dir, m, embedder, m.Chunker, false)
	if err != nil {
		return ix
	}
	return saved
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
