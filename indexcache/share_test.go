package indexcache

import (
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/askbot/corpus"
)

// The corpus kept for the next reload holds the index's documents (read
// back from its snapshot), not a second copy; a reload from it reads only
// what changed and indexes the unchanged documents as they were.
func TestLoadedCorpusSharesTheIndexDocuments(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" || runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("snapshots are read into the heap here: nothing is shared")
	}
	dir := writeCorpus(t, map[string]string{
		"harbour.txt": "Harbour budget\n\nThe council passed the harbour budget on Monday.\n",
		"storm.txt":   "Storm warning\n\nForecasters warned of heavy rain on the coast.\n",
	})
	c := Config{DataDir: t.TempDir(), Corpus: dir, Embedder: glove(t)}
	o, err := Open(t.Context(), c)
	if err != nil || o.SaveErr != nil || o.Loaded == nil {
		t.Fatalf("open: %v, %v", err, o)
	}
	shared := func(o *Opened) {
		t.Helper()
		for _, d := range o.Loaded.Documents {
			if e, _ := o.Index.Document(d.ID); e != d {
				t.Errorf("document %s: the loaded corpus holds its own copy", d.ID)
			}
		}
		for p, f := range o.Loaded.Files {
			for _, d := range f.Docs {
				if e, _ := o.Index.Document(d.ID); e != d {
					t.Errorf("file %s, document %s: the loaded corpus holds its own copy", p, d.ID)
				}
			}
		}
	}
	shared(o)
	later := time.Now().Add(time.Second)
	os.WriteFile(filepath.Join(dir, "storm.txt"), []byte("Storm warning\n\nThe storm passed overnight without damage.\n"), 0o644)
	os.Chtimes(filepath.Join(dir, "storm.txt"), later, later)
	c.Load.Previous = o.Loaded
	again, err := Open(t.Context(), c)
	if err != nil || again.SaveErr != nil {
		t.Fatalf("reload: %v", err)
	}
	if again.Loaded.Reread != 1 {
		t.Errorf("the reload read %d files, want 1", again.Loaded.Reread)
	}
	shared(again)
	for id, want := range map[string]string{"harbour.txt": "harbour budget on Monday", "storm.txt": "passed overnight"} {
		d, ok := again.Index.Document(id)
		if !ok || !strings.Contains(d.Text, want) {
			t.Errorf("document %s after the reload: %q", id, d.Text)
		}
	}
}

// sameDocument compares every field of a document: a change to any of
// them makes two documents differ.
func TestSameDocumentSeesEveryField(t *testing.T) {
	base := corpus.Document{ID: "a", Path: "a.txt", Title: "T", Source: "S", Byline: "B", URL: "u", Published: "2026-01-02",
		Text: "text", Paragraphs: []corpus.Span{{Start: 0, End: 4}}, Embargo: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), WithdrawnNote: "n"}
	if n := reflect.TypeOf(base).NumField(); n != 12 {
		t.Fatalf("corpus.Document has %d fields, sameDocument compares 12: compare the new ones", n)
	}
	zone := base
	zone.Embargo = base.Embargo.In(time.FixedZone("x", 3600))
	if !sameDocument(&base, &zone) {
		t.Error("the same embargo instant in another zone differs")
	}
	for i := range reflect.TypeOf(base).NumField() {
		other := base
		f := reflect.ValueOf(&other).Elem().Field(i)
		switch v := f.Interface().(type) {
		case string:
			f.SetString(v + "x")
		case bool:
			f.SetBool(!v)
		case []corpus.Span:
			f.Set(reflect.ValueOf([]corpus.Span{{Start: 0, End: 3}}))
		case time.Time:
			f.Set(reflect.ValueOf(v.Add(time.Second)))
		default:
			t.Fatalf("field %s of type %T", reflect.TypeOf(base).Field(i).Name, v)
		}
		if sameDocument(&base, &other) {
			t.Errorf("a change of %s is not seen", reflect.TypeOf(base).Field(i).Name)
		}
	}
}
