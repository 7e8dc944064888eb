package answer

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"slices"
)

// Forest is an ensemble of regression trees (gradient-boosted, trained by
// scripts/train-order.py with Debian's python3-xgboost as tooling) that
// orders a short question's candidate sentences: the higher a sentence's
// Margin, the likelier it says what was asked. Cross-validated, it puts an
// answering sentence among the first three more often than the
// conditional logit Model.Rank (docs/evaluation.md, "Eleventh pass").
//
// It is read from XGBoost's own JSON model by that script into this
// plainer form (leaves, the Go reader of tree models, refuses the binary
// format of XGBoost 1.1 and later).
type Forest struct {
	// Features names each input, in order: a forest whose names differ
	// from the code's is refused at load.
	Features []string `json:"features"`
	// Base is added to the trees' sum.
	Base  float64 `json:"base"`
	Trees []Tree  `json:"trees"`
	// Trained says on what and how the forest was trained.
	Trained string `json:"trained"`
}

// Tree is one regression tree, its nodes in arrays indexed by node (the
// root is node 0): an inner node sends x left when x[Feature] <
// Threshold, else right; a leaf (Left −1) holds its Value.
type Tree struct {
	Feature   []int     `json:"feature"`
	Threshold []float32 `json:"threshold"`
	Left      []int     `json:"left"`
	Right     []int     `json:"right"`
	Value     []float64 `json:"value"`
}

// Margin is the forest's score of x: its trees' leaves summed, plus Base.
func (f *Forest) Margin(x []float64) float64 {
	z := f.Base
	for i := range f.Trees {
		z += f.Trees[i].leaf(x)
	}
	return z
}

// Digest identifies the forest by its trees ("" for a nil forest): a
// model records the forest its decision was trained on.
func (f *Forest) Digest() string {
	if f == nil {
		return ""
	}
	h := sha256.New()
	fmt.Fprint(h, f.Features, f.Base)
	for _, t := range f.Trees {
		fmt.Fprint(h, t.Feature, t.Threshold, t.Left, t.Right, t.Value)
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// Margins are the forest's margins for candidate sentences (nil for a nil
// forest).
func (f *Forest) Margins(cands []candidate) []float64 {
	if f == nil {
		return nil
	}
	m := make([]float64, len(cands))
	for i := range cands {
		m[i] = f.Margin(cands[i].features)
	}
	return m
}

// leaf is the value of the leaf x falls in. Features compare as float32,
// as XGBoost compares them.
func (t *Tree) leaf(x []float64) float64 {
	n := 0
	for t.Left[n] >= 0 {
		if float32(x[t.Feature[n]]) < t.Threshold[n] {
			n = t.Left[n]
		} else {
			n = t.Right[n]
		}
	}
	return t.Value[n]
}

// logistic maps a margin to (0, 1), keeping its order.
func logistic(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// check reports a forest whose features are not names, or whose trees
// point outside themselves.
func (f *Forest) check(names []string) error {
	if !slices.Equal(f.Features, names) {
		return fmt.Errorf("the forest's features %v are not this code's %v: retrain with scripts/train-order.py", f.Features, names)
	}
	for i, t := range f.Trees {
		n := len(t.Left)
		if n == 0 || len(t.Right) != n || len(t.Feature) != n || len(t.Threshold) != n || len(t.Value) != n {
			return fmt.Errorf("tree %d: node arrays of unequal length", i)
		}
		for j := range n {
			l, r := t.Left[j], t.Right[j]
			if l < 0 {
				continue
			}
			if l <= j || r <= j || l >= n || r >= n || t.Feature[j] < 0 || t.Feature[j] >= len(names) {
				return fmt.Errorf("tree %d: node %d points outside the tree", i, j)
			}
		}
	}
	return nil
}

// ParseForest reads a forest written by scripts/train-order.py, checking
// that its features are the ones this code computes for a sentence.
func ParseForest(raw []byte) (*Forest, error) {
	var f Forest
	if err := json.Unmarshal(raw, &f); err != nil {
		return nil, fmt.Errorf("parse forest: %w", err)
	}
	if err := f.check(sentenceFeatureNames); err != nil {
		return nil, fmt.Errorf("parse forest: %w", err)
	}
	return &f, nil
}

//go:embed order.json
var defaultOrderJSON []byte
