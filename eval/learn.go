package eval

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/corpus"
)

// Labelling and folds for the answer's learned decisions (answer.Train):
// a question set's evidence says which sentences answer each question, and
// cross-validation measures a model only on questions it was not fitted to.

// Label sets ex's labels from q: a sentence answers q when it is part of an
// evidence quote or holds one, or when it holds an expected answer and its
// document holds an evidence quote; q is answerable when it has evidence.
func Label(q Question, ex *answer.Example) {
	ex.Answerable = q.Answerable()
	quotes := make([]string, len(q.Evidence))
	for i, ev := range q.Evidence {
		quotes[i] = Normalize(ev.Quote)
	}
	var answers []string
	for _, a := range append([]string{q.Answer}, q.Any...) {
		if n := Normalize(a); len(n) >= 2 && n != "yes" && n != "no" {
			answers = append(answers, n)
		}
	}
	docs := map[string]bool{} // documents holding an evidence quote, by ID
	for i := range ex.Sentences {
		s := &ex.Sentences[i]
		ns := Normalize(s.Text)
		for _, quote := range quotes {
			if quote != "" && (strings.Contains(ns, quote) || len(ns) >= minLabelChars && strings.Contains(quote, ns)) {
				s.Answers = true
			}
		}
		if s.Answers || len(answers) == 0 {
			continue
		}
		held, ok := docs[s.Doc.ID]
		if !ok {
			nd := Normalize(s.Doc.Text)
			for _, quote := range quotes {
				held = held || quote != "" && strings.Contains(nd, quote)
			}
			docs[s.Doc.ID] = held
		}
		for _, a := range answers {
			if held && strings.Contains(ns, a) {
				s.Answers = true
			}
		}
	}
}

// minLabelChars is the least length (normalised) of a sentence labelled as
// answering because an evidence quote holds it: not a fragment.
const minLabelChars = 20

// Folds assigns each question one of n folds, in turn within each type, so
// that every fold holds its share of every type. Seed 0 takes the
// questions in the set's order; another seed shuffles them first (within
// each type), for cross-validation repeated over other splits.
func Folds(qs []Question, n int, seed uint64) []int {
	order := make([]int, len(qs))
	for i := range order {
		order[i] = i
	}
	if seed != 0 {
		rand.New(rand.NewPCG(seed, 0)).Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	}
	next := map[string]int{}
	out := make([]int, len(qs))
	for _, i := range order {
		out[i] = next[qs[i].Type] % n
		next[qs[i].Type]++
	}
	return out
}

// Reader reads a question as the answer would (answer.Engine.Example),
// a follow-up after its History, never seeing the documents hide accepts
// (nil: none hidden).
type Reader func(ctx context.Context, q Question, hide func(*corpus.Document) bool) (*answer.Example, error)

// Examples reads and labels every question.
func Examples(ctx context.Context, qs []Question, read Reader) ([]*answer.Example, error) {
	out := make([]*answer.Example, len(qs))
	for i, q := range qs {
		ex, err := read(ctx, q, nil)
		if err != nil {
			return nil, fmt.Errorf("question %s: %w", q.ID, err)
		}
		Label(q, ex)
		out[i] = ex
	}
	return out, nil
}

// OrderTrainer trains the forest ordering sentences (answer.Forest) on
// examples, outside Go (scripts/train-order.py).
type OrderTrainer func(ctx context.Context, train []*answer.Example, note string) (*answer.Forest, error)

// CrossValidated returns an Asker answering each question of qs with the
// model of its fold (Folds with seed), trained on every example but that
// fold's (extra are examples of other sets, always trained on), and sets
// the engine's model before each question through use. With order, each
// fold's model is given a forest trained on the same examples; without,
// its sentences are ordered by the conditional logit.
func CrossValidated(ctx context.Context, qs []Question, exs, extra []*answer.Example, n int, seed uint64, o answer.TrainOptions, order OrderTrainer, use func(*answer.Model), ask Asker) (Asker, Ranking, error) {
	folds := Folds(qs, n, seed)
	models := make([]*answer.Model, n)
	for f := range n {
		train := append([]*answer.Example(nil), extra...)
		for i, ex := range exs {
			if folds[i] != f {
				train = append(train, ex)
			}
		}
		note := fmt.Sprintf("fold %d of %d", f+1, n)
		fo := o
		fo.Order = nil
		if order != nil {
			forest, err := order(ctx, train, note)
			if err != nil {
				return nil, Ranking{}, fmt.Errorf("cross-validate: %s: %w", note, err)
			}
			fo.Order = forest // the fold's decision reads its own forest's margins
		}
		models[f] = answer.Train(train, fo, note)
		if fo.Order != nil {
			models[f].WithOrder(fo.Order)
		}
	}
	var rank, rules Ranking
	handSet := slices.Index(models[0].Sentence.Features, "score_rel")
	for i, ex := range exs {
		score := models[folds[i]].Rank.Score
		if forest := models[folds[i]].Order; forest != nil {
			score = forest.Margin
		}
		rank.add(ex, score)
		rules.add(ex, func(x []float64) float64 { return x[handSet] })
	}
	if rank.Questions > 0 {
		rank.Top1 /= float64(rank.Questions)
		rank.Top3 /= float64(rank.Questions)
		rank.RulesTop1 = rules.Top1 / float64(rank.Questions)
		rank.RulesTop3 = rules.Top3 / float64(rank.Questions)
	}
	foldOf := map[string]int{}
	for i, q := range qs {
		foldOf[q.ID+"\x00"+q.Question] = folds[i]
	}
	return func(ctx context.Context, question Question) (Outcome, error) {
		f, ok := foldOf[question.ID+"\x00"+question.Question]
		if !ok {
			return Outcome{}, fmt.Errorf("cross-validate: %q is not in the question set", question.Question)
		}
		use(models[f])
		return ask(ctx, question)
	}, rank, nil
}

// Ranking is how well a sentence model orders the sentences of questions
// it was not trained on: of the questions with an answering sentence among
// their candidates, the share with one ranked first (Top1) or in the first
// three (Top3).
type Ranking struct {
	Questions  int     `json:"questions"`
	Top1, Top3 float64 `json:"-"`
	// RulesTop1 and RulesTop3 are the same for the hand-set score.
	RulesTop1, RulesTop3 float64 `json:"-"`
}

// rank adds one question's sentence probabilities to r.
func (r *Ranking) add(ex *answer.Example, prob func([]float64) float64) {
	type scored struct {
		p       float64
		answers bool
	}
	var ss []scored
	any := false
	for _, s := range ex.Sentences {
		ss = append(ss, scored{prob(s.Features), s.Answers})
		any = any || s.Answers
	}
	if !any {
		return
	}
	r.Questions++
	slices.SortStableFunc(ss, func(a, b scored) int { return cmp.Compare(b.p, a.p) })
	if ss[0].answers {
		r.Top1++
	}
	if slices.ContainsFunc(ss[:min(3, len(ss))], func(s scored) bool { return s.answers }) {
		r.Top3++
	}
}
