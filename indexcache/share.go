package indexcache

import (
	"slices"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/retrieval"
)

// sharing returns res with each document that ix holds an equal of
// replaced by ix's. An index memory.IndexDir.Open saved holds documents
// read back from its snapshot, their text in the mapped file (unix): the
// corpus kept for the next reload (Opened.Loaded) then holds no second
// copy of the text in the heap. res itself is not changed (its slices may
// be shared with an earlier load's).
func sharing(res *corpus.Result, ix *retrieval.Index) *corpus.Result {
	swap := func(docs []*corpus.Document) []*corpus.Document {
		out := make([]*corpus.Document, len(docs))
		for i, d := range docs {
			out[i] = d
			if e, ok := ix.Document(d.ID); ok && e != d && sameDocument(d, e) {
				out[i] = e
			}
		}
		return out
	}
	cp := *res
	cp.Documents = swap(res.Documents)
	cp.Files = make(map[string]corpus.FileState, len(res.Files))
	for p, f := range res.Files {
		f.Docs = swap(f.Docs)
		cp.Files[p] = f
	}
	return &cp
}

// sameDocument reports whether a and b are the same document, field by
// field (the embargo as an instant: a snapshot keeps it in UTC).
func sameDocument(a, b *corpus.Document) bool {
	return a.ID == b.ID && a.Path == b.Path && a.Title == b.Title && a.Source == b.Source && a.Byline == b.Byline &&
		a.URL == b.URL && a.Published == b.Published && a.Text == b.Text && slices.Equal(a.Paragraphs, b.Paragraphs) &&
		a.Embargo.Equal(b.Embargo) && a.Withdrawn == b.Withdrawn && a.WithdrawnNote == b.WithdrawnNote
}
