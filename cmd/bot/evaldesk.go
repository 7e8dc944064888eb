package main

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/desk"
	"github.com/newsroom/askbot/eval"
)

// evalDesk measures the research desk's questions of a question set
// (types claim, quotes, timeline) and prints their figures; it reports
// whether the set held any. tu is the desk's tuning (--tune).
func evalDesk(ctx context.Context, e env, eng *answer.Engine, tu *desk.Tuning, path string, scope answer.Request, asJSON bool, misses int) (bool, error) {
	qs, err := eval.ReadDeskQuestions(path)
	if err != nil || len(qs) == 0 {
		return false, err
	}
	rep, err := eval.RunDesk(ctx, qs, deskAsker(&desk.Desk{Engine: eng, Tuning: tu}, scope))
	if err != nil {
		return true, err
	}
	if asJSON {
		raw, err := json.Marshal(rep)
		if err != nil {
			return true, err
		}
		fmt.Fprintln(e.stdout, string(raw))
		return true, nil
	}
	printDeskReport(displayWriter{e.stdout}, rep, misses) // lines quote documents
	return true, nil
}

// deskAsker runs each desk question with the desk.
func deskAsker(d *desk.Desk, scope answer.Request) eval.DeskAsker {
	return func(ctx context.Context, q eval.DeskQuestion) (eval.DeskOutcome, error) {
		req := scope
		req.Question = q.Question.Question
		var (
			r   *desk.Result
			err error
		)
		switch q.Type {
		case eval.TypeClaim:
			r, err = d.Check(ctx, req, q.Question.Question)
		case eval.TypeQuotes, eval.TypeTimeline:
			// a question a reporter would ask ("what did X say",
			// "timeline of …") goes the way ask and Slack send it
			// (desk.RouteOf); a set's bare NAME or TOPIC to the tool
			if rt := desk.RouteOf(q.Question.Question); rt.Tool != desk.NoTool {
				r, err = d.Run(ctx, req, rt)
				break
			}
			if q.Type == eval.TypeTimeline {
				r, err = d.Timeline(ctx, req, cmp.Or(q.Topic, q.Question.Question))
				break
			}
			name, topic := q.Speaker, q.Topic
			if name == "" {
				name, topic = splitNameTopic(strings.Fields(q.Question.Question))
			}
			r, err = d.Quotes(ctx, req, name, topic)
		default:
			return eval.DeskOutcome{}, fmt.Errorf("type %s not measured yet", q.Type)
		}
		if err != nil {
			return eval.DeskOutcome{}, err
		}
		out := eval.DeskOutcome{Verdict: string(r.Verdict), Headline: r.Headline}
		for _, l := range r.Lines {
			out.Lines = append(out.Lines, l.Text)
			out.Speakers = append(out.Speakers, l.Speaker)
		}
		return out, nil
	}
}

func printDeskReport(w io.Writer, rep *eval.DeskReport, misses int) {
	if c := rep.Claims; c != nil {
		fmt.Fprintf(w, "claims: %d, verdict right %d (%.3f)\n", c.Claims, c.Right["supported"]+c.Right["contradicted"]+c.Right["not_found"], c.Accuracy)
		verdicts := make([]string, 0, len(c.Total))
		for v := range c.Total {
			verdicts = append(verdicts, v)
		}
		sort.Strings(verdicts)
		for _, v := range verdicts {
			fmt.Fprintf(w, "  %-13s %2d of %2d right (%.3f)\n", v, c.Right[v], c.Total[v], float64(c.Right[v])/float64(c.Total[v]))
		}
		fmt.Fprintf(w, "  contradicted with the documents' figure shown: %d; right supported/contradicted verdicts showing an evidence sentence: %d\n", c.FigureShown, c.EvidenceShown)
		fmt.Fprintf(w, "  wrong answers (supported or contradicted, want another verdict): %d\n", c.Wrong)
	}
	if q := rep.Quotes; q != nil {
		fmt.Fprintf(w, "quotes: %d speakers, %d with a quotation of theirs shown; %d quotations shown, %d judged: precision %.3f (%d by someone else); recall %d of %d labelled (%.3f)\n",
			q.Speakers, q.Found, q.Shown, q.Judged, q.Precision, q.Wrong, q.Recalled, q.Labelled, q.Recall)
	}
	if t := rep.Timeline; t != nil {
		fmt.Fprintf(w, "timelines: %d, events found %d of %d (%.3f), %d timelines in order (pairs out of order %d), lines of other stories %d, lines shown %d\n",
			t.Timelines, t.Found, t.Events, t.FoundRate, t.InOrder, t.OutOfOrder, t.Distractors, t.Lines)
	}
	if len(rep.Misses) > 0 && misses > 0 {
		fmt.Fprintf(w, "\n%d missed:\n", len(rep.Misses))
		for _, m := range rep.Misses[:min(misses, len(rep.Misses))] {
			fmt.Fprintf(w, "  %s [%s] %s\n      Q: %s\n", m.ID, m.Type, m.Why, m.Question)
			if m.Answer != "" {
				fmt.Fprintf(w, "      shown: %s\n", strings.SplitN(m.Answer, "\n", 2)[0])
			}
		}
	}
}
