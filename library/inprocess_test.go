package library

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/indexcache"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/memory"
)

// A broken file is skipped and reported by name; the rest is indexed and
// searchable.
func TestOpenIndexSkipsABrokenFile(t *testing.T) {
	dir := newCorpus(t, map[string]string{"rates.txt": ratesText, "storm.txt": stormText, "report.docx": brokenDocx})
	st := openIndex(t, indexConfig(t, dir, t.TempDir()))
	if n := documents(t, st); n != 2 {
		t.Errorf("%d documents served, want the 2 good ones", n)
	}
	if got := top(t, st, "What did the central bank do with interest rates?"); got != "rates.txt" {
		t.Errorf("rates question found %q", got)
	}
	if got := top(t, st, "What will the storm bring to the coast?"); got != "storm.txt" {
		t.Errorf("storm question found %q", got)
	}
	if has(t, st, "report.docx") {
		t.Error("the broken file is served")
	}

	lines, err := st.Index(t.Context(), Update{})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(lines, func(l Line) bool { return l.Label == "skipped" })
	if i < 0 || lines[i].Value != "1" || i+1 == len(lines) {
		t.Fatalf("index lines %v: want \"skipped\" 1 and the file under it", lines)
	}
	if next := lines[i+1]; next.Label != "" || !strings.HasPrefix(next.Value, "report.docx: ") || !strings.Contains(next.Value, "not a Word file") {
		t.Errorf("skipped file line %+v, want report.docx and why", next)
	}
	if d := st.Describe(retrieval.Stats{Documents: 2}, nil); !strings.Contains(d, "(1 file skipped: \"bot index\" lists them)") {
		t.Errorf("Describe = %q", d)
	}

	// A reload reports the broken file again, by name.
	writeFiles(t, dir, map[string]string{"ferry.txt": ferryText})
	rep, err := st.Update(t.Context(), Update{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Skipped) != 1 || rep.Skipped[0].Path != "report.docx" || rep.Skipped[0].Warning {
		t.Errorf("reload skipped %v, want report.docx", rep.Skipped)
	}
	if rep.Documents != 3 {
		t.Errorf("reload report counts %d documents, want 3", rep.Documents)
	}
}

// Describe counts the files skipped apart from warnings about files that
// loaded (an unknown metadata key): the line "bot index" gives them.
func TestDescribeCountsSkippedFilesApartFromWarnings(t *testing.T) {
	dir := newCorpus(t, map[string]string{
		"rates.txt":   ratesText,
		"memo.md":     "---\ntitle: Budget memo\nflavour: salty\n---\nThe harbour budget was passed on Monday.\n",
		"report.docx": brokenDocx,
		"fake.pdf":    "%PDF- not really",
	})
	st := openIndex(t, indexConfig(t, dir, t.TempDir()))
	lines, err := st.Index(t.Context(), Update{})
	if err != nil {
		t.Fatal(err)
	}
	if i := slices.IndexFunc(lines, func(l Line) bool { return l.Label == "skipped" }); i < 0 || lines[i].Value != "2 (and 1 warning)" {
		t.Fatalf("index lines %v: want 2 files skipped and 1 warning", lines)
	}
	d := st.Describe(retrieval.Stats{Documents: 2}, nil)
	if !strings.Contains(d, "(2 files skipped, 1 warning: \"bot index\" lists them)") {
		t.Errorf("Describe = %q, want 2 files skipped and 1 warning", d)
	}
}

// A failed reload returns why, and the index in force keeps serving; the
// next reload that succeeds compares with it.
func TestFailedUpdateKeepsTheIndexServing(t *testing.T) {
	for _, tc := range []struct {
		name        string
		breakCorpus func(t *testing.T, dir string)
		is          error
	}{
		{"corpus removed", func(t *testing.T, dir string) {
			if err := os.RemoveAll(dir); err != nil {
				t.Fatal(err)
			}
		}, indexcache.ErrNoCorpus},
		{"every file broken", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "storm.txt"))
			writeFiles(t, dir, map[string]string{"rates.txt": "", "report.docx": brokenDocx})
		}, corpus.ErrNoDocuments},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := newCorpus(t, map[string]string{"rates.txt": ratesText, "storm.txt": stormText})
			st := openIndex(t, indexConfig(t, dir, t.TempDir()))
			tc.breakCorpus(t, dir)
			rep, err := st.Update(t.Context(), Update{})
			if !errors.Is(err, tc.is) || rep != nil {
				t.Fatalf("Update = %v, %v; want an error wrapping %v", rep, err, tc.is)
			}
			if !strings.Contains(err.Error(), dir) {
				t.Errorf("error %q does not name the corpus", err)
			}
			if n := documents(t, st); n != 2 {
				t.Errorf("after the failed reload %d documents are served, want the 2 of before", n)
			}
			if got := top(t, st, "What did the central bank do with interest rates?"); got != "rates.txt" {
				t.Errorf("after the failed reload the rates question found %q", got)
			}

			// Repaired: the next reload reports its changes against what served.
			os.MkdirAll(dir, 0o755)
			os.Remove(filepath.Join(dir, "report.docx"))
			writeFiles(t, dir, map[string]string{"rates.txt": ratesText, "ferry.txt": ferryText})
			rep, err = st.Update(t.Context(), Update{})
			if err != nil {
				t.Fatal(err)
			}
			want := corpus.Changes{Added: []string{"ferry.txt"}, Removed: []string{"storm.txt"}}
			if !equalChanges(rep.Changes, want) {
				t.Errorf("changes %+v, want %+v", rep.Changes, want)
			}
		})
	}
}

func equalChanges(a, b corpus.Changes) bool {
	return slices.Equal(a.Added, b.Added) && slices.Equal(a.Changed, b.Changed) && slices.Equal(a.Removed, b.Removed)
}

// A reload reads only the files that changed, embeds only their passages,
// answers from the new index and reports what was added, changed and
// removed, by document ID.
func TestUpdateReportsWhatChanged(t *testing.T) {
	dir := newCorpus(t, map[string]string{"rates.txt": ratesText, "storm.txt": stormText, "old.txt": "Old news\n\nThe old pier was closed for repairs.\n"})
	st := openIndex(t, indexConfig(t, dir, t.TempDir()))
	const q = "When does the ferry to the island leave?"
	if top(t, st, q) == "ferry.txt" {
		t.Fatal("the ferry is answered before it was added")
	}

	writeFiles(t, dir, map[string]string{
		"ferry.txt": ferryText,
		"storm.txt": "Storm warning\n\nForecasters warned that the storm would bring heavy rain and strong winds to the coast.\n",
	})
	os.Remove(filepath.Join(dir, "old.txt"))
	var progressed bool
	rep, err := st.Update(t.Context(), Update{Progress: func(done, total int) { progressed = true }})
	if err != nil {
		t.Fatal(err)
	}
	want := corpus.Changes{Added: []string{"ferry.txt"}, Changed: []string{"storm.txt"}, Removed: []string{"old.txt"}}
	if !equalChanges(rep.Changes, want) {
		t.Errorf("changes %+v, want %+v", rep.Changes, want)
	}
	if rep.Documents != 3 || rep.Chunks != 3 {
		t.Errorf("report counts %d documents and %d chunks, want 3 and 3", rep.Documents, rep.Chunks)
	}
	if rep.Reread != 2 || rep.Embedded != 2 {
		t.Errorf("read %d files and embedded %d passages, want the 2 changed ones", rep.Reread, rep.Embedded)
	}
	if rep.NotSaved != nil || rep.Withdrawn != 0 || len(rep.Skipped) != 0 {
		t.Errorf("report %+v", rep)
	}
	if !progressed {
		t.Error("Update.Progress was not told of the embedding")
	}
	if got := top(t, st, q); got != "ferry.txt" {
		t.Errorf("the ferry question found %q after the reload", got)
	}
	if has(t, st, "old.txt") {
		t.Error("a removed document is still served")
	}

	// Nothing changed: nothing read, nothing embedded, nothing reported,
	// and the store still knows which files it read.
	rep, err = st.Update(t.Context(), Update{})
	if err != nil {
		t.Fatal(err)
	}
	if !equalChanges(rep.Changes, corpus.Changes{}) || rep.Reread != 0 || rep.Embedded != 0 || rep.Documents != 3 {
		t.Errorf("a reload with nothing changed reported %+v", rep)
	}
	if st.Unread() {
		t.Error("after a reload with nothing changed the store forgot the files it read")
	}

	// Reread reads every file again.
	rep, err = st.Update(t.Context(), Update{Reread: true})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Reread != 3 || !equalChanges(rep.Changes, corpus.Changes{}) {
		t.Errorf("a reread read %d files (changes %+v), want all 3 and no change", rep.Reread, rep.Changes)
	}
}

// A withdrawn document is counted in the report.
func TestUpdateCountsWithdrawn(t *testing.T) {
	dir := newCorpus(t, map[string]string{"rates.txt": ratesText})
	st := openIndex(t, indexConfig(t, dir, t.TempDir()))
	writeFiles(t, dir, map[string]string{"pulled.md": "---\ntitle: Pulled story\nwithdrawn: true\n---\nThe mayor resigned on Tuesday.\n"})
	rep, err := st.Update(t.Context(), Update{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Withdrawn != 1 {
		t.Errorf("withdrawn %d, want 1 (report %+v)", rep.Withdrawn, rep)
	}
}

// A saved index reopens without reading the corpus (Unread), and "bot
// index" says it is up to date and remembers the corpus as the last indexed.
func TestReopenedIndex(t *testing.T) {
	dir := newCorpus(t, map[string]string{"rates.txt": ratesText})
	data := t.TempDir()
	c := indexConfig(t, dir, data)
	if st := openIndex(t, c); st.Unread() {
		t.Error("a store that read its corpus says it did not")
	}
	st := openIndex(t, c)
	if !st.Unread() {
		t.Error("a reopened saved index says it read the corpus")
	}
	if st.Corpus() != dir {
		t.Errorf("Corpus = %q, want %q", st.Corpus(), dir)
	}
	if verb, unit := st.Progress(); verb != "embedded" || unit != "chunks" {
		t.Errorf("Progress = %q %q", verb, unit)
	}
	lines, err := st.Index(t.Context(), Update{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(lines, Line{"embedded", "0 (index up to date)"}) || !slices.Contains(lines, Line{"documents loaded", "1"}) {
		t.Errorf("index lines %v", lines)
	}
	if last, ok := indexcache.Last(data); !ok || last != dir {
		t.Errorf("the corpus indexed last is %q, %v; want %q", last, ok, dir)
	}
	// A reload reads the corpus: the store knows its files from then on.
	if _, err := st.Update(t.Context(), Update{Reread: true}); err != nil {
		t.Fatal(err)
	}
	if st.Unread() {
		t.Error("Unread after a reload that read the corpus")
	}
}

// When the index cannot be saved it serves from memory: Index fails with
// why, the reload report and SaveError say so.
func TestUnsavedIndexServesFromMemory(t *testing.T) {
	dir := newCorpus(t, map[string]string{"rates.txt": ratesText})
	data := filepath.Join(t.TempDir(), "file")
	writeFiles(t, filepath.Dir(data), map[string]string{"file": "not a directory"})
	st := openIndex(t, indexConfig(t, dir, data))
	if !errors.Is(st.SaveError(), memory.ErrSave) {
		t.Errorf("SaveError = %v", st.SaveError())
	}
	if got := top(t, st, "What did the central bank do with interest rates?"); got != "rates.txt" {
		t.Errorf("an unsaved index found %q", got)
	}
	lines, err := st.Index(t.Context(), Update{})
	if !errors.Is(err, memory.ErrSave) || !strings.Contains(err.Error(), "BOT_DATA_DIR") || len(lines) == 0 {
		t.Errorf("Index = %d lines, %v", len(lines), err)
	}
	writeFiles(t, dir, map[string]string{"ferry.txt": ferryText})
	rep, err := st.Update(t.Context(), Update{})
	if err != nil {
		t.Fatal(err)
	}
	if !errors.Is(rep.NotSaved, memory.ErrSave) || len(rep.Changes.Added) != 1 {
		t.Errorf("report NotSaved %v, changes %+v", rep.NotSaved, rep.Changes)
	}
	if lib := newLibrary(st); lib.SaveError() == nil {
		t.Error("Library.SaveError is nil")
	}
}
