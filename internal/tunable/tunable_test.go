package tunable

import (
	"slices"
	"testing"
)

type tuning struct {
	MinShare float64 `tune:"min-share"`
	MaxLines int     `tune:"max-lines"`
}

func TestSet(t *testing.T) {
	tu := tuning{MinShare: 0.5, MaxLines: 20}
	for _, tc := range []struct {
		name, field, value string
		nameOf             NameOf
		ok                 bool
	}{
		{"tag, float", "min-share", "0.35", Tag, true},
		{"tag, int", "max-lines", "25", Tag, true},
		{"kebab", "max-lines", "25", Kebab, true},
		{"an int written as a float", "max-lines", "2.5", Tag, false},
		{"not a number", "min-share", "x", Tag, false},
		{"no such threshold", "min-lines", "1", Tag, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := Set(&tu, tc.nameOf, tc.field, tc.value); (err == nil) != tc.ok {
				t.Errorf("Set(%s=%s) = %v", tc.field, tc.value, err)
			}
		})
	}
	if tu.MinShare != 0.35 || tu.MaxLines != 25 {
		t.Errorf("tuning %+v", tu)
	}
	if got := Names(&tu, Kebab); !slices.Equal(got, []string{"min-share", "max-lines"}) {
		t.Errorf("Names = %v", got)
	}
}
