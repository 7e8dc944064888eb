package retrieval

import (
	"strings"
	"testing"
)

// passages are hits whose chunks hold texts.
func passages(texts ...string) []Hit {
	var hits []Hit
	for _, t := range texts {
		hits = append(hits, Hit{Chunk: &Chunk{Text: t}})
	}
	return hits
}

func TestSpelledOut(t *testing.T) {
	hits := passages(
		"Sam Bankman-Fried, known as SBF, testified on Friday. Bankman-Fried denied it.",
		"The Springboks beat the All Blacks at the Rugby World Cup final in Paris.",
		"Microsoft completed its purchase; the West Indies won the fifth T20 in Trinidad.",
		"Researchers at the Massachusetts Institute of Technology published the paper.",
		"England lost.",
		"Crestfield's shares rose; Coin Follow Officials met on Monday.",
	)
	for _, c := range []struct {
		question string
		want     string
	}{
		{"how many charges is sbf facing", "how many charges is Sam Bankman-Fried facing"},
		{"whos coaching the boks at the rwc", "whos coaching the Springboks at the Rugby World Cup"},
		{"when did regulators clear msft's activision buy", "when did regulators clear Microsoft's activision buy"},
		{"who won the 5th t20 for windies", "who won the 5th t20 for West Indies"},
		{"when did the mit gel paper come out", "when did the Massachusetts Institute of Technology gel paper come out"},
		// A name the question writes out is not given again.
		{"how many charges is sbf (Sam Bankman-Fried) facing", "how many charges is sbf (Sam Bankman-Fried) facing"},
		// Common words are not short forms of names that share their letters.
		{"who beat the all blacks in the final", "who beat the all blacks in the final"},
		{"who owns the land", "who owns the land"}, // not "England"
		// An office is asked, not a name's short form.
		{"whos the cfo of crestfield", "whos the cfo of crestfield"},
		// A short form no passage spells out stays as typed.
		{"what did aoc say", "what did aoc say"},
	} {
		if got := SpellOut(c.question, ShortForms(c.question, hits)); got != c.want {
			t.Errorf("spelled out %q: %q, want %q", c.question, got, c.want)
		}
	}
}

// TestSpelledOutBoundary: each rule's least length, and the letters in
// order only of a word typed without vowels.
func TestSpelledOutBoundary(t *testing.T) {
	hits := passages("Dallas Cowboys coach Mike McCarthy, the Sunday Night Football crew, and Springboks.")
	for _, c := range []struct {
		question string
		want     string
	}{
		{"snf crew", "Sunday Night Football"},
		{"dc coach", ""}, // two letters: too few to read as initials
		{"boks win", "Springboks"},
		{"oks win", ""},             // three letters of a name's end: too few
		{"spbks win", "Springboks"}, // letters in order, no vowel after the first
		{"spboks win", ""},          // a vowel: a word, not an abbreviation
		{"dlls fans", "Dallas"},
	} {
		got := ShortForms(c.question, hits)
		if name := got[strings.Fields(c.question)[0]]; name != c.want || len(got) > 1 {
			t.Errorf("ShortForms(%q) = %q, want %q", c.question, got, c.want)
		}
	}
}

func TestCommonestNameWins(t *testing.T) {
	hits := passages(
		"Some Big Firm said nothing.",
		"Sam Bankman-Fried took the stand. Sam Bankman-Fried denied it.",
	)
	if got := ShortForms("what did sbf say", hits)["sbf"]; got != "Sam Bankman-Fried" {
		t.Errorf("got %q, want the name the passages write most", got)
	}
}
