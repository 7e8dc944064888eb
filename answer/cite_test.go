package answer

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/askbot/internal/testutil/fakeopenai"
	"github.com/newsroom/askbot/prompts"
)

// A marker body gives every number it names: a range includes both ends.
func TestParseMarkers(t *testing.T) {
	for body, want := range map[string][]int{
		"1-3":     {1, 2, 3},
		"1–3":     {1, 2, 3},
		"2 - 4":   {2, 3, 4},
		"4-4":     {4},
		"1, 3":    {1, 3},
		"1 and 3": {1, 3},
		"1, 3-5":  {1, 3, 4, 5},
		"3-1":     nil, // backwards: not a range
		"1-40":    nil, // too long a range to be a citation
	} {
		if got := parseMarkers(body); !slices.Equal(got, want) {
			t.Errorf("parseMarkers(%q) = %v, want %v", body, got, want)
		}
	}
}

// A model's "[1-3]" cites passages 1, 2 and 3: the answer lists three sources.
func TestCitationRangeCitesItsLastPassage(t *testing.T) {
	srv := fakeopenai.New(t, fakeopenai.Reply(`Carter Page denied meeting senior Russian officials [1-3].`))
	a := ask(t, withModel(t, seedEngine(t), srv.URL, 5*time.Second), Request{Question: pageQuestion})
	if a.Kind != Generated || a.FellBack {
		t.Fatalf("kind %s fell back %v: %v", a.Kind, a.FellBack, a.Warnings)
	}
	if len(srv.Request(0).Passages()) < 3 {
		t.Fatalf("the prompt has %d passages; the test needs 3", len(srv.Request(0).Passages()))
	}
	if len(a.Sources) != 3 || !strings.Contains(a.Text(), "[1] [2] [3]") {
		t.Errorf("[1-3] gave %d sources: %q", len(a.Sources), a.Text())
	}
}

// A quoted span of up to three words found in no passage is taken for
// scare quotes (shown as plain words, with a warning); four words or more
// is a made-up quote and the answer is withheld.
func TestScareQuoteLimitIsThreeWords(t *testing.T) {
	tests := []struct {
		quote    string
		withheld bool
	}{
		{"utter nonsense", false},
		{"utterly baseless nonsense", false},
		{"utterly baseless political nonsense", true},
	}
	for _, tt := range tests {
		t.Run(tt.quote, func(t *testing.T) {
			srv := fakeopenai.New(t, fakeopenai.Reply(`Carter Page called the report “`+tt.quote+`” [{n:just complete garbage}].`))
			a := ask(t, withModel(t, seedEngine(t), srv.URL, 5*time.Second), Request{Question: pageQuestion})
			if a.Withheld != tt.withheld {
				t.Fatalf("a %d-word made-up quote: withheld %v, want %v: %q %v", len(strings.Fields(tt.quote)), a.Withheld, tt.withheld, a.Text(), a.Warnings)
			}
			if tt.withheld {
				return
			}
			if !strings.Contains(a.Text(), "the report "+tt.quote+" [1]") {
				t.Errorf("scare quotes not shown as plain words: %q", a.Text())
			}
			if w := strings.Join(a.Warnings, " "); !strings.Contains(w, "short phrase") {
				t.Errorf("no warning about the scare quotes: %q", w)
			}
		})
	}
}

// A cited sentence's key words are its capitalised names (its first word
// when it reads as one) and its numbers; each must be in a passage it cites.
func TestKeyCheck(t *testing.T) {
	passages := []prompts.Passage{
		{Title: "Harbour fine", Source: "The Ledger", Date: "Nov 2, 2026", Text: "The port authority fined Dredgeco 40,000 dollars. Officials at the port said Mayor Ana Ruiz approved it."},
		{Title: "Council", Text: "The council met on Monday with Ruiz."},
	}
	k := newKeyCheck("How much was Dredgeco fined?", "", passages)
	tests := []struct {
		sentence string
		cites    []int
		missing  []string
	}{
		{"Dredgeco was fined 40,000 dollars.", []int{1}, nil},
		{"Dredgeco was fined 40,000 dollars.", []int{2}, []string{"dredgeco", "40", "000"}},
		{"Quackenbush is under investigation by the desk.", []int{1}, []string{"quackenbush"}},
		{"The desk says Quackenbush approved it.", []int{1}, []string{"quackenbush"}},
		{"Ruiz approved the fine, The Ledger reported on Nov 2, 2026.", []int{1}, nil},
		{"Ruiz approved the fine.", []int{2}, nil},
		{"Officials said the mayor approved it.", []int{2}, nil},                           // a word of the passages, not a name
		{"Reportedly the mayor approved it.", []int{2}, nil},                               // an adverb
		{"However, the mayor approved it.", []int{2}, nil},                                 // an opener
		{"Investigators said the mayor approved it.", []int{2}, []string{"investigators"}}, // the limit: taken for a name
		{"Mayor Ruiz approved a 50,000 dollar fine.", []int{1, 2}, []string{"50"}},
	}
	for _, tt := range tests {
		if got := k.missing(tt.sentence, tt.cites); !slices.Equal(got, tt.missing) {
			t.Errorf("%q citing %v: missing %q, want %q", tt.sentence, tt.cites, got, tt.missing)
		}
	}
}
