package retrieval

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/internal/testutil/testcorpus"
	"github.com/newsroom/askbot/text"
)

func outletDocs(t testing.TB) []*corpus.Document {
	t.Helper()
	archive := strings.Join([]string{
		`{"id":"v1","title":"Phone review","source":"The Verge","published":"2023-10-07T10:00:00+00:00","text":"The phone battery lasts two days. The camera is sharp in daylight."}`,
		`{"id":"v2","title":"Phone launch","source":"The Verge","published":"2023-10-02T10:00:00+00:00","text":"The phone battery was announced at the launch. Prices start at 799 dollars."}`,
		`{"id":"t1","title":"Startup funding","source":"TechCrunch","published":"2023-10-07T10:00:00+00:00","text":"A battery startup raised money from investors. The phone maker was not involved."}`,
		`{"id":"a1","title":"Weekend sport","source":"The Age","published":"2023-10-08T10:00:00+00:00","text":"The phone battery phone battery phone battery story of the season."}`,
	}, "\n")
	res, err := corpus.LoadFS(context.Background(), testcorpus.FS("a.jsonl", archive), corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res.Documents
}

// outletIndex indexes outletDocs.
func outletIndex(t *testing.T) *Index {
	t.Helper()
	g, _ := NewGloVeEmbedder()
	ix, err := build(t.Context(), outletDocs(t), g, Chunker{})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestNamedSourcesAndDates(t *testing.T) {
	ix := outletIndex(t)
	for q, want := range map[string]string{
		"Did The Verge and TechCrunch agree?":        "The Verge|TechCrunch",
		"Did TechCrunch report, unlike the Verge?":   "TechCrunch|The Verge",
		"What is the age of the phone?":              "",
		"According to The Age, what happened?":       "The Age",
		"Was it TechCrunchy or Verges? Neither one.": "",
	} {
		if got := strings.Join(ix.namedSources(q), "|"); got != want {
			t.Errorf("namedSources(%q) = %q, want %q", q, got, want)
		}
	}
	for q, want := range map[string][]time.Time{
		"between the report published on October 7, 2023, and the one of Nov. 2, 2023": {day(2023, 10, 7), day(2023, 11, 2)},
		"the article published on 2023-10-02 and the one on 2023-11-01":                {day(2023, 10, 2), day(2023, 11, 1)},
		"reported on 7 October 2023, then on Sept. 30, 2023":                           {day(2023, 10, 7), day(2023, 9, 30)},
		"in 2023, on October 45, 2023 or 2023-13-01":                                   nil,
	} {
		if got := text.ParseDates(q); !slices.EqualFunc(got, want, time.Time.Equal) {
			t.Errorf("text.ParseDates(%q) = %v, want %v", q, got, want)
		}
	}
}

func TestSearchCoversEveryNamedOutlet(t *testing.T) {
	ix := outletIndex(t)
	q := "Does The Verge say the phone battery lasts, while TechCrunch reports a battery startup raised money?"
	with, _ := ix.Search(t.Context(), q, SearchOptions{K: 2, DenseWeight: -1})
	without, _ := ix.Search(t.Context(), q, SearchOptions{K: 2, DenseWeight: -1, SourcePicks: -1})
	outlets := func(r *Results) string {
		var s []string
		for _, h := range r.Hits {
			s = append(s, h.Doc.Source)
		}
		return strings.Join(s, "|")
	}
	if got := outlets(with); !strings.Contains(got, "The Verge") || !strings.Contains(got, "TechCrunch") {
		t.Errorf("with source picks the top 2 come from %q, want both outlets (without: %q)", got, outlets(without))
	}
	// The date in the question lifts the report published that day.
	dated, _ := ix.Search(t.Context(), "What did The Verge report about the phone battery on October 7, 2023?", SearchOptions{K: 1, DenseWeight: -1})
	if dated.Hits[0].Doc.ID != "v1" {
		t.Errorf("dated question ranks %s first, want v1", dated.Hits[0].Doc.ID)
	}
}

func TestClauses(t *testing.T) {
	q := "Which company, known for its sale day as reported by Wired and its e-reader dominance according to The Verge, was sued?"
	got := clauses(q, []mention{{"Wired", strings.Index(q, "Wired"), strings.Index(q, "Wired") + 5}, {"The Verge", strings.Index(q, "The Verge"), strings.Index(q, "The Verge") + 9}})
	// The words between two mentions may describe either article: both get them.
	if !strings.Contains(got[0], "known for its sale day as reported by") || strings.Contains(got[0], "was sued") {
		t.Errorf("Wired's clause = %q", got[0])
	}
	if !strings.Contains(got[1], "e-reader dominance according to") || !strings.Contains(got[1], "was sued") || strings.Contains(got[1], "sale day") {
		t.Errorf("The Verge's clause = %q", got[1])
	}
}

func TestUnknownOutletsAreNotAnswered(t *testing.T) {
	ix := outletIndex(t)
	tests := []struct {
		q       string
		unknown string // the outlet found unknown, if any
	}{
		{"What did an article from The Verge say about the phone battery?", ""},
		{"What did a report by TechCrunch say about the battery startup?", ""},
		{"What did an article from The Financial Times say about the phone battery?", "The Financial Times"},
		{"As reported by Bloomberg, how long does the phone battery last?", "Bloomberg"},
		{"What did the article from November 9, 2023 say about the phone battery?", ""}, // a date, not an outlet
		{"According to the startup, how much money was raised from investors?", ""},
	}
	for _, tt := range tests {
		res, err := ix.Search(t.Context(), tt.q, SearchOptions{K: 3, DenseWeight: -1})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(res.UnknownOutlets, "|"); got != tt.unknown {
			t.Errorf("%q: unknown outlets %q, want %q", tt.q, got, tt.unknown)
		}
		if tt.unknown != "" && res.Answerable {
			t.Errorf("%q is answered though the corpus has nothing from %s", tt.q, tt.unknown)
		}
		if tt.unknown == "" && !strings.Contains(tt.q, "November") && !res.Answerable {
			t.Errorf("%q: not answered (coverage %.2f, names %v)", tt.q, res.Coverage, res.UnknownNames)
		}
	}
}

func TestMentions(t *testing.T) {
	ix := outletIndex(t)
	q := "Between the TechCrunch report on a startup and the Verge review, did TechCrunch change its view?"
	var got []string
	for _, m := range ix.mentions(q) {
		got = append(got, m.source+"@"+q[m.start:m.end])
	}
	if want := "TechCrunch@TechCrunch|The Verge@Verge|TechCrunch@TechCrunch"; strings.Join(got, "|") != want {
		t.Errorf("mentions = %q, want %q", strings.Join(got, "|"), want)
	}
	if got := strings.Join(ix.namedSources(q), "|"); got != "TechCrunch|The Verge" {
		t.Errorf("namedSources = %q", got)
	}
}

// An outlet named twice stands for two of its articles: each mention gets
// the article the words around it describe, even when one article matches
// the whole question better in every passage.
func TestOutletNamedTwiceGetsTwoArticles(t *testing.T) {
	long := strings.Repeat("The battery startup raised funding from investors in a new round. ", 12)
	ix := archiveIndex(t, Chunker{TargetChars: 200, OverlapChars: 0},
		`{"id":"t1","title":"Funding","source":"TechCrunch","published":"2023-10-07T10:00:00+00:00","text":"`+long+`"}`,
		`{"id":"t2","title":"Layoffs","source":"TechCrunch","published":"2023-11-20T10:00:00+00:00","text":"The battery startup announced layoffs of half its staff."}`,
		`{"id":"v1","title":"Other","source":"The Verge","published":"2023-10-07T10:00:00+00:00","text":"A phone review."}`,
	)
	q := "Did the TechCrunch report on the battery startup raising funding from investors agree with the TechCrunch report on its layoffs?"
	if got := hitDocs(t, ix, q, SearchOptions{K: 2, DenseWeight: -1}); !strings.Contains(got, "t1") || !strings.Contains(got, "t2") {
		t.Errorf("two mentions of TechCrunch retrieve %s, want both t1 and t2", got)
	}
	// A date next to a mention picks the article published that day.
	q = "What did TechCrunch publish on November 20, 2023 about the battery startup and its funding?"
	if got := hitDocs(t, ix, q, SearchOptions{K: 1, DenseWeight: -1}); got != "t2" {
		t.Errorf("dated mention retrieves %s, want t2", got)
	}
	if got := hitDocs(t, ix, q, SearchOptions{K: 1, DenseWeight: -1, MentionDateWeight: -1, DateBoost: -1}); got != "t1" {
		t.Errorf("without dates the question retrieves %s; the test needs t1 to match its words best", got)
	}
}

// An outlet named in passing gets its best passage, but its weak passages do
// not crowd out a better one from another outlet.
func TestOutletNamedInPassingDoesNotCrowdOut(t *testing.T) {
	lines := []string{`{"id":"t1","title":"Funding","source":"TechCrunch","published":"2023-10-07T10:00:00+00:00","text":"The battery startup raised forty million dollars from investors, its founder said."}`}
	for i := range 4 {
		lines = append(lines, `{"id":"v`+string(rune('1'+i))+`","title":"Review","source":"The Verge","published":"2023-10-07T10:00:00+00:00","text":"The phone has a good battery and a bright screen, number `+string(rune('1'+i))+`."}`)
	}
	ix := archiveIndex(t, Chunker{}, lines...)
	q := "Who told The Verge that the battery startup raised forty million dollars from investors?"
	if got := hitDocs(t, ix, q, SearchOptions{K: 3, DenseWeight: -1}); !strings.Contains(got, "t1") || !strings.Contains(got, "v") {
		t.Errorf("retrieved %s, want t1 and The Verge's best", got)
	}
	if got := hitDocs(t, ix, q, SearchOptions{K: 3, DenseWeight: -1, PickFloor: -1}); strings.Contains(got, "t1") {
		t.Errorf("without the floor the test needs The Verge to fill the passages; got %s", got)
	}
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// archiveIndex indexes JSONL lines of documents with the given chunker.
func archiveIndex(t *testing.T, chunker Chunker, lines ...string) *Index {
	t.Helper()
	res, err := corpus.LoadFS(t.Context(), testcorpus.FS("a.jsonl", strings.Join(lines, "\n")), corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	g, _ := NewGloVeEmbedder()
	ix, err := build(t.Context(), res.Documents, g, chunker)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// hitDocs returns the documents of the passages retrieved for q, in order.
func hitDocs(t *testing.T, ix *Index, q string, opts SearchOptions) string {
	t.Helper()
	r, err := ix.Search(t.Context(), q, opts)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range r.Hits {
		ids = append(ids, h.Doc.ID)
	}
	return strings.Join(ids, ",")
}

// Among an outlet's passages that match the question alike, the one with a
// sentence saying most of it together comes first.
func TestSentenceFeatureLiftsThePassageThatSaysItInOneSentence(t *testing.T) {
	spread := "The robot sold well. Robot sales grew. A vacuum is cheap. Vacuum prices fell. The maker spoke. Boston was cold. Layoffs happen."
	together := "The robot vacuum maker announced layoffs in Boston. Other news followed. The weather was mild. Stocks were flat."
	ix := archiveIndex(t, Chunker{TargetChars: 140, OverlapChars: 0},
		`{"id":"t1","title":"News","source":"TechCrunch","published":"2023-10-07T10:00:00+00:00","text":"`+spread+`\n\n`+together+`"}`)
	q := "What did TechCrunch report about the robot vacuum maker's layoffs in Boston?"
	first := func(opts SearchOptions) string {
		r, err := ix.Search(t.Context(), q, opts)
		if err != nil {
			t.Fatal(err)
		}
		return r.Hits[0].Chunk.Text
	}
	if got := first(SearchOptions{K: 2, DenseWeight: -1}); !strings.HasPrefix(got, "The robot vacuum maker") {
		t.Errorf("first passage %q, want the one saying it in one sentence", got)
	}
	if got := first(SearchOptions{K: 2, DenseWeight: -1, SentenceWeight: -1}); !strings.HasPrefix(got, "The robot sold well") {
		t.Errorf("without the sentence feature the test needs BM25 to prefer the spread-out passage; got %q", got)
	}
}

// A question stringing two facts together gets a passage for each, even
// when one article matches the whole question better in every passage.
func TestEachPartOfTheQuestionGetsAPassage(t *testing.T) {
	long := strings.Repeat("The startup raised forty million dollars from investors, and its founder thanked the investors for the forty million. ", 6)
	lines := []string{
		`{"id":"t1","title":"Funding","source":"TechCrunch","published":"2023-10-07T10:00:00+00:00","text":"` + long + `"}`,
		`{"id":"t2","title":"Charges","source":"TechCrunch","published":"2023-11-20T10:00:00+00:00","text":"The court heard witnesses for weeks in the autumn session. Prosecutors charged the founder with fraud on Monday. The hearing resumes in the spring after a long pause for the holidays."}`,
	}
	// Elsewhere, charges are common news: the second fact's words are not rarer than the first's.
	for i := range 6 {
		lines = append(lines, `{"id":"v`+string(rune('1'+i))+`","title":"Court","source":"The Verge","published":"2023-10-07T10:00:00+00:00","text":"Prosecutors charged a trader with fraud."}`)
	}
	ix := archiveIndex(t, Chunker{TargetChars: 200, OverlapChars: 0}, lines...)
	q := "Which startup, as reported by TechCrunch, raised forty million dollars from investors, and saw its founder charged with fraud by prosecutors?"
	if got := hitDocs(t, ix, q, SearchOptions{K: 2, DenseWeight: -1}); !strings.Contains(got, "t2") {
		t.Errorf("retrieved %s, want t2 (the part about the charges) too", got)
	}
	if got := hitDocs(t, ix, q, SearchOptions{K: 2, DenseWeight: -1, PartWeight: -1}); got != "t1,t1" {
		t.Errorf("without part passages the test needs t1 to fill both; got %s", got)
	}
}

func TestQuestionParts(t *testing.T) {
	got := questionParts("Who, as reported by X, raised money and was charged, while Y denied it?")
	want := []string{"Who", " as reported by X", " raised money", "was charged", "", "Y denied it"}
	if !slices.Equal(got, want) {
		t.Errorf("questionParts = %q, want %q", got, want)
	}
}
