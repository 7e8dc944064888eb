package retrieval

import (
	"context"

	"github.com/newsroom/askbot/corpus"
)

// Local is a corpus answered from an Index in this process, searched the
// way a Remote searches a store: what an answering engine holds when the
// corpus is not kept in a store.
type Local struct {
	ix *Index
}

// NewLocal returns a corpus answered from ix.
func NewLocal(ix *Index) *Local { return &Local{ix: ix} }

// Index returns the index answered from.
func (l *Local) Index() *Index { return l.ix }

// Search retrieves the passages that best answer query among the documents
// opts.Allow lets through, less those withdrawn and, when f.Now is set,
// those under embargo then; an index holding neither is searched whole.
// The asker's other limits (collections, outlets, dates) are opts.Allow's
// to apply: f's other fields are not read. It returns the results with
// the index they were ranked in, as Remote.Search does.
func (l *Local) Search(ctx context.Context, query string, f Filter, opts SearchOptions) (*Index, *Results, error) {
	if l.ix.Limited() {
		allow := opts.Allow
		opts.Allow = func(d *corpus.Document) bool { return f.citable(d) && (allow == nil || allow(d)) }
	}
	res, err := l.ix.Search(ctx, query, opts)
	if err != nil {
		return nil, nil, err
	}
	return l.ix, res, nil
}

// Describe returns the index's Stats.
func (l *Local) Describe(context.Context) (Stats, error) { return l.ix.Stats(), nil }

// Scope describes the part of the index allow lets see at f.Now:
// Documents counts the documents it may quote; Withdrawn and Embargoes
// are those it lets see but may not quote (yet). Documents allow keeps
// out are not counted at all.
func (l *Local) Scope(_ context.Context, f Filter, allow func(*corpus.Document) bool) (Stats, error) {
	st := l.ix.Stats()
	st.Documents, st.Withdrawn, st.Embargoes = 0, 0, nil
	for _, d := range l.ix.Documents() {
		switch {
		case allow != nil && !allow(d):
		case d.Withdrawn:
			st.Withdrawn++
		case !d.Embargo.IsZero() && f.Now.Before(d.Embargo):
			st.Embargoes = append(st.Embargoes, d.Embargo)
		default:
			st.Documents++
		}
	}
	return st, nil
}

// Document returns a document of the index.
func (l *Local) Document(_ context.Context, id string) (*corpus.Document, bool, error) {
	d, ok := l.ix.Document(id)
	return d, ok, nil
}
