package corpus

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestEmailBoilerplate reads a press release as a mail client sends it
// (testdata/files/release.eml): the greeting, the end mark ("###") and
// what follows it, the confidentiality notice and the signature are not
// the message's text.
func TestEmailBoilerplate(t *testing.T) {
	d, err := LoadFile(t.Context(), "testdata/files/release.eml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, junk := range []string{"Hi all", "please see the release below", "###", "Media contact", "CONFIDENTIALITY", "intended recipient", "Chair, Millbrook Water Board", "555-0140"} {
		if strings.Contains(d.Text, junk) {
			t.Errorf("boilerplate %q in the text:\n%s", junk, d.Text)
		}
	}
	if !strings.Contains(d.Text, "board chair Dana Whitfield said.") || !strings.Contains(d.Text, "approved 1.2 million dollars") {
		t.Errorf("release text lost:\n%s", d.Text)
	}
	// A disclaimer in its own paragraph and a signature without "-- ", in the middle of a thread.
	msg := "From: a@example.org\r\nSubject: Notice\r\n\r\nThe pool opens on Monday.\r\n\r\n" +
		"This email and any files transmitted with it are confidential and intended solely for the use of the addressee.\r\n\r\n" +
		"The fee stays at two dollars.\r\n"
	res, err := LoadFS(t.Context(), fstest.MapFS{"n.eml": {Data: []byte(msg)}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Documents[0].Text; got != "The pool opens on Monday.\n\nThe fee stays at two dollars." {
		t.Errorf("text = %q", got)
	}
}

// TestEmailInlineQuotes: an answer written between the quoted lines of the
// message it answers keeps the answer and drops every "> " line, with no
// "On … wrote:" line to cut at.
func TestEmailInlineQuotes(t *testing.T) {
	msg := "From: Sam Field <sam@ledger.example>\r\nSubject: Re: pool fees\r\n\r\n" +
		"> Will the fee go up next year?\r\n\r\nNo, it stays at two dollars.\r\n\r\n" +
		">> And the opening hours?\r\n> Same as this year?\r\n\r\nYes, 9 to 6.\r\n"
	res, err := LoadFS(t.Context(), fstest.MapFS{"r.eml": {Data: []byte(msg)}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := res.Documents[0]
	if len(d.Paragraphs) != 2 || d.Paragraph(1) != "No, it stays at two dollars." || d.Paragraph(2) != "Yes, 9 to 6." {
		t.Errorf("paragraphs of %q", d.Text)
	}
}
