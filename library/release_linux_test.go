package library

import (
	"fmt"
	"os"
	"regexp"
	"runtime"
	"slices"
	"testing"
	"time"
)

// savedMappings lists the saved index files (snapshots, vectors) this
// process maps, deleted ones marked so.
func savedMappings(tb testing.TB) []string {
	tb.Helper()
	raw, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		tb.Skip(err)
	}
	var out []string
	for _, m := range regexp.MustCompile(`\S*/(?:snapshot-\w+\.bin|vectors-\w+\.vec)(?: \(deleted\))?`).FindAllString(string(raw), -1) {
		if !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	slices.Sort(out)
	return out
}

// Reloads that read changed files serve an index read back from the files
// they saved, and the files they replace are let go of once the questions
// asked of the old index are done: after several reloads the process maps
// the current snapshot and vectors file alone, none of them deleted, and
// every question is answered from the corpus as it now is.
func TestReloadsLetGoOfTheFilesTheyReplace(t *testing.T) {
	dir := newCorpus(t, map[string]string{"rates.txt": ratesText, "storm.txt": stormText})
	st := openIndex(t, indexConfig(t, dir, t.TempDir()))
	for i := range 4 {
		time.Sleep(10 * time.Millisecond)
		writeFiles(t, dir, map[string]string{"ferry.txt": ferryText + fmt.Sprintf("\nSailing %d was cancelled.\n", i)})
		if _, err := st.Update(t.Context(), Update{}); err != nil {
			t.Fatal(err)
		}
		if got := top(t, st, "When does the ferry to the island leave?"); got != "ferry.txt" {
			t.Fatalf("reload %d: the ferry question found %q", i, got)
		}
	}
	var maps []string
	for range 500 {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
		if maps = savedMappings(t); len(maps) == 2 && !slices.ContainsFunc(maps, func(m string) bool { return regexp.MustCompile(`deleted`).MatchString(m) }) {
			break
		}
	}
	if len(maps) != 2 {
		t.Fatalf("mapped after 4 reloads: %q, want the current snapshot and vectors file alone", maps)
	}
	for _, m := range maps {
		if _, err := os.Stat(m); err != nil {
			t.Errorf("%s: %v", m, err)
		}
	}
	if got := top(t, st, "What did the central bank do with interest rates?"); got != "rates.txt" {
		t.Errorf("the rates question found %q", got)
	}
}
