package corpus

import (
	"strings"
	"testing"
	"testing/fstest"
)

// Lines quoted with ">" are dropped from an email's text even where no
// "On … wrote:" line opens them: an inline reply keeps only the sender's
// own words, in order.
func TestEmailDropsQuotedLines(t *testing.T) {
	msg := "From: Port Authority Press <press@port.example>\r\nSubject: Re: Harbour hours\r\nDate: Mon, 2 Oct 2023 07:30:00 +0000\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n\r\n" +
		"> Can you confirm the harbour reopens on Tuesday?\r\n" +
		">And at what time?\r\n" +
		"\r\n" +
		"Yes: the harbour reopens on Tuesday at noon.\r\n" +
		"\r\n" +
		"  > > Is the ferry running too?\r\n" +
		"\r\n" +
		"The ferry resumes on Wednesday.\r\n"
	res, err := LoadFS(t.Context(), fstest.MapFS{"reply.eml": {Data: []byte(msg)}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Documents) != 1 {
		t.Fatalf("%d documents: %+v", len(res.Documents), res.Skipped)
	}
	text := res.Documents[0].Text
	for _, quoted := range []string{"Can you confirm", "at what time", "Is the ferry running", ">"} {
		if strings.Contains(text, quoted) {
			t.Errorf("quoted line kept (%q):\n%s", quoted, text)
		}
	}
	if i, j := strings.Index(text, "reopens on Tuesday at noon"), strings.Index(text, "ferry resumes on Wednesday"); i < 0 || j < i {
		t.Errorf("the sender's own lines are missing or out of order:\n%s", text)
	}
}
