//go:build !unix

package memory

import (
	"fmt"
	"io"
	"os"
)

// mapFile reads the saved file f into memory (systems without mmap): the
// documents' text is then copied out of it into the heap, as before
// snapshots were mapped, and the vectors are views of the heap copy. keep
// and release do nothing.
func mapFile(f *os.File, fi os.FileInfo) (data []byte, mapped bool, keep, release func(), err error) {
	size := fi.Size()
	if size <= 0 || int64(int(size)) != size {
		return nil, false, nil, nil, fmt.Errorf("%w: %d bytes", errSnapshotCorrupt, size)
	}
	data = make([]byte, size)
	if _, err := io.ReadFull(f, data); err != nil {
		return nil, false, nil, nil, fmt.Errorf("%w: %w", errSnapshotCorrupt, err)
	}
	return data, false, func() {}, func() {}, nil
}
