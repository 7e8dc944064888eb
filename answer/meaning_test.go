package answer

import (
	"testing"
	"testing/fstest"
)

// A sentence saying the question's words in other words aligns with it
// more closely than one about something else, and less than one in the
// question's own words; words no document holds weigh nothing.
func TestMeaningAlign(t *testing.T) {
	ix := indexFS(t, fstest.MapFS{
		"cranberries.md": {Data: []byte("---\ntitle: Cranberries\n---\nWisconsin produces most of the cranberry harvest.\n\n" +
			"Farmers in Wisconsin grow cranberries in bogs.\n\nThe state fence was completed in December.\n")},
	})
	m := newMeaning(ix, "which state grows the most cranberries volcano")
	own := m.align("Farmers in Wisconsin grow cranberries in bogs state.")
	other := m.align("Wisconsin produces most of the cranberry harvest.")
	unrelated := m.align("The fence was completed in December.")
	if own != 1 {
		t.Errorf("align of a sentence holding every question word = %.3f, want 1 (volcano, in the word table but in no document, weighs nothing)", own)
	}
	if !(other > unrelated && other < own) {
		t.Errorf("align: other words %.3f, unrelated %.3f, own words %.3f: want unrelated < other words < own", other, unrelated, own)
	}
	if d, u := m.dense("Wisconsin produces most of the cranberry harvest."), m.dense("The fence was completed in December."); d <= u {
		t.Errorf("dense: other words %.3f <= unrelated %.3f", d, u)
	}
	if got := newMeaning(ix, "who is it").align("Wisconsin produces cranberries."); got != 0 {
		t.Errorf("align with no content word = %.3f, want 0", got)
	}
}
