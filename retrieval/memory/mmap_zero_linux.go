package memory

import (
	"syscall"
	"unsafe"
)

// zeroOver replaces the mapped range b with anonymous zero pages, read-only,
// in one step (MAP_FIXED over the mapping: no moment where the range is
// free for another mapping to take). The file is let go of; zero pages
// use no memory until read. syscall's record of the mapping (made by
// syscall.Mmap, a few words) stays.
func zeroOver(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	_, _, errno := syscall.Syscall6(syscall.SYS_MMAP, uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)),
		syscall.PROT_READ, syscall.MAP_PRIVATE|syscall.MAP_ANONYMOUS|syscall.MAP_FIXED, ^uintptr(0), 0)
	return errno == 0
}

// releasable is whether a mapping that something was made of can be let
// go of (zeroOver): Open then reads a built index back from its files.
const releasable = true
