package corpus

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/newsroom/askbot/internal/testutil/testdocs"
)

// withOther adds a document that always loads, so that a load whose one
// document is skipped still succeeds.
func withOther(fsys fstest.MapFS) fstest.MapFS {
	fsys["zz-other.txt"] = &fstest.MapFile{Data: []byte("Other\n\nA second document, always loaded.\n")}
	return fsys
}

func docsOf(res *Result, file string) []*Document {
	var out []*Document
	for _, d := range res.Documents {
		if d.Path == file || strings.HasPrefix(d.Path, file+":") {
			out = append(out, d)
		}
	}
	return out
}

// Every format honours its sidecar, under either name: an email's
// embargo and withdrawal hold for its attachment too, an mbox's for each
// message, a JSONL archive's for each row, and Markdown's on top of its
// front matter.
func TestSidecarAppliesToEveryFormat(t *testing.T) {
	const side = "embargo: 2099-01-01T00:00:00Z\nwithdrawn: true\n"
	mbox := "From press@port.example Mon Oct  2 09:30:00 2023\n" + strings.ReplaceAll(testdocs.Email, "\r\n", "\n") +
		"\nFrom other@example.org Tue Oct  3 10:00:00 2023\nFrom: Other <other@example.org>\nSubject: Second\n\nA second message body.\n"
	tests := []struct {
		file, data string
		docs       int
	}{
		{"press.eml", testdocs.Email, 2},
		{"box.mbox", mbox, 3},
		{"story.md", "---\ntitle: Story\nwithdrawn: false\n---\nThe council met on Tuesday.\n", 1},
		{"plain.md", "# Story\n\nThe council met on Tuesday.\n", 1},
		{"rows.jsonl", `{"id":"a","text":"The council met on Tuesday."}` + "\n" + `{"id":"b","text":"The mayor spoke.","withdrawn":false}` + "\n", 2},
		{"story.txt", "Story\n\nThe council met on Tuesday.\n", 1},
		{"page.html", "<html><head><title>Story</title></head><body><article><p>The council met on Tuesday and approved the budget after a long debate.</p></article></body></html>", 1},
		{"memo.docx", string(testdocs.DOCX(t)), 1},
	}
	for _, tt := range tests {
		for _, name := range []string{tt.file + sidecarSuffix, strings.TrimSuffix(tt.file, filepath.Ext(tt.file)) + sidecarSuffix} {
			t.Run(name, func(t *testing.T) {
				fsys := withOther(fstest.MapFS{tt.file: {Data: []byte(tt.data)}, name: {Data: []byte(side)}})
				res, err := LoadFS(t.Context(), fsys, Options{})
				if err != nil {
					t.Fatal(err)
				}
				docs := docsOf(res, tt.file)
				if len(docs) != tt.docs {
					t.Fatalf("%d documents of %s, want %d (skipped %v)", len(docs), tt.file, tt.docs, res.Skipped)
				}
				for _, d := range docs {
					if !d.Withdrawn || d.Embargo.Year() != 2099 || d.Citable(time.Now()) {
						t.Errorf("%s: withdrawn %v, embargo %s: the sidecar was not applied", d.ID, d.Withdrawn, d.Embargo)
					}
				}
			})
		}
	}
}

// A sidecar that matches no document is reported by name; one that
// cannot be read or applied skips its document with the reason.
func TestSidecarNotAppliedIsReported(t *testing.T) {
	fsys := withOther(fstest.MapFS{
		"press.eml.meta.yaml":    {Data: []byte("withdrawn: true\n")}, // the email is pressroom.eml
		"pressroom.eml":          {Data: []byte(testdocs.Email)},
		"story.txt":              {Data: []byte("Story\n\nThe council met.\n")},
		"story.txt.META.YAML":    {Data: []byte("withdrawn: true\n")}, // its case: still this file's
		"memo.html":              {Data: []byte("<p>The memo says the plan is secret and must not run before Friday.</p>")},
		"memo.html.meta.yaml":    {Data: []byte("embargo: [2099]\n")},
		"brief.txt":              {Data: []byte("Brief\n\nThe brief.\n")},
		"brief.meta.yaml":        {Data: []byte("withdrawn: true\n")},
		"brief.txt.meta.yaml":    {Data: []byte("withdrawn: false\n")}, // both count: any withdrawal wins
		"missing.docx.meta.yaml": {Data: []byte("withdrawn: true\n")},
	})
	res, err := LoadFS(t.Context(), fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	skipped := map[string]string{}
	for _, s := range res.Skipped {
		skipped[s.Path] = s.Reason
	}
	for _, want := range []struct{ path, reason string }{
		{"press.eml.meta.yaml", "sidecar matches no document"},
		{"missing.docx.meta.yaml", "sidecar matches no document"},
		{"memo.html", "memo.html.meta.yaml: embargo: a list or mapping"},
	} {
		if !strings.Contains(skipped[want.path], want.reason) {
			t.Errorf("%s: skipped as %q, want %q (all: %v)", want.path, skipped[want.path], want.reason, res.Skipped)
		}
	}
	docs := byID(res)
	if docs["memo.html"] != nil {
		t.Error("memo.html loaded with a sidecar that could not be applied")
	}
	for _, id := range []string{"story.txt", "brief.txt"} {
		if d := docs[id]; d == nil || !d.Withdrawn {
			t.Errorf("%s: not withdrawn by its sidecar", id)
		}
	}
	if d := docs["pressroom.eml"]; d == nil || d.Withdrawn {
		t.Error("pressroom.eml: another file's sidecar was applied")
	}
}

// Metadata keys are read in any case; "retracted" is a withdrawal; a key
// that looks like a control but is not one, or an unreadable value,
// skips the document (fail closed); an unknown key is a warning naming
// the file and the key, in front matter and sidecars alike.
func TestMetadataKeys(t *testing.T) {
	tests := []struct {
		line      string
		withdrawn bool
		embargoed bool
		skipped   string // a reason the document is skipped with
		warning   string // a warning the document loads with
	}{
		{line: "Embargo: 2099-01-01T00:00:00Z", embargoed: true},
		{line: "EMBARGO: 2099-01-01", embargoed: true},
		{line: "embargo-until: 2099-01-01", embargoed: true},
		{line: "Withdrawn: true", withdrawn: true},
		{line: "WITHDRAWN: on", withdrawn: true},
		{line: "retracted: true", withdrawn: true},
		{line: "Retracted: yes", withdrawn: true},
		{line: "retracted: false"},
		{line: "retracted: maybe", skipped: `retracted: "maybe" is neither true nor false`},
		{line: "killed: true", skipped: `key "killed" looks like an embargo or withdrawal`},
		{line: "Embargoed: true", skipped: `key "Embargoed" looks like an embargo or withdrawal`},
		{line: "embargo_date: 2099-01-01", skipped: `key "embargo_date" looks like an embargo or withdrawal`},
		{line: "Withdrawal: true", skipped: `key "Withdrawal" looks like an embargo or withdrawal`},
		{line: "withdrawn: [true]", skipped: "withdrawn: a list or mapping"},
		{line: "embargo: soon", skipped: `embargo "soon" is not a time`},
		{line: "colour: blue", warning: `unknown key "colour" ignored`},
		{line: "Skills: reporting", warning: `unknown key "Skills" ignored`},
	}
	for _, format := range []string{"front matter", "sidecar"} {
		for _, tt := range tests {
			t.Run(format+"/"+tt.line, func(t *testing.T) {
				fsys, file := metadataFS(format, tt.line, "")
				res, err := LoadFS(t.Context(), fsys, Options{})
				if err != nil {
					t.Fatal(err)
				}
				var reasons, warnings []string
				for _, s := range res.Skipped {
					if s.Path != file {
						t.Errorf("reported %s, want %s", s, file)
					}
					if s.Warning {
						warnings = append(warnings, s.Reason)
					} else {
						reasons = append(reasons, s.Reason)
					}
				}
				d := byID(res)[file]
				if tt.skipped != "" {
					if d != nil || len(reasons) != 1 || !strings.Contains(reasons[0], tt.skipped) {
						t.Fatalf("loaded %v, skipped %q, want skipped with %q", d != nil, reasons, tt.skipped)
					}
					return
				}
				if d == nil {
					t.Fatalf("not loaded: %q", reasons)
				}
				if d.Withdrawn != tt.withdrawn || !d.Embargo.IsZero() != tt.embargoed {
					t.Errorf("withdrawn %v, embargo %s; want withdrawn %v, embargoed %v", d.Withdrawn, d.Embargo, tt.withdrawn, tt.embargoed)
				}
				if tt.warning == "" && len(warnings) > 0 || tt.warning != "" && (len(warnings) != 1 || !strings.Contains(warnings[0], tt.warning)) {
					t.Errorf("warnings %q, want %q", warnings, tt.warning)
				}
			})
		}
	}
}

// A JSONL row reads its access keys as front matter does.
func TestJSONLAccessKeys(t *testing.T) {
	tests := []struct {
		field     string
		withdrawn bool
		skipped   string
	}{
		{field: `"Withdrawn":"on"`, withdrawn: true},
		{field: `"retracted":true`, withdrawn: true},
		{field: `"killed":true`, skipped: `key "killed" looks like an embargo`},
		{field: `"category":"news"`},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			fsys, _ := metadataFS("jsonl", "", tt.field)
			res, err := LoadFS(t.Context(), fsys, Options{})
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(res.Documents, func(d *Document) bool { return strings.HasPrefix(d.Path, "archive.jsonl") })
			if tt.skipped != "" {
				if i >= 0 || len(res.Skipped) != 1 || !strings.Contains(res.Skipped[0].Reason, tt.skipped) {
					t.Fatalf("skipped %v, want %q", res.Skipped, tt.skipped)
				}
				return
			}
			if i < 0 || res.Documents[i].Withdrawn != tt.withdrawn {
				t.Fatalf("documents %v, skipped %v; want loaded, withdrawn %v", res.Documents, res.Skipped, tt.withdrawn)
			}
		})
	}
}

// Loading one named file applies its sidecar too.
func TestLoadFileAppliesSidecar(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "press.eml"), testdocs.Email)
	write(t, filepath.Join(dir, "press.meta.yaml"), "withdrawn: true\n")
	d, err := LoadFile(t.Context(), filepath.Join(dir, "press.eml"), Options{})
	if err != nil || !d.Withdrawn {
		t.Fatalf("LoadFile: %v, withdrawn %v", err, d != nil && d.Withdrawn)
	}
	if _, err := os.Stat(filepath.Join(dir, "press.meta.yaml")); err != nil {
		t.Fatal(err)
	}
}

// Under watch (NewFileGrace with Previous), a new document without a
// sidecar is held back until it has been there for the grace, so that a
// sidecar arriving just after it is applied before it is ever cited; a
// new document with its sidecar, an old one, an edited one, and any
// document of a first load are not held.
func TestNewFileWaitsForItsSidecar(t *testing.T) {
	now, hourAgo := time.Now(), time.Now().Add(-time.Hour)
	fsys := fstest.MapFS{"old.txt": {Data: []byte("Old\n\nAn old story.\n"), ModTime: hourAgo}}
	first, err := LoadFS(t.Context(), fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	fsys["old.txt"] = &fstest.MapFile{Data: []byte("Old\n\nAn old story, edited.\n"), ModTime: now}
	fsys["story.txt"] = &fstest.MapFile{Data: []byte("Story\n\nA story arriving before its embargo.\n"), ModTime: now}
	fsys["sided.txt"] = &fstest.MapFile{Data: []byte("Sided\n\nA story with its sidecar.\n"), ModTime: now}
	fsys["sided.txt.meta.yaml"] = &fstest.MapFile{Data: []byte("embargo: 2099-01-01\n"), ModTime: now}
	fsys["copied.txt"] = &fstest.MapFile{Data: []byte("Copied\n\nA story that changed an hour ago.\n"), ModTime: hourAgo}
	opts := Options{Previous: first, NewFileGrace: time.Minute}
	second, err := LoadFS(t.Context(), fsys, opts)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(second.Held, ","); got != "story.txt" {
		t.Errorf("held %q, want story.txt", got)
	}
	docs := byID(second)
	for _, id := range []string{"old.txt", "sided.txt", "copied.txt"} {
		if docs[id] == nil {
			t.Errorf("%s held back", id)
		}
	}
	if docs["story.txt"] != nil || len(second.Skipped) > 0 {
		t.Errorf("story.txt loaded during its grace (skipped %v)", second.Skipped)
	}
	// Its sidecar arrives: the next load applies it.
	fsys["story.txt.meta.yaml"] = &fstest.MapFile{Data: []byte("embargo: 2099-01-01\n"), ModTime: now}
	third, err := LoadFS(t.Context(), fsys, Options{Previous: second, NewFileGrace: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if d := byID(third)["story.txt"]; d == nil || d.Citable(now) {
		t.Errorf("story.txt after its sidecar: %+v", d)
	}
	// Without a sidecar, it loads once the grace has passed.
	delete(fsys, "story.txt.meta.yaml")
	if later, err := LoadFS(t.Context(), fsys, Options{Previous: second, NewFileGrace: time.Nanosecond}); err != nil || byID(later)["story.txt"] == nil {
		t.Errorf("story.txt not loaded after its grace: %v", err)
	}
	// A first load holds nothing.
	if all, err := LoadFS(t.Context(), fsys, Options{NewFileGrace: time.Minute}); err != nil || byID(all)["story.txt"] == nil {
		t.Errorf("a first load held story.txt: %v", err)
	}
}
