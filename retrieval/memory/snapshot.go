package memory

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
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
// corpus nor re-tokenises it. The texts are stored as they are, in one
// blob, so that a reopened index reads them in place from the mapped file
// (readSnapshot). Layout, all integers little-endian or uvarint:
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

// snapReader reads a snapshot section by section from its bytes (the file
// mapped into memory, or read into it where it cannot be mapped). Every
// length is checked against the bytes left before they are touched.
type snapReader struct {
	data []byte
	off  int
	// mapped is set when data is a mapping (see mapping): strings may then
	// point into it without a copy.
	mapped bool
	err    error
}

var errSnapshotCorrupt = errors.New("snapshot is corrupt")

func (r *snapReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.data[r.off:])
	if n <= 0 {
		r.err = errSnapshotCorrupt
		return 0
	}
	r.off += n
	return v
}

// read returns the next n bytes, without a copy.
func (r *snapReader) read(n uint64) []byte {
	if r.err != nil || n > uint64(len(r.data)-r.off) {
		r.err = errSnapshotCorrupt
		return nil
	}
	b := r.data[r.off : r.off+int(n) : r.off+int(n)]
	r.off += int(n)
	return b
}

// str reads a string into the heap.
func (r *snapReader) str() string { return string(r.read(r.uvarint())) }

// view reads a string that points into a mapped snapshot (a copy when the
// snapshot was read into memory).
func (r *snapReader) view() string {
	b := r.read(r.uvarint())
	if !r.mapped || len(b) == 0 {
		return string(b)
	}
	return unsafe.String(&b[0], len(b))
}

func (r *snapReader) u32s() []uint32 { return r.u32sInto(nil) }

// u32sInto reads a list of uint32 into dst, reusing it when it is big
// enough.
func (r *snapReader) u32sInto(dst []uint32) []uint32 {
	n := r.uvarint()
	if n > uint64(len(r.data)) {
		r.err = errSnapshotCorrupt
		return nil
	}
	b := r.read(4 * n)
	if r.err != nil {
		return nil
	}
	if uint64(cap(dst)) < n {
		dst = make([]uint32, n)
	}
	dst = dst[:n]
	for i := range dst {
		dst[i] = binary.LittleEndian.Uint32(b[4*i:])
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
// snapshot file (retrieval.NewIndex makes the index of them). On unix the
// file is mapped read-only and the documents' Text and Title point into the
// mapping, outside the Go heap; the mapping lasts as long as the documents
// or the chunks' array (see mapping). Errors name the file.
func readSnapshot(path string, wantCRC uint32) (*retrieval.IndexData, error) {
	data, err := readSnapshotFile(path, wantCRC)
	if err != nil {
		return nil, fmt.Errorf("snapshot %s: %w", path, err)
	}
	return data, nil
}

func readSnapshotFile(path string, wantCRC uint32) (*retrieval.IndexData, error) {
	raw, m, err := openSaved(path, int64(len(snapshotMagic)), errSnapshotCorrupt)
	if err != nil {
		return nil, err
	}
	defer m.done() // the opening's reference
	ix, err := parseSnapshot(raw, m != nil, wantCRC)
	if err != nil {
		return nil, err // no string into the mapping was handed out
	}
	// What holds strings into the mapping keeps it.
	for _, d := range ix.Docs {
		holdMapping(m, d)
	}
	if len(ix.Chunks) > 0 {
		holdMapping(m, &ix.Chunks[0])
	}
	return ix, nil
}

// openSaved maps the saved file at path (see mapFile), a snapshot or a
// vectors file. Its size is checked before it is mapped: a file shorter
// than header bytes is refused with corrupt, so that every read of its
// header stays within the mapping.
func openSaved(path string, header int64, corrupt error) ([]byte, *mapping, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close() // a mapping outlives its file descriptor
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if fi.Size() < header {
		return nil, nil, fmt.Errorf("%w: %d bytes, shorter than its header", corrupt, fi.Size())
	}
	return mapFile(f, fi)
}

// parseSnapshot makes the index data of a snapshot's bytes. When mapped is
// set the documents' Text and Title point into raw; otherwise the texts are
// copied out of it, so that raw itself is not kept.
func parseSnapshot(raw []byte, mapped bool, wantCRC uint32) (*retrieval.IndexData, error) {
	// The checksum the manifest recorded, before anything is read: an
	// edited text is not served as what the documents say.
	if sum := crc32.Checksum(raw, castagnoli); sum != wantCRC {
		return nil, fmt.Errorf("%w: checksum %08x, manifest says %08x", errSnapshotCorrupt, sum, wantCRC)
	}
	r := &snapReader{data: raw, mapped: mapped}
	if magic := r.read(uint64(len(snapshotMagic))); string(magic) != snapshotMagic {
		return nil, errors.New("not a snapshot of this version")
	}
	nDocs := r.uvarint()
	if nDocs > uint64(len(raw)) {
		return nil, errSnapshotCorrupt
	}
	ix := &retrieval.IndexData{Docs: make([]*corpus.Document, 0, nDocs)}
	textLens := make([]uint64, 0, nDocs)
	for range nDocs {
		d := &corpus.Document{ID: r.str(), Path: r.str(), Title: r.view(), Source: r.str(), Byline: r.str(), URL: r.str(), Published: r.str()}
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
	// is a string over its part, without a copy. Mapped, the blob is the
	// file's own bytes; read into memory, it is copied out of the file's
	// buffer so that the rest of the buffer is not kept.
	blob := r.read(r.uvarint())
	if r.err != nil {
		return nil, r.err
	}
	if !mapped {
		blob = bytes.Clone(blob)
	}
	off := uint64(0)
	for i, d := range ix.Docs {
		n := textLens[i]
		if off+n > uint64(len(blob)) || off+n < off {
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
		if nTerms > uint64(len(raw)) {
			return nil, errSnapshotCorrupt
		}
		fl.Terms = make(map[string]*retrieval.PostingList, nTerms)
		var units []uint32
		for range nTerms {
			t := r.str()
			units = r.u32sInto(units)
			freqs := r.read(r.uvarint()) // copied by NewPostingList
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
	// Every byte read and none left over.
	if r.off != len(raw) {
		return nil, fmt.Errorf("%w: %d bytes after the postings", errSnapshotCorrupt, len(raw)-r.off)
	}
	return ix, nil
}
