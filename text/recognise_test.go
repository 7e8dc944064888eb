package text

import (
	"slices"
	"strconv"
	"testing"
	"time"
)

// texts returns what spans cover in s.
func texts(s string, sp []Span) []string {
	var out []string
	for _, x := range sp {
		out = append(out, s[x.Start:x.End])
	}
	return out
}

func TestRecognisers(t *testing.T) {
	tests := []struct {
		name string
		fn   func(string) []Span
		in   string
		want []string
	}{
		{"money dollars", Money, "Uber reported $9.3 billion, not the $9.5 billion expected.", []string{"$9.3 billion", "$9.5 billion"}},
		{"money pounds m", Money, "a £300m deal and US$5 more", []string{"£300m", "US$5"}},
		{"money words", Money, "overspent its budget by 4.2 million dollars", []string{"4.2 million dollars"}},
		{"money code", Money, "fined NIS 15 million", []string{"NIS 15 million"}},
		{"money bn", Money, "a 69bn takeover", []string{"69bn"}},
		{"money none", Money, "64GB of storage and 5 percent", nil},
		// the country after the sign: "$US41 million"; a sign and
		// letters with no number are no amount ("$A drops")
		{"money sign country", Money, "$US41 million, compared with $US21 million, and $A1.5 billion", []string{"$US41 million", "$US21 million", "$A1.5 billion"}},
		{"money sign country none", Money, "ASX set to rise; $A drops", nil},
		{"percent", Percent, "up 30% and 4.5 percent, ten per cent, 2 percentage points", []string{"30%", "4.5 percent", "ten per cent", "2 percentage points"}},
		{"numbers", Numbers, "157,000 speakers, four seats, 5.3 million people, Q3 and 64GB", []string{"157,000", "four", "5.3 million"}},
		{"dates", Dates, "On Oct. 13, 2023 and 7 October 2023, 2023-10-07, in March, on Tuesday, last week.", []string{"Oct. 13, 2023", "7 October 2023", "2023-10-07", "March", "Tuesday", "last week"}},
		{"dates may", Dates, "It may rain in May 2024.", []string{"May 2024"}},
		{"dates year", Dates, "the 2023 season", []string{"2023"}},
		{"times", TimesOfDay, "Classes start at 8:45 a.m. and end at 3 p.m.; the call was at 2am AEDT, 17:00 GMT, at noon, at six.", []string{"8:45 a.m.", "3 p.m.", "2am AEDT", "17:00 GMT", "noon", "at six"}},
		{"times none", TimesOfDay, "The score was 21-20 in 2023.", nil},
		{"names", NameSpans, "Nvidia CEO Jensen Huang met Dr. Jane Goodall at the Bank of England on Monday.", []string{"Nvidia", "Jensen Huang", "Jane Goodall", "Bank of England"}},
		{"names opener", NameSpans, "However, Sam Bankman-Fried's lawyers objected.", []string{"Sam Bankman-Fried"}},
		{"names role alone", NameSpans, "The CEO resigned.", nil},
		{"names a first name that is a stop word", NameSpans, "“It hurts,” said Will Maas, chairman of the union.", []string{"Will Maas"}},
		{"names a question's will", NameSpans, "Will Maas speak?", []string{"Maas"}},
		{"names a stop word, no first name", NameSpans, "They said That Maas spoke.", []string{"Maas"}},
		{"places", Places, "The summit in Riyadh, held at the Ritz in March.", []string{"Riyadh", "Ritz"}},
		{"places in modifiers", Places, "The Atlanta-based startup lost to an Oslo court and opened an Oregon factory.", []string{"Atlanta", "Oslo", "Oregon"}},
		{"no place in a modifier", Places, "The Matrix Partners-backed startup opened a new factory.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := texts(tt.in, tt.fn(tt.in)); !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestValue(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"12,000", 12000}, {"$5.3 million", 5.3e6}, {"£300m", 3e8}, {"four", 4}, {"a dozen", 12}, {"30%", 30}, {"$69bn", 69e9},
		// a number word whole, not the shorter word it begins with
		{"fourteen", 14}, {"sixty", 60}, {"seventeen players", 17}, {"eighteen-year", 18}, {"a dozen times", 12},
		// a country's letters after the sign: the number, not "million"
		{"$US41 million", 41e6}, {"$A1.5 billion", 1.5e9},
	}
	for _, tt := range tests {
		if got, ok := Value(tt.in); !ok || got != tt.want {
			t.Errorf("Value(%q) = %v, %v; want %v", tt.in, got, ok, tt.want)
		}
	}
	if _, ok := Value("none"); ok {
		t.Error("Value(none) is ok")
	}
}

func TestParseDates(t *testing.T) {
	got := ParseDates("What did the article on 7 October 2023 say, and the one on November 9, 2023 (2023-11-10)?")
	want := []time.Time{time.Date(2023, 10, 7, 0, 0, 0, 0, time.UTC), time.Date(2023, 11, 9, 0, 0, 0, 0, time.UTC), time.Date(2023, 11, 10, 0, 0, 0, 0, time.UTC)}
	if !slices.EqualFunc(got, want, time.Time.Equal) {
		t.Errorf("ParseDates = %v, want %v", got, want)
	}
}

func TestNames(t *testing.T) {
	got := Names("Did Trump's lawyer meet Merkel in January or on Monday?")
	want := []string{"Trump's", "Merkel"}
	if !slices.Equal(got, want) {
		t.Errorf("Names = %q, want %q", got, want)
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"plain", "One. Two! Three?", []string{"One.", "Two!", "Three?"}},
		{"abbreviations", "Mr. Smith met Dr. Jones in the U.S. capital. They talked.", []string{"Mr. Smith met Dr. Jones in the U.S. capital.", "They talked."}},
		{"quotes", "“It is over,” he said. Then he left.", []string{"“It is over,” he said.", "Then he left."}},
		{"initial", "J. Smith won. He left.", []string{"J. Smith won.", "He left."}},
		{"time of day", "It streams at 3p.m. PT / 6p.m. ET on Tuesday. Then more.", []string{"It streams at 3p.m. PT / 6p.m. ET on Tuesday.", "Then more."}},
		{"company", "It sold to Warner Bros. DC plans changed.", []string{"It sold to Warner Bros. DC plans changed."}},
		{"lines", "Headline\nBody text here.", []string{"Headline", "Body text here."}},
		{"lower case next", "It cost 3.5 million. and more", []string{"It cost 3.5 million. and more"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := texts(tt.in, Sentences(tt.in)); !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestMeasures(t *testing.T) {
	tests := []struct {
		name string
		fn   func(string) []Measure
		in   string
		want []Measure
	}{
		{"duration", Durations, "a four-year contract", []Measure{{Span{2, 11}, 4, "year", false, false}}},
		{"half", Durations, "a two-and-a-half-year deal", []Measure{{Span{2, 21}, 2.5, "year", false, false}}},
		{"age", Durations, "the 33-year-old signed", []Measure{{Span{4, 15}, 33, "year", true, false}}},
		{"age after a name", Durations, "Dusty Baker, 74, retired", []Measure{{Span{13, 15}, 74, "year", true, false}}},
		{"age after a name, too young", Durations, "Dusty Baker, 7, retired", nil},
		{"a list's number", Durations, "scores of 12, 74, and 80", nil},
		{"ordinal", Durations, "fired fourth-year coach Mel Tucker", []Measure{{Span{6, 17}, 4, "year", false, true}}},
		{"ordinal digits", Durations, "his 10th-year", []Measure{{Span{4, 13}, 10, "year", false, true}}},
		{"count", Counts, "more than 240,000 jobs lost", []Measure{{Span{10, 22}, 240000, "jobs", false, false}}},
		{"count scale", Counts, "two million people", []Measure{{Span{0, 18}, 2e6, "people", false, false}}},
		{"not counted", Counts, "20 percent of 5 times", nil},
		{"count hyphenated", Counts, "the 10-point deduction", []Measure{{Span{4, 12}, 10, "point", false, false}}},
		// a country's letters between the number and its noun
		{"count country letters", Counts, "a survey of 40 U.S. high schools", []Measure{{Span{12, 24}, 40, "high", false, false}}},
		{"count country letters lower case", Counts, "at 5 a.m. classes", nil},
		// a number before "after" or "before" counts no "afters"
		{"count not after", Counts, "112 for two after ten overs", []Measure{{Span{18, 27}, 10, "overs", false, false}}},
		// a number glued to a name by a hyphen counts nothing
		{"count glued to a name", Counts, "patients on VLT-2 tablets and COVID-19 cases", nil},
		{"count hyphenated after a space", Counts, "a 12-page report", []Measure{{Span{2, 9}, 12, "page", false, false}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.fn(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestScores(t *testing.T) {
	tests := []struct {
		in   string
		want []Score
	}{
		{"prevailed 12-11 in an instant classic", []Score{{Span{10, 15}, 12, 11}}},
		{"a 21–20 win", []Score{{Span{2, 9}, 21, 20}}},
		{"12 - 11", []Score{{Span{0, 7}, 12, 11}}},
		{"wait 10-15 minutes", nil},
		// a capitalised unit before a number is a label: a score in week 9
		{"a 31-23 Week 9 loss", []Score{{Span{2, 7}, 31, 23}}},
		{"wait 10-15 weeks 2 days", nil},
		{"on 2023-10-07", nil},
		{"rose 3-4 percent", nil},
		{"a $10-20 fee", nil},
		{"1,234-5", nil},
	}
	for _, tt := range tests {
		if got := Scores(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Scores(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

// A capitalised unit followed by a number is a label ("Week 9"), not a
// duration of the number before it.
func TestDurationsLabel(t *testing.T) {
	for in, want := range map[string]int{
		"a 31-23 Week 9 loss":      0,
		"a four-year contract":     1,
		"out for 23 weeks 2 days":  2,
		"since Day 3 of the trial": 0,
	} {
		if got := len(Durations(in)); got != want {
			t.Errorf("Durations(%q) gave %d, want %d", in, got, want)
		}
	}
}

func TestOccasions(t *testing.T) {
	tests := []struct {
		name, in string
		want     []float64 // the tallies' values, in order
	}{
		{"digits", "France have beaten Italy 14 times consecutively", []float64{14}},
		{"word", "they won it three times in a row", []float64{3}},
		{"sentence end", "She has been arrested twice, he four times.", []float64{4}},
		{"comma after", "beaten 14 times, a run", []float64{14}},
		{"ratio: as", "three times as many users", nil},
		{"ratio: more", "ten times more", nil},
		{"ratio: comparative", "five times bigger", nil},
		{"ratio: the", "three times the size", nil},
		{"ratio: a figure's name", "12 times FY24 earnings", nil},
		{"ratio: a number", "2 times 3", nil},
		{"ordinal", "the 14th times table", nil},
		{"a title", "the 2020 Times report", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []float64
			for _, m := range Occasions(tt.in) {
				got = append(got, m.Value)
				if m.Unit != "times" {
					t.Errorf("unit %q", m.Unit)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Occasions(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestRatios(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string // the ratios' values and units, in order
	}{
		{"comparative", "had a 9.5 times higher risk of rashes", []string{"9.5 higher risk"}},
		{"more", "were 3.2 times more likely to report it", []string{"3.2 more like"}},
		{"the", "it renders at 2.5 times the speed", []string{"2.5 the speed"}},
		{"as, words", "three times as many users", []string{"3 as mani"}},
		{"at the end", "sales were ten times higher.", []string{"10 higher"}},
		{"a function word after", "five times bigger than 2022", []string{"5 bigger"}},
		{"a tally", "France have beaten Italy 14 times in a row", nil},
		{"a figure's name", "12 times FY24 earnings", nil},
		{"ordinal", "the 14th times more", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, m := range Ratios(tt.in) {
				got = append(got, strconv.FormatFloat(m.Value, 'g', -1, 64)+" "+m.Unit)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Ratios(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestDateParts(t *testing.T) {
	tests := []struct {
		in      string
		y, m, d int
	}{
		{"Nov. 21, 2023", 2023, 11, 21}, {"November 21", 0, 11, 21}, {"21 November 2023", 2023, 11, 21},
		{"2023-11-21", 2023, 11, 21}, {"March 2024", 2024, 3, 0}, {"2023", 2023, 0, 0}, {"Tuesday", 0, 0, 0},
	}
	for _, tt := range tests {
		if y, m, d := DateParts(tt.in); y != tt.y || m != tt.m || d != tt.d {
			t.Errorf("DateParts(%q) = %d, %d, %d; want %d, %d, %d", tt.in, y, m, d, tt.y, tt.m, tt.d)
		}
	}
}

// A "how old/long/tall" question asks one measure: a sentence holds it
// only with a figure of that measure, not any number.
func TestHoldsQuantity(t *testing.T) {
	for q, want := range map[string]string{
		"how old is scorsese": QuantityAge, "and how old is he": QuantityAge, "how long's the ukraine front line": QuantityLength,
		"how tall is wemby": QuantityHeight, "how much is it": "", "how many games": "", "who is old": "",
	} {
		if got := QuantityOf(q); got != want {
			t.Errorf("QuantityOf(%q) = %q, want %q", q, got, want)
		}
	}
	for _, c := range []struct {
		s                   string
		age, length, height bool
	}{
		{"Smith, 44, has spent the past six seasons at Oregon State.", true, false, false},
		{"The 80-year-old director is still at work.", true, false, false},
		{"He was aged 31 when he signed.", true, false, false},
		{"He is 7-foot-4, with an 8-foot wingspan.", false, true, true},
		{"The front line is 600 miles long.", false, true, true},
		{"He is out for as many as eight weeks.", false, true, false},
		{"The deal runs for a year.", false, true, false},
		{"Penaud scored the first of eight French tries.", false, false, false},
		{"The fourth-year coach was fired.", false, false, false},
		{"They won 3 in a row in 2019.", false, false, false},
	} {
		if got := HoldsQuantity(c.s, QuantityAge); got != c.age {
			t.Errorf("HoldsQuantity(%q, age) = %v", c.s, got)
		}
		if got := HoldsQuantity(c.s, QuantityLength); got != c.length {
			t.Errorf("HoldsQuantity(%q, length) = %v", c.s, got)
		}
		if got := HoldsQuantity(c.s, QuantityHeight); got != c.height {
			t.Errorf("HoldsQuantity(%q, height) = %v", c.s, got)
		}
	}
	if !HoldsQuantity("Penaud scored eight tries.", "") {
		t.Error("any figure holds a question of no measure")
	}
}
