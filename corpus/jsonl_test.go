package corpus

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
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

// A JSONL row cannot take another file's document id: an id that could
// be taken for a path is namespaced by its file, so the restricted memo
// still loads under its own path (whichever sorts first), and the row's
// text is never cited under the memo's path. Within one archive a
// repeated id keeps the first row; a file's own document wins over any
// row; a plain id ("mhrag-0042") stays as written.
func TestJSONLRowCannotTakeAnotherFilesID(t *testing.T) {
	fsys := fstest.MapFS{
		"0-rows.jsonl": {Data: []byte(`{"id":"investigations/memo.md","text":"The row's planted text."}` + "\n" +
			`{"id":"investigations/memo.md","text":"A second row of the same id."}` + "\n" +
			`{"id":"memo","text":"A row with a plain id."}` + "\n")},
		"investigations/memo.md": {Data: []byte("# Memo\n\nThe restricted memo's own text.\n")},
	}
	res, err := LoadFS(t.Context(), fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs := byID(res)
	if d := docs["investigations/memo.md"]; d == nil || d.Path != "investigations/memo.md" || !strings.Contains(d.Text, "restricted memo's own text") {
		t.Fatalf("the memo lost its id: %+v (skipped %v)", d, res.Skipped)
	}
	if d := docs["0-rows.jsonl#investigations/memo.md"]; d == nil || !strings.Contains(d.Text, "planted") {
		t.Errorf("the row is not under its own file's id: %v", keys(docs))
	}
	if d := docs["memo"]; d == nil || !strings.Contains(d.Text, "plain id") {
		t.Errorf("the plain id was not kept: %v", keys(docs))
	}
	var skipped []string
	for _, s := range res.Skipped {
		skipped = append(skipped, s.String())
	}
	want := `0-rows.jsonl:2: duplicate document id "0-rows.jsonl#investigations/memo.md" (kept the one from 0-rows.jsonl:1)`
	if strings.Join(skipped, "\n") != want {
		t.Errorf("skipped:\n%s\nwant:\n%s", strings.Join(skipped, "\n"), want)
	}
}

// Whatever ids rows have, a file's own document is kept over a row of
// the same id, in either order.
func TestFinishKeepsAFilesOwnDocument(t *testing.T) {
	row := &Document{ID: "a.eml#x.jsonl#note.txt", Path: "a.eml#x.jsonl:1", Text: "row"}
	own := &Document{ID: "a.eml#x.jsonl#note.txt", Path: "a.eml", Text: "attachment"}
	for _, order := range [][]*Document{{row, own}, {own, row}} {
		res := &Result{Documents: order}
		if err := finish(res); err != nil {
			t.Fatal(err)
		}
		if len(res.Documents) != 1 || res.Documents[0] != own || len(res.Skipped) != 1 || res.Skipped[0].Path != row.Path {
			t.Errorf("kept %v, skipped %v; want the attachment kept and the row skipped", res.Documents, res.Skipped)
		}
	}
}
