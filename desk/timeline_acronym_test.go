package desk

import (
	"slices"
	"testing"
)

// TestAcronymEvent: a sentence writing a name by the initials its
// document defines holds the name's words: it is an event of a story
// told in them, and a sentence dated by its article holds the story's
// subject when it writes the subject by its initials.
func TestAcronymEvent(t *testing.T) {
	for _, tc := range []struct{ title, topic, defined, event string }{
		{"When do the clocks go back?", "daylight saving time",
			"Campaigners have long argued against Daylight Saving Time (DST) and its twice-yearly clock changes.",
			"The European parliament voted to scrap DST in 2019, a change that has since stalled."},
		{"Quarry Council and the clocks", "Quarry Council daylight saving time",
			"The Quarry Council debated Daylight Saving Time (DST) for a third year running.",
			"The Quarry Council said that DST costs local farmers money."},
	} {
		doc := docOf(tc.defined, tc.event)
		doc.Title, doc.Published = tc.title, "2023-10-24T09:00:00Z"
		if got := eventTexts(doc, tc.topic, &DefaultTuning); !slices.Contains(got, tc.event) {
			t.Errorf("events %q lack %q, written with the initials", got, tc.event)
		}
	}
}
