package memory

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"os"
	"slices"
	"time"
	"unsafe"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/retrieval"
)

// The snapshot holds everything an index needs besides its vectors: the
// documents, their chunks and the BM25 postings, in a flat binary layout
// read in one pass, so that reopening a large index re-reads neither the
// corpus nor re-tokenises it. Layout, all integers little-endian or uvarint:
//
//	magic
//	documents: count, then per document its metadata strings (embargo,
//	           withdrawn and its note among them) and paragraph spans
//	texts:     one blob, every document's text in order (lengths in the metadata)
//	chunks:    6 uint32 per chunk (document, ordinal, start, end, paragraphs)
//	fields:    body then metadata: unit lengths, then per term its postings
//	           (units as uint32, term frequencies as bytes)

const snapshotMagic = "NBSNAP04"

type snapWriter struct {
	w   *bufio.Writer
	buf [binary.MaxVarintLen64]byte
	err error
}

func (w *snapWriter) uvarint(v uint64) {
	n := binary.PutUvarint(w.buf[:], v)
	w.write(w.buf[:n])
}

func (w *snapWriter) write(b []byte) {
	if w.err == nil {
		_, w.err = w.w.Write(b)
	}
}

func (w *snapWriter) str(s string) {
	w.uvarint(uint64(len(s)))
	if w.err == nil {
		_, w.err = w.w.WriteString(s)
	}
}

func (w *snapWriter) u32s(xs []uint32) {
	w.uvarint(uint64(len(xs)))
	b := make([]byte, 4*len(xs))
	for i, x := range xs {
		binary.LittleEndian.PutUint32(b[4*i:], x)
	}
	w.write(b)
}

func (w *snapWriter) bytes(b []byte) {
	w.uvarint(uint64(len(b)))
	w.write(b)
}

// snapReader reads a snapshot section by section from a buffered file.
type snapReader struct {
	r       *bufio.Reader
	left    int64 // bytes of the file not yet read: no length may exceed it
	scratch []byte
	err     error
}

var errSnapshotCorrupt = errors.New("snapshot is corrupt")

func (r *snapReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(r.r)
	if err != nil {
		r.err = errSnapshotCorrupt
		return 0
	}
	return v
}

// read fills a buffer of n bytes: into dst when it is big enough, or else
// into a fresh slice.
func (r *snapReader) read(n uint64, dst []byte) []byte {
	if r.err != nil || n > uint64(r.left) || n > math.MaxInt32*4 {
		r.err = errSnapshotCorrupt
		return nil
	}
	if uint64(cap(dst)) < n {
		dst = make([]byte, n)
	}
	dst = dst[:n]
	if _, err := io.ReadFull(r.r, dst); err != nil {
		r.err = errSnapshotCorrupt
		return nil
	}
	r.left -= int64(n)
	return dst
}

func (r *snapReader) str() string { return string(r.read(r.uvarint(), nil)) }

func (r *snapReader) u32s() []uint32 { return r.u32sInto(nil) }

// u32sInto reads a list of uint32 into dst, reusing it when it is big
// enough.
func (r *snapReader) u32sInto(dst []uint32) []uint32 {
	n := r.uvarint()
	r.scratch = r.read(4*n, r.scratch)
	if r.err != nil {
		return nil
	}
	if uint64(cap(dst)) < n {
		dst = make([]uint32, n)
	}
	dst = dst[:n]
	for i := range dst {
		dst[i] = binary.LittleEndian.Uint32(r.scratch[4*i:])
	}
	return dst
}

// writeSnapshot writes the index's documents, chunks and BM25 postings.
func writeSnapshot(ix *retrieval.Index, out io.Writer) error {
	docs := ix.Documents()
	w := &snapWriter{w: bufio.NewWriterSize(out, 1<<20)}
	w.write([]byte(snapshotMagic))
	w.uvarint(uint64(len(docs)))
	docIndex := make(map[string]uint32, len(docs))
	var textLen uint64
	for i, d := range docs {
		docIndex[d.ID] = uint32(i)
		embargo, withdrawn := "", ""
		if !d.Embargo.IsZero() {
			embargo = d.Embargo.UTC().Format(time.RFC3339Nano)
		}
		if d.Withdrawn {
			withdrawn = "1"
		}
		for _, s := range []string{d.ID, d.Path, d.Title, d.Source, d.Byline, d.URL, d.Published, embargo, withdrawn, d.WithdrawnNote} {
			w.str(s)
		}
		w.uvarint(uint64(len(d.Text)))
		textLen += uint64(len(d.Text))
		spans := make([]uint32, 0, 2*len(d.Paragraphs))
		for _, p := range d.Paragraphs {
			spans = append(spans, uint32(p.Start), uint32(p.End))
		}
		w.u32s(spans)
	}
	w.uvarint(textLen)
	for _, d := range docs {
		if w.err == nil {
			_, w.err = w.w.WriteString(d.Text)
		}
	}
	chunks := ix.Chunks()
	fields := make([]uint32, 0, 6*len(chunks))
	for _, c := range chunks {
		fields = append(fields, docIndex[c.DocID], uint32(c.Ordinal), uint32(c.Start), uint32(c.End), uint32(c.FirstParagraph), uint32(c.LastParagraph))
	}
	w.u32s(fields)
	body, meta := ix.Postings()
	for _, f := range []retrieval.Postings{body, meta} {
		w.u32s(f.Lengths)
		terms := make([]string, 0, len(f.Terms))
		for t := range f.Terms {
			terms = append(terms, t)
		}
		slices.Sort(terms) // a deterministic file for a given index
		w.uvarint(uint64(len(terms)))
		for _, t := range terms {
			pl := f.Terms[t]
			w.str(t)
			w.u32s(pl.Units())
			w.bytes(pl.Freqs())
		}
	}
	if w.err != nil {
		return w.err
	}
	return w.w.Flush()
}

// readSnapshot reads an index's documents, chunks and BM25 postings from a
// snapshot file (retrieval.NewIndex makes the index of them).
func readSnapshot(path string, wantCRC uint32) (*retrieval.IndexData, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	sum := crc32.New(castagnoli)
	r := &snapReader{r: bufio.NewReaderSize(io.TeeReader(f, sum), 4<<20), left: fi.Size()}
	if magic := r.read(uint64(len(snapshotMagic)), nil); string(magic) != snapshotMagic {
		return nil, fmt.Errorf("%s: not a snapshot of this version", path)
	}
	nDocs := r.uvarint()
	if nDocs > uint64(r.left) {
		return nil, errSnapshotCorrupt
	}
	ix := &retrieval.IndexData{Docs: make([]*corpus.Document, 0, nDocs)}
	textLens := make([]uint64, 0, nDocs)
	for range nDocs {
		d := &corpus.Document{ID: r.str(), Path: r.str(), Title: r.str(), Source: r.str(), Byline: r.str(), URL: r.str(), Published: r.str()}
		if embargo := r.str(); embargo != "" {
			t, err := time.Parse(time.RFC3339Nano, embargo)
			if err != nil {
				return nil, errSnapshotCorrupt
			}
			d.Embargo = t
		}
		d.Withdrawn, d.WithdrawnNote = r.str() == "1", r.str()
		textLens = append(textLens, r.uvarint())
		spans := r.u32s()
		if r.err != nil {
			return nil, r.err
		}
		for i := 0; i+1 < len(spans); i += 2 {
			if uint64(spans[i+1]) > textLens[len(textLens)-1] || spans[i] > spans[i+1] {
				return nil, errSnapshotCorrupt
			}
			d.Paragraphs = append(d.Paragraphs, corpus.Span{Start: int(spans[i]), End: int(spans[i+1])})
		}
		ix.Docs = append(ix.Docs, d)
	}
	// All texts live in one blob, never written again: each document's text
	// is a string over its part, without a copy.
	blob := r.read(r.uvarint(), nil)
	if r.err != nil {
		return nil, r.err
	}
	off := uint64(0)
	for i, d := range ix.Docs {
		n := textLens[i]
		if off+n > uint64(len(blob)) {
			return nil, errSnapshotCorrupt
		}
		if n > 0 {
			d.Text = unsafe.String(&blob[off], int(n))
		}
		off += n
	}
	fields := r.u32s()
	if r.err != nil || len(fields)%6 != 0 {
		return nil, errSnapshotCorrupt
	}
	ix.Chunks = make([]retrieval.Chunk, len(fields)/6)
	for i := range ix.Chunks {
		f := fields[6*i : 6*i+6]
		if int(f[0]) >= len(ix.Docs) {
			return nil, errSnapshotCorrupt
		}
		d := ix.Docs[f[0]]
		if f[2] > f[3] || int(f[3]) > len(d.Text) {
			return nil, errSnapshotCorrupt
		}
		ix.Chunks[i] = retrieval.Chunk{ID: retrieval.ChunkID(d.ID, int(f[1])), DocID: d.ID, Ordinal: int(f[1]), Start: int(f[2]), End: int(f[3]),
			FirstParagraph: int(f[4]), LastParagraph: int(f[5]), Text: d.Text[f[2]:f[3]]}
	}
	ix.Body, ix.Meta = &retrieval.Postings{}, &retrieval.Postings{}
	for _, fl := range []*retrieval.Postings{ix.Body, ix.Meta} {
		fl.Lengths = r.u32s()
		nTerms := r.uvarint()
		if nTerms > uint64(r.left) {
			return nil, errSnapshotCorrupt
		}
		fl.Terms = make(map[string]*retrieval.PostingList, nTerms)
		var units []uint32
		var freqs []byte
		for range nTerms {
			t := r.str()
			units = r.u32sInto(units)
			freqs = r.read(r.uvarint(), freqs)
			if r.err != nil {
				return nil, r.err
			}
			if n := len(units); n > 0 && int(units[n-1]) >= len(fl.Lengths) {
				return nil, fmt.Errorf("%w: term %q: unit %d of %d", errSnapshotCorrupt, t, units[n-1], len(fl.Lengths))
			}
			pl, err := retrieval.NewPostingList(units, freqs)
			if err != nil {
				return nil, fmt.Errorf("%w: term %q: %w", errSnapshotCorrupt, t, err)
			}
			fl.Terms[t] = pl
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	if len(ix.Body.Lengths) != len(ix.Chunks) || len(ix.Meta.Lengths) != len(ix.Docs) {
		return nil, errSnapshotCorrupt
	}
	// Every byte read and none left over, and the checksum the manifest
	// recorded: an edited text is not served as what the documents say.
	if extra, err := io.Copy(io.Discard, r.r); err != nil || extra != 0 {
		return nil, errSnapshotCorrupt
	}
	if sum.Sum32() != wantCRC {
		return nil, fmt.Errorf("%w: checksum %08x, manifest says %08x", errSnapshotCorrupt, sum.Sum32(), wantCRC)
	}
	return ix, nil
}
