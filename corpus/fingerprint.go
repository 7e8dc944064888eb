package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Fingerprint identifies the files of the corpus at root (a directory or a
// file) by name, size, modification time, inode and status change time
// (see stamp), and its sidecars by their content too: it changes when a
// file is added, removed or rewritten, even by an edit that keeps the
// size and restores the modification time. Documents are not read. An
// index saved with the same fingerprint can be reopened without loading
// the corpus. Symbolic links count as themselves, never followed, as Load
// skips them.
func Fingerprint(root string) (string, error) {
	h := sha256.New()
	info, err := os.Stat(root)
	if err != nil {
		return "", fmt.Errorf("fingerprint %s: %w", root, err)
	}
	if !info.IsDir() {
		fmt.Fprintf(h, "%s\x00%d\x00%d\x00%s\n", filepath.Base(root), info.Size(), info.ModTime().UnixNano(), stamp(info))
		for _, s := range sidecarsBeside(namedFS{os.DirFS(filepath.Dir(root))}, filepath.Base(root)) {
			fmt.Fprintf(h, "%s\n", sidecarDigest([]sidecar{s}))
		}
		return hex.EncodeToString(h.Sum(nil))[:32], nil
	}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		fmt.Fprintf(h, "%s\x00%d\x00%d\x00%s\n", rel, fi.Size(), fi.ModTime().UnixNano(), stamp(fi))
		if isSidecar(p) && d.Type().IsRegular() {
			// Sidecars are small: their content counts, whatever the
			// system tells of them.
			fmt.Fprintf(h, "%s\n", sidecarDigest([]sidecar{readSidecarFile(os.DirFS(root), filepath.ToSlash(rel))}))
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("fingerprint %s: %w", root, err)
	}
	return hex.EncodeToString(h.Sum(nil))[:32], nil
}

// FingerprintFS identifies the files of a read-only file system, such as
// Bundled(), by their contents.
func FingerprintFS(fsys fs.FS) (string, error) {
	h := sha256.New()
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		raw, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(raw))
		h.Write(raw)
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("fingerprint: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil))[:32], nil
}
