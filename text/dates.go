package text

import (
	"regexp"
	"slices"
	"time"
)

// monthPattern is a month's name, in full or short ("Sept.", "Oct").
const monthPattern = `(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)`

// timeZones are the zones written after a time of day.
const timeZones = `ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|GMT|UTC|BST|CET|CEST|AEDT|AEST|IST|JST|HKT|SGT`

var (
	// Dates as questions and documents write them: "October 7, 2023",
	// "7 October 2023", "2023-10-07".
	monthDayYearRE = regexp.MustCompile(`\b(` + monthPattern + `)\.? (\d{1,2}),? (\d{4})\b`)
	dayMonthYearRE = regexp.MustCompile(`\b(\d{1,2}) (` + monthPattern + `)\.?,? (\d{4})\b`)
	isoDateRE      = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`)

	// dateRE finds every way a sentence dates something: a day and month
	// (with a year or not), a month (with a year or not), a weekday, a
	// year, or a day relative to today.
	dateRE = regexp.MustCompile(`\b` + monthPattern + `\.?\s+\d{1,2}(?:st|nd|rd|th)?\b(?:,?\s+\d{4}\b)?` +
		`|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?` + monthPattern + `\b\.?(?:,?\s+\d{4}\b)?` +
		`|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b` +
		`|\b(?:January|February|March|April|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)(?:\s+\d{4}\b)?` +
		`|\bMay\s+\d{4}\b|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b` +
		`|\b(?:19|20)\d\d\b` +
		`|(?i)\b(?:today|yesterday|tomorrow|tonight|(?:last|next|this|later this|earlier this)\s+(?:week|weekend|month|year|night|spring|summer|autumn|fall|winter)|(?:this|the)\s+weekend)\b`)

	// timeOfDayRE finds a time of day: "8:45 a.m.", "2am AEDT", "17:00
	// GMT", "noon", "six in the morning", "at seven", "9 o'clock".
	timeOfDayRE = regexp.MustCompile(`(?i)\b\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)(?:\s*(?-i:` + timeZones + `)\b)?` +
		`|\b\d{1,2}:\d\d\b(?:\s*(?-i:` + timeZones + `)\b)?` +
		`|\b(?:noon|midnight|midday|morning|afternoon|evening|dawn|dusk|overnight|o'clock|o’clock)\b` +
		`|\bat\s+(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b`)
)

// Dates returns the dates of s: "October 7, 2023", "7 Oct 2023", "Nov.
// 21", "2023-10-07", "March 2024", "Tuesday", "2023", "last week",
// "tomorrow". A month alone is a date when written in full ("in March");
// "May" only with a year.
func Dates(s string) []Span { return spans(dateRE, s) }

// TimesOfDay returns the times of day of s: "8:45 a.m.", "2am AEDT",
// "17:00", "noon", "in the morning", "at six", "nine o'clock".
func TimesOfDay(s string) []Span { return spans(timeOfDayRE, s) }

// ParseDates returns the calendar dates written in full in s ("October 7,
// 2023", "7 October 2023", "2023-10-07"), in order.
func ParseDates(s string) []time.Time {
	type dated struct {
		at int
		t  time.Time
	}
	var found []dated
	add := func(at int, layout, value string) {
		if t, err := time.Parse(layout, value); err == nil {
			found = append(found, dated{at, t})
		}
	}
	month := func(m string) string { return m[:3] }
	for _, m := range monthDayYearRE.FindAllStringSubmatchIndex(s, -1) {
		g := func(i int) string { return s[m[2*i]:m[2*i+1]] }
		add(m[0], "Jan 2 2006", month(g(1))+" "+g(2)+" "+g(3))
	}
	for _, m := range dayMonthYearRE.FindAllStringSubmatchIndex(s, -1) {
		g := func(i int) string { return s[m[2*i]:m[2*i+1]] }
		add(m[0], "Jan 2 2006", month(g(2))+" "+g(1)+" "+g(3))
	}
	for _, m := range isoDateRE.FindAllStringIndex(s, -1) {
		add(m[0], "2006-01-02", s[m[0]:m[1]])
	}
	slices.SortStableFunc(found, func(a, b dated) int { return a.at - b.at })
	out := make([]time.Time, len(found))
	for i, d := range found {
		out[i] = d.t
	}
	return out
}

// insideAny reports whether sp lies inside one of in.
func insideAny(sp Span, in []Span) bool {
	return slices.ContainsFunc(in, func(o Span) bool { return sp.Start >= o.Start && sp.End <= o.End })
}
