package answer

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/newsroom/askbot/retrieval"
)

func TestDefaultModelLoads(t *testing.T) {
	m := DefaultModel()
	if m.MinAnswerable <= 0 || m.MinAnswerable >= 1 {
		t.Errorf("threshold %v outside (0, 1)", m.MinAnswerable)
	}
	if !strings.Contains(m.Trained, "bot train") {
		t.Errorf("the model does not say how to retrain it: %q", m.Trained)
	}
}

// The compiled-in model's decision was trained on the compiled-in forest's
// margins.
func TestDefaultModelOrderMatches(t *testing.T) {
	m := DefaultModel()
	if m.OrderDigest == "" {
		t.Errorf("the compiled-in model records no forest; retrain it with `bot train` after the forest")
	}
	if err := m.OrderMatches(); err != nil {
		t.Error(err)
	}
	other := *m
	other.Order = &Forest{Features: m.Order.Features, Base: m.Order.Base + 1, Trees: m.Order.Trees}
	if other.OrderMatches() == nil {
		t.Errorf("a model given another forest than its decision was trained on is not reported")
	}
}

func TestParseModelRefusesOtherFeatures(t *testing.T) {
	raw, err := DefaultModel().JSON()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseModel(raw); err != nil {
		t.Fatalf("the model's own JSON: %v", err)
	}
	other := strings.Replace(string(raw), `"max_prob"`, `"maximum"`, 1)
	if _, err := ParseModel([]byte(other)); err == nil || !strings.Contains(err.Error(), "bot train") {
		t.Errorf("a model of other features was accepted (err %v)", err)
	}
}

// TestFitLogRegLearnsTheSignal fits a feature that decides the label and
// one that is noise: the first must carry the weight.
func TestFitLogRegLearnsTheSignal(t *testing.T) {
	var x [][]float64
	var y []bool
	for i := range 200 {
		signal := float64(i % 2)
		noise := float64((i * 7) % 5)
		x = append(x, []float64{signal, noise})
		y = append(y, signal == 1)
	}
	m := fitLogReg([]string{"signal", "noise"}, x, y, DefaultTrainOptions)
	if m.Weights[0] <= 1 || math.Abs(m.Weights[1]) > 0.2 {
		t.Errorf("weights %v: want the signal's large, the noise's near 0", m.Weights)
	}
	if p, q := m.Prob([]float64{1, 2}), m.Prob([]float64{0, 2}); p < 0.9 || q > 0.1 {
		t.Errorf("probabilities %v and %v, want near 1 and 0", p, q)
	}
}

// TestFitLogRegBalancesClasses: one positive in twenty still gets a
// probability above one half when its feature says so.
func TestFitLogRegBalancesClasses(t *testing.T) {
	var x [][]float64
	var y []bool
	for i := range 200 {
		pos := i%20 == 0
		x = append(x, []float64{b2f(pos)})
		y = append(y, pos)
	}
	m := fitLogReg([]string{"f"}, x, y, DefaultTrainOptions)
	if p := m.Prob([]float64{1}); p < 0.5 {
		t.Errorf("a rare positive gets %v", p)
	}
}

// TestStandardBoundsOutliers: a feature far outside training weighs as at
// the edge, not more.
func TestStandardBoundsOutliers(t *testing.T) {
	if got := standard(1000, 0, 1); got != maxStandard {
		t.Errorf("standard(1000) = %v", got)
	}
	if got := standard(-1000, 0, 1); got != -maxStandard {
		t.Errorf("standard(-1000) = %v", got)
	}
	if got := standard(1, 0, 2); got != 0.5 {
		t.Errorf("standard(1, 0, 2) = %v", got)
	}
}

func TestDeclineThreshold(t *testing.T) {
	lr := LogReg{Features: []string{"p"}, Mean: []float64{0}, Scale: []float64{10}, Weights: []float64{1}}
	var x [][]float64
	var y []bool
	for i := range 20 {
		x = append(x, []float64{float64(i) - 10})
		y = append(y, true)
	}
	x = append(x, []float64{-20})
	y = append(y, false)
	for _, share := range []float64{0, 0.05, 0.1, 0.5} {
		th := declineThreshold(&lr, x, y, share)
		declined := 0
		for i, r := range x {
			if y[i] && lr.Prob(r) < th {
				declined++
			}
		}
		if want := int(share * 20); declined != want {
			t.Errorf("share %v: threshold %v declines %d answerable, want %d", share, th, declined, want)
		}
	}
}

// The question's features from its sentences are the best probability,
// the features of ofLikeliest of the likeliest sentence (top_NAME) and the
// best values of ofBest among them (best_NAME), and the forest's margins
// read as orderFeatures.
func TestQuestionFeatures(t *testing.T) {
	cands := make([]candidate, 3)
	for i := range cands {
		cands[i].features = make([]float64, len(sentenceFeatureNames))
		for j := range cands[i].features {
			cands[i].features[j] = float64(i+1) / 10 // 0.1, 0.2, 0.3
		}
	}
	f := &featurizer{q: &retrieval.Question{Text: "who won"}, res: &retrieval.Results{}}
	x := f.question(cands, []float64{0.2, 0.8, 0.5}, []float64{1, 3, 2.5})
	want := map[string]float64{"max_prob": 0.8, "order_margin": 3, "order_lead": 0.5,
		"order_crowd": math.Log(1 + math.Exp(-0.5) + math.Exp(-2))}
	for _, n := range ofLikeliest {
		want["top_"+n] = 0.2 // the second candidate's
	}
	for _, n := range ofBest {
		want["best_"+n] = 0.3 // the third's, the highest
	}
	for name, w := range want {
		i := slices.Index(questionFeatureNames, name)
		if i < 0 {
			t.Fatalf("no question feature %s", name)
		}
		if x[i] != w {
			t.Errorf("%s %v, want %v", name, x[i], w)
		}
	}
	if y := f.question(cands, []float64{0.2, 0.8, 0.5}, nil); slices.ContainsFunc(orderFeatures, func(n string) bool {
		return y[slices.Index(questionFeatureNames, n)] != 0
	}) {
		t.Errorf("order features %v with no forest, want 0", y[orderAt:])
	}
	if y := f.question(cands[:1], []float64{0.2}, []float64{-1}); y[orderAt] != -1 || y[orderAt+1] != 0 || y[orderAt+2] != 0 {
		t.Errorf("a lone sentence's margin, lead and crowd %v, want -1, 0 and 0", y[orderAt:orderAt+3])
	}
	setProbs(x, nil, nil, nil)
	for i, name := range questionFeatureNames {
		if (name == "max_prob" || strings.HasPrefix(name, "top_") || strings.HasPrefix(name, "best_") || strings.HasPrefix(name, "order_")) && x[i] != 0 {
			t.Errorf("%s %v with no sentence, want 0", name, x[i])
		}
	}
}

// TestFitRankerLearnsWithinQuestions: a feature that tells a question's
// answering sentence from its neighbours is learned, one that only tells
// questions apart (the same for every sentence of a question) is not, as
// a ranking within a question cannot use it.
func TestFitRankerLearnsWithinQuestions(t *testing.T) {
	var groups [][][]float64
	var labels [][]bool
	for g := range 30 {
		level := float64(g % 7) // the question's own level, for all its sentences
		var rows [][]float64
		var y []bool
		for s := range 5 {
			answers := s == g%5
			rows = append(rows, []float64{level, b2f(answers) + 0.1*float64(s)})
			y = append(y, answers)
		}
		groups, labels = append(groups, rows), append(labels, y)
	}
	m := fitRanker([]string{"level", "signal"}, groups, labels, DefaultTrainOptions)
	if m.Weights[1] <= 1 || math.Abs(m.Weights[0]) > 1e-9 {
		t.Errorf("weights %v: want the within-question signal large, the question's level 0", m.Weights)
	}
	for g, rows := range groups {
		best := 0
		for i, r := range rows {
			if m.Score(r) > m.Score(rows[best]) {
				best = i
			}
		}
		if !labels[g][best] {
			t.Errorf("question %d: sentence %d ranked first, not the answering one", g, best)
		}
	}
}

// TestFollowUpModel checks that follow-up examples train a model of their
// own, used only for a question asked after earlier turns, and that a
// follow-up model of other features is refused.
func TestFollowUpModel(t *testing.T) {
	n := len(sentenceFeatureNames)
	example := func(answers, followUp bool, v float64) *Example {
		x := make([]float64, n)
		x[0] = v
		y := make([]float64, n)
		return &Example{Answerable: answers, FollowUp: followUp, question: make([]float64, len(questionFeatureNames)),
			Sentences: []ExampleSentence{{Features: x, Answers: answers}, {Features: y}}}
	}
	var alone, all []*Example
	for i := range 40 {
		alone = append(alone, example(i%4 != 0, false, 1))
	}
	all = append(all, alone...)
	for i := range 20 {
		// Follow-ups whose answering sentence reads the other way.
		all = append(all, example(i%4 != 0, true, -1))
	}
	o := DefaultTrainOptions
	if m := Train(alone, o, "test"); m.FollowUp != nil {
		t.Error("a follow-up model trained without follow-ups")
	}
	m := Train(all, o, "test")
	if m.FollowUp == nil {
		t.Fatal("no follow-up model trained from follow-ups")
	}
	if m.For(0) != m || m.For(2) != m.FollowUp {
		t.Error("For picks the wrong model")
	}
	if got, want := m.Sentence, Train(alone, o, "test").Sentence; !slices.Equal(got.Weights, want.Weights) {
		t.Error("follow-ups trained the standalone model")
	}
	raw, err := m.JSON()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseModel(raw); err != nil {
		t.Fatalf("a model with a follow-up model: %v", err)
	}
	i := strings.LastIndex(string(raw), `"max_prob"`)
	other := string(raw[:i]) + `"maximum"` + string(raw[i+len(`"max_prob"`):])
	if _, err := ParseModel([]byte(other)); err == nil || !strings.Contains(err.Error(), "follow-up") {
		t.Errorf("a follow-up model of other features was accepted (err %v)", err)
	}
}

// The decision to answer is trained on the margins of the forest it is
// given (TrainOptions.Order), and the model records which forest that was.
func TestTrainReadsOrderMargins(t *testing.T) {
	n := len(sentenceFeatureNames)
	var exs []*Example
	for i := range 40 {
		x := make([]float64, n)
		x[0] = float64(i % 2)
		exs = append(exs, &Example{Answerable: i%2 == 0, question: make([]float64, len(questionFeatureNames)),
			Sentences: []ExampleSentence{{Features: x, Answers: i%2 == 0}, {Features: make([]float64, n)}}})
	}
	o := DefaultTrainOptions
	o.Order = &Forest{Features: slices.Clone(sentenceFeatureNames), Base: 2.5} // every margin 2.5
	m := Train(exs, o, "test")
	if got := m.Answerable.Mean[slices.Index(questionFeatureNames, "order_margin")]; got != 2.5 {
		t.Errorf("order_margin mean %v, want 2.5", got)
	}
	if m.OrderDigest == "" || m.OrderDigest != o.Order.Digest() {
		t.Errorf("the model records forest %q, want %q", m.OrderDigest, o.Order.Digest())
	}
	other := &Forest{Features: o.Order.Features, Base: 2.4}
	if other.Digest() == o.Order.Digest() {
		t.Errorf("two forests with different bases have one digest")
	}
	if o.Order = nil; Train(exs, o, "test").OrderDigest != "" {
		t.Errorf("a model trained with no forest records one")
	}
}
