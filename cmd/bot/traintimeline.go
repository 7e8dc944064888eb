package main

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/newsroom/askbot/access"
	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/desk"
	"github.com/newsroom/askbot/eval"
)

// cmdTrainTimeline fits the timeline's learned choice of lines to the
// labelled timeline sets and writes the model (desk/timeline_model.json is
// the compiled-in one). With --cv it first measures, set by set, the
// model trained on every other set against the hand-set rules, and counts
// where each labelled event is lost.
func cmdTrainTimeline(ctx context.Context, e env, args []string) error {
	fs, cfg, err := newFlags(e, "train-timeline", args)
	if err != nil {
		return err
	}
	questions := fs.String("questions", "", "comma-separated timeline sets in JSONL to train on")
	out := fs.String("out", "desk/timeline_model.json", "file to write the model to (empty: none)")
	cv := fs.Bool("cv", false, "measure leave-one-set-out: each set's timelines chosen by a model trained on the other sets")
	variants := fs.String("variants", "extend-lr@auto", "comma-separated ways to learn, the first written (the default is the shipped model's): lr (a class-balanced logistic regression over every candidate), ranker (a conditional logit per timeline, answer.FitRanker); prefixed gate- (weigh only the rules' gate's candidates) or extend- (keep the rules' choice, add the rest at --min-prob) or extendx- (the same, trained on the rest only), suffixed @P (that least probability) or @auto (chosen leave-one-set-out)")
	minProb := fs.Float64("min-prob", 0.5, "with extend-: the least probability of a candidate the gate turns away to be added")
	l2 := fs.Float64("l2", 0.01, "ridge penalty on the standardised weights")
	if err := parse(fs, cfg, args); err != nil {
		return err
	}
	if *questions == "" {
		fs.Usage()
		return usageError{"train-timeline: --questions is required"}
	}
	a, err := openApp(ctx, e, cfg, configuredOrBundled, nil)
	if err != nil {
		return err
	}
	d := &desk.Desk{Engine: a.engine}
	var sets []tlSet
	for _, path := range strings.Split(*questions, ",") {
		if path = strings.TrimSpace(path); path == "" {
			continue
		}
		qs, err := eval.ReadDeskQuestions(path)
		if err != nil {
			return err
		}
		set := tlSet{name: strings.TrimSuffix(filepath.Base(path), ".qa.jsonl")}
		for _, q := range qs {
			if q.Type != eval.TypeTimeline {
				continue
			}
			req := a.request(q.Question.Question, access.Place{})
			topic := cmp.Or(q.Topic, q.Question.Question)
			if rt := desk.RouteOf(q.Question.Question); rt.Tool == desk.TimelineTool {
				topic = rt.Topic
			}
			t, err := d.Draft(ctx, req, topic)
			if err != nil {
				return fmt.Errorf("train-timeline: %s: %w", q.ID, err)
			}
			set.qs = append(set.qs, q)
			set.drafts = append(set.drafts, t)
		}
		sets = append(sets, set)
	}
	o := answer.DefaultTrainOptions
	o.L2 = *l2
	fit := func(variant string, train []tlSet) *desk.TimelineModel {
		minProb := minProb
		if v, p, ok := strings.Cut(variant, "@"); ok { // extend-lr@0.9
			variant = v
			if f, err := strconv.ParseFloat(p, 64); err == nil {
				minProb = &f
			}
		}
		gate, extend := strings.HasPrefix(variant, "gate-"), strings.HasPrefix(variant, "extend-") || strings.HasPrefix(variant, "extendx-")
		restOnly := strings.HasPrefix(variant, "extendx-") // trained on the candidates the gate turns away only
		gateOnly := &gate
		rk := strings.HasSuffix(variant, "ranker")
		ranker := &rk
		var x [][]float64
		var y []bool
		var groups [][][]float64
		var labels [][]bool
		for _, s := range train {
			for i, t := range s.drafts {
				var g [][]float64
				var l []bool
				for _, c := range t.Candidates() {
					if *gateOnly && !c.Gate || restOnly && c.Gate {
						continue
					}
					g = append(g, c.Features)
					l = append(l, labelled(s.qs[i], c.Text))
				}
				x, y = append(x, g...), append(y, l...)
				groups, labels = append(groups, g), append(labels, l)
			}
		}
		m := &desk.TimelineModel{GateOnly: *gateOnly, Extend: extend}
		if extend {
			m.MinProb = *minProb
		}
		if *ranker {
			m.Line = answer.FitRanker(desk.TimelineFeatureNames(), groups, labels, o)
		} else {
			m.Line = answer.FitLogReg(desk.TimelineFeatureNames(), x, y, o)
		}
		pos := 0
		for _, v := range y {
			if v {
				pos++
			}
		}
		var names []string
		for _, s := range train {
			names = append(names, s.name)
		}
		kind := "logistic regression, classes weighted equally"
		if *ranker {
			kind = "conditional logit per timeline"
		}
		pool := "every sentence read"
		if *gateOnly {
			pool = "the hand-set gate's candidates"
		}
		if restOnly {
			pool = "the candidates the hand-set gate turns away"
		}
		if extend {
			pool += fmt.Sprintf(", added to the rules' choice at probability %g or more", *minProb)
		}
		m.Trained = fmt.Sprintf("%s over %s: %d candidates of %d sets (%s), %d of them labelled events, L2 %g; retrain: bot train-timeline --questions SETS --corpus CORPUS (docs/evaluation.md)",
			kind, pool, len(y), len(train), strings.Join(names, ", "), pos, *l2)
		return m
	}
	vs := strings.Split(*variants, ",")
	if *cv {
		stages(e, sets)
		for _, v := range vs {
			fmt.Fprintf(e.stdout, "variant %s, each set's lines chosen by a model trained on the other sets:\n", v)
			tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "set\trules: found/events\tin order (pairs out)\tother\tlines\tlearned (held out): found/events\tin order (pairs out)\tother\tlines")
			var tr, tl eval.TimelineFigures
			for i, s := range sets {
				var train []tlSet
				for j, o := range sets {
					if j != i {
						train = append(train, o)
					}
				}
				m := fit(v, train)
				if strings.HasSuffix(v, "@auto") {
					// the probability chosen on the training sets alone,
					// each measured on a model not trained on it
					m.MinProb = chooseMinProb(ctx, train, func(inner []tlSet) *desk.TimelineModel { return fit(v, inner) })
					fmt.Fprintf(tw, "%s: min-prob %g chosen on the other sets\n", s.name, m.MinProb)
				}
				r, err := s.figures(ctx, nil)
				if err != nil {
					return err
				}
				l, err := s.figures(ctx, m)
				if err != nil {
					return err
				}
				add(&tr, r)
				add(&tl, l)
				fmt.Fprintf(tw, "%s\t%d/%d\t%d/%d (%d)\t%d\t%d\t%d/%d\t%d/%d (%d)\t%d\t%d\n", s.name, r.Found, r.Events, r.InOrder, r.Timelines, r.OutOfOrder, r.Distractors, r.Lines, l.Found, l.Events, l.InOrder, l.Timelines, l.OutOfOrder, l.Distractors, l.Lines)
			}
			fmt.Fprintf(tw, "total\t%d/%d\t%d/%d (%d)\t%d\t%d\t%d/%d\t%d/%d (%d)\t%d\t%d\n", tr.Found, tr.Events, tr.InOrder, tr.Timelines, tr.OutOfOrder, tr.Distractors, tr.Lines, tl.Found, tl.Events, tl.InOrder, tl.Timelines, tl.OutOfOrder, tl.Distractors, tl.Lines)
			tw.Flush()
			fmt.Fprintln(e.stdout)
		}
	}
	m := fit(vs[0], sets)
	if strings.HasSuffix(vs[0], "@auto") {
		m.MinProb = chooseMinProb(ctx, sets, func(inner []tlSet) *desk.TimelineModel { return fit(vs[0], inner) })
		m.Trained = strings.Replace(m.Trained, fmt.Sprintf("probability %g or more", *minProb), fmt.Sprintf("probability %g or more (chosen leave-one-set-out from %v: the most events with no more lines of other stories nor fewer timelines in order than the rules)", m.MinProb, minProbGrid), 1)
	}
	fmt.Fprintf(e.stdout, "\nmodel: %s\n", m.Trained)
	for i, n := range m.Line.Features {
		fmt.Fprintf(e.stdout, "  %-13s %+.3f\n", n, m.Line.Weights[i])
	}
	fmt.Fprintf(e.stdout, "  %-13s %+.3f\n", "(bias)", m.Line.Bias)
	if *out == "" {
		return nil
	}
	raw, err := m.JSON()
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, raw, 0o644); err != nil {
		return fmt.Errorf("train-timeline: write %s: %w", *out, err)
	}
	fmt.Fprintf(e.stdout, "wrote %s\n", *out)
	return nil
}

// minProbGrid are the probabilities chooseMinProb tries.
var minProbGrid = []float64{0.5, 0.8, 0.9, 0.95, 0.97, 0.99}

// chooseMinProb chooses an extending model's least probability on sets
// alone: each set's lines chosen by a model fitted (fit) to the others,
// the probability finding the most events with no more lines of other
// stories, nor fewer timelines in order, than the rules (the highest of
// equals; the grid's highest when none qualifies).
func chooseMinProb(ctx context.Context, sets []tlSet, fit func([]tlSet) *desk.TimelineModel) float64 {
	var rules eval.TimelineFigures
	got := make([]eval.TimelineFigures, len(minProbGrid))
	for i, s := range sets {
		var train []tlSet
		for j, o := range sets {
			if j != i {
				train = append(train, o)
			}
		}
		m := fit(train)
		r, _ := s.figures(ctx, nil)
		add(&rules, r)
		for k, p := range minProbGrid {
			m.MinProb = p
			f, _ := s.figures(ctx, m)
			add(&got[k], f)
		}
	}
	best, found := minProbGrid[len(minProbGrid)-1], -1
	for k, p := range minProbGrid {
		g := got[k]
		if g.Distractors <= rules.Distractors && g.InOrder >= rules.InOrder && g.Found >= found {
			best, found = p, g.Found
		}
	}
	return best
}

// tlSet is one timeline set with each question's draft.
type tlSet struct {
	name   string
	qs     []eval.DeskQuestion
	drafts []*desk.TimelineDraft
}

// figures are the set's timeline figures with its lines chosen by m (nil:
// the rules), scored as bot eval scores them.
func (s tlSet) figures(ctx context.Context, m *desk.TimelineModel) (eval.TimelineFigures, error) {
	lines := map[string][]string{}
	for i, q := range s.qs {
		for _, l := range s.drafts[i].Choose(m).Lines {
			lines[q.ID] = append(lines[q.ID], l.Text)
		}
	}
	rep, err := eval.RunDesk(ctx, s.qs, func(_ context.Context, q eval.DeskQuestion) (eval.DeskOutcome, error) {
		return eval.DeskOutcome{Lines: lines[q.ID]}, nil
	})
	if err != nil || rep.Timeline == nil {
		return eval.TimelineFigures{}, err
	}
	return *rep.Timeline, nil
}

func add(t *eval.TimelineFigures, f eval.TimelineFigures) {
	t.Timelines += f.Timelines
	t.Events += f.Events
	t.Found += f.Found
	t.InOrder += f.InOrder
	t.OutOfOrder += f.OutOfOrder
	t.Distractors += f.Distractors
	t.Lines += f.Lines
}

// labelled reports whether a candidate's sentence is one of q's events, as
// bot eval matches a line.
func labelled(q eval.DeskQuestion, sentence string) bool {
	return slices.ContainsFunc(q.Events, func(ev eval.Event) bool { return eval.Matches(sentence, ev.Quote) })
}

// stages counts where each labelled event of the sets is lost: its
// document not found by the search, found but not read as the story's, no
// sentence of it read as a candidate, a candidate the rules' gate turns
// away, one the rules weigh below the lines shown, or shown (and then
// whether dated on its labelled day).
func stages(e env, sets []tlSet) {
	names := []string{"not retrieved", "retrieved, not read as the story's", "read, no candidate", "candidate, turned away by the gate", "gated, below the lines shown", "shown, dated on its day", "shown, in its month", "shown, dated otherwise"}
	total := make([]int, len(names))
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "set\t"+strings.Join(names, "\t"))
	for _, s := range sets {
		count := make([]int, len(names))
		for i, q := range s.qs {
			t := s.drafts[i]
			cands := t.Candidates()
			shown := t.Choose(nil).Lines
			for _, ev := range q.Events {
				st := 0
				switch {
				case !slices.Contains(t.Retrieved(), ev.DocID):
					st = 0
				case !slices.Contains(t.Documents(), ev.DocID):
					st = 1
				default:
					ci := slices.IndexFunc(cands, func(c desk.Candidate) bool { return c.Gate && eval.Matches(c.Text, ev.Quote) })
					any := slices.ContainsFunc(cands, func(c desk.Candidate) bool { return eval.Matches(c.Text, ev.Quote) })
					li := slices.IndexFunc(shown, func(l desk.Line) bool { return eval.Matches(l.Text, ev.Quote) })
					switch {
					case li >= 0 && ci >= 0 && cands[ci].Date == ev.Date:
						st = 5
					case li >= 0 && ci >= 0 && cands[ci].Date[:7] == ev.Date[:7]:
						st = 6
					case li >= 0:
						st = 7
					case ci >= 0:
						st = 4
					case any:
						st = 3
					default:
						st = 2
					}
				}
				count[st]++
				total[st]++
			}
		}
		fmt.Fprint(tw, s.name)
		for _, c := range count {
			fmt.Fprintf(tw, "\t%d", c)
		}
		fmt.Fprintln(tw)
	}
	fmt.Fprint(tw, "total")
	for _, c := range total {
		fmt.Fprintf(tw, "\t%d", c)
	}
	fmt.Fprintln(tw)
	tw.Flush()
	fmt.Fprintln(e.stdout)
}
