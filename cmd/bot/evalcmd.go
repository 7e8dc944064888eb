package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/desk"
	"github.com/newsroom/askbot/eval"
)

func cmdEval(ctx context.Context, e env, args []string) error {
	fs, cfg, err := newFlags(e, "eval", args)
	if err != nil {
		return err
	}
	place := placeFlags(fs)
	questions := fs.String("questions", "", "question set in JSONL (id, question, answer, evidence, type)")
	asJSON := fs.Bool("json", false, "print the figures as one JSON object on the last line")
	misses := fs.Int("misses", 20, "questions that missed to list (text output)")
	denseWeight := fs.Float64("dense-weight", 0, "weight of the dense ranking in fusion (0: default, which is off for the offline embedder; negative: off)")
	sourcePicks := fs.Int("source-picks", 0, "passages guaranteed to each mention of an outlet in the question (0: default, all k; negative: none)")
	sentenceWeight := fs.Float64("sentence-weight", 0, "lift of a mention's passages with a sentence holding much of the question (0: default 0.5, negative: none)")
	partWeight := fs.Float64("part-weight", 0, "weight of the whole question when choosing each question part's passage (0: default 0.5, negative: no part passages)")
	mentionDate := fs.Float64("mention-date-weight", 0, "score added to an outlet's articles published on a date named next to it (0: default 2, negative: none)")
	dateBoost := fs.Float64("date-boost", 0, "score boost for documents published on a date the question names (0: default, negative: none)")
	clauseWeight := fs.Float64("clause-weight", 0, "weight of the words after an outlet's name when choosing its passages (0: default, negative: none)")
	allowMissingNames := fs.Bool("allow-missing-names", false, "answer questions naming someone or something no retrieved passage mentions")
	allowUnknownOutlets := fs.Bool("allow-unknown-outlets", false, "answer questions about outlets with no article in the corpus")
	maxPerDoc := fs.Int("max-per-doc", 0, "passages per document while other documents remain (0: default 4, negative: no cap)")
	floor := fs.Float64("floor", 0, "relevance floor: least query coverage of the best passage (0: default)")
	folds := fs.Int("cv", 0, "cross-validate the learned decisions over N folds of the question set (0: the compiled-in model)")
	trainWith := fs.String("train-with", "", "with --cv: comma-separated question sets always trained on")
	orderTrainer := fs.String("order-trainer", "", "with --cv: the script training each fold's sentence-ordering forest (scripts/train-order.py, needs python3-xgboost)")
	cvSeed := fs.Uint64("cv-seed", 0, "with --cv: shuffle the questions before splitting them into folds (0: in the set's order)")
	handRules := fs.Bool("hand-rules", false, "decide by the hand-set rules alone, not the learned model")
	var tunes tuneFlags
	fs.Var(&tunes, "tune", "NAME=VALUE: set one of the answer's or the desk's thresholds (repeatable; see answer.Tuning, desk.Tuning: timeline-lede=0.3)")
	if err := parse(fs, cfg, args); err != nil {
		return err
	}
	if *questions == "" {
		fs.Usage()
		return usageError{"eval: --questions is required"}
	}
	qs, err := eval.ReadQuestions(*questions)
	if err != nil {
		return err
	}
	a, err := openApp(ctx, e, cfg, configuredOrBundled, nil)
	if err != nil {
		return err
	}
	if *denseWeight != 0 {
		a.engine.Search.DenseWeight = *denseWeight
	}
	a.engine.Search.Floor = *floor
	a.engine.Search.SourcePicks = *sourcePicks
	a.engine.Search.MentionDateWeight = *mentionDate
	a.engine.Search.SentenceWeight = *sentenceWeight
	a.engine.Search.PartWeight = *partWeight
	a.engine.Search.DateBoost = *dateBoost
	a.engine.Search.ClauseWeight = *clauseWeight
	a.engine.Search.AllowUnknownOutlets = *allowUnknownOutlets
	a.engine.Search.AllowMissingNames = *allowMissingNames
	if *maxPerDoc != 0 {
		a.engine.Search.MaxPerDoc = *maxPerDoc
	}
	// a threshold of the desk's or of the answer's
	deskTuning := desk.DefaultTuning
	for _, t := range tunes {
		name, value, _ := strings.Cut(t, "=")
		if slices.Contains(deskTuning.Names(), name) {
			if err := deskTuning.Set(name, value); err != nil {
				return usageError{err.Error()}
			}
			continue
		}
		if err := answer.Tune.Set(name, value); err != nil {
			return usageError{err.Error()}
		}
	}
	if done, err := evalDesk(ctx, e, a.engine, &deskTuning, *questions, a.request("", place()), *asJSON, *misses); done || err != nil {
		return err
	}
	a.engine.HandRules = *handRules
	ask := eval.EngineAsker(a.engine, a.request("", place()))
	if *folds > 1 {
		_, extra, err := readExamples(ctx, a, *trainWith)
		if err != nil {
			return err
		}
		exs, err := eval.Examples(ctx, qs, exampleReader(a, place()))
		if err != nil {
			return err
		}
		var order eval.OrderTrainer
		if *orderTrainer != "" {
			order = func(ctx context.Context, train []*answer.Example, note string) (*answer.Forest, error) {
				return trainOrder(ctx, *orderTrainer, train, note)
			}
		} else {
			fmt.Fprintln(e.stderr, "cross-validating without --order-trainer: each fold's sentences are ordered by its conditional logit, not by a forest")
		}
		var rank eval.Ranking
		ask, rank, err = eval.CrossValidated(ctx, qs, exs, extra, *folds, *cvSeed, answer.DefaultTrainOptions, order, func(m *answer.Model) { a.engine.Model = m }, ask)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "cross-validated over %d folds: an answering sentence ranked first in %.3f, in the first three in %.3f of %d questions (hand-set score: %.3f, %.3f)\n", *folds, rank.Top1, rank.Top3, rank.Questions, rank.RulesTop1, rank.RulesTop3)
	}
	rep, err := eval.Run(ctx, qs, cfg.K, ask)
	if err != nil {
		return err
	}
	if *asJSON {
		raw, err := json.Marshal(rep)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, string(raw))
		return nil
	}
	printReport(displayWriter{e.stdout}, rep, *misses) // answers quote documents
	return nil
}

func printReport(w io.Writer, rep *eval.Report, misses int) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "type\tquestions\thit@1\thit@4\thit@k\tmrr\tevid.recall\tall evid.\tans.in psg\tans.shown\tevid.shown\tdup.quotes\tdeclined\tabstain ok\tfalse abst.\tshort\tshort prec.\tchars\t")
	row := func(name string, f *eval.Figures) {
		fmt.Fprintf(tw, "%s\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%d\t%d\t%.3f\t%.3f\t%d\t%.3f\t%.0f\t\n", name, f.Questions,
			f.HitAt1, f.HitAt4, f.HitAtK, f.MRR, f.EvidenceRecall, f.AllEvidence, f.AnswerInPassages,
			f.AnswerShown, f.EvidenceShown, f.DuplicateQuotes, f.Declined, f.AbstainCorrect, f.FalseAbstain,
			f.ShortAnswers, f.ShortAnswerPrecision, f.AnswerChars)
	}
	types := make([]string, 0, len(rep.ByType))
	for t := range rep.ByType {
		types = append(types, t)
	}
	slices.Sort(types)
	for _, t := range types {
		row(t, rep.ByType[t])
	}
	row("all", &rep.Figures)
	tw.Flush()
	fmt.Fprintf(w, "\nk = %d, %d answerable, %d unanswerable, average passage %.0f characters\n", rep.K, rep.Answerable, rep.Unanswerable, rep.AvgPassageChars)
	if rep.CitationsValid != nil {
		fmt.Fprintf(w, "model answers: citations_valid %.3f, quotes_verified %.3f, answer_match %.3f, fallbacks %d\n\n",
			*rep.CitationsValid, *rep.QuotesVerified, *rep.AnswerMatch, *rep.Fallbacks)
		for _, a := range rep.Answers {
			fell := ""
			if a.FellBack {
				fell = " (fell back)"
			}
			fmt.Fprintf(w, "%s%s\n  Q: %s\n  expected: %s\n  answer: %s\n", a.ID, fell, a.Question, a.Expected, a.Answer)
		}
	}
	if len(rep.Misses) > 0 && misses > 0 {
		fmt.Fprintf(w, "\n%d questions missed", len(rep.Misses))
		if len(rep.Misses) > misses {
			fmt.Fprintf(w, " (first %d shown)", misses)
		}
		fmt.Fprintln(w, ":")
		for _, m := range rep.Misses[:min(misses, len(rep.Misses))] {
			fmt.Fprintf(w, "  %s [%s] %s\n      Q: %s\n", m.ID, m.Type, m.Why, m.Question)
			if m.Answer != "" {
				fmt.Fprintf(w, "      expected: %s\n      answer: %s\n", m.Expected, m.Answer)
			}
		}
	}
}

// tuneFlags collects repeated --tune NAME=VALUE flags.
type tuneFlags []string

func (t *tuneFlags) String() string { return strings.Join(*t, ",") }

func (t *tuneFlags) Set(v string) error {
	if !strings.Contains(v, "=") {
		return fmt.Errorf("want NAME=VALUE, got %q", v)
	}
	*t = append(*t, v)
	return nil
}
