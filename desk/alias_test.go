package desk

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/internal/testutil/testindex"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/memory"
)

var (
	aliasOnce    sync.Once
	aliasFixture *retrieval.Index
)

// aliasDesk is a desk over testdata/aliases: a shield final whose only
// report calls the winner by its nickname ("the Sharks"; its result is
// dated by "Saturday", the next sentence only by the article), a preview that
// says whose they are ("Port Elm's Sharks"), a column that gives them to
// their coach ("Ada Brown's Sharks") and another competition's results.
func aliasDesk(t *testing.T) *Desk {
	t.Helper()
	aliasOnce.Do(func() { aliasFixture = testindex.Build(t, "testdata/aliases") })
	e := answer.New(memory.New(aliasFixture).Searcher(), retrieval.SearchOptions{K: 5})
	e.Now = func() time.Time { return time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC) }
	return &Desk{Engine: e}
}

func without(ids ...string) func(*corpus.Document) bool {
	return func(d *corpus.Document) bool {
		for _, id := range ids {
			if d.ID == id {
				return false
			}
		}
		return true
	}
}

// TestCheckTeamAlias: a score claim naming a team by its owner is judged
// by a report naming it by its nickname only when the documents say
// whose the nickname is, and say it one way; otherwise Not found, never
// a verdict on a guess. AliasSentences is probed at its boundary.
func TestCheckTeamAlias(t *testing.T) {
	d := aliasDesk(t)
	const (
		right   = "Port Elm beat the Gulls 21-20 in the shield final."
		swapped = "The Gulls beat Port Elm 21-20 in the shield final."
		lost    = "The Gulls lost to Port Elm 21-20 in the shield final."
	)
	column := without("shield-column")
	for _, tc := range []struct {
		name    string
		claim   string
		allow   func(*corpus.Document) bool
		min     int
		verdict Verdict
	}{
		{"the preview says whose", right, column, 1, Supported},
		{"lost to", lost, column, 1, Supported},
		{"the winner swapped", swapped, column, 1, Contradicted},
		{"AliasSentences 2: one sentence is not enough", right, column, 2, NotFound},
		{"AliasSentences 2, swapped", swapped, column, 2, NotFound},
		{"nothing says whose", right, without("shield-column", "shield-preview"), 1, NotFound},
		{"nothing says whose, swapped", swapped, without("shield-column", "shield-preview"), 1, NotFound},
		{"two owners: uncertain", right, nil, 1, NotFound},
		{"two owners, swapped", swapped, nil, 1, NotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tu := DefaultTuning
			tu.AliasSentences = tc.min
			d.Tuning = &tu
			r, err := d.Check(context.Background(), answer.Request{Allow: tc.allow}, tc.claim)
			if err != nil {
				t.Fatal(err)
			}
			if r.Verdict != tc.verdict {
				t.Errorf("%s: %s, want %s\n%s", tc.claim, r.Verdict, tc.verdict, r.Text())
			}
			if r.Verdict != NotFound && (len(r.Lines) == 0 || r.Lines[0].Text != "It was the Sharks who prevailed 21-20 in the shield final on Saturday, a late drop goal settling it.") {
				t.Errorf("lines: %v", r.Lines)
			}
			verbatim(t, d, r)
		})
	}
}

// TestAliasOwner: the owner is the one every sentence gives, at least min
// of them; a name given two owners, or none, or never written as a team
// ("the All Blacks"), is nobody's.
func TestAliasOwner(t *testing.T) {
	doc := func(s string) *corpus.Document { return &corpus.Document{ID: s, Text: s} }
	nz := doc("How can New Zealand’s All Blacks withstand them? The All Blacks lost.")
	nz2 := doc("The All Blacks (New Zealand) lost the final.")
	foster := doc("Ian Foster's All Blacks lost.")
	list := doc("the All Blacks, South Africa and England.")
	for _, tc := range []struct {
		name string
		docs []*corpus.Document
		min  int
		want string
	}{
		{"one sentence", []*corpus.Document{nz}, 1, "New Zealand"},
		{"one sentence, two needed", []*corpus.Document{nz}, 2, ""},
		{"two sentences", []*corpus.Document{nz, nz2}, 2, "New Zealand"},
		{"two owners", []*corpus.Document{nz, foster}, 1, ""},
		{"a list is no alias", []*corpus.Document{list}, 1, ""},
		{"none", nil, 1, ""},
		{"never written as a team", []*corpus.Document{doc("How can New Zealand’s All Blacks withstand them?")}, 1, ""},
	} {
		if got := aliasOwner("All Blacks", tc.docs, tc.min); got != tc.want {
			t.Errorf("%s: aliasOwner = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestNicknameJudgesScore: a national side's nickname is its country's
// without the documents saying so ("the Springboks prevailed 12-11" is
// South Africa's win): the claim's winner supports, the loser swapped
// contradicts, a nickname of a third country tells of another match, and
// a nickname not on the list ("the Sharks") is still nobody's until the
// documents say whose it is.
func TestNicknameJudgesScore(t *testing.T) {
	const sent = "It was the Springboks who once again prevailed 12-11 in an instant classic."
	for _, tc := range []struct {
		claim, sent string
		verdict     Verdict
	}{
		{"South Africa beat New Zealand 12-11.", sent, Supported},
		{"New Zealand lost to South Africa 12-11 in the final.", sent, Supported},
		{"New Zealand beat South Africa 12-11.", sent, Contradicted},
		{"South Africa beat New Zealand 12-11.", "The Boks beat the All Blacks 12-11.", Supported},
		{"New Zealand beat South Africa 12-11.", "The Boks beat the All Blacks 12-11.", Contradicted},
		// a third country's side: another match, no verdict
		{"South Africa beat New Zealand 12-11.", "The Wallabies beat the All Blacks 12-11.", NotFound},
		// a nickname not on the list is read as written
		{"South Africa beat New Zealand 12-11.", "It was the Sharks who once again prevailed 12-11.", NotFound},
	} {
		// the documents say nothing of whose any of them is
		a := &teamAliases{owner: map[string]string{"sharks": "", "springboks": "", "boks": "", "all blacks": "", "wallabies": ""}}
		v, _ := judgeScore(Figures(tc.claim), Figures(tc.sent), tc.claim, tc.sent, a)
		if v == "" {
			v = NotFound
		}
		if v != tc.verdict {
			t.Errorf("%q against %q: %s, want %s", tc.claim, tc.sent, v, tc.verdict)
		}
	}
}
