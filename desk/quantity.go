package desk

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/newsroom/askbot/text"
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
	Ordinal  Kind = "ordinal"  // "fourth-year": a place in a sequence, Unit "year"
	Score    Kind = "score"    // "12-11": Value is 1000×the first number + the second
	Share    Kind = "share"    // "16 of 20 passes": Value is 1000×the first number + the second, Unit the noun's stem
	Clock    Kind = "clock"    // "4:25 p.m.": Value is minutes after midnight
	Rank     Kind = "rank"     // "ranked 28th", "ranks No. 3": Value is the place
	Ratio    Kind = "ratio"    // "3.67 times more likely": Unit the ratio's words ("more like")
)

// Figure is a number a sentence states: "$5.3 million", "30%", "four-year",
// "12,000 employees", "Nov. 21, 2023", "14 times".
type Figure struct {
	Kind  Kind
	Unit  string
	Value float64
	// Text is the figure as written; Start and End its byte offsets.
	Text       string
	Start, End int
	// Within is how far another value may be from a figure written as a
	// round one ("about 2%": hedged) and still be the same; 0 for one
	// written exactly.
	Within float64
}

// Same reports whether two figures state the same amount of the same thing.
func (f Figure) Same(g Figure) bool {
	if f.Kind != g.Kind || f.Unit != g.Unit {
		return false
	}
	if f.Value == g.Value {
		return true
	}
	if f.Within > 0 {
		return math.Abs(f.Value-g.Value) <= f.Within*(1+1e-9)
	}
	if f.match() {
		// "beat them 12-11" and "lost 11-12" state one result (a
		// record is written wins first: 80-82 is not 82-80)
		a, b := math.Floor(g.Value/1000), math.Mod(g.Value, 1000)
		return f.Value == b*1000+a
	}
	if f.Kind == Date && (f.Value < 1e4 || g.Value < 1e4) {
		// A date without its year matches the same day of any year.
		return math.Mod(f.Value, 1e4) == math.Mod(g.Value, 1e4)
	}
	return math.Abs(f.Value-g.Value) <= 1e-6*math.Max(math.Abs(f.Value), math.Abs(g.Value))
}

// score is a Score figure as text's score: A the first number, B the
// second.
func (f Figure) score() text.Score {
	return text.Score{Span: text.Span{Start: f.Start, End: f.End}, A: int(f.Value) / 1000, B: int(f.Value) % 1000}
}

// Comparable reports whether g measures what f measures. Two shares
// measure the same only out of the same whole ("21 of the first 30
// samples" and "25 of the first 30 samples"): "16 of 20 passes" and "7
// of 8 passing" tell of two games.
func (f Figure) Comparable(g Figure) bool {
	if f.Kind == Share && g.Kind == Share && math.Mod(f.Value, 1000) != math.Mod(g.Value, 1000) {
		return false
	}
	return f.Kind == g.Kind && f.Unit == g.Unit
}

// Figures returns the figures a sentence states, in order, overlapping
// ones resolved in favour of the first kind found (money, percent,
// score, date, duration, year, count, tally).
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
	for _, m := range rupeeRE.FindAllStringSubmatchIndex(s, -1) {
		if v, ok := rupees(s[m[2]:m[3]], s[m[4]:m[5]]); ok {
			add(figure(Money, "", v, s, text.Span{Start: m[0], End: m[1]}))
		}
	}
	for _, m := range currencyRE.FindAllStringSubmatchIndex(s, -1) {
		// "one million NOK", "NOK 1 million", "500 kroner"
		num := ""
		if m[2] >= 0 {
			num = s[m[2]:m[3]]
		} else {
			num = s[m[4]:m[5]]
		}
		if v, ok := text.Value(num); ok {
			add(figure(Money, "", v, s, text.Span{Start: m[0], End: m[1]}))
		}
	}
	for _, sp := range text.Money(s) {
		if v, ok := text.Value(s[sp.Start:sp.End]); ok {
			add(figure(Money, "", v, s, sp))
		}
	}
	for _, sp := range text.Percent(s) {
		if v, ok := text.Value(s[sp.Start:sp.End]); ok {
			add(figure(Percent, "", v, s, sp))
		}
	}
	for _, m := range clockRE.FindAllStringSubmatchIndex(s, -1) {
		if v, ok := clockMinutes(s, m); ok {
			add(figure(Clock, "", v, s, text.Span{Start: m[0], End: m[1]}))
		}
	}
	for _, sc := range text.Scores(s) {
		add(figure(Score, recordUnit(s, sc.Span), float64(sc.A*1000+sc.B), s, sc.Span))
	}
	for _, m := range rankRE.FindAllStringSubmatchIndex(s, -1) {
		// "entering Week 13 ranking 30th in dropback EPA": a place in a
		// ranking, compared only with another place
		if v, err := strconv.Atoi(s[m[2]:m[3]]); err == nil {
			add(figure(Rank, "", float64(v), s, text.Span{Start: m[2], End: m[1]}))
		}
	}
	if f, ok := finalLine(s); ok {
		add(f)
	}
	for _, m := range shareRE.FindAllStringSubmatchIndex(s, -1) {
		// "16 of 20 passes", "21 of the first 30 samples": both numbers
		// (the second alone is no count of what the first did)
		a, errA := strconv.Atoi(strings.ReplaceAll(s[m[2]:m[3]], ",", ""))
		b, errB := strconv.Atoi(strings.ReplaceAll(s[m[4]:m[5]], ",", ""))
		if errA != nil || errB != nil || a > b || b >= 1000 {
			continue
		}
		unit, end := "", m[5]
		if m[6] >= 0 && !text.IsStopWord(s[m[6]:m[7]]) {
			unit, end = text.Term(s[m[6]:m[7]]), m[7]
		}
		add(figure(Share, unit, float64(a*1000+b), s, text.Span{Start: m[2], End: end}))
	}
	for _, sp := range text.Dates(s) {
		y, m, d := text.DateParts(s[sp.Start:sp.End])
		if m == 0 || d < 1 || d > 31 {
			continue
		}
		add(figure(Date, "", float64(y*10000+m*100+d), s, sp))
	}
	for _, d := range text.Durations(s) {
		kind := Duration
		switch {
		case d.Age:
			kind = Age
		case d.Ordinal:
			// "fourth-year coach" is no length: never compared with a
			// "seven-year contract"
			kind = Ordinal
		}
		add(withMultiplier(s, figure(kind, d.Unit, d.Value, s, d.Span)))
	}
	for _, m := range ageRE.FindAllStringSubmatchIndex(s, -1) {
		// "at age 33", "aged 33": an age as "33-year-old" is
		v, _ := strconv.Atoi(s[m[2]:m[3]])
		add(figure(Age, "year", float64(v), s, text.Span{Start: m[2], End: m[3]}))
	}
	for _, sp := range text.Years(s) {
		v, _ := strconv.Atoi(s[sp.Start:sp.End])
		add(figure(Year, "", float64(v), s, sp))
	}
	for _, c := range text.Counts(s) {
		add(lengthAfter(s, withMultiplier(s, countFigure(s, c))))
	}
	for _, o := range text.Occasions(s) {
		// a tally ("14 times in a row") is a count of times, its unit
		// "times" as written: not a count of "five-time" champions,
		// whose unit is the term "time"
		add(figure(Count, o.Unit, o.Value, s, o.Span))
	}
	for _, r := range text.Ratios(s) {
		// "a 9.09 times higher risk of pancreatitis": compared only
		// with a ratio in the same words
		add(figure(Ratio, r.Unit, r.Value, s, r.Span))
	}
	sortFigures(out)
	// a bare number carrying the unit of a length or count before it
	// ("to play 45 minutes after he'd gone only 27 in his one club
	// appearance"): read with that unit, not left out (the sentence's
	// other figure of the unit would be taken for the claim's)
	var carried []Figure
	for _, m := range bareRE.FindAllStringSubmatchIndex(s, -1) {
		a, b := m[2], m[3]
		if taken(a, b) || !carriesUnit(s[b:]) || !lowerWordBefore(s[:a]) {
			continue
		}
		var before *Figure
		for i := range out {
			if out[i].End <= a {
				before = &out[i]
			}
		}
		if before == nil || before.Kind != Duration && before.Kind != Count || before.Unit == "" || strings.ContainsAny(s[before.End:a], ".;:!?") {
			continue
		}
		v, err := strconv.Atoi(s[a:b])
		if err != nil {
			continue
		}
		carried = append(carried, figure(before.Kind, before.Unit, float64(v), s, text.Span{Start: a, End: b}))
	}
	if len(carried) > 0 {
		out = append(out, carried...)
		sortFigures(out)
	}
	if ranged := rangeCarried(s, out, taken); len(ranged) > 0 {
		out = append(out, ranged...)
		sortFigures(out)
	}
	return out
}

// rangeRE matches a change told from one number to another, the unit
// written once: "from 1.8 to 0.78 bumps", "from 1.8 bumps per minute to
// 0.78 per minute" (the two numbers, and up to four words after the
// first).
var rangeRE = regexp.MustCompile(`\bfrom\s+(\d[\d,]*(?:\.\d+)?)((?:\s+[\p{L}-]+){0,4}?)\s+to\s+(\d[\d,]*(?:\.\d+)?)\b`)

// rangeCarried reads the number of a range (rangeRE) written without a
// unit as a figure of the unit the range's other number carries (have,
// the figures read so far; a count, a length or a percentage starting at
// that number): the 1.8 of "from 1.8 to 0.78 bumps" is 1.8 bumps, the
// 0.78 of "from 1.8 bumps per minute to 0.78 per minute" 0.78 bumps.
// The number takes the other's scale ("from 10 to 12 million people":
// 10 million). The first number must come right before "to"; the second
// must leave its unit unsaid (carriesUnit, or a rate after it: "per minute").
func rangeCarried(s string, have []Figure, taken func(a, b int) bool) []Figure {
	var out []Figure
	for _, m := range rangeRE.FindAllStringSubmatchIndex(s, -1) {
		first, second := text.Span{Start: m[2], End: m[3]}, text.Span{Start: m[6], End: m[7]}
		bare, other := first, second
		switch {
		case !taken(first.Start, first.End) && m[4] == m[5]:
		case !taken(second.Start, second.End) && (carriesUnit(s[second.End:]) || rateAfterRE.MatchString(s[second.End:])):
			bare, other = second, first
		default:
			continue
		}
		i := slices.IndexFunc(have, func(f Figure) bool { return f.Start == other.Start })
		if i < 0 || have[i].Kind != Count && have[i].Kind != Duration && have[i].Kind != Percent {
			continue
		}
		v, errV := strconv.ParseFloat(strings.ReplaceAll(s[bare.Start:bare.End], ",", ""), 64)
		n, errN := strconv.ParseFloat(strings.ReplaceAll(s[other.Start:other.End], ",", ""), 64)
		if errV != nil || errN != nil || n == 0 {
			continue
		}
		// the other's scale too: "from 10 to 12 million people"
		out = append(out, figure(have[i].Kind, have[i].Unit, v*have[i].Value/n, s, bare))
	}
	return out
}

// rateAfterRE matches a rate right after a number: " per minute".
var rateAfterRE = regexp.MustCompile(`^\s+per\s`)

// bareRE finds a whole number of one to three digits standing alone
// (no sign, decimal, separator or unit glued to it).
var bareRE = regexp.MustCompile(`(?:^|[\s(])(\d{1,3})\b`)

// carriesUnit reports whether the text after a bare number leaves its
// unit unsaid: it goes on with a function word ("27 in his one
// appearance", "27 and …") or ends the clause, not with a noun of its
// own ("27 players") or another number.
func carriesUnit(after string) bool {
	rest := strings.TrimLeft(after, " ")
	switch {
	case rest == "":
		return true
	case strings.ContainsRune(",;)", rune(rest[0])):
		return true
	case rest[0] == '.':
		return len(rest) == 1 || rest[1] == ' '
	}
	w := strings.ToLower(wordRE.FindString(rest))
	return w != "" && strings.HasPrefix(strings.ToLower(rest), w) && carryWords[w]
}

// lowerWordBefore reports whether the word right before a number is a
// lower-case word ("gone only 27"), not a label it numbers ("No. 3",
// "Game 7") or nothing.
func lowerWordBefore(before string) bool {
	ws := wordRE.FindAllString(before, -1)
	if len(ws) == 0 {
		return false
	}
	r := []rune(ws[len(ws)-1])[0]
	return unicode.IsLower(r) && ws[len(ws)-1] != "no"
}

// carryWords are the words after which a bare number's unit is the one
// before it: prepositions and conjunctions, never a noun.
var carryWords = map[string]bool{"in": true, "at": true, "on": true, "for": true, "and": true, "or": true, "before": true, "after": true, "last": true, "this": true, "that": true, "the": true, "of": true, "with": true, "against": true, "earlier": true, "previously": true, "so": true}

// Record is the Unit of a Score that is a win-loss record, a season's or
// a career's tally ("a 921-757 record", "went 82-80", "after going 8-6
// last week"), not a match's result: the two compare only with each
// other.
const Record = "record"

var (
	recordBeforeRE = regexp.MustCompile(`(?i)\b(?:went|go|goes|going|gone)\s+$`)
	recordAfterRE  = regexp.MustCompile(`(?i)^\s+(?:win(?:s|ning)?[\s–-]+loss(?:es)?\s+)?records?\b`)
	// a season's or year's tally: "finished 2023 at 78-84", "ended
	// their 2023 with a disastrous 75-87", "closed the season with a
	// 10-7"
	seasonBeforeRE = regexp.MustCompile(`(?i)\b(?:season|(?:19|20)\d\d)\s+(?:at|with)\s+(?:an?\s+)?(?:[a-z]+\s+)?$`)
)

// recordUnit is the Unit of the score at sp of s: Record when the word
// after it is "record", the word before it a form of "go" ("went
// 82-80"), or a season or year comes right before, with "at" or "with"
// ("finished 2023 at 78-84", "ended their 2023 with a disastrous 75-87")
// and no result after it ("… with a 3-1 win" is a match's); else "".
//
// A score in brackets right after a team's name is its record ("No. 3
// Michigan (12-0) beat No. 2 Ohio State (11-1)") when the sentence gives
// two teams theirs so, or the name opens the sentence: its result is
// told after it, not in the brackets ("Arsenal beat Chelsea (2-1)" is a
// result).
func recordUnit(s string, sp text.Span) string {
	if recordAfterRE.MatchString(s[sp.End:]) || recordBeforeRE.MatchString(s[:sp.Start]) {
		return Record
	}
	if bracketed(s, sp) && (openingName(s[:sp.Start]) || len(bracketedScores(s)) >= 2) {
		return Record
	}
	if seasonBeforeRE.MatchString(s[:sp.Start]) && !resultAfter(s[sp.End:]) {
		return Record
	}
	return ""
}

var (
	// bracketedRE is a score in brackets after a capitalised word:
	// "Michigan (12-0)"
	bracketedRE = regexp.MustCompile(`\p{Lu}[\p{L}.'’&-]*\s*\((\d{1,3}-\d{1,3})\)`)
	// openingNameRE is a team's name opening a sentence, maybe after its
	// ranking, up to a bracket: "No. 3 Michigan ("
	openingNameRE = regexp.MustCompile(`^\s*(?:No\.\s*\d{1,2}\s+)?` + teamPattern + `\s*\($`)
)

// bracketed reports whether the score at sp of s is one of
// bracketedScores.
func bracketed(s string, sp text.Span) bool {
	for _, m := range bracketedScores(s) {
		if m.Start == sp.Start {
			return true
		}
	}
	return false
}

// bracketedScores are the spans of the scores in brackets right after a
// capitalised word in s.
func bracketedScores(s string) []text.Span {
	var out []text.Span
	for _, m := range bracketedRE.FindAllStringSubmatchIndex(s, -1) {
		out = append(out, text.Span{Start: m[2], End: m[3]})
	}
	return out
}

// openingName reports whether before (a sentence up to a score's
// bracket) is a team's name alone: "Michigan (".
func openingName(before string) bool { return openingNameRE.MatchString(before) }

// finalRE matches a live page's line of the final score: "Final:
// Broncos 21, Vikings 20" (each team, then its points).
var finalRE = regexp.MustCompile(`^\s*(?:Final|FINAL|Final score|FINAL SCORE)\s*:\s*(` + teamPattern + `)\s+(\d{1,3}),\s+(` + teamPattern + `)\s+(\d{1,3})\s*$`)

// teamPattern is a team's name of up to four capitalised words.
const teamPattern = `\p{Lu}[\p{L}.'’&-]*(?:\s\p{Lu}[\p{L}.'’&-]*){0,3}`

// finalLine is the score of a live page's final-score line ("Final:
// Broncos 21, Vikings 20", a score 21-20 over "Broncos 21, Vikings 20"),
// when s is one.
func finalLine(s string) (Figure, bool) {
	m := finalRE.FindStringSubmatchIndex(s)
	if m == nil {
		return Figure{}, false
	}
	a, _ := strconv.Atoi(s[m[4]:m[5]])
	b, _ := strconv.Atoi(s[m[8]:m[9]])
	return figure(Score, "", float64(a*1000+b), s, text.Span{Start: m[2], End: m[9]}), true
}

// scoresOf are the scores of s (text.Scores) and its final-score line's
// (finalLine).
func scoresOf(s string) []text.Score {
	out := text.Scores(s)
	if f, ok := finalLine(s); ok {
		out = append(out, f.score())
	}
	return out
}

// finalResult is who won, as a final-score line tells it (finalLine):
// the team of more points; ok is false when sc is not such a line's.
func finalResult(s string, sc text.Score) (result, bool) {
	m := finalRE.FindStringSubmatchIndex(s)
	if m == nil || sc.Start != m[2] || sc.End != m[9] {
		return result{}, false
	}
	r := result{span: sc.Span}
	first, second := s[m[2]:m[3]], s[m[6]:m[7]]
	switch {
	case sc.A > sc.B:
		r.winner, r.loser = first, second
	case sc.A < sc.B:
		r.winner, r.loser = second, first
	default:
		r.level = true
	}
	return r, true
}

// resultAfter reports whether the word after a score tells a match's
// result ("in 2023 with a 3-1 win"): the score is that match's.
func resultAfter(rest string) bool {
	ws := strings.Fields(rest)
	return len(ws) > 0 && text.OutcomeOf(strings.Trim(ws[0], ".,;:!?")) != text.NoOutcome
}

// match reports whether f is a match's result: a score that is no
// record.
func (f Figure) match() bool { return f.Kind == Score && f.Unit != Record }

// figure is the figure of kind over sp of s.
func figure(kind Kind, unit string, v float64, s string, sp text.Span) Figure {
	return Figure{Kind: kind, Unit: unit, Value: v, Text: s[sp.Start:sp.End], Start: sp.Start, End: sp.End}
}

func sortFigures(fs []Figure) {
	for i := 1; i < len(fs); i++ {
		for j := i; j > 0 && fs[j].Start < fs[j-1].Start; j-- {
			fs[j], fs[j-1] = fs[j-1], fs[j]
		}
	}
}

// nameModifierRE matches a lower-case noun right after a count's word
// ("two Masimo| patents").
var nameModifierRE = regexp.MustCompile(`^\s+([a-z][a-z-]+)\b`)

// countFigure is a count as a figure. A name in the singular written
// between the number and its noun modifies the noun ("two Masimo
// patents" counts patents, as "two patents from … Masimo" does): the
// counted noun is the word after the name. A plural name is what is
// counted ("22 Republicans voting").
func countFigure(s string, c text.Measure) Figure {
	unit, sp := c.Unit, c.Span
	if w := s[sp.End-len(c.Unit) : sp.End]; w != "" && unicode.IsUpper([]rune(w)[0]) && !text.IsPluralName(w) {
		if m := nameModifierRE.FindStringSubmatchIndex(s[sp.End:]); m != nil {
			unit, sp.End = s[sp.End+m[2]:sp.End+m[3]], sp.End+m[3]
		}
	}
	return figure(Count, text.Term(unit), c.Value, s, sp)
}

// currencyRE matches an amount written with a currency's code or a
// currency word that text.Money does not read: "one million NOK", "NOK
// 1 million", "500 kroner" (the number, either before or after).
var currencyRE = regexp.MustCompile(`(?:\b((?:\d[\d,]*(?:\.\d+)?|` + numberWordPattern + `)(?:\s(?:thousand|million|billion|trillion))?)\s(?:NOK|SEK|DKK|ISK|CHF|JPY|CNY|INR|AUD|CAD|NZD|kroner|krone|kronor|kronur|yuan|yen|francs|rupees)\b|\b(?:NOK|SEK|DKK|ISK|CHF|JPY|CNY|INR|AUD|CAD|NZD)\s?(\d[\d,]*(?:\.\d+)?(?:\s(?:thousand|million|billion|trillion))?)\b)`)

// numberWordPattern matches a number written in words up to twelve.
const numberWordPattern = `(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a)`

// shareRE matches a share of a whole: "16 of 20 passes", "21 of the
// first 30 samples", "3 out of 4", a shooting line "10-of-37" (the two
// numbers and the noun after them, if any).
var shareRE = regexp.MustCompile(`\b(\d[\d,]*)(?:\s(?:out\s)?of\s(?:the\s(?:first\s|last\s)?|its\s|their\s|his\s|her\s)?|-of-)(\d[\d,]*)\b(?:\s(\p{Ll}[\p{L}-]*))?`)

// ageRE matches an age written after "age" or "aged": "at age 33", "aged
// 33", "at the age of 33" (the number).
var ageRE = regexp.MustCompile(`\b(?i:aged|age|age\sof)\s(\d{1,3})\b`)

// rupeeRE matches an Indian amount written "Rs" and a number of crores
// or lakhs, abbreviated or not ("Rs 24.75 Cr", "Rs. 50 L", "Rs 2 crore"):
// the number, and the word.
var rupeeRE = regexp.MustCompile(`\bRs\.?\s?(\d[\d,]*(?:\.\d+)?)\s?(Cr|cr|crore|crores|L|lakh|lakhs)\b`)

// rupees is the value of an amount rupeeRE matched: a crore is ten
// million, a lakh a hundred thousand.
func rupees(num, word string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.ReplaceAll(num, ",", ""), 64)
	if err != nil {
		return 0, false
	}
	switch strings.ToLower(word) {
	case "cr", "crore", "crores":
		return v * 1e7, true
	}
	return v * 1e5, true
}

// multiplierRE matches a figure's text opening with a word of magnitude
// alone ("million years"), and a number ending the text before it ("76 ").
var (
	multiplierRE   = regexp.MustCompile(`^(?i:hundred|thousand|million|billion|trillion)\b`)
	numberBeforeRE = regexp.MustCompile(`\b(\d[\d,]*(?:\.\d+)?)\s+$`)
)

// withMultiplier is a length or count read from its word of magnitude
// on ("million years" of "76 million years ago", read as one million),
// with the number written before it taken in: 76 million years. Without
// it "66 million years ago" and "76 million years ago" would be the same
// length. Other figures, and ones with no number before, are left as
// they are.
func withMultiplier(s string, f Figure) Figure {
	if f.Kind != Duration && f.Kind != Count || !multiplierRE.MatchString(f.Text) {
		return f
	}
	m := numberBeforeRE.FindStringSubmatchIndex(s[:f.Start])
	if m == nil {
		return f
	}
	n, err := strconv.ParseFloat(strings.ReplaceAll(s[m[2]:m[3]], ",", ""), 64)
	if err != nil || n == 0 {
		return f
	}
	f.Value *= n
	f.Start, f.Text = m[2], s[m[2]:f.End]
	return f
}

// clockRE matches a time of day written with "a.m." or "p.m." ("1 p.m.",
// "4:25 p.m.", "8:15pm"): the hour, the minutes if any, and "a" or "p".
// rankRE is a place in a ranking after a verb of ranking: "ranked 28th",
// "ranking 30th", "ranks No. 3", "is ranked number 12".
var rankRE = regexp.MustCompile(`(?i)\brank(?:ed|ing|s)?\s+(?:(?:no\.|number)\s*)?(\d{1,3})(?:st|nd|rd|th)?\b`)

var clockRE = regexp.MustCompile(`\b(\d{1,2})(?::(\d{2}))?\s?(?i:([ap])\.m\.|([ap])m\b)`)

// clockMinutes is the time of day clockRE matched (m its submatch
// indexes in s) in minutes after midnight: "4:25 p.m." is 985, "12 a.m."
// 0; ok is false for no time of day ("14 p.m.", "3:75 a.m.").
func clockMinutes(s string, m []int) (v float64, ok bool) {
	h, _ := strconv.Atoi(s[m[2]:m[3]])
	mins := 0
	if m[4] >= 0 {
		mins, _ = strconv.Atoi(s[m[4]:m[5]])
	}
	if h < 1 || h > 12 || mins > 59 {
		return 0, false
	}
	half := ""
	if m[6] >= 0 {
		half = s[m[6]:m[7]]
	} else {
		half = s[m[8]:m[9]]
	}
	h %= 12
	if strings.EqualFold(half, "p") {
		h += 12
	}
	return float64(h*60 + mins), true
}

// lengthUnitRE matches a unit of time opening a text: "weeks" of "two
// straight| weeks".
var lengthUnitRE = regexp.MustCompile(`^\s+(year|month|week|day|hour|minute|decade)s?\b`)

// lengthAfter is a count whose counted word is a word before a unit of
// time ("two straight weeks", "three consecutive days": a count of
// "straight") read as the length it tells, a Duration of that unit over
// both words; other figures are left as they are. "47 yards two straight
// weeks" then states the "two weeks" of "in each of the past two weeks".
func lengthAfter(s string, f Figure) Figure {
	if f.Kind != Count {
		return f
	}
	m := lengthUnitRE.FindStringSubmatchIndex(s[f.End:])
	if m == nil {
		return f
	}
	f.Kind, f.Unit = Duration, strings.ToLower(s[f.End+m[2]:f.End+m[3]])
	f.End += m[1]
	f.Text = s[f.Start:f.End]
	return f
}
