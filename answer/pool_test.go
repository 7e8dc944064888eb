package answer

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/memory"
)

// fightFS is a fight preview whose every passage names both boxers, the
// venue only in its last, and shorter pieces that name them too.
func fightFS() fstest.MapFS {
	var preview strings.Builder
	preview.WriteString("Benavidez and Andrade meet at last\n\n")
	for i := range 6 {
		fmt.Fprintf(&preview, "Benavidez and Andrade traded words again in round %d of the build-up, and Benavidez said Andrade had avoided him for years while Andrade called Benavidez a bully who talks more than he fights; the promoters expect a sell-out and the odds favour Benavidez narrowly over Andrade after a long camp in which both men said they were in the shape of their lives.\n\n", i+1)
		fmt.Fprintf(&preview, "Trainers for Benavidez and Andrade spent the week on pads and film, and the Andrade camp said Benavidez would tire late while the Benavidez camp said Andrade had never met a puncher like him, which is the question this fight answers for both men.\n\n")
	}
	preview.WriteString("Benavidez faces Andrade at the Michelob Ultra Arena at Mandalay Bay in Las Vegas on Saturday night.\n")
	fsys := fstest.MapFS{"preview.txt": {Data: []byte(preview.String())}}
	for i := range 4 {
		fsys[fmt.Sprintf("brief%d.txt", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("Boxing brief %d\n\nBenavidez and Andrade were both mentioned in the weekly rankings update number %d.\n", i, i))}
	}
	return fsys
}

// TestPoolFindsTheSentenceDeepInAnArticle: the venue is in the preview's
// last passage, behind the cap of passages per document and the briefs;
// the short question's pool reaches it, and the answer shows it first
// among k passages.
func TestPoolFindsTheSentenceDeepInAnArticle(t *testing.T) {
	ix := indexFS(t, fightFS())
	const q = "where's benavidez andrade"
	ask := func() *Answer {
		e := New(memory.New(ix).Searcher(), retrieval.SearchOptions{K: 3, DenseWeight: -1})
		a, err := e.Ask(t.Context(), Request{Question: q})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	a := ask()
	if !strings.Contains(a.Text(), "Michelob Ultra Arena") {
		t.Fatalf("the venue is not quoted: %s", a.Text())
	}
	if n := len(a.Results.Hits); n != 3 {
		t.Errorf("%d passages shown, want the k, 3", n)
	}
	if first := a.Results.Hits[0].Chunk.Text; !strings.Contains(first, "Michelob Ultra Arena") {
		t.Errorf("the first passage shown is not the one quoted first: %.80q", first)
	}
	withTune(t, "pool", "0", func() {
		if a := ask(); strings.Contains(a.Text(), "Michelob Ultra Arena") {
			t.Errorf("without a pool the venue was found anyway, so this test shows nothing: %s", a.Text())
		}
	})
}

// trialFS is a trial's coverage: one piece calls the defendant by his
// initials and his name, the one that counts the charges by his name
// alone, and others count other charges.
func trialFS() fstest.MapFS {
	fsys := fstest.MapFS{
		"profile.txt": {Data: []byte("SBF on the stand\n\nSam Bankman-Fried, known as SBF, took the stand in Manhattan on Friday and spoke for hours.\n")},
		"charges.txt": {Data: []byte("The case against Sam Bankman-Fried\n\nBankman-Fried is facing seven charges, including wire fraud and conspiracy.\n")},
	}
	for i := range 20 {
		fsys[fmt.Sprintf("court%d.txt", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("Court roundup %d\n\nA man in case %d is facing charges of burglary; how many charges he faces, and how many charges his brother is facing, depends on the prosecutor.\n", i, i))}
	}
	return fsys
}

// TestShortFormSpelledOut: "sbf" is written out in the passages found
// for it, and the passages of the name written out hold the count.
func TestShortFormSpelledOut(t *testing.T) {
	ix := indexFS(t, trialFS())
	e := New(memory.New(ix).Searcher(), retrieval.SearchOptions{K: 3, DenseWeight: -1})
	a, err := e.Ask(t.Context(), Request{Question: "how many charges is sbf facing"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text(), "seven charges") {
		t.Errorf("the count, under the name written out, is not quoted: %s", a.Text())
	}
	// Without the name written out, the count is not among the passages.
	res, _, err := e.Retrieve(t.Context(), Request{}, "how many charges is sbf facing", retrieval.SearchOptions{K: Tune.Pool, DenseWeight: -1})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		if strings.Contains(h.Chunk.Text, "seven charges") {
			t.Fatalf("the count is found without the name written out, so this test shows nothing")
		}
	}
}

// A caveat names what the reporter typed: a short form spelled out for
// the search is the short form, left out when a quote writes it.
func TestCaveatAsTyped(t *testing.T) {
	f := found{forms: map[string]string{"mvp": "Most Valuable Player", "sbf": "Sam Bankman-Fried"}}
	quotes := []Sentence{{Text: "He was named MVP of the final."}}
	got := f.asTyped([]string{"Valuable", "Sam Bankman-Fried", "Binance"}, quotes)
	if want := []string{"sbf", "Binance"}; !slices.Equal(got, want) {
		t.Errorf("asTyped = %q, want %q", got, want)
	}
}

// A short question's fact told in the best document's passage that shares
// none of the question's words, of a subject its headline names, is a
// candidate for the forest to order: the document's other passages join
// the pool (Tune.PoolDocs) and the sentence is weighed by its window
// (Tune.WindowCandidates).
func TestPoolReadsTheBestDocumentsOtherPassages(t *testing.T) {
	var review strings.Builder
	review.WriteString("Swee Ching Tan on the MIT gel\n\n")
	for i := range 200 {
		fmt.Fprintf(&review, "Swee Ching Tan tried the gel in trial %d and said the water it gave was clean and plentiful.\n\n", i+1)
	}
	const fact = "The reviewer is a materials scientist at the National University of Singapore."
	review.WriteString("The reviewer was not part of the MIT team. " + fact + "\n")
	ix := indexFS(t, fstest.MapFS{
		"review.txt": {Data: []byte(review.String())},
		"rates.txt":  {Data: []byte("Rates on hold\n\nThe central bank kept interest rates on hold, citing slowing inflation.\n")},
	})
	read := func() bool {
		e := New(memory.New(ix).Searcher(), retrieval.SearchOptions{K: 5, DenseWeight: -1})
		ex, err := e.Example(t.Context(), Request{Question: "where is swee ching tan based"})
		if err != nil {
			t.Fatal(err)
		}
		return slices.ContainsFunc(ex.Sentences, func(s ExampleSentence) bool { return s.Text == fact })
	}
	if !read() {
		t.Errorf("the sentence naming the National University of Singapore is no candidate")
	}
	withTune(t, "window-candidates", "0", func() {
		if read() {
			t.Errorf("without window candidates, the sentence sharing none of the question's words is a candidate")
		}
	})
	withTune(t, "pool-docs", "0", func() {
		if read() {
			t.Errorf("with no document read whole, a passage the search did not find is read")
		}
	})
}

// A long document adds at most Tune.Pool passages, those nearest the
// passage the search found.
func TestWholeDocumentsNearestFirst(t *testing.T) {
	var live strings.Builder
	live.WriteString("Election night live\n\n")
	for i := range 300 {
		fmt.Fprintf(&live, "Update %d: county officials reported turnout figures and the campaign staff reacted at the hotel ballroom downtown.\n\n", i+1)
	}
	ix := indexFS(t, fstest.MapFS{"live.txt": {Data: []byte(live.String())}})
	s := memory.New(ix).Searcher()
	_, res, err := s.Search(t.Context(), "Update 150", retrieval.Filter{}, retrieval.SearchOptions{K: 1, DenseWeight: -1})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("search: %v, %d hits", err, len(res.Hits))
	}
	found := res.Hits[0].Chunk.Ordinal
	if n := len(s.Passages(res.Hits[0].Doc)); n < 20 {
		t.Fatalf("the document splits into %d passages; the test needs many", n)
	}
	withTune(t, "pool", "4", func() {
		hits := wholeDocuments(s, res.Hits, map[at]bool{{res.Hits[0].Doc.ID, found}: true})
		var got []int
		for _, h := range hits[1:] {
			got = append(got, h.Chunk.Ordinal-found)
			if h.Score != 0 {
				t.Errorf("an added passage scores %v, want 0: the search did not find it", h.Score)
			}
		}
		slices.Sort(got)
		if want := []int{-2, -1, 1, 2}; !slices.Equal(got, want) {
			t.Errorf("added passages at %v from the one found, want %v", got, want)
		}
	})
}

// A sentence that is a candidate by its window alone may be the first
// quote, never one more beside another: the seed question's answer quotes
// no sentence sharing none of its words.
func TestWindowCandidateIsNoExtraQuote(t *testing.T) {
	a, err := seedEngine(t).Ask(t.Context(), Request{Question: "who is carter page"})
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range a.Sentences {
		if i > 0 && !strings.Contains(strings.ToLower(s.Text), "page") && !strings.Contains(strings.ToLower(s.Text), "carter") {
			t.Errorf("quote %d shares none of the question's words: %q", i+1, s.Text)
		}
	}
}
