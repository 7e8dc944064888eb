package retrieval

import (
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// TestFieldAdd checks the postings add builds against a count of each
// unit's terms.
func TestFieldAdd(t *testing.T) {
	for _, tc := range []struct {
		name  string
		units [][]string
	}{
		{"none", nil},
		{"an empty unit", [][]string{{}, {"a"}, {}}},
		{"terms repeated in a unit", [][]string{{"a", "b", "a"}, {"b", "b", "c"}, {"a"}}},
		{"a term in every unit", [][]string{{"x"}, {"x", "y"}, {"y", "x"}}},
		{"a count past 255", [][]string{slices.Repeat([]string{"z"}, 300), {"z", "w"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newField()
			for _, u := range tc.units {
				f.add(u)
			}
			type list struct {
				Units []uint32
				Freqs []uint8
			}
			want := map[string]*list{}
			for u, terms := range tc.units {
				counts := map[string]int{}
				for _, term := range terms {
					counts[term]++
				}
				for _, term := range slices.Sorted(maps.Keys(counts)) {
					pl := want[term]
					if pl == nil {
						pl = &list{}
						want[term] = pl
					}
					pl.Units = append(pl.Units, uint32(u))
					pl.Freqs = append(pl.Freqs, uint8(min(counts[term], math.MaxUint8)))
				}
			}
			got := map[string]*list{}
			for term, pl := range f.Terms {
				got[term] = &list{pl.Units(), pl.Freqs()}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("postings %v, want %v", got, want)
			}
			for u, terms := range tc.units {
				if f.Lengths[u] != uint32(len(terms)) {
					t.Errorf("unit %d: length %d, want %d", u, f.Lengths[u], len(terms))
				}
			}
		})
	}
}

// BenchmarkNewLexical builds the index a question through a remote store
// is ranked in, its candidates' terms known (as the Weaviate store gives
// them), by number of candidates: chunks of about a hundred index terms
// drawn from a Zipf distribution over 20,000, ten chunks a document.
func BenchmarkNewLexical(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	zipf := rand.NewZipf(rng, 1.1, 10, 19999)
	for _, n := range []int{250, 2500} {
		chunks := make([]Chunk, n)
		known := make([][]string, n)
		for i := range chunks {
			chunks[i] = Chunk{ID: fmt.Sprint(i), DocID: fmt.Sprint(i / 10)}
			for range 99 {
				known[i] = append(known[i], fmt.Sprintf("w%d", zipf.Uint64()))
			}
		}
		b.Run(fmt.Sprintf("chunks=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				newLexical(chunks, known, func(id string) string { return "Report " + id + "\nThe Outlet\nA. Writer" })
			}
		})
	}
}
