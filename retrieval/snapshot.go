package retrieval

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"

	"github.com/newsroom/askbot/corpus"
)

// The snapshot holds everything an index needs besides its vectors: the
// documents, their chunks and the BM25 postings, in a flat binary layout
// that loads in one read, so that reopening a large index re-reads neither
// the corpus nor re-tokenises it.

const snapshotMagic = "NBSNAP02"

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

func (w *snapWriter) u16s(xs []uint16) {
	w.uvarint(uint64(len(xs)))
	b := make([]byte, 2*len(xs))
	for i, x := range xs {
		binary.LittleEndian.PutUint16(b[2*i:], x)
	}
	w.write(b)
}

type snapReader struct {
	b   []byte
	off int
	err error
}

var errSnapshotCorrupt = errors.New("snapshot is corrupt")

func (r *snapReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 {
		r.err = errSnapshotCorrupt
		return 0
	}
	r.off += n
	return v
}

func (r *snapReader) take(n uint64) []byte {
	if r.err != nil || n > uint64(len(r.b)-r.off) {
		r.err = errSnapshotCorrupt
		return nil
	}
	b := r.b[r.off : r.off+int(n)]
	r.off += int(n)
	return b
}

func (r *snapReader) str() string { return string(r.take(r.uvarint())) }

func (r *snapReader) u32s() []uint32 {
	n := r.uvarint()
	if n > math.MaxInt32 {
		r.err = errSnapshotCorrupt
		return nil
	}
	b := r.take(4 * n)
	if b == nil {
		return nil
	}
	out := make([]uint32, n)
	for i := range out {
		out[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return out
}

func (r *snapReader) u16s() []uint16 {
	n := r.uvarint()
	if n > math.MaxInt32 {
		r.err = errSnapshotCorrupt
		return nil
	}
	b := r.take(2 * n)
	if b == nil {
		return nil
	}
	out := make([]uint16, n)
	for i := range out {
		out[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	return out
}

// writeSnapshot writes the index's documents, chunks and BM25 postings.
func (ix *Index) writeSnapshot(out io.Writer) error {
	w := &snapWriter{w: bufio.NewWriterSize(out, 1<<20)}
	w.write([]byte(snapshotMagic))
	w.uvarint(uint64(len(ix.docOrder)))
	docIndex := make(map[string]uint32, len(ix.docOrder))
	for i, d := range ix.docOrder {
		docIndex[d.ID] = uint32(i)
		for _, s := range []string{d.ID, d.Path, d.Title, d.Source, d.Byline, d.URL, d.Published, d.Text} {
			w.str(s)
		}
		spans := make([]uint32, 0, 2*len(d.Paragraphs))
		for _, p := range d.Paragraphs {
			spans = append(spans, uint32(p.Start), uint32(p.End))
		}
		w.u32s(spans)
	}
	fields := make([]uint32, 0, 6*len(ix.chunks))
	for _, c := range ix.chunks {
		fields = append(fields, docIndex[c.DocID], uint32(c.Ordinal), uint32(c.Start), uint32(c.End), uint32(c.FirstParagraph), uint32(c.LastParagraph))
	}
	w.u32s(fields)
	for _, f := range []*field{ix.lex.body, ix.lex.meta} {
		w.u32s(f.lengths)
		terms := make([]string, 0, len(f.postings))
		for t := range f.postings {
			terms = append(terms, t)
		}
		slices.Sort(terms) // a deterministic file for a given index
		w.uvarint(uint64(len(terms)))
		for _, t := range terms {
			pl := f.postings[t]
			w.str(t)
			w.u32s(pl.units)
			w.u16s(pl.tfs)
		}
	}
	if w.err != nil {
		return w.err
	}
	return w.w.Flush()
}

// readSnapshot rebuilds an index (without its vectors) from a snapshot file.
func readSnapshot(path string, chunker Chunker, embedder Embedder) (*Index, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(raw) < len(snapshotMagic) || string(raw[:len(snapshotMagic)]) != snapshotMagic {
		return nil, fmt.Errorf("%s: not a snapshot of this version", path)
	}
	r := &snapReader{b: raw, off: len(snapshotMagic)}
	nDocs := r.uvarint()
	if nDocs > uint64(len(raw)) {
		return nil, errSnapshotCorrupt
	}
	ix := &Index{
		docs: make(map[string]*corpus.Document, nDocs), docOrder: make([]*corpus.Document, 0, nDocs),
		docChunks: make(map[string][2]int, nDocs), sources: map[string][]string{}, embedder: embedder, chunker: chunker,
	}
	for range nDocs {
		d := &corpus.Document{ID: r.str(), Path: r.str(), Title: r.str(), Source: r.str(), Byline: r.str(), URL: r.str(), Published: r.str(), Text: r.str()}
		spans := r.u32s()
		for i := 0; i+1 < len(spans); i += 2 {
			if int(spans[i+1]) > len(d.Text) || spans[i] > spans[i+1] {
				return nil, errSnapshotCorrupt
			}
			d.Paragraphs = append(d.Paragraphs, corpus.Span{Start: int(spans[i]), End: int(spans[i+1])})
		}
		if r.err != nil {
			return nil, r.err
		}
		ix.docs[d.ID] = d
		ix.docOrder = append(ix.docOrder, d)
	}
	fields := r.u32s()
	if r.err != nil || len(fields)%6 != 0 {
		return nil, errSnapshotCorrupt
	}
	ix.chunks = make([]Chunk, len(fields)/6)
	for i := range ix.chunks {
		f := fields[6*i : 6*i+6]
		if int(f[0]) >= len(ix.docOrder) {
			return nil, errSnapshotCorrupt
		}
		d := ix.docOrder[f[0]]
		if f[2] > f[3] || int(f[3]) > len(d.Text) {
			return nil, errSnapshotCorrupt
		}
		ix.chunks[i] = Chunk{ID: fmt.Sprintf("%s#%d", d.ID, f[1]), DocID: d.ID, Ordinal: int(f[1]), Start: int(f[2]), End: int(f[3]),
			FirstParagraph: int(f[4]), LastParagraph: int(f[5]), Text: d.Text[f[2]:f[3]]}
	}
	ix.lex = &Lexical{MetaWeight: defaultMetaWeight}
	for _, f := range []**field{&ix.lex.body, &ix.lex.meta} {
		fl := newField()
		fl.lengths = r.u32s()
		nTerms := r.uvarint()
		if nTerms > uint64(len(raw)) {
			return nil, errSnapshotCorrupt
		}
		fl.postings = make(map[string]*postingList, nTerms)
		for range nTerms {
			t := r.str()
			pl := &postingList{units: r.u32s(), tfs: r.u16s()}
			if r.err != nil {
				return nil, r.err
			}
			if len(pl.units) != len(pl.tfs) {
				return nil, errSnapshotCorrupt
			}
			for _, u := range pl.units {
				if int(u) >= len(fl.lengths) {
					return nil, errSnapshotCorrupt
				}
			}
			fl.postings[t] = pl
		}
		fl.finish()
		*f = fl
	}
	if r.err != nil {
		return nil, r.err
	}
	if len(ix.lex.body.lengths) != len(ix.chunks) || len(ix.lex.meta.lengths) != len(ix.docOrder) {
		return nil, errSnapshotCorrupt
	}
	ix.indexStructure()
	return ix, nil
}
