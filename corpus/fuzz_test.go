package corpus

import (
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/newsroom/askbot/internal/testutil/testdocs"
)

// FuzzLoad feeds any bytes to each loader (text, Markdown, HTML, a JSONL
// archive, Word, email): loading never panics, and every document it keeps has valid
// UTF-8 text with its paragraphs in order inside it. Seeds: f.Add below and
// testdata/fuzz/FuzzLoad.
func FuzzLoad(f *testing.F) {
	f.Add(uint8(0), []byte("Title\n\nBy Jane Doe, The Paper —\nFirst paragraph.\n\nSecond one."))
	f.Add(uint8(1), []byte("---\ntitle: T\npublished: 2023-10-07\n---\n# Heading\n\nBody text here."))
	f.Add(uint8(2), []byte("<html><head><title>T</title></head><body><article><p>One.</p><p>Two.</p></article></body></html>"))
	f.Add(uint8(3), []byte(`{"id":"a","title":"T","text":"Body."}`+"\n{oops\n"+`{"id":"a","text":"dup"}`))
	f.Add(uint8(4), testdocs.DOCX(f))
	f.Add(uint8(5), []byte(testdocs.Email))
	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		name := []string{"doc.txt", "doc.md", "doc.html", "doc.jsonl", "doc.docx", "doc.eml"}[kind%6]
		res, err := LoadFS(t.Context(), fstest.MapFS{name: {Data: data}}, Options{MaxFileBytes: 1 << 20})
		if err != nil {
			return
		}
		for _, d := range res.Documents {
			if !utf8.ValidString(d.Text) {
				t.Fatalf("document %q has invalid UTF-8 text", d.ID)
			}
			last := 0
			for _, p := range d.Paragraphs {
				if p.Start < last || p.End < p.Start || p.End > len(d.Text) {
					t.Fatalf("paragraph %+v out of order or outside the %d-byte text", p, len(d.Text))
				}
				last = p.End
			}
		}
	})
}
