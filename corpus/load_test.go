package corpus

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/newsroom/askbot/internal/testutil/testdocs"
)

func loadDir(t *testing.T, dir string) *Result {
	t.Helper()
	res, err := Load(t.Context(), dir, Options{})
	if err != nil {
		t.Fatalf("Load(%s): %v", dir, err)
	}
	return res
}

func byID(res *Result) map[string]*Document {
	m := map[string]*Document{}
	for _, d := range res.Documents {
		m[d.ID] = d
	}
	return m
}

func TestLoadFormats(t *testing.T) {
	res := loadDir(t, "testdata/good")
	docs := byID(res)
	tests := []struct {
		id, title, source, byline, published, url string
		firstPara                                 string
		paragraphs                                int
	}{
		{id: "plain.txt", title: "Council approves new budget", source: "The Riverside Gazette", byline: "Jane Roe",
			firstPara: "The city council approved the budget on Tuesday after a long debate.", paragraphs: 2},
		{id: "note.md", title: "Port strike ends", source: "Harbour Times", byline: "Sam Field", published: "2023-10-07",
			url: "https://example.org/port-strike", firstPara: "Dock workers returned to work on Monday.", paragraphs: 2},
		{id: "article.html", title: "Bridge reopens after repairs", source: "City Desk", byline: "Lee Park", published: "2023-11-02T09:00:00Z",
			firstPara: "The Elm Street bridge reopened to traffic on Thursday after eight months of repairs that cost the city 4.2 million dollars.", paragraphs: 3},
		{id: "arc-1", title: "Storm closes schools", source: "Weather Wire", published: "2023-12-01T08:00:00+00:00",
			url: "https://example.org/storm", firstPara: "Schools across the county closed on Friday as the storm arrived.", paragraphs: 2},
		{id: "arc-2", title: "Library extends hours", source: "Town Crier", firstPara: "The central library will open until 9 pm on weekdays.", paragraphs: 1},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			d := docs[tt.id]
			if d == nil {
				t.Fatalf("document %q not loaded; have %v", tt.id, keys(docs))
			}
			got := []string{d.Title, d.Source, d.Byline, d.Published, d.URL, d.Paragraph(1)}
			want := []string{tt.title, tt.source, tt.byline, tt.published, tt.url, tt.firstPara}
			for i, name := range []string{"title", "source", "byline", "published", "url", "paragraph 1"} {
				if got[i] != want[i] {
					t.Errorf("%s = %q, want %q", name, got[i], want[i])
				}
			}
			if len(d.Paragraphs) != tt.paragraphs {
				t.Errorf("%d paragraphs, want %d: %q", len(d.Paragraphs), tt.paragraphs, d.Text)
			}
		})
	}
	html := docs["article.html"]
	for _, junk := range []string{"Subscribe", "WATCHES", "Privacy"} {
		if html != nil && strings.Contains(html.Text, junk) {
			t.Errorf("HTML text keeps page furniture %q: %q", junk, html.Text)
		}
	}
	// The archive's malformed and empty lines are reported with their line numbers.
	wantSkips := map[string]bool{"archive.jsonl:2": false, "archive.jsonl:4": false}
	for _, s := range res.Skipped {
		key := fmt.Sprintf("%s:%d", s.Path, s.Line)
		if _, ok := wantSkips[key]; ok {
			wantSkips[key] = true
		} else {
			t.Errorf("unexpected skip %s", s)
		}
	}
	for k, seen := range wantSkips {
		if !seen {
			t.Errorf("no skip reported for %s; skipped: %v", k, res.Skipped)
		}
	}
}

func keys(m map[string]*Document) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestLoadReportsBrokenFilesAndKeepsTheRest(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "testdata/broken", dir)
	copyDir(t, "testdata/good", dir)
	res := loadDir(t, dir)
	if len(res.Documents) != 5 {
		t.Errorf("loaded %d documents, want the 5 good ones", len(res.Documents))
	}
	want := map[string]string{
		"binary.txt":  "binary",
		"latin1.txt":  "UTF-8",
		"empty.txt":   "empty",
		"report.docx": "not a Word file",
		"fake.pdf":    "not a PDF",
	}
	got := map[string]string{}
	for _, s := range res.Skipped {
		got[s.Path] = s.Reason
	}
	for path, reason := range want {
		if !strings.Contains(got[path], reason) {
			t.Errorf("skip reason for %s = %q, want it to mention %q", path, got[path], reason)
		}
	}
}

func TestLoadOversizeFile(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "big.txt"), strings.Repeat("word ", 100))
	write(t, filepath.Join(dir, "small.txt"), "Short and fine.")
	res, err := Load(t.Context(), dir, Options{MaxFileBytes: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Documents) != 1 || len(res.Skipped) != 1 || !strings.Contains(res.Skipped[0].Reason, "larger than") {
		t.Fatalf("documents %d, skipped %v", len(res.Documents), res.Skipped)
	}
}

func TestLoadNothingLoadable(t *testing.T) {
	_, err := Load(t.Context(), "testdata/broken", Options{})
	if !errors.Is(err, ErrNoDocuments) {
		t.Fatalf("err = %v, want ErrNoDocuments", err)
	}
	if !strings.Contains(err.Error(), "testdata/broken") {
		t.Errorf("error %q does not name the corpus", err)
	}
	if _, err := Load(t.Context(), "testdata/missing", Options{}); err == nil {
		t.Fatal("a missing corpus loaded")
	}
}

func TestLoadSingleFile(t *testing.T) {
	res := loadDir(t, "testdata/good/plain.txt")
	if len(res.Documents) != 1 || res.Documents[0].ID != "plain.txt" {
		t.Fatalf("got %+v", res.Documents)
	}
}

func TestBundledCorpus(t *testing.T) {
	res, err := LoadFS(context.Background(), Bundled(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Documents) == 0 || len(res.Skipped) > 0 {
		t.Fatalf("bundled corpus: %d documents, skipped %v", len(res.Documents), res.Skipped)
	}
	d := res.Documents[0]
	if d.Source != "Times of Israel" || d.Byline != "Times of Israel Staff" {
		t.Errorf("byline line not recognised: source %q byline %q", d.Source, d.Byline)
	}
	if strings.HasPrefix(d.Text, "By ") {
		t.Errorf("byline left in the body: %q", d.Text[:40])
	}
	if got := d.Paragraph(5); !strings.Contains(got, "Carter Page") {
		t.Errorf("paragraph 5 = %q", got)
	}
}

func TestParagraphAt(t *testing.T) {
	d := newDocument("one\n\ntwo two\n\nthree")
	for off, want := range map[int]int{0: 1, 2: 1, 3: 0, 5: 2, 12: 0, 14: 3, 100: 0} {
		if got := d.ParagraphAt(off); got != want {
			t.Errorf("ParagraphAt(%d) = %d, want %d", off, got, want)
		}
	}
}

func TestPDF(t *testing.T) {
	t.Run("in-process", func(t *testing.T) {
		t.Setenv("PATH", t.TempDir()) // no pdftotext: PDFium needs nothing installed
		var pages [][]string
		for n := 1; n <= 3; n++ {
			pages = append(pages, []string{
				"Harbour Report - Confidential",
				fmt.Sprintf("The harbour board met on day %d of the inquiry and heard the", n),
				"dredging contractor explain the delays to the work.",
				fmt.Sprintf("Witness %d said the budget was spent.", n),
				fmt.Sprintf("Page %d of 3", n),
			})
		}
		dir := t.TempDir()
		write(t, filepath.Join(dir, "report.pdf"), testdocs.PDF(pages))
		write(t, filepath.Join(dir, "scan.pdf"), testdocs.PDF([][]string{{}, {}}))
		res := loadDir(t, dir)
		if len(res.Documents) != 1 {
			t.Fatalf("documents %d, skipped %v", len(res.Documents), res.Skipped)
		}
		d := res.Documents[0]
		if !strings.Contains(d.Text, "The harbour board met on day 2 of the inquiry and heard the dredging contractor explain the delays to the work.") {
			t.Errorf("lines not joined into paragraphs:\n%s", d.Text)
		}
		if strings.Contains(d.Text, "Confidential") || strings.Contains(d.Text, "Page 2 of 3") {
			t.Errorf("running header or footer kept:\n%s", d.Text)
		}
		if len(d.Paragraphs) < 3 {
			t.Errorf("%d paragraphs, want at least one per page", len(d.Paragraphs))
		}
		if len(res.Skipped) != 1 || res.Skipped[0].Path != "scan.pdf" || !strings.Contains(res.Skipped[0].Reason, "scanned: no text layer") {
			t.Errorf("skipped %v, want scan.pdf as scanned", res.Skipped)
		}
	})
	t.Run("two pages, a sentence across them", func(t *testing.T) {
		dir := t.TempDir()
		write(t, filepath.Join(dir, "two.pdf"), testdocs.PDF([][]string{
			{"Harbour Inquiry - Interim Report", "Page 1", "The inquiry found that the contractor was paid twice for the"},
			{"Harbour Inquiry - Interim Report", "Page 2", "same stretch of channel in the spring of 2023 (Section 1.)", "Witnesses said the engineer's post was vacant."},
		}))
		d := loadDir(t, dir).Documents[0]
		if strings.Contains(d.Text, "Interim Report") || strings.Contains(d.Text, "Page 2") {
			t.Errorf("header or page number kept in a two-page PDF:\n%s", d.Text)
		}
		if !strings.Contains(d.Text, "paid twice for the same stretch of channel") {
			t.Errorf("a sentence across a page break was split:\n%s", d.Text)
		}
	})
	t.Run("pdftotext", func(t *testing.T) {
		tool, err := exec.LookPath("pdftotext")
		if err != nil {
			t.Skip("pdftotext not installed (apt-get install poppler-utils)")
		}
		res, err := LoadFS(t.Context(), fstest.MapFS{"doc.pdf": {Data: []byte(minimalPDF("The harbour reopened on Monday."))}}, Options{PDFToText: tool})
		if err != nil || len(res.Documents) != 1 || !strings.Contains(res.Documents[0].Text, "The harbour reopened on Monday.") {
			t.Fatalf("err %v, documents %+v", err, res)
		}
	})
}

// minimalPDF returns a one-page PDF showing text.
func minimalPDF(text string) string { return testdocs.PDF([][]string{{text}}) }

func write(t testing.TB, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyDir(t testing.TB, from, to string) {
	t.Helper()
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		raw, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestDiff(t *testing.T) {
	a, b, c := newDocument("one"), newDocument("two"), newDocument("three")
	a.ID, b.ID, c.ID = "a", "b", "c"
	b2 := newDocument("two, changed")
	b2.ID = "b"
	d := newDocument("four")
	d.ID = "d"
	got := Diff([]*Document{a, b, c}, []*Document{a, b2, d})
	if fmt.Sprint(got.Added, got.Changed, got.Removed) != "[d] [b] [c]" {
		t.Errorf("Diff = %+v", got)
	}
}

func TestFingerprint(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.txt"), "Alpha text.")
	first, err := Fingerprint(dir)
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := Fingerprint(dir); again != first {
		t.Error("fingerprint of an unchanged corpus changed")
	}
	write(t, filepath.Join(dir, "a.txt"), "Alpha text, rewritten.")
	changed, _ := Fingerprint(dir)
	write(t, filepath.Join(dir, "b.txt"), "Beta.")
	added, _ := Fingerprint(dir)
	if changed == first || added == changed {
		t.Error("fingerprint missed a rewrite or an addition")
	}
	if _, err := Fingerprint(filepath.Join(dir, "missing")); err == nil {
		t.Error("a missing corpus has a fingerprint")
	}
	a, _ := FingerprintFS(Bundled())
	b, _ := FingerprintFS(Bundled())
	if a == "" || a != b {
		t.Errorf("bundled fingerprint %q %q", a, b)
	}
}
