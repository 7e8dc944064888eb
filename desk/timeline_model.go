package desk

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"sync"

	"github.com/newsroom/askbot/answer"
)

// The timeline's choice of the lines it shows may be learned rather than
// set by hand (Tuning.TimelineLearned): a logistic regression (answer.LogReg)
// over what eventsOf measures of each candidate sentence, trained on the
// labelled timeline sets by `bot train-timeline`, which also measures it
// set by set on models not trained on that set (docs/evaluation.md). Its
// score stands in for the hand-set one; merging, the per-day and per-entry
// limits, the stale drop and the oldest-first order are the rules'.

// timelineFeatureNames are the features of a candidate event, in order
// (event.measures holds them; "cov_rel" is the sentence's share of the
// topic over the best share among the draft's candidates, relativeCover).
var timelineFeatureNames = []string{
	"cov", "wcov", "title", "cov_rel", "subject", "doc_rank",
	"about", "gate", "dated", "rough", "period", "section", "article_date",
	"ahead", "after_pub", "age", "history", "lede", "lede_tells", "person",
	"entry", "words", "rule", "position", "states_time", "digits",
	"doc_gate", "title_rel",
}

// TimelineFeatureNames lists the features of the learned choice, in order.
func TimelineFeatureNames() []string { return slices.Clone(timelineFeatureNames) }

// TimelineModel is the learned choice of a timeline's lines.
type TimelineModel struct {
	// Line scores a candidate event: the lines shown are those it
	// scores highest, as the hand-set score's are.
	Line answer.LogReg `json:"line"`
	// GateOnly weighs only the candidates the hand-set gate lets through
	// (event.gate); else every sentence eventsOf reads.
	GateOnly bool `json:"gate_only,omitempty"`
	// Extend keeps the rules' choice and adds to it, in the lines left,
	// the candidates their gate turns away that the model gives MinProb
	// or more, likeliest first.
	Extend  bool    `json:"extend,omitempty"`
	MinProb float64 `json:"min_prob,omitempty"`
	// Trained says on what and how the model was trained, for the reader.
	Trained string `json:"trained"`
}

//go:embed timeline_model.json
var defaultTimelineModelJSON []byte

// DefaultTimelineModel returns the compiled-in model
// (desk/timeline_model.json), read once; one whose features are not the
// code's panics on first use (TestTimelineModelLoads catches it).
var DefaultTimelineModel = sync.OnceValue(func() *TimelineModel {
	m, err := ParseTimelineModel(defaultTimelineModelJSON)
	if err != nil {
		panic(fmt.Sprintf("desk: the compiled-in timeline model: %v", err))
	}
	return m
})

// ParseTimelineModel reads a model written by TimelineModel.JSON, checking
// that its features are the ones this code computes.
func ParseTimelineModel(raw []byte) (*TimelineModel, error) {
	var m TimelineModel
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("parse timeline model: %w", err)
	}
	n := len(timelineFeatureNames)
	if !slices.Equal(m.Line.Features, timelineFeatureNames) {
		return nil, fmt.Errorf("parse timeline model: its features %v are not this code's %v: retrain with `bot train-timeline`", m.Line.Features, timelineFeatureNames)
	}
	if len(m.Line.Mean) != n || len(m.Line.Scale) != n || len(m.Line.Weights) != n {
		return nil, fmt.Errorf("parse timeline model: the wrong number of weights")
	}
	return &m, nil
}

// JSON renders the model for desk/timeline_model.json.
func (m *TimelineModel) JSON() ([]byte, error) {
	raw, err := json.MarshalIndent(m, "", " ")
	if err != nil {
		return nil, fmt.Errorf("render timeline model: %w", err)
	}
	return append(raw, '\n'), nil
}

// relativeCover sets each candidate's "cov_rel": its share of the topic
// over the best share among the draft's candidates.
func relativeCover(evs []event) {
	best := 0.0
	for _, e := range evs {
		best = max(best, e.measures["cov"])
	}
	for _, e := range evs {
		if best > 0 {
			e.measures["cov_rel"] = e.measures["cov"] / best
		}
	}
}

// documentShares sets each candidate's "doc_gate", the share of its
// document's candidates the rules' gate lets through, and "title_rel",
// its title's share of the topic over the best title's.
func documentShares(evs []event) {
	gated, all := map[string]int{}, map[string]int{}
	best := 0.0
	for _, e := range evs {
		all[e.doc.ID]++
		if e.gate {
			gated[e.doc.ID]++
		}
		best = max(best, e.measures["title"])
	}
	for _, e := range evs {
		e.measures["doc_gate"] = float64(gated[e.doc.ID]) / float64(all[e.doc.ID])
		if best > 0 {
			e.measures["title_rel"] = e.measures["title"] / best
		}
	}
}

// features are the candidates' feature rows (timelineFeatureNames).
func features(evs []event) [][]float64 {
	out := make([][]float64, len(evs))
	for i, e := range evs {
		out[i] = lineFeatures(e)
	}
	return out
}

// lineFeatures is one candidate's feature row.
func lineFeatures(e event) []float64 {
	row := make([]float64, len(timelineFeatureNames))
	for j, name := range timelineFeatureNames {
		row[j] = e.measures[name]
	}
	return row
}

// learnedPool is how many times MaxTimelineLines of the model's likeliest
// candidates its choice merges and fills from.
const learnedPool = 10

// extendLift puts the rules' events above every other (Extend): a
// model's log-odds never reach it.
const extendLift = 1000

// scoreLearned sets each candidate's score to m's.
func scoreLearned(evs []event, m *answer.LogReg) {
	for i, x := range features(evs) {
		evs[i].score = m.Score(x)
	}
}

// Candidate is one candidate event of a draft, for training and for
// reading where a labelled event is lost.
type Candidate struct {
	Text     string
	DocID    string
	Date     string // YYYY-MM-DD, the day it is dated by
	Gate     bool   // the hand-set rules take it for an event
	Features []float64
}

// Candidates are the draft's candidate events, their features in the
// order of TimelineFeatureNames.
func (t *TimelineDraft) Candidates() []Candidate {
	rows := features(t.evs)
	out := make([]Candidate, len(t.evs))
	for i, e := range t.evs {
		out[i] = Candidate{Text: e.text(), DocID: e.doc.ID, Date: e.when.Format("2006-01-02"), Gate: e.gate, Features: rows[i]}
	}
	return out
}

// Retrieved are the IDs of the documents the search found for the topic,
// best first; Documents those read as the story's.
func (t *TimelineDraft) Retrieved() []string {
	var out []string
	for _, h := range t.hits {
		if h.Doc != nil && !slices.Contains(out, h.Doc.ID) {
			out = append(out, h.Doc.ID)
		}
	}
	return out
}

// Documents are the IDs of the documents read as the story's.
func (t *TimelineDraft) Documents() []string {
	var out []string
	for _, d := range t.docs {
		out = append(out, d.ID)
	}
	return out
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
