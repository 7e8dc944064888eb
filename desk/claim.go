package desk

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/newsroom/askbot/answer"
)

// Verdict is the outcome of a claim check.
type Verdict string

const (
	Supported    Verdict = "supported"
	Contradicted Verdict = "contradicted"
	NotFound     Verdict = "not_found"
)

// The least subject coverage (the IDF-weighted share of the claim's words
// other than its figures) of a sentence that supports or contradicts a
// claim: in the sentence with its title and the sentence before (window),
// and in the sentence alone. A contradiction asks for more: a figure of
// another story must not read as one of this story's.
const (
	supportWindow, supportSentence       = 0.6, 0.35
	contradictWindow, contradictSentence = 0.7, 0.5
	unfiguredWindow, unfiguredSentence   = 0.85, 0.6
	maxClaimLines                        = 5
	claimPassages                        = 12
)

// judged is a sentence weighed against the claim.
type judged struct {
	sentence
	cov, wcov float64
	verdict   Verdict
	figure    string // the document's figure, when contradicting
}

// Check checks a claim against the documents req may see: the sentences
// about its subject that state its figures (amounts, counts, percentages,
// dates, durations) support it; those that state other figures of the
// same kind contradict it; a claim without figures is supported by a
// sentence that states nearly all of it.
func (d *Desk) Check(ctx context.Context, req answer.Request, claim string) (*Result, error) {
	start := time.Now()
	claim = strings.TrimSpace(claim)
	opts := d.Engine.Search
	opts.K = d.k(claimPassages)
	opts.AllowMissingNames = true
	res, ix, err := d.Engine.Retrieve(ctx, req, claim, opts)
	if err != nil {
		return nil, err
	}
	figs := Figures(claim)
	// The subject is the claim without its figures.
	subject := []byte(claim)
	for _, f := range figs {
		for i := f.Start; i < f.End; i++ {
			subject[i] = ' '
		}
	}
	w := weigh(ix, string(subject))

	var support, contra []judged
	for _, s := range sentencesOf(res) {
		text := s.text()
		j := judged{sentence: s, cov: w.coverage(text), wcov: w.coverage(s.doc.Title + "\n" + s.prev + "\n" + text)}
		if len(figs) == 0 {
			if j.wcov >= unfiguredWindow && j.cov >= unfiguredSentence {
				j.verdict = Supported
				support = append(support, j)
			}
			continue
		}
		have := Figures(text)
		matched, other := 0, ""
		for _, cf := range figs {
			var comparable []Figure
			same := false
			for _, f := range have {
				if cf.Same(f) {
					same = true
				} else if cf.Comparable(f) {
					comparable = append(comparable, f)
				}
			}
			switch {
			case same:
				matched++
			case len(comparable) > 0 && other == "":
				other = nearest(claim, cf, text, comparable).Text
			}
		}
		switch {
		case matched > 0 && other == "" && j.wcov >= supportWindow && j.cov >= supportSentence:
			j.verdict = Supported
			support = append(support, j)
		case other != "" && j.wcov >= contradictWindow && j.cov >= contradictSentence:
			j.verdict, j.figure = Contradicted, other
			contra = append(contra, j)
		}
	}
	r := &Result{Query: claim}
	var shown []judged
	switch {
	case len(support) > 0:
		r.Verdict, shown = Supported, support
	case len(contra) > 0:
		r.Verdict, shown = Contradicted, contra
	default:
		r.Verdict = NotFound
	}
	slices.SortStableFunc(shown, func(a, b judged) int {
		switch {
		case a.cov+a.wcov > b.cov+b.wcov:
			return -1
		case a.cov+a.wcov < b.cov+b.wcov:
			return 1
		}
		return a.rank - b.rank
	})
	shown = dedupeText(shown)
	if len(shown) > maxClaimLines {
		shown = shown[:maxClaimLines]
	}
	var c citer
	var marks []string
	for _, j := range shown {
		n := c.cite(j.doc, j.start, j.end, j.passage)
		marks = append(marks, fmt.Sprintf("[%d]", n))
		r.Lines = append(r.Lines, Line{Date: j.doc.Date(), Text: j.text(), Cites: []int{n}, Figure: j.figure})
	}
	r.Sources = c.sources
	switch r.Verdict {
	case Supported:
		r.Headline = "Supported by " + strings.Join(marks, ", ")
	case Contradicted:
		r.Figure = shown[0].figure
		r.Headline = fmt.Sprintf("Contradicted by %s: the documents say %s", strings.Join(marks, ", "), r.Figure)
	default:
		r.Headline = "Not found: nothing in the documents states this"
	}
	r.Took = time.Since(start)
	return r, nil
}

// nearest is the figure among comparable whose neighbouring words in text
// are most like the claim's words around cf ("in seed funding").
func nearest(claim string, cf Figure, text string, comparable []Figure) Figure {
	ctx := weigh(nil, around(claim, cf.Start, cf.End))
	best, bestScore := comparable[0], -1.0
	for _, f := range comparable {
		if s := ctx.coverage(around(text, f.Start, f.End)); s > bestScore {
			best, bestScore = f, s
		}
	}
	return best
}

// around is the text of about 40 bytes either side of [start, end).
func around(s string, start, end int) string {
	lo, hi := max(0, start-40), min(len(s), end+40)
	return s[lo:start] + " " + s[end:hi]
}

// dedupeText drops sentences whose text another shown sentence repeats
// (syndicated copies), keeping the first.
func dedupeText(js []judged) []judged {
	var out []judged
	seen := map[string]bool{}
	for _, j := range js {
		k := answer.NormalizeQuote(strings.ToLower(j.text()))
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, j)
	}
	return out
}
