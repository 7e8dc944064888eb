package memory

import (
	"runtime"
	"sync"
)

// mapping is a saved file (a snapshot or a vectors file) mapped into this
// process's memory (see mapFile; nil where files are read into the heap).
// Strings and slices over its bytes live outside the Go heap, where the
// collector does not see them, so the mapping is kept by the heap objects
// that hold them, which it is told of (hold): each of an index's
// documents (its Text and Title), its chunks' array (their Text) and its
// vectors (views of the vectors file). Every reader that keeps a string cut
// from a document's text keeps one of them with it: a searcher's Results,
// an answer (its Results), the documents a reload compares; what outlives
// them is copied (answer.Answer.Detached, for the answers the Slack bot
// keeps for their buttons). Once the last holder is collected and the
// opening that mapped the file is done, the file is released (release):
// its blocks on disk, once a later save has replaced it, and its page
// cache are given back.
type mapping struct {
	data []byte
	// refs counts the holders alive and the openings in progress; held
	// is set once anything was made to hold the mapping. Both are guarded
	// by mappings' lock.
	refs int
	held bool
	// key identifies the file in mappings.byFile (keyed is false when the
	// system gave no identity).
	key   fileKey
	keyed bool
}

// mappings are the saved files mapped now, by file identity: reopening a
// file that is mapped reuses its mapping. released counts the mappings
// released, for the tests.
var mappings = struct {
	sync.Mutex
	byFile   map[fileKey]*mapping
	released int
}{byFile: map[fileKey]*mapping{}}

// holdMapping makes the heap object p points to keep m mapped until it is
// collected. It must be called during the opening that mapped m (before
// done), and before p is handed out.
func holdMapping[T any](m *mapping, p *T) {
	if m == nil || p == nil {
		return
	}
	mappings.Lock()
	m.refs++
	m.held = true
	mappings.Unlock()
	runtime.AddCleanup(p, (*mapping).done, m)
}

// done drops one reference to m: an opening's, or a collected holder's.
// The last one releases the file.
func (m *mapping) done() {
	if m == nil {
		return
	}
	mappings.Lock()
	m.refs--
	last := m.refs == 0
	if last && m.keyed && mappings.byFile[m.key] == m {
		delete(mappings.byFile, m.key)
	}
	mappings.Unlock()
	if last {
		m.release()
	}
}
