package desk

import (
	"testing"

	"github.com/newsroom/askbot/corpus"
)

// TestCastIn: the actor a sentence names in parentheses right after the
// claim's part, the claim's or another; nothing for a part written
// otherwise, a one-word parenthesis or a claim naming no part played.
func TestCastIn(t *testing.T) {
	sent := "The season sees Prince Charles (Dominic West) building on his relationship with Camilla Parker Bowles (Olivia Williams), while William (Kampa) grieves and Prince Harry (played by Fflyn Edwards) looks on."
	for _, tc := range []struct {
		name, claim, actor string
		same               bool
	}{
		{"another actor", "Prince Charles is played by Bertie Carvel in The Crown.", "Dominic West", false},
		{"the claim's actor", "Prince Charles is played by Dominic West in The Crown.", "Dominic West", true},
		{"actor first", "Bertie Carvel plays Prince Charles in The Crown.", "Dominic West", false},
		{"stars as", "Dominic West stars as Prince Charles.", "Dominic West", true},
		{"played by in the parentheses", "Prince Harry is played by Luther Ford.", "Fflyn Edwards", false},
		{"a surname alone", "William is played by Luther Ford.", "", false},
		{"a part not cast", "Princess Anne is played by Claudia Harrison.", "", false},
		{"no cast claim", "Prince Charles met Dominic West in London.", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			actor, same := castIn(tc.claim, sent)
			if actor != tc.actor || same != tc.same {
				t.Errorf("castIn(%q) = %q, %v; want %q, %v", tc.claim, actor, same, tc.actor, tc.same)
			}
		})
	}
}

// TestCastStory: a cast is read only in a document about the claim's
// work, stating the claim's figures ("the sixth season" as "season
// six"); another season's, or another work's, is no evidence.
func TestCastStory(t *testing.T) {
	doc := &corpus.Document{Title: "The Crown season 6: who is played by whom", Text: "The first part of season six sees Prince Charles (Dominic West) building on his relationship."}
	for _, tc := range []struct {
		name, claim string
		want        bool
	}{
		{"the season told by unit and number", "Prince Charles is played by Bertie Carvel in the sixth season of The Crown.", true},
		{"no figure", "Prince Charles is played by Bertie Carvel in The Crown.", true},
		{"another season", "Prince Charles is played by Josh O'Connor in the third season of The Crown.", false},
		{"another work", "Prince Charles is played by Bertie Carvel in Spencer.", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			part, actor := castOf(tc.claim)
			figs := Figures(tc.claim)
			subject := blank(tc.claim, figureSpans(figs))
			work := weighWords(nil, castWork(subject, part, actor), &DefaultTuning)
			if got := castStory(figs, doc, work, DefaultTuning.SupportDocument); got != tc.want {
				t.Errorf("castStory(%q) = %v, want %v", tc.claim, got, tc.want)
			}
		})
	}
}
