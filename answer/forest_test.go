package answer

import (
	"encoding/json"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestForestMatchesXGBoost reads the compiled-in forest as XGBoost reads
// it: scripts/train-order.py wrote XGBoost's own margins for forty of its
// training rows beside it.
func TestForestMatchesXGBoost(t *testing.T) {
	raw, err := os.ReadFile("testdata/order-check.json")
	if err != nil {
		t.Fatal(err)
	}
	var check struct {
		Rows    [][]float64 `json:"rows"`
		Margins []float64   `json:"margins"`
	}
	if err := json.Unmarshal(raw, &check); err != nil {
		t.Fatal(err)
	}
	f := DefaultModel().Order
	if f == nil {
		t.Fatal("the default model has no forest")
	}
	if len(check.Rows) < 10 || len(check.Rows) != len(check.Margins) {
		t.Fatalf("%d rows, %d margins", len(check.Rows), len(check.Margins))
	}
	differ := 0
	for i, x := range check.Rows {
		if got, want := f.Margin(x), check.Margins[i]; math.Abs(got-want) > 1e-4 {
			t.Errorf("row %d: margin %v, XGBoost's %v", i, got, want)
		}
		if f.Margin(x) != f.Margin(check.Rows[0]) {
			differ++
		}
	}
	if differ == 0 {
		t.Error("every row has the same margin: the forest orders nothing")
	}
	if !strings.Contains(f.Trained, "train-order.py") {
		t.Errorf("the forest does not say how to retrain it: %q", f.Trained)
	}
}

func TestParseForestRefuses(t *testing.T) {
	if _, err := ParseForest(defaultOrderJSON); err != nil {
		t.Fatalf("the compiled-in forest: %v", err)
	}
	other := strings.Replace(string(defaultOrderJSON), `"cover"`, `"coverage"`, 1)
	if _, err := ParseForest([]byte(other)); err == nil || !strings.Contains(err.Error(), "train-order.py") {
		t.Errorf("a forest of other features was accepted (err %v)", err)
	}
	names := strings.Join(quoted(sentenceFeatureNames), ",")
	for _, tree := range []string{
		`{"feature":[0,0,0],"threshold":[1,0,0],"left":[0,-1,-1],"right":[2,-1,-1],"value":[0,1,2]}`,  // a node its own child
		`{"feature":[0,0],"threshold":[1,0],"left":[1,-1],"right":[5,-1],"value":[0,1]}`,              // a child outside the tree
		`{"feature":[99,0,0],"threshold":[1,0,0],"left":[1,-1,-1],"right":[2,-1,-1],"value":[0,1,2]}`, // no such feature
		`{"feature":[0],"threshold":[1,0],"left":[-1],"right":[-1],"value":[0]}`,                      // arrays of unequal length
	} {
		raw := `{"features":[` + names + `],"base":0,"trees":[` + tree + `]}`
		if _, err := ParseForest([]byte(raw)); err == nil {
			t.Errorf("tree %s accepted", tree)
		}
	}
	good := `{"features":[` + names + `],"base":0.5,"trees":[{"feature":[0,0,0],"threshold":[0.5,0,0],"left":[1,-1,-1],"right":[2,-1,-1],"value":[0,-1,2]}]}`
	f, err := ParseForest([]byte(good))
	if err != nil {
		t.Fatal(err)
	}
	x := make([]float64, len(sentenceFeatureNames))
	if got := f.Margin(x); got != -0.5 {
		t.Errorf("below the threshold: margin %v, want −0.5", got)
	}
	x[0] = 0.5 // not below: right
	if got := f.Margin(x); got != 2.5 {
		t.Errorf("at the threshold: margin %v, want 2.5", got)
	}
}

func quoted(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		raw, _ := json.Marshal(s)
		out[i] = string(raw)
	}
	return out
}

// staircase is a forest whose margin climbs (or, down, falls) with one
// feature, a step at each threshold.
func staircase(feature string, down bool, steps ...float32) *Forest {
	f := &Forest{Features: sentenceFeatureNames}
	at := slices.Index(sentenceFeatureNames, feature)
	step := 1.0
	if down {
		step = -1
	}
	for _, s := range steps {
		f.Trees = append(f.Trees, Tree{Feature: []int{at, 0, 0}, Threshold: []float32{s, 0, 0}, Left: []int{1, -1, -1}, Right: []int{2, -1, -1}, Value: []float64{0, 0, step}})
	}
	return f
}

// TestForestOrdersTheQuotes: the sentences quoted follow the model's
// forest: one preferring long sentences quotes longer ones than one
// preferring short ones, from the same passages.
func TestForestOrdersTheQuotes(t *testing.T) {
	e := seedEngine(t)
	words := func(f *Forest) (int, string) {
		m := *DefaultModel()
		m.FollowUp = nil
		m.Order = f
		e.Model = &m
		a, err := e.Ask(t.Context(), Request{Question: "what did ryabkov say about the trump team"})
		if err != nil {
			t.Fatal(err)
		}
		if a.Kind != Extractive || len(a.Sentences) == 0 {
			t.Fatalf("no quotes: %s", a.Text())
		}
		return len(strings.Fields(a.Sentences[0].Text)), a.Text()
	}
	steps := []float32{1, 1.5, 2, 2.5, 3, 3.5, 4}
	long, longText := words(staircase("log_words", false, steps...))
	short, shortText := words(staircase("log_words", true, steps...))
	if long <= short {
		t.Errorf("the first quote has %d words preferring long sentences, %d preferring short ones:\n%s\n%s", long, short, longText, shortText)
	}
}

// BenchmarkForestMargin measures the compiled-in forest scoring one
// candidate sentence (a short question has some tens).
//
//	go test ./answer -run '^$' -bench ForestMargin -count 6
func BenchmarkForestMargin(b *testing.B) {
	f := DefaultModel().Order
	x := make([]float64, len(f.Features))
	for i := range x {
		x[i] = float64(i%3) / 2
	}
	for b.Loop() {
		f.Margin(x)
	}
}
