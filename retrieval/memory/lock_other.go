//go:build !unix

package memory

// lockDir is a no-op where flock is not available.
func lockDir(string, bool) (func(), error) { return func() {}, nil }
