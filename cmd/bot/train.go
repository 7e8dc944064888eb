package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/newsroom/askbot/access"
	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/eval"
)

// cmdTrain fits the answer's learned decisions to labelled question sets
// and writes the model (answer/model.json is the compiled-in one).
func cmdTrain(ctx context.Context, e env, args []string) error {
	fs, cfg, err := newFlags(e, "train", args)
	if err != nil {
		return err
	}
	questions := fs.String("questions", "", "comma-separated question sets in JSONL to train on")
	out := fs.String("out", "answer/model.json", "file to write the model to")
	dump := fs.String("dump", "", "also write the labelled examples to this JSONL file, for analysis")
	followUps := fs.String("follow-ups", "", "comma-separated sets of follow-up chains, every turn training the follow-up model only")
	if err := parse(fs, cfg, args); err != nil {
		return err
	}
	if *questions == "" {
		fs.Usage()
		return usageError{"train: --questions is required"}
	}
	a, err := openApp(ctx, e, cfg, configuredOrBundled, nil)
	if err != nil {
		return err
	}
	qs, exs, err := readExamples(ctx, a, *questions)
	if err != nil {
		return err
	}
	if *followUps != "" {
		fqs, fexs, err := readExamples(ctx, a, *followUps)
		if err != nil {
			return err
		}
		for _, ex := range fexs {
			ex.FollowUp = true // a chain's first question too: the standalone model stays the sets'
		}
		qs, exs = append(qs, fqs...), append(exs, fexs...)
	}
	if *dump != "" {
		if err := dumpExamples(*dump, qs, exs); err != nil {
			return err
		}
	}
	o := answer.DefaultTrainOptions
	o.Order = answer.DefaultOrder() // the decision reads the compiled-in forest's margins
	m := answer.Train(exs, o, trainedNote(*questions, exs, *followUps))
	raw, err := m.JSON()
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, raw, 0o644); err != nil {
		return fmt.Errorf("train: write %s: %w", *out, err)
	}
	fmt.Fprintf(e.stdout, "wrote %s: %s\n", *out, m.Trained)
	return nil
}

// readExamples reads and labels the questions of the comma-separated sets
// as the app's engine answers them.
func readExamples(ctx context.Context, a *app, sets string) ([]eval.Question, []*answer.Example, error) {
	var qs []eval.Question
	for _, path := range strings.Split(sets, ",") {
		if path = strings.TrimSpace(path); path == "" {
			continue
		}
		some, err := eval.ReadQuestions(path)
		if err != nil {
			return nil, nil, err
		}
		qs = append(qs, some...)
	}
	exs, err := eval.Examples(ctx, qs, exampleReader(a, access.Place{}))
	return qs, exs, err
}

// exampleReader reads questions as asked from pl, for training.
func exampleReader(a *app, pl access.Place) eval.Reader {
	return func(ctx context.Context, q eval.Question, hide func(*corpus.Document) bool) (*answer.Example, error) {
		req := a.request(q.Question, pl)
		// A follow-up is read after its conversation's earlier questions,
		// each answered in turn, as Ask reads it.
		for _, h := range q.History {
			turn := a.request(h, pl)
			turn.History = req.History
			ans, err := a.engine.Ask(ctx, turn)
			if err != nil {
				return nil, err
			}
			req.History = append(req.History, answer.Turn{Question: h, Answer: ans.Text()})
		}
		if hide != nil {
			allow := req.Allow
			req.Allow = func(d *corpus.Document) bool { return !hide(d) && (allow == nil || allow(d)) }
		}
		return a.engine.Example(ctx, req)
	}
}

// trainedNote says what a model was trained on.
func trainedNote(sets string, exs []*answer.Example, followUps string) string {
	sentences, positive := 0, 0
	for _, ex := range exs {
		for _, s := range ex.Sentences {
			sentences++
			if s.Answers {
				positive++
			}
		}
	}
	names := func(sets string) []string {
		var out []string
		for _, p := range strings.Split(sets, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p[strings.LastIndex(p, "/")+1:])
			}
		}
		return out
	}
	trained := strings.Join(names(sets), ", ")
	retrain := "bot train --questions SETS --corpus CORPUS"
	if followUps != "" {
		trained += "; follow-up model also on " + strings.Join(names(followUps), ", ")
		retrain = "bot train --questions SETS --follow-ups CHAINS --corpus CORPUS"
	}
	return fmt.Sprintf("%d questions (%s), %d sentences of which %d answer; retrain: %s (docs/evaluation.md)",
		len(exs), trained, sentences, positive, retrain)
}

// dumpExamples writes the labelled examples as JSONL: one line a question,
// with its features and its candidate sentences', for analysis and training
// outside Go (scripts/train-order.py). qs, when given, are exs's questions.
func dumpExamples(path string, qs []eval.Question, exs []*answer.Example) error {
	type sentence struct {
		Text     string    `json:"text"`
		Doc      string    `json:"doc"`
		Features []float64 `json:"features"`
		Answers  bool      `json:"answers"`
	}
	type line struct {
		ID               string     `json:"id"`
		Type             string     `json:"type"`
		Question         string     `json:"question"`
		Hard             bool       `json:"hard"`
		Long             bool       `json:"long"`
		FollowUp         bool       `json:"follow_up,omitempty"` // trains the follow-up model only
		Answerable       bool       `json:"answerable"`
		QuestionFeatures []float64  `json:"question_features"`
		Sentences        []sentence `json:"sentences"`
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	if err := enc.Encode(map[string][]string{"question_features": answer.QuestionFeatureNames(), "sentence_features": answer.SentenceFeatureNames()}); err != nil {
		return fmt.Errorf("dump: %w", err)
	}
	for i, ex := range exs {
		l := line{Question: ex.Question, Hard: ex.Hard, Long: ex.Long, FollowUp: ex.FollowUp, Answerable: ex.Answerable, QuestionFeatures: ex.QuestionFeatures()}
		if i < len(qs) {
			l.ID, l.Type = qs[i].ID, qs[i].Type
		}
		for _, s := range ex.Sentences {
			l.Sentences = append(l.Sentences, sentence{Text: s.Text, Doc: s.Doc.ID, Features: s.Features, Answers: s.Answers})
		}
		if err := enc.Encode(l); err != nil {
			return fmt.Errorf("dump: %w", err)
		}
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("dump: write %s: %w", path, err)
	}
	return nil
}

// trainOrder trains a sentence-ordering forest on train with script
// (scripts/train-order.py), through a scratch directory.
func trainOrder(ctx context.Context, script string, train []*answer.Example, note string) (*answer.Forest, error) {
	dir, err := os.MkdirTemp("", "order-")
	if err != nil {
		return nil, fmt.Errorf("train order: %w", err)
	}
	defer os.RemoveAll(dir)
	examples, out := filepath.Join(dir, "examples.jsonl"), filepath.Join(dir, "order.json")
	if err := dumpExamples(examples, nil, train); err != nil {
		return nil, fmt.Errorf("train order: %w", err)
	}
	cmd := exec.CommandContext(ctx, script, examples, out, "--note", note)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("train order: %s: %w: %s", script, err, strings.TrimSpace(string(msg)))
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		return nil, fmt.Errorf("train order: %w", err)
	}
	return answer.ParseForest(raw)
}
