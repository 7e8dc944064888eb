package corpus

import (
	"strings"
	"testing"
)

// TestBylineWithNote: a byline line with a note after the dash is the
// byline, not body text to be quoted.
func TestBylineWithNote(t *testing.T) {
	d, err := LoadFile(t.Context(), "testdata/files/briefing.txt", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Byline != "Jamie Cho" || d.Source != "The Millbrook Ledger" || d.Title != "Council delays vote on pool hours" {
		t.Errorf("byline %q, source %q, title %q", d.Byline, d.Source, d.Title)
	}
	if strings.Contains(d.Text, "notes from the briefing") || strings.Contains(d.Text, "By Jamie Cho") {
		t.Errorf("byline line in the body:\n%s", d.Text)
	}
	if got := d.Paragraph(1); !strings.HasPrefix(got, "The council put off a vote") {
		t.Errorf("paragraph 1 = %q", got)
	}
	// A sentence that starts with "By" and has a dash is not a byline.
	for _, body := range []string{
		"By noon — hours after the vote — the pools were closed.\n\nMore text follows here.",
		"By the end of the meeting, the council - tired and divided - had voted.\n\nMore text.",
	} {
		d, err := parseText([]byte(body))
		if err != nil || d.Byline != "" || !strings.Contains(d.Text, "By ") {
			t.Errorf("%q: byline %q, text %q, err %v", body, d.Byline, d.Text, err)
		}
	}
}
