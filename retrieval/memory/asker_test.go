package memory

import (
	"errors"
	"testing"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/retrieval"
)

// A question's Asker reads its scope in the settings of the index the
// search pins, and when it cannot (an error), the search, the scope's
// description and Keeps fail: nothing is answered under other settings.
func TestAskerReadsThePinnedSettingsAndFailsClosed(t *testing.T) {
	g, err := retrieval.NewGloVeEmbedder()
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Build(t.Context(), threeDocs(t), g, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ix.CollectionOf = func(d *corpus.Document) string {
		if d.ID == "b.txt" {
			return "council"
		}
		return ""
	}
	ix.Settings = "settings of the first index"
	st := New(ix)
	var got []any
	asker := func(settings any) ([]string, error) {
		got = append(got, settings)
		if settings == "settings of the first index" {
			return []string{""}, nil // the council is hidden
		}
		return nil, errors.New("settings not known")
	}
	s := st.Searcher()
	f := retrieval.Filter{Asker: asker}
	_, res, err := s.Search(t.Context(), "council budget mayor", f, retrieval.SearchOptions{K: 3})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		if h.Doc.ID == "b.txt" {
			t.Errorf("the hidden collection's document was found")
		}
	}
	if keeps, err := s.Keeps(t.Context(), f, []string{"b.txt"}); err != nil || keeps {
		t.Errorf("Keeps(b.txt) = %v, %v; want false", keeps, err)
	}
	if len(got) != 2 || got[0] != "settings of the first index" {
		t.Errorf("the asker read %v", got)
	}

	next, err := Build(t.Context(), threeDocs(t), g, BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	next.CollectionOf, next.Settings = ix.CollectionOf, "settings it cannot read"
	st.Replace(next)
	if _, _, err := s.Search(t.Context(), "council budget mayor", f, retrieval.SearchOptions{K: 3}); err == nil {
		t.Error("a search whose asker could not read the settings was answered")
	}
	if _, err := s.Scope(t.Context(), f); err == nil {
		t.Error("a scope whose asker could not read the settings was described")
	}
	if _, err := s.Keeps(t.Context(), f, []string{"a.txt"}); err == nil {
		t.Error("Keeps answered for an asker that could not read the settings")
	}
}
