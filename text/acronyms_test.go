package text

import (
	"maps"
	"testing"
)

func TestAcronyms(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     map[string]string
	}{
		{"capitals, plural", "1. Alternative Investment Funds (AIFs)", map[string]string{"AIF": "Alternative Investment Funds", "AIFs": "Alternative Investment Funds"}},
		{"lower case", "Mid-stage private equity (PE) funds", map[string]string{"PE": "private equity", "PEs": "private equity"}},
		{"not the initials", "the market regulator (SEBI) said", map[string]string{}},
		{"too few words", "Funds (AIFs)", map[string]string{}},
		{"no brackets", "AIFs are only available to HNIs.", map[string]string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Acronyms(tc.in); !maps.Equal(got, tc.want) {
				t.Errorf("Acronyms(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}
