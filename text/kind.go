package text

import (
	"regexp"
	"slices"
	"strings"
)

// Kind is the kind of fact a question asks for: a person or organisation,
// a date or time, a place, a count, an amount of money, another figure, a
// reason, what someone said, yes or no, or something else.
type Kind int

// The kinds of question, in the order of the table that detects them.
const (
	AskOther    Kind = iota // anything not recognised
	AskWho                  // a person or organisation: "who", "which company"
	AskWhen                 // a date or a time of day: "when", "what time"
	AskWhere                // a place: "where", "in which city"
	AskCount                // a number of things: "how many"
	AskMoney                // an amount of money: "how much did X pay", "q3 revenue"
	AskQuantity             // another figure: "how much", "how long", "what share"
	AskReason               // a reason: "why", "what was the cause"
	AskSaid                 // what someone said: "what did X say"
	AskYesNo                // yes or no: "did", "is", "has"
	AskHow                  // a way or manner: "how did X react", "how does it work"
)

// kindRow is one kind of question: how a question asks for it, what a
// sentence must hold to answer it, and how to say no passage does.
type kindRow struct {
	kind Kind
	name string
	// opens matches a question (as Normalize gives it, trimmed) asking
	// for this kind by its first words; rows are tried in table order.
	opens *regexp.Regexp
	// mentions matches, anywhere, a question whose first words matched no
	// row's opens: "uber q3 revenue", "score of the arizona game".
	mentions *regexp.Regexp
	// holds reports whether a sentence holds this kind of fact; nil for
	// a kind no words of a sentence can be checked for (yes/no, how).
	holds func(sentence string) bool
	// absent says, in plain words, that no passage holds it.
	absent string
}

// moneyVerbs are what is done with money, for "how much did X pay".
const moneyVerbs = `pay|paid|paying|get|got|gets|getting|receive|received|win|won|fetch|fetched|generate|generated|bring\s+in|brought\s+in|cost|costs|spend|spent|spending|overspend|overspent|sell|sold|earn|earned|make|made|raise|raised|lose|lost|buy|bought|worth|charge|charged|invest|invested|owe|owed|fine|fined|award|awarded|fund|funded|donate|donated|borrow|borrowed|lend|lent`

// moneyNouns are the names of amounts of money.
const moneyNouns = `revenue|revenues|sales|valuation|valued|worth|price|prices|cost|costs|salary|salaries|fee|fees|budget|profit|profits|loss|losses|income|earnings|funding|fine|bonus|wage|wages|pay|payout|deal|money|cash|dollars`

// kinds is the table of question kinds. A question is of the first row
// whose opens matches it, else of the first whose mentions does, else
// AskOther.
var kinds = []kindRow{
	{
		kind: AskWhen, name: "when",
		opens:  regexp.MustCompile(`(?i)^(?:since\s+)?when\b|^(?:on\s+|at\s+|by\s+)?what\s+(?:date|day|time|year|month|hour)\b|^(?:in\s+|on\s+)?which\s+(?:year|month|day|date)\b|^how\s+long\s+ago\b`),
		holds:  func(s string) bool { return len(Dates(s)) > 0 || len(TimesOfDay(s)) > 0 },
		absent: "no passage gives a date or time for this",
	},
	{
		kind: AskCount, name: "how many",
		opens:  regexp.MustCompile(`(?i)^how\s+many\b|^what\s+(?:was\s+|is\s+|were\s+)?(?:the\s+)?(?:final\s+)?(?:number|count|score|tally)\b`),
		holds:  holdsCount,
		absent: "no passage gives a number for this",
	},
	{
		kind: AskMoney, name: "how much (money)",
		opens:    regexp.MustCompile(`(?i)^(?:by\s+)?how\s+much\s+(?:` + moneyNouns + `)\b|^(?:by\s+)?how\s+much\s+(?:did|does|do|is|was|were|are|will|has|have|had|would|could|can|should)\b(?:\s+\S+){0,8}?\s+(?:` + moneyVerbs + `|` + moneyNouns + `)\b|^what\s+(?:was\s+|is\s+|were\s+|are\s+)?(?:the\s+)?(?:price|cost|salary|fee|revenue|valuation|budget|profit)\b`),
		mentions: regexp.MustCompile(`(?i)\b(?:revenue|valuation|valued|worth|price|cost|salary|fee)\b`),
		holds:    func(s string) bool { return len(Money(s)) > 0 },
		absent:   "no passage gives an amount of money for this",
	},
	{
		kind: AskQuantity, name: "how much",
		opens:    regexp.MustCompile(`(?i)^how\s+(?:much|long|old|far|big|large|high|tall|fast|often)\b|^what\s+(?:was\s+|is\s+|were\s+)?(?:the\s+)?(?:final\s+)?(?:amount|percentage|share|total|figure|rate|size)\b`),
		mentions: regexp.MustCompile(`(?i)\bhow\s+(?:many|much)\b|\bnumbers?\s+(?:of|for|on)\b|\b(?:score|scoreline)\b`),
		holds:    func(s string) bool { return len(Numbers(s)) > 0 || len(Money(s)) > 0 || len(Percent(s)) > 0 },
		absent:   "no passage gives a figure for this",
	},
	{
		kind: AskWhere, name: "where",
		opens:  regexp.MustCompile(`(?i)^where\b|^(?:in\s+|at\s+)?(?:what|which)\s+(?:city|country|state|place|venue|location|town|region|stadium|county|province|neighbou?rhood|building|address)\b`),
		holds:  func(s string) bool { return len(Places(s)) > 0 },
		absent: "no passage gives a place for this",
	},
	{
		kind: AskWho, name: "who",
		opens:  regexp.MustCompile(`(?i)^(?:who|whom|whose)\b|^(?:which|what)\s+(?:\w+\s+)?(?:individual|person|people|man|woman|company|companies|firm|organi[sz]ation|entity|institution|team|club|group|agency|country|nation|player|athlete|executive|ceo|founder|leader|politician|official|brand|outlet|publication|network|bank|startup|platform|product|band|artist|singer|actor|actress|author|candidate|party|court|judge|figure|celebrity|coach|manager|sportsbook|establishments?)\b`),
		holds:  func(s string) bool { return len(NameSpans(s)) > 0 || len(Agents(s)) > 0 },
		absent: "no passage names who this is",
	},
	{
		kind: AskReason, name: "why",
		opens:  regexp.MustCompile(`(?i)^why\b|^how\s+come\b|^for\s+what\s+reason\b|^what\s+(?:was|is|were|are)\s+the\s+(?:reason|cause|motive)s?\b`),
		holds:  func(s string) bool { return reasonRE.MatchString(s) },
		absent: "no passage says why",
	},
	{
		kind: AskHow, name: "how",
		opens:  regexp.MustCompile(`(?i)^how\s+(?:did|does|do|is|are|was|were|can|could|will|would|has|have|had)\b`),
		absent: "no passage says how",
	},
	{
		kind: AskSaid, name: "what did X say",
		opens:  regexp.MustCompile(`(?i)^what\s+(?:did|does|has|have|had)\s+.+?\s+(?:say|said|tell|told|write|wrote|claim|claimed|argue|argued|tweet|tweeted|post|posted)\b|^what\s+(?:was|were|is)\s+.+?(?:'s|’s)\s+(?:reaction|response|comment|statement)s?\b`),
		holds:  func(s string) bool { return saidRE.MatchString(s) },
		absent: "no passage quotes what was said about this",
	},
	{
		kind: AskYesNo, name: "yes/no",
		opens:  regexp.MustCompile(`(?i)^(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should)\b`),
		absent: "no passage says whether this is so",
	},
}

// other is the row of a question no row detects.
var other = kindRow{kind: AskOther, name: "other", absent: "no passage answers this"}

var (
	reasonRE = regexp.MustCompile(`(?i)\b(?:because|since|due\s+to|owing\s+to|as\s+a\s+result|after|amid|so\s+that|in\s+order\s+to|led\s+to|caused|blamed|cited|citing|reason|reasons|by\s+\w+ing|alleg(?:ing|ed|es)|advantages?|benefits?|thanks\s+to|driven\s+by|fu?ell?ed\s+by|attributed\s+to|stem(?:s|med)?\s+from|explains?\s+(?:why|that))\b`)
	saidRE   = regexp.MustCompile(`["“”]|\b(?:said|says|told|wrote|writes|added|stated|according\s+to|tweeted|posted)\b`)
)

// holdsCount reports whether s gives a count: a number that is not a
// date, a time of day or a year.
func holdsCount(s string) bool {
	dates, times := Dates(s), TimesOfDay(s)
	for _, n := range Numbers(s) {
		if !insideAny(n, dates) && !insideAny(n, times) {
			return true
		}
	}
	return false
}

// row returns the table's row of k.
func (k Kind) row() kindRow {
	for _, r := range kinds {
		if r.kind == k {
			return r
		}
	}
	return other
}

// leadRE finds the words a follow-up opens with before its question
// ("and what did she say", "ok so who won").
var leadRE = regexp.MustCompile(`(?i)^(?:(?:and|but|so|also|ok|okay|then|oh|plus)\b[\s,]*)+`)

// opening returns a question as its first words are read: normalised,
// past a follow-up's "and", "so"…
func opening(question string) string {
	return leadRE.ReplaceAllString(strings.TrimSpace(Normalize(question)), "")
}

// KindOf returns the kind of fact a question asks for, by its first words
// ("who", "when's", "what time", "how much did X pay", after a follow-up's
// "and", "so"…) or, when they say nothing, by the words it holds ("uber q3
// revenue" asks for money). Slack shorthand is read as Normalize reads it
// ("whos" is "who is").
func KindOf(question string) Kind {
	q := opening(question)
	for _, r := range kinds {
		if r.opens != nil && r.opens.MatchString(q) {
			return r.kind
		}
	}
	for _, r := range kinds {
		if r.mentions != nil && r.mentions.MatchString(q) {
			return r.kind
		}
	}
	return AskOther
}

// Holds reports whether a sentence holds the kind of fact asked for: a
// name for AskWho, a date or a time of day for AskWhen, a place for
// AskWhere, a number that is not a date for AskCount, an amount of money
// for AskMoney, a figure for AskQuantity, a reason for AskReason, a
// quotation or a reporting verb for AskSaid. For AskYesNo, AskHow and
// AskOther every sentence may hold it: the words decide.
func (k Kind) Holds(sentence string) bool {
	r := k.row()
	return r.holds == nil || r.holds(sentence)
}

// Typed reports whether a sentence can be checked for the kind of fact:
// false for yes/no, how and other questions, which any sentence may answer.
func (k Kind) Typed() bool { return k.row().holds != nil }

// Absent says in plain words that no passage holds the kind of fact
// asked for: "no passage gives a date or time for this".
func (k Kind) Absent() string { return k.row().absent }

// String names the kind: "who", "when", "how many"…
func (k Kind) String() string { return k.row().name }

// Kinds returns every kind, in the order of the table.
func Kinds() []Kind {
	out := []Kind{AskOther}
	for _, r := range kinds {
		out = append(out, r.kind)
	}
	return out
}

// agentRE finds a noun phrase that is the subject of a verb: a
// determiner, up to two words, the noun, then the verb ("the contractor
// was paid", "a spokeswoman said").
var agentRE = regexp.MustCompile(`(?i)\b(?:the|a|an|its|their|his|her)\s+(?:[\p{L}'’-]+\s+){0,2}?(\p{L}+)\s+(?:was|were|is|are|has|have|had|will|would|did|said|says|told|confirmed|announced|denied)\b`)

// Agents returns the nouns by which a sentence says what someone did
// without naming them: a person or an organization (IsAgent) as the
// subject of a verb, "contractor" in "the contractor was paid twice",
// "spokeswoman" in "a spokeswoman said". Such a sentence may answer "who"
// ("who was paid twice?").
func Agents(sentence string) []string {
	var out []string
	for _, m := range agentRE.FindAllStringSubmatch(sentence, -1) {
		if w := strings.ToLower(m[1]); IsAgent(w) {
			out = append(out, m[1])
		}
	}
	return out
}

// personRE finds a question asking for a person rather than an
// organisation: "who", "which executive".
var personRE = regexp.MustCompile(`(?i)^(?:who|whom|whose)\b|^(?:which|what)\s+(?:\w+\s+)?(?:individual|person|man|woman|player|athlete|executive|ceo|founder|leader|politician|official|judge|actor|actress|singer|artist|author|coach|manager|figure|celebrity|candidate)\b`)

// individualRE finds a question asking for an individual in so many
// words: "who is the individual", "which person".
var individualRE = regexp.MustCompile(`(?i)^(?:who|which|what)\s+(?:(?:is|was|are|were)\s+)?(?:the\s+)?(?:\w+\s+)?(?:individual|person)\b`)

// AsksIndividual reports whether a question asks for an individual in so
// many words ("who is the individual…", "which person…"): a company or a
// team does not answer it, where it may answer "who won".
func AsksIndividual(question string) bool {
	return individualRE.MatchString(opening(question))
}

// AsksPerson reports whether a question asks who someone is ("who",
// "whos", "which executive"), not which organisation or thing.
func AsksPerson(question string) bool {
	return personRE.MatchString(opening(question))
}

// countedRE captures the words counted by "how many": up to three words
// before the verb or preposition that ends them.
var countedRE = regexp.MustCompile(`(?i)\bhow\s+many\s+((?:[\p{L}\p{N}'’-]+\s+){0,2}?[\p{L}\p{N}'’-]+)(?:\s+(?:does|do|did|has|have|had|is|are|was|were|will|would|can|could|in|on|for|of|at|to|per|there|from|with|by)\b|\s*[?.!]?\s*$)`)

// Counted returns the word a "how many" question counts, as written
// ("seats" in "how many seats does the sphere have?", "people" in "how
// many people were hurt", "sportsbooks" in "how many sportsbooks applied
// for …"), or "" when it names none ("how many did crawford drop") or
// names no unit ("times" asks how often: "twice", "their seventh";
// "things" may be anything).
func Counted(question string) string {
	m := countedRE.FindStringSubmatch(Normalize(question))
	if m == nil {
		return ""
	}
	ws := strings.Fields(m[1])
	if auxiliaries[strings.ToLower(ws[0])] {
		return "" // "how many did crawford drop": what is counted goes unsaid
	}
	for i := 1; i < len(ws); i++ {
		// "how many ppl showed up": the verb ends the unit; "how many
		// man united fans": a plural after it is the unit, the past form
		// a name's or a modifier's.
		if isPastForm(strings.ToLower(ws[i])) && !slices.ContainsFunc(ws[i+1:], looksPlural) {
			ws = ws[:i]
			break
		}
	}
	if w := ws[len(ws)-1]; !unitless[strings.ToLower(w)] {
		return w
	}
	return ""
}

// looksPlural reports whether w ends like a plural noun ("fans"; not
// "class").
func looksPlural(w string) bool {
	return len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss")
}

// unitless are the words "how many" may count that name no unit.
var unitless = map[string]bool{"times": true, "things": true}

// isPastForm reports whether w (lower case) is a verb's past form: a
// regular one ("applied", "showed"; not "speed") or an irregular one whose
// base is a verb ("got", "went").
func isPastForm(w string) bool {
	if len(w) > 4 && strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "eed") {
		return true
	}
	base := Lemma(w)
	return base != w && !strings.HasSuffix(w, "s") && len(RelatedVerbs(base)) > 0
}

// passiveAuxiliaries are the forms of "be" (and "get") that make a past
// participle after them passive ("Brockman was told", "got fired").
var passiveAuxiliaries = map[string]bool{"is": true, "are": true, "was": true, "were": true, "be": true, "been": true,
	"being": true, "got": true, "gets": true, "get": true}

// IsPassiveAuxiliary reports whether w (lower case) makes the verb after
// it passive: a form of "be" or "get".
func IsPassiveAuxiliary(w string) bool { return passiveAuxiliaries[w] }

// relativePronouns open a relative clause ("X, who reports on …,").
var relativePronouns = map[string]bool{"who": true, "which": true, "whose": true, "whom": true}

// IsRelativePronoun reports whether w (lower case) opens a relative
// clause: who, which, whose, whom.
func IsRelativePronoun(w string) bool { return relativePronouns[w] }

// auxiliaries are the verbs that only help another or link a subject to
// what it is: "who is the ceo" asks for a role's holder, not a deed.
var auxiliaries = func() map[string]bool {
	m := map[string]bool{"will": true, "would": true, "has": true, "have": true, "had": true, "does": true, "did": true,
		"do": true, "can": true, "could": true, "should": true, "may": true, "might": true, "must": true, "s": true, "d": true, "ll": true}
	for w := range passiveAuxiliaries {
		m[w] = true
	}
	return m
}()

// WhoDid returns the verb a "who" question asks the doer of, as written
// ("won" in "who won the final", "told" in "who told altman he was
// fired"), or "" when "who" is followed by an auxiliary ("who is the
// ceo", "whos coaching") or by no word.
func WhoDid(question string) string {
	words := Words(Normalize(question))
	for i, w := range words {
		if w != "who" {
			continue
		}
		if i+1 < len(words) && !auxiliaries[words[i+1]] && !IsStopWord(words[i+1]) {
			return words[i+1]
		}
		return ""
	}
	return ""
}
