package audit

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLogWritesLinesAndRotates(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	l, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	l.MaxBytes, l.Keep = 600, 2
	for i := range 10 {
		if err := l.Write(Record{Time: time.Unix(int64(i), 0).UTC(), User: "U1", Channel: "C1", Via: "mention", Question: "Who denied it?", AnswerID: "a1",
			Kind: "extractive", Cited: []Cited{{DocID: "seed.txt", Paragraph: 5}}, Searched: "politics"}); err != nil {
			t.Fatal(err)
		}
	}
	l.Close()
	for _, p := range []string{path, path + ".1", path + ".2"} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if fi.Size() > 600 || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %d bytes, mode %v", p, fi.Size(), fi.Mode().Perm())
		}
	}
	if _, err := os.Stat(path + ".3"); err == nil {
		t.Error("more rotated files kept than Keep")
	}
	f, _ := os.Open(path)
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var r Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil || r.Cited[0].DocID != "seed.txt" || !strings.Contains(sc.Text(), `"searched":"politics"`) {
			t.Errorf("line %q: %v", sc.Text(), err)
		}
	}
}
