package memory

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"unsafe"
)

// The vectors file holds an index's chunk vectors in the form the dense
// query reads them, so that a reopened index uses them in place from the
// mapped file (readVectors) instead of copying them into the heap. Row i is
// chunk i's. Layout, integers little-endian, every section starting at a
// multiple of 64 bytes (the mapping starts on a page):
//
//	header:  magic (8 bytes), dim, rows, count (uint32 each: dimensions,
//	         chunks, chunks with a vector), a zero uint32, the keys'
//	         length (uint64), zeros to 64 bytes
//	vectors: rows × dim float32, each of unit length (chromem-go's
//	         normalisation); zeros for a chunk without a vector
//	scales:  rows float32, the int8 copy's scale of each row; 0: no vector
//	int8:    rows × dim int8, the scan's copy (see vectorScan)
//	keys:    per row its vector key (see vectorKey) as a uvarint length and
//	         bytes, "" without a vector: what a later build of a changed
//	         corpus reuses vectors by
//
// The file's size is exactly what its header implies, and the manifest
// records its CRC-32C, checked before a vector is used.

const vectorsMagic = "NBVEC001"

// vectorsHeader is the size of the header, the first section's offset.
const vectorsHeader = 64

// maxDim bounds the dimensions a vectors file may declare.
const maxDim = 1 << 16

// vectorsLayout is where each section of a vectors file starts.
type vectorsLayout struct {
	dim, rows                          uint64
	vectors, scales, int8s, keys, size uint64
}

func align64(n uint64) uint64 { return (n + 63) &^ 63 }

func layoutOf(dim, rows, keysLen uint64) vectorsLayout {
	l := vectorsLayout{dim: dim, rows: rows, vectors: vectorsHeader}
	l.scales = align64(l.vectors + 4*rows*dim)
	l.int8s = align64(l.scales + 4*rows)
	l.keys = align64(l.int8s + rows*dim)
	l.size = l.keys + keysLen
	return l
}

// writeVectors writes d's vectors with their keys (keys[i] is row i's).
func writeVectors(d *denseIndex, keys []string, out io.Writer) error {
	rows := d.rows()
	if len(keys) != rows {
		return fmt.Errorf("%d keys for %d vectors", len(keys), rows)
	}
	var keysLen uint64
	for i, k := range keys {
		if !d.has(i) {
			k = ""
		}
		keysLen += uint64(uvarintLen(uint64(len(k))) + len(k))
	}
	l := layoutOf(uint64(d.dim), uint64(rows), keysLen)
	w := bufio.NewWriterSize(out, 1<<20)
	var off uint64
	put := func(b []byte) {
		w.Write(b)
		off += uint64(len(b))
	}
	pad := func(to uint64) { put(make([]byte, to-off)) }
	var head [vectorsHeader]byte
	copy(head[:], vectorsMagic)
	binary.LittleEndian.PutUint32(head[8:], uint32(d.dim))
	binary.LittleEndian.PutUint32(head[12:], uint32(rows))
	binary.LittleEndian.PutUint32(head[16:], uint32(d.count))
	binary.LittleEndian.PutUint64(head[24:], keysLen)
	put(head[:])
	var b4 [4]byte
	for _, x := range d.vecs {
		binary.LittleEndian.PutUint32(b4[:], math.Float32bits(x))
		put(b4[:])
	}
	pad(l.scales)
	for _, x := range d.scan.scales {
		binary.LittleEndian.PutUint32(b4[:], math.Float32bits(x))
		put(b4[:])
	}
	pad(l.int8s)
	put(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(d.scan.rows))), len(d.scan.rows)))
	pad(l.keys)
	var buf [binary.MaxVarintLen64]byte
	for i, k := range keys {
		if !d.has(i) {
			k = ""
		}
		put(buf[:binary.PutUvarint(buf[:], uint64(len(k)))])
		put([]byte(k))
	}
	if off != l.size {
		return fmt.Errorf("wrote %d bytes of vectors, want %d", off, l.size)
	}
	return w.Flush()
}

func uvarintLen(v uint64) int {
	var buf [binary.MaxVarintLen64]byte
	return binary.PutUvarint(buf[:], v)
}

var errVectorsCorrupt = errors.New("vectors file is corrupt")

// errVectorsVersion means a vectors file of another layout.
var errVectorsVersion = errors.New("not a vectors file of this version")

// savedVectors are the vectors read from a file: the index's denseIndex,
// and what a build of a changed corpus reuses them by.
type savedVectors struct {
	*denseIndex
	keys []byte // the keys section
	// m is the file's mapping (nil when it was read into the heap), of
	// which the savedVectors hold the opening's reference until keep or
	// release.
	m *mapping
}

// keep makes the vectors serve an index: the mapping lasts as long as
// they do (see mapping).
func (v *savedVectors) keep() {
	holdMapping(v.m, v.denseIndex)
	holdMapping(v.m, v.scan)
	v.m.done()
	v.m = nil
}

// release lets go of vectors that were only reused (a build copies them):
// their file is unmapped unless something else holds it.
func (v *savedVectors) release() {
	v.m.done()
	v.m = nil
}

// readVectors reads the vectors file at path, which must hold rows rows
// and have the checksum wantCRC. On unix the file is mapped and the vectors
// are views of it, outside the heap; elsewhere they are read into it.
// Errors name the file.
func readVectors(path string, wantCRC uint32, rows int) (*savedVectors, error) {
	v, err := readVectorsFile(path, wantCRC, rows)
	if err != nil {
		return nil, fmt.Errorf("vectors %s: %w", path, err)
	}
	return v, nil
}

func readVectorsFile(path string, wantCRC uint32, rows int) (*savedVectors, error) {
	raw, m, err := openSaved(path, vectorsHeader, errVectorsCorrupt)
	if err != nil {
		return nil, err
	}
	v, err := parseVectors(raw, wantCRC, rows)
	if err != nil {
		m.done()
		return nil, err
	}
	v.m = m
	return v, nil
}

// parseVectors makes the vectors of a vectors file's bytes, as views of
// them where the machine's byte order and their alignment allow (copies
// otherwise).
func parseVectors(raw []byte, wantCRC uint32, wantRows int) (*savedVectors, error) {
	if sum := crc32.Checksum(raw, castagnoli); sum != wantCRC {
		return nil, fmt.Errorf("%w: checksum %08x, manifest says %08x", errVectorsCorrupt, sum, wantCRC)
	}
	if len(raw) < vectorsHeader {
		return nil, fmt.Errorf("%w: %d bytes, shorter than its header", errVectorsCorrupt, len(raw))
	}
	if string(raw[:len(vectorsMagic)]) != vectorsMagic {
		return nil, errVectorsVersion
	}
	dim := uint64(binary.LittleEndian.Uint32(raw[8:]))
	rows := uint64(binary.LittleEndian.Uint32(raw[12:]))
	count := uint64(binary.LittleEndian.Uint32(raw[16:]))
	keysLen := binary.LittleEndian.Uint64(raw[24:])
	switch {
	case rows != uint64(wantRows):
		return nil, fmt.Errorf("%w: %d rows, the index has %d chunks", errVectorsCorrupt, rows, wantRows)
	case dim > maxDim || count > rows || (dim == 0) != (count == 0):
		return nil, fmt.Errorf("%w: %d dimensions, %d of %d rows", errVectorsCorrupt, dim, count, rows)
	case keysLen > uint64(len(raw)):
		return nil, fmt.Errorf("%w: %d bytes of keys in a file of %d", errVectorsCorrupt, keysLen, len(raw))
	}
	l := layoutOf(dim, rows, keysLen)
	if l.size != uint64(len(raw)) {
		return nil, fmt.Errorf("%w: %d bytes, its header implies %d", errVectorsCorrupt, len(raw), l.size)
	}
	d := &denseIndex{dim: int(dim), count: int(count),
		vecs: float32sOf(raw[l.vectors : l.vectors+4*rows*dim])}
	d.scan = &vectorScan{dim: int(dim), scales: float32sOf(raw[l.scales : l.scales+4*rows])}
	if n := rows * dim; n > 0 {
		d.scan.rows = unsafe.Slice((*int8)(unsafe.Pointer(&raw[l.int8s])), n)
	}
	has := 0
	for _, s := range d.scan.scales {
		if s != 0 {
			has++
		}
	}
	if uint64(has) != count {
		return nil, fmt.Errorf("%w: %d rows with a scale, header says %d", errVectorsCorrupt, has, count)
	}
	return &savedVectors{denseIndex: d, keys: raw[l.keys:l.size:l.size]}, nil
}

// littleEndian is whether this machine stores a float32 as the file does.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// float32sOf returns the little-endian float32s of b: a view of b when the
// machine is little-endian and b is aligned, a copy otherwise.
func float32sOf(b []byte) []float32 {
	n := len(b) / 4
	if n == 0 {
		return nil
	}
	if littleEndian && uintptr(unsafe.Pointer(&b[0]))%4 == 0 {
		return unsafe.Slice((*float32)(unsafe.Pointer(&b[0])), n)
	}
	out := make([]float32, n)
	for i := range out {
		out[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return out
}

// lookup returns the saved vectors by key, for a build of a changed corpus
// to reuse: each vector returned is a view of the file, which the build
// copies. The keys are checked against the bytes left.
func (v *savedVectors) lookup() (vectorLookup, error) {
	rows := v.rows()
	byKey := make(map[string]int, v.count)
	b := v.keys
	for i := range rows {
		n, w := binary.Uvarint(b)
		if w <= 0 || n > uint64(len(b)-w) {
			return nil, fmt.Errorf("%w: key of row %d", errVectorsCorrupt, i)
		}
		if key := b[w : w+int(n)]; len(key) > 0 && v.has(i) {
			byKey[string(key)] = i
		}
		b = b[w+int(n):]
	}
	if len(b) != 0 {
		return nil, fmt.Errorf("%w: %d bytes after the keys", errVectorsCorrupt, len(b))
	}
	return func(key string) []float32 {
		if i, ok := byKey[key]; ok {
			return v.row(i)
		}
		return nil
	}, nil
}
