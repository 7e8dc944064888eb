package desk

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/text"
)

// checkClaims checks each claim on the test desk with no request
// settings, as checkClaim does.
func checkClaims(t *testing.T, cases []claimCase) {
	t.Helper()
	d := testDesk(t)
	for _, tc := range cases {
		checkClaim(t, d, answer.Request{}, tc, "")
	}
}

// TestHedged: a claim's figure written after a hedge ("about 2%") is the
// same as a value that rounds to it at its last significant digit and is
// within a tenth of it; written exactly, or of a kind not rounded
// (scores, years), it is not.
func TestHedged(t *testing.T) {
	for _, tc := range []struct {
		name, claim, doc string
		same             bool
	}{
		{"rounded down", "Shares closed about 2% lower.", "closing down 2.2%", true},
		{"beyond a tenth", "Shares closed about 2% lower.", "closing down 2.3%", false},
		{"rounds to another", "Shares closed about 2% lower.", "closing down 2.6%", false},
		{"written exactly", "Shares closed 2% lower.", "closing down 2.2%", false},
		{"a decimal's digit", "Sales grew roughly 2.5%.", "sales grew 2.54%", true},
		{"past a decimal's digit", "Sales grew roughly 2.5%.", "sales grew 2.56%", false},
		{"an amount at a tenth", "It raised about $100 million.", "it raised $110 million", true},
		{"an amount past a tenth", "It raised about $100 million.", "it raised $111 million", false},
		{"a count", "It hired some 40 engineers.", "it hired 44 engineers", true},
		{"a count past a tenth", "It hired some 40 engineers.", "it hired 45 engineers", false},
		{"nearly", "Nearly 200 countries signed.", "196 countries signed", true},
		{"a score is exact", "They won about 3-1.", "they won 3-2", false},
		{"a year is exact", "It opened around 2019.", "it opened in 2020", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cf, df := hedged(tc.claim, Figures(tc.claim)), Figures(tc.doc)
			if len(cf) != 1 || len(df) != 1 {
				t.Fatalf("figures %v, %v", cf, df)
			}
			if got := cf[0].Same(df[0]); got != tc.same {
				t.Errorf("%q same as %q: %v, want %v", cf[0].Text, df[0].Text, got, tc.same)
			}
		})
	}
}

// TestClaimVerb: the verb a claim opening with a name says it did.
func TestClaimVerb(t *testing.T) {
	for _, tc := range []struct{ claim, verb string }{
		{"Google settled the Helena World Chronicle antitrust lawsuit.", "settled"},
		{"Melinda Rogers-Hixon accused her brother of a vendetta.", "accused"},
		{"The Abuja Stars appealed against the decision.", "appealed"},
		{"Acme Robotics owns a factory.", "owns"},
		{"Acme Robotics was sued by its founder.", ""},
		{"Acme Robotics has agreed to a sale.", ""},
		{"The board of Acme Robotics removed Jane Okafor.", ""},
		{"In 2021, Acme Robotics raised funds.", ""},
		{"The Minnesota Wild fired Dean Evason and are naming John Hynes as his successor.", ""},
		// what will be done, after the subject's other words
		{"Acme Robotics's lawyers have said they will appeal the ruling.", "appeal"},
		{"Acme Robotics will not sell its factory.", "sell"},
		{"Acme Robotics's founder said the company would be sold.", "said"},
		{"Acme Robotics's lawyers have said they appealed the ruling.", ""},
		{"Okafor told the Ledger she will appeal the decision.", "appeal"},
		{"Okafor told the Ledger about the decision.", "told"},
		// the name's noun before the verb
		{"Acme Robotics's board removed Jane Okafor.", "removed"},
		{"Acme’s shares fell on Monday.", "fell"},
		{"Acme Robotics's former chief said so.", ""},
	} {
		if got := claimVerb(tc.claim); got != tc.verb {
			t.Errorf("%q: %q, want %q", tc.claim, got, tc.verb)
		}
	}
}

// TestCheckTellsVerb: a claim without figures is supported only by a
// sentence telling what it says its subject did (the verb, a synonym or
// a related verb), not by one holding its names and nouns alone.
func TestCheckTellsVerb(t *testing.T) {
	d := testDesk(t)
	for _, tc := range []struct {
		claim   string
		verdict Verdict
	}{
		{"Acme Robotics removed Jane Okafor as chief executive", Supported},
		{"Acme Robotics sued Jane Okafor as chief executive", NotFound},
		// what the claim says will be done, after a verb of saying: the
		// sentence holds "will fight", not "will appeal"
		{"Okafor told the Ledger she will fight the board's decision.", Supported},
		{"Okafor told the Ledger she will appeal the board's decision.", NotFound},
		// the verb after the name's noun
		{"Acme Robotics's board removed Jane Okafor as chief executive", Supported},
		{"Acme Robotics's board sued Jane Okafor as chief executive", NotFound},
	} {
		r, err := d.Check(context.Background(), answer.Request{}, tc.claim)
		if err != nil {
			t.Fatal(err)
		}
		if r.Verdict != tc.verdict {
			t.Errorf("%q: %s, want %s\n%s", tc.claim, r.Verdict, tc.verdict, r.Text())
		}
	}
}

// TestYearOfVerb: another year told with the claim's verb, in a sentence
// naming the claim's subject, contradicts a claim's year however few of
// its other words the sentence holds ("Veltro Networks raised $12
// million from investors in 2021" for "… raised money in 2019"); with
// another verb, or of another subject, the year is background.
func TestYearOfVerb(t *testing.T) {
	checkClaims(t, []claimCase{
		{"Veltro Networks raised money in 2019.", Contradicted, "2021"},
		{"In 2019, Veltro Networks raised money.", Contradicted, "2021"},
		{"Veltro Networks raised money in 2021.", Supported, ""},
		{"Veltro Networks spent money in 2019.", NotFound, ""},
		{"Harvest Group raised money in 2019.", NotFound, ""},
	})
	for _, tc := range []struct{ s, verb string }{
		{"Bhavik Patel joined Mayo Clinic in 2019.", "join"},
		{"Before joining the clinic in 2021, Patel practiced at Duke.", "join"},
		{"In 1993, Bawendi, 62, developed new chemical methods.", "develop"},
		{"Acme and Veltro in 2021.", ""},
		{"It was a trade fair in 2009.", ""},
	} {
		f := Figures(tc.s)
		i := slices.IndexFunc(f, func(f Figure) bool { return f.Kind == Year })
		if got := yearVerb(tc.s, f[i]); got != text.Term(tc.verb) && !(tc.verb == "" && got == "") {
			t.Errorf("yearVerb(%q) = %q, want %q", tc.s, got, tc.verb)
		}
	}
}

// TestSubjectNamed: the name a claim opens with, by its last word.
func TestSubjectNamed(t *testing.T) {
	for _, tc := range []struct {
		claim, s string
		want     bool
	}{
		{"Bhavik Patel joined Mayo Clinic in 2019.", "Before joining the clinic in 2021, Patel practiced at Duke.", true},
		{"Bhavik Patel joined Mayo Clinic in 2019.", "Before joining the clinic in 2021, Gray practiced at Duke.", false},
		{"In 2019, Veltro Networks raised money.", "Veltro Networks raised $12 million in 2021.", true},
		{"in 2019, money was raised.", "Veltro Networks raised $12 million in 2021.", false},
	} {
		if got := subjectNamed(tc.claim, tc.s); got != tc.want {
			t.Errorf("subjectNamed(%q, %q) = %v, want %v", tc.claim, tc.s, got, tc.want)
		}
	}
}

// TestSubjectTold: the claim's subject named in the sentence, or in the
// one before when the sentence opens with "The" and a noun.
func TestSubjectTold(t *testing.T) {
	const claim = "The Consumer Financial Protection Bureau was created in 2014."
	const prev = "The Consumer Financial Protection Bureau is facing legal challenges of its own."
	for _, tc := range []struct {
		name, s, prev string
		want          bool
	}{
		{"named", "The bureau, which the Consumer Financial Protection Bureau's critics …", "", true},
		{"the noun after the one naming it", "The watchdog, created in 2011, is facing a Supreme Court case.", prev, true},
		{"no sentence before", "The watchdog, created in 2011, is facing a Supreme Court case.", "", false},
		{"a name first", "Fannie Mae, created in 1938, is facing a case.", prev, false},
		{"the sentence before names another", "The watchdog, created in 2011, is facing a case.", "The Federal Reserve is facing challenges.", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := subjectTold(claim, tc.s, tc.prev); got != tc.want {
				t.Errorf("subjectTold(%q, %q) = %v, want %v", tc.s, tc.prev, got, tc.want)
			}
		})
	}
}

// TestMatchTeams: a sentence reading both of the claim's teams makes one
// reading only one of them no telling of the match.
func TestMatchTeams(t *testing.T) {
	const claimText = "Real Madrid beat Girona 3-0."
	claim := readResult(claimText, text.Scores(claimText)[0])
	same := (*teamAliases)(nil).same
	judge := func(s string) judged {
		return judged{sentence: sentence{doc: &corpus.Document{Text: s}, end: len(s)}}
	}
	one := judge("Bellingham celebrates scoring Real Madrid’s third goal during their 3-0 away league win over Girona.")
	both := judge("In Spain Real Madrid outclassed Girona 3-0 to return to the top of LaLiga.")
	for _, tc := range []struct {
		name   string
		scores []judged
		teams  int
		want   int
	}{
		{"one team read only", []judged{one}, 1, 1},
		{"both read in another sentence", []judged{one, both}, 1, 2},
		{"at 2 already", []judged{one}, 2, 2},
		{"never", []judged{one, both}, 3, 3},
	} {
		if got := matchTeams(tc.scores, claim, same, tc.teams); got != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, got, tc.want)
		}
	}
	if !tellsMatch(one.text(), claim, same, 1) || tellsMatch(one.text(), claim, same, 2) {
		t.Errorf("the caption should tell the match at 1 only")
	}
}

// TestCompareFigure: a sentence's figure the same as another of the
// claim's figures is that one's, never another value of the figure
// weighed; one no figure of the claim shares is.
func TestCompareFigure(t *testing.T) {
	for _, tc := range []struct {
		name, claim, sentence string
		at                    int // the claim's figure weighed
		same                  bool
		comparable            []string
	}{
		{"another of the claim's", "Nearly 26% had an outcome, compared with 12.5% of the others.",
			"nearly 26%, compared with 17.5% in the group that didn't", 1, false, []string{"17.5%"}},
		{"the figure itself", "Nearly 26% had an outcome, compared with 12.5% of the others.",
			"nearly 26%, compared with 17.5% in the group that didn't", 0, true, []string{"17.5%"}},
		{"no figure of the claim's", "Sales rose from 10% to 12% this year.",
			"sales rose from 11% to 15%", 1, false, []string{"11%", "15%"}},
		// a count whose noun modifies the one the claim counts counts that
		// one; not across a stop word, nor more than countedWords on
		{"a noun modified", "Ana Pita retired after her 12th season as a league coach.",
			"After her fourth season with the Otters and her 14th big league coaching season, Ana Pita retired.", 0, false, []string{"fourth season", "14th big league coaching season"}},
		{"a stop word between", "Ana Pita retired after her 12th season as a league coach.",
			"After her fourth season with the Otters and her 14th big win in season, Ana Pita retired.", 0, false, []string{"fourth season"}},
		{"a verb after a stop word", "Ana Pita was twice stripped of her league title.",
			"Ana Pita went on to twice be stripped of her league title.", 0, false, nil},
		{"a number word", "Ana Pita played in 95 league seasons.",
			"Ana Pita played in ninety-five league seasons.", 0, false, nil},
		{"too far on", "Ana Pita retired after her 12th season as a league coach.",
			"After her fourth season with the Otters and her 14th big league coaching job season, Ana Pita retired.", 0, false, []string{"fourth season"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			figs := hedged(tc.claim, Figures(tc.claim))
			same, _, comparable := compareFigure(figs[tc.at], figs, countedAs(tc.sentence, Figures(tc.sentence), figs))
			var got []string
			for _, f := range comparable {
				got = append(got, f.Text)
			}
			if same != tc.same || !slices.Equal(got, tc.comparable) {
				t.Errorf("%s in %q: same %v, comparable %q; want %v, %q", figs[tc.at].Text, tc.sentence, same, got, tc.same, tc.comparable)
			}
		})
	}
}

// TestCheckTellsOffice: a claim giving someone an office, or what it
// writes after "the", is supported only by a sentence that tells it (or
// a WordNet synonym of it); the documents call Dara Lomax "the striker".
func TestCheckTellsOffice(t *testing.T) {
	d := testDesk(t)
	for _, tc := range []struct {
		claim   string
		verdict Verdict
	}{
		{"Quarry United signed the striker Dara Lomax.", Supported},
		{"Quarry United signed the captain Dara Lomax.", NotFound},
		{"Acme Robotics was founded by its chair Jane Okafor and Tom Reyes.", NotFound},
	} {
		r, err := d.Check(context.Background(), answer.Request{}, tc.claim)
		if err != nil {
			t.Fatal(err)
		}
		if r.Verdict != tc.verdict {
			t.Errorf("%q: %s, want %s\n%s", tc.claim, r.Verdict, tc.verdict, r.Text())
		}
	}
}

// TestCheckTableAndPastYear: a table of results flattened into a line
// supports nothing (TableFigures), and a sentence of another time
// contradicts no figure of a claim about a year long before its document
// (PastYears): "Northland beat Eastvale by 70 runs … on Wednesday" is not
// the 1987 semi-final's margin. Each rule off, the old wrong verdict
// comes back.
func TestCheckTableAndPastYear(t *testing.T) {
	const (
		tableClaim = "Westmark beat Northland by 53 runs in the 1987 Harbour Cup semi-final."
		pastClaim  = "Westmark beat Northland by 35 runs in the 1987 Harbour Cup semi-final."
		nowClaim   = "Northland beat Eastvale by 75 runs in the first semi-final of the Harbour Cup."
		manyClaim  = "Northland's opener Kiri Tane scored 88 runs in the Harbour Cup final."
	)
	for _, tc := range []struct {
		name    string
		claim   string
		tune    func(*Tuning)
		verdict Verdict
	}{
		{"a table", tableClaim, nil, NotFound},
		{"a table, TableFigures at its rows' count", tableClaim, func(tu *Tuning) { tu.TableFigures = 4 }, NotFound},
		{"a table, TableFigures above its rows' count", tableClaim, func(tu *Tuning) { tu.TableFigures = 5 }, Supported},
		{"another time", pastClaim, nil, NotFound},
		{"another time, PastYears off", pastClaim, func(tu *Tuning) { tu.PastYears = 100 }, Contradicted},
		{"no year claimed", nowClaim, nil, Contradicted},
		// prose ending in a full stop may state many figures of a kind
		{"many figures in a sentence", manyClaim, nil, Supported},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := testDesk(t)
			tu := DefaultTuning
			if tc.tune != nil {
				tc.tune(&tu)
			}
			d.Tuning = &tu
			r, err := d.Check(context.Background(), answer.Request{}, tc.claim)
			if err != nil {
				t.Fatal(err)
			}
			if r.Verdict != tc.verdict {
				t.Errorf("%q: %s, want %s\n%s", tc.claim, r.Verdict, tc.verdict, r.Text())
			}
		})
	}
}

// TestYearTold: the claim's year is told by the sentence, the one before
// or its section's heading ("1987 Harbour Cup, against Westmark"), not by
// a heading of a later section.
func TestYearTold(t *testing.T) {
	d := testDesk(t)
	doc, ok, err := d.Engine.Document(context.Background(), "harbour-cup")
	if err != nil || !ok {
		t.Fatalf("harbour-cup: %v", err)
	}
	at := func(s string) sentence {
		i := strings.Index(doc.Text, s)
		if i < 0 {
			t.Fatalf("%q not in harbour-cup", s)
		}
		return sentence{doc: doc, start: i, end: i + len(s)}
	}
	y1987 := Figures("in 1987")[0]
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"Northland collapsed late in the semi-final and lost the match by 35 runs.", true},
		{"Northland beat Eastvale by 70 runs in the first semi-final of the Harbour Cup on Wednesday, November 15, at the Harbour Oval in Port Kira.", false},
	} {
		if got := yearTold(y1987, at(tc.s)); got != tc.want {
			t.Errorf("yearTold(1987, %q) = %v, want %v", tc.s, got, tc.want)
		}
	}
	if !pastYear(y1987, doc, 1) || pastYear(Figures("in 2022")[0], doc, 1) {
		t.Errorf("pastYear: 1987 is past in a 2023 document, 2022 is not")
	}
}

// TestCheckKinds: sentences of kinds that tell a claim otherwise than
// its words do.
func TestCheckKinds(t *testing.T) {
	d := testDesk(t)
	for name, cases := range map[string][]claimCase{
		// A question states nothing: "Should Brackenfield Rovers hire Ines
		// Corr as their new manager?" gives the office to no one and
		// supports no claim that she was hired.
		"question": {
			{"Brackenfield Rovers hired Tomas Reyes as their new manager.", NotFound, ""},
			{"Brackenfield Rovers hired Ines Corr as their new manager.", NotFound, ""},
		},
		// A win-loss record ("went 41-30") is a figure like any other,
		// judged in a sentence stating the team's record, not in a match's
		// report; written wins first, 30-41 is another record.
		"record": {
			{"The Kelp Coast Otters went 41-30 and missed the playoffs.", Supported, ""},
			{"The Kelp Coast Otters went 40-31 and missed the playoffs.", Contradicted, "41-30"},
			{"The Kelp Coast Otters went 30-41 and missed the playoffs.", Contradicted, "41-30"},
		},
		// A sentence writing the acronym its document defines ("Harbour
		// Growth Bonds (HGBs)") tells of what the acronym stands for: "HGBs
		// are only available …" states the claim's words.
		"acronym": {
			{"Harbour Growth Bonds require a minimum investment of $50,000.", Supported, ""},
			{"Harbour Growth Bonds require a minimum investment of $75,000.", Contradicted, "$50,000"},
		},
		// A live page's final-score line ("Final: Herons 21, Foxes 20")
		// tells the match's result, the team of more points the winner: it
		// supports the claim's score and winner, and contradicts another
		// score or the other winner; the page's in-game scores ("Foxes 20,
		// Herons 15") support no claim of a result.
		"final line": {
			{"The Saltmarsh Herons came from behind to beat the Ridge Foxes 21-20.", Supported, ""},
			{"The Herons beat the Foxes 24-20.", Contradicted, "Herons 21, Foxes 20"},
			{"The Foxes beat the Herons 21-20.", Contradicted, "Herons 21, Foxes 20"},
			{"The Foxes beat the Herons 20-15.", Contradicted, "Herons 21, Foxes 20"},
		},
		// A report of a match its title numbers ("… highlights from Game
		// 4") tells nothing of another match the claim numbers ("in Game
		// 3"); of the claim's own, its final line is the result.
		"numbered match": {
			{"The Kestrels beat the Owls 3-1 in Game 3 of the Cup final.", NotFound, ""},
			{"The Kestrels beat the Owls 3-1 in Game 4 of the Cup final.", Contradicted, "11-7"},
			{"The Kestrels beat the Owls 11-7 in Game 4 of the Cup final.", Supported, ""},
		},
	} {
		t.Run(name, func(t *testing.T) {
			for _, tc := range cases {
				checkClaim(t, d, answer.Request{}, tc, "")
			}
		})
	}
}

// TestCheckFinalLineAfterProse: a report telling the result in prose
// shows that sentence, not its final-score line, as the support and the
// contradiction ("4-2", not "Gulls 4, Rams 2").
func TestCheckFinalLineAfterProse(t *testing.T) {
	d := testDesk(t)
	r := checkClaim(t, d, answer.Request{}, claimCase{"The Gulls came back to beat the Rams 4-2 in Connor Vale's first game.", Supported, ""}, "")
	if len(r.Lines) == 0 || !strings.Contains(r.Lines[0].Text, "4-2 win") {
		t.Errorf("shown:\n%s", r.Text())
	}
	checkClaim(t, d, answer.Request{}, claimCase{"The Gulls beat the Rams 5-2 in Connor Vale's debut.", Contradicted, "4-2"}, "")
}

// TestCheckNamesPeople: a claim without figures naming someone is
// supported only by a sentence naming them (by their surname, or by a
// pronoun after the sentence naming them): "The Harbour Authority fired
// its deputy director, Priya Nandan, …" under a title naming Colm Varga
// states nothing of Varga's firing, nor "The Harbour Authority paid its
// deputy director, Priya Nandan, $40,000 …" of Varga's pay. With either rule off (unfigured, figured), its Varga
// claim is supported.
func TestCheckNamesPeople(t *testing.T) {
	d := testDesk(t)
	for _, tc := range []struct {
		claim   string
		verdict Verdict
	}{
		{"The Harbour Authority fired Priya Nandan over the dredging contract.", Supported},
		{"The Harbour Authority fired Colm Varga over the dredging contract.", NotFound},
		{"Priya Nandan was paid $40,000 in severance by the Harbour Authority over the dredging contract.", Supported},
		{"Colm Varga was paid $40,000 in severance by the Harbour Authority over the dredging contract.", NotFound},
	} {
		r, err := d.Check(context.Background(), answer.Request{}, tc.claim)
		if err != nil {
			t.Fatal(err)
		}
		if r.Verdict != tc.verdict {
			t.Errorf("%q: %s, want %s\n%s", tc.claim, r.Verdict, tc.verdict, r.Text())
		}
	}
}

func TestNamesPeople(t *testing.T) {
	for _, tc := range []struct {
		persons []string
		s       string
		want    bool
	}{
		{nil, "Michigan fired its linebackers coach.", true},
		{[]string{"Jim Harbaugh"}, "linebackers coach Chris Partridge, who was fired by Michigan", false},
		{[]string{"Jim Harbaugh"}, "Michigan suspended Harbaugh for three games.", true},
		{[]string{"Jim Harbaugh"}, "Michigan suspended its head coach for three games.", true},
		{[]string{"Tom Reyes", "Acme Robotics"}, "said Tom Reyes, who was named interim chief executive.", true},
		{[]string{"Jim Harbaugh"}, "defensive coordinator Jim Knowles", false},
		{[]string{"Jim Harbaugh", "Ryan Day"}, "Harbaugh beat Ohio State coach Ryan Day.", true},
		// a competition or a place is no person left out
		{[]string{"Jonny Bairstow", "World Cup"}, "Jonny Bairstow, who has averaged just 25.2 this tournament, and all-rounder Chris Woakes", true},
		{[]string{"Ohio State"}, "linebackers coach Chris Partridge, who was fired by Michigan", true},
		{[]string{"Jim Harbaugh", "Ryan Day"}, "Harbaugh beat Ohio State coach Luke Fickell.", false},
	} {
		if got := namesPeople(tc.persons, tc.s); got != tc.want {
			t.Errorf("namesPeople(%q, %q) = %v, want %v", tc.persons, tc.s, got, tc.want)
		}
	}
}

// TestCheckOfficeElsewhere: a sentence writing the claim's office beside
// someone else of another organisation ("Northwind Dynamics CEO Rhea
// Collins" against "the CEO of Orbis Labs") neither contradicts the
// claim with them nor supports it; the organisation's own office holder
// contradicts it. With the owner rule of roleOther off, the first is
// Contradicted by Rhea Collins; with the unsure case of Check off, it is
// Supported by the panel's sentence.
func TestCheckOfficeElsewhere(t *testing.T) {
	d := testDesk(t)
	for _, tc := range []struct {
		claim   string
		verdict Verdict
		figure  string
	}{
		{"Dana Whitfield is the CEO of Orbis Labs.", Contradicted, "Tomas Lind"},
		{"Dana Whitfield is the CEO of Northwind Dynamics.", Contradicted, "Rhea Collins"},
	} {
		r, err := d.Check(context.Background(), answer.Request{}, tc.claim)
		if err != nil {
			t.Fatal(err)
		}
		if r.Verdict != tc.verdict || tc.figure != "" && !strings.Contains(r.Headline, tc.figure) {
			t.Errorf("%q: %s, want %s %s\n%s", tc.claim, r.Verdict, tc.verdict, tc.figure, r.Text())
		}
	}
}

// TestCheckOtherPlaceOrPossibility: a claim with no figure but a year
// is not supported by a sentence naming another place or club where the
// claim names one the sentence does not ("from Acme's reserve side"
// against "from Harwell's", "in Lagos" against "in Kessel"); nor by
// one telling as possible what the claim tells as done ("it's possible
// now he'll need a second operation"). The same sentences support the
// claim as they tell it, and a sentence telling it as done supports it.
// With slotOther off, the changed names come back Supported; with
// possibleOnly off, the possibility does.
func TestCheckOtherPlaceOrPossibility(t *testing.T) {
	d := testDesk(t)
	for _, tc := range []struct {
		claim   string
		verdict Verdict
	}{
		{"Tomas Brandt joined Castlebridge on loan from Acme's reserve side in 2009.", NotFound},
		{"Tomas Brandt joined Castlebridge on loan from Harwell's reserve side in 2009.", Supported},
		{"Forecaster Lena Morrow was working the night shift at the weather office in Lagos, Valdor.", NotFound},
		{"Forecaster Lena Morrow was working the night shift at the weather office in Kessel, Valdor.", Supported},
		{"Joel Varga has had a second operation on his knee.", NotFound},
		{"Joel Varga may need a second operation on his knee.", Supported},
		{"Omar Reyes has had a second operation on his ankle.", Supported},
		// "would" tells what a thing does: no hedge
		{"Castlebridge's Academy Pathway, launched in June, grants local players a trial with the first team.", Supported},
		// a plan is one with "to": "their holiday plans" is no hedge
		{"Castlebridge fans spent 40,000 pounds at the club shop on opening day.", Supported},
		{"Castlebridge has spent 90,000 pounds on a new stand.", NotFound},
		// a claim of the future is judged as written
		{"Castlebridge will spend 90,000 pounds on a new stand.", Supported},
		// the claim's own person is no other holder of its role
		{"Dana Whitfield co-founded Orbis Labs.", Supported},
		// a condition is no fact ("Even if Joel Varga is able to clear …")
		{"Joel Varga has cleared the club's fitness test.", NotFound},
	} {
		r, err := d.Check(context.Background(), answer.Request{}, tc.claim)
		if err != nil {
			t.Fatal(err)
		}
		if r.Verdict != tc.verdict {
			t.Errorf("%q: %s, want %s\n%s", tc.claim, r.Verdict, tc.verdict, r.Text())
		}
	}
}

// TestCheckHalftimeScore: a Contradicted score shows the report's score
// told in the claim's words ("a 1-1 halftime tie" for "tied 2-2 at
// halftime"), not the result the report leads with; a claimed result is
// contradicted by the result. With closerScore off, the half-time claim
// shows 3-1.
func TestCheckHalftimeScore(t *testing.T) {
	d := testDesk(t)
	for _, tc := range []struct{ claim, figure string }{
		{"The Kestrels and the Harriers were tied 2-2 at halftime.", "1-1"},
		{"The Kestrels beat the Harriers 4-1.", "3-1"},
	} {
		r, err := d.Check(context.Background(), answer.Request{}, tc.claim)
		if err != nil {
			t.Fatal(err)
		}
		if r.Verdict != Contradicted || r.Figure != tc.figure {
			t.Errorf("%q: %s %q, want contradicted %q\n%s", tc.claim, r.Verdict, r.Figure, tc.figure, r.Text())
		}
	}
}

// TestFiguresMultiplier: a length or count written with a number and a
// word of magnitude ("76 million years") is read whole, so two such
// figures differing only in the number are not the same; one with no
// number before its word of magnitude is left as read.
func TestFiguresMultiplier(t *testing.T) {
	for _, tc := range []struct {
		s     string
		kind  Kind
		value float64
		text  string
	}{
		{"It ended roughly 66 million years ago.", Duration, 66e6, "66 million years"},
		{"The rocks formed 1.5 billion years ago.", Duration, 1.5e9, "1.5 billion years"},
		{"It took a million years to form.", Duration, 1e6, "million years"},
	} {
		fs := Figures(tc.s)
		if len(fs) != 1 || fs[0].Kind != tc.kind || fs[0].Value != tc.value || fs[0].Text != tc.text {
			t.Errorf("%q: %+v, want one %s %g %q", tc.s, fs, tc.kind, tc.value, tc.text)
		}
	}
	a, b := Figures("It ended 76 million years ago."), Figures("It ended 66 million years ago.")
	if len(a) != 1 || len(b) != 1 || a[0].Same(b[0]) {
		t.Errorf("76 and 66 million years read the same: %+v, %+v", a, b)
	}
}

// TestCheckObjectOther: a sentence giving the claim's verb another
// object right after it ("to ban Vexo scooters") is no support of the
// claim's object ("banned Orbal's scooters"), though it names the claim's
// elsewhere ("Beyond Orbal"); the claim's own object after the verb, or
// further in the same clause ("sued Quarrel and Tansy Holdings"),
// supports it. A length told with a word of magnitude is read whole (35
// million years is not 45 million). With objectOther off, the first
// claim is Supported; with withMultiplier off, the third.
func TestCheckObjectOther(t *testing.T) {
	checkClaims(t, []claimCase{
		{"Harbourton has banned Orbal's scooters.", NotFound, ""},
		{"Harbourton has banned Vexo scooters.", Supported, ""},
		{"The Valdor regulator sued Tansy Holdings over the harbour merger.", Supported, ""},
		{"The Kessel crater formed about 45 million years ago.", Contradicted, "35 million years"},
		{"The Kessel crater formed roughly 35 million years ago.", Supported, ""},
	})
}

// TestFiguresClock: a time of day written with "a.m." or "p.m." is a
// figure in minutes after midnight; an hour past twelve or minutes past
// 59 are none.
// A place in a ranking after a verb of ranking is a figure, compared only
// with another place: "ranked 28th" against "ranking 30th".
func TestFiguresRank(t *testing.T) {
	rank := func(s string) []float64 {
		var out []float64
		for _, f := range Figures(s) {
			if f.Kind == Rank {
				out = append(out, f.Value)
			}
		}
		return out
	}
	for s, want := range map[string][]float64{
		"Arizona went into the game ranked 28th in dropback EPA.": {28},
		"The defense is ranking 30th against the run.":            {30},
		"He ranks No. 3 among tight ends.":                        {3},
		"She finished 28th in the race.":                          nil, // no verb of ranking
	} {
		if got := rank(s); !slices.Equal(got, want) {
			t.Errorf("%q: ranks %v, want %v", s, got, want)
		}
	}
	a, b := Figures("ranked 28th")[0], Figures("ranking 30th")[0]
	if a.Same(b) || !a.Comparable(b) {
		t.Errorf("28th and 30th: same %v, comparable %v; want another place of the same ranking", a.Same(b), a.Comparable(b))
	}
}

func TestFiguresClock(t *testing.T) {
	for _, tc := range []struct {
		s     string
		value float64 // -1: no figure
	}{
		{"Kickoff is at 1 p.m. ET.", 780},
		{"They meet at 4:25 p.m. on Sunday.", 985},
		{"The doors open at 8:15pm.", 1215},
		{"The polls close at 12 a.m.", 0},
		{"It was 14 p.m. somewhere.", -1},
		{"It was 3:75 a.m. somewhere.", -1},
	} {
		var got []Figure
		for _, f := range Figures(tc.s) {
			if f.Kind == Clock {
				got = append(got, f)
			}
		}
		switch {
		case tc.value < 0 && len(got) > 0:
			t.Errorf("%q: %+v, want no time of day", tc.s, got)
		case tc.value >= 0 && (len(got) != 1 || got[0].Value != tc.value):
			t.Errorf("%q: %+v, want one at %g", tc.s, got, tc.value)
		}
	}
}

// TestCheckClock: a claim's time of day is contradicted by another the
// documents give the same event ("4:25 p.m."), supported by the same.
// With clock times unread, both are Not found.
func TestCheckClock(t *testing.T) {
	checkClaims(t, []claimCase{
		{"The Harbourton ferry leaves the north pier at 6 p.m. on weekdays.", Contradicted, "4:25 p.m."},
		{"The Harbourton ferry leaves the north pier at 4:25 p.m. on weekdays.", Supported, ""},
	})
}

// TestCheckOtherWhole: a percentage of another whole ("60% of all
// riverside homes") is no other value of a claim's percentage of a whole
// with other words before the same noun ("85% of hillside homes"): Not
// found, not Contradicted. A whole told with fewer words ("70% of homes")
// or the same words is the same whole. With otherWhole off, the first is
// Contradicted "60%".
func TestCheckOtherWhole(t *testing.T) {
	checkClaims(t, []claimCase{
		{"The 2019 flood destroyed 85% of hillside homes in Harbourton.", NotFound, ""},
		{"The 2019 flood destroyed 70% of homes in Harbourton.", Contradicted, "60%"},
		{"The 2019 flood destroyed 70% of riverside homes in Harbourton.", Contradicted, "60%"},
		{"The 2019 flood destroyed 60% of riverside homes in Harbourton.", Supported, ""},
	})
	for _, tc := range []struct {
		claim, sent string
		other       bool
	}{
		{"96% of marine species perished.", "an estimated 90% of all Permian species disappeared", true},
		{"71% of US adults favour it.", "81% of U.S. adults were in favor", false},
		{"71% of adults favour it.", "81% of U.S. adults were in favor", false},
		{"Sales rose 5% in May.", "sales rose 7% in June", false},
	} {
		cf, f := Figures(tc.claim)[0], Figures(tc.sent)[0]
		if got := otherWhole(tc.claim, cf, tc.sent, f); got != tc.other {
			t.Errorf("%q against %q: other whole %v, want %v", tc.claim, tc.sent, got, tc.other)
		}
	}
}

// TestFiguresLengthAfter: a count of a word before a unit of time ("two
// straight weeks") is that length; a count of a noun is left a count.
func TestFiguresLengthAfter(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want Figure
	}{
		{"He ran for 47 yards two straight weeks.", Figure{Kind: Duration, Unit: "week", Value: 2, Text: "two straight weeks"}},
		{"It rained three consecutive days.", Figure{Kind: Duration, Unit: "day", Value: 3, Text: "three consecutive days"}},
		{"They signed two straight players.", Figure{Kind: Count, Unit: "straight", Value: 2, Text: "two straight"}},
	} {
		var got *Figure
		for _, f := range Figures(tc.s) {
			if f.Text == tc.want.Text || strings.HasPrefix(tc.want.Text, f.Text) {
				got = &f
			}
		}
		if got == nil || got.Kind != tc.want.Kind || got.Unit != tc.want.Unit || got.Value != tc.want.Value || got.Text != tc.want.Text {
			t.Errorf("%q: %+v, want %+v (all %+v)", tc.s, got, tc.want, Figures(tc.s))
		}
	}
}

// TestCheckLengthAfter: "two straight weeks" states a claim's "two
// weeks", and contradicts "three weeks". With lengthAfter off, both are
// Not found.
func TestCheckLengthAfter(t *testing.T) {
	checkClaims(t, []claimCase{
		{"The Harbourton pool has stayed shut for two weeks since the storm flooded its boiler room.", Supported, ""},
		{"The Harbourton pool has stayed shut for three weeks since the storm flooded its boiler room.", Contradicted, "two straight weeks"},
	})
}

// TestCheckUnitBefore: a bare number after the claim's counted noun in
// the same clause ("leader in assists with 14"), or after the same two
// words as the claim's count ("total of"), counts that noun: it
// contradicts "11 assists" and supports "14 assists". With unitBefore
// off, all four are Not found.
func TestCheckUnitBefore(t *testing.T) {
	checkClaims(t, []claimCase{
		{"Cal Oduya remains the Harbourton leader with 11 assists on the season.", Contradicted, "14"},
		{"Cal Oduya remains the Harbourton leader with 14 assists on the season.", Supported, ""},
		// the two words before the number are the claim's: "total of"
		{"The Harbourton derby has a match total of 40.5 points.", Contradicted, "42.5"},
		{"The Harbourton derby has a match total of 42.5 points.", Supported, ""},
	})
	figs := Figures("He has 11 assists.")
	for _, tc := range []struct {
		sent string
		want int
	}{
		{"He leads the club in assists with 14 on the season.", 1},
		{"He leads the club with 14 on the season.", 0},
		{"He leads the club in assists; 14 on the season.", 0},
		{"He has a total of 14.5 and more.", 0},
		{"He has 11 of 14.5 and more.", 0},
	} {
		if got := unitBefore("He has 11 assists.", tc.sent, Figures(tc.sent), figs); len(got) != tc.want {
			t.Errorf("%q: %+v, want %d", tc.sent, got, tc.want)
		}
	}
}

// TestCheckOwnMeeting: a claim placing its match in the past ("in their
// last game") is told by a preview's "Last time out, the Harriers beat
// the Wrens 3-0": its words of an earlier meeting are the claim's own
// match, which it supports or contradicts. A claim with no such words is
// not (the sentence may tell of another meeting of the two). With
// ownMeeting off, the first two are Not found.
func TestCheckOwnMeeting(t *testing.T) {
	checkClaims(t, []claimCase{
		{"The Harriers beat the Wrens 3-0 in their last game.", Supported, ""},
		{"The Harriers beat the Wrens 2-0 in their last game.", Contradicted, "3-0"},
		{"The Harriers beat the Wrens 2-0.", NotFound, ""},
	})
}

// TestCheckSourceOther: a claim stating the sentence's report but
// giving it another source of the same outlet ("according to Valdor
// Post's Omar Lutz" where the sentence has "Valdor Post's Nia Brandt") is
// Contradicted, with the sentence's source; another outlet's is Not
// found (two outlets may report the same), the same source Supported.
// With sourceOther off, the first is Not found.
func TestCheckSourceOther(t *testing.T) {
	checkClaims(t, []claimCase{
		{"According to Valdor Post's Omar Lutz, the Harbourton ferry will keep running through the winter.", Contradicted, "Nia Brandt"},
		{"According to Harbour FM's Omar Lutz, the Harbourton ferry will keep running through the winter.", NotFound, ""},
		{"According to Valdor Post's Nia Brandt, the Harbourton ferry will keep running through the winter.", Supported, ""},
	})
}

// TestCheckShortForm: a sentence writing a short form the document gives
// "for short" ("the K-V fault" of "the Kessel-Varn (or K-V for short)
// fault") holds its name: it contradicts or supports a claim naming it in
// full. With spelledShort off, the second is Not found.
func TestCheckShortForm(t *testing.T) {
	checkClaims(t, []claimCase{
		{"The Kessel-Varn fault moved 25 centimetres.", Contradicted, "40 centimetres"},
		{"The Kessel-Varn fault moved 40 centimetres.", Supported, ""},
	})
	short := shortForms("the Permian-Triassic (or P-T for short) extinction; Kessel Valley (KV for short)")
	for _, tc := range []struct{ sent, want string }{
		{"at the P-T boundary", "\nPermian-Triassic"},
		{"at the P-Tx boundary", ""},
		{"the KV line", "\nKessel Valley"},
		{"the AKV line", ""},
	} {
		if got := spelledShort(tc.sent, short); got != tc.want {
			t.Errorf("%q: %q, want %q", tc.sent, got, tc.want)
		}
	}
}

// TestCheckCause: a claim giving a cause ("because of …", "with a …") is
// supported only by a sentence telling that cause too; without it the
// sentence states the claim in part, and the claim is Not found.
func TestCheckCause(t *testing.T) {
	d := testDesk(t)
	for _, tc := range []struct {
		claim   string
		verdict Verdict
	}{
		{"Omar Reyes has had a second operation on his ankle.", Supported},
		{"Omar Reyes has had a second operation with an injured ankle.", Supported},
		{"Omar Reyes has had a second operation with a torn hamstring.", NotFound},
		{"Omar Reyes has had a second operation on his ankle because of a training-ground collision.", NotFound},
	} {
		r, err := d.Check(context.Background(), answer.Request{}, tc.claim)
		if err != nil {
			t.Fatal(err)
		}
		if r.Verdict != tc.verdict {
			t.Errorf("%q: %s, want %s\n%s", tc.claim, r.Verdict, tc.verdict, r.Text())
		}
	}
}

// TestOtherScore: a sentence stating a score, none of them the claim's,
// tells of another result; one stating the claim's (among others), or no
// score, or a claim without one, is no case.
func TestOtherScore(t *testing.T) {
	for _, tc := range []struct {
		claim, sent string
		want        bool
	}{
		{"Dak Prescott threw for 374 yards in a 31-23 Week 9 loss.", "He torched them for 374 yards in a narrow 28-23 loss in Week 9.", true},
		{"Dak Prescott threw for 374 yards in a 28-23 Week 9 loss.", "He torched them for 374 yards in a narrow 28-23 loss in Week 9.", false},
		{"The Lions beat the Stars 12-11 after trailing 6-3 at halftime.", "The Lions led 3-6 at halftime before winning 12-11.", false},
		{"Dak Prescott threw for 374 yards in a 31-23 Week 9 loss.", "He torched them for 374 yards in Week 9.", false},
		{"Dak Prescott threw for 374 yards in Week 9.", "He torched them for 374 yards in a narrow 28-23 loss in Week 9.", false},
	} {
		if got := otherScore(Figures(tc.claim), tc.sent); got != tc.want {
			t.Errorf("otherScore(%q, %q) = %v, want %v", tc.claim, tc.sent, got, tc.want)
		}
	}
}

// TestCheckFiguresOtherInRole: every figure of a claim told of another
// person in the role the claim gives the one it opens with ("Marlow's
// longtime finance chief Petra Vance … served seven months") contradicts
// it, naming them; told of the claim's person, or with another figure,
// it does not.
func TestCheckFiguresOtherInRole(t *testing.T) {
	checkClaims(t, []claimCase{
		{"Ivo Brandt, Marlow's longtime finance chief, pleaded guilty and served seven months in jail.", Contradicted, "Petra Vance"},
		{"Petra Vance, Marlow's longtime finance chief, pleaded guilty and served seven months in jail.", Supported, ""},
		{"Ivo Brandt, Marlow's longtime finance chief, pleaded guilty and served three years in jail.", NotFound, ""},
	})
}

// TestCheckCountCountryLetters: a count with a country's letters before
// its noun ("more than 30 U.K. secondary schools") is a figure: another
// number of them contradicts the claim; the same supports it.
func TestCheckCountCountryLetters(t *testing.T) {
	checkClaims(t, []claimCase{
		{"Valdor researchers surveyed more than 50 U.K. secondary schools and found homework grades were steady.", Contradicted, "30 U.K. secondary"},
		{"Valdor researchers surveyed more than 30 U.K. secondary schools and found homework grades were steady.", Supported, ""},
	})
}

// TestCheckUnreadNumbers: a number after which the claim writes a time
// word ("three after ten overs") is no count of "afters"; a number of the
// claim read as no figure ("98 for three") must be in the sentence that
// supports it.
func TestCheckUnreadNumbers(t *testing.T) {
	checkClaims(t, []claimCase{
		{"Valdor reached 98 for three after ten overs but added just 41 more runs in the second half of their innings, losing six wickets.", Supported, ""},
		{"Valdor reached 104 for three after ten overs but added just 41 more runs in the second half of their innings, losing six wickets.", NotFound, ""},
		{"Valdor crunched their way to 98 for three off the first ten overs.", Supported, ""},
		{"Valdor crunched their way to 104 for three off the first ten overs.", NotFound, ""},
	})
}

func TestUnreadNumbers(t *testing.T) {
	for _, tc := range []struct {
		claim string
		want  []float64
	}{
		{"England reached 112 for two after ten overs in the first T20 of 2023", []float64{112}},
		{"Bairstow has averaged 25.2 at the World Cup", []float64{25.2}},
		{"COVID-19 cases rose on 5G phones", nil},
	} {
		if got := unreadNumbers(tc.claim, Figures(tc.claim)); !slices.Equal(got, tc.want) {
			t.Errorf("unreadNumbers(%q) = %v, want %v", tc.claim, got, tc.want)
		}
	}
	if !numbersStated([]float64{112}, "England were 112-2") || !numbersStated([]float64{25.2}, "averaged just 25.20") || numbersStated([]float64{112}, "England were 121-2") {
		t.Error("numbersStated: want 112 in 112-2 and 25.2 in 25.20, not 112 in 121-2")
	}
}

// TestCheckOtherSurname: a sentence stating what the claim says, of a
// person its document names in full elsewhere and here by surname alone
// ("Vrell, for example, suspects …"), supports nothing of the claim's
// person; of the claim's person by surname it does.
func TestCheckOtherSurname(t *testing.T) {
	checkClaims(t, []claimCase{
		{"Lena Dask suspects Pixora restricted her for 48 hours because other users reported her Tarn valley travel videos.", NotFound, ""},
		{"Mara Vrell suspects Pixora restricted her for 48 hours because other users reported her Tarn valley travel videos.", Supported, ""},
		{"Lena Dask suspects Pixora restricted her because other users reported her Tarn valley travel videos.", NotFound, ""},
		{"Mara Vrell suspects Pixora restricted her because other users reported her Tarn valley travel videos.", Supported, ""},
	})
}

// TestOtherSurname: the boundary of otherSurname.
func TestOtherSurname(t *testing.T) {
	sn := docSurnames("Earlier this year, filmmaker Mara Vrell posted videos. Lena Dask said she was censored.")
	for _, tc := range []struct {
		persons []string
		s, want string
	}{
		{[]string{"Lena Dask"}, "Vrell, for example, suspects that Pixora restricted her.", "Vrell"},
		{[]string{"Mara Vrell"}, "Vrell, for example, suspects that Pixora restricted her.", ""},
		{[]string{"Lena Dask"}, "Dask said Vrell was restricted too.", ""},
		{[]string{"Lena Dask"}, "Pixora restricted her for 48 hours.", ""},
		{[]string{"Lena Dask"}, "a vrell of the storm restricted her.", ""},
	} {
		if got := otherSurname(tc.persons, tc.s, sn); got != tc.want {
			t.Errorf("otherSurname(%q, %q) = %q, want %q", tc.persons, tc.s, got, tc.want)
		}
	}
}

// TestCheckOtherYearsFigure: an amount a sentence dates by other years
// than the claim's ("in 2020 and 2021" against "for 2022") is another
// time's, and contradicts nothing; dated by the claim's year, or the same
// amount at another year, it still does.
func TestCheckOtherYearsFigure(t *testing.T) {
	checkClaims(t, []claimCase{
		{"The Corvane Herald reported more than $150 million in revenue for 2022.", NotFound, ""},
		{"The Corvane Herald reported $9.5 million in revenue from contributions and grants in 2020 and 2021.", Contradicted, "$6.2 million"},
		{"The Corvane Herald grew its revenue by 300% in two years, to $75 million in 2021.", Contradicted, "$90 million"},
		{"The Corvane Herald grew its revenue by 300% in two years, to $90 million in 2021.", Supported, ""},
	})
}

// TestCheckOtherClauseFigure: an amount told in a clause of its own
// before the claim's verb ("returned $30 million …, agreed to pay half a
// million …") is what that clause's verb tells of, no other value of the
// claim's; told after the claim's verb it still is.
func TestCheckOtherClauseFigure(t *testing.T) {
	checkClaims(t, []claimCase{
		{"Oren Harlow's estate agreed to pay the Port Ellis authority $45 million.", NotFound, ""},
		{"The Harlow estate returned $25 million in harbour grants to the Port Ellis authority.", Contradicted, "$30 million"},
		{"The Harlow estate returned $30 million in harbour grants to the Port Ellis authority.", Supported, ""},
	})
}

func TestOtherClauseFigure(t *testing.T) {
	sent := "The estate returned $30 million in grants, agreed to pay half a million and set up a fund."
	f := Figures(sent)[0]
	for _, tc := range []struct {
		verb string
		want bool
	}{
		{"agreed", true},
		{"agrees", true},
		{"returned", false},
		{"paid", false}, // "pay" is no predicate's first word
		{"spent", false},
		{"", false},
	} {
		if got := otherClauseFigure(tc.verb, sent, f); got != tc.want {
			t.Errorf("otherClauseFigure(%q) = %v, want %v", tc.verb, got, tc.want)
		}
	}
	for _, tc := range []struct{ verb, sent string }{
		{"agreed", "The estate agreed to pay $30 million, returned grants and set up a fund."},  // the verb before
		{"retired", "After his 26th season as a manager, Ivo Brandt announced his retirement."}, // an opening clause
		{"missed", "They settled for a 52-yard field goal, which Brandt missed wide left."},     // a relative clause
	} {
		if otherClauseFigure(tc.verb, tc.sent, Figures(tc.sent)[0]) {
			t.Errorf("otherClauseFigure(%q, %q): the verb's own figure", tc.verb, tc.sent)
		}
	}
	if s := "The estate returned $30 million in grants; and agreed to pay half a million."; !otherClauseFigure("agreed", s, Figures(s)[0]) {
		t.Errorf("otherClauseFigure(%q): another predicate's figure", s)
	}
}

// TestCheckRangeUnit: a change told from one number to another with the
// unit written once ("from 4.2 to 2.6 dives an hour", "from 4.2 dives per
// hour to 2.6 per hour") is two figures of that unit: the same two
// support the claim; another end contradicts it with the document's.
func TestCheckRangeUnit(t *testing.T) {
	checkClaims(t, []claimCase{
		{"In the Marlin Bay trials, the gulls' rate of diving at the nets fell from 4.2 to 2.6 dives an hour.", Supported, ""},
		{"In the Marlin Bay trials, the gulls' rate of diving at the nets fell from 4.2 to 3.1 dives an hour.", Contradicted, "2.6"},
	})
}

// TestFiguresRange: the number of a range written without its unit
// takes the other's unit and scale; a range of other kinds, or a number
// with its own noun, is left alone.
func TestFiguresRange(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want []string // kind/unit value text
	}{
		{"it fell from 1.5 to 0.5 dives a minute", []string{"count/dive 1.5 1.5", "count/dive 0.5 0.5 dives"}},
		{"it fell from 1.5 dives per minute to 0.5 per minute", []string{"count/dive 1.5 1.5 dives", "count/dive 0.5 0.5"}},
		{"it rose from 10 to 12 million people", []string{"count/peopl 1e+07 10", "count/peopl 1.2e+07 12 million people"}},
		{"sales rose from 12 to 15%", []string{"percent/ 12 12", "percent/ 15 15%"}},
		{"it grew from 40 stores to 52 staff", []string{"count/store 40 40 stores", "count/staff 52 52 staff"}},
		{"from 3 to 4 p.m.", []string{"clock/ 960 4 p.m."}},
	} {
		var got []string
		for _, f := range Figures(tc.s) {
			got = append(got, fmt.Sprintf("%s/%s %v %s", f.Kind, f.Unit, f.Value, f.Text))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("Figures(%q) = %q, want %q", tc.s, got, tc.want)
		}
	}
}

// TestCheckShootingLine: a shooting line ("9-of-31") is a share of its
// whole: another made count of the same attempts contradicts the claim
// with the document's line; the same count of other attempts ("9-of-35")
// is no support (before, both read as a count of "of-").
func TestCheckShootingLine(t *testing.T) {
	checkClaims(t, []claimCase{
		{"The Pelicans went 9-of-31 from three-point range in the loss.", Supported, ""},
		{"The Pelicans went 11-of-31 from three-point range in the loss.", Contradicted, "9-of-31"},
		{"The Pelicans went 9-of-35 from three-point range in the loss.", NotFound, ""},
	})
}

// TestCheckRatio: a ratio ("6.1 times higher risk") is a figure compared
// only with a ratio in the same words: another value contradicts the
// claim with the document's, the same supports it, though the sentence
// states other ratios ("2.4 times more likely", "1.8 times more likely").
func TestCheckRatio(t *testing.T) {
	checkClaims(t, []claimCase{
		{"People taking Veltrazine had a 4.5 times higher risk of rashes than those on Dormax.", Contradicted, "6.1 times higher risk"},
		{"People taking Veltrazine were 2.4 times more likely to report headaches than those on Dormax.", Supported, ""},
	})
}

// TestCheckScaledBareNumber: a bare number with its word of magnitude
// ("reached 3 million in 2022") counts the noun written before it in its
// clause ("The number of people …"): the same count supports the claim,
// another contradicts it, where before the claim's count went unstated
// and its year alone supported it.
func TestCheckScaledBareNumber(t *testing.T) {
	checkClaims(t, []claimCase{
		{"Some 3 million people in Valdor were taking VLT-2 tablets in 2022.", Supported, ""},
		{"Some 5 million people in Valdor were taking VLT-2 tablets in 2022.", Contradicted, "3 million"},
	})
}
