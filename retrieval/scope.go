package retrieval

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync"
	"time"

	"github.com/newsroom/askbot/corpus"
)

// scope describes the part of the index visible lets see at now (every
// document when visible is nil); see Index.Scope.
func (ix *Index) scope(now time.Time, visible func(*corpus.Document) bool) Stats {
	st := ix.Stats()
	st.Documents, st.Chunks, st.Withdrawn, st.Embargoes = 0, 0, 0, nil
	hidden := false
	var quotable []int
	for i, d := range ix.docOrder {
		switch {
		case visible != nil && !visible(d):
			hidden = true
		case d.Withdrawn:
			st.Withdrawn++
		case !d.Embargo.IsZero() && now.Before(d.Embargo):
			st.Embargoes = append(st.Embargoes, d.Embargo)
		default:
			st.Documents++
			r := ix.docChunks[d.ID]
			st.Chunks += r[1] - r[0]
			quotable = append(quotable, i)
		}
	}
	if hidden {
		st.Version = ix.hashes.of(ix, quotable)
	}
	return st
}

// docHashes are the content hashes of an index's documents, computed on
// first use (hashing every text is too costly to repeat per answer).
type docHashes struct {
	once sync.Once
	hash [][sha256.Size]byte
}

// of returns the version of the documents docs (indexes into
// ix.docOrder): a hash of their contents, chunking and embedder, as long
// as Stats.Version.
func (h *docHashes) of(ix *Index, docs []int) string {
	h.once.Do(func() {
		h.hash = make([][sha256.Size]byte, len(ix.docOrder))
		parallel(len(ix.docOrder), func(i int) { h.hash[i] = sha256.Sum256([]byte(ix.docOrder[i].Hash())) })
	})
	sum := sha256.New()
	fmt.Fprintf(sum, "scope\x00%d/%d\x00%s\x00", ix.chunker.TargetChars, ix.chunker.OverlapChars, ix.embedder.Name())
	for _, i := range docs {
		sum.Write(h.hash[i][:])
	}
	return hex.EncodeToString(sum.Sum(nil))[:12]
}
