package answer

import (
	"cmp"
	"log/slog"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/text"
)

// ExtractiveLabel tells readers an extractive answer is quoted, not written.
const ExtractiveLabel = "Quotes from the documents (no model configured: these are the most relevant sentences, verbatim)"

// candidate is a sentence of the retrieved passages, with every place it
// occurs: the same sentence in several documents is quoted once, citing each.
type candidate struct {
	at    []place
	body  string
	terms map[string]bool // its index terms
	score float64
	// fits is set when, for a short question, the sentence holds the kind
	// of fact asked and, with the sentence before it and its headline, the
	// question's subject (see asked).
	fits bool
	// prob is the learned probability that it answers the question
	// (Model.Sentence), set with a model: a short answer rests only on a
	// sentence the model is sure of, whatever orders the quotes.
	prob float64
	// features are what the learned decisions read (features.go).
	features []float64
	// byWindow is set for a short question's sentence sharing none of
	// its words, a candidate by the sentence before it and its headline
	// (Tune.WindowCandidates): it may be the answer's first quote, never
	// one more beside another.
	byWindow bool
}

// place is where a candidate sentence occurs: a hit and the sentence's
// offsets in the hit's document.
type place struct {
	hit        int
	start, end int
	// headline is set when the sentence is its document's title, which is
	// quoted and cited as the headline (paragraph 0).
	headline bool
}

// noOneNamed reports a "who" question none of whose candidate sentences
// names anyone, a person, an organisation or a doer ("the dredging
// contractor"): the documents do not say who, whatever else they say of
// it ("the dredging work was paid for twice").
func noOneNamed(q *retrieval.Question, cands []candidate) bool {
	return q.Kind == text.AskWho && !slices.ContainsFunc(cands, func(c candidate) bool { return c.features[holdsKindAt] > 0 })
}

// holdsKindAt is the index of the holds_kind sentence feature.
var holdsKindAt = slices.Index(sentenceFeatureNames, "holds_kind")

// Extract builds an extractive answer: the sentences of the retrieved
// passages that best answer the question, quoted verbatim, each checked
// against its document before it is kept. Headings, promotions, captions
// and table rows are never quoted; a sentence found in several documents is
// quoted once, citing each.
func Extract(ix *retrieval.Index, question string, res *retrieval.Results) *Answer {
	return ExtractWith(ix, question, res, DefaultModel())
}

// ExtractWith is Extract with the learned decisions of m (nil: the
// hand-set rules alone).
func ExtractWith(ix *retrieval.Index, question string, res *retrieval.Results, m *Model) *Answer {
	a := &Answer{Question: question, Results: res}
	if hardDecline(res, m) {
		a.Kind = NotFound
		a.Missing = missing(res)
		a.Unknown = res.UnknownNames
		return a
	}
	r := read(ix, question, res)
	q, ask, oneFact, cands := r.q, r.ask, r.oneFact, r.cands
	learned := m != nil && !res.Lenient && oneFact
	if learned {
		probs := make([]float64, len(cands))
		for i := range cands {
			probs[i] = m.Sentence.Prob(cands[i].features)
		}
		margins := m.Order.Margins(cands)
		pa := m.Answerable.Prob(r.fz.question(cands, probs, margins))
		slog.Debug("decision to answer", "probability", pa, "threshold", m.minAnswerable())
		if role := ask.roleAbsent(res); role != "" && len(missing(res)) == 0 {
			// Who holds an office no passage names: nothing to quote.
			a.Kind = NotFound
			a.Mentions = slices.DeleteFunc(ask.mentioned(ix, res), func(w string) bool { return strings.EqualFold(w, role) })
			a.Lacks = "no passage names a “" + role + "” for this"
			if len(a.Mentions) > 0 {
				a.Lacks = "no passage about it names a “" + role + "”"
			}
			return a
		}
		if pa < m.minAnswerable() || noOneNamed(q, cands) {
			a.Kind = NotFound
			a.Missing = missing(res)
			if oneFact && len(a.Missing) == 0 && q.Kind != text.AskYesNo {
				a.Lacks = ask.lacks(cands)
				a.Mentions = ask.mentioned(ix, res)
			}
			return a
		}
		// The learned probability orders a short question's sentences and
		// says which hold the fact asked.
		// The forest, when the model has one, orders them and weighs
		// which are quoted (Forest).
		rank := make(map[string]float64, len(cands))
		for i := range cands {
			cands[i].score, cands[i].prob = probs[i], probs[i]
			if m.Order != nil {
				rank[cands[i].body] = margins[i]
				cands[i].score = logistic(margins[i])
			} else {
				rank[cands[i].body] = m.Rank.Score(cands[i].features)
			}
			cands[i].fits = probs[i] >= Tune.MinSentence
		}
		slices.SortStableFunc(cands, func(x, y candidate) int { return cmp.Compare(rank[y.body], rank[x.body]) })
	} else if !res.Answerable {
		a.Kind = NotFound
		a.Missing = missing(res)
		a.Unknown = res.UnknownNames
		return a
	} else if oneFact && !res.Lenient && q.Kind != text.AskYesNo && !slices.ContainsFunc(cands, func(c candidate) bool { return c.fits }) {
		// No sentence of the passages holds the fact asked of this subject.
		a.Kind = NotFound
		a.Lacks = ask.absentFact()
		a.Mentions = ask.mentioned(ix, res)
		return a
	}
	if len(res.OutletsViaPassages) > 0 {
		// "What did Reuters report …" with no Reuters article in the
		// corpus: only sentences naming Reuters can say.
		cands = slices.DeleteFunc(cands, func(c candidate) bool {
			return !slices.ContainsFunc(res.OutletsViaPassages, func(o string) bool { return namesOutlet(c.body, o) })
		})
		if len(cands) == 0 {
			a.Missing = res.OutletsViaPassages
		}
	}
	if len(cands) == 0 {
		a.Kind = NotFound
		return a
	}
	a.Kind = Extractive
	a.Label = ExtractiveLabel
	floor := Tune.MinQuoteShare
	switch {
	case oneFact && m != nil && !res.Lenient:
		floor = Tune.QuoteShare
	case oneFact:
		floor = Tune.MinQuoteShareOneFact
	}
	novelty := Tune.Novelty
	if oneFact && m != nil && m.Order != nil && !res.Lenient {
		novelty = Tune.OrderNovelty
	}
	picked := pick(ix, q, res, cands, floor, novelty)
	if oneFact {
		// The fact asked comes first: fitting sentences before the others.
		slices.SortStableFunc(picked, func(x, y candidate) int {
			switch {
			case x.fits && !y.fits:
				return -1
			case y.fits && !x.fits:
				return 1
			}
			return 0
		})
	}
	short, shortFrom := "", map[string]bool{} // the short answer and the quotes it rests on
	if q.Kind == text.AskWho {
		pt := newPassages(res, q.Kind)
		var (
			name          string
			from, support candidate
			ok            bool
		)
		if oneFact {
			// A short question's short answer is the name a fitting
			// sentence gives in the role asked ("Dr. Richard Gray, CEO of
			// Mayo Clinic Arizona"), or none.
			name, support, ok = inRole(ask, cands)
			lead := namingLead(cands)
			if !ok && learned && len(cands) > 0 && !deedElsewhere(ask, cands) {
				// No name in the role asked: the one the first-ranked
				// sentence opens with, doing what it says ("Page described
				// as “just complete garbage” …" for "who denied …"),
				// unless the sentences tell of the deed asked done to
				// something else ("India has won the last two matches"
				// for "who won the club world cup").
				if n, found := subjectName(ask, cands[lead]); found {
					name, support, ok = n, cands[lead], true
				}
			}
			if ok && learned {
				// Only from the first-ranked sentence naming anyone, when
				// the model is sure it answers and the question's subject
				// is in its window (Slack's CEO is no answer to "whos
				// target's ceo"): when unsure, the quotes alone.
				ok = (support.body == cands[0].body || support.body == cands[lead].body) && support.prob >= Tune.MinShort &&
					support.features[subjectWindow] == 1
			}
			if ok {
				// The sentence giving the full name is quoted too.
				name = fullestForm(q, pt, name, commonIn(res), docOf(res, support))
				from, ok = sentenceWith(q, pt, cands, name)
			}
			// A person asked for by one word is someone the passages name
			// in full somewhere ("Bankman-Fried"), not a company
			// ("Instagram").
			ok = ok && (!q.Person || strings.Contains(name, " ") || namedInFull(pt, name))
		} else {
			name, from, support, ok = shortAnswer(q, pt, cands)
			// A name the sentences agree on is no answer to a short
			// question asking who did a deed ("who won browns bears, the
			// hail mary game": "Chicago") unless a sentence has it do the
			// deed. A long question describes its answer by several deeds
			// ("Who became … and is supporting …"): the agreement decides.
			ok = ok && (ask.did == "" || len(text.Words(q.Text)) > Tune.MaxShortWords || didDeed(ask, cands, name))
		}
		// A one-fact question's short answer needs a sentence saying the
		// thing asked, not one that merely names the same team.
		if ok && (q.Facts() > 1 || predicateCoverage(ix, q, support.body) >= Tune.MinPredicateCoverage) {
			short = name
			// It cites the sentence giving the name in full and the one
			// saying what was asked; both are quoted, first, in place of
			// the last ranked others.
			n := len(picked)
			for _, c := range []candidate{support, from} {
				if c.body == "" || shortFrom[c.body] {
					continue
				}
				shortFrom[c.body] = true
				picked = slices.DeleteFunc(picked, func(p candidate) bool { return p.body == c.body })
				picked = append([]candidate{c}, picked...)
			}
			picked = picked[:max(n, len(shortFrom))]
		}
	}
	for _, c := range picked {
		var cites []int
		for _, p := range c.at {
			h := res.Hits[p.hit]
			body, paragraph := h.Doc.Text, 0
			if p.headline {
				body = h.Doc.Title
			} else {
				paragraph = h.Doc.ParagraphAt(p.start)
			}
			quote := body[p.start:p.end]
			if !Verbatim(body, quote) {
				a.Warnings = append(a.Warnings, "dropped a quote that did not match its source")
				continue
			}
			n := len(a.Sources) + 1
			a.Sources = append(a.Sources, Source{
				N: n, DocID: h.Doc.ID, Title: h.Doc.Title, Source: h.Doc.Source, Byline: h.Doc.Byline,
				URL: h.Doc.URL, Date: h.Doc.Date(), Paragraph: paragraph, Quote: quote, Passage: h.Chunk.Text,
			})
			cites = append(cites, n)
		}
		if len(cites) > 0 {
			a.Sentences = append(a.Sentences, Sentence{Text: "“" + c.body + "”", Cites: cites})
			if shortFrom[c.body] {
				if a.Short == nil {
					a.Short = &Short{Text: short}
				}
				a.Short.Cites = append(a.Short.Cites, cites...)
			}
		}
	}
	if len(a.Sentences) == 0 {
		a.Kind = NotFound
		a.Label = ""
		return a
	}
	a.Unmentioned = unmentioned(ix, q, a.Sentences)
	return a
}

// unmentioned returns the question's specific names (outlets aside) that no
// quote mentions: "Who won the Nobel Prize in Literature?" answered with
// quotes about the medicine and chemistry prizes.
func unmentioned(ix *retrieval.Index, q *retrieval.Question, quotes []Sentence) []string {
	have := map[string]bool{}
	for _, s := range quotes {
		for _, t := range text.Terms(s.Text) {
			have[t] = true
		}
	}
	var out []string
	for _, name := range q.Names {
		if slices.Contains(out, name) || slices.Contains(q.Sources, name) || slices.ContainsFunc(q.Sources, func(src string) bool { return strings.Contains(src, name) }) {
			continue
		}
		for _, w := range text.Words(name) {
			t := text.Term(w)
			if !text.IsStopWord(w) && ix.Specificity(t) >= Tune.CaveatSpecificity && !have[t] {
				out = append(out, name)
				break
			}
		}
	}
	return out
}

// namesOutlet reports whether a sentence names the outlet, ignoring case
// and a leading "The".
func namesOutlet(sentence, outlet string) bool {
	return text.ContainsWord(strings.ToLower(sentence), strings.ToLower(strings.TrimPrefix(outlet, "The ")))
}

// shortAnswer finds, for a question asking who, the name that the best
// sentences agree on and the question does not name: each name weighs the
// scores of the sentences holding it, and it must hold at least
// Tune.MinShortShare of all names' weight and occur in two sentences. It returns
// the name in its fullest form ("Sam Bankman-Fried" over "Bankman-Fried")
// and the best sentence holding that form, or "" when no name stands out.
func shortAnswer(q *retrieval.Question, pt *passages, cands []candidate) (name string, from, support candidate, ok bool) {
	common := commonIn(pt.Results)
	// A one-word name answers a question asking for an individual only as
	// a surname the passages' documents give in full ("Bankman-Fried").
	individual := text.AsksIndividual(q.Text)
	surname := func(name string) bool { return pt.surnames()[name] }
	type entity struct {
		weight    float64
		sentences int
		forms     []string
	}
	byKey := map[string]*entity{}
	total := 0.0
	for _, c := range cands[:min(Tune.ShortDepth, len(cands))] {
		seen := map[string]bool{}
		for _, name := range pt.phrases(c.body) {
			name = trimCommon(name, common)
			if name == "" || namedIn(name, q) || (q.Person && !personLike(name)) || len(strings.Fields(name)) > 3 || common(name) || !printableName(c.body, name, strings.Index(c.body, name)) {
				continue
			}
			key := strings.ToLower(lastWord(name))
			if individual && !strings.Contains(name, " ") && !surname(name) {
				// An individual asked for: "Alameda" is no one's name, but
				// it still takes its share of the names the sentences give.
				if !seen[key] {
					seen[key] = true
					total += c.score
				}
				continue
			}
			e := byKey[key]
			if e == nil {
				e = &entity{}
				byKey[key] = e
			}
			e.forms = append(e.forms, name)
			if !seen[key] {
				seen[key] = true
				e.weight += c.score
				e.sentences++
				total += c.score
			}
		}
	}
	var best *entity
	for _, e := range byKey {
		if best == nil || e.weight > best.weight || (e.weight == best.weight && e.forms[0] < best.forms[0]) {
			best = e
		}
	}
	if best == nil || best.sentences < 2 || best.weight < Tune.MinShortShare*total {
		return "", candidate{}, candidate{}, false
	}
	// The most frequent form, and a person's full name over the surname
	// alone ("Sam Bankman-Fried" for "Bankman-Fried") when a quotable
	// sentence gives it.
	count := map[string]int{}
	for _, f := range best.forms {
		count[f]++
	}
	form := best.forms[0]
	for f, n := range count {
		if n > count[form] || n == count[form] && f < form {
			form = f
		}
	}
	// The best sentence naming it, the one that says what was asked.
	for _, c := range cands {
		if strings.Contains(c.body, form) {
			support = c
			break
		}
	}
	form = fullestForm(q, pt, form, common, docOf(pt.Results, support))
	if from, ok := sentenceWith(q, pt, cands, form); ok {
		return form, from, support, true
	}
	return "", candidate{}, candidate{}, false
}

// sentenceWith returns the best quotable sentence of the passages holding
// name: a candidate, or any sentence of the hits or, failing those, of
// their documents.
func sentenceWith(q *retrieval.Question, pt *passages, cands []candidate, name string) (candidate, bool) {
	for _, c := range cands {
		if strings.Contains(c.body, name) {
			return c, true
		}
	}
	for _, s := range slices.Concat(pt.hits(), pt.docs()) {
		if strings.Contains(s.body, name) && pt.quotable(s.body) {
			return candidate{at: []place{s.at}, body: s.body, terms: termSet(s.body)}, true
		}
	}
	return candidate{}, false
}

// fullestForm returns, for a one-word name, the fullest form a quotable
// sentence of the passages gives: "Sam Bankman-Fried" for "Bankman-Fried",
// "Manchester United" for "United" (twice at least, unless a person is
// asked for); the name itself otherwise. common tells a sentence's
// capitalised common word from a name.
func fullestForm(q *retrieval.Question, pt *passages, form string, common func(string) bool, doc string) string {
	if !strings.Contains(form, " ") {
		// The fullest form a quotable sentence of the passages gives:
		// "Sam Bankman-Fried" for "Bankman-Fried", "Manchester United" for
		// "United" (twice at least, unless a person is asked for).
		fulls := map[string]int{}
		count := func(sentences []hitSentence) {
			pt.countFullNames(fulls, q, sentences, common, func(w []string) bool { return w[len(w)-1] == form })
		}
		// A story's surname is the person it names in full: the document
		// of the sentence naming them decides first ("Bankman-Fried" in a
		// story naming only Sam, though another story names Gabe too).
		if doc != "" {
			in := func(ss []hitSentence) []hitSentence {
				return slices.DeleteFunc(slices.Clone(ss), func(s hitSentence) bool { return pt.Hits[s.at.hit].Doc.ID != doc })
			}
			count(slices.Concat(in(pt.hits()), in(pt.docs())))
			if full := dominant(fulls, q.Person); full != "" {
				return full
			}
			clear(fulls)
		}
		count(pt.hits())
		if len(fulls) == 0 {
			// A story names a person in full once, at the start: the
			// passages' documents.
			count(pt.docs())
		}
		if full := dominant(fulls, q.Person); full != "" {
			return full
		}
		if short := shortenedFrom(q, pt, form, common); short != "" {
			return short
		}
	}
	return form
}

// docOf returns the ID of the document candidate c was found in first
// ("" for none).
func docOf(res *retrieval.Results, c candidate) string {
	if len(c.at) == 0 {
		return ""
	}
	return res.Hits[c.at[0].hit].Doc.ID
}

// countFullNames adds to fulls each name of two or three words that the
// quotable sentences give and keep accepts (by its words): a candidate
// full form of a shorter name.
func (pt *passages) countFullNames(fulls map[string]int, q *retrieval.Question, sentences []hitSentence, common func(string) bool, keep func(words []string) bool) {
	for _, s := range sentences {
		if !pt.quotable(s.body) {
			continue
		}
		for _, f := range pt.phrases(s.body) {
			if w := strings.Fields(f); len(w) > 1 && len(w) <= 3 && keep(w) && !repeatsWord(f) && !common(w[0]) {
				fulls[f]++
			}
		}
	}
}

// dominant returns the full form named most often in fulls, counted
// twice at least unless a person is asked for, and, as two people may
// share a surname ("Sam" and "Gabe Bankman-Fried"), named at least twice
// as often as any other; "" when none is.
func dominant(fulls map[string]int, person bool) string {
	full, most, second := "", 0, 0
	for f, n := range fulls {
		if n > most || n == most && f < full {
			full, most, second = f, n, most
		} else if n > second {
			second = n
		}
	}
	if full != "" && (person || most >= 2) && most >= 2*second {
		return full
	}
	return ""
}

// shortenedFrom returns the name a one-word short form is cut from, as the
// passages' documents give it at least twice and more often than any
// other: "Federal Reserve" for "Fed". "" when there is none.
func shortenedFrom(q *retrieval.Question, pt *passages, form string, common func(string) bool) string {
	if utf8.RuneCountInString(form) < 3 || strings.ToUpper(form) == form {
		return ""
	}
	fulls := map[string]int{}
	pt.countFullNames(fulls, q, slices.Concat(pt.hits(), pt.docs()), common, func(w []string) bool {
		return len(w[0]) > len(form) && strings.HasPrefix(w[0], form)
	})
	full, most, second := "", 0, 0
	for f, n := range fulls {
		if n > most || n == most && f < full {
			full, most, second = f, n, most
		} else if n > second {
			second = n
		}
	}
	if most >= 2 && most > second {
		return full
	}
	return ""
}

// namedInFull reports whether a sentence of the passages gives a fuller
// form of the one-word name: "Sam Bankman-Fried" for "Bankman-Fried".
func namedInFull(pt *passages, name string) bool {
	return slices.ContainsFunc(pt.hits(), func(s hitSentence) bool {
		return slices.ContainsFunc(pt.phrases(s.body), func(f string) bool {
			w := strings.Fields(f)
			return len(w) > 1 && w[len(w)-1] == name
		})
	})
}

// commonIn returns the test of a capitalised word that is also written in
// lower case in the passages: a headline's or sentence's capital, not a
// name ("Announced").
func commonIn(res *retrieval.Results) func(string) bool {
	var lower strings.Builder
	for _, h := range res.Hits {
		lower.WriteString(h.Chunk.Text)
		lower.WriteByte(' ')
	}
	passages := lower.String()
	return func(name string) bool {
		if strings.Contains(name, " ") {
			return false
		}
		l := strings.ToLower(name)
		return l != name && text.ContainsWord(passages, l)
	}
}

// hitSentence is a sentence of a retrieved passage and where it is.
type hitSentence struct {
	body string
	at   place
}

// passages are an answer's retrieved passages, with the sentences of
// them and of the rest of their documents each read once, when first
// needed (a long question's short answer looks for a name's full form
// in them many times).
type passages struct {
	*retrieval.Results
	// kind is the kind of question asked, which decides what may be
	// quoted (quotable).
	kind       text.Kind
	hits, docs func() []hitSentence
	// surnames are the last words of the names of two words or more the
	// passages and their documents give: "Bankman-Fried" for "Sam
	// Bankman-Fried".
	surnames func() map[string]bool
	// phraseMemo and quotableMemo hold each sentence's name phrases and
	// whether it may be quoted, as read the first time.
	phraseMemo   map[string][]string
	quotableMemo map[string]bool
}

// phrases returns namePhrases(body), read once.
func (pt *passages) phrases(body string) []string {
	ps, ok := pt.phraseMemo[body]
	if !ok {
		ps = namePhrases(body)
		pt.phraseMemo[body] = ps
	}
	return ps
}

// quotable returns quotable(body, pt.kind), read once.
func (pt *passages) quotable(body string) bool {
	ok, seen := pt.quotableMemo[body]
	if !seen {
		ok = quotable(body, pt.kind)
		pt.quotableMemo[body] = ok
	}
	return ok
}

func newPassages(res *retrieval.Results, kind text.Kind) *passages {
	pt := &passages{Results: res, kind: kind, phraseMemo: map[string][]string{}, quotableMemo: map[string]bool{}}
	pt.hits = sync.OnceValue(func() []hitSentence { return hitSentences(res) })
	pt.docs = sync.OnceValue(func() []hitSentence { return docSentences(res) })
	pt.surnames = sync.OnceValue(func() map[string]bool {
		last := map[string]bool{}
		for _, s := range slices.Concat(pt.hits(), pt.docs()) {
			for _, f := range pt.phrases(s.body) {
				if w := strings.Fields(f); len(w) > 1 {
					last[w[len(w)-1]] = true
				}
			}
		}
		return last
	})
	return pt
}

// hitSentences returns every sentence of the hits, best hit first.
func hitSentences(res *retrieval.Results) []hitSentence {
	var out []hitSentence
	for hi, h := range res.Hits {
		for _, sp := range text.Sentences(h.Chunk.Text) {
			out = append(out, hitSentence{h.Chunk.Text[sp.Start:sp.End], place{hit: hi, start: h.Chunk.Start + sp.Start, end: h.Chunk.Start + sp.End}})
		}
	}
	return out
}

// docSentences returns the sentences of the hits' documents outside the
// passages, each document once, placed in its first hit.
func docSentences(res *retrieval.Results) []hitSentence {
	var out []hitSentence
	seen := map[string]bool{}
	for hi, h := range res.Hits {
		if seen[h.Doc.ID] {
			continue
		}
		seen[h.Doc.ID] = true
		inPassage := func(start, end int) bool {
			return slices.ContainsFunc(res.Hits, func(o retrieval.Hit) bool {
				return o.Doc.ID == h.Doc.ID && start >= o.Chunk.Start && end <= o.Chunk.Start+len(o.Chunk.Text)
			})
		}
		for _, para := range h.Doc.Paragraphs {
			for _, sp := range text.Sentences(h.Doc.Text[para.Start:para.End]) {
				start, end := para.Start+sp.Start, para.Start+sp.End
				if !inPassage(start, end) {
					out = append(out, hitSentence{h.Doc.Text[start:end], place{hit: hi, start: start, end: end}})
				}
			}
		}
	}
	return out
}

// trimCommon drops the leading words of a name that are common words
// ("Though Google" → "Google").
func trimCommon(name string, common func(string) bool) string {
	w := strings.Fields(name)
	for len(w) > 0 && common(w[0]) {
		w = w[1:]
	}
	return strings.Join(w, " ")
}

// personLike reports whether a name could be a person's: not an acronym.
func personLike(name string) bool {
	for _, w := range strings.Fields(name) {
		if strings.ToUpper(w) == w && !isInitial(w) {
			return false
		}
	}
	return true
}

func lastWord(s string) string {
	f := strings.Fields(s)
	return f[len(f)-1]
}

func repeatsWord(s string) bool {
	f := strings.Fields(s)
	for i := range f {
		if slices.Contains(f[i+1:], f[i]) {
			return true
		}
	}
	return false
}

// candidates scores every quotable sentence of the hits, best first, each
// distinct sentence once with all the places it occurs.
func candidates(ix *retrieval.Index, q *retrieval.Question, res *retrieval.Results, weights map[string]float64, ask asked, oneFact bool, fz *featurizer) []candidate {
	var cands []candidate
	byText := map[string]int{}
	docTerms := map[string]map[string]bool{}
	var headlines []candidate // fitting headlines, quoted only when no sentence fits
	add := func(c candidate, key string) {
		byText[key] = len(cands)
		cands = append(cands, c)
	}
	for hi, h := range res.Hits {
		before := ""
		// A short question's sentences are read with their passage and
		// document, and given the features the learned decisions read; a
		// long one's are scored by the hand-set weights alone.
		var passage, document map[string]bool
		if oneFact {
			passage = termSet(h.Chunk.Text)
			if document = docTerms[h.Doc.ID]; document == nil {
				document = termSet(h.Doc.Title + "\n" + h.Doc.Text)
				docTerms[h.Doc.ID] = document
			}
		}
		for _, s := range text.Sentences(h.Chunk.Text) {
			body := h.Chunk.Text[s.Start:s.End]
			prev := before
			before = body
			p := place{hit: hi, start: h.Chunk.Start + s.Start, end: h.Chunk.Start + s.End}
			key := strings.ToLower(NormalizeQuote(body))
			if i, ok := byText[key]; ok {
				// The same sentence again: overlapping chunks of one
				// document, or another document carrying it.
				if !slices.ContainsFunc(cands[i].at, func(o place) bool { return res.Hits[o.hit].Doc.ID == h.Doc.ID }) {
					cands[i].at = append(cands[i].at, p)
				}
				continue
			}
			terms := termSet(body)
			sc := weightOf(ix, weights, terms)
			// A short question's sentence may say its fact of a subject
			// named in the sentence before or the headline ("The reviewer
			// is a materials scientist at …"): its window shares the
			// question's words.
			byWindow := sc <= 0 && oneFact
			if byWindow {
				sc = weightOf(ix, weights, window(body, prev, h.Doc.Title)) * Tune.WindowCandidates
			}
			if sc <= 0 || !quotable(body, q.Kind) {
				continue
			}
			fits := false
			if oneFact {
				// A short question's answer is the sentence holding the
				// fact asked of its subject, not the one repeating its words.
				ctx := ask.contextShare(ix, window(body, prev, h.Doc.Title), passage, document)
				fits = ctx >= Tune.MinContext && (ask.typed(body, prev) || q.Kind == text.AskWho && ctx >= Tune.FullContext)
				sc = weightOf(ix, weights, window(body, prev, h.Doc.Title))*Tune.WindowShare + sc*(1-Tune.WindowShare)
				if fits {
					sc *= 1 + Tune.FitBonus
				}
			} else if answersType(body, q) {
				sc *= 1 + Tune.TypeBonus
			}
			sc *= 1 + Tune.PartWeight*partCoverage(ix, q, terms)
			// Prefer sentences of better-ranked passages, gently.
			sc *= 1 / (1 + 0.1*float64(hi))
			var feats []float64
			if oneFact {
				feats = fz.sentence(sentenceInput{body: body, prev: prev, hit: hi, doc: h.Doc, start: p.start, terms: terms,
					win: window(body, prev, h.Doc.Title), passage: passage, document: document, fits: fits})
			}
			add(candidate{at: []place{p}, body: body, terms: terms, score: sc, fits: fits, features: feats, byWindow: byWindow}, key)
		}
		if title := h.Doc.Title; oneFact && title != "" && quotableHeadline(title) && !slices.ContainsFunc(headlines, func(c candidate) bool { return c.body == title }) {
			terms := termSet(title)
			if ask.typed(title, "") && ask.contextShare(ix, terms, passage, document) >= Tune.MinContext {
				sc := weightOf(ix, weights, terms) * (1 + Tune.PartWeight*partCoverage(ix, q, terms)) / (1 + 0.1*float64(hi))
				feats := fz.sentence(sentenceInput{body: title, hit: hi, doc: h.Doc, terms: terms, win: terms,
					passage: passage, document: document, fits: true, headline: true})
				headlines = append(headlines, candidate{at: []place{{hit: hi, start: 0, end: len(title), headline: true}}, body: title, terms: terms, score: sc, fits: true, features: feats})
			}
		}
	}
	if !slices.ContainsFunc(cands, func(c candidate) bool { return c.fits }) {
		// A headline is the document's text too: quoted when it holds the
		// fact asked and no sentence of the passages does ("TikTok counted
		// 150 million users in the United States"). A headline says all
		// the question's words; a sentence saying the fact says more.
		for _, c := range headlines {
			key := strings.ToLower(NormalizeQuote(c.body))
			if _, dup := byText[key]; !dup {
				add(c, key)
			}
		}
	}
	slices.SortStableFunc(cands, func(x, y candidate) int { return cmp.Compare(y.score, x.score) })
	setRelative(cands)
	return cands
}

// pick chooses the sentences to quote: when the question names two or more
// outlets ("did TechCrunch and The Verge agree"), first each mention's best
// sentence among its outlet's passages, judged by the words around the
// mention, when it scores at least Tune.MinOutletShare of the best sentence; then
// greedily the sentence of the highest score discounted, by the weight
// novelty, by how much of it the quotes already chosen say, down to floor
// times the best.
func pick(ix *retrieval.Index, q *retrieval.Question, res *retrieval.Results, cands []candidate, floor, novelty float64) []candidate {
	n := q.Facts()
	quotes := min(Tune.MaxQuotes, max(Tune.MinQuotes, n+1))
	var out []candidate
	used := make([]bool, len(cands))
	if len(q.Sources) >= 2 {
		for _, cl := range q.Clauses {
			if len(out) == quotes {
				break
			}
			w := map[string]float64{}
			for _, t := range q.Terms {
				w[t] = 1
			}
			for _, t := range text.QueryTerms(cl.Text) {
				w[t] = 2
			}
			best, bestScore := -1, 0.0
			for i, c := range cands {
				if used[i] || c.score < Tune.MinOutletShare*cands[0].score || res.Hits[c.at[0].hit].Doc.Source != cl.Source {
					continue
				}
				if v := weightOf(ix, w, c.terms); v > bestScore {
					best, bestScore = i, v
				}
			}
			if best >= 0 {
				used[best] = true
				out = append(out, cands[best])
			}
		}
	}
	covered := map[string]bool{} // question terms the chosen quotes hold
	mark := func(c candidate) {
		for t := range c.terms {
			covered[t] = true
		}
	}
	for _, c := range out {
		mark(c)
	}
	for len(out) < quotes {
		best, bestV := -1, 0.0
		for i, c := range cands {
			if used[i] || c.score < floor*cands[0].score || c.byWindow && len(out) > 0 {
				continue
			}
			if v := c.score * ((1 - novelty) + novelty*newShare(ix, q, c.terms, covered)); v > bestV {
				best, bestV = i, v
			}
		}
		if best < 0 {
			break
		}
		used[best] = true
		out = append(out, cands[best])
		mark(cands[best])
	}
	return out
}

// newShare is the share of the question's IDF weight held by text that is
// not yet covered (1 when text holds no question term).
func newShare(ix *retrieval.Index, q *retrieval.Question, terms, covered map[string]bool) float64 {
	var all, novel float64
	for _, t := range q.Terms {
		if !terms[t] {
			continue
		}
		all += ix.IDF(t)
		if !covered[t] {
			novel += ix.IDF(t)
		}
	}
	if all == 0 {
		return 1
	}
	return novel / all
}

// predicateCoverage is the largest share of one question part's predicate
// (its terms that are not names: "won", "final", "score") that text holds:
// a name answers a who-question only from a sentence that says the thing
// asked, not one that merely mentions the same team.
func predicateCoverage(ix *retrieval.Index, q *retrieval.Question, body string) float64 {
	names := map[string]bool{}
	for _, n := range q.Names {
		for _, w := range text.Words(n) {
			names[text.Term(w)] = true
		}
	}
	return bestShare(ix, q.Parts, termSet(body), names, 1)
}

// partCoverage is the largest share of one question part's (or outlet
// clause's) IDF weight that the sentence holds.
func partCoverage(ix *retrieval.Index, q *retrieval.Question, terms map[string]bool) float64 {
	pieces := slices.Clone(q.Parts)
	for _, c := range q.Clauses {
		pieces = append(pieces, c.Text)
	}
	return bestShare(ix, pieces, terms, nil, 2)
}

// bestShare is the largest share of one piece's IDF weight (its terms
// outside skip, at least minTerms of them) that have holds, a verb of
// saying standing for any other.
func bestShare(ix *retrieval.Index, pieces []string, have, skip map[string]bool, minTerms int) float64 {
	best := 0.0
	// A verb of saying asked ("what did he add") is held by any other.
	says := false
	for t := range have {
		says = says || text.IsSayingTerm(t)
	}
	for _, p := range pieces {
		terms := slices.DeleteFunc(text.QueryTerms(p), func(t string) bool { return skip[t] })
		if len(terms) < minTerms {
			continue
		}
		var all, got float64
		for _, t := range terms {
			all += ix.IDF(t)
			if have[t] || says && text.IsSayingTerm(t) {
				got += ix.IDF(t)
			}
		}
		if all > 0 {
			best = max(best, got/all)
		}
	}
	return best
}

// termSet returns the index terms of text as a set.
func termSet(body string) map[string]bool {
	have := map[string]bool{}
	for _, t := range text.Terms(body) {
		have[t] = true
	}
	return have
}

// sentenceScore is the weighted IDF of the query terms a sentence contains.
func sentenceScore(ix *retrieval.Index, weights map[string]float64, sentence string) float64 {
	return weightOf(ix, weights, termSet(sentence))
}

// weightOf is the weighted IDF of the query terms in have. It sums in
// billionths, as integers: a float sum in map order differs in its last
// bits from run to run, enough to swap two sentences that score alike.
func weightOf(ix *retrieval.Index, weights map[string]float64, have map[string]bool) float64 {
	var s int64
	for t, w := range weights {
		if have[t] {
			s += int64(math.Round(w * ix.IDF(t) * 1e9))
		}
	}
	return float64(s) / 1e9
}

// Verbatim reports whether quote occurs in text, ignoring differences of
// whitespace and quotation-mark style only.
func Verbatim(body, quote string) bool {
	if quote != "" && strings.TrimSpace(quote) != "" && strings.Contains(body, quote) {
		return true
	}
	q := NormalizeQuote(quote)
	return q != "" && strings.Contains(NormalizeQuote(body), q)
}

var quoteFolder = strings.NewReplacer("“", `"`, "”", `"`, "„", `"`, "‘", "'", "’", "'", "‚", "'", "«", `"`, "»", `"`)

// NormalizeQuote folds typographic quotes to ASCII and collapses whitespace.
func NormalizeQuote(s string) string {
	return strings.Join(strings.Fields(quoteFolder.Replace(s)), " ")
}

// namingLead returns the index of the first-ranked sentence that can name
// who did something: the first, unless it opens with a pronoun ("She said
// the campaign … refused requests") and another follows, which then may.
// A sentence telling of "she" names no one; the short answer is never
// read from it.
func namingLead(cands []candidate) int {
	if len(cands) > 1 && text.IsSubjectPronoun(wordRE.FindString(cands[0].body)) {
		return 1
	}
	return 0
}
