package desk

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/newsroom/askbot/retrieval"
)

// Kind is what a figure measures; two figures compare only when their
// kinds are equal.
type Kind string

const (
	Money    Kind = "money"
	Percent  Kind = "percent"
	Year     Kind = "year"
	Date     Kind = "date"
	Duration Kind = "duration" // Unit holds "year", "month", …
	Count    Kind = "count"    // Unit holds the counted noun's stem
	Age      Kind = "age"      // "33-year-old"
)

// Figure is a number a sentence states: "$5.3 million", "30%", "four-year",
// "12,000 employees", "Nov. 21, 2023".
type Figure struct {
	Kind  Kind
	Unit  string
	Value float64
	// Text is the figure as written; Start and End its byte offsets.
	Text       string
	Start, End int
}

// Same reports whether two figures state the same amount of the same thing.
func (f Figure) Same(g Figure) bool {
	if f.Kind != g.Kind || f.Unit != g.Unit {
		return false
	}
	if f.Value == g.Value {
		return true
	}
	if f.Kind == Date && (f.Value < 1e4 || g.Value < 1e4) {
		// A date without its year matches the same day of any year.
		return math.Mod(f.Value, 1e4) == math.Mod(g.Value, 1e4)
	}
	return math.Abs(f.Value-g.Value) <= 1e-6*math.Max(math.Abs(f.Value), math.Abs(g.Value))
}

// Comparable reports whether g measures what f measures.
func (f Figure) Comparable(g Figure) bool { return f.Kind == g.Kind && f.Unit == g.Unit }

var numberWords = map[string]float64{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
	"eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}

var scales = map[string]float64{
	"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
	"trillion": 1e12, "tn": 1e12, "crore": 1e7, "lakh": 1e5,
}

var months = map[string]int{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
	"jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
	"oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

const (
	numRE   = `\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`
	wordNum = `one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a dozen|dozen`
	scaleRE = `thousand|trillion|billion|million|crore|lakh|bn|mln|mn|tn|k|m|b`
	monthRE = `jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|sep(?:t(?:ember|\.)?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?`
)

var (
	moneyRE    = regexp.MustCompile(`(?i)(?:US\s?|A|C|HK|S)?([$€£¥₹])\s?(` + numRE + `)(?:\s?(` + scaleRE + `)\b)?|\b(` + numRE + `)(?:\s?(` + scaleRE + `))?\s(?:dollars|euros|pounds|yuan|rupees)\b`)
	percentRE  = regexp.MustCompile(`(?i)\b(` + numRE + `|` + wordNum + `)\s?(?:%|percent\b|per cent\b|percentage points?\b)`)
	durationRE = regexp.MustCompile(`(?i)\b(` + numRE + `|` + wordNum + `)[\s-](?:and-a-half[\s-])?(year|month|week|day|hour|minute|decade)s?\b`)
	dateRE     = regexp.MustCompile(`(?i)\b(` + monthRE + `)\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4})\b)?`)
	yearRE     = regexp.MustCompile(`\b(19\d\d|20\d\d)\b`)
	countRE    = regexp.MustCompile(`(?i)\b(` + numRE + `|` + wordNum + `)(?:\s(` + scaleRE + `))?\s+(?:(?:new|more|additional|other|of|the|[a-z]+-[a-z]+)\s+)?([a-z][a-z-]+)`)
)

// number reads a written number: "12,000", "5.3", "four", "a dozen".
func number(s string) (float64, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "a ")
	if v, ok := numberWords[s]; ok {
		return v, true
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	return v, err == nil
}

func scaled(v float64, scale string) float64 {
	if m, ok := scales[strings.ToLower(scale)]; ok {
		return v * m
	}
	return v
}

// notCounted are words after a number that are not things counted.
var notCounted = map[string]bool{
	"percent": true, "per": true, "and": true, "or": true, "to": true, "in": true, "on": true, "at": true, "of": true,
	"a": true, "an": true, "the": true, "for": true, "from": true, "by": true, "with": true, "as": true, "is": true,
	"was": true, "were": true, "are": true, "am": true, "pm": true, "p": true, "times": true, "than": true,
}

// Figures returns the figures a sentence states, in order, overlapping
// ones resolved in favour of the first kind found (money, percent,
// date, duration, year, count).
func Figures(s string) []Figure {
	var out []Figure
	taken := func(a, b int) bool {
		for _, f := range out {
			if a < f.End && b > f.Start {
				return true
			}
		}
		return false
	}
	add := func(f Figure) {
		if !taken(f.Start, f.End) {
			out = append(out, f)
		}
	}
	for _, m := range moneyRE.FindAllStringSubmatchIndex(s, -1) {
		var v float64
		var ok bool
		if m[4] >= 0 {
			v, ok = number(s[m[4]:m[5]])
			if ok && m[6] >= 0 {
				v = scaled(v, s[m[6]:m[7]])
			}
		} else {
			v, ok = number(s[m[8]:m[9]])
			if ok && m[10] >= 0 {
				v = scaled(v, s[m[10]:m[11]])
			}
		}
		if ok {
			add(Figure{Kind: Money, Value: v, Text: s[m[0]:m[1]], Start: m[0], End: m[1]})
		}
	}
	for _, m := range percentRE.FindAllStringSubmatchIndex(s, -1) {
		if v, ok := number(s[m[2]:m[3]]); ok {
			add(Figure{Kind: Percent, Value: v, Text: s[m[0]:m[1]], Start: m[0], End: m[1]})
		}
	}
	for _, m := range dateRE.FindAllStringSubmatchIndex(s, -1) {
		mon := months[strings.TrimSuffix(strings.ToLower(s[m[2]:m[3]]), ".")]
		day, _ := strconv.Atoi(s[m[4]:m[5]])
		if mon == 0 || day < 1 || day > 31 {
			continue
		}
		v := float64(mon*100 + day)
		unit := ""
		if m[6] >= 0 {
			y, _ := strconv.Atoi(s[m[6]:m[7]])
			v += float64(y * 10000)
		}
		add(Figure{Kind: Date, Unit: unit, Value: v, Text: s[m[0]:m[1]], Start: m[0], End: m[1]})
	}
	for _, m := range durationRE.FindAllStringSubmatchIndex(s, -1) {
		if strings.HasPrefix(s[m[1]:], "-old") || strings.HasPrefix(s[m[1]:], " old") {
			// an age ("33-year-old"), not a duration
			if v, ok := number(s[m[2]:m[3]]); ok {
				add(Figure{Kind: Age, Unit: strings.ToLower(s[m[4]:m[5]]), Value: v, Text: s[m[0] : m[1]+4], Start: m[0], End: m[1] + 4})
			}
			continue
		}
		if v, ok := number(s[m[2]:m[3]]); ok {
			if strings.Contains(strings.ToLower(s[m[0]:m[1]]), "and-a-half") {
				v += 0.5
			}
			add(Figure{Kind: Duration, Unit: strings.ToLower(s[m[4]:m[5]]), Value: v, Text: s[m[0]:m[1]], Start: m[0], End: m[1]})
		}
	}
	for _, m := range yearRE.FindAllStringSubmatchIndex(s, -1) {
		v, _ := strconv.Atoi(s[m[2]:m[3]])
		add(Figure{Kind: Year, Value: float64(v), Text: s[m[0]:m[1]], Start: m[0], End: m[1]})
	}
	for _, m := range countRE.FindAllStringSubmatchIndex(s, -1) {
		noun := strings.ToLower(s[m[6]:m[7]])
		if notCounted[noun] || months[noun] > 0 {
			continue
		}
		v, ok := number(s[m[2]:m[3]])
		if !ok {
			continue
		}
		if m[4] >= 0 {
			v = scaled(v, s[m[4]:m[5]])
		}
		add(Figure{Kind: Count, Unit: retrieval.Stem(noun), Value: v, Text: s[m[0]:m[1]], Start: m[0], End: m[1]})
	}
	sortFigures(out)
	return out
}

func sortFigures(fs []Figure) {
	for i := 1; i < len(fs); i++ {
		for j := i; j > 0 && fs[j].Start < fs[j-1].Start; j-- {
			fs[j], fs[j-1] = fs[j-1], fs[j]
		}
	}
}
