package audit

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
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

// Every record stays within MaxEntry however long its fields, whatever they
// hold (escapes, invalid bytes), with each cut field marked, and a short
// record is written whole.
func TestRecordsAreBounded(t *testing.T) {
	long := func(unit string) string { return strings.Repeat(unit, (1<<20)/len(unit)) }
	var cited []Cited
	for i := range 1000 {
		cited = append(cited, Cited{DocID: long("d") + string(rune('a'+i%26)), Paragraph: -1 << 63})
	}
	cases := []struct {
		name string
		r    Record
	}{
		{"a 1 MB question", Record{Via: "slash", Question: long("Who denied it? ")}},
		{"every field long", Record{User: long("U"), Channel: long("C"), Via: long("v"), Question: long("q"), AnswerID: long("a"), Kind: long("k"),
			Outcome: long("o"), Searched: long("s"), Model: long("m"), FellBack: true, FallbackReason: long("r"), Cited: cited, CitedMore: 5}},
		{"escapes", Record{User: long("\x01"), Channel: long("\""), Via: long("\u2028"), Question: long("\x1b[2J"), AnswerID: long("\xff"), Kind: long("<&>"),
			Outcome: long("\\"), Searched: long("\n"), Model: long("\x00"), FallbackReason: long("\x7f\u202e"), Cited: cited}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "audit.jsonl")
			l, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := l.Write(c.r); err != nil {
				t.Fatal(err)
			}
			l.Close()
			line, _ := os.ReadFile(path)
			if len(line) > MaxEntry {
				t.Errorf("entry of %d bytes, over MaxEntry (%d)", len(line), MaxEntry)
			}
			var r Record
			if err := json.Unmarshal(line, &r); err != nil {
				t.Fatalf("not JSON: %v", err)
			}
			if !strings.HasSuffix(r.Question, "bytes]") || !strings.Contains(r.Question, "…[cut: ") {
				t.Errorf("question not marked as cut: …%q", r.Question[max(0, len(r.Question)-40):])
			}
			if c.name == "every field long" && (len(r.Cited) != 12 || r.CitedMore != 5+1000-12) {
				t.Errorf("%d citations kept, %d counted as left out", len(r.Cited), r.CitedMore)
			}
		})
	}
	short := Record{User: "U1", Via: "check", Question: "Shikho raised $5.3 million", Kind: "check", Outcome: "supported", Cited: []Cited{{DocID: "a.txt", Paragraph: 2}}}
	if got := short.bounded(); got.Question != short.Question || got.Outcome != short.Outcome || got.Cited[0] != short.Cited[0] || got.CitedMore != 0 {
		t.Errorf("a short record was changed: %+v", got)
	}
	if got := cut(strings.Repeat("é", 64), 128); got != strings.Repeat("é", 64) {
		t.Errorf("a 128-byte field cut at 128: %q", got)
	}
	if got := cut(strings.Repeat("é", 65), 128); !utf8.ValidString(got) || len(got) > 128 || !strings.HasSuffix(got, "…[cut: 130 bytes]") {
		t.Errorf("a 130-byte field cut at 128: %q (%d bytes)", got, len(got))
	}
}
