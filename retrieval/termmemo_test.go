package retrieval

import (
	"slices"
	"testing"

	"github.com/newsroom/askbot/text"
)

// The memo of metadata terms gives what text.Terms gives, keeps at most
// its size, and starts again when full.
func TestTermMemo(t *testing.T) {
	m := termMemo{max: 2}
	for _, s := range []string{"Harbour budget\nThe Gazette\nA. Reporter", "Councillors approve", "Harbour budget\nThe Gazette\nA. Reporter", "Rain warnings"} {
		if got, want := m.terms(s), text.Terms(s); !slices.Equal(got, want) {
			t.Errorf("terms(%q) = %q, want %q", s, got, want)
		}
		if len(m.m) > m.max {
			t.Errorf("the memo holds %d texts, more than its %d", len(m.m), m.max)
		}
	}
	if _, ok := m.m["Rain warnings"]; !ok || len(m.m) != 1 {
		t.Errorf("a full memo was not emptied before the next text: %v", m.m)
	}
}
