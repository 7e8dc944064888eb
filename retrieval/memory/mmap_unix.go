//go:build unix

package memory

import (
	"fmt"
	"os"
	"syscall"
)

// The store never changes a saved file in place (save writes a new file
// and renames it), so a mapped file keeps its bytes and its size: a file
// truncated in place by someone else would make reading it fault.

// fileKey identifies a file's contents: the inode (which stays in use while
// it is mapped, so it cannot name another file meanwhile), its size and time.
type fileKey struct {
	dev, ino    uint64
	size, mtime int64
}

func keyOf(fi os.FileInfo) (fileKey, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return fileKey{}, false
	}
	return fileKey{dev: uint64(st.Dev), ino: uint64(st.Ino), size: fi.Size(), mtime: fi.ModTime().UnixNano()}, true
}

// mapFile returns the bytes of the saved file f (fi is its Stat), mapped
// read-only, and the mapping, of which the caller holds one reference (the
// opening's): it calls done once it has made what keeps the mapping hold it
// (holdMapping), or at once when nothing points into the bytes.
func mapFile(f *os.File, fi os.FileInfo) ([]byte, *mapping, error) {
	key, ok := keyOf(fi)
	if ok {
		mappings.Lock()
		m := mappings.byFile[key]
		if m != nil {
			m.refs++
		}
		mappings.Unlock()
		if m != nil {
			return m.data, m, nil
		}
	}
	size := fi.Size()
	if size <= 0 || int64(int(size)) != size {
		return nil, nil, fmt.Errorf("%w: %d bytes", errSnapshotCorrupt, size)
	}
	data, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, nil, fmt.Errorf("map: %w", err)
	}
	// Reading past the end of a file through its mapping faults (SIGBUS):
	// the file must still be as long as the mapping now that it is mapped.
	if now, err := f.Stat(); err != nil || now.Size() != size {
		syscall.Munmap(data)
		return nil, nil, fmt.Errorf("%w: changed while being opened", errSnapshotCorrupt)
	}
	m := &mapping{data: data, refs: 1, key: key, keyed: ok}
	if ok {
		mappings.Lock()
		if other := mappings.byFile[key]; other != nil {
			// Mapped meanwhile by another opening: use that one.
			other.refs++
			mappings.Unlock()
			syscall.Munmap(data)
			return other.data, other, nil
		}
		mappings.byFile[key] = m
		mappings.Unlock()
	}
	return data, m, nil
}

// release gives the file back: unmapped when nothing was ever made to
// point into it (an opening that failed, vectors only reused by a build,
// which copies them). Otherwise its range is replaced by zero pages where
// the system allows (zeroOver), which lets go of the file (its page cache,
// and its blocks once it is replaced) but keeps the addresses reserved: a
// string some reader kept by mistake past its holders then reads NULs,
// never another file's bytes, and never faults. Where the range cannot be
// replaced the file stays mapped for the process's life, as before
// mappings were released.
func (m *mapping) release() {
	mappings.Lock()
	held := m.held
	mappings.released++
	mappings.Unlock()
	if !held {
		syscall.Munmap(m.data)
		return
	}
	zeroOver(m.data)
}
