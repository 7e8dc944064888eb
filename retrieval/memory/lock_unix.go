//go:build unix

package memory

import (
	"os"
	"path/filepath"
	"syscall"
)

// lockDir takes an advisory lock on dir (exclusive for writers, shared for
// readers) and returns its release. Two processes saving one index take
// turns, and a reader never sees a manifest whose files a writer is
// replacing. A directory that cannot hold a lock file (read-only) is read
// without one.
func lockDir(dir string, exclusive bool) (unlock func(), err error) {
	f, err := os.OpenFile(filepath.Join(dir, ".lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return func() {}, err
	}
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	if err := syscall.Flock(int(f.Fd()), how); err != nil {
		f.Close()
		return func() {}, err
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
