// Package testdocs makes small documents of the formats the corpus reads
// (PDF, Word, email), for tests: generated, so that no binary fixture is
// needed.
package testdocs

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// PDF returns a PDF with a page per element of pages, each showing its
// lines top to bottom in Helvetica; a page with no lines has no text layer.
func PDF(pages [][]string) string {
	objs := []string{"<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}
	var kids []string
	for _, lines := range pages {
		var stream strings.Builder
		if len(lines) > 0 {
			stream.WriteString("BT /F1 11 Tf 72 740 Td 14 TL")
			for _, l := range lines {
				fmt.Fprintf(&stream, " (%s) Tj T*", strings.NewReplacer("(", "\\(", ")", "\\)").Replace(l))
			}
			stream.WriteString(" ET")
		}
		objs = append(objs, fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", stream.Len(), stream.String()))
		content := len(objs)
		objs = append(objs, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R /Resources << /Font << /F1 3 0 R >> >> >>", content))
		kids = append(kids, fmt.Sprintf("%d 0 R", len(objs)))
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages))
	var b strings.Builder
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.String()
}

// DOCX builds a small Word file: a heading, paragraphs with a tracked
// insertion and deletion, a table, a footnote, and core properties.
func DOCX(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name, body string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	add("[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`)
	add("word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document `+ns+`><w:body>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Harbour budget memo</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">The council approved the harbour budget </w:t></w:r><w:ins><w:r><w:t>of 12 million euros</w:t></w:r></w:ins><w:del><w:r><w:delText>of 9 million euros</w:delText></w:r></w:del><w:r><w:t> on Monday.</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Item</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Cost</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>Dredging</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>4 million</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t>The mayor said the vote was close.</w:t></w:r></w:p>
</w:body></w:document>`)
	add("word/footnotes.xml", `<?xml version="1.0"?><w:footnotes `+ns+`><w:footnote w:id="1"><w:p><w:r><w:t>Figures from the council minutes.</w:t></w:r></w:p></w:footnote></w:footnotes>`)
	add("docProps/core.xml", `<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Harbour budget</dc:title><dc:creator>Jane Doe</dc:creator></cp:coreProperties>`)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Email is a multipart message: a quoted-printable text part with a quoted
// reply, an HTML alternative, and a base64 text attachment.
const Email = "From: Port Authority Press <press@port.example>\r\n" +
	"To: newsdesk@paper.example\r\n" +
	"Subject: =?UTF-8?Q?Harbour_reopens_=E2=80=94_statement?=\r\n" +
	"Date: Mon, 2 Oct 2023 09:30:00 +0200\r\n" +
	"MIME-Version: 1.0\r\n" +
	"Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n" +
	"--b1\r\nContent-Type: multipart/alternative; boundary=\"b2\"\r\n\r\n" +
	"--b2\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" +
	"The harbour reopens to shipping on Tuesday after the dredging work=\r\n ended.\r\n\r\n" +
	"Questions go to the press office.\r\n\r\n" +
	"On Sun, 1 Oct 2023, Jane Doe <jane@paper.example> wrote:\r\n> When does the harbour reopen?\r\n> Thanks\r\n" +
	"--b2\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>HTML version</p>\r\n--b2--\r\n" +
	"--b1\r\nContent-Type: text/plain; name=\"schedule.txt\"\r\nContent-Disposition: attachment; filename=\"schedule.txt\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
	"U2hpcHBpbmcgc2NoZWR1bGUKClRoZSBmaXJzdCBmZXJyeSBsZWF2ZXMgYXQgc2l4IGluIHRoZSBt\r\nb3JuaW5nLgo=\r\n--b1--\r\n"
