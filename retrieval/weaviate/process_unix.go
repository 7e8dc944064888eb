//go:build unix

package weaviate

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strconv"
	"syscall"
)

// processStart reports whether process pid runs on this host and, where
// /proc says (Linux), when it started, in clock ticks since boot (0 when
// unknown): a PID taken again by a later process then reads as another.
func processStart(pid int) (running bool, started uint64) {
	if err := syscall.Kill(pid, 0); err != nil && !errors.Is(err, syscall.EPERM) {
		return false, 0
	}
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return true, 0
	}
	// The command name, in parentheses, may hold spaces: fields are
	// counted after its closing parenthesis; starttime is the 22nd.
	i := bytes.LastIndexByte(raw, ')')
	if i < 0 {
		return true, 0
	}
	fields := bytes.Fields(raw[i+1:])
	if len(fields) < 20 {
		return true, 0
	}
	if state := string(fields[0]); state == "Z" || state == "X" {
		return false, 0 // it died; its parent has not reaped it yet
	}
	started, err = strconv.ParseUint(string(fields[19]), 10, 64)
	if err != nil {
		return true, 0
	}
	return true, started
}
