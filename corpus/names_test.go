package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDisplayName(t *testing.T) {
	tests := []struct{ name, want string }{
		{"politics/briefing.md", "politics/briefing.md"},
		{"desk/Café notes 2026.txt", "desk/Café notes 2026.txt"},
		{"archive.jsonl#a-1", "archive.jsonl#a-1"},
		{"red\x1b[31m.txt", `"red\x1b[31m.txt"`},
		{"two\nlines.txt", `"two\nlines.txt"`},
		{"bell\a.txt", `"bell\a.txt"`},
		{"gpj.\u202eexe.txt", `"gpj.\u202eexe.txt"`}, // a direction override
		{"bad\xff.txt", `"bad\xff.txt"`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := DisplayName(tt.name); got != tt.want {
				t.Errorf("DisplayName(%q) = %s, want %s", tt.name, got, tt.want)
			}
		})
	}
}

// File names with control characters are escaped wherever a skip is
// shown; a name that is not UTF-8 is skipped saying so (not "open:
// invalid argument"); a document under a name with a control character
// loads, and its ID is shown escaped.
func TestNamesWithControlCharactersAreEscaped(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"ok.txt":                         "Ok\n\nA story that loads.",
		"red\x1b[31m.bin":                "binary format",
		"bad\xff.txt":                    "Bad\n\nA story under a name that is not UTF-8.",
		"folder\xfe/inside.txt":          "Inside\n\nA story in a folder whose name is not UTF-8.",
		"two\nlines.txt":                 "Two\n\nA story under a name with a newline.",
		"memo\a.txt":                     "Memo\n\nA memo with a broken sidecar.",
		"memo\a.txt.meta.yaml":           "withdrawn: maybe\n",
		"clear\x1b]0;owned\a.jsonl":      `{"id":"x","text":"One."}` + "\n{oops\n",
		"plain/unsupported\x1b[2J.weird": "x",
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Skipf("this file system refuses the name %q: %v", name, err)
		}
	}
	res := loadDir(t, dir)
	got := map[string]bool{}
	for _, s := range res.Skipped {
		line := s.String()
		if strings.ContainsAny(line, "\x1b\a\n") || strings.Contains(line, "\xff") || strings.Contains(line, "\xfe") {
			t.Errorf("skip shown raw: %q", line)
		}
		got[line] = true
	}
	for _, want := range []string{
		`"red\x1b[31m.bin": unsupported format ".bin"`,
		`"bad\xff.txt": file name is not valid UTF-8`,
		`"folder\xfe": file name is not valid UTF-8`,
		`"memo\a.txt": "memo\a.txt.meta.yaml": withdrawn: "maybe" is neither true nor false (use true/false, yes/no, on/off or 1/0)`,
		`"clear\x1b]0;owned\a.jsonl":2: malformed JSON: invalid character 'o' looking for beginning of object key string`,
		`"plain/unsupported\x1b[2J.weird": unsupported format ".weird"`,
	} {
		if !got[want] {
			t.Errorf("skips lack %s; have %q", want, res.Skipped)
		}
	}
	ids := map[string]bool{}
	for _, d := range res.Documents {
		ids[DisplayName(d.ID)] = true
	}
	if !ids[`"two\nlines.txt"`] || !ids["ok.txt"] {
		t.Errorf("documents %v, want ok.txt and \"two\\nlines.txt\" among them", ids)
	}
}

// Control characters in a skip's reason (an error may quote a file name
// or a tool's output) are escaped too; quotes stay as they are.
func TestSkippedStringEscapesReason(t *testing.T) {
	s := Skipped{Path: "memo.pdf", Reason: "pdftotext: exit status 1: \"bad\" line\nnext\x1b[0m \xff"}
	if got, want := s.String(), `memo.pdf: pdftotext: exit status 1: "bad" line\nnext\x1b[0m \xff`; got != want {
		t.Errorf("%s, want %s", got, want)
	}
}
