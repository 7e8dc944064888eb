package corpus

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
	"testing/fstest"
)

// makeDOCX builds a small Word file: a heading, paragraphs with a tracked
// insertion and deletion, a table, a footnote, and core properties.
func makeDOCX(t testing.TB) []byte {
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

func TestDOCX(t *testing.T) {
	res, err := LoadFS(t.Context(), fstest.MapFS{"memo.docx": {Data: makeDOCX(t)}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := res.Documents[0]
	if d.Title != "Harbour budget" || d.Byline != "Jane Doe" {
		t.Errorf("title %q, byline %q", d.Title, d.Byline)
	}
	for _, want := range []string{
		"The council approved the harbour budget of 12 million euros on Monday.",
		"Item | Cost", "Dredging | 4 million", "The mayor said the vote was close.", "Figures from the council minutes.",
	} {
		if !strings.Contains(d.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, d.Text)
		}
	}
	if strings.Contains(d.Text, "9 million") {
		t.Error("deleted text (a tracked deletion) is in the document")
	}
	// Paragraphs are byte ranges of the text, one per Word paragraph or row.
	if got := d.Paragraph(2); got != "The council approved the harbour budget of 12 million euros on Monday." {
		t.Errorf("paragraph 2 = %q", got)
	}
	if _, err := LoadFS(t.Context(), fstest.MapFS{"bad.docx": {Data: []byte("PK not really a zip")}}, Options{}); err == nil {
		t.Error("a broken docx loaded")
	}
}

const testEmail = "From: Port Authority Press <press@port.example>\r\n" +
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

func TestEmail(t *testing.T) {
	res, err := LoadFS(t.Context(), fstest.MapFS{"tip.eml": {Data: []byte(testEmail)}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Documents) != 2 {
		t.Fatalf("%d documents, want the message and its attachment: %+v", len(res.Documents), res.Skipped)
	}
	m, a := res.Documents[0], res.Documents[1]
	if m.Title != "Harbour reopens — statement" || m.Source != "Port Authority Press" || m.Published != "2023-10-02T07:30:00Z" {
		t.Errorf("message metadata: %q %q %q", m.Title, m.Source, m.Published)
	}
	if !strings.Contains(m.Text, "reopens to shipping on Tuesday after the dredging work ended.") {
		t.Errorf("text:\n%s", m.Text)
	}
	if strings.Contains(m.Text, "When does the harbour reopen") || strings.Contains(m.Text, "wrote:") || strings.Contains(m.Text, "HTML version") {
		t.Errorf("quoted reply or the HTML alternative in the text:\n%s", m.Text)
	}
	if a.ID != "tip.eml#schedule.txt" || !strings.Contains(a.Text, "The first ferry leaves at six in the morning.") || !strings.Contains(a.Title, "Harbour reopens") {
		t.Errorf("attachment %q %q:\n%s", a.ID, a.Title, a.Text)
	}
	mbox := "From press@port.example Mon Oct  2 09:30:00 2023\n" + strings.ReplaceAll(testEmail, "\r\n", "\n") +
		"\nFrom other@example.org Tue Oct  3 10:00:00 2023\nFrom: Other <other@example.org>\nSubject: Second\n\nA second message body.\n"
	res, err = LoadFS(t.Context(), fstest.MapFS{"box.mbox": {Data: []byte(mbox)}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, d := range res.Documents {
		titles = append(titles, d.ID+"="+d.Title)
	}
	if got := strings.Join(titles, "; "); !strings.Contains(got, "box.mbox#1=Harbour reopens") || !strings.Contains(got, "box.mbox#2=Second") {
		t.Errorf("mbox documents: %s", got)
	}
}
