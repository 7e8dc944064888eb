package desk

import (
	"cmp"
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

// event is a candidate line of a timeline.
type event struct {
	sentence
	when   time.Time
	note   string // "article date" when the document's date stands in
	dated  bool   // the sentence (or its section's heading) states the day
	period string // the earlier month or year the sentence states ("2020", "Jan 2023"), its day unknown
	rough  bool   // its day is told back from the article's ("two weeks ago"), not stated
	ahead  bool   // the sentence tells of what is to come on its day ("deliveries are set for … November 30")
	entry  int    // under a date heading, 1 + the entry of the page it is in (entryHead); 0 elsewhere
	stamp  bool   // in a live page's entry opening with the time it was written (liveStampRE)
	score  float64
	gate   bool // the hand-set rules take it for an event of the story
	terms  map[string]bool
	others []sentence // the same event in other documents
	// measures are what the event was weighed by, for the tests
	measures map[string]float64
}

// Timeline tells the story of topic in the documents req may see: its
// events, one verbatim sentence each, dated (the day the sentence or its
// section's heading states, else its document's publication date),
// oldest first, the same event in several outlets merged into one line
// citing each. Page furniture is never shown.
//
// A topic of several parts ("canelo alvarez fights, the jermell charlo
// win and the conor mcgregor feud") whose whole tells fewer than
// Tuning.TimelineTopicParts events is the story of each part too: few
// sentences hold the words of every part, each part's do.
func (d *Desk) Timeline(ctx context.Context, req answer.Request, topic string) (*Result, error) {
	var m *TimelineModel
	if d.tuning().TimelineLearned > 0 {
		m = DefaultTimelineModel()
	}
	t, err := d.Draft(ctx, req, topic)
	if err != nil {
		return nil, err
	}
	r := t.Choose(m)
	parts := topicParts(topic)
	if len(r.Lines) >= d.tuning().TimelineTopicParts || len(parts) < 2 {
		return r, nil
	}
	// each part's candidates read against the part's words, the whole's
	// only where no part reads them
	var u *TimelineDraft
	for _, part := range parts {
		pt, err := d.Draft(ctx, req, part)
		if err != nil {
			return nil, err
		}
		if u == nil {
			u = pt
		} else {
			u.add(pt)
		}
	}
	u.add(t)
	u.topic, u.start = t.topic, t.start
	return u.Choose(m), nil
}

// topicPartRE matches what parts a topic: a comma, "and", "or", "&".
var topicPartRE = regexp.MustCompile(`(?i)\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)`)

// maxTopicParts is the most parts a topic is read as (each is a search).
const maxTopicParts = 4

// topicParts are the parts of a topic written as a list ("canelo alvarez
// fights, the jermell charlo win and the conor mcgregor feud"), each of
// two words or more besides stop words, at most maxTopicParts; none when
// it is not such a list. No split falls between two capitalised words:
// "Procter and Gamble", "Johnson & Johnson", "East Palestine, Ohio" and
// "Acme Holdings, Inc." are one name each.
func topicParts(topic string) []string {
	topic = strings.TrimSpace(topic)
	var parts []string
	last := 0
	for _, sep := range topicPartRE.FindAllStringIndex(topic, -1) {
		before, after := strings.Fields(topic[:sep[0]]), strings.Fields(topic[sep[1]:])
		if len(before) == 0 || len(after) == 0 || capitalised(before[len(before)-1]) && capitalised(after[0]) {
			continue
		}
		parts = append(parts, topic[last:sep[0]])
		last = sep[1]
	}
	parts = append(parts, topic[last:])
	if len(parts) < 2 || len(parts) > maxTopicParts {
		return nil
	}
	for _, p := range parts {
		content := slices.DeleteFunc(strings.Fields(p), func(w string) bool { return text.IsStopWord(strings.ToLower(w)) })
		if len(content) < 2 {
			return nil // "simon and schuster layoffs": one name
		}
	}
	return parts
}

// add adds o's candidate events, documents and hits to t's, each once: an
// event t has already is kept as t read it.
func (t *TimelineDraft) add(o *TimelineDraft) {
	type at struct {
		doc        string
		start, end int
	}
	seen := map[at]bool{}
	for _, e := range t.evs {
		seen[at{e.doc.ID, e.start, e.end}] = true
	}
	for _, e := range o.evs {
		if k := (at{e.doc.ID, e.start, e.end}); !seen[k] {
			seen[k] = true
			t.evs = append(t.evs, e)
		}
	}
	for _, doc := range o.docs {
		if !slices.ContainsFunc(t.docs, func(x *corpus.Document) bool { return x.ID == doc.ID }) {
			t.docs = append(t.docs, doc)
		}
	}
	for _, h := range o.hits {
		if !slices.ContainsFunc(t.hits, func(x retrieval.Hit) bool { return x.Chunk.ID == h.Chunk.ID }) {
			t.hits = append(t.hits, h)
		}
	}
}

// TimelineDraft is a timeline's candidate events before the choice of the
// lines shown (Choose): what Timeline shows, and what its learned choice
// is trained on (TimelineModel).
type TimelineDraft struct {
	topic string
	evs   []event
	tu    *Tuning
	start time.Time
	docs  []*corpus.Document
	hits  []retrieval.Hit
}

// Draft retrieves topic's documents and reads their candidate events:
// every sentence the hand-set rules would weigh (those passing their gate
// and those not, for the learned choice).
func (d *Desk) Draft(ctx context.Context, req answer.Request, topic string) (*TimelineDraft, error) {
	start := time.Now()
	tu := d.tuning()
	topic = strings.TrimSpace(topic)
	opts := d.Engine.Search
	opts.K = d.k(tu.TimelinePassages)
	opts.MaxPerDoc = 3
	opts.AllowMissingNames = true
	res, ix, err := d.Engine.Retrieve(ctx, req, topic, opts)
	if err != nil {
		return nil, err
	}
	w, aliased := topicWords(ix, topic)
	w = otherForms(w, topic, tu.SynonymWeight)
	if aliased != topic {
		// the story as it is also written ("SBF trial"): its documents too
		more, _, err := d.Engine.Retrieve(ctx, req, aliased, opts)
		if err != nil {
			return nil, err
		}
		res.Hits = interleave(res.Hits, more.Hits)
	}

	docs := storyDocuments(res.Hits, w, topic, tu)
	w = askersWords(w, docs)
	var evs []event
	for rank, doc := range docs {
		evs = append(evs, candidatesOf(doc, rank, w, tu, true)...)
	}
	relativeCover(evs)
	documentShares(evs)
	return &TimelineDraft{topic: topic, evs: evs, tu: tu, start: start, docs: docs, hits: res.Hits}, nil
}

// Choose returns the timeline of the draft's candidate events: the
// likeliest (by the hand-set score, or by m's when m is not nil), the same
// news in several outlets merged, at most MaxTimelineLines of them (and
// TimelinePeriodLines more that state their own month or year), oldest
// first.
func (t *TimelineDraft) Choose(m *TimelineModel) *Result {
	tu, topic, start := t.tu, t.topic, t.start
	evs := slices.Clone(t.evs)
	switch {
	case m == nil || m.GateOnly:
		evs = slices.DeleteFunc(evs, func(e event) bool { return !e.gate })
		if m != nil {
			scoreLearned(evs, &m.Line)
		}
	case m.Extend:
		// the rules' events first, by their score; then the model's
		// likeliest of the rest, at MinProb or more
		evs = slices.DeleteFunc(evs, func(e event) bool { return !e.gate && m.Line.Prob(lineFeatures(e)) < m.MinProb })
		for i := range evs {
			if evs[i].gate {
				evs[i].score += extendLift
			} else {
				evs[i].score = m.Line.Score(lineFeatures(evs[i]))
			}
		}
	default:
		scoreLearned(evs, &m.Line)
	}
	if m != nil && !m.GateOnly && !m.Extend {
		// the model's likeliest candidates only: merging is quadratic
		slices.SortStableFunc(evs, func(a, b event) int { return cmp.Compare(b.score, a.score) })
		evs = evs[:min(len(evs), learnedPool*tu.MaxTimelineLines)]
	}
	slices.SortStableFunc(evs, func(a, b event) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		return 0
	})
	evs = mergeEvents(evs, tu.TimelineSame)
	evs = fill(evs, tu.MaxTimelineLines, tu.TimelinePeriodLines, tu.TimelinePerDay, tu.TimelinePerEntry)
	evs = dropStale(evs, tu.TimelineStale)
	chronological(evs)

	r := &Result{Query: topic, from: t}
	var c citer
	for _, e := range evs {
		l := Line{Date: e.when.Format("Jan 2, 2006"), DateNote: e.note, Text: e.text(), when: e.when, measures: e.measures}
		if e.when.IsZero() {
			l.Date = e.doc.Date()
		}
		if e.period != "" {
			l.Date = e.period
		}
		l.Cites = append(l.Cites, c.cite(e.doc, e.start, e.end, e.passage))
		for _, o := range e.others {
			l.Cites = append(l.Cites, c.cite(o.doc, o.start, o.end, o.passage))
		}
		r.Lines = append(r.Lines, l)
	}
	r.Sources = c.sources
	if len(r.Lines) == 0 {
		r.Headline = fmt.Sprintf("No events of “%s” found in the documents", topic)
	} else {
		r.Headline = fmt.Sprintf("Timeline of %s (%d event%s, oldest first)", topic, len(r.Lines), map[bool]string{true: "", false: "s"}[len(r.Lines) == 1])
	}
	r.Took = time.Since(start)
	return r
}

// topicWords are a timeline topic's words, a name of three parts or more
// also met by its initials ("SBF" for "Sam Bankman-Fried"), and the topic
// with its names written so ("SBF trial"; the topic itself when it has no
// such name).
func topicWords(ix *retrieval.Index, topic string) (words, string) {
	w := words{w: weigh(ix, topic), syn: map[string][]string{}, synWeight: 1}
	// "Epic v. Google": the versus of a case or a match is no word of
	// its story (its documents write "Epic's battle with Google")
	for _, t := range []string{"v", "vs", "versus"} {
		delete(w.w, text.Term(t))
	}
	dottedInitials(w, topic)
	aliased := topic
	spans := text.NameSpans(topic)
	w.subject = subjectWeights(w.w, topic, spans)
	w.heads = nameHeads(w.w, topic, spans)
	for i := len(spans) - 1; i >= 0; i-- {
		sp := spans[i]
		in := text.Initials(topic[sp.Start:sp.End])
		if in == "" {
			continue
		}
		for _, t := range text.Terms(topic[sp.Start:sp.End]) {
			w.syn[t] = append(w.syn[t], text.Terms(in)...)
		}
		aliased = aliased[:sp.Start] + in + aliased[sp.End:]
	}
	return w, aliased
}

// storyDocuments are the story's documents among the retrieval's hits,
// best first: those whose title with their best passage hold
// TimelineDocument of the topic (w), at most TimelineDocuments. The
// asker's own word for what befell the story's subject, when the best
// passage does not write it (documentWords), is not asked of the
// documents ranked before the first that writes it, and the subject's
// words are then held together (heldToPairs): the best articles of the
// "US housing market slump" write "crash" and "deep freeze", and the
// stock market's "slump" is another story.
func storyDocuments(hits []retrieval.Hit, w words, topic string, tu *Tuning) []*corpus.Document {
	var docs []*corpus.Document
	seen := map[string]bool{}
	best := ""
	if len(hits) > 0 && hits[0].Doc != nil && hits[0].Chunk != nil {
		best = hits[0].Doc.Title + "\n" + withoutFurniture(hits[0].Chunk.Text)
	}
	w0 := w
	gw, asker := documentWords(w, topic, best)
	if asker != "" {
		w0, gw = heldToPairs(w, topic), heldToPairs(gw, topic)
	}
	for _, h := range hits {
		if h.Doc == nil || h.Chunk == nil || seen[h.Doc.ID] || len(docs) >= tu.TimelineDocuments {
			continue
		}
		seen[h.Doc.ID] = true
		if asker != "" && termSet(h.Doc.Title + "\n" + h.Doc.Text)[asker] {
			gw, asker = w0, ""
		}
		if gw.coverage(h.Doc.Title+"\n"+withoutFurniture(h.Chunk.Text)) >= tu.TimelineDocument {
			docs = append(docs, h.Doc)
		}
	}
	return docs
}

// documentWords are the words a story's document is weighed by (its
// title and best passage, against TimelineDocument) and the word they
// leave out: w without the topic's last word (lastWord) when the
// retrieval's best passage (best, with its title) holds every other word
// of the topic but not that one: the asker's own word for what befell
// the story's subject ("slump" in "US housing market slump", its best
// articles writing "crash" and "deep freeze"), as askersWords reads it of
// the story's documents. Draft holds to it only the documents the
// retrieval ranks before the first writing that word (the stock
// market's "slump" is another story); w and "" otherwise.
func documentWords(w words, topic, best string) (words, string) {
	word := lastWord(topic)
	if word == "" || best == "" {
		return w, ""
	}
	t := text.Term(word)
	if _, ok := w.w[t]; !ok {
		return w, ""
	}
	rest := w
	rest.w = maps.Clone(w.w)
	delete(rest.w, t)
	if rest.w.total() == 0 || rest.coverage(best) < 1 || termSet(best)[t] {
		return w, ""
	}
	return rest, t
}

// heldToPairs is w with the second of two adjacent words of the topic's
// subject, when commoner than the first, counted only beside it
// (subjectHeads): a document of the "US housing market slump" tells of
// the housing market, not of the stock market's slump.
func heldToPairs(w words, topic string) words {
	pairs := subjectHeads(w, topic)
	if len(pairs) == 0 {
		return w
	}
	out := w
	out.heads = maps.Clone(w.heads)
	if out.heads == nil {
		out.heads = map[string]string{}
	}
	for t, h := range pairs {
		if _, ok := out.heads[t]; !ok {
			out.heads[t] = h
		}
	}
	return out
}

// subjectHeads maps the second of two adjacent words of a topic's subject
// (w.subject: outside its names, neither a stop word) to the first when
// the second weighs less (is commoner): "market" to "housing" in "US
// housing market slump". Alone, the commoner word tells of another thing
// of its kind.
func subjectHeads(w words, topic string) map[string]string {
	heads := map[string]string{}
	ws := text.Words(topic)
	for i := 1; i < len(ws); i++ {
		a, b := ws[i-1], ws[i]
		if text.IsStopWord(a) || text.IsStopWord(b) {
			continue
		}
		ta, tb := text.Term(a), text.Term(b)
		_, sa := w.subject[ta]
		_, sb := w.subject[tb]
		if sa && sb && ta != tb && w.w[tb] < w.w[ta] {
			heads[tb] = ta
		}
	}
	return heads
}

// lastWord is a topic's last word when it is of its subject (w.subject:
// not a name's, not a stop word, not a year): the story's own noun
// ("slump", "deal", "trial"); "" otherwise.
func lastWord(topic string) string {
	ws := text.Words(topic)
	if len(ws) == 0 || text.IsStopWord(ws[len(ws)-1]) {
		return ""
	}
	word := ws[len(ws)-1]
	end := strings.LastIndex(topic, word) + len(word)
	for _, sp := range text.NameSpans(topic) {
		if sp.End >= end {
			return ""
		}
	}
	for _, sp := range text.Years(topic) {
		if sp.End >= end {
			return ""
		}
	}
	return word
}

// dottedInitials makes each word of a topic written in two or three
// capitals ("US", "UK") also met, as itself, by its form written with
// periods ("U.S.", "U.K."), as most articles write it.
func dottedInitials(w words, topic string) {
	for _, word := range capitalsRE.FindAllString(topic, -1) {
		ts := text.Terms(word)
		if len(ts) != 1 {
			continue
		}
		t := ts[0]
		if _, ok := w.w[t]; !ok {
			continue
		}
		dotted := ""
		for _, r := range word {
			dotted += string(r) + "."
		}
		for _, dt := range text.Terms(dotted) {
			if dt != t && !slices.Contains(w.syn[t], dt) {
				w.syn[t] = append(w.syn[t], dt)
			}
		}
	}
}

// capitalsRE is a word of two or three capitals alone ("US", "UK").
var capitalsRE = regexp.MustCompile(`\b[A-Z]{2,3}\b`)

// otherForms is w with each word of the topic outside its names (the
// subject, w.subject) also met, at weight, by its form of the other part
// of speech in "-ic" and "-y" (icForm): the topic's "economic" by
// "economy", "economies", which stem otherwise ("The Indian economy
// posted an impressive 7.2 per cent growth" is a sentence of "India's
// economic growth"). A name's words keep their initials alone
// (topicWords).
func otherForms(w words, topic string, weight float64) words {
	if w.rel == nil {
		w.rel = map[string][]string{}
	}
	w.relWeight = weight
	for _, word := range text.Words(topic) {
		t := text.Term(word)
		if _, ok := w.subject[t]; !ok || text.IsStopWord(word) {
			continue
		}
		f := icForm(strings.ToLower(word))
		if f == "" {
			continue
		}
		if ft := text.Term(f); ft != t && !slices.Contains(w.syn[t], ft) && !slices.Contains(w.rel[t], ft) {
			w.rel[t] = append(w.rel[t], ft)
		}
	}
	return w
}

// icForm is a word's form of the other part of speech in "-ic" and "-y":
// "economy" for "economic", "strategic" for "strategy", "botany" for
// "botanic"; "" for a word of neither ending or of fewer than minICStem
// letters before it ("rustic" is no form of "rusty").
func icForm(word string) string {
	if stem, ok := strings.CutSuffix(word, "ic"); ok && len(stem) >= minICStem {
		return stem + "y"
	}
	if stem, ok := strings.CutSuffix(word, "y"); ok && len(stem) >= minICStem {
		return stem + "ic"
	}
	return ""
}

// minICStem is the fewest letters before "-ic" or "-y" for icForm to
// read a word's other form ("botanic", "economic", "history"; not
// "rustic", "ironic", "party").
const minICStem = 5

// nameHeads maps each word of a topic's name of two words or more (a
// possessive ends one: "Jim Ratcliffe's Manchester United" is two) that
// weighs less than the name's last word (w: it is commoner) to that last
// word: "world" to "series" in "the 2023 World Series", "jim" to
// "ratcliffe"; "hipgnosis", rarer than "fund", stands for its name alone.
func nameHeads(w weights, topic string, names []text.Span) map[string]string {
	heads := map[string]string{}
	for _, sp := range names {
		for _, part := range possessiveRE.Split(topic[sp.Start:sp.End], -1) {
			ts := text.Terms(part)
			if len(ts) < 2 {
				continue
			}
			head := ts[len(ts)-1]
			for _, t := range ts[:len(ts)-1] {
				if t != head && w[t] < w[head] {
					heads[t] = head
				}
			}
		}
	}
	return heads
}

// possessiveRE splits a run of names at a possessive ("Jim Ratcliffe's
// Manchester United").
var possessiveRE = regexp.MustCompile(`['’]s\b`)

// subjectWeights are the weights of a topic's words outside its names:
// the story's subject ("ad-free subscription" in "Meta's ad-free
// subscription in the EU"), none when every word is a name's.
//
// A year is no subject: "the 2023 World Series" is told of by the name
// alone ("Texas … defeating the Diamondbacks in Game 3 of the World
// Series"), its year being the article's.
func subjectWeights(w weights, topic string, names []text.Span) weights {
	named := map[string]bool{}
	for _, sp := range names {
		for _, t := range text.Terms(topic[sp.Start:sp.End]) {
			named[t] = true
		}
	}
	for _, sp := range text.Years(topic) {
		for _, t := range text.Terms(topic[sp.Start:sp.End]) {
			named[t] = true
		}
	}
	out := weights{}
	for t, v := range w {
		if !named[t] {
			out[t] = v
		}
	}
	return out
}

// askersWords is w without the subject's words (w.subject) that none of
// the story's documents writes in its title or text: the asker's own word
// for the story ("row" in "the Web Summit row over Paddy Cosgrave", its
// articles writing "fight" and "outrage") neither counts for a sentence
// nor holds one dated by its article to the subject (eventsOf). A word
// one document writes is the story's and stays.
func askersWords(w words, docs []*corpus.Document) words {
	if w.subject.total() == 0 || len(docs) == 0 {
		return w
	}
	written := map[string]bool{}
	for _, d := range docs {
		for _, t := range text.Terms(d.Title + "\n" + d.Text) {
			written[t] = true
		}
	}
	out := w
	out.w, out.subject = weights{}, weights{}
	for t, v := range w.w {
		if _, subj := w.subject[t]; subj && !written[t] && !synWritten(w.syn[t], written) {
			continue
		}
		out.w[t] = v
		if _, subj := w.subject[t]; subj {
			out.subject[t] = v
		}
	}
	return out
}

// synWritten reports whether any of syns is among written.
func synWritten(syns []string, written map[string]bool) bool {
	for _, x := range syns {
		if written[x] {
			return true
		}
	}
	return false
}

// namedOwnWords reports whether doc tells of the story in its own words:
// its title holds share of the topic's names (the topic's words outside
// its subject, w.subject), and neither its title nor its text writes a
// word of the subject ("Ratcliffe’s Manchester United", never saying
// "takeover", after the deal is done). Such a document's sentences are
// the story's without the asker's word for it.
func namedOwnWords(w words, doc *corpus.Document, share float64) bool {
	if w.subject.total() == 0 || w.subject.coverage(doc.Title+"\n"+doc.Text) > 0 {
		return false
	}
	names := weights{}
	for t, v := range w.w {
		if _, ok := w.subject[t]; !ok {
			names[t] = v
		}
	}
	return names.coverage(doc.Title) >= share
}

// firstPerson reports whether a sentence speaks in its writer's first
// person outside quotation marks ("For example, yesterday, I imported 143
// videos and photos." in a review): the writer's own day, no event of a
// story.
func firstPerson(s string) bool {
	for _, word := range strings.Fields(unquoted(s)) {
		word = strings.Trim(word, ",.;:!?()—–-")
		switch word {
		case "I", "I’m", "I'm", "I’ve", "I've", "I’d", "I'd", "my", "My", "me":
			return true
		}
	}
	return false
}

// unquoted is s with its quotations blanked.
func unquoted(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch r {
		case '“', '”', '"':
			in = r == '“' || (r == '"' && !in)
			b.WriteRune(' ')
			continue
		}
		if !in {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// notTheOnlyRE matches a sentence turning to others of the story's kind
// ("This isn’t Google’s only antitrust case in trial right now.", "This
// import ban isn’t the only one Apple is facing."): the rest of its
// paragraph tells of them.
var notTheOnlyRE = regexp.MustCompile(`(?i)\b(?:isn[’']t|aren[’']t|is not|are not|wasn[’']t|was not)\s+(?:the|\w+[’']s)\s+only\b`)

// anotherOf reports whether a sentence tells of another of the story's
// kind: "another" with one of the topic's subject words (outside its
// names) within the three words after it ("declined to veto another ITC
// import ban" in a story of an import ban). A name there is the story's
// own: "another United Champions League campaign finished against
// Bayern Munich" is Manchester United's, in a story of that campaign.
func anotherOf(s string, w words) bool {
	ws := text.Words(s)
	for i, word := range ws {
		if !strings.EqualFold(word, "another") {
			continue
		}
		for _, next := range ws[i+1 : min(len(ws), i+4)] {
			if _, ok := w.subject[text.Term(next)]; ok {
				return true
			}
		}
	}
	return false
}

// interleave is the hits of a and b taken in turn, the first of each
// first.
func interleave(a, b []retrieval.Hit) []retrieval.Hit {
	out := make([]retrieval.Hit, 0, len(a)+len(b))
	for i := 0; i < max(len(a), len(b)); i++ {
		if i < len(a) {
			out = append(out, a[i])
		}
		if i < len(b) {
			out = append(out, b[i])
		}
	}
	return out
}

// withoutFurniture is s without its page furniture's sentences.
func withoutFurniture(s string) string {
	var b strings.Builder
	for _, sp := range text.Sentences(s) {
		if !furniture(s[sp.Start:sp.End]) {
			b.WriteString(s[sp.Start:sp.End] + "\n")
		}
	}
	return b.String()
}

// dropStale drops the events dated only by an article published more
// than days before the story's first stated day: a page updated as the
// story ran ("Sam Altman has been fired" in an explainer first published
// in September) keeps its first date, not the event's. An article of a
// few days before is the story's own (the Apple Watch explainer of
// December 19 before the watches were pulled on December 21).
func dropStale(evs []event, days int) []event {
	var first time.Time
	for _, e := range evs {
		if e.dated && !e.rough && (first.IsZero() || e.when.Before(first)) {
			first = e.when
		}
	}
	if first.IsZero() {
		return evs
	}
	return slices.DeleteFunc(evs, func(e event) bool {
		return !e.dated && e.period == "" && e.when.Before(first.AddDate(0, 0, -days))
	})
}

// eventsOf returns the sentences of a story's document that are events of
// topic (weights w): each holds TimelineSentence of the topic (and
// TimelineDocument with its title and the sentence before), or states its
// day and holds TimelineDated of it (and TimelineDatedWindow with its
// context, unless the document's lede is an event holding TimelineLede
// of the topic), or states its day in
// a document whose title holds TimelineTitle; a sentence under a date
// heading ("November 21" alone on its line, as timeline articles are
// written) takes that day, and its weekdays are read against it. A
// sentence naming one of the topic's names by its last word, in a
// document writing the name in full, holds the whole name (surnames);
// one writing initials the document defines ("Daylight Saving Time
// (DST)") holds the words they stand for (text.Acronyms).
func eventsOf(doc *corpus.Document, rank int, w words, tu *Tuning) []event {
	return candidatesOf(doc, rank, w, tu, false)
}

// candidatesOf returns the sentences of a story's document eventsOf
// weighs: with all, those its gate turns away too (event.gate false), for
// the learned choice to weigh.
func candidatesOf(doc *corpus.Document, rank int, w words, tu *Tuning, all bool) []event {
	pub, _ := doc.PublishedTime()
	titleCov := w.coverage(doc.Title)
	names := surnames(doc.Title+"\n"+doc.Text, w)
	acr := text.Acronyms(doc.Title + "\n" + doc.Text)
	spelledOut := func(s string) string { return s + text.SpelledOut(s, acr) }
	told := history(doc, pub, tu)
	subj := w.subject
	if namedOwnWords(w, doc, tu.TimelineTitle) {
		subj = nil // its sentences are not held to the subject's words
	}
	var out []event
	var heading time.Time
	var month time.Time // under a month heading ("April 2023"), its first day
	years := yearHeadings(doc, pub)
	year := 0  // under a heading of an earlier year ("1983 Prudential Cup, against England"), that year
	entry := 0 // the entries under date headings, each begun by a heading or a headline
	headings := headingDays(doc, pub, tu.TimelineHeadingSpan, headingDate)
	// a live page's entries are labelled with the day they were written
	// ("Date: Tuesday, Dec. 5"): their weekdays are read against it
	written := headingDays(doc, pub, tu.TimelineHeadingSpan, entryDate)
	var entryDay time.Time
	refs := updateDays(doc, pub)
	// lede: the document's first sentence of news is still to come;
	// ledeTells: it told of the story
	lede, ledeTells := true, false
	// the day the last sentence stating one stated, and the sentences
	// read since: "That same day" is its day
	var lastDay time.Time
	sinceDay := 0
	for _, p := range doc.Paragraphs {
		para := doc.Text[p.Start:p.End]
		ref := pub
		if t, ok := refs[p.Start]; ok {
			ref = t
		}
		if t, ok := headings[p.Start]; ok {
			heading = t
			entry++
			continue
		}
		if t, ok := monthHeading(para); ok {
			month, heading, year = t, time.Time{}, 0
			continue
		}
		if y, ok := years[p.Start]; ok {
			month, heading, year = time.Time{}, time.Time{}, y
			continue
		}
		if faqHead(para) {
			month = time.Time{} // a page's questions and answers after its months
		}
		if t, ok := written[p.Start]; ok {
			entryDay = t
			continue
		}
		if !entryDay.IsZero() {
			ref = entryDay // "Dodgers manager Dave Roberts told reporters Tuesday" under "Date: Tuesday, Dec. 5"
		}
		if entryHead(para) {
			entry++ // "Altman joins Microsoft"; "Sept. 24: Kelce and Swift leave stadium together" is one too
		}
		if !heading.IsZero() {
			ref = heading // "announced Friday" under "November 21"
		}
		if socialRE.MatchString(para) || furnitureParagraph(para) {
			continue // an embedded post, its signature on the last line; a product box
		}
		stamped := liveStampRE.MatchString(para)
		prev := ""
		others := false // the paragraph has turned to others of the story's kind
		for _, sp := range text.Sentences(para) {
			s := para[sp.Start:sp.End]
			if notTheOnlyRE.MatchString(s) {
				others = true
				prev = s
				continue
			}
			if others || !eventLike(s) && !datedAttribution(s, tu.TimelineAttributionWords) {
				prev = s
				continue
			}
			isLede := lede
			lede = false
			cov, wcov := w.coverage(spelledOut(byName(s, names))), w.coverage(spelledOut(byName(doc.Title+"\n"+prev+"\n"+s, names)))
			person := carried(s, prev, names) // told of as "he" or "she"
			when, own := sentenceDate(s, ref)
			if !own && sameDayRE.MatchString(s) && !lastDay.IsZero() && sinceDay <= maxSameDayGap && !statesTime(s) {
				when, own = lastDay, true // "That same day The Athletic … reported"
			}
			if own {
				lastDay, sinceDay = when, 0
			} else {
				sinceDay++
			}
			inMonth := !month.IsZero() && heading.IsZero()
			if inMonth {
				// a day written without its year is the heading's month's
				// year; "today" or a weekday is some day of that month
				when, own = sentenceDate(s, month.AddDate(0, 1, -1))
				own = own && statesDay(s)
			}
			inYear := year != 0 && month.IsZero() && heading.IsZero()
			if inYear {
				when, own = headedDay(s, year)
			}
			e := event{sentence: sentence{doc: doc, start: p.Start + sp.Start, end: p.Start + sp.End, prev: prev, passage: para, rank: rank}}
			switch {
			case own && inYear:
				e.when, e.dated = when, true // the history's own past, no background
			case inYear:
				// dated by its section's year, as a sentence under a
				// month heading is by its month; it tells of the story
				// only if it holds the topic itself
				e.when, e.period, e.stamp = time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), strconv.Itoa(year), true
				if t, label, ok := periodDate(s, time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)); ok && t.Year() == year {
					e.when, e.period = t, label // "in June" under "2019 World Cup"; not "in 1983", another year it recalls
				}
			case own && background(when, pub, tu.TimelineBackground):
				prev = s
				continue // a past the story draws on, not one of its events
			case own:
				e.when, e.dated, e.ahead = when, true, future(s)
			case inMonth:
				// dated by its section's month, as a live page's stamped
				// entry is by its day (fill holds them to TimelinePerDay)
				e.when, e.period, e.stamp = month, month.Format("Jan 2006"), true
				if t, label, ok := periodDate(s, month.AddDate(0, 1, -1)); ok {
					e.when, e.period = t, label // "launched on Opera in May" under "June 2023"
				}
			case heading.IsZero() && !toldBackDay(s, ref).IsZero():
				e.when, e.dated, e.rough = toldBackDay(s, ref), true, !occasionTold(s)
			case !heading.IsZero():
				e.when, e.dated = heading, true
			default:
				e.when, e.note = pub, "article date"
				t, label, ok := periodDate(s, pub)
				if !ok && !statesTime(s) {
					t, label, ok = turnedTo(prev, pub)
				}
				if ok {
					if pub.Year()-t.Year() > tu.TimelinePeriodYears && !told {
						prev = s
						continue // an aside of years before ("In 2013, then President Barack Obama vetoed …")
					}
					e.when, e.note, e.period = t, "", label
				}
			}
			if !heading.IsZero() {
				e.entry = entry
			}
			e.stamp = e.stamp || stamped
			prev = s
			if firstPerson(s) || anotherOf(s, w) {
				continue // the writer's own day; another of the story's kind
			}
			// An event tells of the story, in its context (the title
			// and the sentence before); in a document whose title is the
			// story, every dated sentence is one of its events.
			about := cov >= tu.TimelineSentence && wcov >= tu.TimelineDocument
			// One dated by its article alone must tell of the story's
			// subject, not only of its names ("Meta is already in the
			// Commission's sights over …" in a story of Meta's ad-free
			// subscription in the EU).
			if about && e.note != "" && subj.total() > 0 && subj.coverage(spelledOut(s)) < tu.TimelineSubject {
				about = false
			}
			// A sentence stating its time with less of the topic tells of
			// the story when its context holds TimelineDatedWindow of it,
			// or when its document's lede tells of the story: the article
			// is the story's, and its months and days are the story's
			// ("The Datatilsynet issued a local ban on Meta … back in
			// July" under "Norway's data protection authority has asked
			// …", its title without the story's "subscription").
			if isLede {
				ledeTells = about && cov >= tu.TimelineLede
			}
			stated := e.dated || e.period != "" && !inYear
			if stated && person != "" {
				// "He and Rachel married in 2018." after "…, Poyer
				// signed with the Bills, …": the sentence before's person
				cov = max(cov, w.coverage(spelledOut(byName(s, names))+"\n"+person))
			}
			e.gate = about || stated && (cov >= tu.TimelineDated && (wcov >= tu.TimelineDatedWindow || ledeTells) || titleCov >= tu.TimelineTitle)
			if !e.gate && !all {
				continue
			}
			e.measures = map[string]float64{"cov": cov, "wcov": wcov, "title": titleCov}
			e.score = cov + 0.1/float64(1+rank)
			e.measures["base"] = e.score // before the lift, for the tests
			toCome := stillToCome(s)
			switch {
			case e.dated && !e.rough && !toCome:
				e.score += tu.TimelineDatedLift
			case e.period != "" && !inYear && !inMonth:
				e.score += tu.TimelinePeriodLift // "In 2003, …": its own year
			case inYear:
				// under "2019 World Cup, against New Zealand" (an event
				// there holds the topic itself): its section's year is
				// stated as "In 2003, …" states its own
				e.score += tu.TimelinePeriodLift
			}
			// what the learned choice weighs (timelineFeatureNames)
			subjCov := 1.0
			if subj.total() > 0 {
				subjCov = subj.coverage(spelledOut(s))
			}
			age := 0.0
			if !pub.IsZero() {
				age = math.Log1p(math.Abs(e.when.Sub(pub).Hours() / 24))
			}
			for k, v := range map[string]bool{
				"about": about, "gate": e.gate, "dated": e.dated && !e.rough && !toCome, "rough": e.rough,
				"period": e.period != "" && !inYear && !inMonth, "section": inYear || inMonth || !heading.IsZero(),
				"article_date": e.note != "", "ahead": e.ahead || toCome, "history": told, "lede": isLede,
				"lede_tells": ledeTells, "person": person != "", "entry": e.entry > 0 || e.stamp,
				"after_pub": !pub.IsZero() && e.when.After(pub.AddDate(0, 0, 1)),
			} {
				e.measures[k] = b2f(v)
			}
			e.measures["doc_rank"] = 1 / float64(1+rank)
			e.measures["subject"] = subjCov
			e.measures["words"] = math.Log1p(float64(len(strings.Fields(s))))
			e.measures["age"] = age
			e.measures["rule"] = e.score
			e.measures["position"] = float64(e.start) / float64(max(1, len(doc.Text)))
			e.measures["states_time"] = b2f(statesTime(s))
			e.measures["digits"] = b2f(strings.ContainsAny(s, "0123456789"))
			e.terms = termSet(s)
			out = append(out, e)
		}
	}
	return out
}

// sameDayRE matches a sentence telling of the day an earlier one
// stated ("That same day The Athletic … reported", "On the same day,
// …"); maxSameDayGap is how many sentences may lie between them (an
// undated one: "On Nov. 4, the club released a statement …. Hayes had
// just entered her second decade …" before it).
var sameDayRE = regexp.MustCompile(`(?i)\b(?:that|the)\s+same\s+day\b`)

const maxSameDayGap = 1

// history reports whether doc tells a history: its sentences state
// TimelineHistoryYears distinct years or more (periodDate: "In 2003, …",
// "in 1998"), each more than TimelinePeriodYears before its publication
// year (pub). A report recalls a year or two of its story's past; a
// history of search engines ("His SEO career got going in 1994", "In
// 2003, …, the company quietly released an update", "by the end of
// 1999, Google was handling …") tells its story by them.
func history(doc *corpus.Document, pub time.Time, tu *Tuning) bool {
	if pub.IsZero() {
		return false
	}
	years := map[int]bool{}
	for _, sp := range text.Sentences(doc.Text) {
		if t, _, ok := periodDate(doc.Text[sp.Start:sp.End], pub); ok && pub.Year()-t.Year() > tu.TimelinePeriodYears {
			years[t.Year()] = true
		}
		for _, y := range text.Years(doc.Text[sp.Start:sp.End]) {
			if n, err := strconv.Atoi(doc.Text[sp.Start+y.Start : sp.Start+y.End]); err == nil && pub.Year()-n > tu.TimelinePeriodYears {
				years[n] = true
			}
		}
	}
	return len(years) >= tu.TimelineHistoryYears
}

// chronological sorts events oldest first; on one day, one telling of
// what is to come on it before one telling it happened, then a
// document's in its order.
func chronological(evs []event) {
	slices.SortStableFunc(evs, func(a, b event) int {
		if c := a.when.Compare(b.when); c != 0 {
			return c
		}
		if a.ahead != b.ahead {
			// a day foretold was told of before it came
			if a.ahead {
				return -1
			}
			return 1
		}
		if a.doc.ID == b.doc.ID {
			return a.start - b.start
		}
		return 0
	})
}

// fill takes the first n events (best first), at most perDay of them
// dated only by one document's publication and perEntry of one entry of
// a page written under date headings (a live page's "Ohtani headed to
// Toronto on Friday" and the sentences under it): the next best of other
// days and entries win over a page's many sentences ("Apple says it's
// exploring …", "The other option is …"; an entry's details after its
// news), which come in only when nothing else is left. Other events
// stating their time are never held back. Past the first n, up to
// periods more that state their own month or year (ownPeriod) are
// taken, best first: the story's past, which the days of its busiest
// weeks, each stating its day, would crowd out.
func fill(evs []event, n, periods, perDay, perEntry int) []event {
	type key struct {
		doc   string
		when  time.Time
		entry int
		stamp bool
	}
	var out, rest []event
	count := map[key]int{}
	for _, e := range evs {
		var k key
		limit := perDay
		switch {
		case e.entry > 0:
			k, limit = key{doc: e.doc.ID, entry: e.entry}, perEntry
		case e.stamp:
			// a live page's entries of one day, each stamped with its
			// time ("29 Oct 2023 03.07 GMT Diamondbacks 9-1 Rangers, bottom
			// 9th …"), are one day's sentences of one document, as if
			// dated by it
			k = key{doc: e.doc.ID, when: day(e.when), stamp: true}
		case e.note != "":
			k = key{doc: e.doc.ID, when: day(e.when)}
		default:
			out = append(out, e)
			continue
		}
		if count[k] >= limit {
			rest = append(rest, e)
			continue
		}
		count[k]++
		out = append(out, e)
	}
	out = append(out, rest...)
	if len(out) <= n {
		return out
	}
	shown := out[:n:n]
	for _, e := range out[n:] {
		if periods <= 0 {
			break
		}
		if ownPeriod(e) {
			shown = append(shown, e)
			periods--
		}
	}
	return shown
}

// ownPeriod reports whether e is dated by the month or year its own
// sentence states ("In March, …", "founded in 2019"), not by a heading
// of its page nor by a day.
func ownPeriod(e event) bool { return e.period != "" && !e.stamp && e.entry == 0 }

// liveStampRE matches the time a live page's entry opens with, perhaps
// after its day: "29 Oct 2023 03.21 GMT Final thoughts …", "9:51 p.m. —
// Marte is retired …", "1:23 p.m.: A quick stadium update …", "9:05 PM
// IST: It’s a wrap."
var liveStampRE = regexp.MustCompile(`^(?:\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w* \d{4} )?\d{1,2}[.:]\d{2}\s?(?:[ap]\.?m\.?|[AP]M|GMT|BST|UTC|ET|IST)?\s*(?:[—–:-]|GMT|BST|UTC|\p{Lu})`)

// entryHead reports whether a paragraph begins an entry of a page
// written under date headings: a headline, a short line that is no
// sentence ("Altman joins Microsoft", "Source: ESPN's Jeff Passan").
func entryHead(para string) bool {
	return len(strings.Fields(para)) <= maxHeadlineWords && !endsSentence(para)
}

// maxHeadlineWords is the most words of an entry's headline.
const maxHeadlineWords = 15

// periodDate is the earlier month or year a sentence states without a
// day, as the time of what it tells ("In 2020, Masimo filed a lawsuit",
// "In January 2023, it ruled", "issued an import ban in October", "at
// the start of August", "earlier this month"): the first day of the
// first such month (text.MonthPeriods, read against the publication day
// pub) or year written after "in", "last", "early" or "late" (or a year
// before a noun of occasion: "a 2019 event"), when the whole of it lies
// before pub (a period that holds pub says no more than pub). A
// sentence telling of what is to come has none, but for a year past
// written before its verb of the future (pastYearAhead). label is how it
// is shown ("2020", "Jan 2023").
func periodDate(s string, pub time.Time) (when time.Time, label string, ok bool) {
	if pub.IsZero() {
		return time.Time{}, "", false
	}
	if at := futureAt(s); at >= 0 {
		// the future of a clause after a semicolon is not the first
		// clause's: "The aurora was seen here as recently as April 2023;
		// the park … will be hosting a joint Dark Skies Festival …"
		first, _, ok := strings.Cut(s, ";")
		if !ok || future(first) {
			return pastYearAhead(s[:at], pub)
		}
		s = first
	}
	at := len(s) // where the period read is written
	for i, sp := range text.Dates(s) {
		if i == 0 && earlierThisYear(s, sp) {
			// "which earlier this year joined the fledgling Human
			// Artistry Campaign": some day of the year before pub (after
			// another time, "As we reported earlier this month, …", it
			// dates a thing the sentence mentions)
			when, label = time.Date(pub.Year(), 1, 1, 0, 0, 0, 0, time.UTC), strconv.Itoa(pub.Year())
			ok, at = day(pub).After(when), sp.Start
			break
		}
		before := strings.Fields(strings.ToLower(s[max(0, sp.Start-12):sp.Start]))
		after := strings.Fields(strings.ToLower(s[sp.End:min(len(s), sp.End+16)]))
		occasion := len(after) > 0 && occasionWords[strings.Trim(after[0], ",.;:")]
		y, m, d := text.DateParts(s[sp.Start:sp.End])
		if !occasion && !(y == 0 && m > 0 && monthBefore(before, s[sp.End:])) && !partOf(before) && !(i == 0 && openingSinceBy(s, sp)) && !asRecentlyRE.MatchString(s[:sp.Start]) && !(i == 0 && namedFor(before, s[sp.End:], y, m, d)) && !tookUntilRE.MatchString(s[:sp.Start]) && !(m > 0 && changeByRE.MatchString(s[:sp.Start])) && (len(before) == 0 || !periodWords[strings.Trim(before[len(before)-1], "-")]) {
			continue
		}
		if d > 0 || y > 0 && m == 0 && seasonRE.MatchString(s[sp.End:]) {
			continue // a day; a season ("the end of 2022/23") is not its first year
		}
		switch {
		case m > 0 && y > 0:
			when, label = time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC), time.Month(m).String()[:3]+" "+strconv.Itoa(y)
			ok = when.AddDate(0, 1, 0).Before(day(pub).AddDate(0, 0, 1))
		case m > 0 && len(before) > 0 && before[len(before)-1] == "last":
			// "last December" is the latest December before the
			// article's month: 2022's in November 2023, "last January"
			// 2023's
			y = pub.Year()
			if time.Month(m) >= pub.Month() {
				y--
			}
			when, label = time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC), time.Month(m).String()[:3]+" "+strconv.Itoa(y)
			ok = true
		case m > 0:
			// a month alone after "early" or "late" is of the
			// publication year; a later month may be the last year's or
			// the one to come ("until the mid-November deadline"): not
			// read
			when, label = time.Date(pub.Year(), time.Month(m), 1, 0, 0, 0, 0, time.UTC), time.Month(m).String()[:3]+" "+strconv.Itoa(pub.Year())
			ok = time.Month(m) < pub.Month()
		case y > 0:
			when, label = time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), strconv.Itoa(y)
			ok = y < pub.Year()
		}
		at = sp.Start
		break
	}
	// a month written "in July", "at the start of August", "earlier
	// this month" before it; one told from the writing ("this month",
	// "last month") only when it opens the sentence ("However, earlier
	// this month, an Oslo court rejected …"): later in it, it dates as
	// often a thing the sentence mentions ("confirming … a report in the
	// WSJ earlier this month")
	for _, p := range text.MonthPeriods(s, pub) {
		if p.Start > at {
			break
		}
		if p.Relative && len(strings.Fields(s[:p.Start])) > maxOpeningWords && !openingClause(s, p.Start, p.End) {
			continue
		}
		if m := monthOfYearRE.FindStringSubmatch(s[p.End:]); m != nil && !p.Relative {
			// "back in June of 2022": the year written after "of"
			y, _ := strconv.Atoi(m[1])
			t := time.Date(y, p.From.Month(), 1, 0, 0, 0, 0, time.UTC)
			return t, t.Format("Jan 2006"), t.AddDate(0, 1, 0).Before(day(pub).AddDate(0, 0, 1))
		}
		if !p.Relative && len(text.Years(s[p.Start:p.End])) == 0 && p.From.Year() < pub.Year() && p.From.Before(day(pub).AddDate(0, 0, -uncertainDays)) {
			// a month without its year read as last year's, more than
			// half a year back ("announced in early December" on
			// November 30), may as well be the one to come, as a day so
			// written (yearUncertain): not read. This year's ("as
			// revealed by talkSPORT in March" in October) is.
			return time.Time{}, "", false
		}
		return p.From, p.From.Format("Jan 2006"), p.To.Before(day(pub))
	}
	return when, label, ok
}

// openingSinceBy reports whether the month or year at sp opens s after
// "Since" or "By", closed by a comma: "Since 2021, Petersen had been
// seeking a successor" tells of a state begun in 2021, "By January 2023,
// Lutke knew" of one reached by then; the time of what the sentence
// tells. Later in a sentence, "since" bounds a span up to now ("It is
// Tesla's first new model since 2020": the article's time) and "by" a
// deadline ("it would be out by 2021").
func openingSinceBy(s string, sp text.Span) bool {
	return openingSinceByRE.MatchString(s[:sp.Start]) && strings.HasPrefix(s[sp.End:], ",")
}

// openingSinceByRE matches the words before a time opening a sentence
// as the start of its state or the time it was reached ("Since |2021,").
var openingSinceByRE = regexp.MustCompile(`(?i)^\W*(?:since|by)\s+$`)

// turnedTo is the year a sentence turns its story back to, ending on it
// ("To understand this, we must first cast an eye back to 2006."): the
// time of the sentence after it, which states none of its own ("During
// the preparation for the launch of Pokémon Diamond and Pearl, …, Game
// Freak found the series at a crossroads."). A year before the
// sentence's end ("back to 2006 and its games") or not before the
// publication's is none.
func turnedTo(prev string, pub time.Time) (time.Time, string, bool) {
	m := turnedToRE.FindStringSubmatch(prev)
	if m == nil || pub.IsZero() {
		return time.Time{}, "", false
	}
	y, _ := strconv.Atoi(m[1])
	if y >= pub.Year() {
		return time.Time{}, "", false
	}
	return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), m[1], true
}

// turnedToRE matches a sentence ending on the year it turns back to
// ("… back to 2006.", "Go back in 1998:"), the year in group 1.
var turnedToRE = regexp.MustCompile(`(?i)\bback\s+(?:to|in)\s+((?:19|20)\d\d)\s*[.:!]?\s*$`)

// statesTime reports whether s writes a time of its own (text.Dates,
// text.Years).
func statesTime(s string) bool { return len(text.Dates(s)) > 0 || len(text.Years(s)) > 0 }

// monthOfYearRE matches the year written after a month with "of" ("June|
// of 2022"), its digits in group 1.
var monthOfYearRE = regexp.MustCompile(`^\s+of\s+((?:19|20)\d\d)\b`)

// maxOpeningWords is the most words before a month told from the writing
// ("However, earlier this month, …") for it to open a sentence.
const maxOpeningWords = 2

// openingClause reports whether a period told from the writing, at
// s[start:end], ends a sentence's opening clause of time: one begun by a
// word of time (openingTimeRE), with no comma or semicolon in it, of at
// most maxOpeningClauseWords words before the period, the period right
// before its comma.
// "Prior to the premiere of the series in Japan last month, there had
// only been one prior attempt …" dates the premiere, of which the
// sentence tells; "confirming … a report in the WSJ earlier this month"
// a thing it mentions.
func openingClause(s string, start, end int) bool {
	before := s[:start]
	return openingTimeRE.MatchString(before) && !strings.ContainsAny(before, ",;") &&
		strings.HasPrefix(strings.TrimSpace(s[end:]), ",") &&
		len(strings.Fields(before)) <= maxOpeningClauseWords
}

// maxOpeningClauseWords is the most words of an opening clause of time
// before its period (openingClause).
const maxOpeningClauseWords = 12

// openingTimeRE matches a sentence opening a clause of time.
var openingTimeRE = regexp.MustCompile(`(?i)^\W*(?:after|following|prior to|before|during|when|at)\b`)

// periodWords are the words before a month or year that make it the time
// of what a sentence tells.
var periodWords = map[string]bool{"in": true, "last": true, "early": true, "late": true, "mid": true}

// monthBefore reports whether a month written alone, its words before
// (lower case) and its text after, dates a thing named after it: "the
// September international break", "in their March PPV clash", "a
// ruling this past August". A word before it of another kind ("a May
// deadline" aside, "May" alone is no date) or none after leaves it
// unread.
func monthBefore(before []string, after string) bool {
	if len(before) == 0 {
		return false
	}
	switch before[len(before)-1] {
	case "past":
		return true
	case "the", "their", "his", "her", "its":
		m := attributedRE.FindStringSubmatch(after)
		return m != nil && (strings.ToLower(m[1]) == m[1] || text.AllCaps(m[1]))
	}
	return false
}

// earlierThisYear reports whether the date sp of s is "earlier this
// year", not a thing of it ("earlier this year's draft").
func earlierThisYear(s string, sp text.Span) bool {
	return strings.EqualFold(s[sp.Start:sp.End], "earlier this year") && !possessiveStartRE.MatchString(s[sp.End:])
}

// possessiveStartRE matches a possessive right after a word ("|'s").
var possessiveStartRE = regexp.MustCompile(`^['’]s\b`)

// seasonRE matches what follows a season's first year ("2022|/23",
// "2023|-24").
var seasonRE = regexp.MustCompile(`^[/–-]\d\d\b`)

// asRecentlyRE matches the words before a time that is the latest or
// earliest of what a sentence tells ("The aurora was seen here as
// recently as| April 2023", "as early as| 2019"): its time.
var asRecentlyRE = regexp.MustCompile(`(?i)\bas\s+(?:recently|early|late|long ago)\s+as\s+$`)

// partOf reports whether the words before a month or year (lower case)
// name a part of it: "by the end of 1999", "at the start of 2021".
func partOf(before []string) bool {
	n := len(before)
	return n >= 2 && before[n-1] == "of" && partWords[before[n-2]]
}

// namedFor reports whether a year (y, with or without its month; no day
// d), its words before (lower case) and its text after, names a thing
// of that year (m, its month) the sentence tells of: a possessive before a name
// ("2016’s Pokémon Go as the key turning point"), or after "the" before
// a name ("By the time the 2023 Pokémon World Championships rolled
// around", "When Google released the 2011 Panda update") or, with its
// month, before any word ("Following the March 2011 earthquake").
func namedFor(before []string, after string, y, m, d int) bool {
	if y == 0 || d > 0 {
		return false
	}
	if yearPossessiveRE.MatchString(after) {
		return true
	}
	if len(before) == 0 || before[len(before)-1] != "the" {
		return false
	}
	w := attributedRE.FindStringSubmatch(after)
	if w == nil {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w[1])
	return m > 0 || unicode.IsUpper(r)
}

// yearPossessiveRE matches a possessive and a capitalised word right
// after a year ("|’s Pokémon Go").
var yearPossessiveRE = regexp.MustCompile(`^['’]s\s+\p{Lu}`)

// partWords are the parts of a month or year written before "of" it.
var partWords = map[string]bool{"start": true, "beginning": true, "middle": true, "end": true}

// attributedRE matches the word written right after a month ("|
// international break"), in group 1.
var attributedRE = regexp.MustCompile(`^\s+(\p{L}+)\b`)

// occasionWords are the nouns a year before them dates ("at a memorable
// 2019 event", "in the 2022 season", "the 2019 playoffs").
var occasionWords = map[string]bool{"event": true, "launch": true, "unveiling": true, "debut": true,
	"season": true, "playoffs": true, "postseason": true, "draft": true}

// eventLike reports whether a sentence can be a timeline's event: a
// sentence (six words or more, ending as one), not page furniture, not a
// question, not a quotation alone.
func eventLike(s string) bool {
	s = strings.TrimSpace(s)
	if datedHeadline(s) {
		return !furniture(s)
	}
	if len(strings.Fields(s)) < 6 || !endsSentence(s) || furniture(s) || strings.HasSuffix(strings.TrimRight(s, `"'”’)`), "?") {
		return false
	}
	return !strings.HasPrefix(s, "“") && !strings.HasPrefix(s, `"`)
}

// datedAttribution reports whether a sentence opening with a quotation
// goes on after it, in words words or more, with its saying's day: "“Looking back at previous
// housing recessions, …,” they wrote in a Thursday note.", "…,” Sam
// Khater … said in a statement released Sept. 29." The statement is
// the day's event; a quotation alone, or attributed without a day
// ("…,” he said."), is not one; nor is one of "today" or "tonight",
// its article's day at most and as often a name's ("…,” a source told
// Entertainment Tonight."), nor of a period ("…,” Andrade told CBS
// Sports last month.": its day unknown). The day is a date with its
// day, a weekday or "yesterday".
func datedAttribution(s string, words int) bool {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "“") && !strings.HasPrefix(s, `"`) || !endsSentence(s) {
		return false
	}
	_, rest, ok := strings.Cut(s[1:], "”")
	if !ok {
		_, rest, ok = strings.Cut(s[1:], `"`)
	}
	if !ok || len(strings.Fields(rest)) < words {
		return false
	}
	for _, sp := range text.Dates(rest) {
		if _, m, d := text.DateParts(rest[sp.Start:sp.End]); m != 0 && d != 0 || saidDayRE.MatchString(rest[sp.Start:sp.End]) {
			return true
		}
	}
	return false
}

// saidDayRE matches a day a saying's attribution may state other than a
// date: a weekday or "yesterday" (not "last month", a period).
var saidDayRE = regexp.MustCompile(`(?i)^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday)$`)

// datedHeadline reports whether a line is a timeline's dated entry: a
// day, a colon, and four words or more ("Sept. 24: Kelce and Swift leave
// stadium together").
func datedHeadline(s string) bool {
	sp := text.Dates(s)
	if len(sp) == 0 || sp[0].Start != 0 || !strings.HasPrefix(s[sp[0].End:], ": ") {
		return false
	}
	_, m, d := text.DateParts(s[:sp[0].End])
	return m > 0 && d > 0 && len(strings.Fields(s[sp[0].End:])) >= 4
}

// updateDays are the days a live page's paragraphs were written, by
// their paragraph's offset: on a page updated after its publication
// (an embedded post below dated more than a day later), a paragraph
// belongs to the update of the first post below it ("Michigan filed a
// temporary restraining order … on Friday night" above a post of
// November 11, 2023 tells of November 10, not of the Friday before the
// page was first published). Paragraphs of a page never updated so are
// not in it.
func updateDays(doc *corpus.Document, pub time.Time) map[int]time.Time {
	if pub.IsZero() {
		return nil
	}
	out := map[int]time.Time{}
	var next time.Time
	for i := len(doc.Paragraphs) - 1; i >= 0; i-- {
		p := doc.Paragraphs[i]
		para := doc.Text[p.Start:p.End]
		if socialRE.MatchString(para) {
			if t, ok := postDay(para); ok {
				next = t
			}
			continue
		}
		if next.After(day(pub).AddDate(0, 0, 1)) {
			out[p.Start] = next
		}
	}
	return out
}

// postDay is the day of an embedded post's signature, the last date of
// its paragraph with its year ("— Name (@handle) November 11, 2023").
func postDay(para string) (time.Time, bool) {
	sp := text.Dates(para)
	for i := len(sp) - 1; i >= 0; i-- {
		if y, m, d := text.DateParts(para[sp[i].Start:sp[i].End]); y > 0 && m > 0 && d > 0 {
			if len(strings.TrimSpace(para[sp[i].End:])) > 0 {
				return time.Time{}, false // not its signature
			}
			return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), true
		}
	}
	return time.Time{}, false
}

// background reports whether a sentence's own day is more than days
// before its document's publication (pub): the story's past it draws on
// ("the week of September 22, 2018" in a report of a 2023 trial), not an
// event of the story as reported.
func background(when, pub time.Time, days int) bool {
	if pub.IsZero() {
		return false
	}
	day := time.Date(pub.Year(), pub.Month(), pub.Day(), 0, 0, 0, 0, pub.Location())
	return when.Before(day.AddDate(0, 0, -days))
}

// headingDays are the days of a document's date headings, by their
// paragraph's offset. A heading without its year takes its publication
// year unless that puts it more than a week after publication and no
// other heading of that year is within span days of it: a
// timeline updated as the story ran ("November 29" above "November 21"
// in a page first published on November 18) stays in its year.
func headingDays(doc *corpus.Document, pub time.Time, span int, read func(para string) (string, bool)) map[int]time.Time {
	out := map[int]time.Time{}
	asWritten := map[int]time.Time{} // a heading without its year, in the publication year
	for _, p := range doc.Paragraphs {
		date, ok := read(doc.Text[p.Start:p.End])
		if !ok {
			continue
		}
		t, ok := dayOf(date, pub, false)
		if !ok {
			continue
		}
		out[p.Start] = t
		if y, m, d := text.DateParts(date); y == 0 {
			asWritten[p.Start] = time.Date(pub.Year(), time.Month(m), d, 0, 0, 0, 0, time.UTC)
		}
	}
	for at, t := range asWritten {
		if !t.After(pub.AddDate(0, 0, 7)) {
			continue // read in its publication year already
		}
		for o, u := range asWritten {
			if o != at && !u.After(pub.AddDate(0, 0, 7)) && absDays(t.Sub(u)) <= span {
				out[at] = t
				break
			}
		}
	}
	return out
}

func absDays(d time.Duration) int {
	if d < 0 {
		d = -d
	}
	return int(d.Hours() / 24)
}

// monthHeading is the first day of the month a paragraph that is only a
// month and its year names ("April 2023", as an explainer updated all
// year heads each month's news): the month of the entries under it,
// their "today" and weekdays days of it, their days without a year
// its year's.
func monthHeading(para string) (time.Time, bool) {
	t, err := time.Parse("January 2006", strings.TrimSpace(para))
	return t, err == nil
}

// carried is the full name of the topic's person that s, a sentence
// whose subject is "he" or "she" ("He and Rachel married in 2018.", "In
// the 2022 season, he missed five games"), tells of: the one prev, the
// sentence before it in its paragraph, names (in full or by its last
// word: names, surnames), when prev names no other person in full and no
// other of the topic's names. It is "" when s has no such subject or prev
// no such person.
func carried(s, prev string, names map[string]string) string {
	if prev == "" || !heSheSubjectRE.MatchString(s) {
		return ""
	}
	held := map[string]bool{}
	for _, full := range names {
		if strings.Contains(prev, full) || strings.Contains(byName(prev, names), "\n"+full) {
			held[full] = true
		}
	}
	if len(held) != 1 {
		return ""
	}
	var person string
	for full := range held {
		person = full
	}
	for _, sp := range text.NameSpans(prev) {
		n := prev[sp.Start:sp.End]
		if len(strings.Fields(n)) >= 2 && !strings.Contains(person, n) {
			return "" // another named in full ("Rachel Bush"), who may be the one meant
		}
	}
	return person
}

// heSheSubjectRE matches a sentence whose subject is "he" or "she":
// opening it, or after an opening phrase and its comma ("In the 2022
// season, he …").
var heSheSubjectRE = regexp.MustCompile(`^(?:He|She)\s|^[A-Z][^,]{0,60},\s+(?:he|she)\s`)

// yearHeadings are the years of a history's headings, by their
// paragraph's offset: a headline (entryHead) opening with a year before
// its document's publication year ("1983 Prudential Cup, against
// England", "2015 World Cup, against Australia"), when the document has
// two such headings or more (one alone may name a product's model year).
// The days written without a year under such a heading are of its year,
// not the article's.
func yearHeadings(doc *corpus.Document, pub time.Time) map[int]int {
	if pub.IsZero() {
		return nil
	}
	out := map[int]int{}
	for _, p := range doc.Paragraphs {
		para := strings.TrimSpace(doc.Text[p.Start:p.End])
		m := yearHeadRE.FindStringSubmatch(para)
		if m == nil || !entryHead(para) {
			continue
		}
		if y, _ := strconv.Atoi(m[1]); y < pub.Year() {
			out[p.Start] = y
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// yearHeadRE matches a heading's opening year, in group 1.
var yearHeadRE = regexp.MustCompile(`^((?:19|20)\d\d)\b`)

// headedDay is the first day s states with its month ("on June 22",
// "March 13, 1996") under a heading of year: a day without its year is
// that year's. Weekdays and "today" are not read (the heading's year
// says nothing of its week). ok is false when s states no such day.
func headedDay(s string, year int) (time.Time, bool) {
	for _, sp := range text.Dates(s) {
		y, m, d := text.DateParts(s[sp.Start:sp.End])
		if m == 0 || d == 0 {
			continue
		}
		if y == 0 {
			y = year
		}
		return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), true
	}
	return time.Time{}, false
}

// faqHead reports whether a paragraph is a question on a line of its own
// ("When did ChatGPT get released?"), as a page's questions and answers
// are headed: they are no month's news.
func faqHead(para string) bool {
	para = strings.TrimSpace(para)
	return strings.HasSuffix(para, "?") && len(strings.Fields(para)) <= maxHeadlineWords
}

// statesDay reports whether s writes a date with its day ("March 14",
// "Nov. 6, 2023"), not only a weekday, "today" or "yesterday".
func statesDay(s string) bool {
	for _, sp := range text.Dates(s) {
		if _, m, d := text.DateParts(s[sp.Start:sp.End]); m != 0 && d != 0 {
			return true
		}
	}
	return false
}

// headingDate is the date of a paragraph that is only a date ("November
// 21", "Nov. 21, 2023"): the day of the entries under it.
func headingDate(para string) (string, bool) {
	para = strings.TrimSpace(para)
	if len(para) > 30 {
		return "", false
	}
	sp := text.Dates(para)
	if len(sp) != 1 || len(strings.Trim(para[:sp[0].Start]+para[sp[0].End:], " ,.:—–-")) > 0 {
		return "", false
	}
	return para[sp[0].Start:sp[0].End], true
}

// entryDate is the date of a live page's entry label ("Date: Tuesday,
// Dec. 5"): the day the entry under it was written.
func entryDate(para string) (string, bool) {
	m := entryDateRE.FindStringSubmatch(strings.TrimSpace(para))
	if m == nil {
		return "", false
	}
	return headingDate(m[1])
}

// entryDateRE matches a live page's entry label, its date in group 1.
var entryDateRE = regexp.MustCompile(`^Date:\s+(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?(.+)$`)

// sentenceDate is the day a sentence states: a date with its day ("Nov.
// 21", "November 21, 2023"), or a weekday, "yesterday", "today" or "the
// day before" read against the publication date pub. ok is false when it
// states none. A span up to now ("on pause from October 20 to today")
// tells of a state, not of a day's event: neither of its ends is read.
func sentenceDate(s string, pub time.Time) (time.Time, bool) {
	for _, sp := range text.Dates(s) {
		if untilNowRE.MatchString(s[sp.End:]) || bound(s, sp.Start, sp.End) {
			continue
		}
		if t, ok := dayOf(s[sp.Start:sp.End], pub, future(s) || weFutureRE.MatchString(s[:sp.Start])); ok {
			t = weekdayYear(t, s[:sp.Start], s[sp.Start:sp.End])
			if yearUncertain(t, pub, s[:sp.Start], s[sp.Start:sp.End]) {
				if u, ok := spanStart(s, sp.End, t, pub); ok {
					return u, true // "from May 22 through Aug. 30"
				}
				return time.Time{}, false // nor is its weekday read alone
			}
			return t, true
		}
	}
	if pub.IsZero() {
		return time.Time{}, false
	}
	for _, sp := range text.Dates(s) {
		word := strings.ToLower(s[sp.Start:sp.End])
		if untilNowRE.MatchString(s[sp.End:]) || (word == "today" || word == "tonight") && spanEndRE.MatchString(s[:sp.Start]) || bound(s, sp.Start, sp.End) {
			continue
		}
		before := strings.ToLower(s[max(0, sp.Start-6):sp.Start])
		if strings.Contains(before, "next") {
			continue
		}
		switch word {
		case "yesterday":
			return day(pub).AddDate(0, 0, -1), true
		case "today", "tonight", "this morning":
			if word == "today" && presentAge(s, sp.Start, pub) {
				continue // "today's housing market looks … like the early 1980s"
			}
			return day(pub), true
		}
		if whoClauseRE.MatchString(s[:sp.Start]) {
			// "Liverpool paid a warm tribute before kick-off to Bill
			// Kenwright, the Everton chairman who died on Monday": the
			// weekday of a clause about a person, not the main clause's
			continue
		}
		if namedDayRE.MatchString(s[:sp.Start]) || anyDayRE.MatchString(s[:sp.Start]) {
			// "Black Friday", "Cyber Monday", "any game scheduled on a
			// Wednesday": no day of the article's week
			continue
		}
		for wd := time.Sunday; wd <= time.Saturday; wd++ {
			if word != strings.ToLower(wd.String()) {
				continue
			}
			if documentDayRE.MatchString(s[:sp.Start]) {
				// "he will agree to …, according to a separate filing
				// from Monday": the day of a document the sentence
				// cites, past, whatever its tense
				back := (int(pub.Weekday()) - int(wd) + 7) % 7
				return day(pub).AddDate(0, 0, -back), true
			}
			if future(s) && !reportedFuture(s, sp.End) || weFutureRE.MatchString(s[:sp.Start]) || comingRE.MatchString(s[:sp.Start]) && weekdaysRE.MatchString(s[sp.End:]) ||
				(wd == time.Saturday || wd == time.Sunday) && thisWeekendRE.MatchString(s) ||
				weekdaysRE.MatchString(s[sp.End:]) && prospectRE.MatchString(s) {
				// "On Monday, Epic will drag Google into court", "heads
				// to Arizona for Monday’s Game 3": the weekday to come
				return day(pub).AddDate(0, 0, (int(wd)-int(pub.Weekday())+7)%7), true
			}
			back := (int(pub.Weekday()) - int(wd) + 7) % 7
			return day(pub).AddDate(0, 0, -back), true
		}
	}
	if dayBeforeRE.MatchString(s) {
		// "20 Republicans who had rejected Jordan’s nomination the day
		// before": the day before the one reported
		return day(pub).AddDate(0, 0, -1), true
	}
	return time.Time{}, false
}

// whoClauseRE matches the words of a relative clause about a person
// before a weekday, "who" after another word and up to four words of its
// own ("the Everton chairman who died on ", "Zhao, who appeared in court
// on "): the weekday is the clause's, the time of what the person did,
// not of what the sentence tells.
var whoClauseRE = regexp.MustCompile(`(?i)[\p{L},]\s+who\s+(?:[\p{L}’'-]+\s+){1,4}$`)

// documentDayRE matches the words before a weekday naming the day of a
// document the sentence cites: a document's noun (documentNouns) and
// "from" or "dated" ("according to a separate filing from| Monday",
// "a letter dated| Friday"), or after a citing word, "on" ("according to
// a statement on| Monday", "in a post on| Tuesday"). The document was
// written on that day, past: it is read back from the article's day in
// a sentence of the future too. "will issue a statement on| Monday"
// tells of the statement to come.
var documentDayRE = regexp.MustCompile(`(?i)\b(?:` + documentNouns + `)s?\s+(?:from|dated)\s+$` +
	`|\b(?:according to|in|per|citing)\s+(?:(?:a|an|the|its|his|her|their)\s+)?(?:[\p{L}.’'-]+\s+){0,2}(?:` + documentNouns + `)s?\s+on\s+$`)

// documentNouns are the nouns of a document a sentence may cite by its
// day.
const documentNouns = `filing|statement|report|letter|post|release|announcement|document|complaint|memo|email|e-mail|notice|court papers|press release|transcript`

// namedDayRE matches the word before a weekday that makes it a day's
// name, a day of the year's calendar, not of the article's week
// ("Black Friday", "Cyber Monday", "Green Monday", "Giving Tuesday",
// "Good Friday", "Ash Wednesday", "Easter Sunday",
// "Small Business Saturday", "Super Bowl Sunday"); written with its
// capital, as a name is. anyDayRE matches the words before a weekday
// that make it any of its kind ("any NBA game scheduled on a
// Wednesday", "every Friday"); "a Friday ruling" is one day's, and
// "a Super Sunday derby this weekend" that weekend's Sunday.
var (
	namedDayRE = regexp.MustCompile(`\b(?:Black|Cyber|Green|Giving|Good|Ash|Maundy|Holy|Easter|Palm|Shrove|Business|Bowl|Travel)\s+$`)
	anyDayRE   = regexp.MustCompile(`(?i)\b(?:on\s+(?:a|an|any)|every|each)\s+$`)
)

// agoRE matches a time told back from the article's day: "two weeks
// ago", "3 days ago", "a week ago", "last week" (its number in group 1,
// its unit in group 2; "last week" has neither). "last week's code
// review" names a thing of that week, not the sentence's time; "more
// than two weeks ago" a bound.
var agoRE = regexp.MustCompile(`(?i)(?:\b(more than|over|less than|nearly|almost|about|around)\s+)?\b(?:(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(days?|weeks?)\s+ago|last\s+week(?:['’]s)?)\b`)

var agoNumbers = map[string]int{"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}

// toldBackDay is the day a sentence stating no day of its own tells back
// from pub, its article's day (agoRE), else the zero time: "two weeks ago" 14 days before,
// "last week" 7 (a week back, whatever its day). Its day is roughly
// known: it orders the sentence, but does not lift it as a stated day
// does (TimelineDatedLift).
func toldBackDay(s string, pub time.Time) time.Time {
	loc := agoRE.FindStringSubmatchIndex(s)
	if loc == nil || pub.IsZero() {
		return time.Time{}
	}
	m := agoRE.FindStringSubmatch(s)
	if m[1] != "" || strings.HasSuffix(m[0], "s") && m[3] == "" && !occasionAhead(s[loc[1]:]) {
		return time.Time{}
	}
	n := 7 // last week
	if m[2] != "" {
		var ok bool
		if n, ok = agoNumbers[strings.ToLower(m[2])]; !ok {
			n, _ = strconv.Atoi(m[2])
		}
		if strings.HasPrefix(strings.ToLower(m[3]), "week") {
			n *= 7
		}
	}
	if n <= 0 {
		return time.Time{}
	}
	return day(pub).AddDate(0, 0, -n)
}

// stillToCome reports whether a sentence dated only by "today" or
// "tonight" tells of what is still to come that day: a verb of the
// future or of need ("Inter Miami must win tonight to ensure they remain
// alive", "Inter Miami's home field advantage tonight will be
// significantly hampered"), or a live page's countdown ("30 mins to
// kickoff: …"). It states its day but tells of no event yet: it is not
// lifted as a stated day is, and the day's result ("Inter Miami are
// officially OUT of the MLS playoff race, as tonight's defeat …") comes
// first.
func stillToCome(s string) bool {
	if !todayRE.MatchString(s) && !countdownRE.MatchString(s) {
		return false
	}
	for _, sp := range text.Dates(s) {
		if w := strings.ToLower(s[sp.Start:sp.End]); w != "today" && w != "tonight" {
			return false // another day stated
		}
	}
	if countdownRE.MatchString(s) || needRE.MatchString(s) {
		return true
	}
	// a future's verb of the writer's, not one reported ("the
	// Commission said the investigation will look at …" tells of an
	// announcement made today)
	return future(s) && !reportedRE.MatchString(s)
}

var (
	todayRE     = regexp.MustCompile(`(?i)\b(?:today|tonight)\b`)
	reportedRE  = regexp.MustCompile(`(?i)\b(?:said|says|announced|told|reported|according to)\b`)
	needRE      = regexp.MustCompile(`(?i)\b(?:must|need to|needs to|has to|have to)\b`)
	countdownRE = regexp.MustCompile(`(?i)^(?:\d+\s+(?:hours?|mins?|minutes?)\s+)+(?:\d+\s+(?:mins?|minutes?)\s+)?(?:to|until)\s+(?:kick|kick-off|kickoff|tip-off|first pitch|puck drop|the start)\b`)
)

// occasionAhead reports whether the words after "last week's" name an
// occasion (occasionWords) within maxOccasionWords: "was announced at
// last week’s Scary Fast event" tells of that event's day, a week back;
// "couldn’t undo the damage of last week’s code review" of a thing of
// that week.
func occasionAhead(after string) bool {
	for i, f := range strings.Fields(after) {
		w := strings.ToLower(strings.Trim(f, ",.;:"))
		if i >= maxOccasionWords || phraseEnds[w] {
			break // "last week’s review| at the event" names a review
		}
		if occasionWords[w] {
			return true
		}
		if w != strings.ToLower(f) {
			break // the phrase ends at a comma or a stop
		}
	}
	return false
}

// phraseEnds are words that end the noun phrase after a possessive.
var phraseEnds = map[string]bool{"at": true, "of": true, "in": true, "on": true, "for": true, "to": true, "with": true, "by": true, "and": true, "or": true, "that": true, "which": true, "from": true}

// occasionTold reports whether s tells back the week of an occasion
// ("at last week’s Scary Fast event").
func occasionTold(s string) bool {
	loc := agoRE.FindStringSubmatchIndex(s)
	return loc != nil && loc[2] < 0 && loc[6] < 0 && occasionAhead(s[loc[1]:]) && strings.HasSuffix(s[loc[0]:loc[1]], "s")
}

// maxOccasionWords is how many words after "last week's" may hold its
// occasion ("last week’s| Scary Fast event").
const maxOccasionWords = 4

// dayBeforeRE matches a sentence's day told as the one before the day
// its article reports.
// changeByRE matches a change told in the past and "by" before the month
// it was reached: "prices fell more than 5% from that peak by| January
// of this year". Not a year alone ("it would be out by 2021"), nor after
// a verb of no change.
var changeByRE = regexp.MustCompile(`(?i)\b(?:fell|rose|dropped|climbed|jumped|slid|declined|doubled|tripled|halved|grew|shrank|surged|plunged|plummeted|soared|tumbled|sank)\b[^,;.]*\bby\s+$`)

// tookUntilRE matches the words before a time that is when the event a
// sentence tells of came at last: "It took until June 2022 for national
// home prices to peak", "It wasn't until March that …".
var tookUntilRE = regexp.MustCompile(`(?i)\b(?:took|take|takes|taken|was\s+not|wasn['’]t|did\s+not|didn['’]t)\s+until\s+$`)

// presentAge reports whether "today" at offset at of s is the present
// age set against an earlier one, not the article's day: the sentence
// states a decade ("the early 1980s", "the ’80s"), "back then", or a
// comparison with what was ("stronger today than they were during the
// GFC"), or a year before the article's ahead of "today" ("The housing
// crash of 2008 … very different from what … experts see today"; "has
// soared from 3.8% in March 2022 to over 7.5% today").
func presentAge(s string, at int, pub time.Time) bool {
	if presentAgeRE.MatchString(s) {
		return true
	}
	for _, sp := range text.Years(s[:at]) {
		if y, err := strconv.Atoi(s[sp.Start:sp.End]); err == nil && y < pub.Year() {
			return true
		}
	}
	return false
}

// presentAgeRE matches the words by which a sentence sets its "today"
// against an earlier age (presentAge).
var presentAgeRE = regexp.MustCompile(`(?i)\bback then\b|\b(?:than|like)\s+(?:it|they|there|we|he|she|you)\s+(?:was|were|did|had)\b|[‘'’]\d0s\b|\b(?:1[89]|20)\d0s\b`)

// untilNowRE matches the end of a span up to now after its first day
// ("from October 20| to today"); spanEndRE the words before a span's
// end, read before "today" ("from October 20 to| today"; a day after
// "until" is still read: "adjourned until November 5").
var (
	untilNowRE = regexp.MustCompile(`^\s+(?:to|until|till|through)\s+(?:today|now|tonight)\b`)
	spanEndRE  = regexp.MustCompile(`\b(?:to|until|till|through)\s+$`)
)

// comingRE matches the words before a weekday's possessive naming a
// day to come ("for| Monday’s Game 3", "ahead of| Sunday's final");
// weekdaysRE the possessive after the weekday. "after Monday's game",
// "in Sunday's final" tell of a day past.
var (
	comingRE   = regexp.MustCompile(`(?i)\b(?:for|ahead of)\s+(?:this\s+)?$`)
	weekdaysRE = regexp.MustCompile(`^['’]s\b`)
)

// boundRE matches the words before a day that bounds a span rather than
// dating what the sentence tells ("Before| October 7, IMPA received
// about 100 reports a day", "Ever since| October 7, everyone has been
// discussing …", "towards| October 7", "only because of| October 7"):
// the sentence's day is another of its days, or its article's. "until" is not one: "adjourned until
// November 5" tells of that day to come.
var boundRE = regexp.MustCompile(`(?i)\b(?:since|before|prior to|towards?|up until|up to|because of)\s+$`)

// aftermathRE matches the words before a day whose occasion the
// sentence tells the aftermath of ("in the wake of| Saturday’s deadly
// attacks", "in response to Hamas’s deadly| Oct. 7 assault", "following
// Sunday's defeat"), up to three words between: what it tells came
// after that day, on a day it does not state. "after Monday's Game 3"
// is read as that day ("The series was tied 1-1 after Monday’s Game
// 3.").
var aftermathRE = regexp.MustCompile(`(?i)\b(?:in the wake of|in response to|in the aftermath of|following)\s+(?:\S+\s+){0,3}$`)

// bound reports whether the day written at s[start:end] bounds a span
// (boundRE) rather than dating what s tells. A day's possessive after
// "before" names that day's occasion, the sentence's time just before
// it ("Texas found out before Tuesday's Game 4 that …"); after "since"
// it still begins a span ("Since Saturday’s attacks, posts … have been
// spotted").
func bound(s string, start, end int) bool {
	if aftermathRE.MatchString(s[:start]) {
		return true
	}
	m := boundRE.FindString(s[:start])
	if m == "" {
		return false
	}
	w := strings.ToLower(strings.TrimSpace(m))
	return !(strings.HasPrefix(w, "before") || strings.HasPrefix(w, "prior")) || !weekdaysRE.MatchString(s[end:])
}

// prospectRE matches a verb telling of what can or must still be done:
// with a weekday's possessive, the day's occasion is to come ("Ten Hag
// has no doubt he can be a major factor in Sunday’s showdown", "if
// United do win the ball high up in Sunday's derby, they need to start
// taking those chances", both written on a Saturday). Without it, "in
// Sunday's final" tells of a day past.
var prospectRE = regexp.MustCompile(`(?i)\b(?:can|cannot|can['’]t|must|needs? to|hopes? to|aims? to)\b`)

// thisWeekendRE matches a weekend told as the coming one: a Saturday or
// Sunday in a sentence of "this weekend" is the next ("United host
// Manchester City in a Super Sunday derby this weekend", written on a
// Saturday, tells of the day after, not of six days before).
var thisWeekendRE = regexp.MustCompile(`(?i)\bthis\s+weekend\b`)

// weFutureRE matches the writer's "we'll" (futureRE leaves it out):
// before a day, it tells of that day to come ("We'll have full coverage
// of the event …, so … join us on Monday evening."); after one, of the
// article ("as of September 30 (something we’ll come back to)").
var weFutureRE = regexp.MustCompile(`(?i)\bwe['’]ll\b`)

var dayBeforeRE = regexp.MustCompile(`(?i)\b(?:the day before|the previous day|a day earlier)\b`)

// future reports whether a sentence tells of what is to come: a
// future's verb (futureRE) other than in a relative clause ("made a
// Friday ruling that will prohibit …" tells of the Friday past).
func future(s string) bool { return futureAt(s) >= 0 }

// futureAt is where the first future's verb of a sentence is written
// (future), or -1 when it has none.
func futureAt(s string) int {
	for _, m := range futureRE.FindAllStringIndex(s, -1) {
		before := strings.Fields(strings.ToLower(s[:m[0]]))
		if len(before) > 0 && relativeWords[before[len(before)-1]] {
			continue
		}
		return m[0]
	}
	return -1
}

// pastYearAhead is the period (periodDate) of head, the words of a
// sentence of the future before its verb of the future, when it lies in
// a year before pub's: what is to come cannot happen in a year past, so
// the year is the time of the thing the sentence tells of ("Kenwright’s
// powerful speech at the Hillsborough memorial service in 2013 … will
// not be forgotten" tells of 2013). A month of pub's year ("In March, it
// said it will …") may as well be the one to come: not read; nor a year
// of a relative clause ("the population of HNIs, which was 7.9 lakh in
// 2022, will rise to 16.5 lakh": a thing's past, the sentence's future).
func pastYearAhead(head string, pub time.Time) (time.Time, string, bool) {
	years := text.Years(head)
	if len(years) == 0 || relativeBeforeRE.MatchString(head[:years[0].Start]) {
		return time.Time{}, "", false
	}
	when, label, ok := periodDate(head, pub)
	if !ok || when.Year() >= pub.Year() {
		return time.Time{}, "", false
	}
	return when, label, true
}

var relativeWords = map[string]bool{"that": true, "which": true, "who": true}

// relativeBeforeRE matches the words of a relative clause not closed
// before the end of a sentence's head: ", which was 7.9 lakh in ".
var relativeBeforeRE = regexp.MustCompile(`(?i)\b(?:which|who|whose|that)\b[^,;:]*$`)

// reportedFuture reports whether the future a sentence tells of (future)
// is only reported: a verb of saying in the past (text.IsSayingVerb:
// "said", "announced", "told") is written after at, the end of a day
// before it, and before the sentence's first verb of the future. The day
// before the saying is the day it was said, not one to come: "In a post
// on X on Monday, Activision Blizzard said it expects to start adding
// its titles … - meaning … will be playable" tells of a Monday past. A
// day after the verb ("The league said on Thursday it will bar him")
// may be the future's own, and stays one to come.
func reportedFuture(s string, at int) bool {
	first := -1
	for _, m := range futureRE.FindAllStringIndex(s, -1) {
		before := strings.Fields(strings.ToLower(s[:m[0]]))
		if len(before) > 0 && relativeWords[before[len(before)-1]] {
			continue
		}
		first = m[0]
		break
	}
	if first < at {
		return false
	}
	for _, word := range text.Words(s[at:first]) {
		lw := strings.ToLower(word)
		if text.IsSayingVerb(lw) && (text.Lemma(lw) != lw || strings.HasSuffix(lw, "ed")) {
			return true
		}
	}
	return false
}

// futureRE matches a sentence telling of what is to come; "will" only in
// lower case ("In March 2022, Will slapped Chris Rock" names Will Smith),
// and "'ll" of a third person ("they'll have a chance"): the writer's
// "(something we’ll come back to)" tells of the article, not the story.
var futureRE = regexp.MustCompile(`\bwill\b|(?i:\b(?:they|he|she|it)['’]ll\b)|(?i)\b(?:is set to|are set to|is set for|are set for|is scheduled to|are scheduled to|is expected to|are expected to|is due|are due)\b`)

// dayOf reads a date with its day; a date without a year takes the year
// of pub, or the year before when that would put it more than a week
// after pub, unless the sentence tells of what is to come (future): then
// the year after when that would put it more than a week before pub.
func dayOf(date string, pub time.Time, future bool) (time.Time, bool) {
	y, m, d := text.DateParts(date)
	if m == 0 || d == 0 {
		return time.Time{}, false
	}
	if y == 0 {
		if pub.IsZero() {
			return time.Time{}, false
		}
		y = pub.Year()
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		switch {
		case t.After(pub.AddDate(0, 0, 7)) && !future:
			y--
		case t.Before(pub.AddDate(0, 0, -7)) && future:
			y++ // "Winners will be announced January 25." in October
		}
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), true
}

// uncertainDays is how far before its article a day written without its
// year may lie and still be read as that year's (yearUncertain).
const uncertainDays = 183

// yearUncertain reports whether t, a day read from date (written after
// before), falls in a year the sentence does not make certain: written
// without its year, more than uncertainDays before its article (pub),
// and no weekday before it naming t's. "Inter Miami announced a pair of
// fixtures …, including against Ronaldo's Al Nassr on February 1." in an
// article of November 30, 2023 tells of the February to come, not of
// the one ten months before; "on Thursday, February 1" is 2024's by its
// weekday (weekdayYear). Such a sentence is dated by its article.
func yearUncertain(t, pub time.Time, before, date string) bool {
	if y, _, _ := text.DateParts(date); y != 0 || pub.IsZero() || !t.Before(day(pub).AddDate(0, 0, -uncertainDays)) {
		return false
	}
	m := weekdayBeforeRE.FindStringSubmatch(before)
	return m == nil || !strings.EqualFold(t.Weekday().String(), m[1])
}

// spanStart is t, the first day of a span written without its year
// and read too far before pub to be sure of it (yearUncertain), in the
// year of the span's last day when that day, written right after it
// ("from May 22| through Aug. 30"), is read with certainty: the span's
// first day is the latest such day on or before its last. ok is false
// when s[end:] ends no span so.
func spanStart(s string, end int, t, pub time.Time) (time.Time, bool) {
	m := spanToRE.FindString(s[end:])
	if m == "" {
		return time.Time{}, false
	}
	rest := s[end+len(m):]
	ds := text.Dates(rest)
	if len(ds) == 0 || ds[0].Start != 0 {
		return time.Time{}, false
	}
	last, ok := dayOf(rest[ds[0].Start:ds[0].End], pub, future(s))
	if !ok || yearUncertain(last, pub, "", rest[ds[0].Start:ds[0].End]) {
		return time.Time{}, false
	}
	u := time.Date(last.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	if u.After(last) {
		u = u.AddDate(-1, 0, 0)
	}
	return u, true
}

// spanToRE matches the words between a span's first and last days
// ("May 22| through |Aug. 30").
var spanToRE = regexp.MustCompile(`^\s*(?:through|thru|to|until|till|[-–—])\s*`)

// weekdayBeforeRE matches a weekday written right before a date
// ("Thursday, October 26").
var weekdayBeforeRE = regexp.MustCompile(`(?i)\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+$`)

// weekdayYear is t, a day read from date (written after before), in the
// year its weekday names when the date has no year of its own: "Thursday,
// October 26" in an article of September 28, 2023 is 2023's (a Thursday),
// not 2022's (a Wednesday), though it falls weeks after the article. A
// weekday that fits neither the year before nor the year after leaves t
// as dayOf read it.
func weekdayYear(t time.Time, before, date string) time.Time {
	m := weekdayBeforeRE.FindStringSubmatch(before)
	if y, _, _ := text.DateParts(date); m == nil || y != 0 || strings.EqualFold(t.Weekday().String(), m[1]) {
		return t
	}
	for _, dy := range []int{1, -1} {
		if u := t.AddDate(dy, 0, 0); strings.EqualFold(u.Weekday().String(), m[1]) {
			return u
		}
	}
	return t
}

func day(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func termSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, t := range text.Terms(s) {
		m[t] = true
	}
	return m
}

// jaccard is the share of the two sets' terms that both hold.
func jaccard(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	both := 0
	for t := range a {
		if b[t] {
			both++
		}
	}
	return float64(both) / float64(len(a)+len(b)-both)
}

// mergeEvents folds each event into a better one before it that tells
// the same news (Jaccard at least same), keeping the better's sentence
// and citing both.
func mergeEvents(evs []event, same float64) []event {
	var out []event
	var norm []string // out's texts, normalised
	for _, e := range evs {
		n := answer.NormalizeQuote(strings.ToLower(e.text()))
		i := slices.IndexFunc(out, func(o event) bool {
			return jaccard(o.terms, e.terms) >= same
		})
		if j := slices.Index(norm, n); j >= 0 && (i < 0 || j < i) {
			i = j
		}
		if i < 0 {
			out = append(out, e)
			norm = append(norm, n)
			continue
		}
		if out[i].doc.ID != e.doc.ID {
			out[i].others = append(out[i].others, e.sentence)
		}
	}
	return out
}
