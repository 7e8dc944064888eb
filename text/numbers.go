package text

import (
	"regexp"
	"strconv"
	"strings"
)

// The parts of a written number, as regular expressions.
const (
	// digitsPattern is a number in digits: "12,000", "5.3", "2023".
	digitsPattern = `\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`
	// wordNumberPattern is a number in words.
	wordNumberPattern = `one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a dozen|dozens?|hundreds?|thousands?|millions?|billions?|once|twice|thrice|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\d+(?:st|nd|rd|th)`
	// scalePattern multiplies a number: "5.3 million", "$69bn".
	scalePattern = `thousand|trillion|billion|million|crore|lakh|bn|mln|mn|tn|k|m|b`
	// currencyWords are amounts of money written out: "680,000 dollars".
	currencyWords = `dollars|euros|pounds|yen|yuan|rupees|shekels|francs|cents|pence`
)

var (
	numberRE  = regexp.MustCompile(`(?i)\b(?:` + digitsPattern + `|` + wordNumberPattern + `)(?:[\s-](?:hundred|thousand|million|billion|trillion)\b)?\b`)
	moneyRE   = regexp.MustCompile(`(?:(?:\b(?:US|A|C|HK|S|NZ))?[$€£¥₹](?:US|A|C|HK|S|NZ)?|\b(?:USD|EUR|GBP|NIS|INR|AUD|CAD|CHF|JPY|CNY|RMB)\s?)\s?(?:` + digitsPattern + `)(?:\s?(?i:` + scalePattern + `)\b)?|(?i)\b(?:` + digitsPattern + `|` + wordNumberPattern + `)(?:\s?(?:` + scalePattern + `))?\s(?:` + currencyWords + `)\b|\b(?:` + digitsPattern + `)\s?bn\b`)
	percentRE = regexp.MustCompile(`(?i)\b(?:` + digitsPattern + `|` + wordNumberPattern + `)\s?(?:%|percent\b|per cent\b|percentage points?\b)`)
)

// Numbers returns the numbers of s, in digits or words, with a scale
// after them: "12,000", "5.3 million", "four", "a dozen", "hundreds".
// Digits inside a word ("Q3", "64GB", "G7") are not numbers.
func Numbers(s string) []Span { return spans(numberRE, s) }

// Money returns the amounts of money of s: "$69bn", "£300m", "US$ 5",
// "$US41 million" (the country after the sign, as Australian papers
// write it), "NIS 15 million", "680,000 dollars", "€1.2 billion".
func Money(s string) []Span { return spans(moneyRE, s) }

// Percent returns the percentages of s: "30%", "4.5 percent", "ten per
// cent", "2 percentage points".
func Percent(s string) []Span { return spans(percentRE, s) }

func spans(re *regexp.Regexp, s string) []Span {
	var out []Span
	for _, m := range re.FindAllStringIndex(s, -1) {
		out = append(out, Span{m[0], m[1]})
	}
	return out
}

// valueRE reads a number with its scale out of a figure.
// A number word ends at a word's end: "fourteen" is not "four".
var valueRE = regexp.MustCompile(`(?i)\b(` + digitsPattern + `|(?:` + wordNumberPattern + `)\b)(?:[\s-]?(` + scalePattern + `)\b)?`)

// signCountryRE matches a currency sign with its country's letters
// right before the number ("$US41"), which hide the number's start.
var signCountryRE = regexp.MustCompile(`([$€£¥₹])(?:US|A|C|HK|S|NZ)(\d)`)

// Value reads the number a figure states: "12,000" is 12000, "$5.3
// million" 5.3e6, "$US41 million" 4.1e7, "£300m" 3e8, "four" 4, "a dozen" 12, "30%" 30. ok is
// false when s holds no number.
func Value(s string) (v float64, ok bool) {
	m := valueRE.FindStringSubmatch(signCountryRE.ReplaceAllString(s, "$1 $2"))
	if m == nil {
		return 0, false
	}
	n := strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(m[1], "a "), "A "))
	if w, ok := numberWords[strings.TrimSuffix(n, "s")]; ok {
		v = w
	} else if w, ok := scales[strings.TrimSuffix(n, "s")]; ok {
		v = w // "thousands"
	} else {
		f, err := strconv.ParseFloat(strings.ReplaceAll(n, ",", ""), 64)
		if err != nil {
			return 0, false
		}
		v = f
	}
	if m[2] != "" {
		v *= scales[strings.ToLower(m[2])]
	}
	return v, true
}

// ordinalRE matches an ordinal: "14th", "fourth", "twelfth".
var ordinalRE = regexp.MustCompile(`(?i)^(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth)$`)

// IsOrdinal reports whether a number as written is an ordinal, a place in
// a sequence: "14th", "fourth".
func IsOrdinal(num string) bool { return ordinalRE.MatchString(num) }

// NumberWord returns the value of a number word ("four", "dozen"), or false.
func NumberWord(w string) (float64, bool) {
	v, ok := numberWords[strings.ToLower(w)]
	return v, ok
}
