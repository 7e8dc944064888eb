package answer

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"log/slog"
	"math"
	"slices"
	"sync"

	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/text"
)

// Two decisions of an extractive answer are learned rather than set by
// hand: which sentences answer the question (Model.Sentence, the
// probability that one does, and Model.Rank, their order) and whether the
// passages answer it at all (Model.Answerable). Each is a logistic
// regression (the order a conditional logit, fitted a question at a time)
// over a few features of the text and the ranking (features.go),
// trained on the labelled question sets by `bot train` and measured by
// `bot eval --cv` on folds it was not trained on (docs/evaluation.md).

// LogReg is a logistic regression over standardised features.
type LogReg struct {
	// Features names each input, in order: a model whose names differ
	// from the code's is refused at load.
	Features []string  `json:"features"`
	Mean     []float64 `json:"mean"`
	Scale    []float64 `json:"scale"`
	Weights  []float64 `json:"weights"`
	Bias     float64   `json:"bias"`
}

// Prob is the model's probability that x is a positive example.
func (m *LogReg) Prob(x []float64) float64 { return logistic(m.Score(x)) }

// Score is the model's linear score of x (its log-odds).
func (m *LogReg) Score(x []float64) float64 {
	z := m.Bias
	for i, v := range x {
		z += m.Weights[i] * standard(v, m.Mean[i], m.Scale[i])
	}
	return z
}

// maxStandard bounds a standardised feature: a value far outside what
// training saw (a corpus of four documents) weighs no more than one at its
// edge.
const maxStandard = 4

// standard is v standardised, within ±maxStandard.
func standard(v, mean, scale float64) float64 {
	return max(-maxStandard, min(maxStandard, (v-mean)/scale))
}

// Model holds the learned decisions of an extractive answer.
type Model struct {
	// Sentence is the probability that a sentence answers a short
	// question (one that strings several facts together is ordered by
	// the hand-set score).
	Sentence LogReg `json:"sentence"`
	// Rank orders a short question's sentences: a conditional logit,
	// trained on each question's sentences at once (the answering one
	// against the others of its question), so that it learns what sets
	// the answer apart from its neighbours rather than from every
	// sentence of every question. Its score is Rank.Score.
	Rank LogReg `json:"rank"`
	// Answerable is the probability that the passages answer the question
	// at all; below Tuning.MinAnswerable the answer declines.
	Answerable LogReg `json:"answerable"`
	// MinAnswerable is the least Answerable probability for the answer
	// not to decline, chosen at training so that at most
	// TrainOptions.MaxFalseDecline of the answerable training questions
	// are declined (Tuning.MinAnswerable, when set, overrides it).
	MinAnswerable float64 `json:"min_answerable"`
	// Trained says on what and how the model was trained, for the reader.
	Trained string `json:"trained"`
	// FollowUp, when set, decides for a follow-up (a question asked after
	// earlier turns), which reads unlike a question asked alone: trained
	// on follow-up chains besides the standalone questions.
	FollowUp *Model `json:"follow_up,omitempty"`
	// OrderDigest is the Digest of the forest whose margins the decision
	// to answer was trained on (TrainOptions.Order): the compiled-in model
	// is refused with another compiled-in order.json.
	OrderDigest string `json:"order_digest,omitempty"`
	// Order, when set, orders a short question's sentences and weighs
	// which are quoted in place of Rank and Sentence; it is kept in its
	// own file (answer/order.json), trained apart (Forest).
	Order *Forest `json:"-"`
}

// For returns the model deciding for a question asked after history
// turns: FollowUp when there are turns and it is set, else m.
func (m *Model) For(history int) *Model {
	if m != nil && history > 0 && m.FollowUp != nil {
		return m.FollowUp
	}
	return m
}

// WithOrder sets f as the order of m's sentences and its follow-up
// model's, and returns m.
func (m *Model) WithOrder(f *Forest) *Model {
	m.Order = f
	if m.FollowUp != nil {
		m.FollowUp.Order = f
	}
	return m
}

// minAnswerable is the threshold of the decision to answer in use.
func (m *Model) minAnswerable() float64 {
	if Tune.MinAnswerable > 0 {
		return Tune.MinAnswerable
	}
	return m.MinAnswerable
}

//go:embed model.json
var defaultModelJSON []byte

// DefaultModel returns the compiled-in model (answer/model.json), read
// once. A build whose model does not match its features panics on first
// use: TestDefaultModelLoads catches it before a release.
var DefaultModel = sync.OnceValue(func() *Model {
	m, err := ParseModel(defaultModelJSON)
	if err != nil {
		panic(fmt.Sprintf("answer: the compiled-in model: %v", err))
	}
	m.WithOrder(DefaultOrder())
	if err := m.OrderMatches(); err != nil {
		// Mid-retraining (order.json retrained, model.json not yet):
		// `bot train` must still run. TestDefaultModelOrderMatches keeps
		// such a pair from a release.
		slog.Warn("the compiled-in model", "err", err)
	}
	return m
})

// OrderMatches reports a model whose decision was trained on the margins of
// another forest than its Order (OrderDigest): retrain it with `bot train`.
func (m *Model) OrderMatches() error {
	if d := m.Order.Digest(); m.OrderDigest != "" && m.OrderDigest != d {
		return fmt.Errorf("the decision to answer was trained on the margins of forest %s, not of its order %s: retrain with `bot train` (docs/evaluation.md)", m.OrderDigest, d)
	}
	return nil
}

// DefaultOrder returns the compiled-in forest ordering the sentences
// (answer/order.json), read once; `bot train` gives it to the decision it
// trains (TrainOptions.Order).
var DefaultOrder = sync.OnceValue(func() *Forest {
	order, err := ParseForest(defaultOrderJSON)
	if err != nil {
		panic(fmt.Sprintf("answer: the compiled-in order: %v", err))
	}
	return order
})

// ParseModel reads a model written by Model.JSON, checking that its
// features are the ones this code computes.
func ParseModel(raw []byte) (*Model, error) {
	var m Model
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("parse model: %w", err)
	}
	if err := m.check(); err != nil {
		return nil, fmt.Errorf("parse model: %w", err)
	}
	return &m, nil
}

// check reports a model (or its follow-up model) whose features are not
// the ones this code computes.
func (m *Model) check() error {
	for _, c := range []struct {
		name  string
		lr    *LogReg
		names []string
	}{{"sentence", &m.Sentence, sentenceFeatureNames}, {"rank", &m.Rank, sentenceFeatureNames}, {"answerable", &m.Answerable, questionFeatureNames}} {
		if !slices.Equal(c.lr.Features, c.names) {
			return fmt.Errorf("the %s features %v are not this code's %v: retrain with `bot train`", c.name, c.lr.Features, c.names)
		}
		n := len(c.names)
		if len(c.lr.Mean) != n || len(c.lr.Scale) != n || len(c.lr.Weights) != n {
			return fmt.Errorf("the %s model has the wrong number of weights", c.name)
		}
	}
	if m.FollowUp != nil {
		if err := m.FollowUp.check(); err != nil {
			return fmt.Errorf("follow-up model: %w", err)
		}
	}
	return nil
}

// JSON renders the model for answer/model.json.
func (m *Model) JSON() ([]byte, error) {
	raw, err := json.MarshalIndent(m, "", " ")
	if err != nil {
		return nil, fmt.Errorf("render model: %w", err)
	}
	return append(raw, '\n'), nil
}

// TrainOptions tune the fitting of a logistic regression.
type TrainOptions struct {
	// L2 is the ridge penalty on the standardised weights; RankL2 the
	// sentence ranker's, heavier: its features overlap (a sentence's share
	// of the question, its window's, their ratio to the best), and under
	// L2 alone it weighed one against another until a sentence holding
	// all of the question ranked below one holding half of it.
	L2, RankL2 float64
	// Epochs of full-batch gradient descent, at rate Rate.
	Epochs int
	Rate   float64
	// MaxFalseDecline is the share of answerable training questions the
	// decision to answer may decline: a wrong "the documents don't say"
	// costs a reporter more than a quote that misses.
	MaxFalseDecline float64
	// Order is the forest whose margins the decision to answer reads
	// (orderFeatures): the one the model will be given (Model.WithOrder).
	// Nil: those features are zero.
	Order *Forest
}

// DefaultTrainOptions are the options `bot train` uses.
var DefaultTrainOptions = TrainOptions{L2: 0.01, RankL2: 0.05, Epochs: 600, Rate: 0.5, MaxFalseDecline: 0.04}

// fitRanker fits a conditional logit to groups of rows, each a question's
// sentences with their labels: the probability of a sentence is the
// softmax of the scores within its group, and the fit maximises that of
// the answering sentences. Groups with no answering sentence, or only
// answering ones, teach nothing and are skipped.
func fitRanker(names []string, groups [][][]float64, labels [][]bool, o TrainOptions) LogReg {
	var all [][]float64
	for _, g := range groups {
		all = append(all, g...)
	}
	m := standardizer(names, all)
	n := len(names)
	type group struct {
		z   [][]float64
		y   []bool
		pos int
	}
	var gs []group
	for gi, g := range groups {
		gr := group{y: labels[gi]}
		for j, r := range g {
			z := make([]float64, n)
			for i, v := range r {
				z[i] = standard(v, m.Mean[i], m.Scale[i])
			}
			gr.z = append(gr.z, z)
			if labels[gi][j] {
				gr.pos++
			}
		}
		if gr.pos > 0 && gr.pos < len(g) {
			gs = append(gs, gr)
		}
	}
	if len(gs) == 0 {
		return m
	}
	grad := make([]float64, n)
	for range o.Epochs {
		clear(grad)
		for _, g := range gs {
			scores := make([]float64, len(g.z))
			top := math.Inf(-1)
			for j, z := range g.z {
				for i, v := range z {
					scores[j] += m.Weights[i] * v
				}
				top = max(top, scores[j])
			}
			sum := 0.0
			for j := range scores {
				scores[j] = math.Exp(scores[j] - top)
				sum += scores[j]
			}
			for j, z := range g.z {
				d := scores[j] / sum
				if g.y[j] {
					d -= 1 / float64(g.pos)
				}
				for i, v := range z {
					grad[i] += d * v
				}
			}
		}
		for i := range m.Weights {
			m.Weights[i] -= o.Rate * (grad[i]/float64(len(gs)) + o.L2*m.Weights[i])
		}
	}
	return m
}

// standardizer returns a model over names with the means and scales of
// rows x and no weights.
func standardizer(names []string, x [][]float64) LogReg {
	n := len(names)
	m := LogReg{Features: names, Mean: make([]float64, n), Scale: make([]float64, n), Weights: make([]float64, n)}
	if len(x) == 0 {
		for i := range m.Scale {
			m.Scale[i] = 1
		}
		return m
	}
	for _, r := range x {
		for i, v := range r {
			m.Mean[i] += v
		}
	}
	for i := range m.Mean {
		m.Mean[i] /= float64(len(x))
	}
	for _, r := range x {
		for i, v := range r {
			d := v - m.Mean[i]
			m.Scale[i] += d * d
		}
	}
	for i := range m.Scale {
		m.Scale[i] = math.Sqrt(m.Scale[i] / float64(len(x)))
		if m.Scale[i] < 1e-9 {
			m.Scale[i] = 1
		}
	}
	return m
}

// fitLogReg fits a logistic regression to rows x with labels y, weighting
// the two classes equally (positives are rare among sentences).
func fitLogReg(names []string, x [][]float64, y []bool, o TrainOptions) LogReg {
	n := len(names)
	m := standardizer(names, x)
	if len(x) == 0 {
		return m
	}
	z := make([][]float64, len(x))
	for j, r := range x {
		z[j] = make([]float64, n)
		for i, v := range r {
			z[j][i] = standard(v, m.Mean[i], m.Scale[i])
		}
	}
	pos := 0
	for _, v := range y {
		if v {
			pos++
		}
	}
	wPos, wNeg := 1.0, 1.0
	if pos > 0 && pos < len(y) {
		wPos = float64(len(y)) / (2 * float64(pos))
		wNeg = float64(len(y)) / (2 * float64(len(y)-pos))
	}
	grad := make([]float64, n)
	total := wPos*float64(pos) + wNeg*float64(len(y)-pos)
	for range o.Epochs {
		clear(grad)
		gb := 0.0
		for j, r := range z {
			s := m.Bias
			for i, v := range r {
				s += m.Weights[i] * v
			}
			p := 1 / (1 + math.Exp(-s))
			w, t := wNeg, 0.0
			if y[j] {
				w, t = wPos, 1
			}
			d := w * (p - t)
			for i, v := range r {
				grad[i] += d * v
			}
			gb += d
		}
		for i := range m.Weights {
			m.Weights[i] -= o.Rate * (grad[i]/total + o.L2*m.Weights[i])
		}
		m.Bias -= o.Rate * gb / total
	}
	return m
}

// hardDecline reports whether the search alone settles that the documents
// cannot answer: no passage; a name or outlet no document the asker may
// see holds; a specific name the question capitalises that no passage
// found mentions ("Booker"). Slack's lower-case questions have few such
// names, so the sets the model learns from cannot teach it their weight.
// With no model, the relevance floor declines too; a model weighs it.
func hardDecline(res *retrieval.Results, m *Model) bool {
	if len(res.Hits) == 0 {
		return true
	}
	if m == nil || res.Lenient || res.Question == nil || res.Question.Facts() > 1 {
		return !res.Answerable
	}
	return len(res.UnknownNames) > 0 || len(res.UnknownOutlets) > 0 || len(res.MissingNames) > 0 || res.Hits[0].Lexical <= 0
}

// countedIn reports whether a sentence of the passages counts unit
// (countsUnit).
func countedIn(res *retrieval.Results, unit counted) bool {
	for _, h := range res.Hits {
		for _, s := range text.Sentences(h.Chunk.Text) {
			if countsUnit(h.Chunk.Text[s.Start:s.End], unit.is) {
				return true
			}
		}
	}
	return false
}

// reading is a question read against its passages: what the decisions
// and the quotes are made from.
type reading struct {
	q       *retrieval.Question
	ask     asked
	oneFact bool
	fz      *featurizer
	cands   []candidate
}

// read reads question against res: its candidate sentences, scored by the
// hand-set weights, each with its features.
func read(ix *retrieval.Index, question string, res *retrieval.Results) reading {
	q := res.Question
	if q == nil || q.Text != question {
		q = ix.Parse(question) // a follow-up: its search query holds earlier questions too
	}
	// The search terms include a follow-up's earlier questions; the words of
	// the question itself count double.
	weights := map[string]float64{}
	for _, t := range res.Terms {
		weights[t] = 1
	}
	for _, t := range q.Terms {
		weights[t] = 2
	}
	ask, oneFact := readAsked(q)
	ask.otherWords = ask.unit.word != "" && !countedIn(res, ask.unit)
	var earlier []string // a follow-up's subject is in the questions before it
	if q != res.Question {
		earlier = slices.DeleteFunc(slices.Clone(res.Terms), func(t string) bool { return slices.Contains(q.Terms, t) || askWords[t] })
	}
	fz := newFeaturizer(ix, q, res, ask, oneFact, earlier)
	return reading{q: q, ask: ask, oneFact: oneFact, fz: fz, cands: candidates(ix, q, res, weights, ask, oneFact, fz)}
}

// FitLogReg fits a logistic regression to rows x with labels y, the two
// classes weighted equally: the learner of the answer's decisions, for
// other packages' (desk's timeline).
func FitLogReg(names []string, x [][]float64, y []bool, o TrainOptions) LogReg {
	return fitLogReg(names, x, y, o)
}

// FitRanker fits a conditional logit to groups of rows (fitRanker).
func FitRanker(names []string, groups [][][]float64, labels [][]bool, o TrainOptions) LogReg {
	return fitRanker(names, groups, labels, o)
}
