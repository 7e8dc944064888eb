package retrieval

import (
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestPostingListRoundTrip checks that a list gives back the units and
// frequencies it was made of, and finds exactly its own units, whatever
// its gaps' lengths and across its blocks.
func TestPostingListRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	sparse := func(n, limit int) []uint32 {
		set := map[uint32]bool{}
		for len(set) < n {
			set[uint32(rng.IntN(limit))] = true
		}
		return slices.Sorted(maps.Keys(set))
	}
	every := func(n int) []uint32 {
		units := make([]uint32, n)
		for i := range units {
			units[i] = uint32(3 * i)
		}
		return units
	}
	for _, tc := range []struct {
		name  string
		units []uint32
	}{
		{"empty", nil},
		{"unit 0", []uint32{0}},
		{"gaps of one to five bytes", []uint32{127, 128 + 127, 128 + 127 + 16384, 1 << 22, 1 << 29, 1<<32 - 1}},
		{"a block less one", every(skipEvery - 1)},
		{"a block", every(skipEvery)},
		{"a block and one", every(skipEvery + 1)},
		{"blocks, a long gap at a block's start", append(every(skipEvery), 1<<30, 1<<30+1)},
		{"dense, a million chunks", sparse(200000, 1000000)},
		{"sparse, a million chunks", sparse(100, 1000000)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			freqs := make([]uint8, len(tc.units))
			for i := range freqs {
				freqs[i] = uint8(1 + rng.IntN(255))
			}
			pl, err := NewPostingList(tc.units, slices.Clone(freqs))
			if err != nil {
				t.Fatal(err)
			}
			check := func(t *testing.T, pl *PostingList) {
				t.Helper()
				if got := pl.Units(); pl.Len() != len(tc.units) || !slices.Equal(got, tc.units) {
					t.Fatalf("units %v (len %d), want %v", got[:min(10, len(got))], pl.Len(), tc.units[:min(10, len(tc.units))])
				}
				if !slices.Equal(pl.Freqs(), freqs) {
					t.Fatal("frequencies changed")
				}
				for _, u := range tc.units {
					if !pl.has(u) {
						t.Fatalf("unit %d not found", u)
					}
					if _, in := slices.BinarySearch(tc.units, u+1); !in && u+1 != 0 && pl.has(u+1) {
						t.Fatalf("unit %d found, not in the list", u+1)
					}
				}
				for _, u := range []uint32{0, 1, 127, 128, 1 << 16, 12345678, 1<<30 + 1, 1<<32 - 1} {
					_, in := slices.BinarySearch(tc.units, u)
					if pl.has(u) != in {
						t.Fatalf("has(%d) = %v, want %v", u, !in, in)
					}
				}
			}
			check(t, pl)
			// Compacted into shared arrays, the list is the same.
			p := Postings{Terms: map[string]*PostingList{"t": pl, "u": {gaps: []byte{1}, freqs: []uint8{1}, last: 1}}}
			p.compact()
			check(t, p.Terms["t"])
		})
	}
}

// TestPostingListRefusesBadInput checks that a list out of order or of
// mismatched lengths is an error that says so.
func TestPostingListRefusesBadInput(t *testing.T) {
	for _, tc := range []struct {
		name  string
		units []uint32
		freqs []uint8
		want  string
	}{
		{"descending", []uint32{5, 3}, []uint8{1, 1}, "unit 3 after unit 5"},
		{"repeated", []uint32{1 << 16, 1 << 16}, []uint8{1, 1}, "want them ascending"},
		{"lengths differ", []uint32{1, 2}, []uint8{1}, "2 units with 1 frequencies"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewPostingList(tc.units, tc.freqs)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one saying %q", err, tc.want)
			}
		})
	}
}

// TestFieldAcrossBlocks checks postings added unit by unit, many blocks
// of them, with gaps of one to three bytes, a term's count in a unit
// included, and that BM25 scores exactly the units holding a term.
func TestFieldAcrossBlocks(t *testing.T) {
	const units = 1<<16 + 300
	f := newField()
	for u := range units {
		switch {
		case u%1000 == 0:
			f.add([]string{"rare", "common", "rare"})
		default:
			f.add([]string{"common"})
		}
	}
	f.finish()
	f.compact()
	rare := f.Terms["rare"]
	if rare.Len() != units/1000+1 {
		t.Fatalf("rare in %d units, want %d", rare.Len(), units/1000+1)
	}
	for i, u := range rare.Units() {
		if u != uint32(1000*i) || rare.Freqs()[i] != 2 {
			t.Fatalf("posting %d: unit %d frequency %d, want %d and 2", i, u, rare.Freqs()[i], 1000*i)
		}
	}
	if f.Terms["common"].Len() != units {
		t.Fatalf("common in %d units, want %d", f.Terms["common"].Len(), units)
	}
	acc := make([]float32, units)
	f.score([]string{"rare"}, 1, acc)
	for u, s := range acc {
		if (u%1000 == 0) != (s > 0) {
			t.Fatalf("unit %d scored %v", u, s)
		}
	}
}
