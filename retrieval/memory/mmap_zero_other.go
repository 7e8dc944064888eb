//go:build unix && !linux

package memory

// zeroOver is not done on this system: a released file that anything was
// made of stays mapped for the process's life.
func zeroOver([]byte) bool { return false }

// releasable is false: a built index is not read back from its files (see
// IndexDir.readBack), which would keep every reload's files on disk until
// the process exits.
const releasable = false
