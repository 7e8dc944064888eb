package desk

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsroom/askbot/text"
)

// result is who won a match, as a sentence tells it around its score:
// the winner and the loser as written ("" when the sentence does not say
// which), or level (a draw). A sentence that tells it two ways ("New
// Zealand, who beat Australia, lost to South Africa 12-11" names two
// winners) is unread.
type result struct {
	winner, loser string
	level         bool
	unread        bool
	// span is the sentence's words that tell it ("South Africa beat New
	// Zealand 12-11"), for a contradiction's headline.
	span text.Span
}

// says reports whether the result names a winner or a loser.
func (r result) says() bool { return r.winner != "" || r.loser != "" }

// subjectGlue are the words that may stand between a team and the word
// telling its result ("the Springboks who once again prevailed", "were
// beaten"); anything else (a comma, a clause) leaves the team unread.
var subjectGlue = map[string]bool{"who": true, "which": true, "that": true, "had": true, "have": true, "has": true,
	"were": true, "was": true, "is": true, "are": true, "once": true, "again": true, "narrowly": true, "finally": true,
	"eventually": true, "then": true, "just": true, "comfortably": true, "duly": true, "also": true, "s": true}

// rallyPhrases are the words that may stand between a team and "beat"
// telling how it won ("the Browns held on to beat the Bears", "West Ham
// came from behind to beat Tottenham"); "failed to", "hoped to" and a
// bare "to" (a tip: "Arsenal to beat Chelsea 2-1") tell of no result.
var rallyPhrases = map[string]bool{"held on to": true, "hung on to": true, "came from behind to": true, "came back to": true,
	"fought back to": true, "battled back to": true, "rallied to": true, "recovered to": true, "bounced back to": true}

// rallied reports whether the words between a team and a word of result
// are one of rallyPhrases.
func rallied(gap string) bool {
	return rallyPhrases[strings.ToLower(strings.Join(strings.Fields(gap), " "))]
}

// objectGlue are the words that may stand between the word telling a
// result and the other team ("beat the Abuja Stars", "lost 12-11 to
// South Africa", "lost 42-19 at home to San Francisco": "at" only in "at
// home", not before a ground or a city; "a 2-0 victory over hosts
// Fulham"); the preposition among them says which way it goes.
var objectGlue = map[string]bool{"the": true, "a": true, "an": true, "narrowly": true, "comfortably": true, "just": true,
	"to": true, "by": true, "over": true, "against": true, "of": true, "for": true, "at": true, "home": true,
	"hosts": true, "visitors": true}

// readResult reads who won the match whose score is at sc in s: a team
// right before a word of winning or losing (text.OutcomeOf) and a team
// right after it ("South Africa beat New Zealand 12-11", "New Zealand
// lost 12-11 to South Africa", "were beaten by", "a 12-11 win over
// New Zealand", "the Springboks prevailed 12-11"), or the teams either
// side of the score ("South Africa 12-11 New Zealand"). "Right before"
// and "right after" allow only a few words between (subjectGlue,
// objectGlue, the score): a team further away is not read, since a
// clause between may tell of another match.
func readResult(s string, sc text.Score) result {
	if r, ok := finalResult(s, sc); ok {
		return r
	}
	if sc.A == sc.B {
		return result{level: true, span: sc.Span}
	}
	var names []text.Span
	for _, sp := range text.NameSpans(s) {
		if sp.End <= sc.Start || sp.Start >= sc.End {
			names = append(names, sp)
		}
	}
	inName := func(at int) bool {
		return slices.ContainsFunc(names, func(sp text.Span) bool { return sp.Start <= at && at < sp.End })
	}
	var r result
	r.span = sc.Span
	winners, losers := map[string]bool{}, map[string]bool{}
	add := func(team string, won bool, sp text.Span) {
		if won {
			winners[team] = true
		} else {
			losers[team] = true
		}
		r.span.Start, r.span.End = min(r.span.Start, sp.Start), max(r.span.End, sp.End)
	}
	for _, wd := range wordRE.FindAllStringIndex(s, -1) {
		o := text.OutcomeOf(s[wd[0]:wd[1]])
		if o == text.NoOutcome || inName(wd[0]) {
			continue
		}
		// the team right before: only glue words and the score between
		i := slices.IndexFunc(names, func(sp text.Span) bool { return sp.End > wd[0] })
		if i < 0 {
			i = len(names)
		}
		if i > 0 {
			if sub := names[i-1]; glued(s, relativeComma(s, sub.End, wd[0]), wd[0], sc, subjectGlue, nil) || rallied(s[sub.End:wd[0]]) {
				prep := after(s, wd[1], sc)
				won := o != text.Loses && prep != "by" && prep != "to"
				add(s[sub.Start:sub.End], won, text.Span{Start: sub.Start, End: wd[1]})
			}
		}
		// the team right after, and the preposition before it
		i = slices.IndexFunc(names, func(sp text.Span) bool { return sp.Start >= wd[1] })
		if i < 0 {
			continue
		}
		obj := names[i]
		var prep string
		if !glued(s, wd[1], obj.Start, sc, objectGlue, &prep) {
			continue
		}
		switch {
		case o == text.Beats && (prep == "" || prep == "over" || prep == "against" || prep == "of"):
			add(s[obj.Start:obj.End], false, text.Span{Start: wd[0], End: obj.End})
		case o == text.Beats && (prep == "by" || prep == "to"), o == text.Loses && (prep == "to" || prep == "by" || prep == "against"):
			add(s[obj.Start:obj.End], true, text.Span{Start: wd[0], End: obj.End})
		case o == text.Wins && (prep == "over" || prep == "against"):
			add(s[obj.Start:obj.End], false, text.Span{Start: wd[0], End: obj.End})
		case o == text.Wins && prep == "for":
			// "a 3-2 triumph for West Indies": the team the win was for
			add(s[obj.Start:obj.End], true, text.Span{Start: wd[0], End: obj.End})
		}
	}
	// the teams either side of the score: "South Africa 12-11 New Zealand"
	if i := slices.IndexFunc(names, func(sp text.Span) bool { return sp.Start >= sc.End }); i > 0 {
		before, next := names[i-1], names[i]
		if strings.TrimSpace(s[before.End:sc.Start]) == "" && strings.Trim(s[sc.End:next.Start], " ,") == "" {
			add(s[before.Start:before.End], sc.A > sc.B, before)
			add(s[next.Start:next.End], sc.B > sc.A, next)
		}
	}
	one := func(m map[string]bool) (string, bool) {
		var first string
		for t := range m {
			if first == "" {
				first = t
			} else if !sameTeam(first, t) {
				return "", false
			}
		}
		return first, true
	}
	var okW, okL bool
	r.winner, okW = one(winners)
	r.loser, okL = one(losers)
	if !okW || !okL || r.winner != "" && r.loser != "" && sameTeam(r.winner, r.loser) {
		return result{unread: true, span: sc.Span}
	}
	return r
}

// relativeCommaRE matches the comma after a team that opens a relative
// clause telling its result: "Barcelona, who beat Sevilla 1-0".
var relativeCommaRE = regexp.MustCompile(`^\s*,\s*(?:who|which)\b`)

// relativeComma is from, past the comma after a team when it opens a
// relative clause before a word of result (relativeCommaRE) within
// s[from:to].
func relativeComma(s string, from, to int) int {
	if from < to && relativeCommaRE.MatchString(s[from:to]) {
		return from + strings.Index(s[from:to], ",") + 1
	}
	return from
}

// earlierMeetingRE matches words telling of another meeting of the same
// teams than the one reported: "last season", "the first leg", "the
// reverse fixture".
var earlierMeetingRE = regexp.MustCompile(`(?i)\b(?:last|previous|earlier)\s+(?:season|year|meeting|time|campaign|month)\b|\b(?:first|second)[- ]leg\b|\breverse fixture\b|\bearlier (?:this|in the) season\b`)

// tellsMatch reports whether a sentence tells the claim's match (claim:
// the result the claim reads) itself: at one of its scores it reads the
// claim's winner as its winner and the claim's loser as its loser (same
// resolving the names: aliases), and speaks of no other meeting of the
// two (earlierMeetingRE). Such a sentence says which match it is, as a
// title naming the teams does. At teams 1, reading one of them in its
// role is enough when the sentence names the other too and states no
// other score ("… Tyler Harvey has sealed an 84-83 upset defeat of the
// Cairns Taipans" for "Illawarra beat Cairns"; "the San Francisco 49ers’
// 42-19 win over Philadelphia", the winner written before its
// possessive): the other is not read in the other's role, or the result
// is unread.
func tellsMatch(s string, claim result, same func(name, team string) bool, teams int) bool {
	if claim.unread || claim.winner == "" || claim.loser == "" || earlierMeetingRE.MatchString(s) {
		return false
	}
	scores := scoresOf(s)
	for _, sc := range scores {
		r := readResult(s, sc)
		if r.unread {
			continue
		}
		won := r.winner != "" && same(r.winner, claim.winner)
		lost := r.loser != "" && same(r.loser, claim.loser)
		switch {
		case won && lost:
			return true
		case teams > 1 || len(scores) > 1:
		case won && r.loser == "" && namesTeam(s, claim.loser, same),
			lost && r.winner == "" && namesTeam(s, claim.winner, same):
			return true
		}
	}
	return false
}

// namesTeam reports whether s names team (same resolving the names).
func namesTeam(s, team string, same func(name, team string) bool) bool {
	for _, sp := range text.NameSpans(s) {
		if same(strings.TrimSuffix(strings.TrimSuffix(s[sp.Start:sp.End], "'s"), "’s"), team) {
			return true
		}
	}
	return false
}

// glued reports whether s[from:to] holds only glue words, the score sc
// and spaces; prep, when not nil, is set to the last preposition among
// them ("to", "by", "over", "against", "of").
func glued(s string, from, to int, sc text.Score, glue map[string]bool, prep *string) bool {
	if from > to {
		return false
	}
	gap := s[from:to]
	scored := from <= sc.Start && sc.End <= to
	if scored {
		gap = s[from:sc.Start] + " " + s[sc.End:to]
	}
	fs := strings.FieldsFunc(gap, func(r rune) bool { return unicode.IsSpace(r) || r == '\'' || r == '’' })
	for i, f := range fs {
		w := strings.ToLower(f)
		if scored && scoreModifier(f) {
			continue // "Texas has a 34-24 head-to-head victory against …"
		}
		if !glue[w] || w == "at" && (i+1 == len(fs) || !strings.EqualFold(fs[i+1], "home")) {
			return false
		}
		if prep != nil && (w == "to" || w == "by" || w == "over" || w == "against" || w == "of" || w == "for") {
			*prep = w
		}
	}
	return true
}

// scoreModifier reports whether w, in a gap holding the score, only
// describes the result the score is of: an article or a compound
// modifier in lower case ("a 34-24 head-to-head non-conference victory").
func scoreModifier(w string) bool {
	return w == "a" || w == "an" || strings.Contains(w, "-") && w == strings.ToLower(w)
}

// after is the preposition that follows a word of result, past the
// score and glue ("beaten 12-11 by" gives "by"), or "".
func after(s string, from int, sc text.Score) string {
	rest := s[from:]
	if from <= sc.Start {
		rest = s[from:sc.Start] + " " + s[sc.End:]
	}
	for _, f := range strings.Fields(rest) {
		switch w := strings.ToLower(strings.Trim(f, ",.;:")); w {
		case "to", "by":
			return w
		case "the", "a", "an", "narrowly", "comfortably", "just":
		default:
			return ""
		}
	}
	return ""
}

// sameTeam reports whether two names are one team: one is the end of the
// other ("the Lions" and "Lagos Lions"), letters compared without case
// or accents.
func sameTeam(a, b string) bool {
	x, y := nameTokens(a), nameTokens(b)
	if len(x) == 0 || len(y) == 0 {
		return false
	}
	if len(x) > len(y) {
		x, y = y, x
	}
	return slices.Equal(x, y[len(y)-len(x):])
}

// orderVerdict weighs a sentence's result (doc) against the claim's
// (claim), the scores being the same: Supported when the sentence names
// the claim's winner as winner or its loser as loser; Contradicted when it
// gives the claim's winner the loss or its loser the win; "" when the
// sentence cannot say (no team of the claim in a role, the roles unread)
// or tells of another match (a team the claim does not name, when the
// claim names both). A claim that names no winner ("the final ended
// 12-11") or tells of a draw is not weighed: Supported.
func orderVerdict(claim, doc result) Verdict {
	if claim.level || !claim.says() && !claim.unread {
		return Supported
	}
	if claim.unread || doc.unread || doc.level || !doc.says() {
		return ""
	}
	is := func(a, b string) bool { return a != "" && b != "" && sameTeam(a, b) }
	foreign := func(t string) bool { return t != "" && !is(t, claim.winner) && !is(t, claim.loser) }
	switch {
	case claim.winner != "" && claim.loser != "" && (foreign(doc.winner) || foreign(doc.loser)):
		return "" // another match, or a team called otherwise
	case is(claim.winner, doc.loser) || is(claim.loser, doc.winner):
		return Contradicted
	case is(claim.winner, doc.winner) || is(claim.loser, doc.loser):
		return Supported
	}
	return ""
}

// otherMatch reports whether a sentence's result is another match of a
// team the claim names (the claim naming both its teams): it names that team and an opponent the claim does
// not ("The Abuja Stars beat the Port Harcourt Kings 15-11" for a claim
// that the Lagos Lions beat the Kings). Its score does not contradict the
// claim's.
func otherMatch(claim, doc result) bool {
	if claim.winner == "" || claim.loser == "" || doc.winner == "" || doc.loser == "" {
		return false
	}
	in := func(t string) bool {
		return claim.winner != "" && sameTeam(t, claim.winner) || claim.loser != "" && sameTeam(t, claim.loser)
	}
	return in(doc.winner) != in(doc.loser)
}

// foreignMatch reports whether a sentence's score is of a match of teams
// the claim does not name: the sentence names someone, and none of its
// names is one of the claim's teams (the winner and loser the claim
// reads, and its names but a competition's or a club's: "CONCACAF Nations
// League"), as aliases resolves them, nor does the result it reads give
// the win or the loss to one ("… following their 3-0 first-leg win over
// Trinidad and Tobago" for a claim that Jamaica won 3-2; "Ipswich …
// beat Premier League Wolves 3-2" for one that West Ham beat Tottenham
// 2-1). Its score does not contradict the claim's. A sentence naming no
// one ("the home side prevailed 15-11") may be the claim's match's.
func foreignMatch(claimText string, claim, doc result, sent string, aliases *teamAliases) bool {
	var teams []string
	for _, t := range []string{claim.winner, claim.loser} {
		if t != "" {
			teams = append(teams, t)
		}
	}
	for _, sp := range text.NameSpans(claimText) {
		n := cleanName(claimText[sp.Start:sp.End])
		if n != "" && !slices.ContainsFunc(strings.Fields(n), text.IsOrganisationWord) {
			teams = append(teams, n)
		}
	}
	if len(teams) == 0 {
		return false
	}
	ours := func(n string) bool {
		if n == "" {
			return false
		}
		if aliases != nil {
			n = aliases.canon(n)
		}
		return slices.ContainsFunc(teams, func(t string) bool { return sameTeam(n, t) || sameTeam(t, n) })
	}
	if ours(doc.winner) || ours(doc.loser) {
		return false
	}
	named := false
	for _, sp := range text.NameSpans(sent) {
		if ours(sent[sp.Start:sp.End]) {
			return false
		}
		named = true
	}
	return named
}

// drawWords tell a level result beside its score: "drew 3-3 with", "a
// 3-3 draw with", "were held to a 3-3 draw by".
var drawWords = map[string]bool{"drew": true, "draw": true, "drawn": true}

// drawOf reports whether a sentence tells a draw between the claim's
// teams (teams: the sides of the claim's own draw, drawSides) at one of
// its level scores: the sides drawSides reads of it are all the claim's
// teams, at least one named ("Erik ten Hag's side … drew 3-3 with
// Galatasaray"). A draw with a side the claim does not name
// ("Galatasaray drew 2-2 with Copenhagen") is not one. same resolves a
// name to the claim's team (aliases).
func drawOf(s string, teams []string, same func(name, team string) bool) bool {
	if len(teams) == 0 {
		return false
	}
	for _, sides := range drawSides(s) {
		if len(sides) > 0 && !slices.ContainsFunc(sides, func(n string) bool {
			return !slices.ContainsFunc(teams, func(t string) bool { return same(n, t) })
		}) {
			return true
		}
	}
	return false
}

// drawSides reads, for each draw a sentence tells at a level score, the
// sides named beside it: a word of drawWords right before or after the
// score ("drew 3-3", "a 3-3 draw"), a name right before it past only
// drawGlue ("Manchester United drew 3-3", "Galatasaray and Manchester
// United played out a 3-3 draw") and one right after "with", "against"
// or "by" ("drew 3-3 with Galatasaray"). A level score with no word of a
// draw ("the hosts were 1-1 at half-time") tells none.
func drawSides(s string) [][]string {
	var out [][]string
	names := text.NameSpans(s)
	name := func(sp text.Span) string {
		return cleanName(strings.TrimSuffix(strings.TrimSuffix(s[sp.Start:sp.End], "'s"), "’s"))
	}
	for _, sc := range text.Scores(s) {
		if sc.A != sc.B {
			continue
		}
		// the draw's words: the word before the score or the one after
		lo, hi := sc.Start, sc.End
		before := wordRE.FindAllStringIndex(s[:sc.Start], -1)
		next := wordRE.FindStringIndex(s[sc.End:])
		switch {
		case len(before) > 0 && drawWords[strings.ToLower(s[before[len(before)-1][0]:before[len(before)-1][1]])] &&
			strings.TrimSpace(s[before[len(before)-1][1]:sc.Start]) == "":
			lo = before[len(before)-1][0]
		case next != nil && strings.TrimSpace(s[sc.End:sc.End+next[0]]) == "" && drawWords[strings.ToLower(s[sc.End+next[0]:sc.End+next[1]])]:
			hi = sc.End + next[1]
			if n := len(before); n >= 2 && describes(s, before[n-2], before[n-1], sc.Start) {
				// "played out a thrilling 1-1 draw": one word
				// describing the draw after "a"
				lo = before[n-1][0]
			}
		default:
			continue
		}
		var sides []string
		// the side after: "with", "against" or "by", maybe "the", then a name
		if i := slices.IndexFunc(names, func(sp text.Span) bool { return sp.Start >= hi }); i >= 0 {
			gap := strings.Fields(strings.ToLower(s[hi:names[i].Start]))
			if len(gap) > 0 && (gap[0] == "with" || gap[0] == "against" || gap[0] == "by") && (len(gap) == 1 || len(gap) == 2 && gap[1] == "the") {
				sides = append(sides, name(names[i]))
			}
		}
		// the side before, and the one before "and"
		i := slices.IndexFunc(names, func(sp text.Span) bool { return sp.End > lo })
		if i < 0 {
			i = len(names)
		}
		if i > 0 && glued(s, names[i-1].End, lo, sc, drawGlue, nil) {
			sides = append(sides, name(names[i-1]))
			if i >= 2 && strings.ToLower(strings.TrimSpace(s[names[i-2].End:names[i-1].Start])) == "and" {
				sides = append(sides, name(names[i-2]))
			}
		}
		out = append(out, slices.DeleteFunc(sides, func(n string) bool { return n == "" }))
	}
	return out
}

// describes reports whether the word w, right before a level score at
// end, is one in lower case describing the draw after "a" or "an" (the
// word art): "a thrilling 1-1 draw", "an entertaining 1-1 draw".
func describes(s string, art, w []int, end int) bool {
	a, word := strings.ToLower(s[art[0]:art[1]]), s[w[0]:w[1]]
	r, _ := utf8.DecodeRuneInString(word)
	return (a == "a" || a == "an") && strings.TrimSpace(s[art[1]:w[0]]) == "" && strings.TrimSpace(s[w[1]:end]) == "" &&
		unicode.IsLower(r) && text.OutcomeOf(word) == text.NoOutcome && !drawWords[strings.ToLower(word)]
}

// drawGlue are the words that may stand between a side and the words of
// its draw ("played out a 3-3 draw", "were held to a 3-3 draw").
var drawGlue = map[string]bool{"who": true, "which": true, "that": true, "had": true, "have": true, "has": true,
	"were": true, "was": true, "is": true, "are": true, "once": true, "again": true, "then": true, "also": true,
	"played": true, "out": true, "a": true, "held": true, "to": true, "s": true}
