package corpus

import (
	"os/exec"
	"strings"
	"testing"
)

// TestPDFFromEnscript reads a text file printed by enscript and ghostscript
// (testdata/files/src/make.sh): its running header, whose page number
// changes, is dropped on every page and never glued into a paragraph; its
// blank-line paragraph breaks are kept; and its metadata title, "Enscript
// Output", gives way to the first line.
func TestPDFFromEnscript(t *testing.T) {
	check := func(t *testing.T, d *Document, breaks bool) {
		t.Helper()
		if d.Title != "Millbrook water report" {
			t.Errorf("title %q, want the first line (the metadata names the program)", d.Title)
		}
		for _, junk := range []string{"water-report.txt", "07:30:28", "Enscript"} {
			if strings.Contains(d.Text, junk) {
				t.Errorf("running header %q in the text:\n%s", junk, d.Text)
			}
		}
		if !strings.Contains(d.Text, "Residents of the Hillcrest neighbourhood had complained of discoloured water in September.") {
			t.Errorf("lines not joined:\n%s", d.Text)
		}
		if !breaks {
			return
		}
		for _, want := range []string{
			"The Millbrook water board met on Thursday to review the summer’s test results from the three reservoirs that supply the town.",
			"Lead levels at the Eastside reservoir were below the federal action level in every sample taken since June, the board’s engineer said.",
			"The next meeting is set for January 14.",
		} {
			found := false
			for i := range d.Paragraphs {
				found = found || d.Paragraph(i+1) == want
			}
			if !found {
				t.Errorf("no paragraph %q:\n%s", want, d.Text)
			}
		}
		if len(d.Paragraphs) != 7 {
			t.Errorf("%d paragraphs, want the 7 of the typed file:\n%s", len(d.Paragraphs), d.Text)
		}
	}
	t.Run("in-process", func(t *testing.T) {
		d, err := LoadFile(t.Context(), "testdata/files/water-report.pdf", Options{})
		if err != nil {
			t.Fatal(err)
		}
		check(t, d, true)
	})
	t.Run("pdftotext", func(t *testing.T) {
		tool, err := exec.LookPath("pdftotext")
		if err != nil {
			t.Skip("pdftotext not installed (apt-get install poppler-utils)")
		}
		d, err := LoadFile(t.Context(), "testdata/files/water-report.pdf", Options{PDFToText: tool})
		if err != nil {
			t.Fatal(err)
		}
		// pdftotext writes no blank line between the typed paragraphs.
		check(t, d, false)
	})
}

func TestRunningHeaderWithNumbers(t *testing.T) {
	var pages []string
	for n := 1; n <= 3; n++ {
		pages = append(pages, strings.Join([]string{
			"water-report.txt Sat Dec 05 07:30:28 2026 " + string(rune('0'+n)),
			[]string{"The board met on the first day of the inquiry and heard the", "The second day of hearings was given to the", "On the last day the inquiry heard the"}[n-1],
			[]string{"contractor explain the delays.", "engineers who designed the channel.", "mayor, who said little."}[n-1],
			"Millbrook Water Board, printed 2026-12-0" + string(rune('0'+n)) + ", page " + string(rune('0'+n)) + " of 3",
		}, "\n"))
	}
	got := strings.Join(pdfParagraphs(pages), "\n")
	if strings.Contains(got, "report.txt") || strings.Contains(got, "printed") {
		t.Errorf("running header or footer kept:\n%s", got)
	}
	if !strings.Contains(got, "The second day of hearings was given to the engineers who designed the channel.") {
		t.Errorf("body:\n%s", got)
	}
}

func TestPlaceholderTitle(t *testing.T) {
	for title, want := range map[string]bool{
		"Enscript Output": true, "Microsoft Word - budget memo.docx": true, "untitled": true, "Untitled document": true,
		"Document1": true, "water-report.txt": true, "": true, "(anonymous)": true,
		"Millbrook water report": false, "Documentary film festival opens": false, "Title IX complaint filed": false,
	} {
		if got := placeholderTitle(title); got != want {
			t.Errorf("placeholderTitle(%q) = %v, want %v", title, got, want)
		}
	}
}
