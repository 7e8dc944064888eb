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
		_, err := parseDOCX(nestedDOCX(t, 300), nil)
		if err == nil || !strings.Contains(err.Error(), "document.xml nests deeper than 256 levels") {
			t.Errorf("err = %v, want the nesting limit", err)
		}
		// 256 levels in all (document, body, …) is still a document.
		ok := zipDOCX(t, map[string]string{"word/document.xml": `<w:document ` + wordNS + `><w:body>` + strings.Repeat("<a>", 251) +
			`<w:p><w:r><w:t>Deep but fine.</w:t></w:r></w:p>` + strings.Repeat("</a>", 251) + `</w:body></w:document>`})
		if d, err := parseDOCX(ok, nil); err != nil || d.Text != "Deep but fine." {
			t.Errorf("a document 256 levels deep: %v", err)
		}
	})
	t.Run("uncompressed size", func(t *testing.T) {
		// 33 MiB of empty paragraphs: a zip bomb of a few dozen KB.
		bomb := zipDOCX(t, map[string]string{"word/document.xml": `<w:document ` + wordNS + `><w:body>` +
			strings.Repeat("<w:p></w:p>", 33<<20/11) + `</w:body></w:document>`})
		_, err := parseDOCX(bomb, nil)
		if err == nil || !strings.Contains(err.Error(), "word/document.xml larger than 32 MiB uncompressed") {
			t.Errorf("err = %v, want the size limit", err)
		}
	})
	t.Run("element count", func(t *testing.T) {
		defer func(n int) { docxMaxElements = n }(docxMaxElements)
		docxMaxElements = 1000
		many := zipDOCX(t, map[string]string{"word/document.xml": `<w:document ` + wordNS + `><w:body>` +
			strings.Repeat("<w:p><w:r><w:t>x</w:t></w:r></w:p>", 400) + `</w:body></w:document>`})
		_, err := parseDOCX(many, nil)
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
		if _, err := parseDOCX(data, nil); err == nil {
			b.Fatal("the nested file loaded")
		}
	}
}

// TestDOCXFromPandoc reads Word files written by pandoc (testdata/files/src
// has their sources): the title block is metadata, not body; a table row
// carries its header cells; the file's creation time is no publication date.
func TestDOCXFromPandoc(t *testing.T) {
	d, err := LoadFile(t.Context(), "testdata/files/parks-budget.docx", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Parks budget cut for second year: Council trims recreation spending" || d.Byline != "Jamie Cho" || d.Published != "2026-10-08" {
		t.Errorf("title %q, byline %q, published %q", d.Title, d.Byline, d.Published)
	}
	if got := d.Paragraph(1); got != "The council voted 5-2 on Tuesday to cut the parks budget for a second year." {
		t.Errorf("paragraph 1 = %q, want the first body paragraph (the title block is metadata)", got)
	}
	for _, junk := range []string{"Jamie Cho", "October 8, 2026", "Council trims"} {
		if strings.Contains(d.Text, junk) {
			t.Errorf("title block %q in the body:\n%s", junk, d.Text)
		}
	}
	if got := d.Paragraph(2); got != "Department: Parks and Recreation; 2024: $3.4 million; 2023: $3.1 million" {
		t.Errorf("table row = %q, want it named by the header row", got)
	}
	if got := d.Paragraph(3); got != "Department: Libraries; 2024: $2.2 million; 2023: $2.0 million" {
		t.Errorf("table row = %q", got)
	}
	if strings.Contains(d.Text, "Department | 2024") || strings.Contains(d.Text, "Department 2024") {
		t.Errorf("header row repeated on its own:\n%s", d.Text)
	}
	// pandoc stamps the time it ran as the creation time: not a publication date.
	d, err = LoadFile(t.Context(), "testdata/files/pool-hours.docx", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Published != "" || d.Title != "Pool hours" || d.Byline != "Sam Field" {
		t.Errorf("published %q (the creation time?), title %q, byline %q", d.Published, d.Title, d.Byline)
	}
}

func TestDOCXTables(t *testing.T) {
	row := func(cells ...string) string {
		var b strings.Builder
		b.WriteString("<w:tr>")
		for _, c := range cells {
			b.WriteString("<w:tc><w:p><w:r><w:t>" + c + "</w:t></w:r></w:p></w:tc>")
		}
		return b.String() + "</w:tr>"
	}
	doc := func(tables ...string) []byte {
		return zipDOCX(t, map[string]string{"word/document.xml": `<w:document ` + wordNS + `><w:body>` + strings.Join(tables, "") + `</w:body></w:document>`})
	}
	for _, tt := range []struct {
		name, table string
		want        []string
	}{
		{"marked header row", `<w:tbl>` + strings.Replace(row("Name", "Role"), "<w:tr>", `<w:tr><w:trPr><w:tblHeader/></w:trPr>`, 1) + row("Ana Ruiz", "Chair") + `</w:tbl>`,
			[]string{"Name: Ana Ruiz; Role: Chair"}},
		{"look without a first row", `<w:tbl><w:tblPr><w:tblLook w:val="0400" w:firstRow="0"/></w:tblPr>` + row("Name", "Ana Ruiz") + row("Role", "Chair") + `</w:tbl>`,
			[]string{"Name | Ana Ruiz", "Role | Chair"}},
		{"older look value", `<w:tbl><w:tblPr><w:tblLook w:val="0400"/></w:tblPr>` + row("Name", "Ana Ruiz") + row("Role", "Chair") + `</w:tbl>`,
			[]string{"Name | Ana Ruiz", "Role | Chair"}},
		{"empty cell", `<w:tbl>` + row("Item", "Cost", "Note") + row("Dredging", "4 million", "") + `</w:tbl>`,
			[]string{"Item: Dredging; Cost: 4 million"}},
		{"one row", `<w:tbl>` + row("Total", "7 million") + `</w:tbl>`, []string{"Total | 7 million"}},
	} {
		d, err := parseDOCX(doc(tt.table), nil)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := strings.Split(d.Text, "\n\n"); strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%s: rows %q, want %q", tt.name, got, tt.want)
		}
	}
}
