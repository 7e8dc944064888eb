package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// symlinkCorpus builds a corpus with a restricted memo, an open story and
// symbolic links in the open folder: to the memo, to a file outside the
// corpus, to the restricted folder, and as a sidecar. It returns the
// corpus root.
func symlinkCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	root := filepath.Join(dir, "corpus")
	files := map[string]string{
		"corpus/restricted/memo.txt": "Memo\n\nThe restricted memo says the mayor will resign.",
		"corpus/general/story.txt":   "Story\n\nThe open story is about the harbour.",
		"corpus/general/open.txt":    "Open\n\nA story whose sidecar is a link.",
		"outside/passwd.txt":         "Passwd\n\nroot:x:0:0:root:/root:/bin/bash outside the corpus",
		"outside/open.meta.yaml":     "withdrawn: false\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	links := map[string]string{
		"general/memo-link.txt":      "../restricted/memo.txt",
		"general/passwd.txt":         filepath.Join(dir, "outside/passwd.txt"),
		"general/restricted-dir":     "../restricted",
		"general/open.txt.meta.yaml": filepath.Join(dir, "outside/open.meta.yaml"),
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(root, name)); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	return root
}

// Symbolic links in the corpus are not followed: a link in an open folder
// to a restricted memo does not make it citable under the link's path, a
// link out of the corpus is not read, and each refused link is listed by
// name with its reason.
func TestSymlinksAreNotFollowed(t *testing.T) {
	res := loadDir(t, symlinkCorpus(t))
	var paths []string
	for _, d := range res.Documents {
		paths = append(paths, d.Path)
		if strings.Contains(d.Text, "outside the corpus") {
			t.Errorf("%s: a file outside the corpus was read", d.Path)
		}
	}
	if got, want := strings.Join(paths, ", "), "general/story.txt, restricted/memo.txt"; got != want {
		t.Errorf("documents %s, want %s", got, want)
	}
	skipped := map[string]string{}
	for _, s := range res.Skipped {
		skipped[s.Path] = s.Reason
	}
	for _, tt := range []struct{ path, reason string }{
		{"general/memo-link.txt", "symbolic link, not followed"},
		{"general/passwd.txt", "symbolic link, not followed"},
		{"general/restricted-dir", "symbolic link, not followed"},
		{"general/open.txt.meta.yaml", "symbolic link, not followed"},
		{"general/open.txt", "general/open.txt.meta.yaml: symbolic link, not followed"},
	} {
		t.Run(tt.path, func(t *testing.T) {
			if got, ok := skipped[tt.path]; !ok || got != tt.reason {
				t.Errorf("skipped as %q (listed: %v), want %q", got, ok, tt.reason)
			}
		})
	}
}

// A single file the operator names is read even through a link.
func TestLoadNamedFileThroughLink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "archive-2026.txt")
	if err := os.WriteFile(target, []byte("Title\n\nThe named file's text."), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "current.txt")
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	res, err := Load(t.Context(), link, Options{})
	if err != nil || len(res.Documents) != 1 || res.Documents[0].ID != "current.txt" {
		t.Fatalf("Load(%s): %v %v", link, res, err)
	}
	if _, err := LoadFile(t.Context(), link, Options{}); err != nil {
		t.Fatalf("LoadFile(%s): %v", link, err)
	}
}
