package desk

import (
	"context"
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/text"
)

// Verdict is the outcome of a claim check.
type Verdict string

const (
	Supported    Verdict = "supported"
	Contradicted Verdict = "contradicted"
	NotFound     Verdict = "not_found"
)

// judged is a sentence weighed against the claim.
type judged struct {
	sentence
	cov, wcov float64
	// role is the sentence's coverage of the claim's role (a claim naming
	// a person), about its document's of the claim, title its title's of
	// the claim's words other than names (a claim's score)
	role, about, title float64
	// phrase is its coverage of the claim's words with its figures' own
	// words, when it states another figure in the claim's phrase
	phrase float64
	// cause is its coverage, with the sentence before, of the claim's
	// cause (causeWords), when the claim gives one
	cause   float64
	verdict Verdict
	figure  string // the document's figure (or person), when contradicting
	// partial is set on a support that leaves out one of the claim's
	// amounts, counts or durations: a contradiction outweighs it
	partial bool
}

// Check checks a claim against the documents req may see (thresholds in
// Tuning):
//   - a claim with figures (amounts, counts, percentages, scores, dates,
//     durations) is supported by a sentence about its subject that states
//     them, and contradicted by one that states another figure of the same
//     kind; a score ("12-11") is specific enough that a sentence stating it
//     in a document about the claim's subject counts even when the
//     sentence names the teams otherwise ("the Springboks prevailed 12-11");
//   - a claim naming a person in a role ("Greg Brockman was named interim
//     CEO of OpenAI") is contradicted by a sentence giving that role to
//     another person ("interim CEO, Mira Murati");
//   - a claim without figures is supported by a sentence stating nearly
//     all of it, and contradicted by one stating nearly all of it with
//     its two people in each other's roles (swappedRole).
//
// Words count when the sentence holds them, their lemma or a WordNet
// synonym ("docked" for "deducted"); page furniture is never judged.
func (d *Desk) Check(ctx context.Context, req answer.Request, claim string) (*Result, error) {
	start := time.Now()
	tu := d.tuning()
	claim = strings.TrimSpace(claim)
	opts := d.Engine.Search
	opts.K = d.k(tu.ClaimPassages)
	opts.AllowMissingNames = true
	res, ix, err := d.Engine.Retrieve(ctx, req, claim, opts)
	if err != nil {
		return nil, err
	}
	figs := hedged(claim, Figures(claim))
	verb := claimVerb(claim)
	// The subject is the claim without its figures; the role, the
	// subject without the people it names.
	subject := blank(claim, figureSpans(figs))
	w := weighWords(ix, subject, tu)
	persons, personSpans := claimPeople(claim)
	// the person the claim opens with, its subject: "Gary Clark scored …"
	var opener []string
	if len(persons) > 0 && strings.TrimSpace(claim[:personSpans[0].Start]) == "" {
		opener = persons[:1]
	}
	role := weighWords(ix, blank(subject, personSpans), tu)
	offices := officesOf(claim, role)
	// the claim's words with its figures' own words ("full-time coach"),
	// not their numbers
	worded := weighWords(ix, blank(claim, numberSpans(claim)), tu)
	scored := slices.ContainsFunc(figs, Figure.match)
	// the words of the claim other than its names and figures: "beat …
	// in the Rugby World Cup final"; and its names, the teams of a score
	plain := weighWords(ix, blank(subject, text.NameSpans(subject)), tu)
	teams := weigh(nil, names(subject))
	teamsIn := map[string]bool{}
	namesTeams := func(doc *corpus.Document) bool {
		v, ok := teamsIn[doc.ID]
		if !ok {
			v = len(teams) > 0 && teams.coverage(doc.Title+"\n"+doc.Text) == 1
			teamsIn[doc.ID] = v
		}
		return v
	}
	// the words a title tells of a match in: the claim's, or their
	// synonyms (a related verb is too loose: "Spurs sink Everton" is
	// another match of Everton's)
	strict := plain
	strict.relWeight = 0
	// a match's own report: its title tells of the match in the claim's
	// own words ("Boks beat All Blacks"; a synonym is too loose: "round"
	// is one of "beat") or names the claim's teams ("Blackhawks vs.
	// Penguins live score"), ScoreTitleNames of the claim's names or
	// more; it names every team, and one of them (as written or by a name
	// the documents give it: "it was the Springboks who … prevailed
	// 12-11") in the sentence of its first score or the one before: a
	// column whose first score is another ("after going 8-6 last week, I
	// am now …") leads with no result of theirs
	claimNames := nameList(subject)
	byNames := func(doc *corpus.Document) bool { return titleNames(doc.Title, claimNames) >= tu.ScoreTitleNames }
	var aliases *teamAliases
	claimTeams := strings.FieldsFunc(names(subject), func(r rune) bool { return r == '\n' })
	leadsIn := map[string]bool{}
	namesTeamsFirst := func(doc *corpus.Document) bool {
		v, ok := leadsIn[doc.ID]
		if !ok {
			v = namesTeams(doc) && namesOneOf(lead(doc), claimTeams, aliases.same)
			leadsIn[doc.ID] = v
		}
		return v
	}
	ownReport := func(doc *corpus.Document) bool {
		return (plain.w.coverage(doc.Title) >= tu.ScoreTitle || byNames(doc)) && namesTeamsFirst(doc)
	}
	docCov := map[string]float64{}
	aboutDoc := func(doc *corpus.Document) float64 {
		c, ok := docCov[doc.ID]
		if !ok {
			c = w.coverage(doc.Title + "\n" + doc.Text)
			docCov[doc.ID] = c
		}
		return c
	}

	// a sentence supports a claim naming someone only in a document
	// that names them
	namedIn := map[string]bool{}
	// the surnames of the people each document names in full: a sentence
	// naming one of them alone, and not the claim's person, tells of
	// someone else (otherSurname)
	surnamesIn := map[string]map[string]bool{}
	namesClaims := func(ps []string, s string, doc *corpus.Document) bool {
		if !namesPeople(ps, s) {
			return false
		}
		sn, ok := surnamesIn[doc.ID]
		if !ok {
			sn = docSurnames(doc.Title + "\n" + doc.Text)
			surnamesIn[doc.ID] = sn
		}
		return otherSurname(ps, s, sn) == ""
	}
	namesDoc := func(doc *corpus.Document) bool {
		v, ok := namedIn[doc.ID]
		if !ok {
			v = namesAny(claimNames, doc.Title+"\n"+doc.Text)
			namedIn[doc.ID] = v
		}
		return v
	}

	// the acronyms each document defines: "AIFs are only available to
	// HNIs" tells of "Alternative Investment Funds (AIFs)"
	defined := map[string]map[string]string{}
	acronymsOf := func(doc *corpus.Document) map[string]string {
		a, ok := defined[doc.ID]
		if !ok {
			a = text.Acronyms(doc.Text)
			defined[doc.ID] = a
		}
		return a
	}

	// the short forms each document gives "for short": "the
	// Permian-Triassic (or P-T for short) extinction"
	shorts := map[string]map[string]string{}
	shortOf := func(doc *corpus.Document) map[string]string {
		a, ok := shorts[doc.ID]
		if !ok {
			a = shortForms(doc.Text)
			shorts[doc.ID] = a
		}
		return a
	}

	sents := sentencesOf(res)
	numbered := matchNumbers(claim) // "in Game 3"
	if scored {
		aliases = d.teamAliases(ctx, req)
		// A score may be stated anywhere in a match report, which may
		// name the teams otherwise ("Boks beat All Blacks"): the whole of
		// more documents are read.
		o := opts
		o.K, o.MaxPerDoc = tu.ScoreDocuments, 1
		more, _, err := d.Engine.Retrieve(ctx, req, claim, o)
		if err != nil {
			return nil, err
		}
		sents = append(sents, documentSentences(more, sents)...)
	}
	// a claim whose only figures are years tells of a place, a club or
	// a party by its names alone: a sentence naming another in the slot
	// of one missing from it supports nothing (slotOther)
	yearsOnly := !slices.ContainsFunc(figs, func(f Figure) bool { return f.Kind != Year })
	// states is whether a sentence (with held, the text read with it) may
	// support the claim at all: it tells as done what the claim does,
	// not what may happen (possibleOnly), and of the claim's places and
	// parties, not others in their slots (slotOther)
	states := func(sent, held string) bool {
		return !possibleOnly(claim, sent, plain) && (!yearsOnly || slotOther(claim, sent, held) == "") && objectOther(claim, sent) == ""
	}
	// a cast claim's work: its words other than the part and the actor
	// ("… in the sixth season of The Crown")
	part, actor := castOf(claim)
	work := weighWords(ix, castWork(subject, part, actor), tu)
	var support, contra, reports []judged
	for _, s := range sents {
		sent := s.text()
		if s.furniture() || len(text.Scores(sent)) > 2 || asks(sent) {
			continue // page furniture, a table of results, a question
		}
		// a sentence telling of the claim's person by a pronoun ("He was
		// opposed by 22 Republicans") holds their name
		held := sent + standsFor(sent, s.prev, persons) + text.SpelledOut(sent, acronymsOf(s.doc)) + spelledShort(sent, shortOf(s.doc))
		j := judged{sentence: s, cov: w.coverage(held), wcov: w.coverage(s.doc.Title + "\n" + s.prev + "\n" + held)}
		if part != "" {
			// the part's actor in parentheses after it, in a document
			// about the claim's work ("Prince Charles (Dominic West)")
			if cast, same := castIn(claim, sent); cast != "" && castStory(figs, s.doc, work, tu.SupportDocument) {
				if same {
					j.verdict = Supported
					support = append(support, j)
				} else {
					j.verdict, j.figure = Contradicted, cast
					contra = append(contra, j)
				}
				continue
			}
		}
		if len(figs) == 0 {
			other, sure := "", false
			if j.role = role.coverage(sent); len(persons) > 0 && j.role >= tu.RoleSentence {
				other, sure = roleOther(claim, sent, persons, role, offices)
				if other == "" {
					other = sourceOther(claim, sent)
					sure = other != ""
				}
			}
			switch {
			case other != "" && sure:
				j.verdict, j.figure = Contradicted, other
				contra = append(contra, j)
			case other != "":
				// the claim's office given to someone else, of another
				// organisation or of what may yet happen: it neither
				// rules the claim out nor states it ("Northwind Labs CEO
				// Rhea Collins and Orbis Labs co-founder Dana Whitfield"
				// is no support of "Dana Whitfield is the CEO of Orbis
				// Labs")
			case !namesClaims(persons, s.prev+"\n"+held, s.doc):
				// a sentence telling what the claim says of someone
				// else ("linebackers coach Chris Partridge, who was
				// fired by Michigan") states nothing of the claim's
				// person, however much of the rest it holds: the title
				// or the document naming them is not enough
			case !tellsVerb(verb, held):
				// the claim's names and nouns without what it says
				// they did state nothing of it
			case !tellsOffice(offices, role, held):
				// nor without the office it gives them: "Jim Harbaugh
				// … rivalry game with Ohio State" is no Ohio State coach
			case !states(sent, held):
				// a possibility, or another place or party in the
				// claim's slot: neither states the claim
			case j.wcov >= tu.UnfiguredWindow && j.cov >= tu.UnfiguredSentence && namesClaims(persons, held, s.doc):
				// nearly all of the claim, but its two people in each
				// other's places, contradicts it
				if sw := swappedRole(claim, sent, persons, role); sw != "" {
					j.verdict, j.figure = Contradicted, sw
					contra = append(contra, j)
					break
				}
				j.verdict = Supported
				support = append(support, j)
			case pairSupports(w, s.prev, held, tu) && tellsVerb(verb, s.prev+"\n"+held) && tellsOffice(offices, role, s.prev+"\n"+held):
				j.verdict, j.cov = Supported, w.coverage(s.prev+"\n"+held)
				support = append(support, j)
			}
			continue
		}
		have := Figures(sent)
		if table(have, tu.TableFigures) && !endsSentence(sent) {
			continue // a table of results flattened into a line
		}
		if scored {
			// A claim's score is judged in the report of its match (a
			// sentence, not a table of results, of a document about the
			// claim, telling of the year it was published).
			if ownReport(s.doc) && s.start <= firstScore(s.doc) && firstScore(s.doc) < s.end {
				// a match's report leads with its result, and names the
				// teams once, then otherwise ("the Springboks prevailed
				// 12-11"): its first score is the match's
				j.wcov = w.coverage(s.doc.Title + "\n" + s.prev + "\n" + sent + "\n" + names(subject))
			}
			if j.about = aboutDoc(s.doc); j.wcov < tu.ScoreWindow || !endsSentence(sent) && !isFinalLine(sent) || otherYear(sent, s.doc) || j.about < tu.ScoreDocument || otherNumber(numbered, s.doc.Title) {
				continue
			}
			if v, fig := judgeScore(figs, have, claim, sent, aliases); v != "" {
				j.verdict, j.figure = v, fig
				reports = append(reports, j)
			}
			continue
		}
		matched, other, unstated := 0, "", false
		// a percentage of another whole than the claim's (otherWhole):
		// the sentence tells of other things, and neither supports nor
		// contradicts the claim by its other figures (its year)
		elsewhole := false
		// the sentence states one of the claim's figures other than its
		// years the same: it tells of the claim's deal, match or count
		anchored := slices.ContainsFunc(figs, func(cf Figure) bool {
			return cf.Kind != Year && slices.ContainsFunc(have, cf.Same)
		})
		// the claim's year, long before the document, not told by the
		// sentence, the one before or its section's heading: the sentence
		// tells of another time ("India defeated New Zealand by 70 runs
		// in the first semi-final on Wednesday, November 15" against
		// England's win in the 1987 semi-final)
		elsewhen := slices.ContainsFunc(figs, func(cf Figure) bool {
			return cf.Kind == Year && pastYear(cf, s.doc, tu.PastYears) && !yearTold(cf, s)
		})
		// the claim dates its amount or count by a year the sentence, the
		// one before and its heading do not state, while the sentence
		// dates its own by other years and states none of the claim's
		// other figures the same: its figures are another time's ("it
		// reported $8.4 million in revenue from contributions and grants
		// in 2020 and 2021" against "more than $200 million in revenue for
		// 2022"), neither the claim's nor another value of them, and its
		// years no other date of the claim's (two figures differ)
		otherwhen := !anchored && slices.ContainsFunc(figs, func(cf Figure) bool { return !when(cf) }) &&
			slices.ContainsFunc(figs, func(cf Figure) bool { return cf.Kind == Year && !yearTold(cf, s) }) &&
			slices.ContainsFunc(have, func(f Figure) bool { return f.Kind == Year })
		counted := append(countedAs(sent, have, figs), unitBefore(claim, sent, have, figs)...)
		// the claim's share told of another whole ("9-of-31" against the
		// claim's "9-of-35"): another game's, or the claim's told
		// otherwise; either way no support
		otherShare := false
		for _, cf := range figs {
			same, sameAt, comparable := compareFigure(cf, figs, counted)
			otherShare = otherShare || !same && shareOfOther(cf, counted)
			if n := len(comparable); !same {
				comparable = slices.DeleteFunc(comparable, func(f Figure) bool { return otherWhole(claim, cf, sent, f) })
				elsewhole = elsewhole || len(comparable) < n
				comparable = slices.DeleteFunc(comparable, func(f Figure) bool { return otherClauseFigure(verb, sent, f) })
			}
			if elsewhen && cf.Kind != Year || otherwhen {
				comparable = nil
			}
			// the claim's amount told of someone else, the claim's names
			// standing by another amount ("Cummins went … for Rs 20.50
			// Cr but … Kolkata Knight Riders broke the bank for Mitchell
			// Starc, paying a whopping Rs 24.75 Cr"): that one is theirs
			// (an amount the claim states too is no other: "$680 million
			// of his $700 million contract")
			if same && cf.Kind == Money {
				others := slices.DeleteFunc(slices.Clone(comparable), func(f Figure) bool { return slices.ContainsFunc(figs, f.Same) })
				if f, ok := ownedFigure(claim, cf, sent, sameAt, others); ok {
					same, comparable = false, []Figure{f}
				}
			}
			switch {
			case same:
				matched++
			case len(comparable) > 0 && other == "" && !backgroundYear(cf, anchored || yearOfVerb(claim, cf, sent, comparable) && subjectTold(claim, held, s.prev), j.cov, tu.ContradictYearSentence):
				f := nearest(claim, cf, sent, comparable)
				other = f.Text
				if phraseAfter(claim, cf, tu.PhraseWords) == phraseAfter(sent, f, tu.PhraseWords) {
					j.phrase = worded.coverage(held)
				}
			case len(comparable) == 0 && !when(cf):
				unstated = true
			}
		}
		// the sentence states the claim's figures the same but puts
		// another name where the claim puts one ("a 10-year … contract
		// with the Los Angeles Dodgers" against "with the Toronto Blue
		// Jays")
		slot, unsure := "", false
		if anchored && other == "" {
			slot, unsure = otherInSlot(claim, sent, plain, tu.SlotSentence)
			if slot == "" && !unsure && plain.coverage(sent) >= tu.SlotSentence {
				slot = otherPossessor(claim, sent, figs, have)
			}
		}
		// the claim's figures told of its names the other way round
		// ("Italy have beaten France 14 times") support nothing
		reversed := matched > 0 && reversedNames(claim, sent, claimNames, plain)
		// every figure of the claim told of another person in the role
		// the claim gives the one it opens with ("Michael Cohen, Trump's
		// longtime finance chief, … served five months" against "Trump's
		// longtime finance chief Allen Weisselberg … served five months")
		roleName := ""
		if matched == len(figs) && other == "" && len(opener) > 0 && !namesPeople(opener, held) {
			if role.coverage(sent) >= tu.RoleSentence {
				roleName = otherInRole(claim, sent, persons, role, offices)
			}
		}
		switch {
		case unsure:
			// a place where the claim names a team's nickname, or the
			// other way round: maybe the claim's team, maybe another
		case slot != "":
			j.verdict, j.figure = Contradicted, slot
			contra = append(contra, j)
		case reversed:
		case other == "" && (elsewhole || otherShare):
		case other == "" && !states(sent, held):
			// what may happen, or another place or party where a claim
			// dated by its year alone names one, supports nothing
		case roleName != "":
			j.verdict, j.figure = Contradicted, roleName
			contra = append(contra, j)
		case matched > 0 && other == "" && !namesClaims(opener, held, s.doc):
			// the claim's figures told of someone else, named where the
			// person the claim opens with is not ("Tyler Harvey scored
			// 35 points" for Gary Clark's 35; by a surname the document
			// gives another: "Jabr, for example, suspects …"): they
			// support nothing of the claim's
		case matched > 0 && other == "" && j.wcov >= tu.SupportWindow && j.cov >= tu.SupportSentence && namesDoc(s.doc):
			// a sentence leaving out an amount, count or duration of the
			// claim ("$680 million of his $700 million contract" for a
			// 12-year, $700 million deal) supports it only in part
			j.verdict, j.partial = Supported, unstated || partName(claimNames, sent)
			support = append(support, j)
		case matched == len(figs) && matched >= tu.SupportFigures && other == "" && aboutDoc(s.doc) >= tu.SupportDocument:
			// every figure of the claim, and no other of their kinds, in
			// a document about it: "Sales rose to $12.94 billion, up
			// about 2%" for Nike's quarter
			j.verdict, j.about = Supported, aboutDoc(s.doc)
			support = append(support, j)
		case other != "" && j.wcov >= tu.ContradictWindow && (j.cov >= tu.ContradictSentence || j.phrase >= tu.PhraseSentence) && !otherMeasure(claim, sent):
			j.verdict, j.figure = Contradicted, other
			contra = append(contra, j)
		case other == "" && matched < len(figs) && pairSupports(w, s.prev, held, tu) && pairStates(figs, s.prev+" "+sent) && !reversedNames(claim, s.prev+" "+sent, claimNames, plain):
			// the claim told over two sentences: "… ruled that Apple
			// had infringed on two patents …. As a result, the ITC said
			// it would impose an import ban …"
			j.verdict, j.cov = Supported, w.coverage(s.prev+"\n"+held)
			support = append(support, j)
		}
	}
	if aliases != nil && aliases.err != nil {
		return nil, aliases.err
	}
	// a claimed draw is told in a sentence of a document naming its
	// teams: "… as they drew 3-3 with Galatasaray in the Champions League"
	// under a title naming one of them; that sentence says which match
	var drawn1 []string
	if d := drawSides(claim); len(d) == 1 {
		drawn1 = d[0]
	}
	// a sentence reading the claim's winner and loser at a score tells
	// the claim's match itself: "In Spain Real Madrid outclassed Girona
	// 3-0 …" in a roundup titled on another match
	var won result
	if i := slices.IndexFunc(figs, Figure.match); i >= 0 {
		won = readResult(claim, figs[i].score())
	}
	teamsRead := matchTeams(reports, won, aliases.same, tu.ScoreSentenceTeams)
	drawn := func(j judged) bool {
		return len(drawn1) > 0 && namesTeams(j.doc) && drawOf(j.text(), drawn1, aliases.same) ||
			teamsRead <= 2 && tellsMatch(ownMeeting(claim, j.text()), won, aliases.same, teamsRead)
	}
	// a title telling of a match in the claim's words tells of the
	// claim's only in a report naming its teams and leading with one of
	// them (namesTeamsFirst): "Jaguars beat Texans" is another match's,
	// and under "Pelicans beat Hornets" the writer's "After going 8-6 last
	// week" leads with no match of theirs
	if j, ok := matchReport(reports, strict, tu.ScoreTitle, namesTeamsFirst, byNames, drawn); ok && identifiesMatch(len(plain.w), ownReport(j.doc) || drawn(j), tu.ScoreWords) {
		switch j.verdict {
		case Supported:
			// "Harry Kane scored as Bayern Munich beat Manchester United
			// 1-0" is not supported by "this 1-0 defeat to Bayern Munich"
			if peopleNamed(claim, figs, drawn1, j.prev+"\n"+j.text()) {
				support = append(support, j)
			}
		case Contradicted:
			contra = append(contra, closerScore(j, reports, claim, figs))
		}
		// NotFound: the report states the claim's score but not who won
	}
	// a sentence stating another score than the claim's tells of another
	// result, whatever else it holds
	support = slices.DeleteFunc(support, func(j judged) bool { return otherScore(figs, j.text()) })
	// a number of the claim read as no figure ("112 for two") is still
	// the claim's: a sentence without it states the claim only in part
	if bare := unreadNumbers(claim, figs); len(bare) > 0 {
		support = slices.DeleteFunc(support, func(j judged) bool { return !numbersStated(bare, j.doc.Title+"\n"+j.prev+"\n"+j.text()) })
	}
	// a sentence leaving out the claim's cause states it only in part
	if cause, given := causeWords(ix, claim, tu); given {
		support = slices.DeleteFunc(support, func(j judged) bool { return !causeTold(cause, given, j.prev+"\n"+j.text(), tu) })
		for i := range support {
			support[i].cause = cause.coverage(support[i].prev + "\n" + support[i].text())
		}
	}
	r := &Result{Query: claim, from: res}
	var shown []judged
	whole := slices.DeleteFunc(slices.Clone(support), func(j judged) bool { return j.partial })
	switch {
	case len(whole) > 0:
		r.Verdict, shown = Supported, whole
	case len(contra) == 0 && len(support) > 0:
		r.Verdict, shown = Supported, support
	case len(contra) > 0:
		// a sentence stating another value of a figure the supporting
		// sentences leave out outweighs them
		r.Verdict, shown = Contradicted, contra
	default:
		r.Verdict = NotFound
	}
	slices.SortStableFunc(shown, func(a, b judged) int {
		switch {
		case a.cov+a.wcov > b.cov+b.wcov:
			return -1
		case a.cov+a.wcov < b.cov+b.wcov:
			return 1
		}
		return a.rank - b.rank
	})
	shown = dedupeText(shown)
	if len(shown) > tu.MaxClaimLines {
		shown = shown[:tu.MaxClaimLines]
	}
	var c citer
	var marks []string
	for _, j := range shown {
		n := c.cite(j.doc, j.start, j.end, j.passage)
		marks = append(marks, fmt.Sprintf("[%d]", n))
		r.Lines = append(r.Lines, Line{Date: j.doc.Date(), Text: j.text(), Cites: []int{n}, Figure: j.figure,
			measures: map[string]float64{"cov": j.cov, "wcov": j.wcov, "role": j.role, "phrase": j.phrase, "cause": j.cause, "about": j.about, "title": j.title}})
	}
	r.Sources = c.sources
	switch r.Verdict {
	case Supported:
		r.Headline = "Supported by " + strings.Join(marks, ", ")
	case Contradicted:
		r.Figure = shown[0].figure
		r.Headline = fmt.Sprintf("Contradicted by %s: the documents say %s", strings.Join(marks, ", "), r.Figure)
	default:
		r.Headline = "Not found: nothing in the documents states this"
	}
	r.Took = time.Since(start)
	return r, nil
}

// standsFor is the claim's person a sentence tells of by a pronoun, as
// "\n" and their name, or "": the sentence names no one and holds a
// pronoun of a person ("he", "her"), and the sentence before names the
// claim's person and no one else named in full ("… Jordan’s path to
// become House speaker was … lost. He was opposed by 22 Republicans").
func standsFor(sent, prev string, persons []string) string {
	if len(persons) == 0 || len(text.NameSpans(sent)) > 0 && namesSomeone(sent) {
		return ""
	}
	has := false
	for _, f := range wordRE.FindAllString(sent, -1) {
		switch strings.ToLower(f) {
		case "he", "she", "him", "her", "his", "hers":
			has = true
		}
	}
	if !has {
		return ""
	}
	who := ""
	for _, sp := range text.NameSpans(prev) {
		n := cleanName(strings.TrimSuffix(strings.TrimSuffix(prev[sp.Start:sp.End], "'s"), "’s"))
		i := slices.IndexFunc(persons, func(p string) bool { return SameName(n, p) })
		switch {
		case i < 0 && isPersonLike(n) && len(strings.Fields(n)) >= 2:
			return "" // someone else may be meant ("House" is no one)
		case i >= 0 && who != "" && who != persons[i]:
			return ""
		case i >= 0:
			who = persons[i]
		}
	}
	if who == "" {
		return ""
	}
	return "\n" + who
}

// isFinalLine reports whether a sentence is a live page's final-score
// line (finalLine: "Final: Broncos 21, Vikings 20", with no full stop).
func isFinalLine(s string) bool {
	_, ok := finalLine(s)
	return ok
}

// asks reports whether a sentence is a question ("What Is Sign Stealing
// and How Did the Astros Manage to Do It?"): it states nothing, so it
// neither supports nor contradicts a claim (nor gives anyone a role).
func asks(s string) bool {
	return strings.HasSuffix(strings.TrimRight(strings.TrimSpace(s), `"'”’)]`), "?")
}

// namesSomeone reports whether a sentence names a person (a name that is
// no organisation's or place's by its words).
func namesSomeone(s string) bool {
	for _, sp := range text.NameSpans(s) {
		if isPersonLike(cleanName(s[sp.Start:sp.End])) {
			return true
		}
	}
	return false
}

// isPersonLike reports whether a name may be a person's: no word of it
// makes it an organisation's ("House", "Republicans" are not people's).
func isPersonLike(n string) bool {
	for _, w := range strings.Fields(n) {
		if text.IsOrganisationWord(w) || text.IsDemonym(w) || text.IsPluralName(w) {
			return false
		}
	}
	return n != ""
}

// identifiesMatch reports whether a claim's words identify the match
// whose report states its score: ScoreWords of its n words other than
// names ("beat … in the Rugby World Cup final"), or one fewer in the
// match's own report (ownReport: its title tells of the match, and it
// names every team the claim names: "South Africa beat New Zealand
// 12-11"): "beat" alone, or the teams alone, do not say which match.
func identifiesMatch(n int, ownReport bool, scoreWords int) bool {
	return n >= scoreWords || ownReport && n > 0 && n >= scoreWords-1
}

// firstScore is the offset of the first score a document states, -1 when
// it states none: a score written with a dash, or a live page's
// final-score line ("Final: Broncos 21, Vikings 20", finalLine), which
// comes before its play-by-play.
func firstScore(doc *corpus.Document) int {
	at := -1
	if sc := text.Scores(doc.Text); len(sc) > 0 {
		at = sc[0].Span.Start
	}
	for _, p := range doc.Paragraphs {
		if p.Start >= at && at >= 0 {
			break
		}
		if f, ok := finalLine(doc.Text[p.Start:p.End]); ok {
			return p.Start + f.Start
		}
	}
	return at
}

// compareFigure weighs a claim's figure cf (one of figs) against the
// figures a sentence states (have): same tells whether one is the same
// (sameAt, that one); comparable are those of its kind that are not. A
// figure the same as another of the claim's is that one's, no other
// value of cf: "nearly 26%, compared with 17.5%" contradicts "Nearly
// 26% …, compared with 12.5%" with 17.5%, not 26%.
func compareFigure(cf Figure, figs, have []Figure) (same bool, sameAt Figure, comparable []Figure) {
	for _, f := range have {
		switch {
		case cf.Same(f):
			same, sameAt = true, f
		case cf.Comparable(f) && !slices.ContainsFunc(figs, func(o Figure) bool { return o.Same(f) }):
			comparable = append(comparable, f)
		}
	}
	return same, sameAt, comparable
}

// otherClauseFigure reports whether a sentence's figure f is told in a
// predicate of its own before the claim's verb (claimVerb, as written or
// in another form: its index term): the verb opens the next predicate
// with no subject of its own, right after a comma or semicolon (maybe
// with "and" or "then"), and is nowhere before f. "the estate returned
// $80 million in tax incentives, agreed to pay half a million …" lists
// the parts of a settlement, and $80 million is what was returned, not
// what the claim's "agreed to pay … $105 million" tells of: no other
// value of the claim's. An opening clause ("After his 26th season, Dusty
// Baker announced his retirement") or a relative one ("a 52-yard field
// goal, which Fielding missed") tells of the verb's own figure.
func otherClauseFigure(verb, sent string, f Figure) bool {
	if verb == "" {
		return false
	}
	v := text.Term(strings.ToLower(verb))
	for _, m := range wordRE.FindAllStringIndex(sent, -1) {
		if text.Term(strings.ToLower(sent[m[0]:m[1]])) != v {
			continue
		}
		if m[0] < f.End {
			return false
		}
		between := sent[f.End:m[0]]
		i := strings.LastIndexAny(between, ",;")
		return i >= 0 && predicateOpenRE.MatchString(between[i+1:])
	}
	return false
}

// predicateOpenRE matches what may stand between a comma and a verb that
// opens a predicate of the same subject: nothing, "and" or "then".
var predicateOpenRE = regexp.MustCompile(`^\s*(?:(?:and|then)\s+)?$`)

// shareOfOther reports whether a claim's share (cf) is told by a share
// of the same unit but of another whole (have): "9-of-31" for the claim's
// "9-of-35" (Comparable only out of the same whole).
func shareOfOther(cf Figure, have []Figure) bool {
	return cf.Kind == Share && slices.ContainsFunc(have, func(f Figure) bool {
		return f.Kind == Share && f.Unit == cf.Unit && !cf.Comparable(f)
	})
}

// wholeLeadRE matches the "of" a percentage's whole follows, with a
// determiner after it: "% of all", "% of the".
var wholeLeadRE = regexp.MustCompile(`^\s+of\s+(?:(?i:all|the|its|their|his|her|our|these|those)\s+)?`)

// wholeWords are the first words (up to three, lower case, dots dropped:
// "U.S." is "us") of the whole a percentage of s is of ("96% of marine
// species perished": marine, species, perished), up to a function word
// or a mark; nil when no "of" follows it.
func wholeWords(s string, f Figure) []string {
	m := wholeLeadRE.FindStringIndex(s[f.End:])
	if m == nil {
		return nil
	}
	var out []string
	for _, w := range strings.Fields(s[f.End+m[1]:]) {
		bare := strings.ToLower(strings.ReplaceAll(strings.TrimRight(w, ",;:.!?)"), ".", ""))
		if bare == "" || text.IsStopWord(bare) || len(out) == 3 {
			break
		}
		out = append(out, text.Term(bare))
		if strings.ContainsAny(w[len(w)-1:], ",;:.!?)") {
			break
		}
	}
	return out
}

// otherWhole reports whether a sentence's percentage (f) is of another
// whole than the claim's (cf): both are of a whole named after "of"
// sharing a noun ("species"), each with words before it the other's
// lacks ("96% of marine species" and "90% of all Permian species"): the
// sentence's is no other value of the claim's, and contradicts nothing.
// A whole told with fewer words ("71% of adults" against "81% of U.S.
// adults") is the same.
func otherWhole(claim string, cf Figure, sent string, f Figure) bool {
	if cf.Kind != Percent || f.Kind != Percent {
		return false
	}
	a, b := wholeWords(claim, cf), wholeWords(sent, f)
	for i, w := range a {
		j := slices.Index(b, w)
		if j < 0 {
			continue
		}
		if i == 0 || j == 0 {
			return false
		}
		return !slices.ContainsFunc(a[:i], func(q string) bool { return slices.Contains(b[:j], q) })
	}
	return false
}

// countedWordRE matches the lower-case word that follows a count's
// words, or another after it: the word is its first group.
var countedWordRE = regexp.MustCompile(`^\s+([a-z][a-z-]*)\b`)

// countedAs re-reads the counts of a sentence (have, Figures of sent)
// for the nouns the claim counts (figs): a count whose noun modifies
// another, up to CountedWords lower-case words on with no stop word or
// punctuation between, counts that one when the claim counts it ("his
// 26th big league managerial season" counts seasons, as the claim's "his
// 24th season" does), the figure running to it.
func countedAs(sent string, have, figs []Figure) []Figure {
	units := map[string]bool{}
	for _, f := range figs {
		if f.Kind == Count {
			units[f.Unit] = true
		}
	}
	out := slices.Clone(have)
	for i, f := range out {
		if f.Kind != Count || units[f.Unit] || !nounWord(f.Text) {
			continue
		}
		end := f.End
		for range countedWords {
			m := countedWordRE.FindStringSubmatchIndex(sent[end:])
			if m == nil || text.IsStopWord(sent[end+m[2]:end+m[3]]) {
				break
			}
			end += m[3]
			if t := text.Term(sent[end-(m[3]-m[2]) : end]); units[t] {
				out[i] = figure(Count, t, f.Value, sent, text.Span{Start: f.Start, End: end})
				break
			}
		}
	}
	return out
}

// unitBefore re-reads the bare numbers of a sentence (numbers of up to
// three digits, maybe with decimals and a word of magnitude: "40
// million", with no unit, read by no figure of
// have, after a lower-case word and before a function word or a mark:
// carriesUnit) as counts of a noun the claim counts (figs) when that
// noun is written before the number in the same clause, or the two words
// before the number are the two before the claim's count, one of them no
// function word: "the Vikings' leader in targets with 80 on the season"
// states 80 targets, as the claim's "92 targets" counts them; "a game
// total of 47.5 and …" the points of "a total of 44.5 points". "with 80
// on the season" alone, or after a mark ("… targets; 80 …"), is no count.
func unitBefore(claim, sent string, have, figs []Figure) []Figure {
	var counts []Figure
	for _, f := range figs {
		if f.Kind == Count && f.Unit != "" {
			counts = append(counts, f)
		}
	}
	if len(counts) == 0 {
		return nil
	}
	var out []Figure
	for _, m := range bareNumberRE.FindAllStringSubmatchIndex(sent, -1) {
		a, b := m[2], m[3]
		if sc := scaleAfterRE.FindStringIndex(sent[b:]); sc != nil {
			b += sc[1] // "reached 40 million in 2022": 40 million
		}
		if slices.ContainsFunc(have, func(f Figure) bool { return a < f.End && b > f.Start }) || !carriesUnit(sent[b:]) || !lowerWordBefore(sent[:a]) {
			continue
		}
		v, ok := text.Value(sent[a:b])
		if !ok {
			continue
		}
		clause := sent[:a]
		if ends := clauseEndRE.FindAllStringIndex(clause, -1); len(ends) > 0 {
			clause = clause[ends[len(ends)-1][1]:]
		}
		terms := map[string]bool{}
		for _, w := range wordRE.FindAllString(clause, -1) {
			terms[text.Term(strings.ToLower(w))] = true
		}
		for _, cf := range counts {
			if terms[cf.Unit] || sameLead(claim[:cf.Start], sent[:a]) {
				out = append(out, figure(Count, cf.Unit, v, sent, text.Span{Start: a, End: b}))
				break
			}
		}
	}
	return out
}

// scaleAfterRE matches a word of magnitude right after a number: " million".
var scaleAfterRE = regexp.MustCompile(`^\s(?:thousand|million|billion|trillion)\b`)

// bareNumberRE finds a number of up to three digits, maybe with
// decimals, standing alone (no sign, separator or unit glued to it).
var bareNumberRE = regexp.MustCompile(`(?:^|[\s(])(\d{1,3}(?:\.\d+)?)\b`)

// sameLead reports whether two texts end with the same two words (lower
// case), one of them no function word: "a total of" and "a game total
// of" ("total of"); "in the" and "of the" are not.
func sameLead(a, b string) bool {
	wa, wb := wordRE.FindAllString(a, -1), wordRE.FindAllString(b, -1)
	if len(wa) < 2 || len(wb) < 2 {
		return false
	}
	content := false
	for i := 1; i <= 2; i++ {
		x, y := strings.ToLower(wa[len(wa)-i]), strings.ToLower(wb[len(wb)-i])
		if x != y {
			return false
		}
		content = content || !text.IsStopWord(x)
	}
	return content
}

// nounWord reports whether a count's last word (its noun as read) may be
// a noun: not a stop word ("twice be stripped") nor a number word
// ("ninety-five" read as ninety of "five").
func nounWord(count string) bool {
	w := strings.ToLower(lastWordRE.FindString(count))
	_, number := text.NumberWord(w)
	return w != "" && !text.IsStopWord(w) && !number
}

// lastWordRE matches the last word of a figure's text.
var lastWordRE = regexp.MustCompile(`\pL+$`)

// countedWords is how many words on from a count's noun countedAs looks
// for the noun the claim counts.
const countedWords = 3

// lead is the sentence of a document stating its first score and the
// sentence before it ("" when it states none): where a match's report
// tells its result, naming its teams.
func lead(doc *corpus.Document) string {
	at := firstScore(doc)
	if at < 0 {
		return ""
	}
	sents := text.Sentences(doc.Text)
	for i, sp := range sents {
		if sp.End > at {
			return doc.Text[sents[max(0, i-1)].Start:sp.End]
		}
	}
	return ""
}

// namesOneOf reports whether s names one of teams (namesTeam).
func namesOneOf(s string, teams []string, same func(name, team string) bool) bool {
	return slices.ContainsFunc(teams, func(t string) bool { return namesTeam(s, t, same) })
}

// names is the names of s, one a line.
func names(s string) string {
	var b strings.Builder
	for _, sp := range text.NameSpans(s) {
		b.WriteString(s[sp.Start:sp.End] + "\n")
	}
	return b.String()
}

// judgeScore compares a claim's score with those a sentence states:
// another score contradicts it (with that score); the same score supports
// it when the sentence gives the win to the claim's winner, contradicts it
// when it gives the win to the claim's loser (with the sentence's words
// telling it), and leaves it NotFound when the sentence does not say who
// won (orderVerdict); another score of another match of the claim's
// team (otherMatch) leaves it NotFound too. Teams are compared as
// aliases resolves them ("the Springboks" are South Africa when the
// documents say so); a nil aliases compares names as written.
func judgeScore(figs, have []Figure, claim, sent string, aliases *teamAliases) (Verdict, string) {
	for _, cf := range figs {
		if !cf.match() {
			continue
		}
		var comparable []Figure
		for _, f := range have {
			if cf.Same(f) {
				doc := readResult(sent, f.score())
				switch orderVerdict(aliases.resolve(readResult(claim, cf.score())), aliases.resolve(doc)) {
				case Supported:
					return Supported, ""
				case Contradicted:
					return Contradicted, sent[doc.span.Start:doc.span.End]
				}
				return NotFound, ""
			}
			if cf.Comparable(f) {
				comparable = append(comparable, f)
			}
		}
		if len(comparable) > 0 {
			f := nearest(claim, cf, sent, comparable)
			cr, dr := aliases.resolve(readResult(claim, cf.score())), aliases.resolve(readResult(sent, f.score()))
			if otherMatch(cr, dr) || foreignMatch(claim, cr, dr, sent, aliases) {
				return NotFound, ""
			}
			return Contradicted, f.Text
		}
	}
	return "", ""
}

// matchReport chooses, of the sentences stating a score, the first of
// the report of the claim's match: of the documents whose title holds at
// least title of the claim's words other than names (w: "beat", "final")
// and that tell of the claim's teams (ofTeams), or whose title names the
// claim's teams (byNames: "Blackhawks vs. Penguins live score"), the
// latest published (a result is reported after the
// previews, which state other games' scores), its first score being the
// result. A title naming the teams is a preview's too: there, the
// sentence must say who won (readResult), not predict a score. A sentence
// telling the claim's match itself (drawn: a claimed draw between the
// claim's teams, or the claim's winner and loser read at a score) is one
// too, and when there is one, only such sentences are.
func matchReport(scores []judged, w words, title float64, ofTeams, byNames func(*corpus.Document) bool, drawn func(judged) bool) (judged, bool) {
	// a sentence telling the match itself (drawn) comes before the
	// others of a report: a roundup's title tells of its first match
	// only
	told := slices.ContainsFunc(scores, drawn)
	best := -1
	var bestAt time.Time
	for i, j := range scores {
		if told && !drawn(j) {
			continue
		}
		if scores[i].title = w.coverage(j.doc.Title); (scores[i].title < title || !ofTeams(j.doc)) && !(byNames(j.doc) && tellsResult(j.text())) && !drawn(j) {
			continue
		}
		at, _ := j.doc.PublishedTime()
		if best < 0 || at.After(bestAt) || j.doc.ID == scores[best].doc.ID && j.start < scores[best].start {
			best, bestAt = i, at
		}
	}
	if best < 0 {
		return judged{}, false
	}
	return scores[inProse(scores, best)], true
}

// inProse is, for a live page's final-score line chosen as a match's
// report (isFinalLine), the first sentence of the same page giving the
// same verdict in prose at the same score ("helped the Blackhawks to a
// 4-2 win over the Penguins" for "Final: Blackhawks 4, Penguins 2"; not
// an in-game lead): the reporter's own words are shown. Else best
// itself.
func inProse(scores []judged, best int) int {
	f, ok := finalLine(scores[best].text())
	if !ok || scores[best].verdict == NotFound {
		return best
	}
	for i, j := range scores {
		if j.doc.ID == scores[best].doc.ID && j.verdict == scores[best].verdict && !isFinalLine(j.text()) && slices.ContainsFunc(Figures(j.text()), f.Same) {
			return i
		}
	}
	return best
}

// tellsResult reports whether a sentence says who won the match of one
// of its scores.
func tellsResult(s string) bool {
	for _, sc := range scoresOf(s) {
		if readResult(s, sc).says() {
			return true
		}
	}
	return false
}

// nameList is the names of s, each as its folded words ("connor
// bedard").
func nameList(s string) []string {
	var out []string
	for _, sp := range text.NameSpans(s) {
		if toks := nameTokens(strings.TrimSuffix(strings.TrimSuffix(s[sp.Start:sp.End], "'s"), "’s")); len(toks) > 0 {
			out = append(out, strings.Join(toks, " "))
		}
	}
	return out
}

// titleNames is how many of names a title holds, each whole (as its
// folded words, or a national side's nickname for its country: "Boks"
// for "South Africa").
func titleNames(title string, names []string) int {
	t := " " + strings.Join(nameTokens(title), " ") + " "
	var owners []string
	for _, sp := range text.NameSpans(title) {
		if o := text.NicknameOwner(title[sp.Start:sp.End]); o != "" {
			owners = append(owners, strings.Join(nameTokens(o), " "))
		}
	}
	n := 0
	for _, name := range names {
		if strings.Contains(t, " "+name+" ") || slices.Contains(owners, name) {
			n++
		}
	}
	return n
}

// namesPeople reports whether s may tell of each of a claim's people
// (claimPeople): false when it leaves out one of them who may be a person
// (surelyPerson; not named by their surname, the last word of their
// name) and names someone else in their stead: "linebackers coach Chris
// Partridge, who was fired by Michigan" tells nothing of Jim Harbaugh. A
// sentence naming no one else ("said Tom Reyes, who was named interim
// chief executive" for a claim naming Acme Robotics too) may.
func namesPeople(persons []string, s string) bool {
	have := map[string]bool{}
	for _, t := range nameTokens(s) {
		have[t] = true
	}
	missing := slices.ContainsFunc(persons, func(p string) bool {
		ts := nameTokens(p)
		return len(ts) > 0 && !have[ts[len(ts)-1]] && surelyPerson(p)
	})
	if !missing {
		return true
	}
	for _, sp := range text.NameSpans(s) {
		n := cleanName(s[sp.Start:sp.End])
		if len(strings.Fields(n)) >= 2 && personName(n) && !slices.ContainsFunc(persons, func(p string) bool { return SameName(n, p) }) {
			return false
		}
	}
	return true
}

// otherSurname is a word of s, capitalised, that its document gives as
// the surname of a person other than the claim's (surnames, from
// docSurnames), when s does not name the claim's persons: "Jabr, for
// example, suspects that Instagram restricted her for 24 hours" tells of
// Khitam Jabr, whom the document names in full elsewhere, not of the
// claim's Leen Al Saadi, though it names no one in full (namesPeople
// reads only full names as others). "" when s names the claim's persons
// or no such word.
func otherSurname(persons []string, s string, surnames map[string]bool) string {
	have := map[string]bool{}
	for _, t := range nameTokens(s) {
		have[t] = true
	}
	if !slices.ContainsFunc(persons, func(p string) bool {
		ts := nameTokens(p)
		return len(ts) > 0 && !have[ts[len(ts)-1]] && surelyPerson(p)
	}) {
		return ""
	}
	own := map[string]bool{}
	for _, p := range persons {
		for _, t := range nameTokens(p) {
			own[t] = true
		}
	}
	for _, m := range wordRE.FindAllString(s, -1) {
		r, _ := utf8.DecodeRuneInString(m)
		if t := strings.ToLower(text.Fold(strings.TrimSuffix(strings.TrimSuffix(m, "’s"), "'s"))); unicode.IsUpper(r) && surnames[t] && !own[t] {
			return m
		}
	}
	return ""
}

// docSurnames are the surnames of the people a text names in full (a
// personName of two words or more, surelyPerson), lower case.
func docSurnames(s string) map[string]bool {
	out := map[string]bool{}
	for _, sp := range text.NameSpans(s) {
		n := cleanName(s[sp.Start:sp.End])
		if ts := nameTokens(n); len(strings.Fields(n)) >= 2 && len(ts) > 0 && surelyPerson(n) {
			out[ts[len(ts)-1]] = true
		}
	}
	return out
}

// personName reports whether a name of two words or more may be a
// person's: no word of it is an organisation's or a demonym ("Ohio
// State", "Acme Robotics Ltd" are not). Looser than isPersonLike, which
// takes a surname ending in "s" ("Jim Knowles") for a plural.
func personName(n string) bool {
	for _, w := range strings.Fields(n) {
		if text.IsOrganisationWord(w) || text.IsDemonym(w) {
			return false
		}
	}
	return n != ""
}

// surelyPerson reports whether a claim's name is a person's for certain
// enough to look for them by surname: a personName whose last word is no
// common word, one with WordNet synonyms that is not a name in every
// sense ("World Cup", "Ohio State" are not; "Jim Harbaugh", "Tyler
// Johnson" are). A claim naming "Jim Brown" is not held to it.
func surelyPerson(n string) bool {
	ws := strings.Fields(n)
	if len(ws) == 0 || !personName(n) {
		return false
	}
	last := strings.ToLower(strings.Trim(ws[len(ws)-1], ".,’'"))
	return text.IsProperNoun(last) || len(text.Synonyms(last)) == 0
}

// otherYear reports whether a sentence tells of another year than its
// document's ("The 2019 Rugby World Cup final…" in a 2023 preview): its
// score is not the claim's match. A year after "since" tells of a span up
// to the match ("their first win over the Utes since 2015"), not of
// another year's.
func otherYear(sentence string, doc *corpus.Document) bool {
	pub, ok := doc.PublishedTime()
	if !ok {
		return false
	}
	for _, sp := range text.Years(sentence) {
		if strings.HasSuffix(strings.ToLower(strings.TrimSpace(sentence[:sp.Start])), "since") && !yearsEvent(sentence[sp.End:]) {
			continue
		}
		if sentence[sp.Start:sp.End] != strconv.Itoa(pub.Year()) {
			return true
		}
	}
	return false
}

// yearsEventRE matches the start of a clause telling what happened in
// the year just written: "since 1997 – when the program beat Ohio State
// 20-14", "since 2015, when they won 3-1".
var yearsEventRE = regexp.MustCompile(`^\s*(?:[,–—-]+\s*)?(?:when|in which)\b`)

// yearsEvent reports whether what follows a year after "since" tells of
// that year's event ("since 1997 – when the program beat …"), not of the
// span up to now: its score is that year's.
func yearsEvent(after string) bool { return yearsEventRE.MatchString(after) }

// matchNumberRE matches a match numbered in its series, season or
// tournament ("Game 3", "Week 15", "Round 2"): its kind in group 1, its
// number in group 2.
var matchNumberRE = regexp.MustCompile(`(?i)\b(game|week|round|match|leg|test)\s+(\d{1,2})\b`)

// matchNumbers maps each kind of numbered match s names ("game", of
// "Game 3") to the numbers it gives it.
func matchNumbers(s string) map[string][]string {
	out := map[string][]string{}
	for _, m := range matchNumberRE.FindAllStringSubmatch(s, -1) {
		k := strings.ToLower(m[1])
		out[k] = append(out[k], m[2])
	}
	return out
}

// otherNumber reports whether a document's title numbers a match of a
// kind the claim numbers (claim: matchNumbers), but none by the claim's
// numbers: a live page "… highlights from Game 4" tells nothing of Game
// 3's score, its final line and in-game scores another match's.
func otherNumber(claim map[string][]string, title string) bool {
	for k, ns := range matchNumbers(title) {
		if want, ok := claim[k]; ok && !slices.ContainsFunc(ns, func(n string) bool { return slices.Contains(want, n) }) {
			return true
		}
	}
	return false
}

// table reports whether a sentence states more than most figures of one
// kind and unit, years and dates aside: with no full stop at its end, a
// table of results flattened into a line ("… West Indies won by 17 runs
// 1979 England West Indies … won by 92 runs 1983 …"), whose figures belong
// to its rows, not to the line (prose ending in a full stop may state
// many: a company's quarter).
func table(have []Figure, most int) bool {
	n := map[string]int{}
	for _, f := range have {
		if when(f) {
			continue
		}
		k := string(f.Kind) + "/" + f.Unit
		if n[k]++; n[k] > most {
			return true
		}
	}
	return false
}

// pastYear reports whether a claim's year is more than past years before
// its document's publication: the document tells of it as of the past.
func pastYear(cf Figure, doc *corpus.Document, past int) bool {
	pub, ok := doc.PublishedTime()
	return ok && float64(pub.Year())-cf.Value > float64(past)
}

// yearTold reports whether a sentence, the sentence before it or the
// heading of its section (the nearest paragraph before it that is a
// heading: short, with no full stop at its end, "1987 Reliance Cup,
// against England") states the claim's year.
func yearTold(cf Figure, s sentence) bool {
	states := func(t string) bool { return slices.ContainsFunc(Figures(t), cf.Same) }
	if states(s.prev + "\n" + s.text()) {
		return true
	}
	for n := s.doc.ParagraphAt(s.start) - 1; n >= 1; n-- {
		if p := strings.TrimSpace(s.doc.Paragraph(n)); len(p) <= headingLen && !endsSentence(p) {
			return states(p)
		}
	}
	return false
}

// headingLen is the longest a section's heading is.
const headingLen = 80

// documentSentences are the sentences of the retrieved documents that
// the retrieved passages (have) do not hold, each document once, in the
// order of its first passage.
func documentSentences(res *retrieval.Results, have []sentence) []sentence {
	seen := map[string]bool{}
	for _, s := range have {
		seen[fmt.Sprintf("%s@%d", s.doc.ID, s.start)] = true
	}
	var out []sentence
	docs := map[string]bool{}
	for rank, h := range res.Hits {
		if h.Doc == nil || docs[h.Doc.ID] {
			continue
		}
		docs[h.Doc.ID] = true
		for _, p := range h.Doc.Paragraphs {
			para := h.Doc.Text[p.Start:p.End]
			prev := ""
			for _, sp := range text.Sentences(para) {
				start := p.Start + sp.Start
				if !seen[fmt.Sprintf("%s@%d", h.Doc.ID, start)] {
					out = append(out, sentence{doc: h.Doc, start: start, end: p.Start + sp.End, prev: prev, passage: para, rank: rank})
				}
				prev = para[sp.Start:sp.End]
			}
		}
	}
	return out
}

// blank replaces the spans of s with spaces.
func blank(s string, spans []text.Span) string {
	b := []byte(s)
	for _, sp := range spans {
		for i := sp.Start; i < sp.End; i++ {
			b[i] = ' '
		}
	}
	return string(b)
}

func figureSpans(fs []Figure) []text.Span {
	var out []text.Span
	for _, f := range fs {
		out = append(out, text.Span{Start: f.Start, End: f.End})
	}
	return out
}

// claimPeople are the people a claim names (names of two words or
// more), and where.
func claimPeople(claim string) ([]string, []text.Span) {
	var names []string
	var spans []text.Span
	for _, sp := range text.NameSpans(claim) {
		if n := cleanName(claim[sp.Start:sp.End]); len(strings.Fields(n)) >= 2 {
			names = append(names, n)
			spans = append(spans, sp)
		}
	}
	return names, spans
}

// wordRE finds the words of a sentence with their offsets.
var wordRE = regexp.MustCompile(`[\p{L}\p{N}][\p{L}\p{N}'’-]*`)

// otherInRole is the person a sentence gives the claim's role to when
// that is not one of the claim's persons (roleHolder: "newly-appointed
// interim CEO, Mira Murati"; "Mira Murati, interim CEO"). It is "" when
// the role's holder is the claim's person, when no name stands beside
// the role's office, when the claim's role holds no office (offices,
// officesOf: one person holding an office rules out another, but "signed
// Montez Sweat to a lucrative contract extension" says nothing of anyone
// else's), and when the sentence gives the role to several ("former
// England Test captains Nasser Hussain and Michael Atherton").
func otherInRole(claim, sentence string, persons []string, role words, offices map[string]bool) string {
	n, sure := roleOther(claim, sentence, persons, role, offices)
	if !sure {
		return ""
	}
	return n
}

// roleOther is the person other than the claim's a sentence writes
// beside the claim's office (as otherInRole), and whether the sentence
// surely gives them the claim's role. It does not when the clause tells
// of what may yet happen ("the move could help land highly-regarded
// coach Ivo Marchetti for the vacant job"), or the office is another
// organisation's ("Northwind Labs CEO Rhea Collins" against "the CEO of
// Acme Robotics"): such a sentence neither rules the claim's person out
// nor states the claim.
func roleOther(claim, sentence string, persons []string, role words, offices map[string]bool) (string, bool) {
	office := officeTerm(sentence, role, offices)
	if office == "" {
		return "", false
	}
	n, several := roleHolder(sentence, role, office)
	if n == "" || several || slices.ContainsFunc(persons, func(p string) bool { return SameName(n, p) }) {
		return "", false
	}
	if mayHappen(sentence, n) {
		return n, false
	}
	if c, o := officeOwner(claim, office), officeOwner(sentence, office); c != "" && o != "" && !overlapsName(c, o) && !overlapsName(o, c) {
		return n, false
	}
	return n, true
}

// modalRE matches the words that tell of what may happen rather than
// what did.
var modalRE = regexp.MustCompile(`(?i)\b(?:could|might|may|would|should)\b`)

// clauseEndRE matches what ends a clause.
var clauseEndRE = regexp.MustCompile(`[,;:()—–]|\s-\s`)

// mayHappen reports whether the clause of a sentence holding the name n
// (between the marks around it that end a clause) tells of what may
// happen: a modal verb ("could", "might", "may", "would", "should").
func mayHappen(s, n string) bool {
	at := strings.Index(s, n)
	if at < 0 {
		return false
	}
	lo, hi := 0, len(s)
	for _, m := range clauseEndRE.FindAllStringIndex(s, -1) {
		if m[1] <= at {
			lo = m[1]
		} else if m[0] >= at+len(n) && hi == len(s) {
			hi = m[0]
		}
	}
	return modalRE.MatchString(s[lo:hi])
}

// officeOwner is the name a text gives as the owner of an office (the
// first word whose term is office): a name right before it, alone or in
// the possessive ("Northwind Labs CEO", "Northwind Labs’ CEO"), or right
// after it with "of" ("the CEO of Acme Robotics"). "" when none.
func officeOwner(s, office string) string {
	at := -1
	for _, wd := range wordRE.FindAllStringIndex(s, -1) {
		if ws := text.Words(s[wd[0]:wd[1]]); len(ws) > 0 && text.Term(ws[0]) == office {
			at = wd[0]
			break
		}
	}
	if at < 0 {
		return ""
	}
	end := at + len(wordRE.FindString(s[at:]))
	for _, sp := range text.NameSpans(s) {
		n := strings.TrimSpace(s[sp.Start:sp.End])
		if sp.End <= at && ownerBeforeRE.MatchString(s[sp.End:at]) || sp.Start >= end && ownerAfterRE.MatchString(s[end:sp.Start]) {
			return strings.TrimSuffix(strings.TrimSuffix(n, "’s"), "'s")
		}
	}
	return ""
}

// ownerBeforeRE and ownerAfterRE match what stands between an office and
// the name of its owner.
var (
	ownerBeforeRE = regexp.MustCompile(`^(?:[’']s?)?\s$`)
	ownerAfterRE  = regexp.MustCompile(`^\sof\s(?:the\s)?$`)
)

// officeTerm is the office (offices) among a claim's role words that a
// sentence holds, the rarest when several. The role's holder is read
// beside it, not beside the role's rarest word ("Scotland’s captain,
// Rachel Corsie, calling it “disrespectful” and “outrageous”"). "" when
// there is none.
func officeTerm(sentence string, role words, offices map[string]bool) string {
	held := map[string]bool{}
	for _, t := range text.Terms(sentence) {
		held[t] = true
	}
	best := ""
	for _, t := range slices.Sorted(maps.Keys(offices)) {
		if held[t] && (best == "" || role.w[t] > role.w[best]) {
			best = t
		}
	}
	return best
}

// officesOf are the terms of a claim's role words (role) that name
// something one person holds at a time: an office (text.IsRoleTerm:
// "interim CEO", "head coach", "captain"; a successor), or what the
// claim writes after "the" in the singular, in lower case ("headed the
// winner"; not "a contract extension", one of many).
func officesOf(claim string, role words) map[string]bool {
	out := map[string]bool{}
	for t := range role.w {
		if text.IsRoleTerm(t) || officeTerms[t] {
			out[t] = true
		}
	}
	for _, m := range theNounRE.FindAllStringSubmatchIndex(claim, -1) {
		noun := claim[m[2]:m[3]]
		// the noun heads its phrase: "the pool win" is a win, not a pool
		if modifier(claim[m[3]:]) {
			continue
		}
		if t := text.Term(noun); inRole(role, t) && !text.IsPluralName(noun) {
			out[t] = true
		}
	}
	return out
}

// tellsOffice reports whether s holds one of a claim's offices (officesOf),
// as written or by a WordNet synonym of it (role.syn: "chief executive"
// for "CEO" when WordNet says so), or the claim gives none.
func tellsOffice(offices map[string]bool, role words, s string) bool {
	if len(offices) == 0 {
		return true
	}
	for _, t := range text.Terms(s) {
		if offices[t] {
			return true
		}
		for o := range offices {
			if slices.Contains(role.syn[o], t) {
				return true
			}
		}
	}
	return false
}

// modifier reports whether a word is followed (after is the text after
// it) by another lower-case word that is no function word: the word
// modifies that one ("the pool win").
func modifier(after string) bool {
	m := headNextRE.FindStringSubmatch(after)
	return m != nil && !text.IsStopWord(m[1])
}

// headNextRE matches a lower-case word right after a space.
var headNextRE = regexp.MustCompile(`^\s(\p{Ll}[\p{L}-]*)`)

// theNounRE matches the word after "the" in lower case.
var theNounRE = regexp.MustCompile(`\b[Tt]he\s+(\p{Ll}[\p{L}-]*)`)

// officeTerms are the index terms of offices besides text's roles.
var officeTerms = map[string]bool{text.Term("successor"): true, text.Term("predecessor"): true}

// swappedRole is the claim's person a sentence gives a role to that the
// claim gives to another of its persons: the two names swapped
// ("naming … John Hynes as Evason’s successor" against "fired head coach
// John Hynes and are naming Dean Evason as his successor"). Each of the
// role's words the claim gives to one of its persons is weighed. It is
// "" when the sentence gives those words to no one of the claim, or to
// the one the claim gives them to.
func swappedRole(claim, sentence string, persons []string, role words) string {
	if len(persons) < 2 {
		return ""
	}
	isPerson := func(n string) bool {
		return slices.ContainsFunc(persons, func(p string) bool { return SameName(n, p) })
	}
	for _, t := range slices.Sorted(maps.Keys(role.w)) {
		c, _ := roleHolder(claim, role, t)
		// two people swap a role: a claim's holder that is no person
		// ("Orbis Labs", the object of "co-founded") swaps with no one
		if c == "" || !isPerson(c) || !personName(c) {
			continue
		}
		if n, _ := roleHolder(sentence, role, t); n != "" && isPerson(n) && !SameName(c, n) {
			return n
		}
	}
	return ""
}

// roleHolder is the name a text gives a role to: a name written right
// beside the role's anchor word and the role words next to it, or before
// it with only a predicate between (predicateGap). The anchor is the term
// given, else the rarest of the role's words the text holds. The name is
// "" when none stands so. A name written right before the role with only
// a space between holds it only as the object of the role's verb, when
// no name stands right after the role: "Acme has named Bret Taylor
// chair", but "Manchester United manager Erik ten Hag" (the first name
// says whose role it is). several reports whether the role phrase ends
// in a plural ("board chairs", "Test captains"): several hold it.
func roleHolder(s string, role words, anchorTerm string) (name string, several bool) {
	words := wordRE.FindAllStringIndex(s, -1)
	terms := make([]string, len(words))
	anchor := -1
	for i, wd := range words {
		if ws := text.Words(s[wd[0]:wd[1]]); len(ws) > 0 {
			terms[i] = text.Term(ws[0])
		}
		switch {
		case anchorTerm != "":
			if terms[i] == anchorTerm && anchor < 0 {
				anchor = i
			}
		case inRole(role, terms[i]) && (anchor < 0 || role.w[terms[i]] > role.w[terms[anchor]]):
			anchor = i
		}
	}
	if anchor < 0 {
		return "", false
	}
	// the role phrase: the anchor and the role words right beside it
	lo, hi := anchor, anchor
	for lo > 0 && inRole(role, terms[lo-1]) && s[words[lo-1][1]:words[lo][0]] == " " {
		lo--
	}
	for hi+1 < len(words) && inRole(role, terms[hi+1]) && s[words[hi][1]:words[hi+1][0]] == " " {
		hi++
	}
	ps, pe := words[lo][0], words[hi][1]
	several = text.IsPluralName(strings.ToLower(s[words[hi][0]:words[hi][1]]))
	// a name beside the role holds it before one with a predicate
	// between: "Michigan State has hired Jonathan Smith as …" gives
	// "hired" to Jonathan Smith, not to the school that did the hiring
	predicated, object := "", ""
	for _, sp := range text.NameSpans(s) {
		n := cleanName(s[sp.Start:sp.End])
		if len(strings.Fields(n)) < 2 || possessor(s, sp) {
			continue // a name in the possessive owns the role ("Dean Evason's successor")
		}
		if sp.End <= ps && strings.TrimSpace(s[sp.End:ps]) == "" {
			// "has named Bret Taylor chair": the object of the role's
			// verb; but "Manchester United manager Erik ten Hag" (the
			// name after the role holds it), "the former United States
			// Under-20 coach" (no one does)
			if object == "" && objectOfRole(s[:sp.Start], role) {
				object = n
			}
			continue
		}
		if sp.Start >= pe && besideRE.MatchString(s[pe:sp.Start]) || sp.End <= ps && besideRE.MatchString(s[sp.End:ps]) {
			return n, several
		}
		if predicated == "" && sp.End <= ps && predicateGap(s[sp.End:ps], role) {
			predicated = n
		}
	}
	if object != "" {
		return object, several
	}
	return predicated, several
}

// objectOfRole reports whether the word before a name (before is the
// text up to it) is one of the role's words or kin, a verb giving the
// role to the name after it ("has named", "appointed").
func objectOfRole(before string, role words) bool {
	ws := wordRE.FindAllString(before, -1)
	return len(ws) > 0 && inRoleOrKin(role, text.Term(strings.ToLower(ws[len(ws)-1])))
}

// possessor reports whether a name (the span of s) is written in the
// possessive ("Dean Evason’s successor").
func possessor(s string, sp text.Span) bool {
	name, after := s[sp.Start:sp.End], s[sp.End:]
	if strings.HasSuffix(name, "s") && (strings.HasPrefix(after, "’ ") || strings.HasPrefix(after, "' ")) {
		return true // a plural's ("Northwind Dynamics’ CEO")
	}
	return strings.HasSuffix(name, "’s") || strings.HasSuffix(name, "'s") || strings.HasPrefix(after, "’s") || strings.HasPrefix(after, "'s")
}

// predicateGap reports whether what stands between a name and the role
// phrase after it makes the name the role's subject ("Julian Nagelsmann
// has taken over as new Germany head coach"): only function words and
// the role's words, with at most one other word ("new"), which must be
// no verb of saying; no pronoun (in "Murati said he was named CEO" the
// role is someone else's) and no punctuation of a clause (a comma, a
// dash, a bracket).
func predicateGap(gap string, role words) bool {
	if strings.ContainsAny(gap, ",;:()—–\"“”") {
		return false
	}
	// a name in the possessive is one word however long ("as John
	// Hynes's successor" as "as Evason’s successor")
	gap = possessiveNameRE.ReplaceAllString(gap, "Someone’s")
	// a name after which a preposition opens the gap is its object, not
	// the role's subject: "dropped for Tavita Lomu for the pool win"
	if m := wordRE.FindString(gap); m != "" && rolePrepositions[strings.ToLower(m)] {
		return false
	}
	other := 0
	for _, f := range wordRE.FindAllString(gap, -1) {
		lw := strings.ToLower(f)
		switch {
		case pronouns[lw], f == lw && (strings.HasSuffix(lw, "'s") || strings.HasSuffix(lw, "’s")):
			// a common noun's possessive gives the role to what it
			// names: "Andrew Formica as the group’s chief executive" (a
			// name's, "as Evason’s successor", still counts as one other
			// word)
			return false
		case text.IsStopWord(lw), inRoleOrKin(role, text.Term(lw)):
		case text.IsSayingVerb(lw):
			return false
		default:
			other++
		}
	}
	return other <= 1
}

// rolePrepositions are the prepositions that make the name before them
// their object ("as" is not one: "Dean Evason as his successor").
var rolePrepositions = map[string]bool{"for": true, "against": true, "over": true, "in": true, "at": true, "from": true,
	"to": true, "with": true, "by": true, "of": true, "on": true, "into": true, "after": true, "before": true}

// possessiveNameRE matches a name of several words in the possessive.
var possessiveNameRE = regexp.MustCompile(`(?:\p{Lu}[\p{L}-]*\s+)+\p{Lu}[\p{L}-]*[’']s\b`)

// pronouns are the personal pronouns that stand for someone a sentence
// does not name.
var pronouns = map[string]bool{"he": true, "she": true, "they": true, "him": true, "her": true, "them": true,
	"his": true, "hers": true, "their": true, "i": true, "we": true, "you": true}

// besideRE matches what may stand between a role and its holder's name:
// a space, a comma, a bracket ("Bret Taylor (Chair)"), "the", "as",
// "as his" ("Dean Evason as his successor"), ", who was", an earlier
// role "and now" ("Mira Murati, OpenAI’s CTO and now interim CEO").
var besideRE = regexp.MustCompile(`^(?:[\s,(]{1,3}|,?\s(?:the|as|its|now)\s|\sas\s(?:his|her|their|its)\s|,\s(?:who|which)\s(?:is|was|has\sbeen|had\sbeen)\s|,\s(?:[^\s,;]+\s){1,3}and\snow\s)$`)

func inRole(role words, t string) bool { _, ok := role.w[t]; return ok }

// inRoleOrKin reports whether t is one of the role's words, a synonym or
// a related verb of one ("appointed" for "named").
func inRoleOrKin(role words, t string) bool {
	if inRole(role, t) {
		return true
	}
	for _, m := range []map[string][]string{role.syn, role.rel} {
		for _, xs := range m {
			if slices.Contains(xs, t) {
				return true
			}
		}
	}
	return false
}

// words are a text's IDF weights with, for each term, the terms of its
// WordNet synonyms and related verbs (text.RelatedVerbs: "docked" for
// "deducted"): a sentence holding a synonym holds the term at the synonym
// weight, one holding a related verb at the related weight.
type words struct {
	w         weights
	syn       map[string][]string
	synWeight float64
	rel       map[string][]string
	relWeight float64
	// subject are the weights of a timeline topic's words outside its
	// names (subjectWeights)
	subject weights
	// heads are, for a word of a timeline topic's name other than its
	// last and commoner than it ("world" of "World Series", "jim" of
	// "Jim Ratcliffe"), that last word: alone it tells of another name
	// ("World Cup", "Jim Jordan") and counts only beside it (nameHeads)
	heads map[string]string
}

func weighWords(ix *retrieval.Index, s string, tu *Tuning) words {
	ws := words{w: weigh(ix, s), syn: map[string][]string{}, synWeight: tu.SynonymWeight, rel: map[string][]string{}, relWeight: tu.RelatedWeight}
	for _, word := range text.Words(s) {
		if text.IsStopWord(word) {
			continue
		}
		t := text.Term(word)
		if _, ok := ws.w[t]; !ok {
			continue
		}
		for _, x := range text.Synonyms(word) {
			if st := text.Term(x); st != t && !slices.Contains(ws.syn[t], st) {
				ws.syn[t] = append(ws.syn[t], st)
			}
		}
		for _, x := range text.RelatedVerbs(word) {
			if rt := text.Term(x); rt != t && !slices.Contains(ws.syn[t], rt) && !slices.Contains(ws.rel[t], rt) {
				ws.rel[t] = append(ws.rel[t], rt)
			}
		}
	}
	return ws
}

// coverage is the share of the words' weight that s holds, a synonym
// counting at synWeight, a related verb at relWeight.
func (ws words) coverage(s string) float64 {
	tot := ws.w.total()
	if tot == 0 {
		return 0
	}
	have := map[string]bool{}
	for _, t := range text.Terms(s) {
		have[t] = true
	}
	got := 0.0
	for t, v := range ws.w {
		switch {
		case have[t] && (ws.heads[t] == "" || have[ws.heads[t]]):
			got += v
		case slices.ContainsFunc(ws.syn[t], func(x string) bool { return have[x] }):
			got += v * ws.synWeight
		case slices.ContainsFunc(ws.rel[t], func(x string) bool { return have[x] }):
			got += v * ws.relWeight
		}
	}
	return round9(got / tot)
}

// nearest is the figure among comparable whose neighbouring words in text
// are most like the claim's words around cf ("in seed funding").
//
// A figure whose own phrase names the measure the claim's names
// (measureOf: "revenue of $596.3M" for "revenue of $612.4M", not
// "earnings of $2.07 per share") comes first.
func nearest(claim string, cf Figure, text string, comparable []Figure) Figure {
	ctx := weigh(nil, around(claim, cf.Start, cf.End))
	measure := measureOf(claim, cf.Start)
	best, bestScore := comparable[0], -1.0
	for _, f := range comparable {
		s := ctx.coverage(around(text, f.Start, f.End))
		if len(measure) > 0 && sharesMeasure(measure, measureOf(text, f.Start)) {
			s++
		}
		if s > bestScore {
			best, bestScore = f, s
		}
	}
	return best
}

// measureOf is the measures (text.Measures) the words right before
// offset at of s name, back to a comma, a semicolon or a number, at most
// 40 bytes: "while revenue of" before "$596.3M".
func measureOf(s string, at int) map[string]bool {
	before := s[max(0, at-40):at]
	if i := strings.LastIndexFunc(before, func(r rune) bool { return r == ',' || r == ';' || unicode.IsDigit(r) }); i >= 0 {
		before = before[i+1:]
	}
	return text.Measures(before)
}

// sharesMeasure reports whether two sets of measures hold one in common.
func sharesMeasure(a, b map[string]bool) bool {
	for m := range a {
		if b[m] {
			return true
		}
	}
	return false
}

// when reports whether a figure tells when (a year, a day) rather than
// how much: a sentence may leave it out and still state the claim.
func when(f Figure) bool { return f.Kind == Year || f.Kind == Date }

// backgroundYear reports whether another year in a sentence says nothing
// of a claim's year cf: a year a sentence states is often that of
// something else it tells of ("appeared at its first Battlefield in
// 2007", "by 2030" against "plans to go public in 2025"), so another year
// contradicts only when the sentence states another of the claim's
// figures the same (anchored: the same deal, another year) or holds at
// least yearSentence of the claim's words (cov: the same event).
func backgroundYear(cf Figure, anchored bool, cov, yearSentence float64) bool {
	return cf.Kind == Year && !anchored && cov < yearSentence
}

// around is the text of about 40 bytes either side of [start, end).
func around(s string, start, end int) string {
	lo, hi := max(0, start-40), min(len(s), end+40)
	return s[lo:start] + " " + s[end:hi]
}

// dedupeText drops sentences whose text another shown sentence repeats
// (syndicated copies), keeping the first.
func dedupeText(js []judged) []judged {
	var out []judged
	seen := map[string]bool{}
	for _, j := range js {
		k := answer.NormalizeQuote(strings.ToLower(j.text()))
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, j)
	}
	return out
}

// pairSupports reports whether a sentence and the one before it in its
// paragraph together state a claim: the two hold PairWindow of its words,
// and each PairSentence of them.
func pairSupports(w words, prev, sent string, tu *Tuning) bool {
	if prev == "" {
		return false
	}
	return w.coverage(prev+"\n"+sent) >= tu.PairWindow && w.coverage(prev) >= tu.PairSentence && w.coverage(sent) >= tu.PairSentence
}

// pairStates reports whether two sentences (s) state every figure of a
// claim the same, its years and days too, and no other of their kinds.
func pairStates(figs []Figure, s string) bool {
	have := Figures(s)
	for _, cf := range figs {
		if !slices.ContainsFunc(have, cf.Same) || slices.ContainsFunc(have, func(f Figure) bool { return cf.Comparable(f) && !cf.Same(f) }) {
			return false
		}
	}
	return true
}

// phraseAfter is the first n words of s, from a figure's start, other than
// numbers and function words, as terms: "full-time coach" for "the 12th
// full-time coach of the US" and "the 10th full-time coach of the U.S.".
// A sentence giving another figure in the same phrase tells of the
// claim's figure, however little else of the claim it holds. It is ""
// when fewer than n such words follow.
func phraseAfter(s string, f Figure, n int) string {
	var out []string
	for i, wd := range wordRE.FindAllString(s[f.Start:], -1) {
		if len(out) == n {
			break
		}
		if lw := strings.ToLower(wd); i == 0 || text.IsStopWord(lw) || strings.IndexFunc(lw, unicode.IsDigit) >= 0 {
			continue // the number, a function word
		}
		out = append(out, text.Term(wd))
	}
	if n <= 0 || len(out) < n {
		return "\x00" + s // never the same as another's
	}
	return strings.Join(out, " ")
}

// otherInSlot is the name a sentence puts where the claim puts one of its
// names: after the same party word (partyWords) ("with the Los Angeles Dodgers"
// where the claim says "with the Toronto Blue Jays"), when the sentence
// holds least of plain (the claim's words other than names and
// figures), does not name the claim's name at all and the name is none
// of the claim's. It is "" when there is none; unsure is set when the
// only such name is a place where the claim names a team by its nickname,
// or the other way round ("against Dallas" where the claim says "against
// the Cowboys", placeOrNickname): that may be the claim's own team, and
// the sentence neither rules the claim out nor states it.
func otherInSlot(claim, sent string, plain words, least float64) (name string, unsure bool) {
	if plain.coverage(sent) < least {
		return "", false
	}
	sentNames := nameList(sent)
	claimNames := nameList(claim)
	for _, sp := range text.NameSpans(claim) {
		lead := leadWord(claim[:sp.Start])
		if lead == "" {
			continue
		}
		n := strings.Join(nameTokens(claim[sp.Start:sp.End]), " ")
		if slices.ContainsFunc(sentNames, func(m string) bool { return overlapsName(n, m) }) {
			continue // the sentence names it
		}
		for _, ssp := range text.NameSpans(sent) {
			m := strings.Join(nameTokens(sent[ssp.Start:ssp.End]), " ")
			if m == "" || leadWord(sent[:ssp.Start]) != lead || slices.ContainsFunc(claimNames, func(c string) bool { return overlapsName(c, m) }) {
				continue
			}
			if placeOrNickname(n, m) {
				unsure = true
				continue
			}
			return cleanName(sent[ssp.Start:ssp.End]), false
		}
	}
	return "", unsure
}

// placeOrNickname reports whether of two names (folded words) one is a
// place's ("dallas": its last word a name in WordNet, text.IsProperNoun)
// and the other a team's nickname ("cowboys": its last word a plural of
// no name, text.IsPluralName). A city stands for its teams, so the two
// may be one team.
func placeOrNickname(a, b string) bool {
	place := func(n string) bool {
		f := strings.Fields(n)
		return len(f) > 0 && text.IsProperNoun(f[len(f)-1])
	}
	nickname := func(n string) bool {
		f := strings.Fields(n)
		return len(f) > 0 && text.IsPluralName(f[len(f)-1]) && !text.IsProperNoun(f[len(f)-1])
	}
	return place(a) && nickname(b) || place(b) && nickname(a)
}

// partyWords are the function words a slot's name may follow: each puts
// a party to what the claim tells ("a contract with", "acquired by", "a
// win over"). Words of place ("in", "at", "from") are left out: "in
// Austin" and "in Texas" may both be true.
var partyWords = map[string]bool{"with": true, "by": true, "against": true, "over": true}

// leadWord is the party word right before a name (skipping "the"),
// lower case, or "" when the word before is none (partyWords).
func leadWord(before string) string { return wordBefore(before, partyWords) }

// wordBefore is the last word of before (skipping a final "the"), lower
// case, when words holds it; else "".
func wordBefore(before string, words map[string]bool) string {
	ws := wordRE.FindAllString(before, -1)
	if len(ws) > 0 && strings.EqualFold(ws[len(ws)-1], "the") {
		ws = ws[:len(ws)-1]
	}
	if len(ws) == 0 {
		return ""
	}
	if lw := strings.ToLower(ws[len(ws)-1]); words[lw] {
		return lw
	}
	return ""
}

// overlapsName reports whether two names (folded words) are one: the
// shorter's words end the longer ("dodgers" and "los angeles dodgers",
// "hynes" and "john hynes"); "los angeles angels" is another team.
func overlapsName(a, b string) bool {
	as, bs := strings.Fields(a), strings.Fields(b)
	if len(as) > len(bs) {
		as, bs = bs, as
	}
	return len(as) > 0 && slices.Equal(as, bs[len(bs)-len(as):])
}

// partName reports whether a sentence holds a name of the claim only in
// part: some of its words but not its last, the one that tells it from
// others ("Los Angeles" of "Los Angeles Angels" in a sentence about the
// Dodgers). Such a sentence supports the claim only in part.
func partName(names []string, sent string) bool {
	have := map[string]bool{}
	for _, t := range nameTokens(sent) {
		have[t] = true
	}
	for _, n := range names {
		f := strings.Fields(n)
		if len(f) < 2 || have[f[len(f)-1]] {
			continue
		}
		if slices.ContainsFunc(f[:len(f)-1], func(w string) bool { return have[w] }) {
			return true
		}
	}
	return false
}

// namesAny reports whether a text names one of the claim's names, any
// word of it ("Smith" for "Jonathan Smith", "US" as "U.S."), or the claim
// names none. A sentence stating the claim's figures in a document that
// never names its subject tells of someone else: "Announced on January 12
// plans to lay off about 10% of its management staff" (DirectTV's entry
// of a list of layoffs) is not Uber's news.
func namesAny(names []string, s string) bool {
	if len(names) == 0 {
		return true
	}
	have := map[string]bool{}
	for _, t := range nameTokens(dottedRE.ReplaceAllString(s, "$1$2")) {
		have[t] = true
	}
	return slices.ContainsFunc(names, func(n string) bool {
		return slices.ContainsFunc(strings.Fields(n), func(w string) bool { return have[w] })
	})
}

// dottedRE finds an abbreviation written with dots: "U.S.", "U.K".
var dottedRE = regexp.MustCompile(`\b(\p{Lu})\.(\p{Lu})\b\.?`)

// otherMeasure reports whether a sentence tells of another measure than
// the claim (text.Measures): the claim names one ("revenue rose 11% to
// $9.3 billion"), the sentence names others and not it ("adjusted EBITDA
// rose … to $1.09 billion"). Its figures are not the claim's figures'
// other values, and contradict nothing.
func otherMeasure(claim, sent string) bool {
	c, s := text.Measures(claim), text.Measures(sent)
	if len(c) == 0 || len(s) == 0 {
		return false
	}
	for m := range c {
		if s[m] {
			return false
		}
	}
	return true
}

// numberSpans are the words of s holding a digit ("12th", "$36.3").
func numberSpans(s string) []text.Span {
	var out []text.Span
	for _, m := range wordRE.FindAllStringIndex(s, -1) {
		if strings.IndexFunc(s[m[0]:m[1]], unicode.IsDigit) >= 0 {
			out = append(out, text.Span{Start: m[0], End: m[1]})
		}
	}
	return out
}

// namePositions is where each of names is written in s: the byte offset
// of the first name of s that is it, or ends with it ("the Los Angeles
// Dodgers" for "Dodgers"), -1 when s does not name it.
func namePositions(s string, names []string) []int {
	pos := make([]int, len(names))
	for i := range pos {
		pos[i] = -1
	}
	for _, sp := range text.NameSpans(s) {
		n := " " + strings.Join(nameTokens(s[sp.Start:sp.End]), " ")
		for i, name := range names {
			if pos[i] < 0 && name != "" && strings.HasSuffix(n, " "+name) {
				pos[i] = sp.Start
			}
		}
	}
	return pos
}

// passiveRE matches "by" between two names: "Italy were beaten by
// France" puts the doer second. mutualRE matches the words that make two
// names each other's party ("signed … with", "met … and", "against"), and
// the verbs that go both ways ("Australia faced India", "India met
// Australia", "drew", "played"): their order tells nothing of who did
// what.
var (
	passiveRE = regexp.MustCompile(`(?i)\bby\b`)
	mutualRE  = regexp.MustCompile(`(?i)\b(?:with|and|against|versus|vs|faced?|faces|facing|meets?|met|meeting|played|plays?|playing|drew|draws?|drawing)\b`)
)

// reversedNames reports whether a sentence tells of the claim's two names
// the other way round: each text has one of the claim's words (plain: its
// words other than names and figures, "beaten") between the two, but the
// sentence writes them in the other order ("Italy have beaten France 14
// times" against "France have beaten Italy 14 times"). A "by" between
// them (the passive) turns a text's order round; a party word between
// them in either text (mutualRE: "signed … with Quarry United") leaves
// their order free.
func reversedNames(claim, sent string, names []string, plain words) bool {
	cp, sp := namePositions(claim, names), namePositions(sent, names)
	for a := range names {
		for b := range names {
			if cp[a] < 0 || cp[b] < 0 || sp[a] < 0 || sp[b] < 0 || cp[a] >= cp[b] || sp[a] == sp[b] {
				continue
			}
			claimBetween := claim[cp[a]:cp[b]]
			lo, hi := min(sp[a], sp[b]), max(sp[a], sp[b])
			sentBetween := sent[lo:hi]
			if !sharedWord(claimBetween, sentBetween, plain) || mutualRE.MatchString(claimBetween) || mutualRE.MatchString(sentBetween) {
				continue
			}
			claimFirst := !passiveRE.MatchString(claimBetween)
			sentFirst := (sp[a] < sp[b]) != passiveRE.MatchString(sentBetween)
			if claimFirst != sentFirst {
				return true
			}
		}
	}
	return false
}

// sharedWord reports whether two texts have one of plain's words in
// common.
func sharedWord(a, b string, plain words) bool {
	in := map[string]bool{}
	for _, t := range text.Terms(a) {
		if plain.w[t] > 0 {
			in[t] = true
		}
	}
	return slices.ContainsFunc(text.Terms(b), func(t string) bool { return in[t] })
}

// peopleNamed reports whether a sentence (with the one before it) names
// every person a score claim names besides its teams: the names of two
// words or more (claimPeople) other than the winner and loser it reads
// and a place after "at" or "in" ("at Old Trafford"), and the sides of
// the claim's draw (sides, drawSides). The match's result says nothing
// of who scored in it.
func peopleNamed(claim string, figs []Figure, sides []string, s string) bool {
	teams := slices.Clone(sides)
	for _, f := range figs {
		if f.match() {
			r := readResult(claim, f.score())
			teams = append(teams, r.winner, r.loser)
		}
	}
	persons, spans := claimPeople(claim)
	for i, p := range persons {
		if slices.ContainsFunc(teams, func(t string) bool { return t != "" && (sameTeam(p, t) || sameTeam(t, p)) }) {
			continue
		}
		if ws := wordRE.FindAllString(claim[:spans[i].Start], -1); len(ws) > 0 && placeWords[strings.ToLower(ws[len(ws)-1])] {
			continue
		}
		if !namesAny([]string{strings.Join(nameTokens(p), " ")}, s) {
			return false
		}
	}
	return true
}

// placeWords are the words before a place's name ("at Old Trafford").
var placeWords = map[string]bool{"at": true, "in": true}

// otherPossessor is the name a sentence gives one of the claim's figures
// to where the claim gives it to one of its names ("Stephen Eustaquio's
// 85th-minute strike" where the claim says "Jonathan David's
// 85th-minute strike"): the same figure, right after another name's
// "'s", the sentence not naming the claim's name, the name none of the
// claim's. It is "" when there is none.
func otherPossessor(claim, sent string, figs, have []Figure) string {
	claimNames := nameList(claim)
	sentNames := nameList(sent)
	for _, cf := range figs {
		owner := possessorOf(claim, cf.Start)
		if owner == "" {
			continue
		}
		n := strings.Join(nameTokens(owner), " ")
		if slices.ContainsFunc(sentNames, func(m string) bool { return overlapsName(n, m) }) {
			continue // the sentence names the claim's
		}
		for _, f := range have {
			if !cf.Same(f) {
				continue
			}
			o := possessorOf(sent, f.Start)
			m := strings.Join(nameTokens(o), " ")
			if m == "" || slices.ContainsFunc(claimNames, func(c string) bool { return overlapsName(c, m) }) {
				continue
			}
			return cleanName(o)
		}
	}
	return ""
}

// possessorOf is the name whose "'s" stands right before offset at of s
// ("Jonathan David's 85th-minute strike"), "" when none does.
func possessorOf(s string, at int) string {
	before := strings.TrimRight(s[:at], " ")
	var rest string
	switch {
	case strings.HasSuffix(before, "'s"):
		rest = strings.TrimSuffix(before, "'s")
	case strings.HasSuffix(before, "’s"):
		rest = strings.TrimSuffix(before, "’s")
	default:
		return ""
	}
	for _, sp := range text.NameSpans(s) {
		name := strings.TrimSuffix(strings.TrimSuffix(s[sp.Start:sp.End], "'s"), "’s")
		if sp.Start+len(name) == len(rest) {
			return name
		}
	}
	return ""
}

// ownedFigure is, of a sentence stating the claim's amount cf (same)
// and others of its kind (comparable), the other amount the claim's
// owner of cf stands nearer in the sentence: the owner is the claim's
// name nearest to cf ("Mitchell Starc" of "Kolkata Knight Riders paid Rs
// 20.50 Cr for Mitchell Starc"), and every place the sentence writes its
// last word ("Cummins went to … for Rs 20.50 Cr") is clearly nearer to
// that other amount than to same: at most half as many bytes between.
// ok is false when the sentence does not write the owner, or writes it
// not that near another ("Ohtani will defer $680 million of his $700
// million contract from the Dodgers, receiving only $2 million per
// year": "Dodgers" is 19 bytes from $700 million, 17 from $2 million).
//
// An amount followed by "for", "to", "from" or "by" and the owner's name
// ("$819 million for Bank of America") is the owner's, whatever amount
// comes next in the list.
func ownedFigure(claim string, cf Figure, sent string, same Figure, comparable []Figure) (Figure, bool) {
	if len(comparable) == 0 {
		return Figure{}, false
	}
	dist := func(a, b int, f Figure) int {
		if b <= f.Start {
			return f.Start - b
		}
		return max(0, a-f.End)
	}
	owner, ownerD := "", -1
	for _, sp := range text.NameSpans(claim) {
		if sp.Start < cf.End && cf.Start < sp.End {
			continue // "Rs", "Cr": the amount's own words
		}
		ws := strings.Fields(cleanName(strings.TrimSuffix(strings.TrimSuffix(claim[sp.Start:sp.End], "'s"), "’s")))
		if d := dist(sp.Start, sp.End, cf); len(ws) > 0 && (ownerD < 0 || d < ownerD) {
			owner, ownerD = ws[len(ws)-1], d
		}
	}
	at, found := -1, false
	for _, wd := range wordRE.FindAllStringIndex(sent, -1) {
		if w := strings.TrimSuffix(strings.TrimSuffix(sent[wd[0]:wd[1]], "'s"), "’s"); owner == "" || w != owner {
			continue
		}
		if same.End <= wd[0] && amountForRE.MatchString(sent[same.End:wd[0]]) {
			// the claim's amount is the owner's: "$819 million for Bank
			// of America, $1 billion for Citigroup"
			return Figure{}, false
		}
		// clearly nearer: at most half as far
		best, bestD := -1, dist(wd[0], wd[1], same)/2
		for i, f := range comparable {
			if d := dist(wd[0], wd[1], f); d <= bestD {
				best, bestD = i, d
			}
		}
		if best < 0 || found && at != best {
			return Figure{}, false
		}
		at, found = best, true
	}
	if !found {
		return Figure{}, false
	}
	return comparable[at], true
}

// hedgeRE matches the words a reporter writes before a figure rounded
// from the documents' ("about 2%", "roughly $100 million").
var hedgeRE = regexp.MustCompile(`(?i)\b(?:about|around|roughly|approximately|some|nearly|almost|close to|an estimated)\s+$`)

// numberRE finds a number as written, with its separators and decimals.
var numberRE = regexp.MustCompile(`\d[\d,]*(?:\.\d+)?`)

// hedged gives each amount, percentage or count of a claim written after
// a hedge ("about 2%") the leeway of a rounded figure: another value is
// the same when it rounds to the claim's at its last significant digit
// (2.2% is "about 2%") and is within a tenth of it ("about $100 million"
// is not $140 million). Scores, years, dates and figures written
// exactly are left as they are.
func hedged(claim string, figs []Figure) []Figure {
	out := slices.Clone(figs)
	for i, f := range out {
		switch f.Kind {
		case Money, Percent, Count:
		default:
			continue
		}
		if !hedgeRE.MatchString(claim[:f.Start]) {
			continue
		}
		num := numberRE.FindString(f.Text)
		n, err := strconv.ParseFloat(strings.ReplaceAll(num, ",", ""), 64)
		if err != nil || n == 0 {
			continue
		}
		unit := 1.0
		if _, dec, ok := strings.Cut(num, "."); ok {
			unit = math.Pow(10, -float64(len(dec)))
		} else {
			digits := strings.ReplaceAll(num, ",", "")
			unit = math.Pow(10, float64(len(digits)-len(strings.TrimRight(digits, "0"))))
		}
		scale := f.Value / n // "million", "billion"
		out[i].Within = min(unit/2, n/10) * math.Abs(scale)
	}
	return out
}

// claimVerb is the verb a claim says its subject did, when the claim
// opens with a name and a verb in a past or present form ("Google
// settled …", "Melinda Rogers-Hixon accused …", or after the name's
// noun: "Acme's board removed …"); when the claim, opening
// with a name otherwise or with a verb of saying, tells what will be
// done, that verb ("Trump's lawyers have said they will appeal …",
// "Okafor told the Ledger she will appeal …": "appeal"); "" when it opens otherwise, with an
// auxiliary ("Acme was …", "Acme has agreed …"), or goes on to tell
// another thing after "and".
func claimVerb(claim string) string {
	spans := text.NameSpans(claim)
	if len(spans) == 0 {
		return ""
	}
	lead := strings.TrimSpace(claim[:spans[0].Start])
	if lead != "" && !strings.EqualFold(lead, "the") {
		return ""
	}
	if strings.Contains(claim[spans[0].End:], " and ") {
		// two things told ("… fired head coach Dean Evason and are
		// naming John Hynes as his successor"): a sentence may tell
		// either
		return ""
	}
	rest := claim[spans[0].End:]
	if p := possessiveNounRE.FindStringIndex(rest); p != nil {
		// the name's own noun is the subject: "Acme's board removed …"
		rest = rest[p[1]:]
	}
	m := leadWordRE.FindStringSubmatch(rest)
	verb := m != nil && !text.IsStopWord(m[1]) && len(text.RelatedVerbs(m[1])) > 0
	if !verb || text.IsSayingTerm(text.Term(m[1])) {
		// what the subject will do, however it is introduced or told
		// ("Trump's lawyers have said they will appeal …", "Okafor told
		// the Ledger she will appeal …")
		if d := modalVerbRE.FindStringSubmatch(rest); d != nil && !text.IsStopWord(d[1]) && len(text.RelatedVerbs(d[1])) > 0 {
			return d[1]
		}
	}
	if !verb {
		return ""
	}
	if w := m[1]; strings.HasSuffix(w, "ed") || text.Lemma(w) != w || strings.HasSuffix(w, "s") {
		return w
	}
	return ""
}

// possessiveNounRE matches a possessive and the one lower-case noun after it:
// "'s board".
var possessiveNounRE = regexp.MustCompile(`^(?:'s|’s|'|’)\s+[a-z]+\b`)

// modalVerbRE matches the verb after "will" or "would" ("will appeal",
// "would not sell").
var modalVerbRE = regexp.MustCompile(`\b(?:will|would)\s+(?:not\s+)?([a-z]+)\b`)

// amountForRE matches the words between an amount and its owner's
// name's last word: " for Bank of ".
var amountForRE = regexp.MustCompile(`^\s+(?:for|to|from|by)\s+(?:(?:[A-Z][\w&.'’-]*|of|the|and|&)\s+)*$`)

// leadWordRE matches the lower-case word a text opens with.
var leadWordRE = regexp.MustCompile(`^\s+([a-z]+)\b`)

// tellsVerb reports whether s holds verb, its lemma, a WordNet synonym
// or a verb a step more general or more specific (text.RelatedVerbs):
// a sentence holding a claim's names and nouns but not what it says they
// did ("… filed by … Helena World Chronicle, argues that Google …" for
// "Google settled the Helena World Chronicle lawsuit") does not state the
// claim. An empty verb is told by any sentence.
func tellsVerb(verb, s string) bool {
	if verb == "" {
		return true
	}
	have := map[string]bool{}
	for _, t := range text.Terms(s) {
		have[t] = true
	}
	for _, x := range append(append([]string{verb}, text.Synonyms(verb)...), text.RelatedVerbs(verb)...) {
		if have[text.Term(x)] {
			return true
		}
	}
	return false
}

// yearVerb is the verb a year is told with: the nearest word WordNet
// knows as a verb, in a past form or in -ing ("a trade fair" is no
// verb), among the six before it ("joined Mayo Clinic in
// 2019"), or, for a year opening its sentence ("In 1993, Bawendi, 62,
// developed …"), among the four after it; "" when there is none.
func yearVerb(s string, f Figure) string {
	verb := func(w string) bool {
		w = strings.ToLower(w)
		inflected := strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing") || text.Lemma(w) != w && !strings.HasSuffix(w, "s")
		return inflected && !text.IsStopWord(w) && len(text.RelatedVerbs(w)) > 0
	}
	before := wordRE.FindAllString(s[:f.Start], -1)
	if len(before) <= 1 {
		after := wordRE.FindAllString(s[f.End:], -1)
		for _, w := range after[:min(4, len(after))] {
			if verb(w) {
				return text.Term(w)
			}
		}
		return ""
	}
	for i := len(before) - 1; i >= max(0, len(before)-6); i-- {
		if verb(before[i]) {
			return text.Term(before[i])
		}
	}
	return ""
}

// yearOfVerb reports whether a claim's year (cf) and another year of a
// sentence are told with the same verb (yearVerb: "joined … in 2019"
// and "joining the clinic in 2021"): the sentence's year is of the
// claim's event, not the background of another (backgroundYear), however
// few of the claim's other words it holds.
func yearOfVerb(claim string, cf Figure, sent string, comparable []Figure) bool {
	if cf.Kind != Year {
		return false
	}
	v := yearVerb(claim, cf)
	return v != "" && slices.ContainsFunc(comparable, func(f Figure) bool { return yearVerb(sent, f) == v })
}

// subjectNamed reports whether s names the name a claim opens with (its
// subject: "Bhavik Patel joined …"), by its last word at least ("Patel
// practiced …").
func subjectNamed(claim, s string) bool {
	spans := text.NameSpans(claim)
	if len(spans) == 0 {
		return false
	}
	toks := nameTokens(claim[spans[0].Start:spans[0].End])
	return len(toks) > 0 && slices.Contains(nameTokens(s), toks[len(toks)-1])
}

// subjectTold reports whether a sentence (s, after prev in its
// paragraph) tells of the name a claim opens with: it names it
// (subjectNamed), or it opens with "The" and a lower-case noun, naming
// no one before that, and the sentence before names it ("The Consumer
// Financial Protection Bureau is facing legal challenges of its own. The
// watchdog, created in 2011 …").
func subjectTold(claim, s, prev string) bool {
	if subjectNamed(claim, s) {
		return true
	}
	return prev != "" && definiteRE.MatchString(s) && subjectNamed(claim, prev)
}

// definiteRE matches a sentence opening with "The" and a lower-case
// noun: "The watchdog, created …".
var definiteRE = regexp.MustCompile(`^The [a-z]+\b`)

// matchTeams is how many of the claim's teams a sentence must read in
// their roles to tell the claim's match (tellsMatch): teams
// (Tuning.ScoreSentenceTeams), or 2 when one of the sentences stating a
// score reads both ("In Spain Real Madrid outclassed Girona 3-0 …" is
// the match's telling, before a caption's "… Real Madrid’s third goal
// during their 3-0 away league win over Girona").
func matchTeams(scores []judged, claim result, same func(name, team string) bool, teams int) int {
	if teams < 2 && slices.ContainsFunc(scores, func(j judged) bool { return tellsMatch(j.text(), claim, same, 2) }) {
		return 2
	}
	return teams
}

// possibleRE matches the words that tell of what may or is meant to happen
// rather than what did: a modal, a possibility, a condition, an
// expectation or a plan ("it's possible he'll need a second surgery",
// "even if he is able to clear protocol", "is expected to sign", "plans
// to step down"). "may" is read in lower case only: "May" is a month.
// An expectation, plan or aim is one with "to" after it ("plans to
// sign"): "continued their shopping plans" tells of no plan of the
// claim's. "would" is none: it tells what a thing does as often as what may be
// ("a new tier that would grant eligible creators a 70/30 split").
var possibleRE = regexp.MustCompile(`\b(?:(?i:could|might|possible|possibly|perhaps|likely|unlikely|if|unless|whether)|may)\b|(?i:\b(?:expects?|expected|expecting|plans?|planned|planning|intends?|intended|hopes?|hoped|hoping|aims?|aimed|set)\s+to\b|\bwill\s+need\b|\bwill\s+have\s+to\b|['’]ll\s+need\b)`)

// possibleOnly reports whether a sentence tells something the claim
// states as done only as what may or is meant to happen: a word of the
// claim other than its names (plain) that the sentence holds only in
// clauses (between the marks that end a clause) holding a hedge
// (possibleRE), and the claim holds none. "He has been absent since
// injuring his hamstring, and it's possible now he'll need a second
// surgery" is no support of "He has had a second surgery on his
// hamstring": "second" and "surgery" are told only as possible. A claim
// hedged itself ("X plans to step down") is judged as written.
func possibleOnly(claim, sent string, plain words) bool {
	if possibleRE.MatchString(claim) || claimFutureRE.MatchString(claim) {
		return false
	}
	type clause struct {
		terms  map[string]bool
		hedged bool
	}
	var clauses []clause
	lo := 0
	for _, m := range append(clauseEndRE.FindAllStringIndex(sent, -1), []int{len(sent), len(sent)}) {
		c := clause{terms: map[string]bool{}, hedged: possibleRE.MatchString(sent[lo:m[0]])}
		for _, t := range text.Terms(sent[lo:m[0]]) {
			c.terms[t] = true
		}
		clauses = append(clauses, c)
		lo = m[1]
	}
	for t := range plain.w {
		held, plainly := false, false
		for _, c := range clauses {
			if c.terms[t] {
				held = true
				plainly = plainly || !c.hedged
			}
		}
		if held && !plainly {
			return true
		}
	}
	return false
}

// claimFutureRE matches a claim's own words of what will or is meant to
// happen, with or without "to" after them ("Flipboard expects all its
// accounts to be connected", "X will coach …"): such a claim is judged
// as written, a sentence's hedge no bar to it.
var claimFutureRE = regexp.MustCompile(`(?i)\b(?:will|would|shall|expects?|expected|plans?|planned|intends?|intended|hopes?|aims?)\b|['’]ll\b`)

// slotLeads are the function words a name of place, party or origin may
// follow ("in Glasgow", "from Barcelona's B side", "at Stanford"): a
// sentence naming another name after the same word, where the claim's
// name is not in it, tells of another place or party.
var slotLeads = map[string]bool{"in": true, "at": true, "from": true, "with": true, "by": true, "against": true, "over": true, "for": true, "to": true, "of": true, "near": true, "outside": true}

// slotLead is the function word right before a name (skipping "the"),
// lower case, when it is one of slotLeads; else "".
func slotLead(before string) string { return wordBefore(before, slotLeads) }

// slotOther is the name a sentence puts where the claim puts one of its
// own that the sentence (with the text around it, held) does not name:
// after the same function word ("from Real Madrid's B side" against
// "from Barcelona's B side", "in Billings, Montana" against "in Glasgow,
// northeast Montana"), the sentence's name none of the claim's. "" when
// every name of the claim is in held, or the sentence puts no other in
// its slot. Such a sentence does not support the claim: it tells of
// another place, club or party (whether it rules the claim out is left
// open: "in Austin" and "in Texas" may both be true, so the slot's name
// must be missing from the sentence, not merely another).
func slotOther(claim, sent, held string) string {
	heldNames := nameList(held)
	heldToks := map[string]bool{}
	for _, t := range nameTokens(held) {
		heldToks[t] = true
	}
	claimNames := nameList(claim)
	for _, sp := range text.NameSpans(claim) {
		lead := slotLead(claim[:sp.Start])
		if lead == "" {
			continue
		}
		n := strings.Join(nameTokens(strings.TrimSuffix(strings.TrimSuffix(claim[sp.Start:sp.End], "'s"), "’s")), " ")
		if n == "" || slices.ContainsFunc(heldNames, func(m string) bool { return overlapsName(n, m) }) {
			continue // the sentence names it
		}
		if slices.ContainsFunc(strings.Fields(n), func(t string) bool { return heldToks[t] }) {
			continue // in part: "Los Angeles" of another form of it
		}
		for _, ssp := range text.NameSpans(sent) {
			m := strings.Join(nameTokens(strings.TrimSuffix(strings.TrimSuffix(sent[ssp.Start:ssp.End], "'s"), "’s")), " ")
			if m == "" || slotLead(sent[:ssp.Start]) != lead || slices.ContainsFunc(claimNames, func(c string) bool { return overlapsName(c, m) || overlapsName(m, c) }) {
				continue
			}
			return cleanName(sent[ssp.Start:ssp.End])
		}
	}
	return ""
}

// objectOther is the name a sentence puts right after the claim's verb
// where the claim puts one of its own ("Montana has banned Meta's apps"
// against "Beyond Meta, Montana also became the first state to ban
// TikTok"): the claim's name is the object of a verb (objectVerb), the
// sentence has the same verb (by its term: "banned", "ban") with another
// name right after it, none of the claim's, and nowhere in the sentence
// is the claim's name after that verb or further on in the same clause
// ("sued Samsung and Google" tells of Google too). "" when there is no
// such name. Such a sentence tells what the claim's verb did to someone
// else; the claim's name elsewhere in it ("Beyond Meta") is in another
// role. It does not support the claim (nor rule it out: a state may ban
// two apps).
func objectOther(claim, sent string) string {
	claimNames := nameList(claim)
	ofClaim := func(n string) bool {
		return slices.ContainsFunc(claimNames, func(c string) bool { return overlapsName(c, n) || overlapsName(n, c) })
	}
	for _, sp := range text.NameSpans(claim) {
		verb := objectVerb(claim[:sp.Start])
		if verb == "" || !ofClaim(bareName(claim[sp.Start:sp.End])) {
			continue
		}
		other := ""
		for _, ssp := range text.NameSpans(sent) {
			if v := verbWordBefore(sent[:ssp.Start]); v == "" || text.Term(v) != text.Term(verb) {
				continue
			}
			rest := sent[ssp.Start:]
			if m := clauseEndRE.FindStringIndex(rest); m != nil {
				rest = rest[:m[0]]
			}
			if slices.ContainsFunc(nameList(rest), ofClaim) {
				other = ""
				break // the claim's name after the verb: its object too
			}
			if other == "" {
				other = cleanName(sent[ssp.Start:ssp.End])
			}
		}
		if other != "" {
			return other
		}
	}
	return ""
}

// bareName is a name's folded words without a possessive ending.
func bareName(n string) string {
	return strings.Join(nameTokens(strings.TrimSuffix(strings.TrimSuffix(n, "'s"), "’s")), " ")
}

// objectAuxiliaries are the words after which a base form is a verb:
// "has banned", "to ban", "did ban".
var objectAuxiliaries = map[string]bool{"has": true, "have": true, "had": true, "to": true, "will": true, "would": true, "did": true, "does": true, "do": true, "can": true}

// objectVerb is the verb whose object is the name after before (a
// claim up to one of its names): its last word (skipping "the", "a",
// "an"), a lower-case verb WordNet knows (text.RelatedVerbs), in a past
// form ("banned", "sold") or after an auxiliary ("has ban…", "to ban");
// "" otherwise: "coach Jim Harbaugh" has no verb, "Michigan's coach"
// neither.
func objectVerb(before string) string {
	ws := wordRE.FindAllString(before, -1)
	ws = trimArticle(ws)
	if len(ws) == 0 {
		return ""
	}
	w := ws[len(ws)-1]
	if w != strings.ToLower(w) || text.IsStopWord(w) || len(text.RelatedVerbs(w)) == 0 {
		return ""
	}
	past := strings.HasSuffix(w, "ed") || text.Lemma(w) != w && !strings.HasSuffix(w, "s")
	if past || len(ws) > 1 && objectAuxiliaries[strings.ToLower(ws[len(ws)-2])] {
		return w
	}
	return ""
}

// verbWordBefore is the lower-case word right before a name in a
// sentence (skipping "the", "a", "an"), not a function word; "" when
// there is none.
func verbWordBefore(before string) string {
	ws := trimArticle(wordRE.FindAllString(before, -1))
	if len(ws) == 0 {
		return ""
	}
	w := ws[len(ws)-1]
	if w != strings.ToLower(w) || text.IsStopWord(w) {
		return ""
	}
	return w
}

// trimArticle drops a final article from a list of words.
func trimArticle(ws []string) []string {
	if n := len(ws); n > 0 {
		switch strings.ToLower(ws[n-1]) {
		case "the", "a", "an":
			return ws[:n-1]
		}
	}
	return ws
}

// pastMeetingRE matches a claim's words placing its match before the
// time of writing: "last time out", "in their last game", "last month",
// "last season".
var pastMeetingRE = regexp.MustCompile(`(?i)\blast time out\b|\b(?:last|previous|latest)\s+(?:game|match|outing|fixture|meeting|time|month|season|week)\b`)

// ownMeeting is a sentence as read for the claim's match (tellsMatch):
// when the claim itself places its match in the past ("Everton won 3-0
// against Bournemouth in their last game"), the sentence's words of an
// earlier meeting ("Last time out, Everton beat Bournemouth 3-0") tell of
// that match, not of another, and are blanked; else the sentence as it
// is (a match report's "last season" tells of another meeting).
func ownMeeting(claim, sent string) string {
	if !pastMeetingRE.MatchString(claim) {
		return sent
	}
	return earlierMeetingRE.ReplaceAllStringFunc(sent, func(m string) string { return strings.Repeat(" ", len(m)) })
}

// sourceRE matches a report's source: "according to ESPN's Jeremy
// Fowler", "according to Jeremy Fowler" (the outlet, if any, and the
// person, a name of two words or more).
var sourceRE = regexp.MustCompile(`(?i:according to)\s+(?:(\p{Lu}[\p{L}.&-]*(?:\s\p{Lu}[\p{L}.&-]*)*)['’]s\s+)?(\p{Lu}[\p{L}'’.-]*(?:\s\p{Lu}[\p{L}'’.-]*)+)`)

// sourceOther is the person a sentence gives as its source ("according
// to ESPN's Jeremy Fowler") where the claim gives another ("according to
// ESPN's Adam Schefter"): the same outlet, if the claim names one, and a
// person the sentence does not otherwise name. The caller has checked
// the sentence holds the rest of the claim (RoleSentence of its words
// other than names and figures): the report is the claim's, and its
// source another. "" when the claim gives no source, the sentence none,
// the same, or one of another outlet.
func sourceOther(claim, sent string) string {
	c := sourceRE.FindStringSubmatch(claim)
	s := sourceRE.FindStringSubmatch(sent)
	if c == nil || s == nil {
		return ""
	}
	if c[1] != "" && !strings.EqualFold(c[1], s[1]) {
		return ""
	}
	if SameName(c[2], s[2]) || namesPeople([]string{c[2]}, sent) {
		return ""
	}
	return strings.TrimRight(s[2], ".")
}

// shortFormRE matches a name given a short form in brackets: "the
// Permian-Triassic (or P-T for short) extinction", "Kessel Valley (KV
// for short)": the name (capitalised words, hyphens within) and the short
// form.
var shortFormRE = regexp.MustCompile(`(\p{Lu}[\p{L}-]*(?:\s\p{Lu}[\p{L}-]*)*)\s\((?:or\s)?(\p{Lu}[\p{Lu}\p{N}.&-]*)\sfor short\)`)

// shortForms are the short forms a document gives "for short"
// (shortFormRE), each to its name: "P-T" to "Permian-Triassic", whether
// or not it spells the name's initials (text.Acronyms reads those that
// do).
func shortForms(doc string) map[string]string {
	var out map[string]string
	for _, m := range shortFormRE.FindAllStringSubmatch(doc, -1) {
		if out == nil {
			out = map[string]string{}
		}
		if _, ok := out[m[2]]; !ok {
			out[m[2]] = m[1]
		}
	}
	return out
}

// spelledShort is what the short forms of a document (short: shortForms)
// add to a sentence of it, each name after "\n": the names of those the
// sentence writes as a word of their own ("the P-T boundary" holds
// "Permian-Triassic"); "" when it writes none.
func spelledShort(sent string, short map[string]string) string {
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(short)) {
		at := strings.Index(sent, k)
		for at >= 0 {
			if ownWordAt(sent, at, at+len(k)) {
				b.WriteString("\n" + short[k])
				break
			}
			next := strings.Index(sent[at+1:], k)
			if next < 0 {
				break
			}
			at += 1 + next
		}
	}
	return b.String()
}

// ownWordAt reports whether s[at:end] is a word of its own: no letter
// or digit right before or right after it.
func ownWordAt(s string, at, end int) bool {
	wordRune := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	if r, _ := utf8.DecodeLastRuneInString(s[:at]); at > 0 && wordRune(r) {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(s[end:]); end < len(s) && wordRune(r) {
		return false
	}
	return true
}

// closerScore is, of the sentences of a match report contradicting the
// claim's score (reports of j's document), the one whose score is told
// in words most like those after the claim's own, names aside (the
// half-time score of
// "tied 2-2 at halftime" is "the collapse from a 1-1 halftime tie", not
// the result "a 3-1 defeat" the report leads with): j, the report's first,
// unless another's words are closer.
func closerScore(j judged, reports []judged, claim string, figs []Figure) judged {
	i := slices.IndexFunc(figs, Figure.match)
	if i < 0 {
		return j
	}
	// the words around the scores other than names: the teams are the
	// same in every sentence of the report
	// and after the claim's score only ("2-2 at halftime"): the words
	// before it tell the result ("came back to beat … 5-2"), which an
	// in-game score's sentence may tell too ("came back to beat their
	// rivals after trailing 2-0")
	after := blank(claim, text.NameSpans(claim))[figs[i].End:]
	if m := clauseEndRE.FindStringIndex(after); m != nil {
		after = after[:m[0]]
	}
	ctx := weigh(nil, after)
	if len(ctx) == 0 {
		return j
	}
	near := func(r judged) float64 {
		t := r.text()
		at := strings.Index(t, r.figure)
		if r.figure == "" || at < 0 {
			return 0
		}
		return ctx.coverage(around(blank(t, text.NameSpans(t)), at, at+len(r.figure)))
	}
	best, bestNear := j, near(j)
	for _, r := range reports {
		if r.doc.ID != j.doc.ID || r.verdict != Contradicted {
			continue
		}
		if n := near(r); n > bestNear {
			best, bestNear = r, n
		}
	}
	return best
}

// unreadNumbers are the numbers a claim writes that are part of none of
// its figures: "112" in "England reached 112 for two after ten overs",
// "25.2" in "has averaged 25.2". A number glued to letters ("T20",
// "COVID-19", "5G") is part of a name, not a number.
func unreadNumbers(claim string, figs []Figure) []float64 {
	var out []float64
	for _, m := range numberRE.FindAllStringIndex(claim, -1) {
		if numberGlued(claim, m[0], m[1]) || slices.ContainsFunc(figs, func(f Figure) bool { return m[0] < f.End && f.Start < m[1] }) {
			continue
		}
		if v, err := strconv.ParseFloat(strings.ReplaceAll(claim[m[0]:m[1]], ",", ""), 64); err == nil {
			out = append(out, v)
		}
	}
	return out
}

// numberGlued reports whether the number at s[a:b] is written against a
// letter, or a dash after one ("T20", "COVID-19", "5G").
func numberGlued(s string, a, b int) bool {
	before, _ := utf8.DecodeLastRuneInString(s[:a])
	if before == '-' {
		before, _ = utf8.DecodeLastRuneInString(s[:a-1])
	}
	after, _ := utf8.DecodeRuneInString(s[b:])
	return a > 0 && unicode.IsLetter(before) || b < len(s) && unicode.IsLetter(after)
}

// numbersStated reports whether s writes each of the numbers ("112" in
// "112-2", 25.2 as "25.20").
func numbersStated(nums []float64, s string) bool {
	have := map[float64]bool{}
	for _, n := range numberRE.FindAllString(s, -1) {
		if v, err := strconv.ParseFloat(strings.ReplaceAll(n, ",", ""), 64); err == nil {
			have[v] = true
		}
	}
	for _, n := range nums {
		if !have[n] {
			return false
		}
	}
	return true
}
