package answer

import (
	"testing"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/text"
)

// TestFurnitureAgreesWithThePatterns checks that the cheap look for
// words before the patterns drops no match: every alternative of
// boilerplateRE and junkRE, and every sentence of the bundled corpus.
func TestFurnitureAgreesWithThePatterns(t *testing.T) {
	lines := []string{
		"Read more: the council's vote", "PHOTOS : the flood", "Credit: Reuters", "See also: the report",
		"Subscribe now for the full story", "Sign Up to get updates", "Advertisement", "Sponsored content here",
		"(Photo by a staff member)", "[Getty Images] the crowd", "AP photo of the crowd",
		"Catch it live with our partner", "Start your free trial today", "© 2023 All Rights Reserved",
		"{{ #verifyErrors }}", "Something went wrong. Please try again later.", "GO DEEPER: the vote",
		"Sign up for our Newsletters", "Have a news tip? Email us.", "Call our tipline", "Use SecureDrop to reach us",
		"The mayor said the vote was close.", "He tipped the balance, she said.", "A secure line was set up: no one used it.",
		"Time: 3 p.m.", "The 3:45 train left late.",
	}
	res, err := corpus.LoadFS(t.Context(), corpus.Bundled(), corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Documents {
		for _, sp := range text.Sentences(d.Text) {
			lines = append(lines, d.Text[sp.Start:sp.End])
		}
	}
	matched := 0
	for _, s := range lines {
		want := boilerplateRE.MatchString(s) || junkRE.MatchString(s)
		if got := furniture(s); got != want {
			t.Errorf("furniture(%q) = %v, the patterns say %v", s, got, want)
		}
		if want {
			matched++
		}
	}
	if matched < 20 {
		t.Errorf("only %d of the lines match the patterns: the check tests little", matched)
	}
}
