//go:build unix

package memory

import (
	"fmt"
	"os"
	"sync"
	"syscall"
)

// snapshotMaps are the saved files (snapshots and vectors files) this
// process has mapped for indexes it reopened, by file identity. A mapping
// is never unmapped once an index was made of it: the documents' Text and
// Title strings point into a snapshot's, and so do the chunks' texts and
// every quote, title or passage cut from them, which callers keep after
// they let go of the index (a searcher's hits, an answer being posted, a
// reload comparing the old documents with the new); a reopened index's
// vectors are views of its vectors file's. The Go collector does not see
// such pointers, so no finalizer on the index could tell when the last of
// them is gone. The cost is address space and, for a file a later save has
// replaced, its blocks on disk until the process exits; reopening the same
// file again reuses its mapping.
//
// The store never changes a saved file in place (save writes a new file
// and renames it), so a mapped file keeps its bytes and its size: a file
// truncated in place by someone else would make reading it fault.
var snapshotMaps = struct {
	sync.Mutex
	byFile map[fileKey][]byte
}{byFile: map[fileKey][]byte{}}

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

// mapFile returns the bytes of the saved file f (fi is its Stat),
// mapped read-only. keep makes the mapping permanent (see snapshotMaps)
// and must be called before any string into it is handed out; release
// unmaps a mapping that was not kept and is a no-op otherwise.
func mapFile(f *os.File, fi os.FileInfo) (data []byte, mapped bool, keep, release func(), err error) {
	key, ok := keyOf(fi)
	if ok {
		snapshotMaps.Lock()
		data := snapshotMaps.byFile[key]
		snapshotMaps.Unlock()
		if data != nil {
			return data, true, func() {}, func() {}, nil
		}
	}
	size := fi.Size()
	if size <= 0 || int64(int(size)) != size {
		return nil, false, nil, nil, fmt.Errorf("%w: %d bytes", errSnapshotCorrupt, size)
	}
	data, err = syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, false, nil, nil, fmt.Errorf("map: %w", err)
	}
	// Reading past the end of a file through its mapping faults (SIGBUS):
	// the file must still be as long as the mapping now that it is mapped.
	if now, err := f.Stat(); err != nil || now.Size() != size {
		syscall.Munmap(data)
		return nil, false, nil, nil, fmt.Errorf("%w: changed while being opened", errSnapshotCorrupt)
	}
	kept := false
	keep = func() {
		kept = true
		if ok {
			snapshotMaps.Lock()
			if snapshotMaps.byFile[key] == nil {
				snapshotMaps.byFile[key] = data
			}
			snapshotMaps.Unlock()
		}
	}
	release = func() {
		if !kept {
			syscall.Munmap(data)
		}
	}
	return data, true, keep, release, nil
}
