package answer

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/memory"
	"github.com/newsroom/askbot/text"
)

// newsFS is a small corpus whose articles carry the furniture of news
// pages (promotions, headings, captions) around the sentences that answer.
var newsFS = fstest.MapFS{
	"rugby.txt": {Data: []byte("Springboks win the Rugby World Cup final\n\n" +
		"MORE: Rugby World Cup final: details, kick-off time and every team's route to the final\n\n" +
		"FINAL RESULT AND REACTION\n\n" +
		"Watch the Rugby World Cup final live with Fubo (free trial)\n\n" +
		"South Africa won the Rugby World Cup final against New Zealand by a score of 12-11 in Paris.\n\n" +
		"The Springboks now hold four Rugby World Cup titles.\n")},
	"spotify-a.txt": {Data: []byte("Spotify cuts jobs\n\n" +
		"Spotify is eliminating about 1,500 jobs, the company announced on Monday.\n\n" +
		"The streaming company had cut staff twice before this year.\n")},
	"spotify-b.txt": {Data: []byte("Spotify layoffs, round three\n\n" +
		"Spotify is eliminating about 1,500 jobs, the company announced on Monday.\n\n" +
		"Analysts said the cuts would lift margins next year.\n")},
	"openai.txt": {Data: []byte("OpenAI names interim chief\n\n" +
		"The OpenAI board named Mira Murati interim chief executive on Friday.\n\n" +
		"Mira Murati had been the company's chief technology officer.\n\n" +
		"Investors said Murati was a steady choice for the startup.\n")},
}

func askIndex(t *testing.T, ix *retrieval.Index, q string) *Answer {
	t.Helper()
	e := New(memory.New(ix).Searcher(), retrieval.SearchOptions{K: 5, DenseWeight: -1})
	a, err := e.Ask(t.Context(), Request{Question: q})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestExtractSkipsPageFurniture(t *testing.T) {
	a := askIndex(t, indexFS(t, newsFS), "Who won the Rugby World Cup final, and the score?")
	if a.Kind != Extractive {
		t.Fatalf("kind %s: %s", a.Kind, a.Text())
	}
	body := a.Text()
	for _, junk := range []string{"MORE:", "FINAL RESULT", "live with Fubo"} {
		if strings.Contains(body, junk) {
			t.Errorf("answer quotes page furniture %q: %s", junk, body)
		}
	}
	if !strings.Contains(body, "12-11") {
		t.Errorf("answer lacks the sentence with the score: %s", body)
	}
}

func TestExtractQuotesASentenceOnceCitingEachSource(t *testing.T) {
	a := askIndex(t, indexFS(t, newsFS), "How many jobs is Spotify cutting?")
	var n int
	for _, s := range a.Sentences {
		if strings.Contains(s.Text, "1,500 jobs") {
			n++
			if len(s.Cites) != 2 {
				t.Errorf("the sentence cites %v, want both documents", s.Cites)
			}
		}
	}
	if n != 1 {
		t.Errorf("the 1,500-jobs sentence is quoted %d times, want once: %s", n, a.Text())
	}
	docs := map[string]bool{}
	for _, s := range a.Sources {
		docs[s.DocID] = true
	}
	if !docs["spotify-a.txt"] || !docs["spotify-b.txt"] {
		t.Errorf("sources %v, want both Spotify articles", docs)
	}
}

func TestExtractShortAnswerForWho(t *testing.T) {
	a := askIndex(t, indexFS(t, newsFS), "Who did the OpenAI board name interim chief executive?")
	if a.Short == nil || a.Short.Text != "Mira Murati" {
		t.Fatalf("short answer %+v, want Mira Murati: %s", a.Short, a.Text())
	}
	if !strings.HasPrefix(a.Text(), "Short answer (from [1]): Mira Murati.") {
		t.Errorf("text %q does not open with the short answer", a.Text())
	}
	// The short answer is verbatim in the source it cites.
	for _, n := range a.Short.Cites {
		if !strings.Contains(a.Sources[n-1].Quote, "Mira Murati") {
			t.Errorf("source [%d] %q does not hold the short answer", n, a.Sources[n-1].Quote)
		}
	}
	if b := askIndex(t, indexFS(t, newsFS), "How many jobs is Spotify cutting?"); b.Short != nil {
		t.Errorf("a how-many question got a short name answer %q", b.Short.Text)
	}
}

func TestQuotable(t *testing.T) {
	tests := []struct {
		s    string
		t    text.Kind
		want bool
	}{
		{"MORE: Watch Chiefs vs. Packers live with Fubo (free trial)", text.AskOther, false},
		{"Subscribe to our newsletter for the latest scores.", text.AskOther, false},
		{"Photo: Getty Images", text.AskOther, false},
		{"WEEK 13 PICKS AND PREDICTIONS", text.AskOther, false},
		{"Fighter Weight class Anthony Joshua Otto Wallin Heavyweight", text.AskOther, false},
		{"Final: Broncos 21, Vikings 20", text.AskCount, true},
		{"Final: Broncos 21, Vikings 20", text.AskOther, false},
		{"Carter Page denied the report, calling it garbage.", text.AskOther, true},
		{"Reuters reported on Monday that the talks had stalled.", text.AskOther, true},
		{"Source close to the talks said the deal was off.", text.AskOther, true},
		{"(Reuters) - The talks stalled on Monday.", text.AskOther, true},
		{"(Photo: Jane Doe)", text.AskOther, false},
		{"Source: company filings and interviews.", text.AskOther, false},
		{"England beat Fiji in the quarter-final last week.", text.AskOther, true},
		{"Springboks win the Rugby World Cup final", text.AskOther, false},
		{"I visited the newsroom today. pic.twitter.com/PMBXi7T3vv — Jane Doe (@janedoe) October 31, 2023", text.AskOther, false},
	}
	for _, tt := range tests {
		if got := quotable(tt.s, tt.t); got != tt.want {
			t.Errorf("quotable(%q, %s) = %v, want %v", tt.s, tt.t, got, tt.want)
		}
	}
}

func TestDeclinesNamingWhatThePassagesLack(t *testing.T) {
	fsys := fstest.MapFS{
		"medicine.txt":  {Data: []byte("Nobel Prize in Medicine\n\nThe Nobel committee named Katalin Kariko and Drew Weissman the winners of the Nobel Prize in Medicine for their work on mRNA vaccines.\n")},
		"chemistry.txt": {Data: []byte("Nobel Prize in Chemistry\n\nThe Nobel committee named Moungi Bawendi, Louis Brus and Alexei Ekimov the winners of the Nobel Prize in Chemistry for quantum dots.\n")},
		"fair.txt":      {Data: []byte("Book fair opens\n\nThe fair's Literature tent drew long queues on Saturday.\n")},
		"rates.txt":     {Data: []byte("Rates on hold\n\nThe central bank kept interest rates on hold, citing slowing inflation.\n")},
		"match.txt":     {Data: []byte("Cup final\n\nThe home side won the cup final after extra time in front of a full stadium.\n")},
		"storm.txt":     {Data: []byte("Storm warning\n\nForecasters warned that the storm would bring heavy rain and strong winds to the coast.\n")},
	}
	ix := indexFS(t, fsys)
	e := New(memory.New(ix).Searcher(), retrieval.SearchOptions{K: 2, DenseWeight: -1})
	ask := func(q string) *Answer {
		a, err := e.Ask(t.Context(), Request{Question: q})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	if a := ask("Which winners did the Nobel committee name for the Nobel Prize in Chemistry?"); a.Kind != Extractive {
		t.Fatalf("the chemistry question is not answered: %s", a.Text())
	}
	a := ask("Which winners did the Nobel committee name for the Nobel Prize in Literature?")
	if a.Kind != NotFound {
		t.Fatalf("the literature question is answered from other prizes: %s", a.Text())
	}
	if !strings.Contains(a.Text(), "“Literature”") || !strings.HasPrefix(a.Text(), "The documents don't say") {
		t.Errorf("the refusal does not say what is missing: %q", a.Text())
	}
	// With the rule off the question is answered, and the answer says what
	// its quotes do not mention.
	e.Search.AllowMissingNames = true
	a = ask("Which winners did the Nobel committee name for the Nobel Prize in Literature?")
	if a.Kind == NotFound {
		t.Fatalf("with the rule off the question is still declined (the test no longer tests the rule): %s", a.Text())
	}
	if !strings.Contains(a.Caveat(), "“Literature”") {
		t.Errorf("caveat %q does not name Literature", a.Caveat())
	}
	if a := ask("Which winners did the Nobel committee name for the Nobel Prize in Chemistry?"); a.Caveat() != "" {
		t.Errorf("an answer whose quotes name everything asked has a caveat: %q", a.Caveat())
	}
}

func TestExtractQuotesEachFactAsked(t *testing.T) {
	fsys := fstest.MapFS{
		"layoffs.txt": {Data: []byte("Epic cuts staff\n\n" +
			"The games company cut 870 jobs on Thursday, the company said.\n\n" +
			"The company said the 870 jobs it cut were about 16 percent of its staff.\n\n" +
			"Of the 870 jobs the company cut, many were in marketing.\n")},
		"trial.txt": {Data: []byte("Epic v Google\n\n" +
			"Epic Games fought Google in court.\n\n" +
			"The jury will hear from executives of both sides.\n")},
		"rates.txt": {Data: []byte("Rates on hold\n\nThe central bank kept interest rates on hold, citing slowing inflation.\n")},
		"storm.txt": {Data: []byte("Storm warning\n\nForecasters warned that the storm would bring heavy rain to the coast.\n")},
	}
	a := askIndex(t, indexFS(t, fsys), "Which games company cut 870 jobs of its staff, and fought Google in court?")
	if a.Kind != Extractive {
		t.Fatalf("kind %s: %s", a.Kind, a.Text())
	}
	// The second quote says the other fact, not the first one again.
	if len(a.Sentences) < 2 || !strings.Contains(a.Sentences[0].Text+a.Sentences[1].Text, "fought Google in court") {
		t.Errorf("the first two quotes say the same fact:\n%s", a.Text())
	}
}

func TestShortAnswerNeedsASentenceSayingIt(t *testing.T) {
	preview := fstest.MapFS{
		"semi.txt": {Data: []byte("Semi-final preview\n\n" +
			"England and South Africa face off in the Rugby World Cup semi-final in Paris.\n\n" +
			"England beat Fiji in the Rugby World Cup quarter-final last week.\n\n" +
			"England will name their team for the semi-final on Thursday.\n")},
		"rates.txt": {Data: []byte("Rates on hold\n\nThe central bank kept interest rates on hold, citing slowing inflation.\n")},
		"storm.txt": {Data: []byte("Storm warning\n\nForecasters warned that the storm would bring heavy rain to the coast.\n")},
	}
	a := askIndex(t, indexFS(t, preview), "Who won the Rugby World Cup final?")
	if a.Short != nil {
		t.Errorf("short answer %q from passages that never say who won the final: %s", a.Short.Text, a.Text())
	}
	result := preview
	result["final.txt"] = &fstest.MapFile{Data: []byte("South Africa win the final\n\n" +
		"South Africa won the Rugby World Cup final, beating New Zealand 12-11.\n\n" +
		"South Africa have now won the Rugby World Cup final four times.\n")}
	a = askIndex(t, indexFS(t, result), "Who won the Rugby World Cup final?")
	if a.Short == nil || a.Short.Text != "South Africa" {
		t.Errorf("short answer %+v, want South Africa: %s", a.Short, a.Text())
	}
}

func TestOutletKnownOnlyThroughPassages(t *testing.T) {
	fsys := fstest.MapFS{
		"truck.md": {Data: []byte("---\ntitle: The truck and pedestrians\nsource: The Verge\n---\n" +
			"Tesla said deliveries of the Cybertruck would start next week.\n\n" +
			"Safety experts quoted by Reuters said the Cybertruck's steel body could hurt pedestrians.\n\n" +
			"The Cybertruck costs more than Tesla first promised.\n")},
		"rates.md": {Data: []byte("---\ntitle: Rates\nsource: The Age\n---\nThe central bank kept interest rates on hold, citing slowing inflation.\n")},
	}
	ix := indexFS(t, fsys)
	a := askIndex(t, ix, "What did Reuters report on the Cybertruck?")
	if a.Kind != Extractive || len(a.Sentences) != 1 || !strings.Contains(a.Sentences[0].Text, "quoted by Reuters") {
		t.Errorf("want only the sentence naming Reuters: %s", a.Text())
	}
	if b := askIndex(t, ix, "What did Bloomberg report on the Cybertruck?"); b.Kind != NotFound {
		t.Errorf("an outlet that neither publishes in the corpus nor is named in it got an answer: %s", b.Text())
	}
}

func TestShortAnswerGivesTheFullName(t *testing.T) {
	trial := func(extra string) fstest.MapFS {
		return fstest.MapFS{
			"trial.txt": {Data: []byte("The trial\n\n" +
				"Sam Bankman-Fried founded the exchange in 2019.\n\n" +
				"Prosecutors said Bankman-Fried used customer deposits to repay lenders.\n\n" +
				"The jury heard that Bankman-Fried used customer deposits for political donations.\n\n" + extra)},
			"rates.txt": {Data: []byte("Rates on hold\n\nThe central bank kept interest rates on hold, citing slowing inflation.\n")},
			"storm.txt": {Data: []byte("Storm warning\n\nForecasters warned that the storm would bring heavy rain to the coast.\n")},
		}
	}
	q := "Who used customer deposits to repay lenders, and for political donations?"
	a := askIndex(t, indexFS(t, trial("")), q)
	if a.Short == nil || a.Short.Text != "Sam Bankman-Fried" {
		t.Fatalf("short answer %+v, want the full name: %s", a.Short, a.Text())
	}
	if !strings.Contains(a.Sources[a.Short.Cites[0]-1].Quote, "Sam Bankman-Fried") {
		t.Errorf("the short answer cites %q, which does not hold it", a.Sources[a.Short.Cites[0]-1].Quote)
	}
	// Two people of the surname, named as often: the surname alone.
	a = askIndex(t, indexFS(t, trial("His brother Gabe Bankman-Fried ran a political group.\n")), q)
	if a.Short == nil || a.Short.Text != "Bankman-Fried" {
		t.Errorf("short answer %+v, want the surname alone when two people share it: %s", a.Short, a.Text())
	}
}

func TestEmbargoAndWithdrawal(t *testing.T) {
	embargo := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	fsys := fstest.MapFS{
		"release.md":              {Data: []byte("---\ntitle: Merger release\nembargo: 2026-12-01T09:00:00Z\n---\nAcme Corp will merge with Globex in a deal worth 4 billion dollars.\n")},
		"retracted.txt":           {Data: []byte("Bridge story\n\nThe mayor closed the Elm Street bridge after an inspection found cracks.\n")},
		"retracted.txt.meta.yaml": {Data: []byte("withdrawn: true\nwithdrawn_note: \"Retracted 2026-11-20: the inspection never happened.\"\n")},
		"rates.txt":               {Data: []byte("Rates on hold\n\nThe central bank kept interest rates on hold, citing slowing inflation.\n")},
	}
	ix := indexFS(t, fsys)
	e := New(memory.New(ix).Searcher(), retrieval.SearchOptions{K: 5, DenseWeight: -1})
	ask := func(q string, at time.Time) *Answer {
		t.Helper()
		e.Now = func() time.Time { return at }
		a, err := e.Ask(t.Context(), Request{Question: q})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	citesDoc := func(a *Answer, id string) bool {
		for _, s := range a.Sources {
			if s.DocID == id {
				return true
			}
		}
		return false
	}
	const merger = "How much is the Acme Corp merger with Globex worth?"
	if a := ask(merger, embargo.Add(-time.Second)); citesDoc(a, "release.md") || a.Kind != NotFound {
		t.Errorf("one second before the embargo: %s", a.Text())
	}
	if a := ask(merger, embargo.Add(time.Second)); !citesDoc(a, "release.md") {
		t.Errorf("one second after the embargo, not cited: %s", a.Text())
	}
	for _, at := range []time.Time{embargo.Add(-time.Hour), embargo.Add(time.Hour)} {
		if a := ask("Why did the mayor close the Elm Street bridge?", at); citesDoc(a, "retracted.txt") || a.Kind != NotFound {
			t.Errorf("a withdrawn document is cited: %s", a.Text())
		}
	}
}

// A story names a person in full once, at its start; the passage that
// answers names the surname alone. The short answer gives the full name,
// citing the sentence of the document that holds it.
func TestShortAnswerFindsTheFullNameInTheDocument(t *testing.T) {
	// The best document's other passages are not read as candidates here:
	// the full name must be found outside every passage read.
	defer func(old int) { Tune.PoolDocs = old }(Tune.PoolDocs)
	Tune.PoolDocs = 0
	var filler strings.Builder
	for i := range 12 {
		fmt.Fprintf(&filler, "The exchange's lawyers filed motion number %d about the schedule of the hearings in Manhattan.\n\n", i+1)
	}
	fsys := fstest.MapFS{
		"trial.txt": {Data: []byte("The trial\n\n" +
			"Sam Bankman-Fried founded the exchange in 2019 with two friends.\n\n" + filler.String() +
			"Prosecutors said Bankman-Fried used customer deposits to repay lenders.\n\n" +
			"The jury heard that Bankman-Fried used customer deposits for political donations.\n")},
		"rates.txt": {Data: []byte("Rates on hold\n\nThe central bank kept interest rates on hold, citing slowing inflation.\n")},
		"storm.txt": {Data: []byte("Storm warning\n\nForecasters warned that the storm would bring heavy rain to the coast.\n")},
	}
	ix := indexFS(t, fsys)
	a := askIndex(t, ix, "Who used customer deposits to repay lenders, and for political donations?")
	for _, h := range a.Results.Hits {
		if strings.Contains(h.Chunk.Text, "Sam Bankman-Fried") {
			t.Fatalf("a passage holds the full name; the test needs it outside them: %q", h.Chunk.Text)
		}
	}
	if a.Short == nil || a.Short.Text != "Sam Bankman-Fried" {
		t.Fatalf("short answer %+v, want the full name the document gives: %s", a.Short, a.Text())
	}
	cited := a.Sources[a.Short.Cites[0]-1]
	if !strings.Contains(cited.Quote, "Sam Bankman-Fried") || cited.Paragraph != 1 {
		t.Errorf("the short answer cites %q (paragraph %d), want the document's first paragraph naming him in full", cited.Quote, cited.Paragraph)
	}
}

// A short form the passages use ("Fed") is given as the name it is cut
// from when the documents write that name out ("Federal Reserve").
func TestShortAnswerGivesTheNameAShortFormIsCutFrom(t *testing.T) {
	fsys := fstest.MapFS{
		"rates.txt": {Data: []byte("Rates decision\n\n" +
			"The Federal Reserve met on Wednesday in Washington.\n\n" +
			"The Fed raised interest rates by a quarter point on Wednesday.\n\n" +
			"Investors expect the Fed to raise interest rates again in December.\n\n" +
			"The Federal Reserve chair spoke after the meeting.\n")},
		"storm.txt":  {Data: []byte("Storm warning\n\nForecasters warned that the storm would bring heavy rain to the coast.\n")},
		"bridge.txt": {Data: []byte("Bridge closed\n\nThe mayor closed the Elm Street bridge after an inspection.\n")},
	}
	a := askIndex(t, indexFS(t, fsys), "Which institution raised interest rates by a quarter point, and is expected to raise interest rates again?")
	if a.Short == nil || a.Short.Text != "Federal Reserve" {
		t.Fatalf("short answer %+v, want the name written out: %s", a.Short, a.Text())
	}
	cited := a.Sources[a.Short.Cites[0]-1]
	if !strings.Contains(cited.Quote, "Federal Reserve") {
		t.Errorf("the short answer cites %q, which does not hold it", cited.Quote)
	}
	// Written out once only: the short form stays.
	fsys["rates.txt"] = &fstest.MapFile{Data: []byte(strings.Replace(string(fsys["rates.txt"].Data), "The Federal Reserve chair", "Its chair", 1))}
	a = askIndex(t, indexFS(t, fsys), "Which institution raised interest rates by a quarter point, and is expected to raise interest rates again?")
	if a.Short == nil || a.Short.Text != "Fed" {
		t.Errorf("short answer %+v, want the short form when the name is written out once: %s", a.Short, a.Text())
	}
}

// A surname is the person its own story names in full, though another
// story names someone else of that surname more often.
func TestShortAnswerTakesTheFullNameFromItsOwnStory(t *testing.T) {
	fsys := fstest.MapFS{
		"trial.txt": {Data: []byte("The trial\n\n" +
			"Sam Bankman-Fried founded the exchange in 2019.\n\n" +
			"Prosecutors said Bankman-Fried used customer deposits to repay lenders.\n\n" +
			"The jury heard that Bankman-Fried used customer deposits for political donations.\n")},
		"brother.txt": {Data: []byte("The brother\n\n" +
			"Gabe Bankman-Fried ran a political group in Washington.\n\n" +
			"Gabe Bankman-Fried said the group took donations from many people.\n\n" +
			"Gabe Bankman-Fried declined to comment on the lenders.\n")},
		"rates.txt": {Data: []byte("Rates on hold\n\nThe central bank kept interest rates on hold, citing slowing inflation.\n")},
	}
	a := askIndex(t, indexFS(t, fsys), "Who used customer deposits to repay lenders, and for political donations?")
	if a.Short == nil || a.Short.Text != "Sam Bankman-Fried" {
		t.Errorf("short answer %+v, want the name the answering story gives: %s", a.Short, a.Text())
	}
}

// A question asking for an individual is not answered by a company's
// one-word name, however often the passages give it.
func TestShortAnswerForAnIndividualIsNoCompany(t *testing.T) {
	fsys := fstest.MapFS{
		"fund.txt": {Data: []byte("The fund\n\n" +
			"Alameda took customer money to repay lenders, prosecutors said.\n\n" +
			"Alameda took customer money from the exchange to repay lenders, prosecutors said on Tuesday.\n\n" +
			"Prosecutors said Alameda took the customer money to repay lenders in June.\n")},
		"rates.txt": {Data: []byte("Rates on hold\n\nThe central bank kept interest rates on hold, citing slowing inflation.\n")},
		"storm.txt": {Data: []byte("Storm warning\n\nForecasters warned that the storm would bring heavy rain to the coast.\n")},
	}
	ix := indexFS(t, fsys)
	q := "Who is the individual that took customer money from the exchange to repay lenders, as prosecutors said, and took the money in June?"
	if a := askIndex(t, ix, q); a.Short != nil && a.Short.Text == "Alameda" {
		t.Errorf("short answer %q to a question asking for an individual: %s", a.Short.Text, a.Text())
	}
	// Asked which company, it may be.
	if a := askIndex(t, ix, "Which firm took customer money from the exchange to repay lenders, as prosecutors said, and took the money in June?"); a.Short == nil || a.Short.Text != "Alameda" {
		t.Errorf("short answer %+v, want Alameda when a firm is asked for: %s", a.Short, a.Text())
	}
}
