package retrieval

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"sort"
)

// Postings are one BM25 field as data: each unit's length in index terms
// (a unit is a chunk in the body field, a document in the metadata field),
// and the units holding each term.
type Postings struct {
	Lengths []uint32
	Terms   map[string]*PostingList
}

// PostingList is the units holding a term, ascending, with the term's
// frequency in each, capped at 255 (BM25 saturates long before).
//
// It keeps about two bytes a posting: each unit as its distance from the
// one before, a uvarint (one byte for most of a frequent term's
// postings), and the frequency as a byte; every skipEvery postings it notes
// where the next block starts, so that a unit is found without reading
// the list from its start. Postings are most of an in-process index's own
// memory: as uint32 units, with the slack of appending them, they took
// about 560 bytes a chunk at 100,000 chunks.
type PostingList struct {
	gaps  []byte  // each unit less the one before it (the first: itself), as uvarints
	freqs []uint8 // the term's frequency in each unit
	// skips are where each block of skipEvery postings but the first
	// starts in gaps, with the unit before it.
	skips []postingSkip
	last  uint32 // the last unit (0 when the list is empty)
}

// postingSkip is where a block of postings starts.
type postingSkip struct {
	prev uint32 // the unit of the posting before the block
	at   uint32 // the offset of the block's first gap in gaps
}

// skipEvery is how many postings a block holds: finding a unit in a list
// reads at most one block.
const skipEvery = 128

// NewPostingList returns the list of units (strictly ascending) with the
// term's frequency in each, as a store saved them (see Index.Postings).
func NewPostingList(units []uint32, freqs []uint8) (*PostingList, error) {
	if len(units) != len(freqs) {
		return nil, fmt.Errorf("posting list of %d units with %d frequencies", len(units), len(freqs))
	}
	size, prev := 0, uint32(0) // the gaps' bytes, for a list of exactly their size
	var buf [binary.MaxVarintLen32]byte
	for i, u := range units {
		if i > 0 && u <= prev {
			return nil, fmt.Errorf("posting list: unit %d after unit %d, want them ascending", u, prev)
		}
		size += binary.PutUvarint(buf[:], uint64(u-prev))
		prev = u
	}
	pl := &PostingList{gaps: make([]byte, 0, size), freqs: make([]uint8, 0, len(freqs))}
	for i, u := range units {
		pl.add(u, freqs[i])
	}
	return pl, nil
}

// add appends a posting of unit u, after every unit in the list.
func (pl *PostingList) add(u uint32, freq uint8) {
	if n := len(pl.freqs); n > 0 && n%skipEvery == 0 {
		pl.skips = append(pl.skips, postingSkip{prev: pl.last, at: uint32(len(pl.gaps))})
	}
	pl.gaps = binary.AppendUvarint(pl.gaps, uint64(u-pl.last))
	pl.freqs = append(pl.freqs, freq)
	pl.last = u
}

// lastUnit returns the list's last unit, and false when it is empty.
func (pl *PostingList) lastUnit() (uint32, bool) { return pl.last, len(pl.freqs) > 0 }

// bumpLast adds one to the last posting's frequency, up to 255.
func (pl *PostingList) bumpLast() {
	if f := &pl.freqs[len(pl.freqs)-1]; *f < math.MaxUint8 {
		*f++
	}
}

// Len is how many units hold the term.
func (pl *PostingList) Len() int { return len(pl.freqs) }

// Units returns the units holding the term, ascending, in a new slice.
func (pl *PostingList) Units() []uint32 {
	out := make([]uint32, len(pl.freqs))
	c := pl.cursor()
	for i := range out {
		out[i] = c.next()
	}
	return out
}

// Freqs returns the term's frequency in each unit, in the order of Units.
// They are the list's own: the caller must not modify them.
func (pl *PostingList) Freqs() []uint8 { return pl.freqs }

// cursor returns a cursor at the list's first posting.
func (pl *PostingList) cursor() postingCursor { return postingCursor{gaps: pl.gaps} }

// postingCursor reads a list's units in order.
type postingCursor struct {
	gaps []byte
	at   int    // offset of the next gap
	unit uint32 // the unit read last (0 before the first)
}

// next returns the next unit; the caller knows how many there are.
func (c *postingCursor) next() uint32 {
	b := c.gaps[c.at]
	if b >= 0x80 {
		return c.long()
	}
	c.at++ // most gaps: one byte, read inline
	c.unit += uint32(b)
	return c.unit
}

// long reads a gap of more than one byte and returns the next unit.
func (c *postingCursor) long() uint32 {
	v, n := binary.Uvarint(c.gaps[c.at:])
	c.at += n
	c.unit += uint32(v)
	return c.unit
}

// has reports whether unit u is in the list.
func (pl *PostingList) has(u uint32) bool {
	// The block that would hold u follows the last skip before it.
	b := sort.Search(len(pl.skips), func(i int) bool { return pl.skips[i].prev >= u })
	c, first := pl.cursor(), 0
	if b > 0 {
		c.at, c.unit, first = int(pl.skips[b-1].at), pl.skips[b-1].prev, b*skipEvery
	}
	for range min(skipEvery, len(pl.freqs)-first) {
		switch v := c.next(); {
		case v == u:
			return true
		case v > u:
			return false
		}
	}
	return false
}

// compact moves the postings of every list of p into two shared arrays
// of exactly their size: no list keeps the slack of its appends, nor
// rounds up to an allocation size of its own.
func (p *Postings) compact() {
	nGaps, nFreqs := 0, 0
	for _, pl := range p.Terms {
		nGaps, nFreqs = nGaps+len(pl.gaps), nFreqs+len(pl.freqs)
	}
	gaps, freqs := make([]byte, 0, nGaps), make([]uint8, 0, nFreqs)
	for _, pl := range p.Terms {
		g, f := len(gaps), len(freqs)
		gaps, freqs = append(gaps, pl.gaps...), append(freqs, pl.freqs...)
		pl.gaps, pl.freqs = gaps[g:len(gaps):len(gaps)], freqs[f:len(freqs):len(freqs)]
		if len(pl.skips) > 0 {
			pl.skips = slices.Clip(slices.Clone(pl.skips))
		}
	}
}
