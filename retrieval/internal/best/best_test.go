package best

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// The n best kept, sorted, are the first n of every unit sorted, ties
// (many: scores from a few values) ordered by unit.
func TestKeepsTheNBestInOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		units := r.IntN(60)
		n := 1 + r.IntN(12)
		all := make([]Scored, units)
		top := New(n)
		for u := range all {
			all[u] = Scored{Unit: u, Score: float32(r.IntN(5))}
		}
		for _, i := range r.Perm(units) {
			if c := all[i]; !top.Full(c) {
				top.Offer(c)
			}
		}
		Sort(all)
		got := slices.Clone(top.Kept())
		Sort(got)
		if want := all[:min(n, units)]; !slices.Equal(got, want) {
			t.Fatalf("round %d: kept %v, want %v", round, got, want)
		}
	}
}
