//go:build !unix

package memory

import (
	"fmt"
	"io"
	"os"
)

// fileKey is unused on systems without mmap.
type fileKey struct{}

// mapFile reads the saved file f into memory (systems without mmap): the
// documents' text is then copied out of it into the heap, as before
// snapshots were mapped, and the vectors are views of the heap copy. The
// mapping is nil.
func mapFile(f *os.File, fi os.FileInfo) ([]byte, *mapping, error) {
	size := fi.Size()
	if size <= 0 || int64(int(size)) != size {
		return nil, nil, fmt.Errorf("%w: %d bytes", errSnapshotCorrupt, size)
	}
	data := make([]byte, size)
	if _, err := io.ReadFull(f, data); err != nil {
		return nil, nil, fmt.Errorf("%w: %w", errSnapshotCorrupt, err)
	}
	return data, nil, nil
}

func (m *mapping) release() {}

// releasable is false: files are read into the heap here, so reading a
// built index back from them would save nothing.
const releasable = false
