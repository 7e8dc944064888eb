package retrieval

import (
	"slices"
	"testing"
)

// A specific name no retrieved passage mentions declines a question asking
// one thing; in a question stringing many facts together it declines only
// when it weighs in the question.
func TestMissingSpecificNames(t *testing.T) {
	ix := archiveIndex(t, Chunker{},
		`{"id":"med","title":"Medicine prize","source":"Wire","text":"The Nobel committee named two scientists the winners of the Nobel Prize in Medicine for their work on vaccines that saved lives during the pandemic."}`,
		`{"id":"chem","title":"Chemistry prize","source":"Wire","text":"The Nobel committee named three chemists the winners of the Nobel Prize in Chemistry for quantum dots used in television screens and medical imaging."}`,
		`{"id":"fair","title":"Book fair","source":"Daily","text":"The fair's Literature tent drew long queues on Saturday."}`,
		`{"id":"rates","title":"Rates","source":"Daily","text":"The central bank kept interest rates on hold, citing slowing inflation."}`,
		`{"id":"storm","title":"Storm","source":"Daily","text":"Forecasters warned that the storm would bring heavy rain to the coast."}`,
	)
	opts := SearchOptions{K: 2, DenseWeight: -1}
	search := func(q string) *Results {
		t.Helper()
		r, err := ix.Search(t.Context(), q, opts)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	r := search("Which winners did the Nobel committee name for the Nobel Prize in Literature?")
	if r.Answerable || !slices.Contains(r.MissingNames, "Literature") {
		t.Errorf("one-fact question: answerable %v, missing %v; want declined for Literature", r.Answerable, r.MissingNames)
	}
	long := "Which scientists did the Nobel committee name as winners of the Nobel Prize in Medicine for work on vaccines that saved lives during the pandemic, " +
		"which chemists won the Nobel Prize in Chemistry for quantum dots used in television screens and medical imaging, and who won in Literature?"
	if q := ix.Parse(long); q.Facts() < 2 {
		t.Fatalf("the long question counts %d facts", q.Facts())
	}
	r = search(long)
	if !r.Answerable || len(r.MissingNames) != 0 {
		t.Errorf("many-fact question: answerable %v, missing %v; want answered", r.Answerable, r.MissingNames)
	}
}

// A rare word of the question that no document holds declines it, unless
// a document holds a synonym of it ("remuneration" for "salary") or, for a
// noun written closed from a phrasal verb, the verb ("shakeup" written
// "shake-up").
func TestUnknownWordsSaidOtherwise(t *testing.T) {
	ix := archiveIndex(t, Chunker{},
		`{"id":"pay","title":"Pay","source":"Daily","text":"The chief executive's salary rose to $2 million last year, the annual report shows."}`,
		`{"id":"storm","title":"Storm","source":"Daily","text":"Forecasters warned that the storm would bring heavy rain to the coast."}`,
		`{"id":"board","title":"Board","source":"Daily","text":"The board's shake-up removed two directors in November."}`,
	)
	checkUnknown(t, ix, []unknownCase{
		{"what was the chief executive's remuneration", nil},
		{"what was the chief executive's zorblatt", []string{"zorblatt"}},
		{"who left the board in the shakeup", nil},
		{"who left the board in the zorblattup", []string{"zorblattup"}},
	})
}

// A word typed short ("conf", "cigs") is not unknown when a passage found
// for the question writes it in full ("conference", "cigarettes"); a word
// cut to fewer than minClipping letters, a name the passages do not start
// a word with, and a name typed capitalised still are.
func TestClippedWordsAreKnown(t *testing.T) {
	ix := archiveIndex(t, Chunker{},
		`{"id":"conf","title":"Shipping","source":"Daily","text":"Petersen spoke at a supply chain conference in Los Angeles a week after the ousting."}`,
		`{"id":"cig","title":"Food","source":"Daily","text":"Researchers said ultra-processed foods can be as addictive as cigarettes for some people."}`,
		`{"id":"storm","title":"Storm","source":"Daily","text":"Forecasters warned that the storm would bring heavy rain to the coast."}`,
	)
	checkUnknown(t, ix, []unknownCase{
		{"where was the supply chain conf petersen spoke at", nil},
		{"are ultra processed foods addictive like cigs", nil},
		{"where was the supply chain zorb petersen spoke at", []string{"zorb"}},
		{"where was the supply chain Conf petersen spoke at", []string{"Conf"}},
	})
}

// A possessive typed without its apostrophe ("childrens") is not unknown
// when a document holds its possessor ("Children's"); a word whose letters
// but the last s no document holds still is.
func TestPossessiveWithoutApostrophe(t *testing.T) {
	ix := archiveIndex(t, Chunker{},
		`{"id":"care","title":"Care","source":"Daily","text":"Children's Nebraska started a caring contacts program in Omaha."}`,
		`{"id":"storm","title":"Storm","source":"Daily","text":"Forecasters warned that the storm would bring heavy rain to the coast."}`,
	)
	checkUnknown(t, ix, []unknownCase{
		{"what city is childrens nebraska in", nil},
		{"what city is zorblatts nebraska in", []string{"zorblatts"}},
	})
}

// A name typed in lower case that the word table ranks common ("bogota")
// is unknown when no document holds it; a common word that is no name
// ("capital") never is.
func TestLowerCaseNameIsUnknown(t *testing.T) {
	ix := archiveIndex(t, Chunker{},
		`{"id":"oslo","title":"Oslo","source":"Daily","text":"The mayor of Oslo in Norway opened a new bridge on Monday."}`,
		`{"id":"storm","title":"Storm","source":"Daily","text":"Forecasters warned that the storm would bring heavy rain to the coast."}`,
	)
	checkUnknown(t, ix, []unknownCase{
		{"whos the mayor of bogota", []string{"bogota"}},
		{"whos the mayor in norway", nil},
		{"whos the mayor of the capital", nil},
		// No dictionary lists it: a name, however often the web writes it.
		{"who won eurovision in oslo", []string{"eurovision"}},
		// A clipping no dictionary lists has too few vowels for a name.
		{"whos the govt mayor in oslo", nil},
	})
}

// unknownCase is a question and the words a search of it reports unknown.
type unknownCase struct {
	q       string
	unknown []string
}

// checkUnknown searches ix for each case's question and compares the
// unknown words.
func checkUnknown(t *testing.T, ix *Index, tests []unknownCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			r, err := ix.Search(t.Context(), tt.q, SearchOptions{K: 2, DenseWeight: -1})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(r.UnknownNames, tt.unknown) {
				t.Errorf("unknown %q, want %q", r.UnknownNames, tt.unknown)
			}
		})
	}
}

// A word is read as cut short only from minClipping letters on, and only
// when a passage's word is longer than it.
func TestUnclippedBoundary(t *testing.T) {
	hits := []Hit{{Chunk: &Chunk{Text: "The conference banned cigarettes and cod."}}}
	got := unclipped([]string{"co", "con", "cigs", "cod", "codx"}, hits)
	if want := []string{"co", "cod", "codx"}; !slices.Equal(got, want) {
		t.Errorf("unclipped %q, want %q", got, want)
	}
	hits = []Hit{{Chunk: &Chunk{Text: "A University of Michigan study of ultra-processed food."}}}
	got = unclipped([]string{"umich", "ultraprocessed", "tuvalu", "Umich"}, hits)
	if want := []string{"tuvalu", "Umich"}; !slices.Equal(got, want) {
		t.Errorf("unclipped %q, want %q (blends dropped, a capitalised word kept)", got, want)
	}
	// Cut short with a pet ending, cut at a name's front, initials.
	hits = []Hit{{Chunk: &Chunk{Text: "Victor Wembanyama, named player of the match, left Alabama for the institutions and the Springboks were hooked."}}}
	got = unclipped([]string{"wemby", "instos", "hooky", "wemy", "bama", "boks", "ama", "ictor", "potm", "pofm", "potmx", "tmi"}, hits)
	if want := []string{"wemy", "ama", "ictor", "pofm", "potmx", "tmi"}; !slices.Equal(got, want) {
		t.Errorf("unclipped %q, want %q", got, want)
	}
}

// A word typed run together is read as the words it blends: a name's
// words cut short, another word whole, stop words left out; never as the
// initials of any words that follow each other.
func TestBlended(t *testing.T) {
	run := casedWords("A study led by the University of Michigan found ultra-processed food as addictive as tobacco, said Ashley Gearhardt on Sunday at New York City Council.")
	for w, want := range map[string]bool{
		"umich":              true, // University (of) Michigan
		"ultraprocessed":     true, // ultra-processed, both whole
		"ashgearhardt":       true, // Ashley Gearhardt
		"unimich":            true,
		"ultraproc":          false, // a common word is never cut
		"usf":                false, // University, study?, found: initials
		"sfsa":               false,
		"michigan":           false, // one word is not a blend
		"umichx":             false,
		"tuvalu":             false,
		"newyorkcity":        true,
		"newyorkcitycouncil": false, // at most three pieces
		"addictobacco":       false, // "addictive" cut: a common word
		"gearhardtsun":       true,  // Gearhardt (on) Sunday
		"gearhardtonsun":     true,  // a stop word may also be typed
		"afound":             false, // "A" (a stop word) then "found" is not "a study…found"
	} {
		if got := blended(w, run); got != want {
			t.Errorf("blended(%q) = %v, want %v", w, got, want)
		}
	}
}
