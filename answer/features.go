package answer

import (
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/text"
)

// The features the learned decisions read (see learn.go). Each is one row
// of a table: a name and how it is computed, the same way at training and
// at answering. The names are stored with the weights, so a model trained
// on other features is refused; a new feature is one row and a retraining
// (`bot train`).

// sentenceInput is what a candidate sentence's features are computed from.
type sentenceInput struct {
	f                             *featurizer
	body, prev                    string
	hit                           int
	doc                           *corpus.Document
	start                         int
	terms, win, passage, document map[string]bool
	fits, headline, holds         bool
}

// sentenceFeature is one feature of a candidate sentence.
type sentenceFeature struct {
	name  string
	value func(*sentenceInput) float64
}

// sentenceFeatures are the features of a candidate sentence, in order;
// holdsFeatures adds one per kind of question (see sentenceFeatureNames).
var sentenceFeatures = []sentenceFeature{
	// The IDF share of the question's words in the sentence, its window
	// (with the sentence before it and the headline) and its passage.
	{"cover", func(in *sentenceInput) float64 { return in.f.share(in.terms) }},
	{"cover_window", func(in *sentenceInput) float64 { return in.f.share(in.win) }},
	{"cover_passage", func(in *sentenceInput) float64 { return in.f.share(in.passage) }},
	// The question's rarest known word (its subject, more often than not).
	{"subject_sentence", func(in *sentenceInput) float64 { return in.f.hasSubject(in.terms) }},
	{"subject_window", func(in *sentenceInput) float64 { return in.f.hasSubject(in.win) }},
	{"subject_document", func(in *sentenceInput) float64 { return in.f.hasSubject(in.document) }},
	// It holds the kind of fact asked (a name, date, number, place,
	// reason, quotation); holds_KIND below says the same for each kind.
	{"holds_kind", func(in *sentenceInput) float64 { return b2f(in.holds) }},
	{"rule_fits", func(in *sentenceInput) float64 { return b2f(in.fits) }},
	// A new name next to one of the question's own words ("CEO Dan Clancy").
	{"in_role", func(in *sentenceInput) float64 {
		return b2f(in.f.kind == text.AskWho && nameInRole(in.f.ask, in.body))
	}},
	// The question asks one measure (a valuation, a CEO) and the sentence
	// gives another (a round raised, a president), not the one asked.
	{"other_measure", func(in *sentenceInput) float64 {
		if len(in.f.measures) == 0 {
			return 0
		}
		got := text.Measures(in.body)
		return b2f(len(got) > 0 && !slices.ContainsFunc(slices.Collect(maps.Keys(got)), func(m string) bool { return in.f.measures[m] }))
	}},
	{"predicate", func(in *sentenceInput) float64 { return predicateCoverage(in.f.ix, in.f.q, in.body) }},
	{"part", func(in *sentenceInput) float64 { return partCoverage(in.f.ix, in.f.q, in.terms) }},
	{"hit_rank", func(in *sentenceInput) float64 { return 1 / (1 + float64(in.hit)) }},
	// The rank of its document among the passages' documents: a short
	// question's fact is most often in the best article, in any passage.
	{"doc_rank", func(in *sentenceInput) float64 { return 1 / (1 + float64(in.f.docRank[in.doc.ID])) }},
	// It holds the kind of fact asked with the subject in its window.
	{"holds_subject", func(in *sentenceInput) float64 {
		return b2f(in.holds && in.f.hasSubject(in.win) == 1)
	}},
	{"hit_score", func(in *sentenceInput) float64 {
		if top := in.f.res.Hits[0].Score; top > 0 {
			return in.f.res.Hits[in.hit].Score / top
		}
		return 0
	}},
	{"paragraph", func(in *sentenceInput) float64 {
		if in.headline {
			return 1
		}
		return 1 / (1 + float64(in.doc.ParagraphAt(in.start)))
	}},
	{"log_words", func(in *sentenceInput) float64 { return math.Log1p(float64(len(strings.Fields(in.body)))) }},
	{"is_question", func(in *sentenceInput) float64 {
		return b2f(strings.HasSuffix(strings.TrimRight(in.body, `"”’' `), "?"))
	}},
	{"quotation", func(in *sentenceInput) float64 { return b2f(strings.ContainsAny(in.body, `"“”`)) }},
	{"new_name", func(in *sentenceInput) float64 { return b2f(len(newNames(in.body, in.f.q)) > 0) }},
	{"has_number", func(in *sentenceInput) float64 { return b2f(len(text.Numbers(in.body)) > 0) }},
	{"headline", func(in *sentenceInput) float64 { return b2f(in.headline) }},
	{"short_question", func(in *sentenceInput) float64 { return b2f(in.f.short) }},
	// A name of two or more capitalised words the question does not hold.
	{"person_name", func(in *sentenceInput) float64 { return b2f(in.f.personName(in.body)) }},
	// No passage counts the unit asked and this sentence counts something
	// else, perhaps the unit in other words ("five STIs" for "how many
	// infections").
	{"counts_other", func(in *sentenceInput) float64 { return b2f(in.f.ask.otherWords && countsPlural(in.body)) }},
	// It tells of what may yet happen or is not settled ("potential",
	// "likely", "plans") and the question asks what is, or did: "who won
	// super bowl lviii" is not answered by "a potential Super Bowl LVIII
	// preview".
	{"hedged", func(in *sentenceInput) float64 { return b2f(!in.f.prospective && text.FigureHedged(in.body)) }},
	// A quotation attributed by a verb of saying.
	{"attributed", func(in *sentenceInput) float64 {
		return b2f(strings.ContainsAny(in.body, `"“”`) && text.AskSaid.Holds(in.body))
	}},
	// A when question's sentence dates something to its month or hour
	// ("originally proposed back in April 2021"), not only to a year or a
	// day relative to today ("yesterday", "by 2050").
	{"calendar_date", func(in *sentenceInput) float64 {
		return b2f(in.f.kind == text.AskWhen && text.HasCalendarDate(in.body))
	}},
	// How closely the sentence's words say the question's in other words:
	// each question word's nearest sentence word by word vectors, weighed
	// by IDF ("grows" and "produces", "guarded" and "unmanned").
	{"align", func(in *sentenceInput) float64 { return in.f.meaning.align(in.body) }},
	// The word vectors of the sentence against the question's, averaged.
	{"dense", func(in *sentenceInput) float64 { return in.f.meaning.dense(in.body) }},
}

// scoreRel is the last sentence feature: the hand-set score over the best
// sentence's, known once every candidate is scored.
const scoreRel = "score_rel"

// relativeFeatures are sentence features divided by their largest value
// among the question's candidates, known once every candidate is read:
// how a sentence compares with the others of its question.
var relativeFeatures = []string{"cover_window", "predicate", "align"}

// heldKinds are the kinds of question a sentence can hold the fact of
// (yes/no, how and other questions have nothing to hold).
var heldKinds = slices.DeleteFunc(text.Kinds(), func(k text.Kind) bool { return !k.Typed() })

// sentenceFeatureNames name the sentence features in order: the table's,
// holds_KIND for each kind of question, then score_rel.
var sentenceFeatureNames = func() []string {
	var names []string
	for _, sf := range sentenceFeatures {
		names = append(names, sf.name)
	}
	for _, k := range heldKinds {
		names = append(names, "holds_"+kindSlug(k))
	}
	for _, r := range relativeFeatures {
		names = append(names, r+"_rel")
	}
	return append(names, scoreRel)
}()

// setRelative sets the candidates' relative features (relativeFeatures,
// then score_rel) once all are read.
func setRelative(cands []candidate) {
	if len(cands) == 0 || cands[0].features == nil {
		return
	}
	n := len(sentenceFeatureNames)
	for j, r := range relativeFeatures {
		base, at := slices.Index(sentenceFeatureNames, r), n-1-len(relativeFeatures)+j
		best := 0.0
		for _, c := range cands {
			best = max(best, c.features[base])
		}
		for _, c := range cands {
			c.features[at] = 0
			if best > 0 {
				c.features[at] = c.features[base] / best
			}
		}
	}
	for _, c := range cands {
		c.features[n-1] = 0
		if cands[0].score > 0 {
			c.features[n-1] = c.score / cands[0].score
		}
	}
}

// The indexes of sentence features the question's features read.
var (
	holdsKind     = slices.Index(sentenceFeatureNames, "holds_kind")
	subjectWindow = slices.Index(sentenceFeatureNames, "subject_window")
)

// kindSlug names a kind in a feature name: "how many" → "how_many".
func kindSlug(k text.Kind) string {
	return strings.NewReplacer(" ", "_", "/", "_", "(", "", ")", "").Replace(k.String())
}

// questionInput is what a question's features are computed from.
type questionInput struct {
	f     *featurizer
	cands []candidate
}

// questionFeature is one feature of a question for the decision to answer.
type questionFeature struct {
	name  string
	value func(*questionInput) float64
}

// The decision to answer reads, besides a few features of the question
// itself (questionFeatures), the best sentence probability (max_prob) and
// some features of the likeliest sentence (top_NAME, ofLikeliest: is it
// hedged, does it give another measure than the one asked).

var questionFeatures = []questionFeature{
	// It asks what happened in a year later than every passage's document.
	{"future_year", func(in *questionInput) float64 { return b2f(in.f.futureYear()) }},
	// The hand-set rule found a fitting sentence.
	{"rule_fits", func(in *questionInput) float64 {
		return b2f(slices.ContainsFunc(in.cands, func(c candidate) bool { return c.fits }))
	}},
	// It asks how many of something no passage counts ("how many seats"
	// over passages counting fans, or nothing).
	{"unit_uncounted", func(in *questionInput) float64 { return b2f(in.f.ask.otherWords) }},
	// A sentence holds the kind asked with the subject in its window.
	{"holds_subject", func(in *questionInput) float64 {
		return b2f(slices.ContainsFunc(in.cands, func(c candidate) bool {
			return c.features[holdsKind] == 1 && c.features[subjectWindow] == 1
		}))
	}},
}

// ofLikeliest are the sentence features the decision reads of the
// likeliest sentence (top_NAME), and ofBest those it reads as their best
// value among the candidates (best_NAME): whether a sentence holds the
// kind of fact asked (each kind apart: a why question whose passages give
// a reason is answered more often than a who question whose passages
// name someone), with the question's subject, how much of the question it
// and its passage cover, and its near misses (hedged, another measure).
// Where a sentence is (its rank, paragraph, length, whether it quotes)
// is left out: it reads differently over a corpus of five documents than
// over the 609 trained on, and every sentence feature together answered
// "how many seats" over a small corpus that counts none (docs/evaluation.md,
// seventh pass). A new one is one word here and a retraining.
var ofLikeliest = []string{
	"holds_kind", "holds_subject", "cover_passage", "cover_window", "cover", "subject_sentence", "subject_window",
	"predicate", "hedged", "other_measure", "is_question", "in_role", "new_name", "person_name", "align", "dense",
	"holds_why", "holds_what_did_X_say", "holds_where", "holds_when", "holds_who", "holds_how_many", "holds_how_much", "holds_how_much_money",
}

// ofBest: see ofLikeliest.
var ofBest = []string{
	"holds_kind", "cover_window", "holds_subject", "align", "dense",
	"holds_why", "holds_what_did_X_say", "holds_where", "holds_when", "holds_who", "holds_how_many", "holds_how_much", "holds_how_much_money",
}

// likeliestAt and bestAt are the indexes of ofLikeliest and ofBest among
// the sentence features.
var likeliestAt, bestAt = sentenceIndexes(ofLikeliest), sentenceIndexes(ofBest)

// sentenceIndexes returns the indexes of names among the sentence
// features.
func sentenceIndexes(names []string) []int {
	var at []int
	for _, n := range names {
		i := slices.Index(sentenceFeatureNames, n)
		if i < 0 {
			panic("answer: no sentence feature " + n)
		}
		at = append(at, i)
	}
	return at
}

// topAt is where the top_NAME features start: after max_prob and
// questionFeatures.
var topAt = 1 + len(questionFeatures)

// questionFeatureNames name the question features in order.
var questionFeatureNames = func() []string {
	names := []string{"max_prob"}
	for _, qf := range questionFeatures {
		names = append(names, qf.name)
	}
	for _, n := range ofLikeliest {
		names = append(names, "top_"+n)
	}
	for _, n := range ofBest {
		names = append(names, "best_"+n)
	}
	return append(names, orderFeatures...)
}()

// orderFeatures are the question features read from the forest ordering
// the sentences (Model.Order): the best sentence's margin, its lead over
// the second's, and how many sentences come near it (the log of the sum
// of the five best margins' exponentials over the best's). A question the
// passages answer has one sentence far ahead; one they do not, several
// alike and none sure. Zero without a forest.
var orderFeatures = []string{"order_margin", "order_lead", "order_crowd"}

// orderAt is where the orderFeatures start among the question features.
var orderAt = topAt + len(ofLikeliest) + len(ofBest)

// featurizer computes the features of one question's candidate sentences.
type featurizer struct {
	ix      *retrieval.Index
	q       *retrieval.Question
	res     *retrieval.Results
	ask     asked
	kind    text.Kind
	short   bool
	context []string       // the question's known words other than those saying what is asked
	subject string         // the rarest of them
	total   float64        // their IDF weight
	docRank map[string]int // each passage's document's rank among them
	// measures are what the question asks to measure (text.Measures).
	measures map[string]bool
	// prospective is set when the question asks what is expected ("when
	// will the appeal be heard").
	prospective bool
	// meaning compares sentences with the question by word vectors.
	meaning *meaning
}

// newFeaturizer reads the question once; earlier are a follow-up's terms
// from the questions before it, which hold its subject more often than it
// does ("what was his previous job").
func newFeaturizer(ix *retrieval.Index, q *retrieval.Question, res *retrieval.Results, ask asked, short bool, earlier []string) *featurizer {
	f := &featurizer{ix: ix, q: q, res: res, ask: ask, kind: q.Kind, short: short, docRank: map[string]int{}, measures: text.Measures(q.Text),
		prospective: text.Hedged(q.Text) || slices.ContainsFunc(text.Words(text.Normalize(q.Text)), text.IsProspective)}
	for _, h := range res.Hits {
		if _, ok := f.docRank[h.Doc.ID]; !ok {
			f.docRank[h.Doc.ID] = len(f.docRank)
		}
	}
	for _, t := range append(slices.Clone(ask.context), earlier...) {
		if !ix.Knows(t) || slices.Contains(f.context, t) {
			continue
		}
		f.context = append(f.context, t)
		f.total += ix.IDF(t)
	}
	f.subject = subjectOf(ix, f.context)
	f.meaning = newMeaning(ix, q.Text)
	return f
}

// subjectOf is the rarest of terms the index knows, a role only when
// nothing else is asked about: in "who's check point's ceo" the role is
// what is asked and the company what it is about.
func subjectOf(ix *retrieval.Index, terms []string) string {
	subject, rarest, role := "", 0.0, true
	for _, t := range terms {
		if !ix.Knows(t) {
			continue
		}
		isRole := text.IsRoleTerm(t)
		if w := ix.IDF(t); subject == "" || (role && !isRole) || (isRole == role && w > rarest) {
			subject, rarest, role = t, w, isRole
		}
	}
	return subject
}

// share is the IDF share of the question's context words that have holds.
func (f *featurizer) share(have map[string]bool) float64 {
	if f.total == 0 {
		return 0
	}
	got := 0.0
	for _, t := range f.context {
		if have[t] {
			got += f.ix.IDF(t)
		}
	}
	return got / f.total
}

// hasSubject is 1 when have holds the question's subject.
func (f *featurizer) hasSubject(have map[string]bool) float64 {
	return b2f(f.subject != "" && have[f.subject])
}

// holds reports whether sentence s (after prev) holds the kind of fact
// asked; for a kind with nothing to check (yes/no, how, other) every
// sentence does, as Kind.Holds says, so that such questions' sentences
// are not all marked down for lacking what nothing could show.
func (f *featurizer) holds(s, prev string) bool {
	if !slices.Contains(heldKinds, f.kind) {
		return true
	}
	return f.ask.typed(s, prev)
}

// sentence computes a candidate's features; score_rel is set once every
// candidate is scored (candidates).
func (f *featurizer) sentence(in sentenceInput) []float64 {
	in.f = f
	in.holds = f.holds(in.body, in.prev)
	x := make([]float64, 0, len(sentenceFeatureNames))
	for _, sf := range sentenceFeatures {
		x = append(x, sf.value(&in))
	}
	for _, k := range heldKinds {
		x = append(x, b2f(in.holds && f.kind == k))
	}
	return append(x, make([]float64, len(relativeFeatures)+1)...)
}

// question computes the question's features from its candidates, their
// probabilities and the forest's margins for them (nil: no forest).
func (f *featurizer) question(cands []candidate, probs, margins []float64) []float64 {
	in := questionInput{f: f, cands: cands}
	x := make([]float64, len(questionFeatureNames))
	for i, qf := range questionFeatures {
		x[1+i] = qf.value(&in)
	}
	setProbs(x, probs, margins, func(i int) []float64 { return cands[i].features })
	return x
}

// setProbs sets a question's features that come from its sentences, whose
// features are features(i): the best probability (max_prob), the
// likeliest sentence's features of ofLikeliest (top_NAME) and the best
// values of ofBest (best_NAME), and the orderFeatures of margins, the
// forest's (nil: none).
func setProbs(x, probs, margins []float64, features func(i int) []float64) {
	x[0] = 0
	clear(x[topAt:])
	if len(probs) == 0 {
		return
	}
	top := 0
	for i, p := range probs {
		if p > probs[top] {
			top = i
		}
	}
	x[0] = probs[top]
	for j, at := range likeliestAt {
		x[topAt+j] = features(top)[at]
	}
	best := x[topAt+len(ofLikeliest):]
	for i := range probs {
		for j, at := range bestAt {
			if v := features(i)[at]; i == 0 || v > best[j] {
				best[j] = v
			}
		}
	}
	setMargins(x[orderAt:], margins)
}

// setMargins sets the orderFeatures (x) of a question's sentence margins.
func setMargins(x, margins []float64) {
	if len(margins) == 0 {
		return
	}
	m := slices.Sorted(slices.Values(margins))
	slices.Reverse(m)
	x[0] = m[0]
	if len(m) > 1 {
		x[1] = m[0] - m[1] // a lone sentence leads nothing: 0
	}
	var crowd float64
	for _, v := range m[:min(5, len(m))] {
		crowd += math.Exp(v - m[0])
	}
	x[2] = math.Log(crowd)
}

// futureYear reports whether the question asks what happened in a year
// later than the publication year of every retrieved document: "who won
// the 2024 election", "spotify q2 2024 revenue" over articles of 2023
// cannot be answered by them; "india gdp forecast for 2030" can.
func (f *featurizer) futureYear() bool {
	if slices.ContainsFunc(text.Words(text.Normalize(f.q.Text)), text.IsProspective) {
		return false
	}
	latest := 0
	for _, h := range f.res.Hits {
		if t, ok := h.Doc.PublishedTime(); ok {
			latest = max(latest, t.Year())
		}
	}
	if latest == 0 {
		return false
	}
	for _, sp := range text.Years(f.q.Text) {
		if y, _ := strconv.Atoi(f.q.Text[sp.Start:sp.End]); y > latest {
			return true
		}
	}
	return false
}

// nameInRole reports whether body places a name the question does not
// hold next to one of the question's own words ("CEO Dan Clancy").
func nameInRole(a asked, body string) bool {
	_, _, ok := inRole(a, []candidate{{body: body, fits: true}})
	return ok
}

// personName reports whether s names someone the question does not: two
// or more capitalised words in a row. At the sentence's start they must
// open with a name ("Gary Wang, the co-founder …"), not with a word any
// sentence may open with capitalised ("Steam Deck …").
func (f *featurizer) personName(s string) bool {
	for _, n := range namePhrases(s) {
		if len(strings.Fields(n)) >= 2 && (!strings.HasPrefix(s, n) || opensWithName(n)) && !namedIn(n, f.q) && personLike(n) {
			return true
		}
	}
	return false
}

// opensWithName reports whether the first word of phrase n is a name
// whichever sentence it opens: WordNet knows it only as a name ("Kingsley",
// "Gary"), or it is a frequent word WordNet does not list (text.IsUnlisted:
// "Danny": nameWord). A rarer first name at a sentence's start is not
// counted.
func opensWithName(n string) bool { return nameWord(strings.Fields(n)[0]) }

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
