package answer

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/newsroom/askbot/llm"
	"github.com/newsroom/askbot/prompts"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/text"
)

// FallbackLabel tells readers that a model was configured but the answer
// is the extractive one.
const FallbackLabel = "Model unavailable: showing the matching passages (verbatim quotes, not a generated answer)"

// WithheldLabel tells readers the model answered but its answer failed the
// checks; %s is the reason.
const WithheldLabel = "The model's answer was withheld: %s. The matching passages (verbatim quotes)"

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
	var body string
	for retried := false; ; retried = true {
		user, err := prompts.Question(req.Question, passages, history)
		if err != nil {
			return e.fallback(ix, req, res, err.Error())
		}
		body, err = g.Client.Stream(ctx, []llm.Message{{Role: "system", Content: system}, {Role: "user", Content: user}}, req.OnDelta)
		var le *llm.Error
		if errors.As(err, &le) && le.Kind == llm.ContextTooLong && len(passages) > 1 && !retried {
			passages = passages[:len(passages)/2] // once more with half the passages
			continue
		}
		if err != nil {
			var a *Answer
			if le != nil {
				a = e.fallback(ix, req, res, le.Reason)
			} else {
				a = e.fallback(ix, req, res, "the model failed")
			}
			a.FallbackError = err
			return a
		}
		break
	}
	if strings.Contains(body, prompts.NotFound) {
		return &Answer{Question: req.Question, Kind: NotFound, Model: g.Client.Model(), Results: res}
	}
	// The check weighs the answer's words by IDF (see bestSupport).
	if err := ix.LoadTerms(ctx, body); err != nil {
		a := e.fallback(ix, req, res, "the corpus's word counts could not be read to check the model's answer")
		a.FallbackError = err
		return a
	}
	return e.checkGenerated(ix, req, res, passages, body)
}

// checkGenerated turns the model's text into an Answer whose citations and
// quotes have been checked, or withholds it when the text cannot be trusted.
// Real models cite in many forms ("[Passage 2]", "(2)", "【2】") and put a
// quote's citation in the sentence before or after it: the forms are read
// as [n], and a quote is looked for in the passages its sentence cites,
// then its neighbours', then any passage (which it then cites). A cited
// sentence naming someone, or stating a number, that the passages it cites
// do not mention loses its citations and is shown as unverified (citing no
// source, with a warning); when no sentence is left citing a passage, the
// answer is withheld. A short
// quoted span (up to Tune.ShortQuoteWords words) found in no passage is shown as
// plain words, with a warning; a longer one withholds the answer.
func (e *Engine) checkGenerated(ix *retrieval.Index, req Request, res *retrieval.Results, passages []prompts.Passage, body string) *Answer {
	a := &Answer{Question: req.Question, Kind: Generated, Model: e.Generator.Client.Model(), Results: res}
	a.Label = fmt.Sprintf(GeneratedLabel, a.Model)
	var planted []string
	for _, p := range passages {
		planted = append(planted, plantedInstructions(p.Text)...)
	}
	parsed := splitCited(NormalizeCitations(body))
	cites := make([][]int, len(parsed)) // the passage numbers each sentence cites, valid ones only
	for i, ps := range parsed {
		a.Check.Markers += len(ps.cites)
		for _, n := range ps.cites {
			if n < 1 || n > len(passages) {
				a.Check.InvalidMarkers++
			} else if !slices.Contains(cites[i], n) {
				cites[i] = append(cites[i], n)
			}
		}
	}
	var madeUp, plain []string
	for i := range parsed {
		for _, q := range quotes(parsed[i].body) {
			a.Check.Quotes++
			if n, ok := quoteSource(passages, cites, i, q); ok {
				a.Check.VerifiedQuotes++
				if !slices.Contains(cites[i], n) {
					cites[i] = append(cites[i], n)
				}
			} else if len(strings.Fields(q)) <= Tune.ShortQuoteWords {
				plain = append(plain, q) // scare quotes: shown as plain words
				parsed[i].body = unquote(parsed[i].body, q)
			} else {
				madeUp = append(madeUp, q)
			}
		}
	}
	// A cited sentence must share its names and numbers with the passages
	// it cites; one that does not is shown citing no source.
	keys := newKeyCheck(req.Question, body, passages)
	var unverified []string
	for i := range parsed {
		if len(cites[i]) == 0 {
			continue
		}
		if miss := keys.missing(parsed[i].body, cites[i]); len(miss) > 0 {
			cites[i] = nil
			a.Check.Unverified++
			unverified = append(unverified, missingWord(parsed[i].body, miss[0]))
		}
	}
	renumber := map[int]int{} // model's passage number → source number
	for i, ps := range parsed {
		s := Sentence{Text: ps.body}
		for _, n := range cites[i] {
			if _, ok := renumber[n]; !ok {
				renumber[n] = len(renumber) + 1
			}
			s.Cites = append(s.Cites, renumber[n])
		}
		for _, instr := range planted {
			if echoes(ps.body, instr) {
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
		return e.withheld(ix, req, res, a.Check, fmt.Sprintf("it quoted words that are not in the documents (%q)", madeUp[0]))
	case a.Check.Injected > 0:
		return e.withheld(ix, req, res, a.Check, "it repeated an instruction found inside a document")
	case len(renumber) == 0 && len(unverified) > 0:
		return e.withheld(ix, req, res, a.Check, fmt.Sprintf("its passages do not mention what it says (%q)", unverified[0]))
	case len(renumber) == 0:
		return e.withheld(ix, req, res, a.Check, "it cites no passage")
	}
	if len(plain) > 0 {
		a.Warnings = append(a.Warnings, fmt.Sprintf("the model put %d short phrase(s) in quotation marks that are not in the documents (%q); they are shown as plain words", len(plain), plain[0]))
	}
	if a.Check.InvalidMarkers > 0 {
		a.Warnings = append(a.Warnings, fmt.Sprintf("removed %d citation(s) to passages that do not exist", a.Check.InvalidMarkers))
	}
	if len(unverified) > 0 {
		a.Warnings = append(a.Warnings, fmt.Sprintf("unverified: %d sentence(s) name or count what the passages they cite do not mention (%q), so they are shown with no source: check them before use", len(unverified), unverified[0]))
	}
	if n := a.Check.Unsupported - a.Check.Unverified; n > 0 {
		a.Warnings = append(a.Warnings, fmt.Sprintf("%d sentence(s) cite no passage: check them before use", n))
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

// quoteSource finds the passage holding quote: one that sentence i cites,
// else one its neighbours cite, else any passage.
func quoteSource(passages []prompts.Passage, cites [][]int, i int, quote string) (int, bool) {
	var order []int
	for _, j := range []int{i, i - 1, i + 1} {
		if j >= 0 && j < len(cites) {
			order = append(order, cites[j]...)
		}
	}
	for n := 1; n <= len(passages); n++ {
		order = append(order, n)
	}
	for _, n := range order {
		if Verbatim(passages[n-1].Text, quote) {
			return n, true
		}
	}
	return 0, false
}

// unquote removes the quotation marks around quote in s.
func unquote(s, quote string) string {
	for _, pair := range [][2]string{{`"`, `"`}, {"“", "”"}} {
		s = strings.Replace(s, pair[0]+quote+pair[1], quote, 1)
	}
	return s
}

// Citation forms real models write, read as [n].
var (
	lenticularRE  = regexp.MustCompile(`【\s*([^】]*?)\s*】`)
	namedCiteRE   = regexp.MustCompile(`(?i)[\[(]\s*(?:passages?|sources?|documents?|docs?|refs?)\s*#?\s*(\d+(?:\s*(?:,|and|&|-|–)\s*(?:(?:passages?|sources?)\s*)?\d+)*)\s*[\])]`)
	parenCiteRE   = regexp.MustCompile(`\(\s*(\d{1,2}(?:\s*(?:,|and|-|–)\s*\d{1,2})*)\s*\)`)
	bareNamedRE   = regexp.MustCompile(`(?i)\b(?:passage|source)\s+(\d{1,2})\b`)
	innerNamedRE  = regexp.MustCompile(`(?i)(?:passages?|sources?)\s*`)
	bracketListRE = regexp.MustCompile(`\]\s*\[`)
)

// NormalizeCitations rewrites the citation forms models use ("[Passage 2]",
// "(Passage 2)", "(2)", "【2】", "Source 2", "[2][3]") as [n] markers.
func NormalizeCitations(body string) string {
	body = lenticularRE.ReplaceAllString(body, "[$1]")
	body = namedCiteRE.ReplaceAllStringFunc(body, func(m string) string {
		body := namedCiteRE.FindStringSubmatch(m)[1]
		return "[" + innerNamedRE.ReplaceAllString(body, "") + "]"
	})
	body = parenCiteRE.ReplaceAllString(body, "[$1]")
	body = bareNamedRE.ReplaceAllString(body, "[$1]")
	return bracketListRE.ReplaceAllString(body, "][")
}

// bestSupport returns the document span of the hit's sentence that shares
// the most (IDF-weighted) terms with claim.
func bestSupport(ix *retrieval.Index, h retrieval.Hit, claim string) (start, end int) {
	weights := map[string]float64{}
	for _, t := range text.QueryTerms(claim) {
		weights[t] = 1
	}
	best := -1.0
	start, end = h.Chunk.Start, h.Chunk.End
	for _, s := range text.Sentences(h.Chunk.Text) {
		if sc := sentenceScore(ix, weights, h.Chunk.Text[s.Start:s.End]); sc > best {
			best = sc
			start, end = h.Chunk.Start+s.Start, h.Chunk.Start+s.End
		}
	}
	return start, end
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
	a.FallbackReason = reason
	return a
}

// withheld is the extractive answer shown in place of a model answer that
// failed the checks, labelled with the reason.
func (e *Engine) withheld(ix *retrieval.Index, req Request, res *retrieval.Results, c Check, reason string) *Answer {
	a := Extract(ix, req.Question, res)
	a.FellBack = true
	a.Withheld = true
	a.FallbackReason = "the model's answer was withheld: " + reason
	a.Model = e.Generator.Client.Model()
	a.Check = c
	if a.Kind == Extractive {
		a.Label = fmt.Sprintf(WithheldLabel, reason)
	}
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
