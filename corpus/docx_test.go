package corpus

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
)

// zipDOCX packs the given parts (name → content) into a Word file.
func zipDOCX(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "word/document.xml", "word/footnotes.xml", "docProps/core.xml"} {
		body, ok := parts[name]
		if !ok {
			continue
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

// nestedDOCX is the red-team file: a document.xml of "<a>" nested n times
// (11 million of them, 33 MB, zip to 33 KB).
func nestedDOCX(t testing.TB, n int) []byte {
	return zipDOCX(t, map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types/>`,
		"word/document.xml":   `<?xml version="1.0"?><w:document ` + wordNS + `><w:body>` + strings.Repeat("<a>", n),
	})
}

func TestDOCXLimits(t *testing.T) {
	t.Run("nesting depth", func(t *testing.T) {
		_, err := parseDOCX(nestedDOCX(t, 300))
		if err == nil || !strings.Contains(err.Error(), "document.xml nests deeper than 256 levels") {
			t.Errorf("err = %v, want the nesting limit", err)
		}
		// 256 levels in all (document, body, …) is still a document.
		ok := zipDOCX(t, map[string]string{"word/document.xml": `<w:document ` + wordNS + `><w:body>` + strings.Repeat("<a>", 251) +
			`<w:p><w:r><w:t>Deep but fine.</w:t></w:r></w:p>` + strings.Repeat("</a>", 251) + `</w:body></w:document>`})
		if d, err := parseDOCX(ok); err != nil || d.Text != "Deep but fine." {
			t.Errorf("a document 256 levels deep: %v", err)
		}
	})
	t.Run("uncompressed size", func(t *testing.T) {
		// 33 MiB of empty paragraphs: a zip bomb of a few dozen KB.
		bomb := zipDOCX(t, map[string]string{"word/document.xml": `<w:document ` + wordNS + `><w:body>` +
			strings.Repeat("<w:p></w:p>", 33<<20/11) + `</w:body></w:document>`})
		_, err := parseDOCX(bomb)
		if err == nil || !strings.Contains(err.Error(), "word/document.xml larger than 32 MiB uncompressed") {
			t.Errorf("err = %v, want the size limit", err)
		}
	})
	t.Run("element count", func(t *testing.T) {
		defer func(n int) { docxMaxElements = n }(docxMaxElements)
		docxMaxElements = 1000
		many := zipDOCX(t, map[string]string{"word/document.xml": `<w:document ` + wordNS + `><w:body>` +
			strings.Repeat("<w:p><w:r><w:t>x</w:t></w:r></w:p>", 400) + `</w:body></w:document>`})
		_, err := parseDOCX(many)
		if err == nil || !strings.Contains(err.Error(), "document.xml has more than 1000 elements") {
			t.Errorf("err = %v, want the element limit", err)
		}
	})
}

// BenchmarkDocxNested parses the red-team file: "<a>" nested 11 million
// times (33 KB zipped). Before the depth limit: 20–28 s and over 1 GB per
// file; with it, it is refused at once.
//
//	go test ./corpus -run '^$' -bench DocxNested -benchmem
func BenchmarkDocxNested(b *testing.B) {
	data := nestedDOCX(b, 11_000_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseDOCX(data); err == nil {
			b.Fatal("the nested file loaded")
		}
	}
}
