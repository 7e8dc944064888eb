package answer

import (
	"context"
	"fmt"

	"github.com/newsroom/askbot/retrieval"
)

// Retrieve returns the passages req may see for query, retrieved as Ask
// retrieves them (the asker's collections; embargoed and withdrawn
// documents never seen), with opts in place of the engine's search
// options, and the index whose statistics weigh the words the asker may
// see. Ask and the research desk (package desk: claim checks, quotations)
// go through it, so both apply the same scope.
func (e *Engine) Retrieve(ctx context.Context, req Request, query string, opts retrieval.SearchOptions) (*retrieval.Results, *retrieval.Index, error) {
	return e.retrieveFrom(ctx, e.searcher(), req, query, opts)
}

// retrieveFrom is Retrieve over s, the corpus a question pinned (nil: none
// loaded), so that every search of one question reads one corpus across a
// reload.
func (e *Engine) retrieveFrom(ctx context.Context, s Searcher, req Request, query string, opts retrieval.SearchOptions) (*retrieval.Results, *retrieval.Index, error) {
	if s == nil {
		return nil, nil, fmt.Errorf("retrieve %q: %w", query, errNoCorpus)
	}
	opts.Allow = req.Allow
	ix, res, err := s.Search(ctx, query, e.filter(req), opts)
	if err != nil {
		return nil, nil, fmt.Errorf("retrieve %q: %w", query, err)
	}
	if res.View != nil {
		ix = res.View // the statistics of what the asker may see
	}
	return res, ix, nil
}
