package text

import (
	"maps"
	"slices"
	"testing"
)

func TestWords(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"possessive", "Trump's plan", []string{"trump", "plan"}},
		{"contraction", "don't stop", []string{"dont", "stop"}},
		{"decimal", "rose 3.5 percent.", []string{"rose", "3.5", "percent"}},
		{"punctuation", "U.S.-China talks", []string{"u", "s", "china", "talks"}},
		{"curly", "Altman’s return", []string{"altman", "return"}},
		{"accents", "Pokémon’s Mbappé", []string{"pokemon", "mbappe"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Words(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestLemma(t *testing.T) {
	for form, base := range map[string]string{
		"spent": "spend", "won": "win", "led": "lead", "paid": "pay", "overspent": "overspend", "took": "take",
		"ran": "run", "sold": "sell", "went": "go", "children": "child", "mice": "mouse", "better": "good",
		"win": "win", "spending": "spending", "ground": "ground",
	} {
		if got := Lemma(form); got != base {
			t.Errorf("Lemma(%q) = %q, want %q", form, got, base)
		}
	}
}

func TestTerm(t *testing.T) {
	groups := [][]string{
		{"won", "wins", "win", "winning"},
		{"spent", "spend", "spending", "spends"},
		{"overspent", "overspend"},
		{"paid", "pay", "paying"},
		{"sold", "sell", "selling"},
		{"children", "child"},
	}
	for _, g := range groups {
		for _, w := range g[1:] {
			if Term(w) != Term(g[0]) {
				t.Errorf("Term(%q) = %q, Term(%q) = %q: want them equal", w, Term(w), g[0], Term(g[0]))
			}
		}
	}
	if Term("ceo") != "ceo" || Term("2023") != "2023" {
		t.Errorf("Term changes short words and numbers: %q %q", Term("ceo"), Term("2023"))
	}
}

func TestTerms(t *testing.T) {
	got := Terms("The harbor authority overspent its dredging budget")
	want := []string{"harbor", "author", "overspend", "dredg", "budget"}
	if !slices.Equal(got, want) {
		t.Errorf("Terms = %q, want %q", got, want)
	}
}

func TestQueryTerms(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"how many ppl were hurt rn", []string{"peopl", "hurt"}},
		{"whos the new ceo of binance", []string{"new", "ceo", "binanc"}},
		{"who won the race, who won the cup", []string{"win", "race", "cup"}},
		{"where did will n jada meet w/ harbaugh", []string{"jada", "meet", "harbaugh"}},
	}
	for _, tt := range tests {
		if got := QueryTerms(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("QueryTerms(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSynonyms(t *testing.T) {
	tests := []struct{ word, has string }{
		{"spend", "expend"},
		{"start", "begin"},
		{"buy", "purchase"},
		{"say", "state"},
		{"spent", "expend"},
		{"purchases", "buy"},
		{"spending", "expenditure"}, // a noun of its own
	}
	for _, tt := range tests {
		if got := Synonyms(tt.word); !slices.Contains(got, tt.has) {
			t.Errorf("Synonyms(%q) = %q, want it to hold %q", tt.word, got, tt.has)
		}
	}
	if got := Synonyms("zorblatt"); got != nil {
		t.Errorf("Synonyms(zorblatt) = %q, want nil", got)
	}
}

func TestSayingAndOrganisationWords(t *testing.T) {
	for _, w := range []string{"said", "Told", "adding", "wrote"} {
		if !IsSayingVerb(w) {
			t.Errorf("IsSayingVerb(%q) = false", w)
		}
	}
	// the verbs a story writes after a quotation as it writes "said":
	// "“…,” Luke asserted", "Metz emphasized", "Overall, Miller urged,
	// “…”", "“…,” Kelce agreed", "Coleman stressed"
	for _, w := range []string{"asserted", "emphasized", "emphasised", "stressed", "stresses", "urged", "agreed"} {
		if !IsSayingVerb(w) {
			t.Errorf("IsSayingVerb(%q) = false", w)
		}
	}
	if IsSayingVerb("sold") || IsOrganisationWord("Gellar") || !IsOrganisationWord("Music") || !IsOrganisationWord("Inc.") {
		t.Error("saying or organisation words wrong")
	}
	for _, w := range InvertingSayingVerbs() {
		if !IsSayingVerb(w) {
			t.Errorf("inverting verb %q is not a verb of saying", w)
		}
		if w == "told" || w == "asked" {
			t.Errorf("inverting verb %q: its object is the one spoken to", w)
		}
	}
	vs := SayingVerbs()
	if i, j := slices.Index(vs, "says"), slices.Index(vs, "say"); i < 0 || j < 0 || i > j {
		t.Errorf("SayingVerbs: says at %d, say at %d: the longer form must come first", i, j)
	}
}

func TestOutcomeOf(t *testing.T) {
	for _, tt := range []struct {
		word string
		want Outcome
	}{
		{"beat", Beats}, {"Defeated", Beats}, {"edging", Beats}, {"beaten", Beats},
		{"won", Wins}, {"prevailed", Wins}, {"victory", Wins},
		{"lost", Loses}, {"fell", Loses}, {"loss", Loses},
		{"said", NoOutcome}, {"down", NoOutcome}, {"final", NoOutcome},
	} {
		if got := OutcomeOf(tt.word); got != tt.want {
			t.Errorf("OutcomeOf(%q) = %d, want %d", tt.word, got, tt.want)
		}
	}
}

// TestRelatedVerbs holds the hierarchy's links at their bounds: a step
// up or down among the first three senses of both verbs, never under a
// verb too general to reword anything.
func TestRelatedVerbs(t *testing.T) {
	for _, tt := range []struct {
		word, other string
		want        bool
	}{
		{"docked", "deduct", true},     // dock's 3rd sense, a step below deduct's 2nd
		{"deducted", "dock", true},     // and back
		{"beat", "trounce", true},      // a step below beat's
		{"ousted", "remove", true},     // oust's hypernym
		{"dock", "keep", false},        // two steps up (dock → withhold → keep)
		{"change", "sublimate", false}, // change has hundreds of troponyms: too general
		{"dock", "steer", false},       // dock's 5th sense only
		{"zorblatt", "dock", false},
	} {
		if got := slices.Contains(RelatedVerbs(tt.word), tt.other); got != tt.want {
			t.Errorf("RelatedVerbs(%q) holds %q: %v, want %v", tt.word, tt.other, got, tt.want)
		}
	}
	if slices.Contains(Synonyms("docked"), "deduct") {
		t.Error("docked and deduct are synonyms now: RelatedVerbs's test of them says nothing")
	}
}

func TestDoers(t *testing.T) {
	for _, tt := range []struct {
		verb, noun string
		want       bool
	}{
		{"found", "founder", true},
		{"directed", "director", true}, // a regular past read as its base
		{"wrote", "writer", true},      // an irregular one
		{"publishes", "publisher", true},
		{"found", "foundation", false}, // an organization the deed makes, not its doer
		{"direct", "direction", false}, // no person
		{"zorblatt", "zorblatter", false},
	} {
		if got := slices.Contains(Doers(tt.verb), tt.noun); got != tt.want {
			t.Errorf("Doers(%q) holds %q: %v, want %v", tt.verb, tt.noun, got, tt.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"whos the new ceo of binance", "who is the new ceo of binance"},
		{"who's bumble's new ceo?", "who is bumble's new ceo?"},
		{"when's the appeal", "when is the appeal"},
		{"how many ppl work there rn", "how many people work there"},
		{"uber q3 revenue vs q2", "uber q3 revenue versus q2"},
		{"what did the U.S. say", "what did the U.S. say"},
		{"pls who won", "who won"},
		{"who is the CEO", "who is the CEO"},
		{"who was the usvi ag going after the estate", "who was the usvi attorney general going after the estate"},
		{"what did the dems say", "what did the democrats say"},
		{"how many startups r active in israel", "how many startups are active in israel"},
		{"how many shots did utd have v chelsea", "how many shots did united have versus chelsea"},
		{"how many hrs of watch time", "how many hours of watch time"},
		{"why'd mysta rias quit", "why did mysta rias quit"},
		{"what did R. Kelly say", "what did R. Kelly say"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestContainsWord(t *testing.T) {
	tests := []struct {
		s, w string
		want bool
	}{
		{"the age of reason", "age", true},
		{"the agency", "age", false},
		{"(age)", "age", true},
		{"", "age", false},
	}
	for _, tt := range tests {
		if got := ContainsWord(tt.s, tt.w); got != tt.want {
			t.Errorf("ContainsWord(%q, %q) = %v", tt.s, tt.w, got)
		}
	}
}

func TestWordList(t *testing.T) {
	for _, w := range []string{"the", "whats", "its"} {
		if !IsStopWord(w) {
			t.Errorf("IsStopWord(%q) = false", w)
		}
	}
	if !IsSubjectPronoun("She") || IsSubjectPronoun("Page") {
		t.Error("IsSubjectPronoun: she is a pronoun, Page is not")
	}
	if !IsHonorific("Dr.") || !IsRole("CEO") || IsRole("Huang") || !IsChatWord("rn") {
		t.Error("honorifics, roles or chat words wrong")
	}
	if Month("Sept.") != 9 || Month("may") != 5 || Month("Maybe") != 0 {
		t.Errorf("Month: %d %d %d", Month("Sept."), Month("may"), Month("Maybe"))
	}
	if !IsCalendarWord("tuesday") || IsCalendarWord("sun") {
		t.Error("IsCalendarWord wrong")
	}
}

func BenchmarkTerms(b *testing.B) {
	s := "The harbor authority overspent its dredging budget by 4.2 million dollars, officials said on Tuesday, " +
		"after the contractor was paid twice for the same work and won a second contract."
	b.ReportAllocs()
	for b.Loop() {
		Terms(s)
	}
}

func TestLooksAbbreviated(t *testing.T) {
	for w, want := range map[string]bool{"ucl": true, "tnf": true, "wk": true, "ppl": true, "nba": true,
		"prigozhin": false, "oceangate": false, "milei": false, "derna": false} {
		if got := LooksAbbreviated(w); got != want {
			t.Errorf("LooksAbbreviated(%q) = %v, want %v", w, got, want)
		}
	}
}

func TestIsProspective(t *testing.T) {
	for w, want := range map[string]bool{"forecast": true, "Will": true, "expected": true, "won": false, "revenue": false} {
		if got := IsProspective(w); got != want {
			t.Errorf("IsProspective(%q) = %v, want %v", w, got, want)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{"Jürgen Klopp": "Jurgen Klopp", "Mbappé": "Mbappe", "Sam Altman": "Sam Altman", "Kylian Mbappé’s": "Kylian Mbappe’s"} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestInitials(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"Sam Bankman-Fried", "SBF"},
		{"Alexandria Ocasio-Cortez", "AOC"},
		{"Sam Altman", ""},         // two letters say too little
		{"Bank of England", ""},    // a lower-case word: no initials
		{"John F. Kennedy", "JFK"}, // an initial is one
	} {
		if got := Initials(tt.name); got != tt.want {
			t.Errorf("Initials(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestMeasureWords(t *testing.T) {
	for in, want := range map[string][]string{
		"what's poolside valued at":                   {"value"},
		"Poolside raised a $126 million seed round":   {"raise"},
		"Check Point President Rupal Shah Hollenbeck": {"president"},
		"its chief executive, Gil Shwed":              {"ceo"},
		"who runs twitch now":                         nil,
	} {
		got := slices.Sorted(maps.Keys(Measures(in)))
		if !slices.Equal(got, want) {
			t.Errorf("Measures(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsSayingTerm(t *testing.T) {
	for w, want := range map[string]bool{"said": true, "add": true, "report": true, "claimed": true, "valued": false, "won": false} {
		if got := IsSayingTerm(Term(w)); got != want {
			t.Errorf("IsSayingTerm(Term(%q)) = %v, want %v", w, got, want)
		}
	}
}

func TestPhrasalBase(t *testing.T) {
	for _, tt := range []struct {
		word, base string
		ok         bool
	}{
		{"shakeup", "shake", true},
		{"takeover", "take", true},
		{"layoffs", "lay", true},
		{"comeback", "come", true},
		{"setup", "set", true},
		{"cup", "", false}, // the verb part too short
		{"backup", "back", true},
		{"merger", "", false},
	} {
		base, ok := PhrasalBase(tt.word)
		if base != tt.base || ok != tt.ok {
			t.Errorf("PhrasalBase(%q) = %q, %v; want %q, %v", tt.word, base, ok, tt.base, tt.ok)
		}
	}
}

func TestForename(t *testing.T) {
	for in, want := range map[string]string{"chuck": "charles", "bob": "robert", "charles": "charles", "taylor": "taylor", "": ""} {
		if got := Forename(in); got != want {
			t.Errorf("Forename(%q) = %q, want %q", in, got, want)
		}
	}
}

// A figure is hedged by its own clause: a plan in another clause of the
// sentence does not unsettle it.
func TestFigureHedged(t *testing.T) {
	for s, want := range map[string]bool{
		"Mistral is likely to raise $400 million, and the round closed in talks last week.":                  true,
		"Poolside, a company that recently raised a $126 million seed round, plans to use AI to write code.": false,
		"The firm plans to hire 1,300 people.":                                                               true,
		"The firm hired 1,300 people; it plans to hire more.":                                                false,
		"The deal is expected to close soon.":                                                                true,
		"The deal closed on Friday.":                                                                         false,
		"Revenue rose to $9.3 billion (analysts had expected $9.5 billion).":                                 false,
	} {
		if got := FigureHedged(s); got != want {
			t.Errorf("FigureHedged(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestShortens(t *testing.T) {
	for _, c := range []struct {
		short, word string
		want        bool
	}{
		{"yds", "yards", true},
		{"pts", "points", true},
		{"hrs", "hours", true},
		{"km", "kilometres", true},
		{"yds", "yard", false},      // a plural for a singular
		{"yd", "yards", true},       // a unit's contraction stands for both
		{"cup", "cupboards", false}, // a vowel: a word, not a contraction
		{"yds", "yds", false},       // itself
		{"yds", "dyes", false},      // another first letter
		{"kms", "kilometres", true},
		{"pts", "pots", true},
	} {
		if got := Shortens(c.short, c.word); got != c.want {
			t.Errorf("Shortens(%q, %q) = %v, want %v", c.short, c.word, got, c.want)
		}
	}
}
