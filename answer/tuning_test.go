package answer

import (
	"slices"
	"strings"
	"testing"

	"github.com/newsroom/askbot/retrieval"
)

// withTune runs f with one threshold set, restoring the tuning after.
func withTune(t *testing.T, name, value string, f func()) {
	t.Helper()
	saved := Tune
	defer func() { Tune = saved }()
	if err := Tune.Set(name, value); err != nil {
		t.Fatal(err)
	}
	f()
}

// TestTuningBoundaries: each threshold, moved past its boundary on a small
// corpus, changes what the reader sees; at its default it does not. A
// mutation of a threshold's use fails here.
func TestTuningBoundaries(t *testing.T) {
	news := indexFS(t, newsFS)
	slack := indexFS(t, slackFS)
	murati := "Who did the OpenAI board name interim chief executive?"
	hasShort := func(a *Answer) bool { return a.Short != nil }
	tests := []struct {
		name, value string
		question    string
		slack       bool
		// at reports the behaviour the default gives; past it must not.
		at func(*Answer) bool
	}{
		// A short answer needs the likeliest sentence at MinShort.
		{"min-short", "1.01", murati, false, hasShort},
		// The name stands one word from the role the question names.
		{"max-named-role-gap", "0", murati, false, hasShort},
		// A short answer's sentence must say enough of what was asked.
		{"min-predicate-coverage", "1.01", murati, false, hasShort},
		// Declining: above every probability, every question declines.
		{"min-answerable", "0.9999", "how much did the sphere cost", true, func(a *Answer) bool { return a.Kind == Extractive }},
		// An answer quotes at most MaxQuotes sentences (a quote per fact and one more).
		{"max-quotes", "1", murati, false, func(a *Answer) bool { return len(a.Sentences) > 1 }},
		// Other sentences are quoted down to QuoteShare of the best.
		{"quote-share", "1.01", murati, false, func(a *Answer) bool { return len(a.Sentences) > 1 }},
		// A question of more words than MaxShortWords is read as long,
		// and the hand-set rules decline it as before the learned model.
		{"max-short-words", "2", "how many seats does the sphere have?", true, func(a *Answer) bool { return strings.Contains(a.Text(), "“seats”") }},
	}
	for _, tt := range tests {
		t.Run(tt.name+"="+tt.value, func(t *testing.T) {
			ix := news
			if tt.slack {
				ix = slack
			}
			if a := askIndex(t, ix, tt.question); !tt.at(a) {
				t.Fatalf("at the default: %s", a.Text())
			}
			withTune(t, tt.name, tt.value, func() {
				if a := askIndex(t, ix, tt.question); tt.at(a) {
					t.Errorf("past the boundary the answer did not change: %s", a.Text())
				}
			})
		})
	}
}

func TestFollowUpTuning(t *testing.T) {
	history := []Turn{{Question: "first topic"}, {Question: "second topic"}, {Question: "third topic"}}
	q := followUpQuery("and then", history)
	if !strings.Contains(q, "second topic") || strings.Contains(q, "first topic") {
		t.Errorf("max-topic-turns 2: %q", q)
	}
	withTune(t, "max-topic-turns", "1", func() {
		if q := followUpQuery("and then", history); strings.Contains(q, "second topic") {
			t.Errorf("max-topic-turns 1 still carries the second-last question: %q", q)
		}
	})
	names := "“Alice Smith met Bob Jones and Carol White and Dan Brown.” [1]"
	if got := answerNames(names); len(got) != 3 {
		t.Errorf("max-topic-names 3: %v", got)
	}
	withTune(t, "max-topic-names", "1", func() {
		if got := answerNames(names); len(got) != 1 {
			t.Errorf("max-topic-names 1: %v", got)
		}
	})
}

func TestTuningSet(t *testing.T) {
	var tu Tuning
	if err := tu.Set("min-quotes", "4"); err != nil || tu.MinQuotes != 4 {
		t.Errorf("min-quotes: %v, %d", err, tu.MinQuotes)
	}
	if err := tu.Set("novelty", "0.25"); err != nil || tu.Novelty != 0.25 {
		t.Errorf("novelty: %v, %v", err, tu.Novelty)
	}
	if err := tu.Set("min-quotes", "x"); err == nil {
		t.Error("a non-number accepted")
	}
	if err := tu.Set("nope", "1"); err == nil || !strings.Contains(err.Error(), "min-quotes") {
		t.Errorf("an unknown name: %v", err)
	}
	if names := tu.Names(); len(names) < 20 || slices.Contains(names, "") {
		t.Errorf("every field needs a tune tag: %v", names)
	}
}

// TestPickNovelty: weighed by novelty, a sentence saying what the quotes
// chosen do not yet say is quoted before a likelier one repeating them
// (which, saying nothing new at full weight, is not quoted); at 0 the
// quotes follow the scores.
func TestPickNovelty(t *testing.T) {
	ix := indexFS(t, newsFS)
	q := ix.Parse("Who did the OpenAI board name interim chief executive?")
	terms := func(body string) map[string]bool { return termSet(body) }
	a := "The OpenAI board named Mira Murati chief executive."
	b := "Mira Murati was named chief executive by the OpenAI board."
	c := "Murati will serve in the interim."
	cands := []candidate{{body: a, score: 1, terms: terms(a)}, {body: b, score: 0.9, terms: terms(b)}, {body: c, score: 0.8, terms: terms(c)}}
	res := &retrieval.Results{Question: q}
	order := func(novelty float64) []string {
		var out []string
		for _, c := range pick(ix, q, res, cands, 0, novelty) {
			out = append(out, c.body)
		}
		return out
	}
	if got := order(0); !slices.Equal(got, []string{a, b, c}) {
		t.Errorf("novelty 0: %q", got)
	}
	if got := order(1); !slices.Equal(got, []string{a, c}) { // b says nothing new
		t.Errorf("novelty 1: %q", got)
	}
}
