package desk

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/newsroom/askbot/text"
)

// TestReadResult holds each way a sentence tells who won, and the ways
// it leaves that unread.
func TestReadResult(t *testing.T) {
	for _, tc := range []struct {
		name, s       string
		winner, loser string
		level, unread bool
		span          string
	}{
		{"beat", "South Africa beat New Zealand 12-11 in the final.", "South Africa", "New Zealand", false, false, "South Africa beat New Zealand 12-11"},
		{"lost to", "New Zealand lost to South Africa 12-11.", "South Africa", "New Zealand", false, false, "New Zealand lost to South Africa 12-11"},
		{"lost score to", "New Zealand lost 12-11 to South Africa.", "South Africa", "New Zealand", false, false, "New Zealand lost 12-11 to South Africa"},
		{"passive", "New Zealand were beaten 12-11 by South Africa.", "South Africa", "New Zealand", false, false, "New Zealand were beaten 12-11 by South Africa"},
		{"defeat to", "It was a 12-11 defeat to South Africa.", "South Africa", "", false, false, "12-11 defeat to South Africa"},
		{"win over", "South Africa’s 12-11 win over New Zealand", "South Africa", "New Zealand", false, false, "South Africa’s 12-11 win over New Zealand"},
		{"won against", "South Africa won against New Zealand 12-11.", "South Africa", "New Zealand", false, false, "South Africa won against New Zealand 12-11"},
		{"winner only", "it was the Springboks who once again prevailed 12-11 in an instant classic.", "Springboks", "", false, false, "Springboks who once again prevailed 12-11"},
		{"two verbs", "The Lagos Lions won the league final on Saturday, edging the Abuja Stars 12-11 with a late penalty.", "Lagos Lions", "Abuja Stars", false, false, "Lagos Lions won the league final on Saturday, edging the Abuja Stars 12-11"},
		{"teams either side", "Final score: South Africa 12-11 New Zealand", "South Africa", "New Zealand", false, false, "South Africa 12-11 New Zealand"},
		{"teams either side reversed", "Final score: New Zealand 11-12 South Africa", "South Africa", "New Zealand", false, false, "New Zealand 11-12 South Africa"},
		// an article and modifiers around the score describe the result
		{"has a victory", "Texas has a 34-24 head-to-head non-conference victory against the Crimson Tide.", "Texas", "Crimson Tide", false, false, "Texas has a 34-24 head-to-head non-conference victory against the Crimson Tide"},
		{"modifier without the score", "Texas has a head-to-head victory against the Crimson Tide, 34-24.", "", "Crimson Tide", false, false, "victory against the Crimson Tide, 34-24"},
		// how a team won, between it and "beat"; a try or a tip is no result
		{"held on to beat", "The Browns held on to beat the Bears 20-17.", "Browns", "Bears", false, false, "Browns held on to beat the Bears 20-17"},
		{"came from behind to beat", "West Ham came from behind to beat Tottenham 2-1.", "West Ham", "Tottenham", false, false, "West Ham came from behind to beat Tottenham 2-1"},
		{"failed to beat", "The Browns failed to beat the Bears 20-17.", "", "Bears", false, false, "beat the Bears 20-17"},
		{"a tip", "Browns to beat the Bears 20-17.", "", "Bears", false, false, "beat the Bears 20-17"},
		// "at home" between the score and the other team; "at" before a
		// ground or a city is no glue
		{"lost at home to", "Philadelphia lost 42-19 at home to San Francisco.", "San Francisco", "Philadelphia", false, false, "Philadelphia lost 42-19 at home to San Francisco"},
		{"lost at a ground to", "Philadelphia lost 42-19 at Lincoln to San Francisco.", "", "Philadelphia", false, false, "Philadelphia lost 42-19"},
		{"won at a city", "Bournemouth won 3-2 at Nottingham Forest.", "Bournemouth", "", false, false, "Bournemouth won 3-2"},
		{"over hosts", "Burnley took all three points with a deserved 2-0 victory over hosts Fulham.", "", "Fulham", false, false, "2-0 victory over hosts Fulham"},
		{"beat visitors", "Wolves beat visitors Chelsea 2-1.", "Wolves", "Chelsea", false, false, "Wolves beat visitors Chelsea 2-1"},
		// a relative clause after the team, set off by its comma
		{"who beat, after a comma", "Real are one ahead of Barcelona, who beat Sevilla 1-0 at home on Friday.", "Barcelona", "Sevilla", false, false, "Barcelona, who beat Sevilla 1-0"},
		{"a comma without who", "Real are one ahead of Barcelona, and beat Sevilla 1-0 at home on Friday.", "", "Sevilla", false, false, "beat Sevilla 1-0"},
		// a result verb of the sports pages
		{"pulverised", "Eintracht Frankfurt pulverised Bayern Munich 5-1 with a sensational first half.", "Eintracht Frankfurt", "Bayern Munich", false, false, "Eintracht Frankfurt pulverised Bayern Munich 5-1"},
		{"dominates", "Arizona dominates Utah 42-18", "Arizona", "Utah", false, false, "Arizona dominates Utah 42-18"},
		{"win for", "The series concluded with a 3-2 triumph for West Indies.", "West Indies", "", false, false, "3-2 triumph for West Indies"},
		{"beaten for: unread", "It was a 3-2 defeat for West Indies.", "", "", false, false, "3-2"},
		{"draw", "South Africa and New Zealand drew 11-11.", "", "", true, false, "11-11"},
		// a won title is not a beaten team
		{"won a title", "South Africa won the Rugby World Cup 12-11.", "South Africa", "", false, false, "South Africa won the Rugby World Cup 12-11"},
		// a clause between the team and the verb: not read
		{"clause", "South Africa, who trailed New Zealand, prevailed 12-11.", "", "", false, false, "12-11"},
		{"no team", "The home side prevailed 21-20 in a classic.", "", "", false, false, "21-20"},
		// two matches in one sentence: two winners, unread
		{"two winners", "New Zealand beat Australia and then lost to South Africa 12-11.", "", "", false, true, "12-11"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sc := text.Scores(tc.s)
			if len(sc) == 0 {
				t.Fatalf("no score in %q", tc.s)
			}
			r := readResult(tc.s, sc[0])
			if r.winner != tc.winner || r.loser != tc.loser || r.level != tc.level || r.unread != tc.unread {
				t.Errorf("readResult(%q) = %+v, want winner %q loser %q level %v unread %v", tc.s, r, tc.winner, tc.loser, tc.level, tc.unread)
			}
			if got := tc.s[r.span.Start:r.span.End]; got != tc.span {
				t.Errorf("span %q, want %q", got, tc.span)
			}
		})
	}
}

// TestOrderVerdict holds the order check at its cases: the same winner,
// the winner swapped (by "beat" or by "lost to"), a draw, a sentence that
// names another match's teams, and one that names no team of the claim.
func TestOrderVerdict(t *testing.T) {
	const doc = "South Africa beat New Zealand 12-11 in the final."
	for _, tc := range []struct {
		claim, doc string
		want       Verdict
	}{
		{"South Africa beat New Zealand 12-11.", doc, Supported},
		{"New Zealand lost to South Africa 12-11.", doc, Supported},
		{"South Africa 12-11 New Zealand", doc, Supported},
		{"New Zealand beat South Africa 12-11.", doc, Contradicted},
		{"South Africa lost to New Zealand 12-11.", doc, Contradicted},
		{"New Zealand 12-11 South Africa", doc, Contradicted},
		{"The Springboks beat New Zealand 12-11.", doc, ""}, // the winner called otherwise
		{"New Zealand beat South Africa 12-11.", "it was the Springboks who prevailed 12-11.", ""},
		{"South Africa beat New Zealand 12-11.", "it was the Springboks who prevailed 12-11.", ""},
		{"Australia beat Fiji 12-11.", doc, ""}, // another match
		{"South Africa beat Fiji 12-11.", doc, ""},
		{"South Africa drew with New Zealand 11-11.", "New Zealand and South Africa drew 11-11.", Supported},
		{"The final ended 12-11.", doc, Supported},  // no winner claimed
		{"South Africa won 12-11.", doc, Supported}, // the winner alone
		{"New Zealand won 12-11.", doc, Contradicted},
		{"South Africa beat New Zealand 12-11.", "New Zealand beat Australia and then lost to South Africa 12-11.", ""},
	} {
		t.Run(tc.claim+" | "+tc.doc, func(t *testing.T) {
			cs, ds := text.Scores(tc.claim), text.Scores(tc.doc)
			if got := orderVerdict(readResult(tc.claim, cs[0]), readResult(tc.doc, ds[0])); got != tc.want {
				t.Errorf("orderVerdict = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestOtherMatch: a sentence stating another score of a claim's team
// against a team the claim does not name tells of another match.
func TestOtherMatch(t *testing.T) {
	for _, tc := range []struct {
		claim, doc string
		want       bool
	}{
		{"The Lagos Lions beat the Port Harcourt Kings 12-11.", "The Abuja Stars beat the Port Harcourt Kings 15-11.", true},
		{"The Lagos Lions beat the Abuja Stars 15-11.", "The Lagos Lions beat the Abuja Stars 12-11.", false},
		{"The Lagos Lions beat the Abuja Stars 15-11.", "The Abuja Stars beat the Lagos Lions 12-11.", false},
		{"The Lagos Lions beat the Abuja Stars 15-11.", "the home side prevailed 12-11.", false},
		{"The Lagos Lions won 15-11.", "The Lagos Lions beat the Abuja Stars 12-11.", false}, // one team named
	} {
		cs, ds := text.Scores(tc.claim), text.Scores(tc.doc)
		if got := otherMatch(readResult(tc.claim, cs[0]), readResult(tc.doc, ds[0])); got != tc.want {
			t.Errorf("otherMatch(%q, %q) = %v, want %v", tc.claim, tc.doc, got, tc.want)
		}
	}
}

// TestForeignMatch: a sentence's score tells of another match when the
// sentence names someone and none of the claim's teams (a competition
// named by both does not make it the claim's match).
func TestForeignMatch(t *testing.T) {
	for _, tc := range []struct {
		name, claim, doc string
		want             bool
	}{
		{"other teams, result read", "Jamaica won 3-2 in Toronto to reach the CONCACAF Nations League semifinal.",
			"The ousted Nations League quarterfinalists will compete for two more spots, with the USA certain not to need that route following their 3-0 first-leg win over Trinidad and Tobago.", true},
		{"other teams, result unread", "West Ham came from behind to beat Tottenham 2-1.",
			"Championship high-flyers Ipswich produced something of an upset to beat Premier League Wolves 3-2 at home.", true},
		{"the claim's team named, result unread", "Jamaica won 3-2 in Toronto.",
			"Jamaica trailed 3-1 on aggregate until the 62nd minute.", false},
		{"the claim's team named", "West Ham came from behind to beat Tottenham 2-1.",
			"Tottenham led 1-0 at the break.", false},
		{"no one named", "West Ham came from behind to beat Tottenham 2-1.", "The home side prevailed 3-1.", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs, ds := text.Scores(tc.claim), text.Scores(tc.doc)
			if got := foreignMatch(tc.claim, readResult(tc.claim, cs[0]), readResult(tc.doc, ds[0]), tc.doc, nil); got != tc.want {
				t.Errorf("foreignMatch(%q, %q) = %v, want %v", tc.claim, tc.doc, got, tc.want)
			}
		})
	}
	// a national side's nickname is its country (text.NicknameOwner)
	claim, doc := "South Africa beat New Zealand 15-11.", "The Springboks prevailed 12-11."
	nicknames := &teamAliases{owner: map[string]string{}}
	if foreignMatch(claim, readResult(claim, text.Scores(claim)[0]), readResult(doc, text.Scores(doc)[0]), doc, nicknames) {
		t.Errorf("foreignMatch(%q, %q) = true: the Springboks are South Africa", claim, doc)
	}
}

// TestPeopleNamed: a score supports a claim naming a person besides its
// teams only in a sentence naming them; the teams and a place need not be.
func TestPeopleNamed(t *testing.T) {
	for _, tc := range []struct {
		name, claim, sent string
		want              bool
	}{
		{"the scorer not named", "Harry Kane scored as Bayern Munich beat Manchester United 1-0.",
			"It should be a landmark low, but almost the most deflating element of this 1-0 defeat to Bayern Munich was how grimly routine it all felt.", false},
		{"the scorer by surname", "Harry Kane scored as Bayern Munich beat Manchester United 1-0.",
			"Kane scored the only goal as Bayern won 1-0.", true},
		{"a place after at", "Kingsley Coman scored as Bayern Munich won 1-0 at Old Trafford.",
			"Kingsley Coman sealed a 1-0 win for Thomas Tuchel's side.", true},
		{"the place is no scorer", "Kingsley Coman scored as Bayern Munich won 1-0 at Old Trafford.",
			"Bayern won 1-0 at Old Trafford.", false},
		{"teams only", "South Africa beat New Zealand 12-11.", "The Springboks prevailed 12-11.", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := peopleNamed(tc.claim, Figures(tc.claim), nil, tc.sent); got != tc.want {
				t.Errorf("peopleNamed(%q, %q) = %v, want %v", tc.claim, tc.sent, got, tc.want)
			}
		})
	}
}

// TestDrawSides: a level score is a draw only beside a word of a draw,
// and its sides are the names right before it (past drawGlue, and
// before "and") and right after "with", "against" or "by".
func TestDrawSides(t *testing.T) {
	for _, tc := range []struct {
		name, sent string
		want       [][]string
	}{
		{"drew with", "Manchester United drew 3-3 with Galatasaray.", [][]string{{"Galatasaray", "Manchester United"}}},
		{"played out a draw", "Galatasaray and Manchester United played out a 3-3 draw in the Champions League.",
			[][]string{{"Manchester United", "Galatasaray"}}},
		{"a side by its coach", "Erik ten Hag's side have once again dropped points from a winning position as they drew 3-3 with Galatasaray in the Champions League.",
			[][]string{{"Galatasaray"}}},
		{"held to a draw by", "Chelsea were held to a 2-2 draw by Everton.", [][]string{{"Everton", "Chelsea"}}},
		{"no word of a draw", "Manchester United were 3-3 with Galatasaray at half-time.", nil},
		{"a win is no draw", "Manchester United beat Galatasaray 3-2.", nil},
		{"a clause between", "Manchester United, who had led 3-1, drew 3-3 with Galatasaray.", [][]string{{"Galatasaray"}}},
		{"a side further off", "Manchester United drew 3-3 in Istanbul with Galatasaray.", [][]string{{"Manchester United"}}},
		{"a word describing the draw", "Liverpool and Arsenal played out a thrilling 1-1 draw at Anfield.", [][]string{{"Arsenal", "Liverpool"}}},
		{"two words describing the draw", "Liverpool and Arsenal played out a thrilling late 1-1 draw at Anfield.", [][]string{nil}},
		{"a describing word without its article", "Liverpool and Arsenal played out thrilling 1-1 draw at Anfield.", [][]string{nil}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := drawSides(tc.sent); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("drawSides(%q) = %q, want %q", tc.sent, got, tc.want)
			}
		})
	}
}

// TestDrawOf: a sentence tells the claim's draw when every side it names
// is one of the claim's, at least one named.
func TestDrawOf(t *testing.T) {
	teams := []string{"Manchester United", "Galatasaray"}
	for _, tc := range []struct {
		name, sent string
		want       bool
	}{
		{"one side named", "Erik ten Hag's side have once again dropped points as they drew 3-3 with Galatasaray in the Champions League.", true},
		{"both named", "Galatasaray and Manchester United played out a 3-3 draw.", true},
		{"another opponent", "Galatasaray drew 2-2 with Copenhagen.", false},
		{"another pair", "Bayern drew 0-0 with Copenhagen.", false},
		{"no side named", "They drew 3-3 in Istanbul.", false},
		{"no draw", "Galatasaray beat Manchester United 3-2.", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := drawOf(tc.sent, teams, (*teamAliases)(nil).same); got != tc.want {
				t.Errorf("drawOf(%q) = %v, want %v", tc.sent, got, tc.want)
			}
		})
	}
}

// TestPeopleNamedDraw: the sides of a claimed draw are its teams, not
// people the supporting sentence must name; a scorer still is.
func TestPeopleNamedDraw(t *testing.T) {
	sent := "Erik ten Hag's side have once again dropped points as they drew 3-3 with Galatasaray."
	for _, tc := range []struct {
		claim string
		want  bool
	}{
		{"Galatasaray and Manchester United played out a 3-3 draw.", true},
		{"Hakim Ziyech scored as Manchester United drew 3-3 with Galatasaray.", false},
	} {
		sides := drawSides(tc.claim)[0]
		if got := peopleNamed(tc.claim, Figures(tc.claim), sides, sent); got != tc.want {
			t.Errorf("peopleNamed(%q, sides %q) = %v, want %v", tc.claim, sides, got, tc.want)
		}
	}
	// without the sides, Manchester United is one the sentence must name
	c := "Galatasaray and Manchester United played out a 3-3 draw."
	if peopleNamed(c, Figures(c), nil, sent) {
		t.Errorf("peopleNamed(%q) without sides = true, want false", c)
	}
}

// TestRupees: an Indian amount written "Rs" and crores or lakhs is money
// (a crore ten million, a lakh a hundred thousand); without "Rs" it is
// not read as one.
func TestRupees(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want float64
		ok   bool
	}{
		{"KKR pick up Mitchell Starc for Rs 24.75 Cr.", 24.75e7, true},
		{"Sourabh Chauhan to RCB for Rs 20 L", 20e5, true},
		{"a total of Rs. 230.45 crore", 230.45e7, true},
		{"Rs 1,200 crore", 1200e7, true},
		{"a 24.75 Cr deal", 0, false},
	} {
		var got []Figure
		for _, f := range Figures(tc.s) {
			if f.Kind == Money {
				got = append(got, f)
			}
		}
		switch {
		case !tc.ok && len(got) > 0:
			t.Errorf("Figures(%q) = %+v, want no money", tc.s, got)
		case tc.ok && (len(got) != 1 || math.Abs(got[0].Value-tc.want) > 1e-3):
			t.Errorf("Figures(%q) = %+v, want money %v", tc.s, got, tc.want)
		}
	}
}

// ownedOther is the other amount ownedFigure gives of sent for the
// claim's first figure, sent's same and comparable figures set against
// it; "" for none.
func ownedOther(claim, sent string) string {
	cf := Figures(claim)[0]
	var same Figure
	var comparable []Figure
	for _, f := range Figures(sent) {
		if cf.Same(f) {
			same = f
		} else if cf.Comparable(f) {
			comparable = append(comparable, f)
		}
	}
	if f, ok := ownedFigure(claim, cf, sent, same, comparable); ok {
		return f.Text
	}
	return ""
}

// TestOwnedFigure: the claim's amount told of someone else in a sentence
// stating two: the claim's name nearest its amount stands by the other.
func TestOwnedFigure(t *testing.T) {
	sent := "Cummins went to Sunrisers Hyderabad for Rs 20.50 Cr but the record only lasted for 30 minutes as Kolkata Knight Riders broke the bank for Mitchell Starc, paying a whopping Rs 24.75 Cr."
	for _, tc := range []struct {
		claim, want string // want: the other amount, "" for none
	}{
		{"Kolkata Knight Riders paid Rs 20.50 Cr for Mitchell Starc.", "Rs 24.75 Cr"},
		{"Sunrisers Hyderabad bought Pat Cummins for Rs 24.75 Cr.", "Rs 20.50 Cr"},
		{"Kolkata Knight Riders bought Mitchell Starc for Rs 24.75 Cr.", ""},
		{"Sunrisers Hyderabad bought Pat Cummins for Rs 20.50 Cr.", ""},
		{"Mumbai Indians paid Rs 20.50 Cr for Hardik Pandya.", ""}, // not in the sentence
	} {
		if got := ownedOther(tc.claim, sent); got != tc.want {
			t.Errorf("ownedFigure(%q) = %q, want %q", tc.claim, got, tc.want)
		}
	}
}

// TestOwnedFigureList: in a list of amounts, each followed by its
// owner ("$819 million for Bank of America, $1 billion for Citigroup"),
// the amount before the owner's name is theirs, however near the next
// one is.
func TestOwnedFigureList(t *testing.T) {
	sent := "The numbers are large: $360 million for JPMorgan Chase, $819 million for Bank of America, $1 billion for Citigroup, and over $2 billion for Wells Fargo."
	for _, tc := range []struct {
		claim, want string // want: the other amount, "" for none
	}{
		{"Bank of America returned $819 million to consumers.", ""},
		{"Citigroup returned $819 million to consumers.", "$1 billion"},
	} {
		if got := ownedOther(tc.claim, sent); got != tc.want {
			t.Errorf("ownedFigure(%q) = %q, want %q", tc.claim, got, tc.want)
		}
	}
}

// TestOwnedFigureClearly: a name about as near the claim's amount as
// another is not owned by the other.
func TestOwnedFigureClearly(t *testing.T) {
	claim := "Ohtani is deferring $680 million of his $700 million contract with the Dodgers."
	sent := "According to The Athletic, Ohtani will defer a whopping $680 million of his $700 million contract from the Dodgers, receiving only $2 million per year."
	cf := Figures(claim)[1]
	var same Figure
	var others []Figure
	for _, f := range Figures(sent) {
		switch {
		case cf.Same(f):
			same = f
		case f.Kind == Money && f.Value == 2e6:
			others = append(others, f)
		}
	}
	if f, ok := ownedFigure(claim, cf, sent, same, others); ok {
		t.Errorf("ownedFigure(%q) = %q, want none", claim, f.Text)
	}
}

// TestTellsMatch: a sentence tells the claim's match itself when it reads
// the claim's winner and loser in their roles at a score, and speaks of
// no other meeting.
func TestTellsMatch(t *testing.T) {
	claim := readResult("Real Madrid beat Girona 3-0.", text.Scores("Real Madrid beat Girona 3-0.")[0])
	same := (*teamAliases)(nil).same
	for _, tc := range []struct {
		name, s string
		want    bool
	}{
		{"both in their roles", "In Spain Real Madrid outclassed Girona 3-0 to return to the top of LaLiga.", true},
		{"another score, both in their roles", "In Spain Real Madrid outclassed Girona 2-0 to return to the top of LaLiga.", true},
		{"the roles the other way", "Girona beat Real Madrid 3-0.", false},
		{"the winner only", "Real Madrid won 3-0 to return to the top.", false},
		{"another opponent", "Real Madrid beat Sevilla 3-0.", false},
		{"another meeting", "Real Madrid beat Girona 3-0 last season.", false},
		{"another leg", "Real Madrid beat Girona 3-0 in the first leg.", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tellsMatch(tc.s, claim, same, 2); got != tc.want {
				t.Errorf("tellsMatch(%q) = %v, want %v", tc.s, got, tc.want)
			}
		})
	}
	// at teams 1: one of the claim's teams read in its role, the other
	// named, one score
	for _, tc := range []struct {
		name, s string
		want    bool
	}{
		{"both in their roles", "In Spain Real Madrid outclassed Girona 3-0.", true},
		{"the loser read, the winner named", "Jude Bellingham sealed a 3-0 defeat of Girona for Real Madrid.", true},
		{"the winner read, the loser named", "Real Madrid won 3-0, and Girona's coach was sacked.", true},
		{"the winner only, the loser not named", "Real Madrid won 3-0 to return to the top.", false},
		{"the loser read as the winner", "Girona, with Real Madrid watching, won 3-0.", false},
		{"two scores", "Bellingham sealed a 3-0 defeat of Girona for Real Madrid after a 2-1 loss.", false},
		{"another meeting", "Bellingham sealed a 3-0 defeat of Girona for Real Madrid last season.", false},
	} {
		t.Run("teams 1, "+tc.name, func(t *testing.T) {
			if got := tellsMatch(tc.s, claim, same, 1); got != tc.want {
				t.Errorf("tellsMatch(%q, 1) = %v, want %v", tc.s, got, tc.want)
			}
			if tc.want && !strings.HasPrefix(tc.name, "both") && tellsMatch(tc.s, claim, same, 2) {
				t.Errorf("tellsMatch(%q, 2) = true, want false", tc.s)
			}
		})
	}
}
