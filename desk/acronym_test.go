package desk

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

func TestAcronyms(t *testing.T) {
	for _, tc := range []struct {
		name, doc string
		want      map[string]string
	}{
		{"in brackets", "The UK first introduced Daylight Saving Time (DST) in 1916.", map[string]string{"DST": "Daylight Saving Time"}},
		{"after or", "the mysterious art of search engine optimization, or SEO.", map[string]string{"SEO": "search engine optimization"}},
		{"small words skipped", "the National Association of Realtors (NAR) said", map[string]string{"NAR": "National Association of Realtors"}},
		{"a word in capitals", "the US Copyright Office (USCO) ruled", map[string]string{"USCO": "US Copyright Office"}},
		{"initials of other words", "the bill passed the House (PA) on Monday", map[string]string{}},
		{"one word", "the ICC (ICC) ruled on Monday", map[string]string{}},
		{"punctuation within", "in the UK. Daylight, Saving (DS) is", map[string]string{}},
		{"two names", "Digital Services Act (DSA) and the Data Security Act (DSA)", map[string]string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := acronyms(tc.doc); !maps.Equal(got, tc.want) {
				t.Errorf("acronyms(%q) = %v, want %v", tc.doc, got, tc.want)
			}
		})
	}
}

func TestSpelledOut(t *testing.T) {
	acr := map[string]string{"DST": "Daylight Saving Time", "SEO": "search engine optimization"}
	for _, tc := range []struct{ s, want string }{
		{"MPs voted to scrap DST in 2019.", "MPs voted to scrap DST in 2019.\nDaylight Saving Time"},
		{"Daylight saving time ends on Sunday.", "Daylight saving time ends on Sunday.\nDST"},
		{"Most SEOs told me so.", "Most SEOs told me so.\nsearch engine optimization"}, // its plural
		{"The DSTX of other lands differ.", "The DSTX of other lands differ."},         // not the word
		{"It was a nice day.", "It was a nice day."},
	} {
		if got := spelledOut(tc.s, acr); got != tc.want {
			t.Errorf("spelledOut(%q) = %q, want %q", tc.s, got, tc.want)
		}
	}
}

// TestAcronymEvent: a sentence writing a name by the initials its
// document defines holds the name's words, and is an event of a story
// told in them.
func TestAcronymEvent(t *testing.T) {
	const defined, voted = "Campaigners have long argued against Daylight Saving Time (DST) and its twice-yearly clock changes.",
		"The European parliament voted to scrap DST in 2019, a change that has since stalled."
	doc := docOf(defined, voted)
	doc.Title, doc.Published = "When do the clocks go back?", "2023-10-24T09:00:00Z"
	got := eventTexts(doc, "daylight saving time", &DefaultTuning)
	if !slices.ContainsFunc(got, func(s string) bool { return strings.Contains(s, "voted to scrap DST") }) {
		t.Errorf("events %q lack the vote written with the initials", got)
	}
}

// TestAcronymSubject: a sentence dated by its article holds the
// story's subject when it writes the subject by its initials.
func TestAcronymSubject(t *testing.T) {
	const defined, costs = "The Quarry Council debated Daylight Saving Time (DST) for a third year running.",
		"The Quarry Council said that DST costs local farmers money."
	doc := docOf(defined, costs)
	doc.Title, doc.Published = "Quarry Council and the clocks", "2023-10-24T09:00:00Z"
	got := eventTexts(doc, "Quarry Council daylight saving time", &DefaultTuning)
	if !slices.Contains(got, costs) {
		t.Errorf("events %q lack the sentence writing the subject by its initials", got)
	}
}
