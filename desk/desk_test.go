package desk

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/internal/testutil/testindex"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/memory"
	"github.com/newsroom/askbot/text"
)

var (
	fixtureOnce sync.Once
	fixture     *retrieval.Index
)

// testDesk is a desk over testdata/corpus: two articles about a startup,
// a withdrawn one, an embargoed one and one of another story.
func testDesk(t *testing.T) *Desk {
	t.Helper()
	fixtureOnce.Do(func() { fixture = testindex.Build(t, "testdata/corpus") })
	e := answer.New(memory.New(fixture).Searcher(), retrieval.SearchOptions{K: 5})
	e.Now = func() time.Time { return time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC) }
	return &Desk{Engine: e}
}

// claimCase is a claim and the verdict the desk should give it, with the
// documents' figure when it contradicts.
type claimCase struct {
	claim   string
	verdict Verdict
	figure  string
}

// checkClaim checks one claim under req, saying where (a setting) in a
// failure, and returns the result for further checks.
func checkClaim(t *testing.T, d *Desk, req answer.Request, tc claimCase, where string) *Result {
	t.Helper()
	r, err := d.Check(context.Background(), req, tc.claim)
	if err != nil {
		t.Fatal(err)
	}
	if r.Verdict != tc.verdict || r.Figure != tc.figure {
		t.Errorf("%q%s: %s (figure %q), want %s (%q)\n%s", tc.claim, where, r.Verdict, r.Figure, tc.verdict, tc.figure, r.Text())
	}
	return r
}

// verbatim fails unless every line and source quote is in its document.
func verbatim(t *testing.T, d *Desk, r *Result) {
	t.Helper()
	for _, s := range r.Sources {
		doc, ok, err := d.Engine.Document(context.Background(), s.DocID)
		if err != nil || !ok {
			t.Fatalf("source %s: %v", s.DocID, err)
		}
		if !answer.Verbatim(doc.Text, s.Quote) {
			t.Errorf("quote %q not verbatim in %s", s.Quote, s.DocID)
		}
		if strings.Contains(doc.ID, "acme-wrong") || strings.Contains(doc.ID, "acme-sale") {
			t.Errorf("cites %s, withdrawn or embargoed", doc.ID)
		}
	}
	for _, l := range r.Lines {
		if len(l.Cites) == 0 {
			t.Errorf("line %q cites nothing", l.Text)
			continue
		}
		if !strings.Contains(r.Sources[l.Cites[0]-1].Quote, l.Text) {
			t.Errorf("line %q is not in its source %q", l.Text, r.Sources[l.Cites[0]-1].Quote)
		}
	}
}

func TestCheck(t *testing.T) {
	d := testDesk(t)
	for _, tc := range []claimCase{
		{"Acme Robotics raised $5.3 million in seed funding", Supported, ""},
		{"Acme Robotics raised $6 million in seed funding", Contradicted, "$5.3 million"},
		// the withdrawn story's $9 million is never seen
		{"Acme Robotics raised $9 million in seed funding", Contradicted, "$5.3 million"},
		{"Acme signed a five-year lease on a factory", Contradicted, "four-year"},
		{"Acme signed a four-year lease on a factory", Supported, ""},
		{"Acme Robotics plans to hire 40 engineers by March", Supported, ""},
		{"Acme Robotics plans to hire 25 engineers by March", Contradicted, "40 engineers"},
		{"The board of Acme Robotics removed Jane Okafor as chief executive", Supported, ""},
		// embargoed: not yet reported
		{"Harvest Group will acquire Acme Robotics for $40 million", NotFound, ""},
		{"Acme Robotics opened an office in Paris with 30 staff", NotFound, ""},
	} {
		r := checkClaim(t, d, answer.Request{}, tc, "")
		if tc.verdict != NotFound && len(r.Lines) == 0 {
			t.Errorf("%q: no sentence shown", tc.claim)
		}
		if !strings.HasPrefix(r.Text(), map[Verdict]string{Supported: "Supported by [1]", Contradicted: "Contradicted by [1]", NotFound: "Not found"}[tc.verdict]) ||
			tc.verdict == Contradicted && !strings.Contains(r.Headline, ": the documents say "+tc.figure) {
			t.Errorf("%q: first line %q", tc.claim, strings.SplitN(r.Text(), "\n", 2)[0])
		}
		verbatim(t, d, r)
	}
}

func TestCheckAppliesTheAskersScope(t *testing.T) {
	d := testDesk(t)
	// an asker who may not see the startup's articles
	req := answer.Request{Allow: func(doc *corpus.Document) bool { return !strings.Contains(doc.ID, "acme") }}
	r, err := d.Check(context.Background(), req, "Acme Robotics raised $5.3 million in seed funding")
	if err != nil {
		t.Fatal(err)
	}
	if r.Verdict != NotFound || len(r.Sources) != 0 {
		t.Errorf("out of scope: %s", r.Text())
	}
}

func TestFigures(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string // kind:unit=value
	}{
		{"raised $5.3 million in seed funding", []string{"money:=5.3e+06"}},
		{"about €7.5 million or 1.5 % of turnover", []string{"money:=7.5e+06", "percent:=1.5"}},
		{"a four-year contract worth $20 million per year", []string{"duration:year=4", "money:=2e+07"}},
		{"the 33-year-old signed a ten-year deal", []string{"age:year=33", "duration:year=10"}},
		{"more than 240,000 jobs lost in 2023", []string{"count:job=240000", "year:=2023"}},
		{"on Nov. 21, 2023, and on November 21", []string{"date:=2.0231121e+07", "date:=1121"}},
		{"profits climbed 27 per cent", []string{"percent:=27"}},
		{"laid off 20 percent of its workers", []string{"percent:=20"}},
		{"France have beaten Italy 14 times consecutively", []string{"count:times=14"}},
		// a five-time champion is no tally: another unit
		{"the five-time champions won it 14 times", []string{"count:" + text.Term("time") + "=5", "count:times=14"}},
		// a ratio, no tally
		{"five times bigger than 2022", []string{"ratio:bigger=5", "year:=2022"}},
		// an ordinal's year is a place, not a length
		{"fired fourth-year coach Mel Tucker", []string{"ordinal:year=4"}},
		{"in his 10th-year as coach, a seven-year deal", []string{"ordinal:year=10", "duration:year=7"}},
		// a win-loss record is no match's result
		{"leading the team to a 921-757 record (.549)", []string{"score:record=921757"}},
		{"the Padres went 82-80 and beat the Giants 5-3", []string{"score:record=82080", "score:=5003"}},
		{"after going 8-6 last week", []string{"score:record=8006"}},
		{"the Mets ended their 2023 with a disastrous 75-87", []string{"year:=2023", "score:record=75087"}},
		{"they ended 2023 with a 3-1 win over Leeds", []string{"year:=2023", "score:=3001"}},
		// a team's record in brackets after its name
		{"Michigan (12-0) beat Ohio State (11-1) again.", []string{"score:record=12000", "score:record=11001"}},
		{"Michigan (12-0) won again.", []string{"score:record=12000"}},
		{"and then Michigan (12-0) won again.", []string{"score:=12000"}},
		{"Arsenal beat Chelsea (2-1) on Sunday.", []string{"score:=2001"}},
		{"Michigan beat Ohio State 30-24 (Michigan 12-0).", []string{"score:=30024", "score:=12000"}},
		// a live page's final-score line; its in-game lines are no result
		{"Final: Broncos 21, Vikings 20", []string{"score:=21020"}},
		{"Vikings 20, Broncos 15", nil},
		// an age set off after a name, or after "age"
		{"Dusty Baker, 74, retired", []string{"age:year=74"}},
		{"At age 33, he retired", []string{"age:year=33"}},
		{"he retired aged 33", []string{"age:year=33"}},
		{"he retired at the age of 33", []string{"age:year=33"}},
		{"he retired 33 days later", []string{"duration:day=33"}},
		// a record written "win-loss record" or "win loss record"
		{"a 2-7 win loss record", []string{"score:record=2007"}},
		{"a 3-6 win-loss record", []string{"score:record=3006"}},
		{"a 3-6 win over Leeds", []string{"score:=3006"}},
		// a share of a whole: both numbers
		{"completed 16 of 20 passes for 148 yards", []string{"share:pass=16020", "count:yard=148"}},
		{"21 of the first 30 samples", []string{"share:" + text.Term("samples") + "=21030"}},
		{"went 16 of 20 for 148 yards", []string{"share:=16020", "count:yard=148"}},
		{"completed 20 passes", []string{"count:pass=20"}},
		{"the last 5 of 2023", []string{"year:=2023"}},
		// an amount with a currency's code or word after or before it
		{"a fine of one million NOK per day", []string{"money:=1e+06"}},
		{"one million kroner a day", []string{"money:=1e+06"}},
		{"fined NOK 1 million", []string{"money:=1e+06"}},
		{"one million users a day", []string{"count:user=1e+06"}},
		// a bare number with the unit of the length before it
		{"to play 45 minutes after he'd gone only 27 in his one appearance", []string{"duration:minute=45", "duration:minute=27", "count:appear=1"}},
		{"to play 45 minutes after he'd gone only 27", []string{"duration:minute=45", "duration:minute=27"}},
		{"to play 45 minutes after 27 players left", []string{"duration:minute=45", "count:player=27"}},
		{"to play 45 minutes. He wore No. 7 in the game", []string{"duration:minute=45"}},
		{"he played 45 minutes and Game 7 in the series", []string{"duration:minute=45"}},
	} {
		var got []string
		for _, f := range Figures(tc.text) {
			got = append(got, string(f.Kind)+":"+f.Unit+"="+formatG(f.Value))
		}
		if strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("Figures(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
	// a result told the other way round is the same; a record is not
	if !Figures("won 12-11")[0].Same(Figures("lost 11-12")[0]) {
		t.Error("12-11 should be 11-12 told by the loser")
	}
	if Figures("went 82-80")[0].Same(Figures("went 80-82")[0]) {
		t.Error("a record of 82-80 should not be one of 80-82")
	}
	// a share compares only with a share of the same whole
	if !Figures("21 of the first 30 samples")[0].Comparable(Figures("25 of the first 30 samples")[0]) {
		t.Error("21 of 30 samples should compare with 25 of 30")
	}
	if Figures("16 of 20 passes")[0].Comparable(Figures("7 of 8 passing")[0]) {
		t.Error("16 of 20 passes should not compare with 7 of 8 passing")
	}
	a, b := Figures("Nov. 21, 2023")[0], Figures("November 21")[0]
	if !a.Same(b) {
		t.Error("a date without its year should match the same day")
	}
}

func formatG(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func TestQuotations(t *testing.T) {
	d := testDesk(t)
	doc, _, _ := d.Engine.Document(context.Background(), "acme-seed")
	var got []string
	for _, q := range Quotations(doc) {
		got = append(got, q.Speaker+": "+q.Text())
	}
	want := []string{
		"Jane Okafor: We are building robots that pick cassava",
		"Jane Okafor: The money goes to hiring engineers.",
		"Tom Reyes: We should have waited for a bigger round",
		"Tom Reyes: Investors are cautious this year.",
		"Jane Okafor: farmers lose a third of their harvest every year.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("quotations:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestQuotes(t *testing.T) {
	d := testDesk(t)
	r, err := d.Quotes(context.Background(), answer.Request{}, "Okafor", "")
	if err != nil {
		t.Fatal(err)
	}
	text := r.Text()
	for _, want := range []string{"What Jane Okafor said", "Nov 17, 2023 — Jane Okafor: “We are building robots", "Nov 24, 2023 — Jane Okafor: “I was surprised by the board's decision"} {
		if !strings.Contains(text, want) {
			t.Errorf("quotes lack %q:\n%s", want, text)
		}
	}
	// never another's words, nor the withdrawn story's
	for _, not := range []string{"We should have waited", "acted within its rights", "secret deal", "Parks are"} {
		if strings.Contains(text, not) {
			t.Errorf("quotes show %q, not Okafor's:\n%s", not, text)
		}
	}
	if strings.Index(text, "cassava") > strings.Index(text, "surprised") {
		t.Errorf("not oldest first:\n%s", text)
	}
	verbatim(t, d, r)
	r, err = d.Quotes(context.Background(), answer.Request{}, "Tom Reyes", "board")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Lines) != 1 || r.Lines[0].Text != "The board acted within its rights" {
		t.Errorf("Reyes about the board:\n%s", r.Text())
	}
	// the embargoed story's quotation is not yet quotable
	r, _ = d.Quotes(context.Background(), answer.Request{}, "Tom Reyes", "engineers")
	if strings.Contains(r.Text(), "great day") {
		t.Errorf("embargoed quotation shown:\n%s", r.Text())
	}
}

func TestSameName(t *testing.T) {
	for _, tc := range []struct {
		speaker, asked string
		want           bool
	}{
		{"Sam Altman", "altman", true}, {"Altman", "Sam Altman", true}, {"Jack Altman", "sam altman", false},
		{"Jensen Huang", "jensen huang", true}, {"Tom Reyes", "Okafor", false},
		{"Ten Hag", "Erik ten Hag", true}, {"Jürgen Klopp", "jurgen klopp", true}, {"Treasury Janet Yellen", "Janet Yellen", true},
		{"Jason Kelce", "Travis Kelce", false}, {"Sad Taylor", "Taylor Swift", false},
		// a familiar first name is its formal one, not another's
		{"Charles Schumer", "chuck schumer", true}, {"Chuck Schumer", "Charles Schumer", true}, {"Charles Schumer", "bob schumer", false},
		{"Bob Iger", "Robert Iger", true}, {"Robert Iger", "Roberta Iger", false},
	} {
		if got := SameName(tc.speaker, tc.asked); got != tc.want {
			t.Errorf("SameName(%q, %q) = %v", tc.speaker, tc.asked, got)
		}
	}
}

func TestNamesAny(t *testing.T) {
	for _, tc := range []struct {
		name  string
		names []string
		text  string
		want  bool
	}{
		{"no names", nil, "Announced plans to lay off about 10% of its staff.", true},
		{"named", []string{"uber"}, "Uber reported third-quarter earnings.", true},
		{"never named", []string{"uber"}, "DirectTV\n\nAnnounced on January 12 plans to lay off about 10% of its management staff.", false},
		{"a surname", []string{"jonathan smith"}, "Smith, 44, has spent six seasons at Oregon State.", true},
		{"dotted", []string{"us"}, "sales in the U.S. fell", true},
		{"one of two", []string{"us", "adobe"}, "Adobe Analytics said people spent $5.6 billion", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := namesAny(tc.names, tc.text); got != tc.want {
				t.Errorf("namesAny(%q, %q) = %v, want %v", tc.names, tc.text, got, tc.want)
			}
		})
	}
}

func TestOtherMeasure(t *testing.T) {
	claim := "Uber's third-quarter revenue rose 11% to $9.3 billion."
	for _, tc := range []struct {
		name, claim, sent string
		want              bool
	}{
		{"another measure", claim, "Uber’s adjusted EBITDA rose from $516 million to $1.09 billion in the third quarter.", true},
		{"the same measure", claim, "The company reported revenue of $9.3 billion, an 11% increase.", false},
		{"both measures", claim, "Revenue rose to $9.3 billion while EBITDA reached $1.09 billion.", false},
		{"no measure in the sentence", claim, "Uber said bookings reached $35 billion.", false},
		{"no measure in the claim", "Uber grew 11% to $9.3 billion.", "Net income was $221 million.", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := otherMeasure(tc.claim, tc.sent); got != tc.want {
				t.Errorf("otherMeasure(%q, %q) = %v, want %v", tc.claim, tc.sent, got, tc.want)
			}
		})
	}
}

func TestOtherYear(t *testing.T) {
	doc := &corpus.Document{ID: "d", Published: "2023-11-18T00:00:00Z"}
	for _, tc := range []struct {
		name, s string
		want    bool
	}{
		{"the document's year", "Arizona beat Utah 42-18 in 2023.", false},
		{"no year", "Arizona beat Utah 42-18.", false},
		{"another year", "Utah beat Arizona 35-20 in 2019.", true},
		{"since a year", "blowing out Utah, 42-18, their first win over the Utes since 2015.", false},
		{"since and another year", "their first win since 2015, after the 2019 defeat", true},
		{"since a year, when", "the most mature team since 1997 – when the program beat Ohio State 20-14 in a top-five showdown.", true},
		{"since a year, comma when", "their best start since 2015, when they beat Utah 35-20.", true},
		{"since a year, then a when of now", "their first win over the Utes since 2015 and when it mattered most, 42-18.", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := otherYear(tc.s, doc); got != tc.want {
				t.Errorf("otherYear(%q) = %v, want %v", tc.s, got, tc.want)
			}
		})
	}
}

// TestNearestMeasure: of a sentence's comparable figures, the one whose
// own phrase names the claim's measure is the one the claim is compared
// with; a measure further back, past a comma or another number, is not
// the figure's.
func TestNearestMeasure(t *testing.T) {
	const claim = "Check Point reported quarterly revenue of $612.4M."
	for _, tc := range []struct{ name, sent, want string }{
		{"revenue, not earnings", "For the most recently reported quarter, non-GAAP earnings of $2.07 per share beat the average analyst estimate by 5 cents, while revenue of $596.3M beat by $3.78M.", "$596.3M"},
		{"no measure: the neighbouring words", "The quarter reported $2.07 and $596.3M.", "$2.07"},
		{"past a number", "Revenue of $596.3M beat by $3.78M, with quarterly net income of $2.07.", "$596.3M"},
		{"past a comma", "Quarterly revenue rose, and reported costs of $2.07M fell; revenue of $596.3M.", "$596.3M"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cf := Figures(claim)[0]
			var comparable []Figure
			for _, f := range Figures(tc.sent) {
				if cf.Comparable(f) && !cf.Same(f) {
					comparable = append(comparable, f)
				}
			}
			if got := nearest(claim, cf, tc.sent, comparable); got.Text != tc.want {
				t.Errorf("nearest in %q = %q, want %q", tc.sent, got.Text, tc.want)
			}
		})
	}
}
