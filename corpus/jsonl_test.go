package corpus

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An over-long JSONL line (33 MiB, over the 32 MiB limit) is skipped and
// named; the documents after it load.
func TestJSONLOverlongLineSkipsOnlyThatLine(t *testing.T) {
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "archive.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, `{"id":"first","text":"The first story loads."}`)
	fmt.Fprint(w, `{"id":"huge","text":"`)
	w.WriteString(strings.Repeat("x", 33<<20))
	fmt.Fprintln(w, `"}`)
	const after = 1000
	for i := range after {
		fmt.Fprintf(w, `{"id":"after-%d","text":"Story %d after the long line."}`+"\n", i, i)
	}
	fmt.Fprint(w, `{"id":"last","text":"The last line has no newline."}`)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	res, err := Load(t.Context(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(res.Documents), 1+after+1; got != want {
		t.Errorf("documents loaded: %d, want %d", got, want)
	}
	want := fmt.Sprintf("archive.jsonl:2: line longer than %d bytes", DefaultMaxFileBytes)
	if len(res.Skipped) != 1 || res.Skipped[0].String() != want {
		t.Errorf("skipped %v, want [%s]", res.Skipped, want)
	}
	if d := res.Documents[len(res.Documents)-1]; d.ID != "last" || d.Path != fmt.Sprintf("archive.jsonl:%d", 2+after+1) {
		t.Errorf("last document %s at %s: line numbers are off", d.ID, d.Path)
	}
}

func TestLineReader(t *testing.T) {
	const limit = 39
	tests := []struct {
		name, in string
		want     []string // "!" for a line over the limit
	}{
		{"exactly the limit", strings.Repeat("1", 39) + "\nab\n", []string{strings.Repeat("1", 39), "ab"}},
		{"one over", strings.Repeat("1", 40) + "\nab\n", []string{"!", "ab"}},
		{"last line without newline", "ab\ncd", []string{"ab", "cd"}},
		{"last line over, without newline", "ab\n" + strings.Repeat("1", 40), []string{"ab", "!"}},
		{"carriage returns kept for the caller", "ab\r\n\ncd\n", []string{"ab\r", "", "cd"}},
		{"long lines in a row", strings.Repeat("y", 100) + "\n" + strings.Repeat("z", 40) + "\nok\n", []string{"!", "!", "ok"}},
		{"empty", "", nil},
		{"lines longer than the buffer", strings.Repeat("a", 20) + "\n" + strings.Repeat("b", 40) + "\n" + strings.Repeat("c", 39) + "\n" + strings.Repeat("d", 40),
			[]string{strings.Repeat("a", 20), "!", strings.Repeat("c", 39), "!"}},
		{"a long line at the end", "ab\n" + strings.Repeat("e", 39), []string{"ab", strings.Repeat("e", 39)}},
	}
	for _, seek := range []bool{true, false} {
		for _, tt := range tests {
			t.Run(fmt.Sprintf("%s/seek=%v", tt.name, seek), func(t *testing.T) {
				var src io.Reader = strings.NewReader(tt.in)
				if !seek {
					src = struct{ io.Reader }{src}
				}
				lr := newLineReader(src, limit)
				lr.r = bufio.NewReaderSize(src, 16) // lines longer than the buffer
				var got []string
				for {
					line, err := lr.next()
					if err == errLineTooLong {
						got = append(got, "!")
						continue
					}
					if err != nil {
						break
					}
					got = append(got, string(line))
				}
				if fmt.Sprint(got) != fmt.Sprint(tt.want) || len(got) != len(tt.want) {
					t.Errorf("lines %q, want %q", got, tt.want)
				}
			})
		}
	}
}
