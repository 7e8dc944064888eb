package desk

import (
	"slices"
	"testing"
)

// TestAsideCandidates: a past the rules do not weigh (a day more than
// TimelineBackground days before its article, a year more than
// TimelinePeriodYears before it in a document telling no history) is
// read for the learned choice (candidatesOf with all), dated by what it
// states and marked "aside", and never through the rules' gate; the
// rules' own candidates are the same with it read or not.
func TestAsideCandidates(t *testing.T) {
	doc := docOf(
		`Quarry United signed Dara Lomax on Friday, the club said.`,
		`Quarry United first scouted Dara Lomax on December 8, 2022, at a youth tournament.`,
		`In 2013, Quarry United sold its old ground to pay off Dara Lomax's father.`,
		`Quarry United will present Dara Lomax to fans on Sunday.`,
	)
	doc.Title, doc.Published = "Quarry United signs Dara Lomax", "2023-12-09T09:00:00Z"
	tu := DefaultTuning
	w := weighWords(nil, "Quarry United Dara Lomax", &tu)
	type got struct {
		text, when, period string
		gate               bool
		score, aside       float64
	}
	read := func(all bool) []got {
		var out []got
		for _, e := range candidatesOf(doc, 0, w, &tu, all) {
			out = append(out, got{e.text(), e.when.Format("2006-01-02"), e.period, e.gate, e.score, e.measures["aside"]})
		}
		return out
	}
	rules, every := read(false), read(true)
	gated := slices.DeleteFunc(slices.Clone(every), func(g got) bool { return !g.gate })
	for i := range gated {
		gated[i].aside = 0
	}
	for i := range rules {
		rules[i].aside = 0
	}
	if !slices.Equal(rules, gated) {
		t.Errorf("the rules' candidates differ with the asides read:\n%v\nwant\n%v", gated, rules)
	}
	want := map[string]string{
		"Quarry United first scouted Dara Lomax on December 8, 2022, at a youth tournament.": "2022-12-08",
		"In 2013, Quarry United sold its old ground to pay off Dara Lomax's father.":         "2013-01-01",
	}
	for text, when := range want {
		if slices.ContainsFunc(rules, func(g got) bool { return g.text == text }) {
			t.Errorf("the rules weigh the aside %q", text)
		}
		i := slices.IndexFunc(every, func(g got) bool { return g.text == text })
		switch {
		case i < 0:
			t.Errorf("the aside %q is not read for the learned choice", text)
		case every[i].gate || every[i].aside != 1 || every[i].when != when:
			t.Errorf("the aside %q: %+v, want dated %s, aside, not through the gate", text, every[i], when)
		}
	}
	// one day short of the background, the scouting is the rules' again
	tu.TimelineBackground = 366
	if i := slices.IndexFunc(read(true), func(g got) bool { return g.when == "2022-12-08" }); i < 0 || read(true)[i].aside != 0 {
		t.Errorf("TimelineBackground 366: the scouting is still an aside")
	}
}

// TestStoryWords: a candidate's share of its document's title's words
// and of its lede's ("title_words", "lede_words"), not only of the
// topic's: a sentence writing the title's "striker" and "Quarry" without
// the topic holds some of them, one of neither none.
func TestStoryWords(t *testing.T) {
	doc := docOf(
		`Quarry United signed striker Dara Lomax from Harbour Town on Friday, the club said.`,
		`The striker's agent flew to Quarry on Monday to settle his fee.`,
		`Rain fell across the county on Tuesday.`,
	)
	doc.Title, doc.Published = "Quarry United sign striker from Harbour Town", "2023-12-09T09:00:00Z"
	tu := DefaultTuning
	tu.TimelineSentence, tu.TimelineDated, tu.TimelineTitle = 1.01, 1.01, 1.01
	w := weighWords(nil, "Lomax transfer", &tu)
	evs := candidatesOf(doc, 0, w, &tu, true)
	storyWords(evs, nil)
	by := map[string]event{}
	for _, e := range evs {
		by[e.text()] = e
	}
	lede, agent, rain := by[`Quarry United signed striker Dara Lomax from Harbour Town on Friday, the club said.`], by[`The striker's agent flew to Quarry on Monday to settle his fee.`], by[`Rain fell across the county on Tuesday.`]
	if lede.measures == nil || agent.measures == nil || rain.measures == nil {
		t.Fatalf("candidates: %d", len(evs))
	}
	if agent.measures["cov"] != 0 {
		t.Fatalf("the agent's sentence holds the topic: %v", agent.measures["cov"])
	}
	if got := agent.measures["title_words"]; got < 0.3 {
		t.Errorf("the agent's sentence: title_words %v, want its share of the title's words (2 of 5)", got)
	}
	if got := agent.measures["lede_words"]; got <= 0 {
		t.Errorf("the agent's sentence: lede_words %v, want some", got)
	}
	if got := lede.measures["lede_words"]; got != 1 {
		t.Errorf("the lede: lede_words %v, want 1", got)
	}
	if rain.measures["title_words"] != 0 || rain.measures["lede_words"] != 0 {
		t.Errorf("the rain: title_words %v, lede_words %v, want 0", rain.measures["title_words"], rain.measures["lede_words"])
	}
}
