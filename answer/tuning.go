package answer

import "github.com/newsroom/askbot/internal/tunable"

// Tuning holds every threshold and weight of the extractive answer, in one
// place: `bot eval --tune NAME=VALUE` sweeps any of them on a question set,
// and each has a boundary test (tuning_test.go). The weights of sentence
// choice were measured on the MultiHop-RAG dev split (docs/evaluation.md);
// the learned decisions' thresholds on the Slack-style sets, cross-validated.
type Tuning struct {
	// MinAnswerable is the least probability that the passages answer a
	// short question for the answer not to decline (0: the model's own,
	// chosen at training).
	MinAnswerable float64 `tune:"min-answerable"`
	// MinSentence is the least probability that a sentence answers a
	// short question for it to count as holding the fact asked.
	MinSentence float64 `tune:"min-sentence"`
	// QuoteShare is the least probability, relative to the likeliest
	// sentence's, of another sentence quoted for a short question.
	QuoteShare float64 `tune:"quote-share"`
	// MinShort is the least probability that the first-ranked sentence
	// answers for a short answer to be taken from it.
	MinShort float64 `tune:"min-short"`

	// MinQuotes is the most sentences quoted for a question asking one
	// thing; MaxQuotes for one that strings facts together (one quote per
	// fact, and one more).
	MinQuotes int `tune:"min-quotes"`
	MaxQuotes int `tune:"max-quotes"`
	// TypeBonus lifts a sentence of a long question that holds the kind of
	// fact asked (a name it does not name, a date, a number, a place).
	TypeBonus float64 `tune:"type-bonus"`
	// FitBonus lifts, for a short question, a sentence the hand-set rule
	// says fits; WindowShare is the weight, in its score, of the
	// question's words found in the sentence before it and the headline.
	FitBonus    float64 `tune:"fit-bonus"`
	WindowShare float64 `tune:"window-share"`
	// MinOutletShare is the least score, relative to the best sentence's,
	// of a named outlet's best sentence for it to be quoted first.
	MinOutletShare float64 `tune:"min-outlet-share"`
	// CaveatSpecificity is the least specificity of a question's name for
	// the answer to say when no quote mentions it.
	CaveatSpecificity float64 `tune:"caveat-specificity"`
	// ShortDepth is how many of the best sentences vote on a long "who"
	// question's short answer; MinShortShare the least share of their
	// names' weight the short answer needs.
	ShortDepth    int     `tune:"short-depth"`
	MinShortShare float64 `tune:"min-short-share"`
	// MinQuoteShare is the least score, relative to the best sentence's,
	// of a sentence quoted for a question that strings facts together;
	// MinQuoteShareOneFact for one asking one thing (hand-set rules).
	MinQuoteShare        float64 `tune:"min-quote-share"`
	MinQuoteShareOneFact float64 `tune:"min-quote-share-one-fact"`
	// Novelty weighs, choosing each next quote, the share of its question
	// terms the quotes chosen so far do not hold.
	Novelty float64 `tune:"novelty"`
	// OrderNovelty is Novelty for a short question whose sentences the
	// forest ordered (Model.Order): it already weighs what a sentence
	// adds, and quoting down its order shows the fact more often
	// (cross-validated, docs/evaluation.md).
	OrderNovelty float64 `tune:"order-novelty"`
	// PartWeight lifts a sentence by the largest share of one part of the
	// question ("…, accused of …, and faced …") it says on its own.
	PartWeight float64 `tune:"part-weight"`
	// MinPredicateCoverage is the least share of the question's words
	// other than names that the sentence giving a one-fact question's
	// short answer must hold.
	MinPredicateCoverage float64 `tune:"min-predicate-coverage"`
	// MaxShortWords is the most words of a question read as a short one.
	MaxShortWords int `tune:"max-short-words"`
	// MinContext is the least share of a short question's weight a
	// sentence's window must hold for the hand-set rule to say it fits;
	// FullContext the share with which a "who" sentence fits without a name.
	MinContext  float64 `tune:"min-context"`
	FullContext float64 `tune:"full-context"`
	// MaxRoleGap is the most words between a name and a word of the
	// question giving its role; MaxNamedRoleGap between a name and a role
	// the question names ("ceo", "chief executive").
	MaxRoleGap      int `tune:"max-role-gap"`
	MaxNamedRoleGap int `tune:"max-named-role-gap"`
	// MaxModalReach is the most words a modal of possibility ("could",
	// "should") may stand before a role or deed in its clause for the
	// name it places to be only possible, no answer (modalBefore).
	MaxModalReach int `tune:"max-modal-reach"`
	// MaxDeedObjectGap is the most words after a deed asked about ("won")
	// in which the sentence names what the question says it was done to
	// ("won the 2023 World Series"), for the name before it to be who did
	// it.
	MaxDeedObjectGap int `tune:"max-deed-object-gap"`
	// MinUnendedWords is the fewest words of a line without a full stop
	// for it to be taken for a sentence, not a heading.
	MinUnendedWords int `tune:"min-unended-words"`
	// MaxTopicTurns is how many earlier questions a follow-up's search
	// carries; MaxTopicNames the most names the last answer adds.
	MaxTopicTurns int `tune:"max-topic-turns"`
	MaxTopicNames int `tune:"max-topic-names"`
	// ShortQuoteWords is the most words of a quoted span of a model's
	// answer that, found in no passage, is taken for scare quotes rather
	// than a made-up quote.
	ShortQuoteWords int `tune:"short-quote-words"`
	// Pool is how many passages a short question's sentences are chosen
	// from (the answer shows k of them, those it quotes first); PoolPerDoc
	// the most of them from one document while others have passages.
	// 0: the k shown.
	Pool       int `tune:"pool"`
	PoolPerDoc int `tune:"pool-per-doc"`
	// PoolDocs is how many of the best-ranked documents give their other
	// passages (up to Pool, those nearest the ones found) to a short
	// question's pool, not only those the search found: the fact asked is often told in the best article's passage
	// that shares fewest of the question's words ("He's a materials
	// scientist at the National University of Singapore"). 0: none.
	PoolDocs int `tune:"pool-docs"`
	// WindowCandidates weighs, for a short question's sentence that shares
	// none of its words, the words the sentence before it and its headline
	// share: a sentence so weighed is a candidate. 0: none.
	WindowCandidates float64 `tune:"window-candidates"`
}

// DefaultTuning is the tuning answers use unless told otherwise.
var DefaultTuning = Tuning{
	MinSentence: 0.5, QuoteShare: 0.2, MinShort: 0.8,
	MinQuotes: 3, MaxQuotes: 5, TypeBonus: 0.3, FitBonus: 1.0, WindowShare: 0.5,
	MinOutletShare: 0.3, CaveatSpecificity: 0.4, ShortDepth: 10, MinShortShare: 0.2,
	MinQuoteShare: 0.3, MinQuoteShareOneFact: 0.5, Novelty: 0.5, OrderNovelty: 0, PartWeight: 0.5,
	MinPredicateCoverage: 0.5, MaxShortWords: 16, MinContext: 0.5, FullContext: 0.8,
	MaxRoleGap: 0, MaxNamedRoleGap: 1, MaxModalReach: 8, MaxDeedObjectGap: 4, MinUnendedWords: 12, MaxTopicTurns: 2, MaxTopicNames: 3,
	ShortQuoteWords: 3, Pool: 15, PoolPerDoc: 8, PoolDocs: 1, WindowCandidates: 0.5,
}

// Tune is the tuning in use (DefaultTuning unless bot eval sets one).
var Tune = DefaultTuning

// Set sets the threshold named by its tune tag ("min-quotes") from value.
func (t *Tuning) Set(name, value string) error { return tunable.Set(t, tunable.Tag, name, value) }

// Names lists the thresholds' names, as Set takes them.
func (t *Tuning) Names() []string { return tunable.Names(t, tunable.Tag) }
