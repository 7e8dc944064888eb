package retrieval

import (
	"fmt"
	"testing"
)

// Remote over the in-process index ranks the candidates it gets as Search
// ranks the whole index: the same passages, in the same order, with the
// same scores, and the same verdict.
func TestRemoteOverIndexEqualsSearch(t *testing.T) {
	for name, ix := range map[string]*Index{"bundled": bundledIndex(t), "outlets": outletIndex(t)} {
		remote := NewRemote(ix, ix.embedder, ix.chunker)
		for _, q := range []string{
			"Who denied meeting Russian officials?",
			"What did The Verge report about the phone battery on October 7, 2023?",
			"Did TechCrunch and The Verge both write about the phone battery?",
			"What did Angela Merkel say about the phone?",
		} {
			want, err := ix.Search(t.Context(), q, SearchOptions{K: 5})
			if err != nil {
				t.Fatal(err)
			}
			view, got, err := remote.Search(t.Context(), q, Filter{}, SearchOptions{K: 5})
			if err != nil {
				t.Fatal(err)
			}
			if w, g := describe(want), describe(got); w != g {
				t.Errorf("%s: %q:\nsearch %s\nremote %s", name, q, w, g)
			}
			for _, term := range want.Terms {
				if ix.IDF(term) != view.IDF(term) {
					t.Errorf("%s: IDF(%q) = %v in the view, %v in the index", name, term, view.IDF(term), ix.IDF(term))
				}
			}
		}
	}
}

func describe(r *Results) string {
	s := fmt.Sprintf("answerable=%v coverage=%.6f missing=%v unknown=%v outlets=%v", r.Answerable, r.Coverage, r.MissingNames, r.UnknownNames, r.UnknownOutlets)
	for _, h := range r.Hits {
		s += fmt.Sprintf("\n  %s %.6f lex=%.6f dense=%.6f", h.Chunk.ID, h.Score, h.Lexical, h.Dense)
	}
	return s
}
