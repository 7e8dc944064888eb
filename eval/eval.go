// Package eval measures retrieval and answers against question sets with
// known evidence (the format of shared/evals/*.qa.jsonl), using the
// MultiHop-RAG scorer's matching rule.
package eval

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"unicode"

	"github.com/newsroom/askbot/answer"
)

// Question is one line of a question set.
type Question struct {
	ID       string `json:"id"`
	Question string `json:"question"`
	Answer   string `json:"answer"`
	// Any are the acceptable forms of Answer, each verbatim in its
	// document ("Oslo" for "an Oslo court"); empty means Answer alone.
	Any      []string   `json:"any,omitempty"`
	Evidence []Evidence `json:"evidence"`
	Type     string     `json:"type"`
	// History holds, for a follow-up, the earlier questions of its
	// conversation, oldest first: it is asked after them.
	History []string `json:"history,omitempty"`
}

// Evidence is a quote of a document that supports the answer.
type Evidence struct {
	DocID string `json:"doc_id"`
	Quote string `json:"quote"`
}

// Answerable reports whether the question has evidence in the corpus.
func (q Question) Answerable() bool { return q.Type != "unanswerable" && len(q.Evidence) > 0 }

// ReadQuestions reads a JSONL question set.
func ReadQuestions(path string) ([]Question, error) {
	qs, err := readJSONL(path, func(Question) bool { return true })
	if err != nil {
		return nil, err
	}
	for i := range qs {
		if qs[i].Type == "" {
			qs[i].Type = "factoid"
		}
	}
	if len(qs) == 0 {
		return nil, fmt.Errorf("read questions %s: no questions", path)
	}
	return qs, nil
}

// readJSONL reads one T per non-empty line of path, keeping those keep accepts.
func readJSONL[T any](path string, keep func(T) bool) ([]T, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read questions: %w", err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for line := 1; sc.Scan(); line++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			return nil, fmt.Errorf("read questions %s:%d: %w", path, line, err)
		}
		if keep(v) {
			out = append(out, v)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read questions %s: %w", path, err)
	}
	return out, nil
}

var folder = strings.NewReplacer("“", `"`, "”", `"`, "„", `"`, "‘", "'", "’", "'", "‚", "'",
	"—", "-", "–", "-", "‐", "-", "‑", "-", "‒", "-", "―", "-", "−", "-")

// Normalize lower-cases s, folds typographic quotes and dashes to ASCII and
// removes all whitespace: the scorer's rule for "passage contains quote".
func Normalize(s string) string {
	s = folder.Replace(strings.ToLower(s))
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u2009', '\u202f', '\u200b':
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Figures are the metrics of a set of questions; rates are in [0, 1].
type Figures struct {
	Questions        int     `json:"questions"`
	Answerable       int     `json:"answerable"`
	Unanswerable     int     `json:"unanswerable"`
	K                int     `json:"k"`
	HitAt1           float64 `json:"hit_at_1"`
	HitAt4           float64 `json:"hit_at_4"`
	HitAtK           float64 `json:"hit_at_k"`
	MRR              float64 `json:"mrr"`
	EvidenceRecall   float64 `json:"evidence_recall_at_k"`
	AllEvidence      float64 `json:"all_evidence_at_k"`
	AnswerInPassages float64 `json:"answer_in_passages"`
	AbstainCorrect   float64 `json:"abstain_correct"`
	FalseAbstain     float64 `json:"false_abstain"`
	AvgPassageChars  float64 `json:"avg_passage_chars"`

	// What the reader sees (the answer text, not the sources list):
	AnswerShown     float64 `json:"answer_shown"`     // expected non-yes/no answer in the answer text
	EvidenceShown   float64 `json:"evidence_shown"`   // an answer sentence is or contains an evidence quote
	DuplicateQuotes int     `json:"duplicate_quotes"` // answers quoting one sentence twice
	Declined        int     `json:"declined"`         // answers saying the documents don't say
	// ShortAnswers counts the answers showing a short answer;
	// ShortAnswerPrecision is the share of them naming the expected answer
	// (one contains the other, normalised), unanswerable questions counting
	// as wrong.
	ShortAnswers         int     `json:"short_answers"`
	ShortAnswerPrecision float64 `json:"short_answer_precision"`
	// AnswerChars is the mean length of the answer text shown (sources
	// list not counted), over the answers that did not decline.
	AnswerChars float64 `json:"answer_chars"`

	// With a model configured:
	CitationsValid *float64 `json:"citations_valid,omitempty"` // markers pointing at a passage that exists
	QuotesVerified *float64 `json:"quotes_verified,omitempty"` // quoted spans found verbatim in a cited passage
	AnswerMatch    *float64 `json:"answer_match,omitempty"`    // expected answer in the generated answer
	Fallbacks      *int     `json:"fallbacks,omitempty"`       // answers that fell back to extractive

	// sums, turned into rates by finish
	factoidLike, factoidAnswered int
	showable, shown              int
	passages, passageChars       int
	generated                    bool
	shortRight                   int
	answered, answerChars        int
	markers, validMarkers        int
	quotes, verifiedQuotes       int
	matchable, matched           int
	fallbacks                    int
}

// Report is the outcome of an evaluation.
type Report struct {
	Figures
	ByType map[string]*Figures `json:"by_type"`
	Misses []Miss              `json:"-"`
	// Answers holds each question's answer, in order.
	Answers []Answered `json:"-"`
}

// Answered is the answer the bot gave to one question.
type Answered struct {
	ID, Question, Expected, Answer string
	FellBack                       bool
}

// Miss is a question the bot got wrong: no evidence retrieved, a wrong
// abstention, or an answer that does not show the expected answer or any
// evidence.
type Miss struct {
	ID, Type, Question, Why string
	// Expected and Answer are set for answer-level misses, so the reader can
	// compare them.
	Expected, Answer string
}

// Outcome is what the bot did with one question.
type Outcome struct {
	Passages  []string
	Abstained bool
	// Answer is the text shown to the user, without the sources list.
	Answer string
	// Short is the short answer shown, if any ("Horace Luke").
	Short string
	// Sentences are the answer's sentences (quotes without their quotation
	// marks and citation markers).
	Sentences []string
	// Generated is set when a model was configured; the fields below count
	// what the citation check found.
	Generated             bool
	FellBack              bool
	Markers, ValidMarkers int
	Quotes, Verified      int
}

// Asker answers a question (after its History); Run calls it once per
// question.
type Asker func(ctx context.Context, q Question) (Outcome, error)

// EngineAsker adapts the answering engine to Run; scope's Collections,
// when set, limit the documents the questions may see (as asked from one
// channel).
func EngineAsker(e *answer.Engine, scope answer.Request) Asker {
	return func(ctx context.Context, q Question) (Outcome, error) {
		req := scope
		// A follow-up is asked after its conversation's earlier questions,
		// each answered in turn.
		for _, h := range q.History {
			req.Question = h
			a, err := e.Ask(ctx, req)
			if err != nil {
				return Outcome{}, err
			}
			req.History = append(req.History, answer.Turn{Question: h, Answer: a.Text()})
		}
		req.Question = q.Question
		a, err := e.Ask(ctx, req)
		if err != nil {
			return Outcome{}, err
		}
		var out Outcome
		for _, h := range a.Results.Hits {
			out.Passages = append(out.Passages, h.Chunk.Text)
		}
		out.Abstained = a.Kind == answer.NotFound
		out.Answer = a.Text()
		if a.Short != nil {
			out.Short = a.Short.Text
		}
		for _, s := range a.Sentences {
			// Only the quotation marks the answer wraps a quote in go: a
			// quote ending in its own closing mark keeps it.
			out.Sentences = append(out.Sentences, strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(s.Text), "“"), "”"))
		}
		if e.Generator != nil {
			out.Generated = true
			out.FellBack = a.FellBack
			out.Markers, out.ValidMarkers = a.Check.Markers, a.Check.Markers-a.Check.InvalidMarkers
			out.Quotes, out.Verified = a.Check.Quotes, a.Check.VerifiedQuotes
		}
		return out, nil
	}
}

// Run asks every question and scores the outcomes with k passages.
func Run(ctx context.Context, qs []Question, k int, ask Asker) (*Report, error) {
	r := &Report{ByType: map[string]*Figures{}}
	r.K = k
	for _, q := range qs {
		out, err := ask(ctx, q)
		if err != nil {
			return nil, fmt.Errorf("question %s: %w", q.ID, err)
		}
		if len(out.Passages) > k {
			out.Passages = out.Passages[:k]
		}
		ft := r.ByType[q.Type]
		if ft == nil {
			ft = &Figures{K: k}
			r.ByType[q.Type] = ft
		}
		why := score(&r.Figures, q, out)
		if why != "" {
			m := Miss{ID: q.ID, Type: q.Type, Question: q.Question, Why: why}
			if why == whyAnswerNotShown || why == whyEvidenceNotShown || why == whyWrongShort {
				m.Expected, m.Answer = q.Answer, out.Answer
			}
			r.Misses = append(r.Misses, m)
		}
		score(ft, q, out)
		r.Answers = append(r.Answers, Answered{ID: q.ID, Question: q.Question, Expected: q.Answer, Answer: out.Answer, FellBack: out.FellBack})
	}
	r.finish()
	for _, f := range r.ByType {
		f.finish()
	}
	return r, nil
}

// score adds one question's outcome to f and says why it missed, if it did.
func score(f *Figures, q Question, out Outcome) (why string) {
	f.Questions++
	if out.Generated {
		f.generated = true
		f.markers += out.Markers
		f.validMarkers += out.ValidMarkers
		f.quotes += out.Quotes
		f.verifiedQuotes += out.Verified
		if out.FellBack {
			f.fallbacks++
		}
		if q.Answerable() && q.Answer != "" {
			f.matchable++
			if answerMatches(q.Answer, out.Answer) {
				f.matched++
			}
		}
	}
	if out.Abstained {
		f.Declined++
	} else {
		f.answered++
		f.answerChars += len([]rune(out.Answer))
	}
	shortWrong := false
	if out.Short != "" {
		f.ShortAnswers++
		if q.Answerable() && slices.ContainsFunc(append([]string{q.Answer}, q.Any...), func(a string) bool { return shortMatches(a, out.Short) }) {
			f.shortRight++
		} else {
			shortWrong = true
		}
	}
	if hasDuplicate(out.Sentences) {
		f.DuplicateQuotes++
	}
	norm := make([]string, len(out.Passages))
	for i, p := range out.Passages {
		norm[i] = Normalize(p)
		f.passages++
		f.passageChars += len([]rune(p))
	}
	if !q.Answerable() {
		f.Unanswerable++
		if out.Abstained {
			f.AbstainCorrect++
			return ""
		}
		return "answered an unanswerable question"
	}
	f.Answerable++
	if out.Abstained {
		f.FalseAbstain++
		why = "abstained"
	}
	first := -1
	found := 0
	for _, ev := range q.Evidence {
		quote := Normalize(ev.Quote)
		i := slices.IndexFunc(norm, func(p string) bool { return strings.Contains(p, quote) })
		if i >= 0 {
			found++
			if first < 0 || i < first {
				first = i
			}
		}
	}
	if first >= 0 {
		f.MRR += 1 / float64(first+1)
		if first < 1 {
			f.HitAt1++
		}
		if first < 4 {
			f.HitAt4++
		}
		f.HitAtK++
	} else if why == "" {
		why = "no evidence in the passages"
	}
	f.EvidenceRecall += float64(found) / float64(len(q.Evidence))
	if found == len(q.Evidence) {
		f.AllEvidence++
	}
	answerShown, evidenceShown := f.scoreAnswer(q, out)
	if why == "" && shortWrong {
		why = whyWrongShort
	} else if why == "" && !answerShown {
		why = whyAnswerNotShown
	} else if why == "" && !evidenceShown {
		why = whyEvidenceNotShown
	}
	if q.Type == "factoid" || q.Type == "inference" {
		f.factoidLike++
		ans := strings.ToLower(q.Answer)
		for _, p := range out.Passages {
			if strings.Contains(strings.ToLower(p), ans) {
				f.factoidAnswered++
				break
			}
		}
	}
	return why
}

// The reasons of answer-level misses: the passages hold evidence, but the
// answer the reader sees does not show it.
const (
	whyAnswerNotShown   = "the expected answer is not in the answer text"
	whyEvidenceNotShown = "no sentence of the answer is an evidence quote"
	whyWrongShort       = "the short answer does not name the expected answer"
)

// scoreAnswer adds the answer-level figures of one answerable question:
// whether its expected answer (unless yes/no) appears in the answer text,
// and whether a sentence of the answer is or contains an evidence quote.
func (f *Figures) scoreAnswer(q Question, out Outcome) (answerShown, evidenceShown bool) {
	text := Normalize(out.Answer)
	answerShown = true // nothing to show for yes/no answers
	if exp := strings.ToLower(strings.TrimSpace(q.Answer)); exp != "yes" && exp != "no" && exp != "" {
		f.showable++
		answerShown = !out.Abstained && slices.ContainsFunc(append([]string{q.Answer}, q.Any...), func(a string) bool {
			return strings.TrimSpace(a) != "" && strings.Contains(text, Normalize(a))
		})
		if answerShown {
			f.shown++
		}
	}
	for _, s := range out.Sentences {
		ns := Normalize(s)
		if slices.ContainsFunc(q.Evidence, func(ev Evidence) bool { return strings.Contains(ns, Normalize(ev.Quote)) }) {
			evidenceShown = true
			break
		}
	}
	if evidenceShown {
		f.EvidenceShown++
	}
	return answerShown, evidenceShown
}

// hasDuplicate reports whether two sentences are the same after normalising.
func hasDuplicate(sentences []string) bool {
	seen := map[string]bool{}
	for _, s := range sentences {
		n := Normalize(s)
		if seen[n] {
			return true
		}
		seen[n] = true
	}
	return false
}

// shortMatches reports whether a short answer names the expected answer:
// it contains it once normalised, or its words are some of the expected
// answer's words, in order, not only a title ("Richard Gray" or "Gray"
// for "Dr. Richard Gray", "Alameda" for "Alameda Research"; not "Dr.",
// nor "Fed" for "Federal Reserve").
func shortMatches(expected, short string) bool {
	e, s := Normalize(expected), Normalize(short)
	if e == "" || s == "" {
		return false
	}
	if strings.Contains(s, e) {
		return true
	}
	ew, sw := nameWords(expected), nameWords(short)
	if len(sw) == 0 || !slices.ContainsFunc(sw, func(w string) bool { return !titles[w] }) {
		return false
	}
	for i := 0; i+len(sw) <= len(ew); i++ {
		if slices.Equal(ew[i:i+len(sw)], sw) {
			return true
		}
	}
	return false
}

// titles are words that do not name anyone on their own.
var titles = map[string]bool{"dr": true, "mr": true, "mrs": true, "ms": true, "prof": true, "sir": true, "the": true}

// nameWords splits a name into lower-case words, possessives dropped.
func nameWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(folder.Replace(s)), func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'')
	}) {
		if w = strings.TrimSuffix(strings.Trim(w, "'"), "'s"); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// answerMatches applies the answer_match rule: a yes/no answer must open
// the generated answer; any other must appear in it (case-insensitive).
func answerMatches(expected, got string) bool {
	e, g := strings.ToLower(strings.TrimSpace(expected)), strings.ToLower(strings.TrimSpace(got))
	if e == "yes" || e == "no" {
		return strings.HasPrefix(strings.TrimLeft(g, "“\"' "), e)
	}
	return strings.Contains(g, e)
}

func (f *Figures) finish() {
	rate := func(n float64, d int) float64 {
		if d == 0 {
			return 0
		}
		return n / float64(d)
	}
	a := f.Answerable
	f.HitAt1, f.HitAt4, f.HitAtK = rate(f.HitAt1, a), rate(f.HitAt4, a), rate(f.HitAtK, a)
	f.MRR, f.EvidenceRecall, f.AllEvidence = rate(f.MRR, a), rate(f.EvidenceRecall, a), rate(f.AllEvidence, a)
	f.FalseAbstain = rate(f.FalseAbstain, a)
	f.AbstainCorrect = rate(f.AbstainCorrect, f.Unanswerable)
	f.AnswerInPassages = rate(float64(f.factoidAnswered), f.factoidLike)
	f.AnswerShown = rate(float64(f.shown), f.showable)
	f.EvidenceShown = rate(f.EvidenceShown, a)
	f.AvgPassageChars = rate(float64(f.passageChars), f.passages)
	f.ShortAnswerPrecision = rate(float64(f.shortRight), f.ShortAnswers)
	f.AnswerChars = rate(float64(f.answerChars), f.answered)
	if f.generated {
		cv, qv, am, fb := 1.0, 1.0, rate(float64(f.matched), f.matchable), f.fallbacks
		if f.markers > 0 {
			cv = rate(float64(f.validMarkers), f.markers)
		}
		if f.quotes > 0 {
			qv = rate(float64(f.verifiedQuotes), f.quotes)
		}
		f.CitationsValid, f.QuotesVerified, f.AnswerMatch, f.Fallbacks = &cv, &qv, &am, &fb
	}
}
