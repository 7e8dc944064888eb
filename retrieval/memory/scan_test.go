package memory_test

import (
	"math"
	"slices"
	"testing"

	"github.com/newsroom/askbot/retrieval/memory"
)

// The index's int8 scan with exact rescoring finds what chromem-go's own
// exhaustive QueryEmbedding finds, with the same similarities.
func TestScanMatchesChromem(t *testing.T) {
	ix, err := memory.Build(t.Context(), benchDocs(t, 3000), glove(t), memory.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	queries := append(slices.Clone(benchQueries),
		"the minister said the talks would continue next week",
		"a storm closed schools and roads across the region",
		"shares of the company fell after the quarterly report",
	)
	ranked := func(m map[int]float64) []int {
		units := make([]int, 0, len(m))
		for u := range m {
			units = append(units, u)
		}
		slices.SortFunc(units, func(a, b int) int {
			if m[a] != m[b] {
				if m[a] > m[b] {
					return -1
				}
				return 1
			}
			return a - b
		})
		return units
	}
	for _, q := range queries {
		got, err := memory.DenseQuery(t.Context(), ix, q, 50)
		if err != nil {
			t.Fatal(err)
		}
		want, err := memory.ChromemQuery(t.Context(), ix, q, 50)
		if err != nil {
			t.Fatal(err)
		}
		if len(want) != 50 || len(got) != 50 {
			t.Fatalf("%q: %d results from the scan, %d from chromem-go, want 50", q, len(got), len(want))
		}
		common := 0
		for u, sim := range got {
			if w, ok := want[u]; ok {
				common++
				if math.Abs(w-sim) > 1e-5 {
					t.Errorf("%q: chunk %d similarity %.6f, chromem-go %.6f", q, u, sim, w)
				}
			}
		}
		if common < 49 {
			t.Errorf("%q: the scan shares %d of chromem-go's 50 nearest chunks, want ≥ 49", q, common)
		}
		if g, w := ranked(got)[:10], ranked(want)[:10]; !slices.Equal(g, w) {
			t.Errorf("%q: top 10 %v, chromem-go %v", q, g, w)
		}
	}
}
