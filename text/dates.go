package text

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
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

// calendarRE finds a date that names its month or a clock time: "April
// 2021", "Nov. 16", "16 November", "2023-10-07", "10/7/23", "1pm ET",
// "8:45".
var calendarRE = regexp.MustCompile(`\b` + monthPattern + `\.?\s+\d{1,2}(?:st|nd|rd|th)?\b` +
	`|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?` + monthPattern + `\b` +
	`|\b(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)\s+\d{4}\b` +
	`|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b` +
	`|(?i:\b\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b))|\b\d{1,2}:\d\d\b`)

// HasCalendarDate reports whether s dates something to its month or
// hour: a day of a month, a month and year, a clock time ("originally
// proposed back in April 2021", "on sale on November 16th at 1pm ET"),
// not only a year, a weekday or a day relative to today ("yesterday",
// "by 2050", "last week").
func HasCalendarDate(s string) bool { return calendarRE.MatchString(s) }

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

// A Period is a stretch of days a sentence states without its day: a
// month or part of one ("back in July", "at the start of August",
// "earlier this month").
type Period struct {
	Span
	From, To time.Time // its first and last day
	// Relative is true of a month named by the writing ("this month",
	// "last month"), not by its name.
	Relative bool
}

// monthPeriodRE finds a month a sentence states as the time of what it
// tells: after "in" ("in July", "back in July", "in early August", "in
// mid-August", "in March 2022") or "from" ("unable to attend home games
// last season from January": the month its state began), as part of one
// ("at the start of August", "by the end of last month"), or relative to
// the writing ("earlier this month", "this month", "last month", "late
// last month").
var monthPeriodRE = regexp.MustCompile(`(?:\b(?i:in|from)\s+(?:(?i:(early|mid|late))[-\s]+)?` +
	`|\b(?i:the)\s+(?i:(start|beginning|middle|end))\s+of\s+)` +
	`(?:(` + monthPattern + `)\.?(?:,?\s+(\d{4}))?\b|(?i:(this|last))\s+month\b)` +
	`|\b(?i:(earlier|early|late))\s+(this|last)\s+month\b|\b(?i:(this|last))\s+month\b`)

// fromMonth reports whether the month after "from" at s[start:end] is
// the time of what s tells, the month a state began ("were unable to
// attend home games last season from January"): not before a day ("from
// January 1", the day's), nor a stretch's first month ("runs from
// September to April", a season, neither end an event's), nor in the
// sentence's subject, before its verb ("A Pew Research survey from
// August showed …", the time of a thing it mentions). The verb is an
// auxiliary written before "from" (auxBeforeRE); a sentence whose verb
// is another ("Sales fell from January") is not read.
func fromMonth(s string, start, end int) bool {
	return !dayAfterRE.MatchString(s[end:]) && !stretchAfterRE.MatchString(s[end:]) && auxBeforeRE.MatchString(s[:start])
}

// dayAfterRE matches a day's number written after a month ("January 1",
// "Jan. 15th"); stretchAfterRE the words that end a stretch begun by
// "from" ("to April", "until March", "through May", "- June"); auxBeforeRE
// an auxiliary verb (a form of "be", "have" or "do", or a modal), in
// lower case: "May" is a month.
var (
	dayAfterRE     = regexp.MustCompile(`^\s+\d{1,2}(?:st|nd|rd|th)?\b`)
	stretchAfterRE = regexp.MustCompile(`(?i)^,?\s*(?:to|until|till|through|thru|into|and|[-–—])(?:\s|$)`)
	auxBeforeRE    = regexp.MustCompile(`\b(?:am|is|are|was|were|be|been|being|has|have|had|do|does|did|can|could|will|would|shall|should|may|might|must)\b`)
)

// MonthPeriods returns the months (or parts of months) s states without
// their day, read against ref, the day s was written: a month without
// its year is the latest such month on or before ref's month (July
// written in March is last year's), "this month" is ref's and "last
// month" the one before. "Early" and "the start of" a month are its
// first ten days, "mid" and "the middle of" the next ten, "late" and
// "the end of" the rest; "earlier this month" runs from its first day to
// the day before ref. A month alone needs "in" or "from" before it ("in
// May"; "May" alone is a verb as often); "from" before a day ("from
// January 1") is no month's period but the day's. A period that would
// end before it begins (earlier on the first of the month) is not
// returned.
func MonthPeriods(s string, ref time.Time) []Period {
	var out []Period
	for _, m := range monthPeriodRE.FindAllStringSubmatchIndex(s, -1) {
		if strings.HasPrefix(strings.ToLower(s[m[0]:m[1]]), "from") && !fromMonth(s, m[0], m[1]) {
			continue
		}
		g := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return strings.ToLower(s[m[2*i]:m[2*i+1]])
		}
		part := g(1) + g(2) + g(6) // at most one of them is set
		var first time.Time        // the month's first day
		switch {
		case g(3) != "":
			mo := time.Month(Month(s[m[6]:m[7]]))
			y, _ := strconv.Atoi(g(4))
			if y == 0 {
				if ref.IsZero() {
					continue
				}
				y = ref.Year()
				if mo > ref.Month() {
					y--
				}
			}
			first = time.Date(y, mo, 1, 0, 0, 0, 0, time.UTC)
		default:
			if ref.IsZero() {
				continue
			}
			first = time.Date(ref.Year(), ref.Month(), 1, 0, 0, 0, 0, time.UTC)
			if g(5)+g(7)+g(8) == "last" {
				first = first.AddDate(0, -1, 0)
			}
		}
		from, to := first, first.AddDate(0, 1, -1)
		switch part {
		case "early", "start", "beginning":
			to = first.AddDate(0, 0, 9)
		case "mid", "middle":
			from, to = first.AddDate(0, 0, 10), first.AddDate(0, 0, 19)
		case "late", "end":
			from = first.AddDate(0, 0, 20)
		case "earlier":
			if g(7) == "last" {
				break // earlier last month: all of it
			}
			to = time.Date(ref.Year(), ref.Month(), ref.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
		}
		if to.Before(from) {
			continue
		}
		out = append(out, Period{Span: Span{m[0], m[1]}, From: from, To: to, Relative: g(3) == ""})
	}
	return out
}
