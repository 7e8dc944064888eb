package answer

import (
	"context"
	"fmt"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/retrieval"
)

// Retrieve returns the passages req may see for query, retrieved as Ask
// retrieves them (the asker's collections; embargoed and withdrawn
// documents never seen), with opts in place of the engine's search
// options, and the index whose statistics weigh the words the asker may
// see. The research desk (package desk) builds on it: claim checks,
// quotations and timelines apply the same scope as answers.
func (e *Engine) Retrieve(ctx context.Context, req Request, query string, opts retrieval.SearchOptions) (*retrieval.Results, *retrieval.Index, error) {
	ix := e.Index()
	at := e.now()
	var (
		res *retrieval.Results
		err error
	)
	switch {
	case e.remote != nil:
		opts.Allow = func(d *corpus.Document) bool { return d.Citable(at) && (req.Allow == nil || req.Allow(d)) }
		ix, res, err = e.remote.Search(ctx, query, retrieval.Filter{Now: at, Collections: req.Collections}, opts)
	case ix == nil:
		return nil, nil, fmt.Errorf("retrieve %q: no index loaded", query)
	case ix.Limited():
		opts.Allow = func(d *corpus.Document) bool { return d.Citable(at) && (req.Allow == nil || req.Allow(d)) }
		res, err = ix.Search(ctx, query, opts)
	default:
		opts.Allow = req.Allow
		res, err = ix.Search(ctx, query, opts)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("retrieve %q: %w", query, err)
	}
	if res.View != nil {
		ix = res.View
	}
	return res, ix, nil
}
