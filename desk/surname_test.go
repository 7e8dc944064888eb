package desk

import (
	"slices"
	"strings"
	"testing"
)

// TestSurnames: a topic's name written in full maps its last word to the
// name; a last word the document also writes in lower case is a common
// noun and maps to nothing; a name of one word has no surname.
func TestSurnames(t *testing.T) {
	w, _ := topicWords(nil, "Dara Lomax-Hale's trial at Quarry Summit")
	for _, tc := range []struct {
		name, doc string
		want      map[string]string
	}{
		{"full name", "Dara Lomax stood in court. Lomax said nothing.", map[string]string{"lomax": "Dara Lomax"}},
		{"possessive", "Dara Lomax’s lawyer spoke.", map[string]string{"lomax": "Dara Lomax"}},
		{"hyphenated", "Dara Lomax-Hale spoke.", map[string]string{"hale": "Dara Lomax Hale"}},
		{"never in full", "Lomax stood in court.", map[string]string{}},
		{"a common noun", "Dara Lomax spoke at Quarry Summit, the summit of the year.", map[string]string{"lomax": "Dara Lomax"}},
		{"a proper noun", "Dara Lomax spoke at Quarry Summit.", map[string]string{"lomax": "Dara Lomax", "summit": "Quarry Summit"}},
		{"apart", "Dara spoke, and Lomax listened.", map[string]string{}},
		{"a comma between", "Dara, Lomax and Hale spoke.", map[string]string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := surnames(tc.doc, w)
			if len(got) != len(tc.want) {
				t.Fatalf("surnames(%q) = %v, want %v", tc.doc, got, tc.want)
			}
			for k, v := range tc.want {
				if got[k] != v {
					t.Errorf("surnames(%q)[%s] = %q, want %q", tc.doc, k, got[k], v)
				}
			}
		})
	}
}

// TestByName: a name's last word alone stands for the name, as do its
// last words without its first ("Lomax-Hale" of "Dara Lomax-Hale");
// written in full, or after another first name ("Kevin Lomax"), it adds
// nothing.
func TestByName(t *testing.T) {
	names := map[string]string{"lomax": "Dara Lomax"}
	hyphen := map[string]string{"hale": "Dara Lomax Hale"}
	for _, tc := range []struct {
		s     string
		names map[string]string
		adds  string
	}{
		{"Lomax-Hale’s lawyers spoke.", hyphen, "Dara Lomax Hale"},
		{"Dara Lomax-Hale spoke.", hyphen, ""},
		{"Kevin Lomax-Hale spoke.", hyphen, ""},
	} {
		if got := byName(tc.s, tc.names); got != tc.s+map[bool]string{true: "\n" + tc.adds, false: ""}[tc.adds != ""] {
			t.Errorf("byName(%q) = %q, want %q added", tc.s, got, tc.adds)
		}
	}
	for _, tc := range []struct {
		s    string
		adds bool
	}{
		{"Lomax and Hale were arrested on Aug. 30.", true},
		{"On Friday, Lomax said nothing.", true},
		{"Ms. Lomax is committed to her family.", true},
		{"Lomax’s lawyer spoke.", true},
		{"Dara Lomax stood in court.", false},
		{"Her husband, Kevin Lomax, has filed for divorce.", false},
		{"Nobody of that name spoke.", false},
		{"It ran down the lomax of the river.", false},          // lower case: no name
		{"Lomax Jr. picked up his first win in August.", false}, // a son, another person
		{"Lomax, Jr., picked up his first win in August.", false},
		{"Lomax III picked up his first win in August.", false},
		{"Lomax said in August he would fight again.", true},
	} {
		got := byName(tc.s, names)
		if adds := got != tc.s; adds != tc.adds || adds && !strings.HasSuffix(got, "\nDara Lomax") {
			t.Errorf("byName(%q) = %q, want the full name added: %v", tc.s, got, tc.adds)
		}
	}
}

// TestSurnameEvent: in an article whose title names no one, a dated
// sentence naming the story's person by surname holds the whole name and
// is an event; without the full name written in the article, the surname
// alone holds too little of the topic with its context
// (TimelineDatedWindow).
func TestSurnameEvent(t *testing.T) {
	const topic = "Dara Lomax's trial"
	const arrested = "Lomax and Hale were arrested on Aug. 30, police said."
	tu := DefaultTuning
	w, _ := topicWords(nil, topic)
	if c := w.coverage(arrested); c < tu.TimelineDated || c >= tu.TimelineDatedWindow {
		t.Fatalf("the surname alone holds %v of the topic, want between TimelineDated and TimelineDatedWindow", c)
	}
	// the lede names no one (it does not tell of the story: TimelineLede),
	// and the sentence before the arrest names no one either
	full := docOf("A coach stood shackled in court on Monday.", "Dara Lomax wept as the charges were read.", "The weather was cold.", arrested)
	full.Title, full.Published = "A coach pleads guilty", "2023-12-18T09:00:00Z"
	if got := eventTexts(full, topic, &tu); !slices.Contains(got, arrested) {
		t.Errorf("an article writing the full name: %q, want the arrest", got)
	}
	bare := docOf("A coach stood shackled in court on Monday.", "The coach wept as the charges were read.", "The weather was cold.", arrested)
	bare.Title, bare.Published = full.Title, full.Published
	if got := eventTexts(bare, topic, &tu); slices.Contains(got, arrested) {
		t.Errorf("an article never writing the full name: %q shows the arrest", got)
	}
}
