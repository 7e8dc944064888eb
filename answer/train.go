package answer

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/newsroom/askbot/corpus"
)

// Example is one question read as Ask reads it, for training and
// cross-validating the learned decisions: its candidate sentences with
// their features, and the question's own features. The caller labels it.
type Example struct {
	Question string
	// Hard is set when the search alone declines, and Long when the
	// question strings several facts together: no model is asked.
	Hard, Long bool
	// Answerable is the label of the decision to answer: the documents
	// answer the question.
	Answerable bool
	// FollowUp is set when the question was asked after earlier turns of
	// a conversation (Request.History), and by `bot train --follow-ups`
	// on every turn of a chain: it trains Model.FollowUp only.
	FollowUp  bool
	Sentences []ExampleSentence
	question  []float64 // the question's features, probabilities unset
}

// ExampleSentence is a candidate sentence of an Example.
type ExampleSentence struct {
	Text string
	// Doc is the document it was found in first.
	Doc      *corpus.Document
	Features []float64
	// Answers is the label: the sentence says what was asked.
	Answers bool
}

// Example reads req's question as Ask would (a follow-up in the context
// of req.History), without deciding anything.
func (e *Engine) Example(ctx context.Context, req Request) (*Example, error) {
	query := req.Question
	if len(req.History) > 0 {
		query = e.standalone(ctx, req)
	}
	f, err := e.retrieve(ctx, req, query)
	if err != nil {
		return nil, fmt.Errorf("example %q: %w", req.Question, err)
	}
	res := f.res
	ex := &Example{Question: req.Question, Hard: hardDecline(res, &Model{}), FollowUp: len(req.History) > 0}
	if ex.Hard {
		return ex, nil
	}
	r := read(f.ix, f.question, res)
	if ex.Long = !r.oneFact; ex.Long {
		// Long questions keep the hand-set score: a sentence model trained
		// on MultiHop-RAG's ranked worse than it, cross-validated
		// (docs/evaluation.md).
		return ex, nil
	}
	for _, c := range r.cands {
		ex.Sentences = append(ex.Sentences, ExampleSentence{Text: c.body, Doc: res.Hits[c.at[0].hit].Doc, Features: c.features})
	}
	ex.question = r.fz.question(r.cands, nil, nil)
	return ex, nil
}

// QuestionFeatures are the features of the decision to answer
// (QuestionFeatureNames), the sentence probabilities unset.
func (ex *Example) QuestionFeatures() []float64 { return slices.Clone(ex.question) }

// QuestionFeatureNames name an Example's question features in order.
func QuestionFeatureNames() []string { return slices.Clone(questionFeatureNames) }

// SentenceFeatureNames name an ExampleSentence's features in order.
func SentenceFeatureNames() []string { return slices.Clone(sentenceFeatureNames) }

// innerFolds is how many folds Train splits its examples into to give the
// decision to answer sentence probabilities from a model that did not see
// the question (as at answering time).
const innerFolds = 5

// Train fits both learned decisions to labelled examples; note says what
// they are, for Model.Trained. Standalone questions train the model;
// when there are follow-ups among the examples, Model.FollowUp is trained
// on every example, follow-ups included.
func Train(examples []*Example, o TrainOptions, note string) *Model {
	standalone := slices.DeleteFunc(slices.Clone(examples), func(ex *Example) bool { return ex.FollowUp })
	m := train(standalone, o, note)
	if len(standalone) < len(examples) {
		m.FollowUp = train(examples, o, note)
	}
	return m
}

// train fits both learned decisions to examples.
func train(examples []*Example, o TrainOptions, note string) *Model {
	m := &Model{Trained: note, OrderDigest: o.Order.Digest()}
	short := func(i int) bool { return !examples[i].Long }
	m.Sentence = fitSentences(examples, short, o)
	ranked := o
	ranked.L2 = o.RankL2
	m.Rank = fitRank(examples, short, ranked)
	var x [][]float64
	var y []bool
	for fold := range innerFolds {
		inner := fitSentences(examples, func(i int) bool { return short(i) && i%innerFolds != fold }, o)
		for i, ex := range examples {
			if i%innerFolds != fold || ex.Hard || ex.Long {
				continue
			}
			x = append(x, questionRow(&inner, o.Order, ex))
			y = append(y, ex.Answerable)
		}
	}
	m.Answerable = fitLogReg(questionFeatureNames, x, y, o)
	m.MinAnswerable = declineThreshold(&m.Answerable, x, y, o.MaxFalseDecline)
	return m
}

// declineThreshold is the highest threshold on lr's probability that
// declines at most maxShare of the answerable questions among rows x.
func declineThreshold(lr *LogReg, x [][]float64, y []bool, maxShare float64) float64 {
	var probs []float64
	for i, r := range x {
		if y[i] {
			probs = append(probs, lr.Prob(r))
		}
	}
	if len(probs) == 0 {
		return 0.5
	}
	slices.Sort(probs)
	// Declining below probs[n] declines n answerable questions.
	n := int(math.Floor(maxShare * float64(len(probs))))
	return probs[min(n, len(probs)-1)]
}

// fitSentences fits the sentence model to the sentences of the examples
// keep accepts (by index).
func fitSentences(examples []*Example, keep func(int) bool, o TrainOptions) LogReg {
	var x [][]float64
	var y []bool
	for i, ex := range examples {
		if !keep(i) {
			continue
		}
		for _, s := range ex.Sentences {
			x = append(x, s.Features)
			y = append(y, s.Answers)
		}
	}
	return fitLogReg(sentenceFeatureNames, x, y, o)
}

// fitRank fits the sentence ranker to the sentences of the examples keep
// accepts (by index), a question at a time.
func fitRank(examples []*Example, keep func(int) bool, o TrainOptions) LogReg {
	var groups [][][]float64
	var labels [][]bool
	for i, ex := range examples {
		if !keep(i) {
			continue
		}
		var g [][]float64
		var y []bool
		for _, s := range ex.Sentences {
			g = append(g, s.Features)
			y = append(y, s.Answers)
		}
		groups, labels = append(groups, g), append(labels, y)
	}
	return fitRanker(sentenceFeatureNames, groups, labels, o)
}

// questionRow is an example's question features with the sentence
// probabilities of sentence model s and the margins of forest order (nil:
// none).
func questionRow(s *LogReg, order *Forest, ex *Example) []float64 {
	probs := make([]float64, len(ex.Sentences))
	var margins []float64
	for i, st := range ex.Sentences {
		probs[i] = s.Prob(st.Features)
		if order != nil {
			margins = append(margins, order.Margin(st.Features))
		}
	}
	x := append([]float64(nil), ex.question...)
	setProbs(x, probs, margins, func(i int) []float64 { return ex.Sentences[i].Features })
	return x
}
