package corpus

import (
	"fmt"
	"io/fs"
	"syscall"
	"time"
)

// stamp is what the system tells of a file beyond its size and
// modification time: its inode and status change time (ctime). Every
// write changes the ctime, and no program can set it back (restoring the
// modification time changes it too), so an edit that keeps the size and
// restores the time still shows. "" when the system does not say.
func stamp(fi fs.FileInfo) string {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return ""
	}
	return fmt.Sprintf("%d:%d.%09d", st.Ino, st.Ctim.Sec, st.Ctim.Nsec)
}

// changed is when the file last changed: the later of its modification
// and status change times (a file copied in with its old modification
// time kept arrived at its status change time).
func changed(fi fs.FileInfo) time.Time {
	t := fi.ModTime()
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		if c := time.Unix(st.Ctim.Sec, st.Ctim.Nsec); c.After(t) {
			t = c
		}
	}
	return t
}
