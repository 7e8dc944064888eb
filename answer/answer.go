// Package answer is the answering core shared by the CLI and Slack: it
// retrieves passages for a question and turns them into an Answer whose
// every quote is checked against its source document. Front ends only
// render an Answer.
package answer

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/retrieval"
)

// Kind says what sort of answer this is.
type Kind string

const (
	// Extractive answers are verbatim quotes from the documents.
	Extractive Kind = "extractive"
	// Generated answers are written by a language model from the passages.
	Generated Kind = "generated"
	// NotFound means the documents do not answer the question.
	NotFound Kind = "not_found"
)

// NotFoundText is what the bot says when the documents do not answer.
const NotFoundText = "The documents don't say. I found nothing in the corpus that answers this question."

// Source is one cited passage.
type Source struct {
	N         int // the citation number, [N] in the text
	DocID     string
	Title     string
	Source    string
	Byline    string
	URL       string
	Date      string
	Paragraph int // 1-based paragraph of the document holding the quote
	// Quote is the exact span of the document the citation rests on.
	Quote string
	// Passage is the whole retrieved chunk the quote comes from.
	Passage string
}

// Sentence is one sentence of the answer with the sources it cites.
type Sentence struct {
	Text  string
	Cites []int
	// Unsupported marks a generated sentence that cites no passage.
	Unsupported bool
}

// Short is a short answer extracted from a quote: "Short answer (from [1]): Mira Murati".
type Short struct {
	Text  string
	Cites []int
}

// String renders the short answer with its citations.
func (s *Short) String() string {
	var marks []string
	for _, n := range s.Cites {
		marks = append(marks, fmt.Sprintf("[%d]", n))
	}
	return fmt.Sprintf("Short answer (from %s): %s", strings.Join(marks, ", "), s.Text)
}

// Turn is an earlier question and answer of the same conversation.
type Turn struct {
	Question string
	Answer   string
}

// Answer is the bot's reply to one question.
type Answer struct {
	Question string
	Kind     Kind
	// Label tells the reader what they are looking at, e.g. "Quotes from the documents".
	Label     string
	Sentences []Sentence
	// Short, when set, is a name taken verbatim from a quoted sentence that
	// answers a "who" question on its own.
	Short   *Short
	Sources []Source
	// Unmentioned are the question's specific names that none of the quotes
	// mention: the answer may not be about them, and says so.
	Unmentioned []string
	// Missing are the question's names (people, places, titles, outlets)
	// that the documents found do not mention: why a NotFound answer declined.
	Missing []string
	// Unknown are the question's words that no document the asker may see
	// holds: "The documents don't say: they never mention “zorblatt”."
	Unknown []string
	// Lacks, for a short question the passages do not answer, says the
	// fact they lack ("no passage gives a number of “seats” for this");
	// Mentions are the question's words they do hold ("sphere").
	Lacks    string
	Mentions []string
	Warnings []string
	Model    string
	// FellBack is true when a model was configured but the answer is extractive.
	FellBack bool
	// Withheld is true when the model answered but its answer failed the
	// checks (a made-up quote, a planted instruction, no citation).
	Withheld bool
	// FallbackReason says why the answer fell back, for the operator's log:
	// the check that failed, or the model's error (status, timeout).
	FallbackReason string
	// FallbackError is the model's error behind a fallback, for the log.
	FallbackError error
	// Check is what the citation check of a generated answer found.
	Check   Check
	Results *retrieval.Results
	// Took is the whole answer's time; Retrieval and Generation its parts.
	Took, Retrieval, Generation time.Duration
}

// Text renders the answer's sentences with their [n] markers.
func (a *Answer) Text() string {
	if a.Kind == NotFound {
		return a.notFoundText()
	}
	var parts []string
	if a.Short != nil {
		parts = append(parts, a.Short.String()+".")
	}
	for _, s := range a.Sentences {
		var marks strings.Builder
		for _, n := range s.Cites {
			fmt.Fprintf(&marks, " [%d]", n)
		}
		if s.Unsupported {
			marks.WriteString(" [no source]")
		}
		// Markers go before the closing full stop: "… garbage” [1]."
		t := s.Text
		if end := t[len(t)-1:]; len(t) > 1 && strings.ContainsAny(end, ".!?") {
			parts = append(parts, t[:len(t)-1]+marks.String()+end)
		} else {
			parts = append(parts, t+marks.String())
		}
	}
	return strings.Join(parts, " ")
}

// notFoundText says the documents don't say and, when known, what they
// lack: "The documents don't say: none of the passages closest to the
// question mention “Literature”."
func (a *Answer) notFoundText() string {
	if len(a.Unknown) > 0 {
		return "The documents don't say: they never mention " + quoteList(a.Unknown) + "."
	}
	if a.Lacks != "" && len(a.Missing) == 0 {
		if len(a.Mentions) == 0 {
			return "The documents don't say: " + a.Lacks + "."
		}
		return "The documents don't say: they mention " + strings.ReplaceAll(quoteList(a.Mentions), " or ", " and ") + ", but " + a.Lacks + "."
	}
	if len(a.Missing) == 0 {
		return NotFoundText
	}
	return "The documents don't say: none of the passages closest to the question mention " + quoteList(a.Missing) + "."
}

// Caveat says which of the question's names the quotes do not mention, or "".
func (a *Answer) Caveat() string {
	if len(a.Unmentioned) == 0 {
		return ""
	}
	return "None of these quotes mentions " + quoteList(a.Unmentioned) + ": the documents may not say."
}

func quoteList(names []string) string {
	quoted := make([]string, len(names))
	for i, m := range names {
		quoted[i] = "“" + m + "”"
	}
	return strings.Join(quoted, " or ")
}

// missing lists what the retrieved passages lack, for a NotFound answer.
func missing(res *retrieval.Results) []string {
	var out []string
	for _, names := range [][]string{res.UnknownOutlets, res.MissingNames} {
		for _, n := range names {
			if !slices.Contains(out, n) {
				out = append(out, n)
			}
		}
	}
	return out
}

// Request is one question to answer.
type Request struct {
	Question string
	// History holds the earlier turns of the conversation, oldest first.
	History []Turn
	// OnDelta, when set, receives a generated answer's text as the model
	// streams it. The streamed text is unchecked: the returned Answer is
	// what to show in the end.
	OnDelta func(string)
	// Collections, when not nil, are the asker's scope: the collections
	// they may search ("" standing for documents outside every
	// collection), which the store applies (retrieval.Filter). Embargoed
	// and withdrawn documents are never seen.
	Collections []string
	// Asker, when set, is the asker's scope read in the collection
	// settings of the corpus version each search pins (see
	// retrieval.Filter.Asker); it then stands for Collections.
	Asker retrieval.Asker
	// Allow, when set, narrows the documents further for this question
	// alone (training leaves a fold's documents out; tests): it is not the
	// asker's scope, and the corpus's description (Scope) does not read it.
	Allow func(*corpus.Document) bool
}

// Searcher is the corpus an Engine answers from: a retrieval.Searcher
// over whichever store holds it.
type Searcher interface {
	// Search retrieves the passages that best answer query among the
	// documents f lets see (and opts.Allow, when set, keeps). It returns
	// the results with the index whose statistics weigh them.
	Search(ctx context.Context, query string, f retrieval.Filter, opts retrieval.SearchOptions) (*retrieval.Index, *retrieval.Results, error)
	// Describe gives the size and identity of the corpus.
	Describe(ctx context.Context) (retrieval.Stats, error)
	// Scope describes the part of the corpus f lets see (see Engine.Scope).
	Scope(ctx context.Context, f retrieval.Filter) (retrieval.Stats, error)
	// Document returns a document of the corpus.
	Document(ctx context.Context, id string) (*corpus.Document, bool, error)
	// Passages splits a document into the passages the store holds of it.
	Passages(doc *corpus.Document) []retrieval.Chunk
	// Keeps reports whether f lets every document with these IDs be
	// searched.
	Keeps(ctx context.Context, f retrieval.Filter, ids []string) (bool, error)
}

// The retrieval package's searcher (it cannot name this interface).
var _ Searcher = (*retrieval.Searcher)(nil)

// Engine answers questions over the current corpus. The corpus can be
// swapped while questions are answered (a reload); each question uses one
// from start to end.
type Engine struct {
	corpus atomic.Pointer[Searcher]
	// Search tunes retrieval; K is the number of passages considered.
	Search retrieval.SearchOptions
	// Generator, when set, writes answers with a language model; without
	// one, answers are extractive.
	Generator *Generator
	// Now is the clock embargoes are judged by (default time.Now).
	Now func() time.Time
	// Model makes the extractive answer's learned decisions (nil: the
	// compiled-in DefaultModel); HandRules makes them by the hand-set
	// rules alone, for comparison.
	Model     *Model
	HandRules bool
}

// model is the model extractive answers use, nil for the hand-set rules.
func (e *Engine) model() *Model {
	switch {
	case e.HandRules:
		return nil
	case e.Model != nil:
		return e.Model
	}
	return DefaultModel()
}

// New returns an engine answering from s, tuned by search; with s nil the
// engine is not ready until SetSearcher. A reload is the store's to make
// (memory.Store.Replace, a Weaviate store's next version): the searcher
// pins its current version for each question.
func New(s Searcher, search retrieval.SearchOptions) *Engine {
	e := &Engine{Search: search}
	if s != nil {
		e.SetSearcher(s)
	}
	return e
}

// searcher returns the corpus answered from now, or nil.
func (e *Engine) searcher() Searcher {
	if s := e.corpus.Load(); s != nil {
		return *s
	}
	return nil
}

// SetSearcher replaces the corpus atomically; questions in flight finish
// on the old one.
func (e *Engine) SetSearcher(s Searcher) { e.corpus.Store(&s) }

// Ready reports whether the engine has a corpus to answer from.
func (e *Engine) Ready() bool { return e.searcher() != nil }

// StoreReady reports whether the corpus answers now: nil for an index in
// this process, the store's error when it does not answer (within ctx's
// deadline: a readiness probe gives a short one).
func (e *Engine) StoreReady(ctx context.Context) error {
	s := e.searcher()
	if s == nil {
		return errNoCorpus
	}
	if r, ok := s.(interface{ Ready(context.Context) error }); ok {
		return r.Ready(ctx)
	}
	return nil
}

var errNoCorpus = errors.New("no index loaded")

// Describe gives the size and identity of the corpus answered from.
func (e *Engine) Describe(ctx context.Context) (retrieval.Stats, error) {
	s := e.searcher()
	if s == nil {
		return retrieval.Stats{}, errNoCorpus
	}
	return s.Describe(ctx)
}

// Scope describes the part of the corpus a request may search: Documents
// counts the documents it may quote now; Withdrawn and Embargoes are those
// of its collections that it may not quote (yet). Restricted documents
// outside the request's collections are not counted at all, nor shown
// by the version (see retrieval.Version.Scope).
func (e *Engine) Scope(ctx context.Context, req Request) (retrieval.Stats, error) {
	s := e.searcher()
	if s == nil {
		return retrieval.Stats{}, errNoCorpus
	}
	return s.Scope(ctx, e.filter(req))
}

// filter is the request's scope, at the engine's time.
func (e *Engine) filter(req Request) retrieval.Filter {
	return retrieval.Filter{Now: e.now(), Collections: req.Collections, Asker: req.Asker}
}

// now is the engine's clock.
func (e *Engine) now() time.Time {
	if e.Now != nil {
		return e.Now()
	}
	return time.Now()
}

// Document returns a document of the corpus answered from.
func (e *Engine) Document(ctx context.Context, id string) (*corpus.Document, bool, error) {
	s := e.searcher()
	if s == nil {
		return nil, false, errNoCorpus
	}
	return s.Document(ctx, id)
}

// Visible reports whether a request may see every document with these
// IDs: its scope keeps them, and they are neither withdrawn nor under
// embargo now.
func (e *Engine) Visible(ctx context.Context, req Request, ids []string) (bool, error) {
	s := e.searcher()
	if s == nil {
		return false, errNoCorpus
	}
	return s.Keeps(ctx, e.filter(req), ids)
}

// Ask answers a question. Without a Generator the answer is extractive;
// with one it is written by the model and checked, falling back to the
// extractive answer when the model fails or its answer fails the check.
// Follow-ups are answered in the context of req.History.
func (e *Engine) Ask(ctx context.Context, req Request) (*Answer, error) {
	start := time.Now()
	query := req.Question
	if len(req.History) > 0 {
		query = e.standalone(ctx, req)
	}
	f, err := e.retrieve(ctx, req, query)
	if err != nil {
		return nil, fmt.Errorf("answer %q: %w", req.Question, err)
	}
	res, ix := f.res, f.ix
	retrieved := time.Now()
	var a *Answer
	switch {
	case e.Generator == nil:
		a = ExtractWith(ix, f.question, res, e.model().For(len(req.History)))
		a.Question = req.Question
		a.Unmentioned = f.asTyped(a.Unmentioned, a.Sentences)
		keepShown(a, shown(e.Search))
	case !res.Answerable:
		// Below the relevance floor the model is not asked: it could only guess.
		a = &Answer{Question: req.Question, Kind: NotFound, Model: e.Generator.Client.Model(), Results: res, Missing: missing(res), Unknown: res.UnknownNames}
	default:
		// The model reads the k best passages, not a short question's pool.
		a = e.generate(ctx, ix, req, best(res, shown(e.Search)))
	}
	if res.DenseError != nil {
		a.Warnings = append(a.Warnings, "dense search unavailable, used keyword search only")
	}
	a.Took = time.Since(start)
	a.Retrieval = retrieved.Sub(start)
	if e.Generator != nil {
		a.Generation = a.Took - a.Retrieval
	}
	return a, nil
}

// followUpQuery carries the conversation's topic into a follow-up, so
// that "what was his previous job?" after "who's taking over from cz at
// binance" still finds the passages of the earlier topic, and of the one
// it named: the last two questions, and the names the last answer gave
// (its short answer, or those of its first quote).
func followUpQuery(question string, history []Turn) string {
	parts := []string{question}
	for i := len(history) - 1; i >= max(0, len(history)-Tune.MaxTopicTurns); i-- {
		parts = append(parts, history[i].Question)
	}
	if names := answerNames(history[len(history)-1].Answer); len(names) > 0 {
		parts = append(parts, strings.Join(names, " "))
	}
	return strings.Join(parts, "\n")
}

// answerNames returns the names an answer's text gives first: its short
// answer ("Short answer (from [1]): Richard Teng."), else the names of its
// first quote.
func answerNames(answer string) []string {
	if rest, ok := strings.CutPrefix(answer, "Short answer"); ok {
		if _, name, ok := strings.Cut(rest, ": "); ok {
			if name, _, ok := strings.Cut(name, ". "); ok {
				return []string{name}
			}
		}
	}
	first, _, _ := strings.Cut(answer, "” [")
	var out []string
	for _, n := range namePhrases(strings.TrimPrefix(first, "“")) {
		if len(out) < Tune.MaxTopicNames && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}
