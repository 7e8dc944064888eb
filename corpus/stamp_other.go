//go:build !linux

package corpus

import (
	"io/fs"
	"time"
)

// stamp is the file's inode and status change time where the system
// tells (see stamp_linux.go); here it does not.
func stamp(fs.FileInfo) string { return "" }

// changed is when the file last changed: here, its modification time.
func changed(fi fs.FileInfo) time.Time { return fi.ModTime() }
