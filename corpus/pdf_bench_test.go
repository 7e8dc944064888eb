package corpus

import (
	"fmt"
	"strings"
	"testing"

	"github.com/newsroom/askbot/internal/testutil/testdocs"
)

// BenchmarkPDF extracts a 100-page PDF (40 lines a page) in-process; the
// runtime is started before the timer (a one-time cost: about 5 s the first
// time on a machine, 0.2 s from its compilation cache after).
//
//	go test ./corpus -run '^$' -bench PDF -benchtime 10x -count 6
func BenchmarkPDF(b *testing.B) {
	var pages [][]string
	for p := 1; p <= 100; p++ {
		var lines []string
		for l := 1; l <= 40; l++ {
			lines = append(lines, fmt.Sprintf("Line %d of page %d reports what the council said about the harbour budget.", l, p))
		}
		pages = append(pages, lines)
	}
	data := []byte(testdocs.PDF(pages))
	if _, err := pdfiumPool(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		doc, err := parsePDF(b.Context(), data, "", nil)
		if err != nil || !strings.Contains(doc.Text, "page 100") {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/100, "µs/page")
}
