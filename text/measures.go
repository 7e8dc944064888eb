package text

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Measure is a number with what it measures: "a four-year contract" (4
// year), "the 33-year-old" (33 year, an age), "240,000 jobs" (240000 job).
type Measure struct {
	Span
	Value float64
	// Unit is the unit ("year", "month"…) of a duration or age, and the
	// counted noun of a count, lower case as written ("jobs").
	Unit string
	// Age is set for an age: "33-year-old".
	Age bool
	// Ordinal is set for a duration whose number is an ordinal: a place
	// in a sequence, not a length ("fourth-year coach").
	Ordinal bool
}

var (
	durationRE = regexp.MustCompile(`(?i)\b(` + digitsPattern + `|` + wordNumberPattern + `)[\s-](and-a-half[\s-])?(year|month|week|day|hour|minute|decade)s?\b`)
	countRE    = regexp.MustCompile(`(?i)\b(` + digitsPattern + `|` + wordNumberPattern + `)(?:\s(` + scalePattern + `))?(?:\s+|-)(?:(?-i:(?:\p{Lu}\.){2,})\s+)?(?:(?:new|more|additional|other|of|the|[a-z]+-[a-z]+)\s+)?([a-z][a-z-]+)`)
	yearRE     = regexp.MustCompile(`\b(?:19|20)\d\d\b`)
	// an age set off after a name: "Craig Albernaz, 45, is …"
	nameAgeRE = regexp.MustCompile(`\p{Lu}[\p{L}'’.-]*,\s(\d{1,3}),`)
	timesRE   = regexp.MustCompile(`\b((?i:` + digitsPattern + `|` + wordNumberPattern + `))\s+times\b`) // "times" lower case: not "the 2020 Times"
	// a score: two numbers of up to three digits and a dash, not part of
	// a date, an amount or a longer number
	scoreRE = regexp.MustCompile(`(?:^|[^\d.,$£€/:-])(\d{1,3})\s?[-–]\s?(\d{1,3})(?:$|[^\d%/:-])`)
)

// Score is a result written as two numbers and a dash: "12-11" (A 12,
// B 11), "21–20".
type Score struct {
	Span
	A, B int
}

// notScored are the words after two numbers and a dash that make them a
// range ("10-15 minutes"), not a score.
var notScored = map[string]bool{"percent": true, "per": true, "million": true, "billion": true, "thousand": true, "trillion": true,
	"year": true, "years": true, "month": true, "months": true, "week": true, "weeks": true, "day": true, "days": true,
	"hour": true, "hours": true, "minute": true, "minutes": true, "inch": true, "inches": true, "feet": true, "foot": true,
	"mph": true, "degrees": true, "am": true, "pm": true, "times": true}

// Scores returns the scores of s: "beat New Zealand 12-11", "a 21–20
// win". Two numbers and a dash followed by a unit ("10-15 minutes",
// "3-4 percent") are a range and left out.
func Scores(s string) []Score {
	var out []Score
	for _, m := range scoreRE.FindAllStringSubmatchIndex(s, -1) {
		next := strings.Fields(strings.ToLower(s[m[5]:]))
		if len(next) > 0 && notScored[strings.Trim(next[0], ".,;:!?)")] && !labelNext(s[m[5]:]) {
			continue
		}
		a, _ := strconv.Atoi(s[m[2]:m[3]])
		b, _ := strconv.Atoi(s[m[4]:m[5]])
		out = append(out, Score{Span: Span{m[2], m[5]}, A: a, B: b})
	}
	return out
}

// labelNext reports whether rest opens with a capitalised word followed by
// a number: a label ("Week 9", "Day 3"), not the unit of the number before
// it ("a 31-23 Week 9 loss" is a score in week 9, not a range of weeks).
func labelNext(rest string) bool {
	f := strings.Fields(rest)
	if len(f) < 2 || f[0] == "" || f[1] == "" {
		return false
	}
	first, _ := utf8.DecodeRuneInString(f[0])
	second, _ := utf8.DecodeRuneInString(f[1])
	return unicode.IsUpper(first) && unicode.IsDigit(second)
}

// notCounted are words after a number that are not things counted.
var notCounted = map[string]bool{
	"percent": true, "per": true, "and": true, "or": true, "to": true, "in": true, "on": true, "at": true, "of": true,
	"a": true, "an": true, "the": true, "for": true, "from": true, "by": true, "with": true, "as": true, "is": true,
	"was": true, "were": true, "are": true, "am": true, "pm": true, "p": true, "times": true, "than": true,
	"after": true, "before": true,
}

// Durations returns the durations and ages of s: "four-year", "ten
// months", "two-and-a-half-year" (2.5), "33-year-old" (an age), a number
// set off by commas after a name ("Dusty Baker, 74, retired": an age); an
// ordinal's ("fourth-year", "10th-year") is marked Ordinal.
func Durations(s string) []Measure {
	var out []Measure
	for _, m := range durationRE.FindAllStringSubmatchIndex(s, -1) {
		v, ok := Value(s[m[2]:m[3]])
		if !ok {
			continue
		}
		if labelNext(s[m[6]:]) {
			continue // "a 31-23 Week 9 loss": Week 9 is a label, no duration
		}
		d := Measure{Span: Span{m[0], m[1]}, Value: v, Unit: strings.ToLower(s[m[6]:m[7]]), Ordinal: IsOrdinal(s[m[2]:m[3]])}
		if rest := s[m[1]:]; strings.HasPrefix(rest, "-old") || strings.HasPrefix(rest, " old") {
			d.Age, d.End = true, m[1]+4
		} else if m[4] >= 0 {
			d.Value += 0.5
		}
		out = append(out, d)
	}
	for _, m := range nameAgeRE.FindAllStringSubmatchIndex(s, -1) {
		if v, _ := strconv.Atoi(s[m[2]:m[3]]); v >= minAge && v <= maxAge {
			out = append(out, Measure{Span: Span{m[2], m[3]}, Value: float64(v), Unit: "year", Age: true})
		}
	}
	slices.SortFunc(out, func(a, b Measure) int { return a.Start - b.Start })
	return out
}

// minAge and maxAge bound a person's age set off after their name
// ("Dusty Baker, 74, retired"): a number outside them is something else.
const minAge, maxAge = 10, 110

// Counts returns the counts of s: a number, with its scale, and the noun
// after it, up to one word between ("240,000 jobs", "12 new stores", "two
// million people"), and a country's letters with their dots before those
// ("40 U.S. high schools" counts what "40 high schools" does). Words that are not things counted ("percent", "am",
// "times", a month) are left out, and so is a number glued to a name by a
// hyphen ("GLP-1 drugs", "COVID-19 cases": gluedName).
func Counts(s string) []Measure {
	var out []Measure
	for _, m := range countRE.FindAllStringSubmatchIndex(s, -1) {
		noun := strings.ToLower(s[m[6]:m[7]])
		if notCounted[noun] || Month(noun) > 0 || gluedName(s[:m[0]]) {
			continue
		}
		v, ok := Value(s[m[2]:m[3]])
		if !ok {
			continue
		}
		if m[4] >= 0 {
			v *= scales[strings.ToLower(s[m[4]:m[5]])]
		}
		out = append(out, Measure{Span: Span{m[0], m[1]}, Value: v, Unit: noun})
	}
	return out
}

// gluedNameRE matches a letter and a hyphen ending the text before a
// number: the number is part of a name ("GLP-1 drugs", "COVID-19
// cases", "F-16 jets").
var gluedNameRE = regexp.MustCompile(`\pL-$`)

// gluedName reports whether the text before a number (before) glues it to
// a name with a hyphen (gluedNameRE): "GLP-1 drugs" counts no drugs.
func gluedName(before string) bool { return gluedNameRE.MatchString(before) }

// ratioWords are the words after "N times" that make it a ratio ("three
// times as many", "ten times more", "three times the size", "three times
// too many"), not a tally.
var ratioWords = map[string]bool{"as": true, "more": true, "less": true, "fewer": true, "the": true, "its": true,
	"their": true, "his": true, "her": true, "our": true, "that": true, "what": true, "too": true}

// Occasions returns the tallies of s: a number of times something
// happened ("have beaten Italy 14 times in a row", "won it three times
// since"), Unit "times". "N times" before a comparative ("five times
// bigger", a word ending in "er"), a ratio word (ratioWords) or a
// figure's name or number ("12 times FY24 earnings") is a ratio and left
// out, as are ordinals ("the 14th time" is no tally).
func Occasions(s string) []Measure {
	var out []Measure
	for _, m := range timesRE.FindAllStringSubmatchIndex(s, -1) {
		num := s[m[2]:m[3]]
		if IsOrdinal(num) {
			continue
		}
		if next := strings.Fields(s[m[1]:]); len(next) > 0 {
			w := strings.Trim(next[0], ".,;:!?)\"'’”")
			if w != "" && w == next[0] {
				r := w[0]
				if ratioWords[strings.ToLower(w)] || strings.HasSuffix(w, "er") || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') || r == '$' {
					continue
				}
			}
		}
		v, ok := Value(num)
		if !ok {
			continue
		}
		out = append(out, Measure{Span: Span{m[0], m[1]}, Value: v, Unit: "times"})
	}
	return out
}

// ratioNextRE matches the ratio word after "N times" and the word after
// it, if any: " higher risk", " the speed", " more".
var ratioNextRE = regexp.MustCompile(`^\s+([a-z]+)(?:\s+([a-z]+))?`)

// Ratios returns the ratios of s, which Occasions leaves out: a number of
// times before a comparative ("3.67 times more likely", "a 9.09 times
// higher risk") or "as" or "the" ("2.5 times the speed"). Unit is the
// ratio's word and the index term of the word after it unless that is a
// function word ("higher risk", "more like", "the speed"; "bigger" of
// "bigger than"): a ratio compares only with another of the
// same words, not with another thing's ratio in the same sentence.
// Ordinals are left out.
func Ratios(s string) []Measure {
	var out []Measure
	for _, m := range timesRE.FindAllStringSubmatchIndex(s, -1) {
		num := s[m[2]:m[3]]
		r := ratioNextRE.FindStringSubmatchIndex(s[m[1]:])
		if IsOrdinal(num) || r == nil {
			continue
		}
		w := s[m[1]+r[2] : m[1]+r[3]]
		if w != "as" && w != "the" && w != "more" && w != "less" && w != "fewer" && !strings.HasSuffix(w, "er") {
			continue
		}
		v, ok := Value(num)
		if !ok {
			continue
		}
		unit, end := w, m[1]+r[3]
		if r[4] >= 0 && !IsStopWord(s[m[1]+r[4]:m[1]+r[5]]) {
			unit, end = w+" "+Term(s[m[1]+r[4]:m[1]+r[5]]), m[1]+r[5]
		}
		out = append(out, Measure{Span: Span{m[0], end}, Value: v, Unit: unit})
	}
	return out
}

// Years returns the years of s, 1900 to 2099: "2023".
func Years(s string) []Span { return spans(yearRE, s) }

// dayRE reads a day and month, and a year, out of a date.
var (
	monthDayRE = regexp.MustCompile(`^(` + monthPattern + `)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?`)
	dayMonthRE = regexp.MustCompile(`^(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(` + monthPattern + `)\b\.?(?:,?\s+(\d{4}))?`)
)

// DateParts reads the year, month and day of a date as Dates finds it
// ("Nov. 21, 2023" is 2023, 11, 21; "November 21" 0, 11, 21; "March 2024"
// 2024, 3, 0), 0 for what it does not say.
func DateParts(date string) (year, month, day int) {
	if m := monthDayRE.FindStringSubmatch(date); m != nil {
		day, _ = strconv.Atoi(m[2])
		year, _ = strconv.Atoi(m[3])
		return year, Month(m[1]), day
	}
	if m := dayMonthRE.FindStringSubmatch(date); m != nil {
		day, _ = strconv.Atoi(m[1])
		year, _ = strconv.Atoi(m[3])
		return year, Month(m[2]), day
	}
	if m := isoDateRE.FindStringSubmatch(date); m != nil {
		year, _ = strconv.Atoi(m[1])
		month, _ = strconv.Atoi(m[2])
		day, _ = strconv.Atoi(m[3])
		return year, month, day
	}
	if f := strings.Fields(date); len(f) > 0 {
		month = Month(f[0])
		if len(f) > 1 {
			year, _ = strconv.Atoi(f[1])
		} else if yearRE.MatchString(date) {
			year, _ = strconv.Atoi(date)
		}
	}
	return year, month, day
}

// What a "how …" question measures (QuantityOf).
const (
	QuantityAge    = "age"    // "how old"
	QuantityLength = "length" // "how long": a duration or a distance
	QuantityHeight = "height" // "how tall"
)

var (
	quantityRE = regexp.MustCompile(`(?i)^how\s+(old|long|tall)\b`)
	// an age besides "33-year-old": "aged 33", "at the age of 33", "turned
	// 33", or a name's apposition ("Smith, 44, has").
	ageRE = regexp.MustCompile(`(?i:\baged?\s+|\bage\s+of\s+|\bturn(?:s|ed)?\s+)\d{1,3}\b|\p{Lu}[\p{L}'’-]+,\s\d{1,3},`)
	// a distance or a height: "600 miles", "30 yards", "7-foot-4", "6ft".
	distanceRE = regexp.MustCompile(`(?i)\b(?:` + digitsPattern + `|` + wordNumberPattern + `)(?:\s|-)?(?:miles?|km|kilomet(?:er|re)s?|yards?|yds?|met(?:er|re)s?|feet|foot|ft|inch(?:es)?|cm|centimet(?:er|re)s?)\b`)
	// a length of time written without a number: "a year", "an hour".
	aTimeRE = regexp.MustCompile(`(?i)\ban?\s+(?:year|month|week|day|hour|minute|decade|season)\b`)
)

// QuantityOf returns what a "how …" question asks the measure of:
// QuantityAge for "how old", QuantityLength for "how long",
// QuantityHeight for "how tall"; "" for any other question, whose figure
// may be any number.
func QuantityOf(question string) string {
	m := quantityRE.FindStringSubmatch(opening(question))
	if m == nil {
		return ""
	}
	switch strings.ToLower(m[1]) {
	case "old":
		return QuantityAge
	case "long":
		return QuantityLength
	default:
		return QuantityHeight
	}
}

// HoldsQuantity reports whether sentence gives a figure of quantity
// (QuantityOf): an age ("33-year-old", "aged 33", "Smith, 44,"), a length
// (a duration or a distance: "eight weeks", "600 miles", "a year"), a
// height ("7-foot-4", "6ft"). Any figure holds "".
func HoldsQuantity(sentence, quantity string) bool {
	switch quantity {
	case QuantityAge:
		return ageRE.MatchString(sentence) || slices.ContainsFunc(Durations(sentence), func(d Measure) bool { return d.Age })
	case QuantityLength:
		return distanceRE.MatchString(sentence) || aTimeRE.MatchString(sentence) ||
			slices.ContainsFunc(Durations(sentence), func(d Measure) bool { return !d.Age && !d.Ordinal })
	case QuantityHeight:
		return distanceRE.MatchString(sentence)
	}
	return AskQuantity.Holds(sentence)
}
