package desk

import "github.com/newsroom/askbot/internal/tunable"

// Tuning holds the desk's thresholds, in one place, so that tests can
// probe each at its boundary and bot eval can sweep them. Coverages are
// IDF-weighted shares of a claim's or topic's words that a sentence
// holds: "window" counts the sentence with its document's title and the
// sentence before it, "sentence" the sentence alone.
type Tuning struct {
	// A claim with figures is supported by a sentence stating one of its
	// figures and none other of the same kind, at SupportWindow and
	// SupportSentence; contradicted by one stating another figure of the
	// same kind, at ContradictWindow and ContradictSentence (more: a
	// figure of another story must not read as this story's).
	SupportWindow, SupportSentence       float64
	ContradictWindow, ContradictSentence float64
	// Another year contradicts a claim's year only in a sentence that
	// states another of the claim's figures the same, or holds
	// ContradictYearSentence of its words: a year is often that of
	// something else the sentence tells of (backgroundYear).
	ContradictYearSentence float64
	// A sentence stating every figure of a claim with SupportFigures
	// figures or more, and no other of their kinds, supports it in a
	// document holding SupportDocument of the claim's words (title and
	// text), however few of them the sentence holds.
	SupportFigures  int
	SupportDocument float64
	// A sentence stating more than TableFigures figures of one kind and
	// unit, years and dates aside, with no full stop at its end ("… West
	// Indies won by 17 runs 1979 England West Indies … won by 92 runs 1983
	// …"), is a table of results flattened into a line: it neither
	// supports nor contradicts.
	TableFigures int
	// A claim's year more than PastYears years before its document's
	// publication tells of a past event: a sentence of that document
	// contradicts the claim's other figures only when it, the sentence
	// before or its section's heading states the year (yearTold).
	PastYears int
	// A claim told over two sentences is supported by a sentence and the
	// one before it in its paragraph holding PairWindow of its words
	// together and each PairSentence of them, stating every figure of the
	// claim the same and no other of their kinds.
	PairWindow, PairSentence float64
	// A sentence stating another figure of a claim in the same phrase (the
	// PhraseWords words after the number the same: "the 10th full-time
	// coach" against "the 12th full-time coach") contradicts it when it
	// holds PhraseSentence of the claim's words, its figures' words
	// counted, their numbers not (ContradictWindow still).
	PhraseWords    int
	PhraseSentence float64
	// A claim without figures is supported by a sentence stating nearly
	// all of it (UnfiguredWindow, UnfiguredSentence).
	UnfiguredWindow, UnfiguredSentence float64
	// A claim giving a cause ("with a broken foot", "because of …") is
	// supported only by a sentence that, with the one before it, holds
	// CauseSentence of the cause's words (causeTold).
	CauseSentence float64
	// A claim naming someone is contradicted by a sentence that gives the
	// same role to another name (“Mira Murati … interim CEO”) when the
	// sentence holds RoleSentence of the claim's words other than the
	// name, the role's word among them.
	RoleSentence float64
	// A claim with figures is contradicted by a sentence stating its
	// figures other than years the same and putting another name after
	// the function word the claim puts one of its names after ("with the
	// Los Angeles Dodgers" against "with the Toronto Blue Jays"), when the
	// sentence holds SlotSentence of the claim's words other than names
	// and figures (otherInSlot).
	SlotSentence float64
	// A claim's score ("12-11") stated in a sentence of a document that
	// holds ScoreDocument of the claim's words (title and text) supports
	// or contradicts it when the sentence with its title and the sentence
	// before holds ScoreWindow.
	// A claim's score is judged in the report of its match: the latest
	// document whose title holds ScoreTitle of the claim's words other
	// than its names ("beat", "final"). ScoreDocuments are the documents read whole for a
	// claim's score.
	ScoreDocument, ScoreWindow, ScoreTitle float64
	ScoreDocuments                         int
	// A title naming ScoreTitleNames of the claim's names or more
	// ("Blackhawks vs. Penguins live score") tells of its match too, when
	// the sentence stating the score says who won.
	ScoreTitleNames int
	// A sentence reading ScoreSentenceTeams of the claim's teams in the
	// claim's roles at a score (its winner as the winner, its loser as the
	// loser: "In Spain Real Madrid outclassed Girona 3-0 …") tells of its
	// match itself, whatever its title (tellsMatch); above 2 (a claim
	// reads two), never.
	ScoreSentenceTeams int
	// ScoreWords are the claim's words other than names and figures that
	// identify its match ("beat … final"), one fewer when the match's
	// report names every team the claim names.
	ScoreWords int
	// SynonymWeight is what a WordNet synonym of a claim's word counts
	// for in a sentence ("docked" for "deducted"), the word itself 1.
	SynonymWeight float64
	// RelatedWeight is what a verb a step more general or more specific
	// than a claim's verb (text.RelatedVerbs: "docked" for "deducted")
	// counts for.
	RelatedWeight float64
	// A team's other name ("the Springboks") is its owner's ("South
	// Africa") when AliasSentences sentences or more of the AliasDocuments
	// documents retrieved for it say so outright, and none names another
	// owner (teamAliases).
	AliasSentences, AliasDocuments int
	// MaxClaimLines is the most sentences a claim check shows;
	// ClaimPassages the passages it retrieves.
	MaxClaimLines, ClaimPassages int

	// A timeline's event is a sentence of a document about the story:
	// one whose title and best passage hold TimelineDocument of the
	// topic's words; the sentence itself must hold TimelineSentence of
	// them, or state a date and hold TimelineDated of them and, with its
	// title and the sentence before, TimelineDatedWindow (or be of a
	// document whose lede tells of the story: TimelineLede).
	TimelineDocument, TimelineSentence, TimelineDated float64
	TimelineDatedWindow                               float64
	// A sentence dated by its article alone is an event only when it
	// holds TimelineSubject of the topic's words outside its names (the
	// story's subject), when the topic has such words.
	TimelineSubject float64
	// A document's lede (its first sentence of news) that is an event
	// and holds TimelineLede of the topic tells that the document is the
	// story's: its sentences stating their time need not hold
	// TimelineDatedWindow.
	TimelineLede float64
	// A sentence dated by a month or year (no day) more than
	// TimelinePeriodYears years before its document's publication year is
	// an aside, not an event of the story.
	TimelinePeriodYears int
	// A document stating TimelineHistoryYears years or more of that long
	// past (each a sentence's own, "In 2003, Google …") tells a history:
	// its years are the story's events, not asides (history).
	TimelineHistoryYears int
	// A sentence dated only by an article published more than
	// TimelineStale days before the story's first stated day is dropped:
	// the page was first published before the story (dropStale).
	TimelineStale int
	// In a document whose title holds TimelineTitle of the topic, every
	// sentence stating its day is an event.
	TimelineTitle float64
	// The events shown are the likeliest: the topic's share of the
	// sentence, lifted by TimelineDatedLift when it states its day (at 1,
	// a sentence stating its day ranks above one dated only by its
	// article unless it holds none of the topic).
	TimelineDatedLift float64
	// A sentence stating its own month or year, no day ("In 2003, …",
	// "in their March PPV clash"), is lifted by TimelinePeriodLift: above
	// one dated by its article holding as much of the topic, below one
	// stating its day. A section's month or year (a heading's) lifts
	// nothing.
	TimelinePeriodLift float64
	// Two events are one (the same news in two outlets) when they share
	// TimelineSame of their words (Jaccard over index terms).
	TimelineSame float64
	// A date heading without its year that falls more than a week after
	// its page's publication stays in the publication year when another
	// heading of that year is within TimelineHeadingSpan days of it (a
	// timeline updated as the story ran); else it is the year before.
	TimelineHeadingSpan int
	// A sentence whose own day is more than TimelineBackground days
	// before its document's publication tells of the story's past, not
	// of an event the document reports: it is no event (background).
	TimelineBackground int
	// A timeline shows at most TimelinePerDay events one document tells
	// of one day while other events are left (fill): a page's many
	// sentences dated by its article do not crowd out the story's other
	// days.
	TimelinePerDay int
	// On a page written under date headings (a live page's entries, a
	// timeline article's days), a timeline shows at most
	// TimelinePerEntry events of one entry (a headline and what is under
	// it) while other events are left: an entry tells one piece of news.
	TimelinePerEntry int
	// Past its MaxTimelineLines, a timeline shows up to
	// TimelinePeriodLines more events that state their own month or
	// year ("In March, …", "founded in 2019"; fill): a story's busiest
	// days, each stating its day, do not crowd out its past.
	TimelinePeriodLines int
	// A topic written as a list of parts ("X fights, the Y win and the Z
	// feud") whose whole tells fewer than TimelineTopicParts events is
	// told by each part too (Timeline); 0: never.
	TimelineTopicParts int
	// A sentence opening with a quotation is an event when it goes on,
	// in TimelineAttributionWords words or more, with the day of its
	// saying ("…,” they wrote in a Thursday note."; datedAttribution).
	TimelineAttributionWords int
	// MaxTimelineLines is the most events a timeline shows, but for
	// TimelinePeriodLines of its past;
	// TimelinePassages the passages it retrieves, TimelineDocuments the
	// documents it reads whole.
	MaxTimelineLines, TimelinePassages, TimelineDocuments int
	// TimelineLearned, when 1, chooses a timeline's lines by the learned
	// model (DefaultTimelineModel, `bot train-timeline`) instead of the
	// hand-set score and gate; 0 keeps the rules.
	TimelineLearned int

	// QuotePassages is the passages retrieved for who-said-it.
	QuotePassages int
}

// DefaultTuning is the desk's tuning unless Desk.Tuning says otherwise.
var DefaultTuning = Tuning{
	SupportWindow: 0.6, SupportSentence: 0.55,
	ContradictWindow: 0.7, ContradictSentence: 0.5, ContradictYearSentence: 0.8,
	SupportFigures: 2, SupportDocument: 0.8, TableFigures: 3, PastYears: 1,
	UnfiguredWindow: 0.8, UnfiguredSentence: 0.6, CauseSentence: 0.5,
	PairWindow: 0.9, PairSentence: 0.35, PhraseWords: 2, PhraseSentence: 0.35,
	RoleSentence: 0.6, SlotSentence: 0.6,
	ScoreDocument: 0.8, ScoreWindow: 0.2, ScoreTitle: 0.3, ScoreDocuments: 40, ScoreWords: 2, ScoreTitleNames: 2, ScoreSentenceTeams: 1,
	SynonymWeight: 0.8, RelatedWeight: 0.6,
	AliasSentences: 1, AliasDocuments: 20,
	MaxClaimLines: 5, ClaimPassages: 12,

	TimelineDocument: 0.6, TimelineSentence: 0.3, TimelineDated: 0.15, TimelineDatedWindow: 0.5, TimelineTitle: 0.6,
	TimelineSame: 0.6, TimelineDatedLift: 1.0, TimelinePeriodLift: 0.4, TimelineHeadingSpan: 14, TimelineBackground: 365, TimelinePerDay: 4, TimelinePerEntry: 1,
	TimelineSubject: 0.2, TimelineLede: 0.35, TimelinePeriodYears: 5, TimelineHistoryYears: 5, TimelineStale: 7, TimelineAttributionWords: 4, TimelinePeriodLines: 10, TimelineTopicParts: 5,
	MaxTimelineLines: 20, TimelinePassages: 30, TimelineDocuments: 12, TimelineLearned: 1,

	QuotePassages: 30,
}

// Set sets the threshold named by its field's name in lower case, words
// joined by dashes ("timeline-lede" for TimelineLede), from value: bot
// eval's --tune sweeps them.
func (t *Tuning) Set(name, value string) error { return tunable.Set(t, tunable.Kebab, name, value) }

// Names lists the thresholds' names, as Set takes them.
func (t *Tuning) Names() []string { return tunable.Names(t, tunable.Kebab) }

func (d *Desk) tuning() *Tuning {
	if d.Tuning != nil {
		return d.Tuning
	}
	return &DefaultTuning
}
