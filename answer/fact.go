package answer

import (
	"slices"
	"strings"
	"unicode"

	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/text"
)

// A short question ("how many seats does the sphere have?") asks one fact
// of one subject. The documents answer it only with a sentence that holds
// that kind of fact (a number of the thing counted, an amount, a date, a
// name, a place) read with the sentence before it and its headline, which
// hold the subject as often as the sentence itself does ("There are
// 157,000 ultra-directional speakers" follows a sentence naming the
// Sphere). When no sentence of the passages does, the documents do not say.

// asked is what a short question asks for, read once.
type asked struct {
	q *retrieval.Question
	// unit is the thing a "how many" question counts ("seats"), or none.
	unit counted
	// did is the term of the deed a "who" question asks the doer of
	// ("win" for "who won the final"; text.WhoDid), or "".
	did string
	// doers are the terms of the nouns for the one who does that deed
	// ("director" for "who directed past lives"; text.Doers): a name
	// the documents call by one has done it ("director Celine Song").
	doers []string
	// otherWords is set when no passage counts the unit as asked: the
	// documents may count it in other words ("five STIs" for "how many
	// infections", "2,539 theaters" for "how many screens"); the feature
	// counts_other marks the sentences counting some plural noun.
	otherWords bool
	// money is set when the question asks for an amount of money.
	money bool
	// quantity is what a "how old/long/tall" question measures
	// (text.QuantityOf): its sentences hold that figure, not any number.
	quantity string
	// context are the question's terms a sentence's window must hold.
	context []string
}

// readAsked reads what q asks for; ok is false for a question that is not
// short or asks nothing typed enough to check (yes/no, "what did X say").
func readAsked(q *retrieval.Question) (a asked, ok bool) {
	a = asked{q: q, money: q.AsksMoney(), quantity: text.QuantityOf(q.Text), did: text.Term(text.WhoDid(q.Text))}
	ok = len(text.Words(q.Text)) <= Tune.MaxShortWords && q.Facts() <= 1
	for _, n := range text.Doers(text.WhoDid(q.Text)) {
		if t := text.Term(n); t != a.did && !slices.Contains(a.doers, t) {
			a.doers = append(a.doers, t)
		}
	}
	if w := text.Counted(q.Text); w != "" && q.Kind == text.AskCount {
		a.unit = newCounted(w)
	}
	for _, t := range q.Terms {
		if t != a.unit.stem && !askWords[t] {
			a.context = append(a.context, t)
		}
	}
	return a, ok
}

// askWords are the stems of the words that say what kind of fact is asked
// ("number", "score"), not what it is about.
var askWords = map[string]bool{text.Term("number"): true, text.Term("score"): true, text.Term("amount"): true}

// typed reports whether sentence s holds the kind of fact asked; the name
// asked for by "who" may be in the sentence before it ("Peskov said …
// He called it garbage").
func (a asked) typed(s, before string) bool {
	switch a.q.Kind {
	case text.AskCount:
		if a.unit.word != "" {
			return countsUnit(s, a.unit.is)
		}
	case text.AskWho:
		return answersType(s, a.q) || answersType(before, a.q)
	case text.AskWhere:
		return answersType(s, a.q)
	case text.AskQuantity:
		if a.quantity != "" {
			return text.HoldsQuantity(s, a.quantity)
		}
	}
	return a.q.Kind.Holds(s)
}

// counted is the thing a "how many" question counts, as asked ("kids",
// "yds"). A sentence counts it in the same word or an inflection of it,
// in a WordNet synonym ("children" for "kids"), or in the word the asked
// one shortens ("yards" for "yds"): a count in other words is still the
// count asked for.
type counted struct {
	word  string          // as asked, lower case
	stem  string          // its index term
	stems map[string]bool // the terms of the word and of its synonyms
	// people is set when the question counts people as such ("how many
	// people", "ppl"): any kind of person counts them ("140.7 million
	// unique visitors", "31,000 attendees").
	people bool
}

// newCounted reads the counted word w of a question.
func newCounted(w string) counted {
	w = strings.ToLower(w)
	c := counted{word: w, stem: text.Term(w), stems: map[string]bool{text.Term(w): true}, people: peopleWords[w]}
	for _, syn := range text.Synonyms(w) {
		c.stems[text.Term(syn)] = true
	}
	return c
}

// peopleWords count people without saying which.
var peopleWords = map[string]bool{"people": true, "persons": true, "person": true, "individuals": true}

// is reports whether w, a word of a sentence, names the thing counted.
func (c counted) is(w string) bool {
	w = strings.ToLower(w)
	return c.stems[text.Term(w)] || text.Shortens(c.word, w) || c.people && text.IsPerson(w)
}

// countsUnit reports whether s gives a number of a unit (a word isUnit
// accepts): a number among the four words before it ("157,000
// ultra-directional speakers", "a million people") or joined to it ("a
// 10-point penalty"); a number after it is a model's ("Steam Deck 2").
func countsUnit(s string, isUnit func(w string) bool) bool {
	locs := wordRE.FindAllStringIndex(s, -1)
	for i, l := range locs {
		w := strings.ToLower(s[l[0]:l[1]])
		if n, u, ok := strings.Cut(w, "-"); ok && !strings.Contains(u, "-") && isUnit(u) && countWord(n) {
			return true // "a 10-point penalty", "a six-game ban"
		}
		if u := strings.TrimLeft(w, "0123456789"); u != w && u != "" && isUnit(u) {
			return true // "360km of slopes", "a 5kg bag"
		}
		if !isUnit(w) {
			continue
		}
		for j := max(0, i-4); j < i; j++ {
			if countWord(s[locs[j][0]:locs[j][1]]) && !moneyBefore(s, locs[j][0]) {
				return true
			}
		}
		if countsAfterOf(s, locs, i) {
			return true
		}
	}
	return false
}

// countsPlural reports whether s counts things of some kind: a number
// (not money, not a year) followed within four words of the same phrase
// by a plural noun ("five STIs", "3,000 Arsenal fans", "18 of its member
// organizations", "2 million people").
func countsPlural(s string) bool {
	locs := wordRE.FindAllStringIndex(s, -1)
	for j, l := range locs {
		if !countWord(s[l[0]:l[1]]) || moneyBefore(s, l[0]) || j > 0 && countWord(s[locs[j-1][0]:locs[j-1][1]]) && strings.TrimSpace(s[locs[j-1][1]:l[0]]) == "" {
			continue // not a count, or the scale of one read already ("$30 million")
		}
		for k := j + 1; k < min(len(locs), j+5); k++ {
			if strings.ContainsAny(s[locs[k-1][1]:locs[k][0]], ",;:()—–") {
				break
			}
			if w := s[locs[k][0]:locs[k][1]]; pluralNoun(w) {
				return true
			}
		}
	}
	return false
}

// pluralNoun reports whether w reads as a plural noun: a word of letters
// ending in "s" that is no function word, number or scale ("fans", "STIs";
// not "its", "was", "bus", "basis", "millions").
func pluralNoun(w string) bool {
	lw := strings.ToLower(w)
	if len(lw) < 3 || !strings.HasSuffix(lw, "s") || strings.HasSuffix(lw, "ss") || strings.HasSuffix(lw, "us") || strings.HasSuffix(lw, "sis") {
		return false
	}
	if text.IsStopWord(lw) || countWord(w) || strings.ContainsFunc(lw, func(r rune) bool { return !unicode.IsLetter(r) }) {
		return false
	}
	_, number := text.NumberWord(strings.TrimSuffix(lw, "s"))
	return !number
}

// countsAfterOf reports whether the unit at word i is counted by a number
// after "of" within the next three words: "a student base of 42 million",
// "a crowd of 60,000", "its workforce of 1,200 staff", in one phrase
// (no punctuation between them). Money ("a fine of
// $5 million") and a year ("the class of 2023") count nothing.
func countsAfterOf(s string, locs [][]int, i int) bool {
	for j := i + 1; j < min(len(locs)-1, i+4); j++ {
		if !strings.EqualFold(s[locs[j][0]:locs[j][1]], "of") {
			continue
		}
		n := locs[j+1]
		if strings.ContainsAny(s[locs[i][1]:n[0]], ",;:()—–\"“”") {
			return false // the number is past the unit's phrase
		}
		return countWord(s[n[0]:n[1]]) && !moneyBefore(s, n[0]) && !text.IsStopWord(strings.ToLower(s[n[0]:n[1]]))
	}
	return false
}

// moneyBefore reports whether the number at byte at is an amount of money:
// a currency sign just before it.
func moneyBefore(s string, at int) bool {
	return strings.HasSuffix(s[:at], "$") || strings.ContainsAny(s[max(0, at-3):at], "£€")
}

// countWord reports whether w counts: a number alone ("157,000", not
// "64GB" nor a year) or a number word ("four", "dozens", "third").
func countWord(w string) bool {
	if len(text.Years(w)) > 0 && len(w) == 4 {
		return false
	}
	if _, ok := text.NumberWord(strings.TrimSuffix(strings.ToLower(w), "s")); ok {
		return true
	}
	nums := text.Numbers(w)
	return len(nums) == 1 && nums[0].Start == 0 && nums[0].End == len(w)
}

// contextShare is the IDF-weighted share of the question's context terms
// that the window (a sentence with the one before it and its headline)
// holds, terms found only elsewhere in its passage counting half; 1 when
// there are none.
//
// The question's rarest word that the documents hold, its subject more
// often than not ("sphere" in "how many seats does the sphere have"), must
// be in the window, the passage or elsewhere in its document ("CZ" named
// once, "Changpeng Zhao" after): 0 otherwise.
func (a asked) contextShare(ix *retrieval.Index, window, passage, document map[string]bool) float64 {
	var all, got, rarest float64
	subject := ""
	for _, t := range a.context {
		if !ix.Knows(t) {
			continue // a word no document holds is said in other words, if at all
		}
		w := ix.IDF(t)
		if w > rarest {
			rarest, subject = w, t
		}
		all += w
		switch {
		case window[t]:
			got += w
		case passage[t]:
			got += w / 2
		}
	}
	if all == 0 {
		return 1
	}
	if !window[subject] && !passage[subject] && !document[subject] {
		return 0
	}
	return got / all
}

// window is the terms of a sentence, the sentence before it in its
// passage and its document's headline.
func window(sentence, before, headline string) map[string]bool {
	w := termSet(sentence)
	for _, s := range []string{before, headline} {
		for _, t := range text.Terms(s) {
			w[t] = true
		}
	}
	return w
}

// unsure says that the passages hold sentences of the kind of fact asked
// but that none is sure to answer the question.
const unsure = "no passage plainly answers this"

// lacks says what the documents lack when the learned decision declines:
// the fact asked (absentFact) when no sentence of the passages holds that
// kind of fact, as the hand-set rule reads it; when one does ("6.9
// million people had their names … exposed" for "how many 23andme users
// got their info exposed"), that none plainly answers, never that no
// passage gives a number.
func (a asked) lacks(cands []candidate) string {
	if slices.ContainsFunc(cands, func(c candidate) bool { return c.fits }) {
		return unsure
	}
	return a.absentFact()
}

// roleAbsent returns, for a "who" question asking the holder of a role
// ("whos westpac's ceo", "who's bama's coach"), the role as the question
// writes it when no passage found about its subject (holding another of
// the question's words) names that role at all, in any of its forms
// ("chief executive", "boss" for a CEO): no sentence of theirs can say who
// holds it. "" otherwise.
func (a asked) roleAbsent(res *retrieval.Results) string {
	if a.q.Kind != text.AskWho || a.did != "" {
		return "" // "who sued the sheriff" asks who sued, not who holds the office
	}
	asked := ""
	for _, w := range text.Words(a.q.Text) {
		if heldRoles[text.MeasureOf(w)] {
			asked = w
			break
		}
	}
	if asked == "" {
		return ""
	}
	role := text.MeasureOf(asked)
	var subject []string // the question's other words: whose role it is
	for _, t := range a.context {
		if t != text.Term(asked) {
			subject = append(subject, t)
		}
	}
	for _, h := range res.Hits {
		terms := termSet(h.Chunk.Text)
		if !slices.ContainsFunc(subject, func(t string) bool { return terms[t] }) {
			continue // a passage of another story ("Wall Street bank CEOs")
		}
		if text.Measures(h.Chunk.Text)[role] || role == "ceo" && slices.Contains(text.Words(h.Chunk.Text), "boss") {
			return ""
		}
	}
	return asked
}

// heldRoles are the measures (text.MeasureOf) that are offices a person
// holds, whose holder a "who" question asks.
var heldRoles = map[string]bool{"ceo": true, "cfo": true, "coo": true, "cto": true, "president": true, "chair": true, "coach": true, "captain": true,
	"mayor": true, "governor": true, "sheriff": true}

// absentFact says what the documents lack, for a short question no
// sentence answers, in the question kind's plain words ("no passage gives
// a date or time for this"), naming what a "how many" question counts.
func (a asked) absentFact() string {
	if a.q.Kind == text.AskCount && a.unit.word != "" {
		return "no passage gives a number of “" + a.unit.word + "” for this"
	}
	return a.q.Kind.Absent()
}

// mentioned returns the question's rarest context words that the passages
// do hold, as the question writes them, for "they mention … but".
func (a asked) mentioned(ix *retrieval.Index, res *retrieval.Results) []string {
	type word struct {
		w   string
		idf float64
	}
	var found []word
	seen := map[string]bool{}
	for _, w := range wordRE.FindAllString(a.q.Text, -1) {
		ws := text.Words(w)
		if len(ws) != 1 {
			continue
		}
		t := text.Term(ws[0])
		if seen[t] || !slices.Contains(a.context, t) {
			continue
		}
		seen[t] = true
		if slices.ContainsFunc(res.Hits, func(h retrieval.Hit) bool { return termSet(h.Chunk.Text)[t] }) {
			found = append(found, word{w, ix.IDF(t)})
		}
	}
	slices.SortStableFunc(found, func(x, y word) int {
		switch {
		case x.idf > y.idf:
			return -1
		case x.idf < y.idf:
			return 1
		}
		return 0
	})
	var out []string
	for _, f := range found[:min(2, len(found))] {
		out = append(out, f.w)
	}
	return out
}

// placeWords are the prepositions that make the name after them a place.
var placeWords = map[string]bool{"at": true, "in": true, "near": true, "outside": true, "inside": true, "from": true, "to": true}

// inRole returns, for a short "who" question, the name that the best
// fitting sentence places next to one of the question's own words that are
// not names ("ceo", "replaced", "identified"), and that sentence; ok is
// false when no fitting sentence does. A name merely near the subject
// ("Radiologist Bhavik Patel … for Mayo Clinic Arizona") is not taken:
// a wrong short answer is the one thing a reporter might print.
func inRole(a asked, cands []candidate) (name string, from candidate, ok bool) {
	// When the question names a role ("ceo", "president"), only that role
	// places a name: "football" in "who's the football australia ceo" is
	// its subject, and "AFL footballer Adam Goodes" not its answer.
	// When it asks who did something ("who won the final"), only that
	// deed does: "game" in "who won game of the year" is what was won,
	// and "action game Hi-Fi Rush" no winner.
	did := a.did
	roles := slices.DeleteFunc(slices.Clone(a.context), func(t string) bool {
		return t != did && !slices.ContainsFunc(text.Words(a.q.Text), func(w string) bool { return text.IsRole(w) && text.Term(w) == t })
	})
	for _, c := range cands {
		if !c.fits {
			continue
		}
		words := wordRE.FindAllStringIndex(c.body, -1)
		role := make([]bool, len(words))
		doer := make([]bool, len(words)) // the deed's doer named ("director")
		for i, w := range words {
			word := c.body[w[0]:w[1]]
			t := text.Term(strings.ToLower(word))
			doer[i] = slices.Contains(a.doers, t) && (text.IsRole(word) || !isCapitalised(word)) && doerOfObject(a, c.body, words, i)
			role[i] = doer[i] || slices.Contains(a.context, t) && (text.IsRole(word) || !isCapitalised(word)) &&
				(len(roles) == 0 || slices.Contains(roles, t))
		}
		for _, n := range namePhrases(c.body) {
			if namedIn(n, a.q) || (a.q.Person && !personLike(n)) || text.IsHonorific(n) || text.IsRole(n) {
				continue
			}
			at := strings.Index(c.body, n)
			if !printableName(c.body, n, at) {
				continue // a number, a modifier, or the one a succession replaces
			}
			first, last := -1, -1
			for i, w := range words {
				if w[0] >= at && w[1] <= at+len(n) {
					if first < 0 {
						first = i
					}
					last = i
				}
			}
			if first < 0 || first > 0 && placeWords[strings.ToLower(c.body[words[first-1][0]:words[first-1][1]])] {
				continue // "a friendly at DRV PNK Stadium": a place, not who
			}
			if inRelativeClause(c.body, at, at+len(n)) {
				continue // "Younis Tirawi, who reports on Palestinian Affairs, said …"
			}
			speaks := last+1 < len(words) && text.IsSayingVerb(c.body[words[last+1][0]:words[last+1][1]])
			// A word of the question's own next to the name; a role the
			// question names ("chief executive") may stand one word
			// further ("Mira Murati interim chief executive").
			gap := Tune.MaxRoleGap
			if slices.ContainsFunc(roles, func(t string) bool { return t != did }) {
				gap = Tune.MaxNamedRoleGap // a role named, not only the deed
			}
			wide := max(gap, Tune.MaxNamedRoleGap)
			for i := max(0, first-wide-1); i <= min(len(words)-1, last+wide+1); i++ {
				g := gap
				if doer[i] {
					g = wide // named like a role ("Past Lives director Celine Song")
					if i > last && !strings.Contains(c.body[words[last][1]:words[i][0]], ",") {
						continue // "Discogs founder Kevin Lewandowski": Discogs founded nothing
					}
				}
				if i < first-g-1 || i > last+g+1 {
					continue
				}
				// A role before the name, a comma between and a verb of
				// saying after it: the name is the attribution's speaker,
				// not the role's holder ("will be the exchange's new CEO,
				// Zhao shared"); "CTO, Aaron Saunders." holds it.
				if role[i] && !modalBefore(c.body, words, i) && (i < first && !(speaks && strings.Contains(c.body[words[i][1]:words[first][0]], ",")) && !deedWord(c.body, words, i, did) || i > last && !(did != "" && passive(c.body, words, i)) && (!deedWord(c.body, words, i, did) || deedObject(a, c.body, words, i, n))) {
					return n, c, true
				}
			}
			if did != "" && first >= 2 && role[first-2] && byAgent(c.body, words, first-2) && passiveObject(a, c.body, words, first-2) && !modalBefore(c.body, words, first-2) {
				return n, c, true // "won by Arsenal": the one who did it
			}
		}
	}
	return "", candidate{}, false
}

// doerOfObject reports whether the doer noun at word i of body (its word
// spans) is the doer of what the question asks about: one of its other
// words right before the noun ("Past Lives director", "Discogs' founder")
// or after "of" ("the director of Past Lives"). A director of anything
// else ("Director Greta Gerwig praised Past Lives") directed something
// else.
func doerOfObject(a asked, body string, words [][]int, i int) bool {
	objects := a.deedObjects("")
	object := func(j int) bool {
		return j >= 0 && j < len(words) && slices.Contains(objects, text.Term(strings.ToLower(body[words[j][0]:words[j][1]])))
	}
	if object(i-1) || object(i-2) && !strings.ContainsAny(body[words[i-2][1]:words[i][0]], ",;") {
		return true
	}
	return i+1 < len(words) && strings.EqualFold(body[words[i+1][0]:words[i+1][1]], "of") && (object(i+2) || object(i+3))
}

// modalBefore reports whether a modal of possibility ("could", "might",
// "should") stands among the Tuning.MaxModalReach words before word i of body
// (its word spans) with no comma, semicolon or dash between: "should RA go
// down a path of bringing Schmidt into the fold" says who RA might bring,
// not who it brings.
func modalBefore(body string, words [][]int, i int) bool {
	for j := i - 1; j >= 0 && j >= i-Tune.MaxModalReach; j-- {
		if strings.ContainsAny(body[words[j][1]:words[j+1][0]], ",;–—") {
			return false
		}
		if possibilityModals[body[words[j][0]:words[j][1]]] {
			return true
		}
	}
	return false
}

// possibilityModals are the modal verbs that make what follows a
// possibility, as written in running text (the month "May" is
// capitalised).
var possibilityModals = map[string]bool{"could": true, "might": true, "may": true, "should": true, "would": true, "Could": true, "Might": true, "Should": true, "Would": true}

// deedObjects are the question's words that may name what its deed was
// done to: all but the deed and the words of name (its doer, or "").
func (a asked) deedObjects(name string) []string {
	own := map[string]bool{a.did: true}
	for _, w := range text.Words(name) {
		own[text.Term(w)] = true
	}
	return slices.DeleteFunc(slices.Clone(a.context), func(t string) bool { return own[t] })
}

// passiveObject reports whether the deed at word i of body (its word
// spans), done "by" someone, is done to what the question asks about:
// the name right before it (past a form of "be"), or a word of the
// question's within Tune.MaxDeedObjectGap words before it in the same
// clause. "Diana's partner Dodi Fayed (played by Khalid Abdalla)" does
// not say who plays Diana; "Princess Diana (played by Elizabeth
// Debicki)" does.
func passiveObject(a asked, body string, words [][]int, i int) bool {
	objects := a.deedObjects("")
	if len(objects) == 0 {
		return true
	}
	word := func(j int) string { return body[words[j][0]:words[j][1]] }
	for j := i - 1; j >= 0 && j >= i-Tune.MaxDeedObjectGap; j-- {
		if strings.ContainsAny(body[words[j][1]:words[j+1][0]], ".;:!?") {
			return false
		}
		w := word(j)
		if text.IsPassiveAuxiliary(strings.ToLower(w)) {
			continue
		}
		if isCapitalised(w) {
			// The name before the deed is what it was done to.
			for ; j >= 0 && isCapitalised(word(j)); j-- {
				if slices.Contains(objects, text.Term(strings.ToLower(word(j)))) {
					return true
				}
			}
			return false
		}
		if slices.Contains(objects, text.Term(strings.ToLower(w))) {
			return true
		}
	}
	return false
}

// didDeed reports whether a candidate sentence has name do the deed a
// "who did" question asks about, as inRole reads a role: right before the
// deed ("the Browns won"), or after "by" ("won by the Browns").
func didDeed(a asked, cands []candidate, name string) bool {
	key := lastWord(name)
	for _, c := range cands {
		if !strings.Contains(c.body, key) {
			continue
		}
		if n, _, ok := inRole(a, []candidate{{body: c.body, fits: true}}); ok && lastWord(n) == key {
			return true
		}
	}
	return false
}

// deedObject reports whether the deed at word i of body (its word spans),
// done by name, is done to what the question asks about: one of the
// question's words other than the deed and the name within
// Tune.MaxDeedObjectGap words after it, in the same clause. "Popyrin won
// his only ATP Tour clash with Musetti" does not say who won the Masters;
// "the Diamondbacks won the 2023 World Series" says who won the World
// Series. A question with no other word ("who won") asks nothing more.
func deedObject(a asked, body string, words [][]int, i int, name string) bool {
	objects := a.deedObjects(name)
	if len(objects) == 0 {
		return true
	}
	for j := i + 1; j < len(words) && j <= i+Tune.MaxDeedObjectGap; j++ {
		if strings.ContainsAny(body[words[j-1][1]:words[j][0]], ".;:!?") {
			return false
		}
		if slices.Contains(objects, text.Term(strings.ToLower(body[words[j][0]:words[j][1]]))) {
			return true
		}
	}
	return false
}

// deedElsewhere reports whether a fitting sentence has a name do the deed
// a "who did" question asks about to something other than what it asks
// ("Popyrin won his only ATP Tour clash" for "who won the masters").
func deedElsewhere(a asked, cands []candidate) bool {
	if a.did == "" {
		return false
	}
	for _, c := range cands {
		if !c.fits {
			continue
		}
		words := wordRE.FindAllStringIndex(c.body, -1)
		for i := 1; i < len(words); i++ {
			if !deedWord(c.body, words, i, a.did) || !isCapitalised(c.body[words[i-1][0]:words[i-1][1]]) {
				continue
			}
			if !deedObject(a, c.body, words, i, c.body[words[i-1][0]:words[i-1][1]]) {
				return true
			}
		}
	}
	return false
}

// deedWord reports whether the word at i of body (its word spans) is the
// deed a "who did" question asks the doer of ("won" in "who won the world
// series"): a name right after it is what was done, its object ("have won
// Game 2"), not who did it.
func deedWord(body string, words [][]int, i int, did string) bool {
	return did != "" && text.Term(strings.ToLower(body[words[i][0]:words[i][1]])) == did
}

// passive reports whether the word at i of body (its word spans) is a
// verb in the passive: after a form of "be" ("Brockman was told") or
// before "by" ("the Community Shield won by Arsenal"). The name before it
// is who it was done to: not the answer to "who told …" or "who won …".
func passive(body string, words [][]int, i int) bool {
	return i > 0 && text.IsPassiveAuxiliary(strings.ToLower(body[words[i-1][0]:words[i-1][1]])) || byAgent(body, words, i)
}

// byAgent reports whether the word at i of body is followed by "by": the
// name after it is who did it ("won by Arsenal").
func byAgent(body string, words [][]int, i int) bool {
	return i+1 < len(words) && strings.EqualFold(body[words[i+1][0]:words[i+1][1]], "by")
}

// inRelativeClause reports whether body[start:end], a name, sits inside a
// relative clause set off by commas ("Younis Tirawi, who reports on
// Palestinian Affairs, said …"): what is done after the clause is done by
// the name before it, not by this one.
func inRelativeClause(body string, start, end int) bool {
	if start < 0 || end > len(body) || start > end {
		return false
	}
	open := strings.LastIndexAny(body[:start], ",;(—")
	if open < 0 {
		return false
	}
	w := wordRE.FindString(body[open+1 : start])
	if !text.IsRelativePronoun(strings.ToLower(w)) {
		return false
	}
	closing := strings.IndexAny(body[end:], ",;)—")
	return closing >= 0 && !strings.ContainsAny(body[end:end+closing], ".!?")
}

// namedDoerAfter reports whether body, after from, has a name other than
// subject (sharing none of its words) followed by a verb of its own, a
// lowercase one ending in "-ed" or of saying, not in the passive: the
// clause a reporting verb introduces has its own doer. A pronoun doing
// the deed did asked ("he told") is the subject's own deed: no other
// doer then.
func namedDoerAfter(body, subject string, from int, did string) bool {
	own := map[string]bool{}
	for _, w := range text.Words(subject) {
		own[strings.ToLower(w)] = true
	}
	rest := body[from:]
	words := wordRE.FindAllStringIndex(rest, -1)
	for i := 1; i < len(words); i++ {
		if deedWord(rest, words, i, did) && text.IsSubjectPronoun(rest[words[i-1][0]:words[i-1][1]]) {
			return false // "Sutskever said he told Altman …": the deed is the subject's own
		}
	}
	for _, m := range namePhrases(rest) {
		if slices.ContainsFunc(text.Words(m), func(w string) bool { return own[strings.ToLower(w)] }) {
			continue
		}
		at := strings.Index(rest, m)
		i := slices.IndexFunc(words, func(w []int) bool { return w[0] >= at+len(m) })
		if i < 0 {
			continue
		}
		next := rest[words[i][0]:words[i][1]]
		if !isCapitalised(next) && (strings.HasSuffix(next, "ed") || text.IsSayingVerb(next)) && !byAgent(rest, words, i) {
			return true
		}
	}
	return false
}

// subjectName returns the name a sentence opens its main clause with,
// followed by its verb ("Last month, Page described as …", "Zakharova
// said …"): who did what the sentence says, the answer to "who" when the
// sentence answers the question. Only a name the question does not give,
// printable as an answer, at the start of the sentence or after an
// opening phrase and its comma.
func subjectName(a asked, c candidate) (string, bool) {
	for _, n := range namePhrases(c.body) {
		at := strings.Index(c.body, n)
		if at < 0 {
			continue
		}
		before := strings.TrimSpace(c.body[:at])
		if before != "" && !strings.HasSuffix(before, ",") {
			return "", false // the first name is not the clause's opening
		}
		if namedIn(n, a.q) || (a.q.Person && !personLike(n)) || text.IsHonorific(n) || text.IsRole(n) || !printableName(c.body, n, at) {
			return "", false
		}
		next := wordRE.FindString(c.body[at+len(n):])
		if next == "" || isCapitalised(next) || !(strings.HasSuffix(next, "ed") || text.IsSayingVerb(next)) {
			return "", false
		}
		if a.did != "" && text.Term(strings.ToLower(next)) != a.did && text.IsSayingVerb(next) && namedDoerAfter(c.body, n, at+len(n), a.did) {
			// The name reports a deed someone else did ("Brockman said
			// … Sutskever informed Altman he was being fired" for "who
			// told altman he was fired"): the reporter is not the doer.
			return "", false
		}
		if a.did != "" && text.Term(strings.ToLower(next)) == a.did {
			// The deed asked, done to what the question asks about.
			words := wordRE.FindAllStringIndex(c.body, -1)
			i := slices.IndexFunc(words, func(w []int) bool { return w[0] >= at+len(n) })
			if !deedObject(a, c.body, words, i, n) {
				return "", false
			}
		}
		return n, true
	}
	return "", false
}
