package desk

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/text"
)

// largest is the largest measure m of a result's lines.
func largest(r *Result, m string) float64 {
	v := -1.0
	for _, l := range r.Lines {
		v = max(v, l.measures[m])
	}
	return v
}

// TestClaimThresholds puts each of the claim check's thresholds at the
// measure that decides a claim (the verdict holds) and just above it (it
// does not).
func TestClaimThresholds(t *testing.T) {
	const (
		seed     = "Acme Robotics raised $5.3 million in seed funding"
		seedBad  = "Acme Robotics raised $6 million in seed funding"
		removed  = "The board of Acme Robotics removed Jane Okafor as chief executive"
		interim  = "Jane Okafor was named interim chief executive of Acme Robotics"
		final    = "The Lagos Lions beat the Abuja Stars 12-11 in the league final"
		finalBad = "The Lagos Lions beat the Abuja Stars 15-11 in the league final"
	)
	for _, tc := range []struct {
		field   string
		claim   string
		verdict Verdict
		measure string
		at      func(*Tuning) *float64
		// off turns off what else would decide the claim
		off func(*Tuning)
	}{
		{"SupportSentence", seed, Supported, "cov", func(tu *Tuning) *float64 { return &tu.SupportSentence }, nil},
		{"SupportWindow", seed, Supported, "wcov", func(tu *Tuning) *float64 { return &tu.SupportWindow }, nil},
		// the seed round's phrase ("million in seed funding") is the
		// claim's too: that way is off
		{"ContradictSentence", seedBad, Contradicted, "cov", func(tu *Tuning) *float64 { return &tu.ContradictSentence }, func(tu *Tuning) { tu.PhraseSentence = 2 }},
		{"PhraseSentence", seedBad, Contradicted, "phrase", func(tu *Tuning) *float64 { return &tu.PhraseSentence }, func(tu *Tuning) { tu.ContradictSentence = 2 }},
		{"ContradictWindow", seedBad, Contradicted, "wcov", func(tu *Tuning) *float64 { return &tu.ContradictWindow }, nil},
		{"UnfiguredSentence", removed, Supported, "cov", func(tu *Tuning) *float64 { return &tu.UnfiguredSentence }, nil},
		{"UnfiguredWindow", removed, Supported, "wcov", func(tu *Tuning) *float64 { return &tu.UnfiguredWindow }, nil},
		{"CauseSentence", "Omar Reyes has had a second operation with an injured ankle", Supported, "cause", func(tu *Tuning) *float64 { return &tu.CauseSentence }, nil},
		{"RoleSentence", interim, Contradicted, "role", func(tu *Tuning) *float64 { return &tu.RoleSentence }, nil},
		{"ScoreWindow", final, Supported, "wcov", func(tu *Tuning) *float64 { return &tu.ScoreWindow }, nil},
		{"ScoreDocument", final, Supported, "about", func(tu *Tuning) *float64 { return &tu.ScoreDocument }, nil},
		// the report's title names both teams too: that way is off
		{"ScoreTitle", final, Supported, "title", func(tu *Tuning) *float64 { return &tu.ScoreTitle }, noTitleNames},
		{"ScoreTitle contradicting", finalBad, Contradicted, "title", func(tu *Tuning) *float64 { return &tu.ScoreTitle }, noTitleNames},
	} {
		t.Run(tc.field, func(t *testing.T) {
			d := testDesk(t)
			r, err := d.Check(context.Background(), answer.Request{}, tc.claim)
			if err != nil {
				t.Fatal(err)
			}
			if r.Verdict != tc.verdict {
				t.Fatalf("%q: %s, want %s\n%s", tc.claim, r.Verdict, tc.verdict, r.Text())
			}
			m := largest(r, tc.measure)
			tu := DefaultTuning
			if tc.off != nil {
				tc.off(&tu)
			}
			*tc.at(&tu) = m
			d.Tuning = &tu
			if r, _ := d.Check(context.Background(), answer.Request{}, tc.claim); r.Verdict != tc.verdict {
				t.Errorf("%s at %v: %s, want %s", tc.field, m, r.Verdict, tc.verdict)
			}
			*tc.at(&tu) = math.Nextafter(m, 2)
			if r, _ := d.Check(context.Background(), answer.Request{}, tc.claim); r.Verdict == tc.verdict {
				t.Errorf("%s just above %v: still %s\n%s", tc.field, m, r.Verdict, r.Text())
			}
		})
	}
}

// noTitleNames turns off the other ways a score's sentence tells of the
// claim's match: a title naming its teams, the sentence reading them.
func noTitleNames(tu *Tuning) { tu.ScoreTitleNames, tu.ScoreSentenceTeams = 1000, 3 }

// TestSupportAllFigures: a sentence holding few of a claim's words ("It
// rose to $41.7 million, up 6% …") supports it when it states every
// figure of the claim, SupportFigures of them or more, in a document
// holding SupportDocument of the claim's words; one figure changed, it
// does not.
func TestSupportAllFigures(t *testing.T) {
	const (
		claim   = "Millet Mills' sales grew 6% to $41.7 million in its latest quarter."
		changed = "Millet Mills' sales grew 6% to $45 million in its latest quarter."
	)
	d := testDesk(t)
	check := func(c string, tu Tuning) *Result {
		d.Tuning = &tu
		r, err := d.Check(context.Background(), answer.Request{}, c)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	r := check(claim, DefaultTuning)
	if r.Verdict != Supported || len(r.Lines) == 0 || !strings.HasPrefix(r.Lines[0].Text, "It rose to $41.7 million") {
		t.Fatalf("%q: %s, want Supported by the quarter's sentence\n%s", claim, r.Verdict, r.Text())
	}
	if r := check(changed, DefaultTuning); r.Verdict == Supported {
		t.Errorf("%q: Supported\n%s", changed, r.Text())
	}
	about := r.Lines[0].measures["about"]
	tu := DefaultTuning
	tu.SupportDocument = about
	if r := check(claim, tu); r.Verdict != Supported {
		t.Errorf("SupportDocument at %v: %s", about, r.Verdict)
	}
	tu.SupportDocument = math.Nextafter(about, 2)
	if r := check(claim, tu); r.Verdict != NotFound {
		t.Errorf("SupportDocument just above %v: %s\n%s", about, r.Verdict, r.Text())
	}
	tu = DefaultTuning
	tu.SupportFigures = 3
	if r := check(claim, tu); r.Verdict != NotFound {
		t.Errorf("SupportFigures 3 for a claim of two figures: %s\n%s", r.Verdict, r.Text())
	}
	// one figure is not enough at 2, and is at 1
	const one = "Millet Mills' sales reached $41.7 million in its latest quarter."
	if r := check(one, DefaultTuning); r.Verdict != NotFound {
		t.Errorf("%q: %s, want Not found (one figure)\n%s", one, r.Verdict, r.Text())
	}
	tu.SupportFigures = 1
	if r := check(one, tu); r.Verdict != Supported {
		t.Errorf("SupportFigures 1, %q: %s\n%s", one, r.Verdict, r.Text())
	}
}

// TestStandsFor: a pronoun stands for the claim's person when the
// sentence before names them and no one else in full.
func TestStandsFor(t *testing.T) {
	persons := []string{"Jim Jordan"}
	for _, tc := range []struct{ sent, prev, want string }{
		{"He was opposed by 22 Republicans.", "Jordan’s path to become House speaker was lost.", "\nJim Jordan"},
		{"He was opposed by 22 Republicans.", "Jim Jordan failed again to become House speaker.", "\nJim Jordan"},
		// someone else named in full: who "he" is is uncertain
		{"He was opposed by 22 Republicans.", "Jim Jordan met Kevin McCarthy in the House.", ""},
		// no pronoun, or the sentence names someone itself
		{"The vote failed with 22 Republicans against.", "Jim Jordan failed again.", ""},
		{"Steve Scalise said he was opposed by 22 Republicans.", "Jim Jordan failed again.", ""},
		// the sentence before names no one
		{"He was opposed by 22 Republicans.", "The vote was held on Wednesday.", ""},
	} {
		if got := standsFor(tc.sent, tc.prev, persons); got != tc.want {
			t.Errorf("standsFor(%q, %q) = %q, want %q", tc.sent, tc.prev, got, tc.want)
		}
	}
}

// TestScoreTitleNames: a match's report whose title names the claim's
// teams but none of its other words ("Harbour Hawks vs. Valley Bears live
// updates") decides a score claim at ScoreTitleNames 2 (its title holds
// both), not at 3; a preview's title names them too, but its sentence
// predicts a score, saying no one won: it never contradicts.
func TestScoreTitleNames(t *testing.T) {
	d := testDesk(t)
	for _, tc := range []struct {
		claim   string
		names   int
		allow   func(*corpus.Document) bool
		verdict Verdict
		figure  string
	}{
		{"The Harbour Hawks came back to beat the Valley Bears 4-2.", 2, nil, Supported, ""},
		{"The Harbour Hawks came back to beat the Valley Bears 5-2.", 2, nil, Contradicted, "4-2"},
		{"The Harbour Hawks came back to beat the Valley Bears 4-2.", 3, nil, NotFound, ""},
		{"The Harbour Hawks came back to beat the Valley Bears 5-2.", 3, nil, NotFound, ""},
		// the preview alone: its 3-1 is a pick, not a result
		{"The Harbour Hawks came back to beat the Valley Bears 4-2.", 2, without("hawks-report"), NotFound, ""},
	} {
		tu := DefaultTuning
		// the report's sentence reads the loser and names the winner:
		// that way (ScoreSentenceTeams 1) is off
		tu.ScoreTitleNames, tu.ScoreSentenceTeams = tc.names, 2
		d.Tuning = &tu
		checkClaim(t, d, answer.Request{Allow: tc.allow}, claimCase{tc.claim, tc.verdict, tc.figure}, fmt.Sprintf(" at ScoreTitleNames %d", tc.names))
	}
}

// TestScoreSentenceTeams: a sentence reading the claim's two teams in
// their roles tells of its match at ScoreSentenceTeams 2, whatever its
// title; at 3, not (the title ways turned off). One reading one of them
// and naming the other tells of it at 1, not at 2.
func TestScoreSentenceTeams(t *testing.T) {
	d := testDesk(t)
	for _, tc := range []struct {
		claim   string
		teams   int
		verdict Verdict
		figure  string
	}{
		{"The Lagos Lions beat the Abuja Stars 12-11 in the league final", 2, Supported, ""},
		{"The Lagos Lions beat the Abuja Stars 15-11 in the league final", 2, Contradicted, "12-11"},
		{"The Lagos Lions beat the Abuja Stars 12-11 in the league final", 3, NotFound, ""},
		{"The Lagos Lions beat the Abuja Stars 15-11 in the league final", 3, NotFound, ""},
		// "… the Harbour Hawks rallied to a 4-2 win over the Valley
		// Bears …" reads the loser only, and names the winner
		{"The Harbour Hawks beat the Valley Bears 4-2 on opening night", 1, Supported, ""},
		{"The Harbour Hawks beat the Valley Bears 5-2 on opening night", 1, Contradicted, "4-2"},
		{"The Harbour Hawks beat the Valley Bears 4-2 on opening night", 2, NotFound, ""},
		{"The Harbour Hawks beat the Valley Bears 5-2 on opening night", 2, NotFound, ""},
	} {
		tu := DefaultTuning
		tu.ScoreTitle, tu.ScoreTitleNames, tu.ScoreSentenceTeams = 2, 1000, tc.teams
		d.Tuning = &tu
		checkClaim(t, d, answer.Request{}, claimCase{tc.claim, tc.verdict, tc.figure}, fmt.Sprintf(" at ScoreSentenceTeams %d", tc.teams))
	}
}

func TestClaimRoles(t *testing.T) {
	d := testDesk(t)
	for _, tc := range []claimCase{
		// the documents give the role to Tom Reyes
		{"Jane Okafor was named interim chief executive of Acme Robotics", Contradicted, "Tom Reyes"},
		{"Tom Reyes was named interim chief executive of Acme Robotics", Supported, ""},
		// a score: the report of the match decides, not the preview's
		// other game (15-11) nor a final of another year (20-3)
		{"The Lagos Lions beat the Abuja Stars 12-11 in the league final", Supported, ""},
		{"The Lagos Lions beat the Abuja Stars 15-11 in the league final", Contradicted, "12-11"},
		{"The Lagos Lions beat the Abuja Stars 20-3 in the league final", Contradicted, "12-11"},
		// a product box is furniture, never support
		{"The Acme Picker One costs $5,000", NotFound, ""},
		// a product box's blurb: its paragraph ends in the shop's price
		{"The Acme Picker Two picks cassava twice as fast as the first model", NotFound, ""},
		// a verb a step from the documents' ("docked"), found as support
		// and as contradiction
		{"The Abuja Stars were deducted six points", Supported, ""},
		{"The Abuja Stars were deducted eight points", Contradicted, "six points"},
		// a score with the teams and one word more: the report names both
		{"The Lagos Lions beat the Abuja Stars 12-11.", Supported, ""},
		{"The Lagos Lions beat the Abuja Stars 15-11.", Contradicted, "12-11"},
		// who won: the report gives the win to the Lions ("The Lagos
		// Lions won …, edging the Abuja Stars 12-11"); the winner swapped,
		// by "beat" or by "lost to", is contradicted with its words
		{"The Abuja Stars beat the Lagos Lions 12-11 in the league final", Contradicted, "Lagos Lions won the league final on Saturday, edging the Abuja Stars 12-11"},
		{"The Lagos Lions lost to the Abuja Stars 12-11 in the league final", Contradicted, "Lagos Lions won the league final on Saturday, edging the Abuja Stars 12-11"},
		{"The Abuja Stars lost to the Lagos Lions 12-11 in the league final", Supported, ""},
		// the same score in another match's claim: the report's loser is
		// not the claim's
		{"The Lagos Lions beat the Port Harcourt Kings 12-11 in the league final", NotFound, ""},
		// a draw: no winner to agree on
		{"The Delta Kings drew with Harbour Rovers 2-2 in the cup final", Supported, ""},
		{"Harbour Rovers beat the Delta Kings 3-2 in the cup final", Contradicted, "2-2"},
		// a report naming the teams once, its result otherwise ("the home
		// side prevailed 21-20"): the score is found, but not who won
		{"The Port Harbour Sharks beat the Green Valley Rams 21-20.", NotFound, ""},
		{"The Green Valley Rams beat the Port Harbour Sharks 21-20.", NotFound, ""},
		{"The Port Harbour Sharks beat the Green Valley Rams 24-20.", Contradicted, "21-20"},
		// a picks column whose first score is the writer's record ("After
		// going 8-6 last week"), the teams named only after it: no report
		// of their match, under a title naming one of them or none
		{"The Coral Bay Pelicans beat the Ironside Miners 24-20.", NotFound, ""},
		{"The Coral Bay Pelicans came from behind to beat the Ironside Miners 24-20.", NotFound, ""},
	} {
		r := checkClaim(t, d, answer.Request{}, tc, "")
		if tc.verdict == Contradicted && !strings.HasSuffix(r.Headline, "the documents say "+tc.figure) {
			t.Errorf("%q: headline %q", tc.claim, r.Headline)
		}
		verbatim(t, d, r)
	}
}

// TestRelatedWeight: a claim saying "deducted" where the document says
// "docked" is supported while the related verb counts for enough, and not
// found when it counts for nothing; and a related verb counts at its
// weight, below a synonym's.
func TestRelatedWeight(t *testing.T) {
	d := testDesk(t)
	claim := "The Abuja Stars were deducted six points"
	r, _ := d.Check(context.Background(), answer.Request{}, claim)
	if r.Verdict != Supported {
		t.Fatalf("%q: %s\n%s", claim, r.Verdict, r.Text())
	}
	tu := DefaultTuning
	tu.RelatedWeight = 0
	d.Tuning = &tu
	if r, _ := d.Check(context.Background(), answer.Request{}, claim); r.Verdict != NotFound {
		t.Errorf("RelatedWeight 0: %s\n%s", r.Verdict, r.Text())
	}
	w := words{w: weights{"deduct": 2, "everton": 1}, rel: map[string][]string{"deduct": {"dock"}}, relWeight: 0.6}
	if got, want := w.coverage("Everton were docked"), (0.6*2+1)/3; math.Abs(got-want) > 1e-9 {
		t.Errorf("coverage with a related verb = %v, want %v", got, want)
	}
	if ws := weighWords(nil, "Everton were docked ten points", &DefaultTuning); !slices.Contains(ws.rel["dock"], "deduct") {
		t.Errorf("related verbs of dock: %v", ws.rel["dock"])
	}
}

// TestScoreWords: "beat" with both teams identifies the match at
// ScoreWords 2 (one fewer, the report naming both teams); at 3 it does
// not, and at 1 even a report naming one team only would.
func TestScoreWords(t *testing.T) {
	d := testDesk(t)
	claim := "The Lagos Lions beat the Abuja Stars 12-11."
	for _, tc := range []struct {
		words int
		want  Verdict
	}{{2, Supported}, {3, NotFound}} {
		tu := DefaultTuning
		tu.ScoreWords = tc.words
		d.Tuning = &tu
		if r, _ := d.Check(context.Background(), answer.Request{}, claim); r.Verdict != tc.want {
			t.Errorf("ScoreWords %d: %s, want %s\n%s", tc.words, r.Verdict, tc.want, r.Text())
		}
	}
	for _, tc := range []struct {
		words      int
		namesTeams bool
		want       bool
	}{
		{2, false, true}, {1, true, true}, {1, false, false}, {0, true, false},
	} {
		if got := identifiesMatch(tc.words, tc.namesTeams, 2); got != tc.want {
			t.Errorf("identifiesMatch(%d words, report names the teams %v) = %v", tc.words, tc.namesTeams, got)
		}
	}
}

func TestMaxClaimLines(t *testing.T) {
	d := testDesk(t)
	claim := "Acme Robotics raised $5.3 million in seed funding"
	r, _ := d.Check(context.Background(), answer.Request{}, claim)
	n := len(r.Lines)
	if n < 2 {
		t.Fatalf("want two lines or more to cut:\n%s", r.Text())
	}
	tu := DefaultTuning
	tu.MaxClaimLines = n - 1
	d.Tuning = &tu
	if r, _ := d.Check(context.Background(), answer.Request{}, claim); len(r.Lines) != n-1 {
		t.Errorf("MaxClaimLines %d: %d lines", n-1, len(r.Lines))
	}
}

func TestSynonymWeight(t *testing.T) {
	w := words{w: weights{"deduct": 2, "everton": 1}, syn: map[string][]string{"deduct": {"dock"}}, synWeight: 0.8}
	for s, want := range map[string]float64{"Everton were deducted": 1, "Everton were docked": (0.8*2 + 1) / 3, "Everton": 1.0 / 3} {
		if got := w.coverage(s); math.Abs(got-want) > 1e-9 {
			t.Errorf("coverage(%q) = %v, want %v", s, got, want)
		}
	}
	// WordNet's synonyms are read for the claim's words
	ws := weighWords(nil, "Acme fired its chief executive", &DefaultTuning)
	if !slices.Contains(ws.syn["fire"], "dismiss") {
		t.Errorf("synonyms of fire: %v", ws.syn["fire"])
	}
}

// TestTimelineThresholds puts each of the timeline's thresholds at the
// measure that admits an event (it is shown) and just above it (it is
// not).
func TestTimelineThresholds(t *testing.T) {
	const topic = "Acme Robotics"
	seed, lease, board := "raised $5.3 million in seed funding", "four-year lease", "removed Jane Okafor"
	for _, tc := range []struct {
		field   string
		event   string
		measure string
		set     func(tu *Tuning, v float64)
	}{
		// an event told of the story in its context
		{"TimelineSentence", seed, "cov", func(tu *Tuning, v float64) { tu.TimelineSentence, tu.TimelineDated, tu.TimelineTitle = v, v, 1.01 }},
		{"TimelineDocument with the sentence's context", seed, "wcov", func(tu *Tuning, v float64) { tu.TimelineDocument, tu.TimelineDated, tu.TimelineTitle = v, 1.01, 1.01 }},
		// a dated event, its title not enough
		{"TimelineDated", board, "cov", func(tu *Tuning, v float64) { tu.TimelineSentence, tu.TimelineDated, tu.TimelineTitle = 1.01, v, 1.01 }},
		// a dated event holding little of the story: its context must
		{"TimelineDatedWindow", board, "wcov", func(tu *Tuning, v float64) {
			tu.TimelineSentence, tu.TimelineDated, tu.TimelineDatedWindow, tu.TimelineTitle = 1.01, 0, v, 1.01
		}},
		// a dated event naming none of the story, in the story's document
		{"TimelineTitle", lease, "title", func(tu *Tuning, v float64) { tu.TimelineTitle = v }},
	} {
		t.Run(tc.field, func(t *testing.T) {
			d := testDesk(t)
			tu := DefaultTuning
			tu.TimelineDocument = 0.01
			// the rules' gate alone: the learned choice may show what it
			// turns away (TestLearnedExtends)
			tu.TimelineLearned = 0
			d.Tuning = &tu
			r, err := d.Timeline(context.Background(), answer.Request{}, topic)
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(r.Lines, func(l Line) bool { return strings.Contains(l.Text, tc.event) })
			if i < 0 {
				t.Fatalf("no event %q:\n%s", tc.event, r.Text())
			}
			m := r.Lines[i].measures[tc.measure]
			shown := func(v float64) bool {
				tu := DefaultTuning
				tu.TimelineLearned = 0
				tc.set(&tu, v)
				d.Tuning = &tu
				r, _ := d.Timeline(context.Background(), answer.Request{}, topic)
				return slices.ContainsFunc(r.Lines, func(l Line) bool { return strings.Contains(l.Text, tc.event) })
			}
			if !shown(m) {
				t.Errorf("%s at %v: %q not shown", tc.field, m, tc.event)
			}
			if shown(math.Nextafter(m, 2)) {
				t.Errorf("%s just above %v: %q still shown", tc.field, m, tc.event)
			}
		})
	}
}

func TestTimelineDocumentAndSame(t *testing.T) {
	d := testDesk(t)
	// TimelineSame: the seed round in two outlets is one line at the
	// Jaccard of its two sentences, two lines just above it
	a := termSet("Acme Robotics, a Lagos startup that builds robots for farms, raised $5.3 million in seed funding, the company said on Tuesday.")
	b := termSet("Acme Robotics, a Lagos startup that builds farm robots, raised $5.3 million in seed funding on Tuesday, the company said.")
	j := jaccard(a, b)
	count := func(same float64) int {
		tu := DefaultTuning
		tu.TimelineSame = same
		d.Tuning = &tu
		r, _ := d.Timeline(context.Background(), answer.Request{}, "Acme Robotics")
		n := 0
		for _, l := range r.Lines {
			if strings.Contains(l.Text, "seed funding") {
				n++
			}
		}
		return n
	}
	if n := count(j); n != 1 {
		t.Errorf("TimelineSame at %v: %d lines of the seed round", j, n)
	}
	if n := count(math.Nextafter(j, 2)); n != 2 {
		t.Errorf("TimelineSame just above %v: %d lines of the seed round", j, n)
	}
	// MaxTimelineLines cuts the least likely events (with no more lines
	// of the story's past: TestFillPeriodLines)
	tu := DefaultTuning
	tu.MaxTimelineLines, tu.TimelinePeriodLines = 1, 0
	d.Tuning = &tu
	if r, _ := d.Timeline(context.Background(), answer.Request{}, "Acme Robotics"); len(r.Lines) != 1 {
		t.Errorf("MaxTimelineLines 1: %d lines", len(r.Lines))
	}
	// TimelineDocument: no document is the story's above every coverage
	tu = DefaultTuning
	tu.TimelineDocument = 1.01
	d.Tuning = &tu
	if r, _ := d.Timeline(context.Background(), answer.Request{}, "Acme Robotics"); len(r.Lines) != 0 {
		t.Errorf("TimelineDocument above 1: %d lines", len(r.Lines))
	}
}

func TestOtherInRole(t *testing.T) {
	role := words{w: weights{"chair": 3, "name": 1, "new": 1, "board": 1}}
	for _, tc := range []struct {
		sentence, person, want string
	}{
		{"OpenAI's new initial board of Bret Taylor (Chair), Larry Summers, and Adam D'Angelo.", "Larry Summers", "Bret Taylor"},
		{"OpenAI's new initial board of Bret Taylor (Chair), Larry Summers, and Adam D'Angelo.", "Bret Taylor", ""},
		{"Bret Taylor, who was named chair of the new board, spoke.", "Larry Summers", "Bret Taylor"},
		// no name beside the role: nothing to say
		{"The new board will choose its chair, Summers said later.", "Bret Taylor", ""},
		// the role's subject: function words, the role's words and one
		// other word between the name and the role
		{"Bret Taylor was named as acting board chair.", "Larry Summers", "Bret Taylor"},
		{"Bret Taylor was named as acting board chair.", "Bret Taylor", ""},
		{"With Larry Summers gone, Bret Taylor has been named new board chair.", "Larry Summers", "Bret Taylor"},
		// two other words: not the subject
		{"Bret Taylor was quietly named as acting board chair.", "Larry Summers", ""},
		// a name beside the role holds it before one with a predicate
		// between (the one naming)
		{"Acme Holdings has named Bret Taylor chair of the new board.", "Larry Summers", "Bret Taylor"},
		{"Acme Holdings has named Bret Taylor chair of the new board.", "Bret Taylor", ""},
		{"Acme Holdings has named the chair of the new board.", "Larry Summers", "Acme Holdings"},
		// a pronoun, a verb of saying or a clause between: someone else's role
		{"Bret Taylor said he was named new board chair.", "Larry Summers", ""},
		{"Bret Taylor said was named new board chair.", "Larry Summers", ""},
		{"Bret Taylor, whom Summers named, chair of the board.", "Larry Summers", ""},
		// a common noun's possessive: the role is its (the group's); a
		// name's possessive is one other word
		{"Bret Taylor stayed as the group’s new board chair.", "Larry Summers", ""},
		{"Bret Taylor was named as Summers’s chair.", "Larry Summers", "Bret Taylor"},
		// a possessive name of two words is one other word too; a name
		// in the possessive owns the role, it does not hold it
		{"Bret Taylor was named as Larry Summers’s chair.", "Adam D'Angelo", "Bret Taylor"},
		{"Bret Taylor was named as Larry Summers’s acting chair.", "Adam D'Angelo", ""},
		{"The board named Larry Summers’s chair.", "Adam D'Angelo", ""},
		{"OpenAI named Bret Taylor as his chair.", "Adam D'Angelo", "Bret Taylor"},
		// an earlier role "and now" the role, in an apposition of at
		// most three words before "and now"
		{"Bret Taylor, the company’s CTO and now board chair, spoke.", "Larry Summers", "Bret Taylor"},
		{"Bret Taylor, the young company’s CTO and now board chair, spoke.", "Larry Summers", ""},
	} {
		if got := otherInRole("", tc.sentence, []string{tc.person}, role, officesOf("", role)); got != tc.want {
			t.Errorf("otherInRole(%q, %s) = %q, want %q", tc.sentence, tc.person, got, tc.want)
		}
	}
}

// TestOtherInRoleOffice: only a claim's office (isOffice), held by one
// person at a time, rules out its holder's rivals; a role written in the
// plural is held by several; a name right before the role says whose it
// is when a name stands right after it.
func TestOtherInRoleOffice(t *testing.T) {
	chair := weights{"chair": 3, "board": 1, "former": 1}
	for _, tc := range []struct {
		name, claim, sentence, person, want string
		role                                weights
	}{
		{"an office", "", "Acme Holdings has named Bret Taylor board chair.", "Larry Summers", "Bret Taylor",
			weights{"chair": 3, "board": 1, "name": 1}},
		{"no office", "Larry Summers signed a lucrative contract extension.", "Acme Holdings signed Bret Taylor to a lucrative contract extension.", "Larry Summers", "",
			weights{"contract": 2, "extension": 3, "sign": 1, "lucrative": 1}},
		// what the claim gives with "the", in the singular, one holds
		{"the claim's definite role", "Larry Summers headed the winner for Acme.", "Bret Taylor headed the winner for Acme as they beat Orbis.", "Larry Summers", "Bret Taylor",
			weights{"winner": 3, "head": 2, "acme": 1}},
		{"the claim's definite role, plural", "Larry Summers headed the winners for Acme.", "Bret Taylor headed the winner for Acme as they beat Orbis.", "Larry Summers", "",
			weights{"winner": 3, "head": 2, "acme": 1}},
		{"the plural", "", "Former Acme Holdings board chairs Bret Taylor and Adam D'Angelo spoke.", "Larry Summers", "", chair},
		{"the singular", "", "Former Acme Holdings board chair Bret Taylor spoke.", "Larry Summers", "Bret Taylor", chair},
		{"whose role", "", "Former Acme Holdings board chair Bret Taylor spoke.", "Bret Taylor", "", chair},
		{"whose role, no one after it", "", "The former Acme Holdings board chair has stayed on as an adviser.", "Larry Summers", "",
			weights{"chair": 3, "board": 1, "name": 1}},
		// the holder is read beside the office, not the role's rarest word
		{"beside the office", "", "The board’s chair, Bret Taylor, called the plan “reckless” and “outrageous” at the meeting.", "Larry Summers", "Bret Taylor",
			weights{"chair": 2, "call": 1, "plan": 1, "reckless": 4, "board": 1}},
		{"a successor", "", "Acme will be naming Bret Taylor as Okafor’s successor.", "Larry Summers", "Bret Taylor",
			weights{"successor": 3, "name": 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			role := words{w: tc.role}
			if got := otherInRole(tc.claim, tc.sentence, []string{tc.person}, role, officesOf(tc.claim, role)); got != tc.want {
				t.Errorf("otherInRole(%q, %s) = %q, want %q", tc.sentence, tc.person, got, tc.want)
			}
		})
	}
}

// TestOtherInRoleNotTheRole: a name beside the claim's office words in a
// sentence holds the claim's role only when the sentence gives it that
// role, in the same clause, of the same owner: not in a clause of what
// may yet happen (mayHappen), not as the object of a preposition
// (rolePrepositions), not as the office's owner in the possessive
// (possessor), not as the holder of another organisation's office
// (officeOwner), and not by a noun after "the" that only modifies
// another ("the pool win": modifier). Each rule off, its "" case gives
// the name.
func TestOtherInRoleNotTheRole(t *testing.T) {
	tu := DefaultTuning
	of := func(claim string) ([]string, words, map[string]bool) {
		persons, spans := claimPeople(claim)
		role := weighWords(nil, blank(claim, spans), &tu)
		return persons, role, officesOf(claim, role)
	}
	const coach = "Harlan Voss took over as Kestrels coach from Dale Brenner at the start of the year."
	const ceo = "Dana Whitfield is the CEO of Orbis Labs."
	for _, tc := range []struct {
		name, claim, sentence, want string
	}{
		{"may yet happen", coach, "Kestrels Rugby is closer to naming a director – and the move could help land highly-regarded coach Ivo Marchetti for the vacant Kestrels job.", ""},
		{"has happened", coach, "Kestrels Rugby is closer to naming a director – and the move landed highly-regarded coach Ivo Marchetti for the vacant Kestrels job.", "Ivo Marchetti"},
		{"a modal in another clause", coach, "Kestrels Rugby could not wait, and has named highly-regarded coach Ivo Marchetti for the vacant Kestrels job.", "Ivo Marchetti"},
		{"another organisation's office", ceo, "Northwind Dynamics CEO Rhea Collins and Orbis Labs co-founder Dana Whitfield spoke.", ""},
		{"another organisation's office, possessive", ceo, "Pratt stayed on as Northwind Dynamics’ CEO, with Rhea Collins as its CEO.", ""},
		{"the same organisation's office", ceo, "“The market is massive,” said Orbis Labs CEO Rhea Collins.", "Rhea Collins"},
		{"an office without its owner", ceo, "“The market is massive,” said CEO Rhea Collins.", "Rhea Collins"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			persons, role, offices := of(tc.claim)
			if got := otherInRole(tc.claim, tc.sentence, persons, role, offices); got != tc.want {
				t.Errorf("otherInRole(%q) = %q, want %q", tc.sentence, got, tc.want)
			}
		})
	}
	chair := words{w: weights{"chair": 3, "board": 1, "name": 1}}
	for _, tc := range []struct {
		name, sentence, want string
	}{
		{"the object of a preposition", "Acme passed over Bret Taylor for board chair.", ""},
		{"the subject", "Bret Taylor has become board chair.", "Bret Taylor"},
		{"the owner in the possessive plural", "Pratt stayed on as Northwind Dynamics’ board chair until 2019.", ""},
		{"the owner in the possessive", "Pratt stayed on as Northwind Dynamic’s board chair until 2019.", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := otherInRole("", tc.sentence, []string{"Larry Summers"}, chair, officesOf("", chair)); got != tc.want {
				t.Errorf("otherInRole(%q) = %q, want %q", tc.sentence, got, tc.want)
			}
		})
	}
	// the noun after "the" is an office only when it heads its phrase
	for _, tc := range []struct {
		claim, term string
		want        bool
	}{
		{"Tavita Lomu was named player of the match in the pool win over Norland.", "pool", false},
		{"Tavita Lomu headed the pool for Norland.", "pool", true},
		{"Tavita Lomu headed the pool of Norland.", "pool", true},
	} {
		_, _, offices := of(tc.claim)
		if offices[text.Term(tc.term)] != tc.want {
			t.Errorf("officesOf(%q)[%s] = %v, want %v", tc.claim, tc.term, offices[text.Term(tc.term)], tc.want)
		}
	}
}

// TestSwappedRole: a sentence giving the claim's role to the claim's other
// person contradicts it, with that person; the same holders, a role the
// sentence gives to no one, or a claim of one person do not.
func TestSwappedRole(t *testing.T) {
	const hired = "The Wild will be naming former Devils bench boss John Hynes as Evason’s successor."
	for _, tc := range []struct {
		claim, sentence, want string
	}{
		{"The Wild fired head coach John Hynes and are naming Dean Evason as his successor.", hired, "John Hynes"},
		{"The Wild fired head coach Dean Evason and are naming John Hynes as his successor.", hired, ""},
		{"The Wild named John Hynes as Dean Evason’s successor.", hired, ""},
		{"The Wild named Dean Evason as John Hynes’s successor.", hired, "John Hynes"},
		// the sentence gives the role to no one
		{"The Wild named Dean Evason as John Hynes’s successor.", "The Wild will name a successor soon.", ""},
		// one person: otherInRole's, not a swap
		{"The Wild named Dean Evason as their successor.", hired, ""},
	} {
		persons, spans := claimPeople(tc.claim)
		tu := DefaultTuning
		role := weighWords(nil, blank(tc.claim, spans), &tu)
		if got := swappedRole(tc.claim, tc.sentence, persons, role); got != tc.want {
			t.Errorf("swappedRole(%q, %q) = %q, want %q", tc.claim, tc.sentence, got, tc.want)
		}
	}
}

// TestReversedNames: a sentence telling of the claim's two names the
// other way round, a shared word of the claim between them in both; "by"
// (the passive) turns a text's order round.
func TestReversedNames(t *testing.T) {
	const sent = "France have beaten Italy 14 times consecutively, a run stretching back to 2014."
	for _, tc := range []struct {
		name, claim, sentence string
		want                  bool
	}{
		{"same order", "France have beaten Italy 14 times in a row.", sent, false},
		{"reversed", "Italy have beaten France 14 times in a row.", sent, true},
		{"claim passive", "Italy have been beaten by France 14 times in a row.", sent, false},
		{"claim passive, reversed", "France have been beaten by Italy 14 times in a row.", sent, true},
		{"sentence passive", "France have beaten Italy 14 times.", "Italy have been beaten by France 14 times.", false},
		{"sentence passive, reversed", "Italy have beaten France 14 times.", "Italy have been beaten by France 14 times.", true},
		// no word of the claim between the two names: their order says
		// nothing of who did what
		{"nothing between", "Italy have beaten France 14 times.", "Italy and France have met 14 times.", false},
		{"one name", "Italy have beaten Spain 14 times.", sent, false},
		// a party word: "signed … with" tells of both sides
		{"with", "Dara Lomax signed a 10-year contract with Quarry United.", "Quarry United have signed the striker Dara Lomax to a 10-year contract.", false},
		{"against", "Italy have played France 14 times.", "France have played against Italy 14 times.", false},
		// a verb that goes both ways
		{"faced", "Australia faced India 13 times in the ODI World Cups.", "India have faced Australia 13 times in the ODI World Cups.", false},
		{"met", "Italy have met France 14 times.", "France have met Italy 14 times.", false},
		{"drew", "Italy drew France 2-2.", "France drew Italy 2-2.", false},
		// a verb that goes one way, though it sounds like one that does not
		{"defeated", "Italy defeated France 14 times.", "France defeated Italy 14 times.", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tu := DefaultTuning
			subject := blank(tc.claim, figureSpans(Figures(tc.claim)))
			plain := weighWords(nil, blank(subject, text.NameSpans(subject)), &tu)
			if got := reversedNames(tc.claim, tc.sentence, nameList(subject), plain); got != tc.want {
				t.Errorf("reversedNames(%q, %q) = %v, want %v", tc.claim, tc.sentence, got, tc.want)
			}
		})
	}
}

// TestFurnitureParagraph: a product box's paragraph ends in its price at a
// shop, or holds a price ladder; a sentence that names a price and a shop
// in the middle of its paragraph is no box.
func TestFurnitureParagraph(t *testing.T) {
	for para, want := range map[string]bool{
		"Valve Steam Deck OLED This isn't the Steam Deck 2 some are waiting for, it's just a welcome improvement on an already good device. $549 at Steam": true,
		"It can display millions of colors. $45 at Amazon$48 at Govee":                                                                                     true,
		"Anker 511 Charger (30W) $ 16 $ 23 30 % off Anker’s 30W 511 Charger juices phones quickly.":                                                        true,
		"It costs less to run. $117 at Wellbots (with code VERGE83)":                                                                                       true,
		"The Steam Deck OLED starts at $549, and will replace all but the entry-level model.":                                                              false,
		"It sold for $549 at Steam last week, and sales doubled.":                                                                                          false,
	} {
		if got := furnitureParagraph(para); got != want {
			t.Errorf("furnitureParagraph(%q) = %v, want %v", para, got, want)
		}
	}
}

// TestTimelineDatedLift: with one line to show, an event stating its day
// is shown over the likeliest event dated only by its article when the
// lift makes up the gap between them, and not when it falls just short.
func TestTimelineDatedLift(t *testing.T) {
	d := aliasDesk(t)
	const topic = "the Gulls at home"
	tu := DefaultTuning
	tu.MaxTimelineLines, tu.TimelineDatedLift = 100, 0
	d.Tuning = &tu
	r, err := d.Timeline(context.Background(), answer.Request{}, topic)
	if err != nil {
		t.Fatal(err)
	}
	bestDated, bestUndated := -1.0, -1.0
	for _, l := range r.Lines {
		b := l.measures["base"]
		if l.DateNote == "" {
			bestDated = max(bestDated, b)
		} else {
			bestUndated = max(bestUndated, b)
		}
	}
	if bestDated < 0 || bestUndated <= bestDated {
		t.Fatalf("the fixture needs a likelier undated event: dated %v, undated %v\n%s", bestDated, bestUndated, r.Text())
	}
	gap := bestUndated - bestDated
	first := func(lift float64) Line {
		tu := DefaultTuning
		tu.MaxTimelineLines, tu.TimelineDatedLift = 1, lift
		d.Tuning = &tu
		r, _ := d.Timeline(context.Background(), answer.Request{}, topic)
		if len(r.Lines) != 1 {
			t.Fatalf("lift %v: %d lines", lift, len(r.Lines))
		}
		return r.Lines[0]
	}
	if l := first(gap + 1e-9); l.DateNote != "" {
		t.Errorf("TimelineDatedLift just above the gap %v: shown %q (%s), want the dated event", gap, l.Text, l.DateNote)
	}
	if l := first(gap - 1e-9); l.DateNote == "" {
		t.Errorf("TimelineDatedLift just below the gap %v: shown the dated %q, want the undated", gap, l.Text)
	}
}

// TestPartialSupport: a sentence that states one of a claim's figures
// but leaves out another amount, count or duration supports it only in
// part; a sentence stating another value of that figure contradicts it
// and outweighs the partial support. With no such sentence the partial
// support stands.
func TestPartialSupport(t *testing.T) {
	d := testDesk(t)
	for _, tc := range []struct {
		claim  string
		want   Verdict
		figure string
	}{
		{"Dara Lomax signed a 10-year, $70 million contract with Quarry United.", Supported, ""},
		// $70 million is stated beside $60 million without the term; the
		// club's own sentence gives 10 years
		{"Dara Lomax signed a 12-year, $70 million contract with Quarry United.", Contradicted, "10-year"},
	} {
		t.Run(tc.claim, func(t *testing.T) {
			r, err := d.Check(context.Background(), answer.Request{}, tc.claim)
			if err != nil {
				t.Fatal(err)
			}
			if r.Verdict != tc.want || r.Figure != tc.figure {
				t.Errorf("%s (%q), want %s (%q)\n%s", r.Verdict, r.Figure, tc.want, tc.figure, r.Text())
			}
		})
	}
}

// TestBackgroundYear: another year in a sentence about the claim's
// subject is often that of something else ("showed it at a trade fair in
// 2009" against "plans to go public in 2026"): it contradicts a claim's
// year only when the sentence states another of the claim's figures the
// same, or holds ContradictYearSentence of the claim's words.
func TestBackgroundYear(t *testing.T) {
	d := testDesk(t)
	check := func(claim string, tu Tuning) *Result {
		t.Helper()
		d.Tuning = &tu
		r, err := d.Check(context.Background(), answer.Request{}, claim)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	for _, tc := range []struct {
		claim string
		want  Verdict
	}{
		{"Veltro Networks plans to go public in 2026.", NotFound},
		{"Veltro Networks first showed its roaming service in 2009.", Supported},
		// the same amount, another year: the year is the claim's
		{"Veltro Networks raised $12 million from investors in 2019.", Contradicted},
		{"Veltro Networks raised $12 million from investors in 2021.", Supported},
	} {
		if r := check(tc.claim, DefaultTuning); r.Verdict != tc.want {
			t.Errorf("%q: %s, want %s\n%s", tc.claim, r.Verdict, tc.want, r.Text())
		}
	}
	// the same event told with another year and another verb (the same
	// verb is yearOfVerb's): contradicted at the sentence's measure, not
	// just above it
	const showed = "Veltro Networks first unveiled its roaming service at a trade fair in 2011."
	tu := DefaultTuning
	tu.ContradictYearSentence = 0
	r := check(showed, tu)
	if r.Verdict != Contradicted || r.Figure != "2009" {
		t.Fatalf("%q at ContradictYearSentence 0: %s (%q), want Contradicted (2009)\n%s", showed, r.Verdict, r.Figure, r.Text())
	}
	cov := r.Lines[0].measures["cov"]
	tu.ContradictYearSentence = cov
	if r := check(showed, tu); r.Verdict != Contradicted {
		t.Errorf("ContradictYearSentence at %v: %s", cov, r.Verdict)
	}
	tu.ContradictYearSentence = math.Nextafter(cov, 2)
	if r := check(showed, tu); r.Verdict != NotFound {
		t.Errorf("ContradictYearSentence just above %v: %s\n%s", cov, r.Verdict, r.Text())
	}
}

// TestPairSupports: a claim told over two sentences is supported when
// the two hold PairWindow of its words together and each PairSentence.
func TestPairSupports(t *testing.T) {
	w := words{w: weigh(nil, "ITC Apple infringed patents import ban watch")}
	prev := "Earlier, the ITC ruled that Apple had infringed on two patents."
	sent := "As a result, the ITC said it would impose an import ban on the watch."
	pair, each := w.coverage(prev+"\n"+sent), min(w.coverage(prev), w.coverage(sent))
	if pair != 1 || each >= pair {
		t.Fatalf("pair %v, each %v: the case no longer tells the two apart", pair, each)
	}
	for _, tc := range []struct {
		name         string
		window, each float64
		prev         string
		want         bool
	}{
		{"at both", pair, each, prev, true},
		{"PairWindow just above", math.Nextafter(pair, 2), each, prev, false},
		{"PairSentence just above", pair, math.Nextafter(each, 2), prev, false},
		{"no sentence before", pair, each, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tu := DefaultTuning
			tu.PairWindow, tu.PairSentence = tc.window, tc.each
			if got := pairSupports(w, tc.prev, sent, &tu); got != tc.want {
				t.Errorf("pairSupports = %v, want %v", got, tc.want)
			}
		})
	}
	// every figure the same, its days too, and no other of their kinds
	figs := Figures("The ITC found two Masimo patents infringed.")
	for s, want := range map[string]bool{
		prev + " " + sent: true,
		"Earlier, the ITC ruled that Apple had infringed on three patents. " + sent: false,
		"Earlier, the ITC ruled that Apple had infringed. " + sent:                  false,
	} {
		if got := pairStates(figs, s); got != want {
			t.Errorf("pairStates(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestPhraseWords: another figure in the claim's phrase is compared on
// the PhraseWords words after the number, function words and numbers
// aside.
func TestPhraseWords(t *testing.T) {
	claim := "She will be the 12th full-time coach of the national team."
	sent := "She will become the 10th full-time coach of the club."
	cf, f := Figures(claim)[0], Figures(sent)[0]
	for n, want := range map[int]bool{2: true, 3: false, 0: false} {
		if got := phraseAfter(claim, cf, n) == phraseAfter(sent, f, n); got != want {
			t.Errorf("PhraseWords %d: same phrase %v, want %v (%q, %q)", n, got, want, phraseAfter(claim, cf, n), phraseAfter(sent, f, n))
		}
	}
}

// TestOtherInSlot: a sentence putting another name after the function
// word the claim puts its name after ("with the …") names another in
// its place; the claim's name in the sentence, or a name of the claim's
// (a shorter form: "the Dodgers"), does not.
func TestOtherInSlot(t *testing.T) {
	for _, tc := range []struct {
		claim, sent, want string
		unsure            bool
	}{
		{"Ohtani agreed a 10-year contract with the Toronto Blue Jays.", "He agreed a 10-year, $700 million contract with the Los Angeles Dodgers.", "Los Angeles Dodgers", false},
		{"Ohtani agreed a 10-year contract with the Dodgers.", "He agreed a 10-year, $700 million contract with the Los Angeles Dodgers.", "", false},
		// a name sharing words but not its last is another
		{"Ohtani agreed a 10-year contract with the Los Angeles Angels.", "He agreed a 10-year, $700 million contract with the Los Angeles Dodgers.", "Los Angeles Dodgers", false},
		{"Ohtani agreed a 10-year contract with the Toronto Blue Jays.", "He agreed a 10-year contract with the Los Angeles Dodgers, spurning the Toronto Blue Jays.", "", false},
		// another function word: another place
		{"Ohtani agreed a 10-year contract with the Toronto Blue Jays.", "He agreed a 10-year contract after talks in Los Angeles.", "", false},
		// a place is no party: "in Austin" and "in Texas" may both hold
		{"Tesla delivered 10 trucks in Texas.", "Tesla delivered 10 trucks in Austin.", "", false},
		{"Acme was acquired by Orchard Holdings for $40 million.", "Acme was acquired by Harvest Group for $40 million.", "Harvest Group", false},
		// a name first in the claim has no word before it
		{"Toronto signed Ohtani to a 10-year contract.", "Los Angeles signed Ohtani to a 10-year contract.", "", false},
		// a city where the claim names a team's nickname, or the other
		// way round, may be the claim's team: not sure, no other
		{"Dallas Goedert caught three passes against the Cowboys.", "He had three catches against Dallas.", "", true},
		{"Goedert caught three passes against Dallas.", "He had three catches against the Cowboys.", "", true},
		// two nicknames, or two places, are two teams
		{"Goedert caught three passes against the Giants.", "He had three catches against the Cowboys.", "Cowboys", false},
		{"Goedert caught three passes against Seattle.", "He had three catches against Dallas.", "Dallas", false},
	} {
		plain := words{w: weigh(nil, "agreed contract signed talks caught catches passes")}
		got, unsure := otherInSlot(tc.claim, tc.sent, plain, 0)
		if got != tc.want || unsure != tc.unsure {
			t.Errorf("otherInSlot(%q, %q) = %q, %v, want %q, %v", tc.claim, tc.sent, got, unsure, tc.want, tc.unsure)
		}
	}
	// SlotSentence: at the sentence's share of the claim's other words,
	// and just above it
	const claim, sent = "Ohtani agreed a 10-year contract with the Toronto Blue Jays.", "He agreed a 10-year, $700 million contract with the Los Angeles Dodgers."
	plain := words{w: weigh(nil, "agreed contract deferred")}
	at := plain.coverage(sent)
	if at == 0 || at == 1 {
		t.Fatalf("coverage %v: the case no longer probes the boundary", at)
	}
	if got, _ := otherInSlot(claim, sent, plain, at); got != "Los Angeles Dodgers" {
		t.Errorf("SlotSentence at %v: %q, want Los Angeles Dodgers", at, got)
	}
	if got, _ := otherInSlot(claim, sent, plain, math.Nextafter(at, 2)); got != "" {
		t.Errorf("SlotSentence just above %v: %q, want none", at, got)
	}
}

// TestOtherPossessor: a sentence giving the claim's figure to another
// name's "'s" names another in the claim's place; the claim's name in the
// sentence, another figure, or no name's "'s" before it, does not.
func TestOtherPossessor(t *testing.T) {
	const claim = "Jonathan David's 85th-minute strike gave Canada victory in Jamaica."
	for _, tc := range []struct{ name, sent, want string }{
		{"another's", "Canada won as Stephen Eustaquio's 85th-minute strike gave them victory.", "Stephen Eustaquio"},
		{"curly apostrophe", "Canada won as Stephen Eustaquio’s 85th-minute strike gave them victory.", "Stephen Eustaquio"},
		{"the claim's", "Jonathan David's 85th-minute strike gave them victory.", ""},
		{"the claim's named too", "After Jonathan David scored, Stephen Eustaquio's 85th-minute strike won it.", ""},
		{"another figure", "Stephen Eustaquio's 70th-minute strike gave them victory.", ""},
		{"no one's", "An 85th-minute strike by Stephen Eustaquio gave them victory.", ""},
		{"a word between", "Stephen Eustaquio's late 85th-minute strike gave them victory.", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := otherPossessor(claim, tc.sent, Figures(claim), Figures(tc.sent)); got != tc.want {
				t.Errorf("otherPossessor(%q) = %q, want %q", tc.sent, got, tc.want)
			}
		})
	}
}

// TestCountModifier: a singular name between a number and its noun
// modifies the noun; a plural name is what is counted.
func TestCountModifier(t *testing.T) {
	for s, unit := range map[string]string{
		"Apple infringed two Masimo patents.":      text.Term("patents"),
		"Apple infringed two patents from Masimo.": text.Term("patents"),
		"22 Republicans voting against him.":       text.Term("republicans"),
	} {
		if fs := Figures(s); len(fs) != 1 || fs[0].Unit != unit {
			t.Errorf("Figures(%q) = %+v, want one count of %s", s, fs, unit)
		}
	}
}

// TestPartName: a sentence holding a claim's name but for its last word
// supports it only in part.
func TestPartName(t *testing.T) {
	names := []string{"los angeles angels", "shohei ohtani"}
	for sent, want := range map[string]bool{
		"Los Angeles won't pay him $70 million per year.":    true,
		"The Los Angeles Angels won't pay him $70 million.":  false,
		"Ohtani won't pay $70 million.":                      false,
		"The Angels won't pay him $70 million, Ohtani said.": false,
	} {
		if got := partName(names, sent); got != want {
			t.Errorf("partName(%q) = %v, want %v", sent, got, want)
		}
	}
}

func TestTuningSet(t *testing.T) {
	tu := DefaultTuning
	if !slices.Contains(tu.Names(), "timeline-lede") || !slices.Contains(tu.Names(), "max-timeline-lines") {
		t.Fatalf("Names() = %v", tu.Names())
	}
	if err := tu.Set("timeline-lede", "0.3"); err != nil || tu.TimelineLede != 0.3 {
		t.Errorf("Set(timeline-lede=0.3): %v, %v", err, tu.TimelineLede)
	}
	if err := tu.Set("max-timeline-lines", "25"); err != nil || tu.MaxTimelineLines != 25 {
		t.Errorf("Set(max-timeline-lines=25): %v, %v", err, tu.MaxTimelineLines)
	}
	if err := tu.Set("timeline-led", "0.3"); err == nil {
		t.Error("Set(timeline-led): no error")
	}
	if DefaultTuning.TimelineLede != 0.35 {
		t.Error("Set changed DefaultTuning")
	}
}
