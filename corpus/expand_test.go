package corpus

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// paragraphsXML is a Word part of about size bytes of paragraphs.
func paragraphsXML(root string, size int) string {
	const p = `<w:p><w:r><w:t>The council met on Tuesday and approved the harbour budget.</w:t></w:r></w:p>`
	return `<w:` + root + ` ` + wordNS + `><w:body>` + strings.Repeat(p, size/len(p)+1) + `</w:body></w:` + root + `>`
}

// twoPartDOCX is the red-team shape at a small scale: a Word file whose
// document.xml and footnotes.xml are each part bytes, each under the
// per-part limit, compressing to a few KB.
func twoPartDOCX(t testing.TB, part int) []byte {
	return zipDOCX(t, map[string]string{"word/document.xml": paragraphsXML("document", part), "word/footnotes.xml": paragraphsXML("footnotes", part)})
}

// emailWith is a message with the given files attached (base64).
func emailWith(files ...[]byte) string {
	var b strings.Builder
	b.WriteString("From: Press <press@example.org>\r\nSubject: Release\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nThe release is attached.\r\n")
	for i, f := range files {
		fmt.Fprintf(&b, "--B\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"r%d.docx\"\r\nContent-Transfer-Encoding: base64\r\n\r\n%s\r\n", i+1, base64.StdEncoding.EncodeToString(f))
	}
	b.WriteString("--B--\r\n")
	return b.String()
}

// What one file expands to is bounded, all its parts and attachments
// together: a Word file whose two parts are each under the per-part limit
// but over the file's budget together is refused, an email's attachments
// share the budget (the message stays), and an mbox's messages share one.
func TestExpansionBoundedPerFile(t *testing.T) {
	const budget = 1 << 20
	opts := Options{MaxExpandedBytes: budget}
	over := twoPartDOCX(t, 600<<10) // 1.2 MiB expanded
	under := twoPartDOCX(t, 400<<10)
	if len(over) > 64<<10 {
		t.Fatalf("the crafted file is %d bytes, want a small one", len(over))
	}
	const reason = "expands past 1 MiB uncompressed (all its parts and attachments together)"
	tests := []struct {
		name, file, data string
		docs             int    // documents loaded from the file
		skipped          string // the file's skip reason, if skipped
		warnings         int    // attachments skipped over the budget
	}{
		{name: "docx over", file: "bomb.docx", data: string(over), skipped: reason},
		{name: "docx under", file: "fine.docx", data: string(under), docs: 1},
		{name: "email of four", file: "bomb.eml", data: emailWith(under, under, under, under), docs: 1 + 1, warnings: 3},
		{name: "email of one over", file: "one.eml", data: emailWith(over), docs: 1, warnings: 1},
		{name: "mbox", file: "box.mbox", data: "From a\n" + strings.ReplaceAll(emailWith(under), "\r\n", "\n") + "From b\n" + strings.ReplaceAll(emailWith(under), "\r\n", "\n") +
			"From c\n" + strings.ReplaceAll(emailWith(under), "\r\n", "\n"), docs: 3 + 1, warnings: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := LoadFS(t.Context(), withOther(fstest.MapFS{tt.file: {Data: []byte(tt.data)}}), opts)
			if err != nil {
				t.Fatal(err)
			}
			docs := docsOf(res, tt.file)
			text := 0
			for _, d := range docs {
				text += len(d.Text)
			}
			if len(docs) != tt.docs || text > budget {
				t.Errorf("%d documents of %d bytes, want %d within %d bytes (skipped %v)", len(docs), text, tt.docs, budget, res.Skipped)
			}
			var skipped, warnings []string
			for _, s := range res.Skipped {
				if s.Warning {
					warnings = append(warnings, s.Reason)
				} else {
					skipped = append(skipped, s.Reason)
				}
			}
			if tt.skipped != "" && (len(skipped) != 1 || !strings.Contains(skipped[0], tt.skipped)) {
				t.Errorf("skipped %q, want %q", skipped, tt.skipped)
			}
			if len(warnings) != tt.warnings {
				t.Errorf("warnings %q, want %d", warnings, tt.warnings)
			}
			for _, w := range warnings {
				if !strings.Contains(w, reason) {
					t.Errorf("warning %q, want the reason %q", w, reason)
				}
			}
		})
	}
	if (Options{}).maxExpanded() != 32<<20 {
		t.Errorf("default budget %d, want 32 MiB", Options{}.maxExpanded())
	}
}
