package answer

import (
	"cmp"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/retrieval"
)

// The features the learned decisions read (see learn.go). A feature is a
// number computed the same way at training and at answering; the names are
// stored with the weights, so a model trained on other features is refused.

// sentenceFeatureNames name a candidate sentence's features, in order.
var sentenceFeatureNames = []string{
	"cover",            // IDF share of the question's words in the sentence
	"cover_window",     // … in the sentence, the one before it and the headline
	"cover_passage",    // … in its passage
	"subject_sentence", // the question's rarest known word is in the sentence
	"subject_window",   // … in the window
	"subject_document", // … in its document
	"holds_kind",       // holds the kind of fact asked (a name, date, number, place, cause, quotation)
	"holds_who", "holds_when", "holds_number", "holds_where", "holds_why", "holds_say",
	"rule_fits",      // the hand-set rule's verdict (fact.go)
	"in_role",        // a new name next to one of the question's own words ("CEO Dan Clancy")
	"predicate",      // share of the question's words other than names
	"part",           // largest share of one question part
	"hit_rank",       // 1/(1+rank) of its passage
	"hit_score",      // its passage's score over the best passage's
	"paragraph",      // 1/(1+paragraph) in its document
	"log_words",      // its length
	"is_question",    // it asks rather than tells
	"quotation",      // it holds a quotation mark
	"new_name",       // a capitalised name the question does not hold
	"has_number",     // a digit or number word
	"headline",       // it is its document's headline
	"score_rel",      // the hand-set score over the best sentence's
	"short_question", // the question asks one fact
	"person_name",    // a name of two or more capitalised words the question does not hold
	"attributed",     // a quotation attributed by a verb of saying
}

// questionFeatureNames name a question's features for the decision to
// answer or decline, in order; the first three come from the sentence model.
var questionFeatureNames = []string{
	"max_prob", "second_prob", "mean_top3",
	"coverage",        // IDF share of the question's words in the passages
	"rule_answerable", // the relevance floor and name checks pass
	"missing_names",   // the question names what no passage mentions
	"future_year",     // it names a year later than every passage's document
	"rule_fits",       // the hand-set rule found a fitting sentence
	"holds_subject",   // a sentence holds the kind asked with the subject near it
	"subject_top",     // the rarest known word is in the best passage
	"best_holds",      // the likeliest sentence holds the kind of fact asked
	"any_holds",       // some sentence holds it (always, for kinds with nothing to hold)
}

// qkind is the kind of fact a question asks, finer than retrieval.AnswerType:
// "why" and "what did X say" apart from the rest.
type qkind int

const (
	kindOther qkind = iota
	kindWho
	kindWhen
	kindNumber
	kindWhere
	kindWhy
	kindSay
	kindYesNo
)

var (
	whyAskRE   = regexp.MustCompile(`(?i)^(?:why|how\s+come)\b|\bwhy(?:'s|’s)?\b|\breasons?\s+(?:for|why|behind)\b`)
	sayAskRE   = regexp.MustCompile(`(?i)\bwhat\s+(?:did|does|do|has|have)\b.*\b(?:say|said|tell|told|think|tweet|write|post)\b|\bsay\s+about\b|\bquotes?\b`)
	causeRE    = regexp.MustCompile(`(?i)\b(?:because|due\s+to|as\s+a\s+result|after|since|amid|following|in\s+order\s+to|so\s+that|citing|cited|reasons?|over|owing\s+to|thanks\s+to|led\s+to|caused?|blamed)\b`)
	sayRE      = regexp.MustCompile(`["“”]|\b(?:said|says|told|tweeted|wrote|added|posted)\b`)
	quoteMarks = regexp.MustCompile(`["“”]`)
	saidRE     = regexp.MustCompile(`\b(?:said|says|told|tweeted|wrote|added|posted|stated|states|explained|urged|continued|joked)\b`)
	basedRE    = regexp.MustCompile(`\b[A-Z][\p{L}.]+(?:\s[A-Z][\p{L}.]+)?-(?:based|headquartered)\b`)
	yearRE     = regexp.MustCompile(`\b(?:19|20)\d\d\b`)
)

// kindOf reads the kind of fact q asks.
func kindOf(q *retrieval.Question) qkind {
	switch {
	case sayAskRE.MatchString(q.Text):
		return kindSay
	case q.Type == retrieval.AskWho:
		return kindWho
	case q.Type == retrieval.AskWhen:
		return kindWhen
	case q.Type == retrieval.AskNumber:
		return kindNumber
	case q.Type == retrieval.AskWhere:
		return kindWhere
	case whyAskRE.MatchString(q.Text):
		return kindWhy
	case q.Type == retrieval.AskYesNo:
		return kindYesNo
	}
	return kindOther
}

// featurizer computes the features of one question's candidate sentences.
type featurizer struct {
	ix      *retrieval.Index
	q       *retrieval.Question
	res     *retrieval.Results
	ask     asked
	kind    qkind
	short   bool
	context []string // the question's known words other than those saying what is asked
	subject string   // the rarest of them
	total   float64  // their IDF weight
}

// newFeaturizer reads the question once; earlier are a follow-up's terms
// from the questions before it, which hold its subject more often than it
// does ("what was his previous job").
func newFeaturizer(ix *retrieval.Index, q *retrieval.Question, res *retrieval.Results, ask asked, short bool, earlier []string) *featurizer {
	f := &featurizer{ix: ix, q: q, res: res, ask: ask, kind: kindOf(q), short: short}
	rarest := 0.0
	for _, t := range append(slices.Clone(ask.context), earlier...) {
		if !ix.Knows(t) {
			continue
		}
		w := ix.IDF(t)
		f.context = append(f.context, t)
		f.total += w
		if w > rarest {
			rarest, f.subject = w, t
		}
	}
	return f
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

// holds reports whether sentence s (after prev) holds the kind of fact asked.
func (f *featurizer) holds(s, prev string) bool {
	switch f.kind {
	case kindWhy:
		return causeRE.MatchString(s)
	case kindSay:
		return sayRE.MatchString(s)
	case kindYesNo, kindOther:
		return false
	case kindWhere:
		return f.ask.typed(s, prev) || basedRE.MatchString(s)
	}
	return f.ask.typed(s, prev)
}

// sentence computes a candidate's features; scoreRel is filled in once
// every candidate is scored.
func (f *featurizer) sentence(text, prev string, hi int, doc *corpus.Document, start int, terms, win, passage, document map[string]bool, fits, headline bool) []float64 {
	x := make([]float64, len(sentenceFeatureNames))
	x[0] = f.share(terms)
	x[1] = f.share(win)
	x[2] = f.share(passage)
	if f.subject != "" {
		x[3] = b2f(terms[f.subject])
		x[4] = b2f(win[f.subject])
		x[5] = b2f(document[f.subject])
	}
	h := f.holds(text, prev)
	x[6] = b2f(h)
	if f.kind >= kindWho && f.kind <= kindSay {
		x[6+int(f.kind)] = b2f(h)
	}
	x[13] = b2f(fits)
	if f.kind == kindWho {
		x[14] = b2f(nameInRole(f.ask, text))
	}
	x[15] = predicateCoverage(f.ix, f.q, text)
	x[16] = partCoverage(f.ix, f.q, terms)
	x[17] = 1 / (1 + float64(hi))
	if top := f.res.Hits[0].Score; top > 0 {
		x[18] = f.res.Hits[hi].Score / top
	}
	if !headline {
		x[19] = 1 / (1 + float64(doc.ParagraphAt(start)))
	} else {
		x[19] = 1
	}
	x[20] = math.Log1p(float64(len(strings.Fields(text))))
	x[21] = b2f(strings.HasSuffix(strings.TrimRight(text, `"”’' `), "?"))
	x[22] = b2f(quoteMarks.MatchString(text))
	x[23] = b2f(len(newNames(text, f.q)) > 0)
	x[24] = b2f(numberRE.MatchString(text))
	x[25] = b2f(headline)
	x[27] = b2f(f.short)
	x[28] = b2f(f.personName(text))
	x[29] = b2f(quoteMarks.MatchString(text) && saidRE.MatchString(text))
	return x
}

// scoreRelIndex is where the relative hand-set score goes.
const scoreRelIndex = 26

// question computes the question's features from the candidates' and
// their probabilities (best first).
func (f *featurizer) question(cands []candidate, probs []float64) []float64 {
	x := make([]float64, len(questionFeatureNames))
	feats := make([][]float64, len(cands))
	for i, c := range cands {
		feats[i] = c.features
	}
	setProbs(x, probs, feats)
	x[3] = f.res.Coverage
	x[4] = b2f(f.res.Answerable)
	x[5] = b2f(len(f.res.MissingNames) > 0 || len(f.res.UnknownOutlets) > 0)
	x[6] = b2f(f.futureYear())
	for _, c := range cands {
		if c.fits {
			x[7] = 1
		}
		if c.features != nil && c.features[6] == 1 && c.features[4] == 1 {
			x[8] = 1
		}
		if c.features != nil && c.features[6] == 1 || f.kind == kindOther || f.kind == kindYesNo {
			x[11] = 1
		}
	}
	if f.subject != "" && len(f.res.Hits) > 0 {
		x[9] = b2f(termSet(f.res.Hits[0].Chunk.Text + "\n" + f.res.Hits[0].Doc.Title)[f.subject])
	}
	return x
}

// setProbs sets a question's features that come from its sentences'
// probabilities: the best, the second best and the mean of the best three,
// and whether the likeliest sentence (features feats) holds the kind asked.
func setProbs(x, probs []float64, feats [][]float64) {
	best := -1.0
	x[10] = 0
	for i, p := range probs {
		if p > best && feats[i] != nil {
			best, x[10] = p, feats[i][6]
		}
	}
	sorted := slices.Clone(probs)
	slices.SortFunc(sorted, func(a, b float64) int { return cmp.Compare(b, a) })
	x[0], x[1], x[2] = 0, 0, 0
	if len(sorted) > 0 {
		x[0] = sorted[0]
	}
	if len(sorted) > 1 {
		x[1] = sorted[1]
	}
	for i := range min(3, len(sorted)) {
		x[2] += sorted[i] / 3
	}
}

// futureYear reports whether the question names a year later than the
// publication year of every retrieved document: "who won the 2024
// election" over articles of 2023 cannot be answered by them.
func (f *featurizer) futureYear() bool {
	latest := 0
	for _, h := range f.res.Hits {
		if t, ok := h.Doc.PublishedTime(); ok {
			latest = max(latest, t.Year())
		}
	}
	if latest == 0 {
		return false
	}
	for _, m := range yearRE.FindAllString(f.q.Text, -1) {
		if y, _ := strconv.Atoi(m); y > latest {
			return true
		}
	}
	return false
}

// nameInRole reports whether text places a name the question does not hold
// next to one of the question's own words ("CEO Dan Clancy").
func nameInRole(a asked, text string) bool {
	_, _, ok := inRole(a, []candidate{{text: text, fits: true}})
	return ok
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// personName reports whether s names someone the question does not: two
// or more capitalised words in a row, after the sentence's first word.
func (f *featurizer) personName(s string) bool {
	for _, n := range namePhrases(s) {
		if len(strings.Fields(n)) >= 2 && !strings.HasPrefix(s, n) && !namedIn(n, f.q) && personLike(n) {
			return true
		}
	}
	return false
}
