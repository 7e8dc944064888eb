package desk

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/newsroom/askbot/answer"
)

// TestTimelineModelLoads: the compiled-in model loads and its features
// are the code's; one whose features differ is refused.
func TestTimelineModelLoads(t *testing.T) {
	m := DefaultTimelineModel()
	if !slices.Equal(m.Line.Features, timelineFeatureNames) {
		t.Fatalf("model features %v, code %v", m.Line.Features, timelineFeatureNames)
	}
	raw, err := m.JSON()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseTimelineModel(raw); err != nil {
		t.Fatalf("the model does not read back: %v", err)
	}
	bad := strings.Replace(string(raw), `"cov_rel"`, `"cov_relative"`, 1)
	if _, err := ParseTimelineModel([]byte(bad)); err == nil {
		t.Error("a model with a renamed feature loads")
	}
	short := *m
	short.Line.Weights = short.Line.Weights[1:]
	raw, _ = short.JSON()
	if _, err := ParseTimelineModel(raw); err == nil {
		t.Error("a model with a weight missing loads")
	}
}

// TestLearnedPrefersStatedTopical: under the shipped weights a candidate
// holding the topic's name with a stated day outranks a dateless one of
// another subject from the same document.
func TestLearnedPrefersStatedTopical(t *testing.T) {
	m := DefaultTimelineModel()
	topical := event{measures: map[string]float64{
		"cov": 0.8, "wcov": 0.9, "title": 0.6, "cov_rel": 1, "subject": 1, "doc_rank": 1,
		"about": 1, "gate": 1, "dated": 1, "age": math.Log1p(3), "words": math.Log1p(20), "rule": 1.9,
	}}
	offTopic := event{measures: map[string]float64{
		"cov": 0, "wcov": 0.2, "title": 0.6, "cov_rel": 0, "subject": 0, "doc_rank": 1,
		"article_date": 1, "words": math.Log1p(20), "rule": 0.1,
	}}
	evs := []event{offTopic, topical}
	scoreLearned(evs, &m.Line)
	if evs[1].score <= evs[0].score {
		t.Errorf("the stated, topical candidate scores %v, the dateless off-topic one %v", evs[1].score, evs[0].score)
	}
}

// TestTimelineLearnedSwitch: with Tuning.TimelineLearned 0 the timeline
// is the rules' (only candidates their gate lets through, by their score);
// with 1, the compiled-in model's choice, which here shows a dated event
// the gate (its thresholds above 1) turns away.
func TestTimelineLearnedSwitch(t *testing.T) {
	d := testDesk(t)
	ctx := context.Background()
	const board = "removed Jane Okafor"
	for _, strict := range []bool{false, true} {
		for _, learned := range []int{0, 1} {
			tu := DefaultTuning
			if strict {
				tu.TimelineSentence, tu.TimelineDated, tu.TimelineTitle = 1.01, 1.01, 1.01
			}
			tu.TimelineLearned = learned
			d.Tuning = &tu
			draft, err := d.Draft(ctx, answer.Request{}, "Acme Robotics")
			if err != nil {
				t.Fatal(err)
			}
			gated := map[string]bool{}
			for _, c := range draft.Candidates() {
				gated[c.Text] = gated[c.Text] || c.Gate
			}
			r, err := d.Timeline(ctx, answer.Request{}, "Acme Robotics")
			if err != nil {
				t.Fatal(err)
			}
			want := draft.Choose(nil)
			if learned == 1 {
				want = draft.Choose(DefaultTimelineModel())
			}
			if r.Text() != want.Text() {
				t.Errorf("strict %v, TimelineLearned %d:\n%s\nwant\n%s", strict, learned, r.Text(), want.Text())
			}
			if learned == 0 {
				for _, l := range r.Lines {
					if !gated[l.Text] {
						t.Errorf("the rules show %q, which their gate turns away", l.Text)
					}
				}
			}
			if shown := slices.ContainsFunc(r.Lines, func(l Line) bool { return strings.Contains(l.Text, board) }); strict && shown != (learned == 1) {
				t.Errorf("strict gate, TimelineLearned %d: %q shown %v", learned, board, shown)
			}
		}
	}
}

// TestLearnedExtends: with the rules' gate turning every sentence away,
// the learned choice still shows the story's dated event the model gives
// MinProb or more, and not when MinProb is above its probability.
func TestLearnedExtends(t *testing.T) {
	d := testDesk(t)
	ctx := context.Background()
	const board = "removed Jane Okafor"
	shown := func(minProb float64) bool {
		tu := DefaultTuning
		tu.TimelineSentence, tu.TimelineDated, tu.TimelineTitle = 1.01, 1.01, 1.01
		d.Tuning = &tu
		draft, err := d.Draft(ctx, answer.Request{}, "Acme Robotics")
		if err != nil {
			t.Fatal(err)
		}
		m := *DefaultTimelineModel()
		if !m.Extend {
			t.Skip("the shipped model does not extend the rules' choice")
		}
		m.MinProb = minProb
		return slices.ContainsFunc(draft.Choose(&m).Lines, func(l Line) bool { return strings.Contains(l.Text, board) })
	}
	if !shown(DefaultTimelineModel().MinProb) {
		t.Errorf("at the shipped MinProb %v the learned choice does not show %q", DefaultTimelineModel().MinProb, board)
	}
	if shown(1) {
		t.Errorf("at MinProb 1 the learned choice shows %q, which the gate turned away", board)
	}
}
