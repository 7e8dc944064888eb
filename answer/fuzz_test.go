package answer

import (
	"strings"
	"testing"
)

// FuzzCitations: reading a model's citations never panics, and a marker
// gives at most 20 numbers (a range is expanded only when short).
func FuzzCitations(f *testing.F) {
	f.Add(`Page called it "just complete garbage" [Passage 2]. Ryabkov agreed (1, 3).`)
	f.Add("It rose 【2】 and fell [1-3][4]. Source 5 says so. In 2019 (the year) (12).")
	f.Add("[999999999999999999999] [2-1] [1–40] (Passages 1 and 3)")
	f.Fuzz(func(t *testing.T, body string) {
		normalized := NormalizeCitations(body)
		total := 0
		for _, ps := range splitCited(normalized) {
			total += len(ps.cites)
		}
		if markers := strings.Count(normalized, "["); total > 20*markers {
			t.Fatalf("%d citations read from %d markers", total, markers)
		}
		quotes(body)
	})
}
