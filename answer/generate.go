package answer

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/newsroom/askbot/llm"
	"github.com/newsroom/askbot/prompts"
	"github.com/newsroom/askbot/retrieval"
)

// FallbackLabel tells readers that a model was configured but the answer
// is the extractive one.
const FallbackLabel = "Model unavailable: showing the matching passages (verbatim quotes, not a generated answer)"

// GeneratedLabel tells readers the answer was written by a model.
const GeneratedLabel = "Answer written by %s from the passages below; every quote was checked against the documents"

// Generator writes answers in its own words with a language model.
type Generator struct {
	Client *llm.Client
	// PassageTokens is the prompt budget for passages, in tokens estimated
	// as characters/4 (default 3000).
	PassageTokens int
}

// passagesFor turns hits into numbered passages within the token budget.
func (g *Generator) passagesFor(hits []retrieval.Hit) []prompts.Passage {
	budget := g.PassageTokens
	if budget <= 0 {
		budget = 3000
	}
	var out []prompts.Passage
	used := 0
	for i, h := range hits {
		cost := len(h.Chunk.Text)/4 + 30
		if len(out) > 0 && used+cost > budget {
			break
		}
		used += cost
		paras := fmt.Sprint(h.Chunk.FirstParagraph)
		if h.Chunk.LastParagraph > h.Chunk.FirstParagraph {
			paras += fmt.Sprintf("-%d", h.Chunk.LastParagraph)
		}
		out = append(out, prompts.Passage{N: i + 1, Title: h.Doc.Title, Source: h.Doc.Source, Date: h.Doc.Date(), Paragraphs: paras, Text: h.Chunk.Text})
	}
	return out
}

// generate asks the model for an answer over res and checks it. Any failure
// of the model, or an answer that fails the check, gives the extractive
// answer labelled as a fallback.
func (e *Engine) generate(ctx context.Context, ix *retrieval.Index, req Request, res *retrieval.Results) *Answer {
	g := e.Generator
	passages := g.passagesFor(res.Hits)
	system, err := prompts.System()
	if err != nil {
		return e.fallback(ix, req, res, err.Error())
	}
	history := make([]prompts.Turn, len(req.History))
	for i, t := range req.History {
		history[i] = prompts.Turn(t)
	}
	var text string
	for retried := false; ; retried = true {
		user, err := prompts.Question(req.Question, passages, history)
		if err != nil {
			return e.fallback(ix, req, res, err.Error())
		}
		text, err = g.Client.Stream(ctx, []llm.Message{{Role: "system", Content: system}, {Role: "user", Content: user}}, req.OnDelta)
		var le *llm.Error
		if errors.As(err, &le) && le.Kind == llm.ContextTooLong && len(passages) > 1 && !retried {
			passages = passages[:len(passages)/2] // once more with half the passages
			continue
		}
		if err != nil {
			if le != nil {
				return e.fallback(ix, req, res, le.Reason)
			}
			return e.fallback(ix, req, res, "the model failed")
		}
		break
	}
	if strings.Contains(text, prompts.NotFound) {
		return &Answer{Question: req.Question, Kind: NotFound, Model: g.Client.Model(), Results: res}
	}
	return e.checkGenerated(ix, req, res, passages, text)
}

// checkGenerated turns the model's text into an Answer whose citations and
// quotes have been checked, or falls back when the text cannot be trusted.
func (e *Engine) checkGenerated(ix *retrieval.Index, req Request, res *retrieval.Results, passages []prompts.Passage, text string) *Answer {
	a := &Answer{Question: req.Question, Kind: Generated, Model: e.Generator.Client.Model(), Results: res}
	a.Label = fmt.Sprintf(GeneratedLabel, a.Model)
	var planted []string
	for _, p := range passages {
		planted = append(planted, plantedInstructions(p.Text)...)
	}
	renumber := map[int]int{} // model's passage number → source number
	var madeUp []string
	for _, ps := range splitCited(text) {
		a.Check.Markers += len(ps.cites)
		s := Sentence{Text: ps.text}
		var cited []string
		for _, n := range ps.cites {
			if n < 1 || n > len(passages) {
				a.Check.InvalidMarkers++
				continue
			}
			if _, ok := renumber[n]; !ok {
				renumber[n] = len(renumber) + 1
			}
			if !slices.Contains(s.Cites, renumber[n]) {
				s.Cites = append(s.Cites, renumber[n])
				cited = append(cited, passages[n-1].Text)
			}
		}
		for _, q := range quotes(ps.text) {
			a.Check.Quotes++
			if verbatimInAny(cited, q) {
				a.Check.VerifiedQuotes++
			} else {
				madeUp = append(madeUp, q)
			}
		}
		for _, instr := range planted {
			if echoes(ps.text, instr) {
				a.Check.Injected++
				break
			}
		}
		if len(s.Cites) == 0 {
			s.Unsupported = true
			a.Check.Unsupported++
		}
		a.Sentences = append(a.Sentences, s)
	}
	switch {
	case len(madeUp) > 0:
		return e.fallbackChecked(ix, req, res, a.Check, fmt.Sprintf("the model quoted words that are not in the passages it cites (%q), so its answer is not shown", madeUp[0]))
	case a.Check.Injected > 0:
		return e.fallbackChecked(ix, req, res, a.Check, "the model's answer repeated an instruction found inside a document, so it is not shown")
	case len(renumber) == 0:
		return e.fallbackChecked(ix, req, res, a.Check, "the model's answer cites no passage, so it is not shown")
	}
	if a.Check.InvalidMarkers > 0 {
		a.Warnings = append(a.Warnings, fmt.Sprintf("removed %d citation(s) to passages that do not exist", a.Check.InvalidMarkers))
	}
	if a.Check.Unsupported > 0 {
		a.Warnings = append(a.Warnings, fmt.Sprintf("%d sentence(s) cite no passage: check them before use", a.Check.Unsupported))
	}
	// Sources in citation order, each with the sentence of its passage that
	// best supports the answer.
	byNew := make([]int, len(renumber)+1)
	for old, n := range renumber {
		byNew[n] = old
	}
	for n := 1; n < len(byNew); n++ {
		h := res.Hits[byNew[n]-1]
		var claims []string
		for _, s := range a.Sentences {
			if slices.Contains(s.Cites, n) {
				claims = append(claims, s.Text)
			}
		}
		start, end := bestSupport(ix, h, strings.Join(claims, " "))
		a.Sources = append(a.Sources, Source{
			N: n, DocID: h.Doc.ID, Title: h.Doc.Title, Source: h.Doc.Source, Byline: h.Doc.Byline, URL: h.Doc.URL,
			Date: h.Doc.Date(), Paragraph: h.Doc.ParagraphAt(start), Quote: h.Doc.Text[start:end], Passage: h.Chunk.Text,
		})
	}
	return a
}

// bestSupport returns the document span of the hit's sentence that shares
// the most (IDF-weighted) terms with claim.
func bestSupport(ix *retrieval.Index, h retrieval.Hit, claim string) (start, end int) {
	weights := map[string]float64{}
	for _, t := range retrieval.QueryTerms(claim) {
		weights[t] = 1
	}
	best := -1.0
	start, end = h.Chunk.Start, h.Chunk.End
	for _, s := range retrieval.Sentences(h.Chunk.Text) {
		if sc := sentenceScore(ix, weights, h.Chunk.Text[s.Start:s.End]); sc > best {
			best = sc
			start, end = h.Chunk.Start+s.Start, h.Chunk.Start+s.End
		}
	}
	return start, end
}

func verbatimInAny(texts []string, quote string) bool {
	for _, t := range texts {
		if Verbatim(t, quote) {
			return true
		}
	}
	return false
}

// fallback is the extractive answer, labelled, with the reason the model's
// answer is not shown.
func (e *Engine) fallback(ix *retrieval.Index, req Request, res *retrieval.Results, reason string) *Answer {
	a := Extract(ix, req.Question, res)
	a.FellBack = true
	a.Model = e.Generator.Client.Model()
	if a.Kind == Extractive {
		a.Label = FallbackLabel
	}
	a.Warnings = append(a.Warnings, reason)
	return a
}

func (e *Engine) fallbackChecked(ix *retrieval.Index, req Request, res *retrieval.Results, c Check, reason string) *Answer {
	a := e.fallback(ix, req, res, reason)
	a.Check = c
	return a
}

// standalone rewrites a follow-up into a question that stands alone, with
// the model when there is one; otherwise, or if the model fails, the
// previous question's words are carried along.
func (e *Engine) standalone(ctx context.Context, req Request) string {
	if e.Generator != nil {
		history := make([]prompts.Turn, len(req.History))
		for i, t := range req.History {
			history[i] = prompts.Turn(t)
		}
		if p, err := prompts.Rewrite(req.Question, history); err == nil {
			if q, err := e.Generator.Client.Complete(ctx, []llm.Message{{Role: "user", Content: p}}); err == nil && strings.TrimSpace(q) != "" {
				return strings.TrimSpace(q) + "\n" + req.Question
			}
		}
	}
	return followUpQuery(req.Question, req.History)
}
