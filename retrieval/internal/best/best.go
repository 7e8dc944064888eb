// Package best keeps the n best-scored units of a ranking (chunks, rows):
// the lexical ranking's top passages and the in-process vector scan's
// shortlist keep theirs with it, so both order ties the same way.
package best

import "slices"

// Scored is a unit (a chunk, a row) with its score.
type Scored struct {
	Unit  int
	Score float32
}

// Of keeps the n highest-scored units offered to it: a min-heap on
// score, so that most offers cost one comparison.
type Of struct {
	n int
	h []Scored
}

// New keeps the n best units.
func New(n int) *Of { return &Of{n: n, h: make([]Scored, 0, n)} }

// worse orders scored units: lower score first, then higher unit.
func worse(a, b Scored) bool { return a.Score < b.Score || (a.Score == b.Score && a.Unit > b.Unit) }

// Full reports whether c cannot get in: the quick test before Offer.
func (b *Of) Full(c Scored) bool { return len(b.h) == b.n && !worse(b.h[0], c) }

// Offer keeps c when it is among the n best offered so far.
func (b *Of) Offer(c Scored) {
	if len(b.h) < b.n {
		b.push(c)
	} else if worse(b.h[0], c) {
		b.h[0] = c
		siftDown(b.h, 0)
	}
}

// Kept returns the units kept, in no particular order (Sort orders them).
func (b *Of) Kept() []Scored { return b.h }

func (b *Of) push(c Scored) {
	h := append(b.h, c)
	for i := len(h) - 1; i > 0; {
		p := (i - 1) / 2
		if !worse(h[i], h[p]) {
			break
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
	b.h = h
}

// Sort orders units best first: by score, then by unit.
func Sort(s []Scored) {
	slices.SortFunc(s, func(a, b Scored) int {
		switch {
		case worse(b, a):
			return -1
		case worse(a, b):
			return 1
		}
		return 0
	})
}

func siftDown(h []Scored, i int) {
	for {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(h) && worse(h[l], h[m]) {
			m = l
		}
		if r < len(h) && worse(h[r], h[m]) {
			m = r
		}
		if m == i {
			return
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
}
