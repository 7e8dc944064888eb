package desk

import (
	"slices"
	"testing"
	"time"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/text"
)

// housingWords are the words of "US housing market slump" weighed as the
// corpus weighs them (IDF): "slump" rarest, "market" commoner than
// "housing", "us" commonest.
func housingWords(t *testing.T) (words, string) {
	t.Helper()
	const topic = "US housing market slump"
	w, _ := topicWords(nil, topic)
	for word, v := range map[string]float64{"US": 2.3, "housing": 3.5, "market": 2.5, "slump": 6.1} {
		term := text.Terms(word)[0]
		if _, ok := w.w[term]; !ok {
			t.Fatalf("%q (%q) is no word of the topic: %v", word, term, w.w)
		}
		w.w[term] = v
		if _, ok := w.subject[term]; ok {
			w.subject[term] = v
		}
	}
	return w, topic
}

func storyHit(id, title, chunk, rest string) retrieval.Hit {
	return retrieval.Hit{Doc: &corpus.Document{ID: id, Title: title, Text: chunk + "\n\n" + rest}, Chunk: &retrieval.Chunk{Text: chunk}}
}

func docIDs(docs []*corpus.Document) []string {
	var out []string
	for _, d := range docs {
		out = append(out, d.ID)
	}
	return out
}

// TestDottedInitials: a topic's word of two or three capitals ("US") is
// met by its form with periods ("U.S."), as itself; a word of four
// capitals, or one in lower case, is not read so.
func TestDottedInitials(t *testing.T) {
	w, _ := topicWords(nil, "US housing market slump")
	if got := w.coverage("The U.S. housing market slump deepened."); got != 1 {
		t.Errorf("coverage of %q: %v, want 1", "U.S.", got)
	}
	if got := w.coverage("The housing market slump deepened."); got >= 1 {
		t.Errorf("coverage without the country: %v, want less than 1", got)
	}
	for _, topic := range []string{"NASA budget cuts", "what the us open did"} {
		if w, _ := topicWords(nil, topic); len(w.syn) != 0 {
			t.Errorf("%q: synonyms %v, want none", topic, w.syn)
		}
	}
}

// TestStoryDocumentsAskersWord: the best passage of the "US housing
// market slump" holds every word of the topic but "slump": the documents
// ranked before the first writing "slump" are not asked it, and the
// subject's "market" counts only beside "housing" (a stock market's
// slump is another story). Documents after the first writing it are
// held to every word; with the best passage writing the word, or lacking
// another, nothing changes.
func TestStoryDocumentsAskersWord(t *testing.T) {
	w, topic := housingWords(t)
	tu := DefaultTuning
	crash := storyHit("crash", "Buckle up for more turbulence in the housing market", "Pessimists warned of a pending crash in the U.S. residential market. Prices fell in the housing market.", "Home sales plummeted.")
	freeze := storyHit("freeze", "The housing winter arrives early as home sales crash", "The U.S. housing market has entered a deep freeze.", "Sales dropped 15% in September.")
	stocks := storyHit("stocks", "ASX set to drop as Wall Street's September slump deepens", "US shares fell again as the market slump deepened.", "Miners led the fall.")
	rents := storyHit("rents", "Office rents stay firm", "Rents in the U.S. housing market held firm.", "Landlords were upbeat.")

	for _, tc := range []struct {
		name string
		hits []retrieval.Hit
		want []string
	}{
		{"best without the asker's word", []retrieval.Hit{crash, freeze, stocks, rents}, []string{"crash", "freeze"}},
		// the best writes "slump": every document is asked it, and the
		// subject's words are not held together
		{"best with it", []retrieval.Hit{stocks, crash, freeze}, []string{"stocks"}},
	} {
		if got := docIDs(storyDocuments(tc.hits, w, topic, &tu)); !slices.Equal(got, tc.want) {
			t.Errorf("%s: documents %v, want %v", tc.name, got, tc.want)
		}
	}
	// the best passage lacking another of the topic's words ("housing")
	best := "ASX: US shares fell as the market fell."
	if got, asker := documentWords(w, topic, best); asker != "" || len(got.w) != len(w.w) {
		t.Errorf("best lacking another word: asker %q, words %v", asker, got.w)
	}
	if got, asker := documentWords(w, topic, "The U.S. housing market has entered a deep freeze."); asker != text.Term("slump") || len(got.w) != len(w.w)-1 {
		t.Errorf("best lacking the last word: asker %q, words %v", asker, got.w)
	}
	// a topic ending in a name has no asker's word
	if got := lastWord("Taylor Swift and Travis Kelce"); got != "" {
		t.Errorf("lastWord of a name: %q", got)
	}
	if got := lastWord("the 2023 World Series"); got != "" {
		t.Errorf("lastWord of a name: %q", got)
	}
	if got := lastWord("US housing market slump"); got != "slump" {
		t.Errorf("lastWord %q, want slump", got)
	}
}

// TestSubjectHeads: of two adjacent words of the topic's subject, the
// second counts beside the first only when commoner than it.
func TestSubjectHeads(t *testing.T) {
	w, topic := housingWords(t)
	heads := subjectHeads(w, topic)
	if heads["market"] != text.Term("housing") || len(heads) != 1 {
		t.Errorf("subjectHeads %v, want market held to housing", heads)
	}
	held := heldToPairs(w, topic)
	if a, b := held.coverage("The stock market slump in the US."), w.coverage("The stock market slump in the US."); a >= b {
		t.Errorf("a stock market's slump: coverage %v held, %v not: want less", a, b)
	}
	if a, b := held.coverage("The US housing market slump."), w.coverage("The US housing market slump."); a != b {
		t.Errorf("the housing market: coverage %v held, %v not: want the same", a, b)
	}
	// "market" rarer than "housing": not held
	w.w[text.Term("market")], w.subject[text.Term("market")] = 4, 4
	if heads := subjectHeads(w, topic); len(heads) != 0 {
		t.Errorf("subjectHeads with the second word rarer: %v", heads)
	}
}

// TestPresentAge: "today" set against an earlier age (a decade, "back
// then", "than they were", a year past before it) is no day; "today"
// alone, or with a year after it or of the article's, is the article's.
func TestPresentAge(t *testing.T) {
	pub := time.Date(2023, 10, 6, 20, 0, 0, 0, time.UTC)
	for s, want := range map[string]string{
		"According to Bank of America, today’s housing market looks a lot more like the early 1980s than it does 2008.": "",
		"The housing market today isn’t identical to that of the ‘80s, but it’s pretty close.":                          "",
		"There are no signs of excess housing development today like there were back then.":                             "",
		"Some economic factors are stronger today than they were during the GFC.":                                       "",
		"The mortgage rate has soared from 3.8% in March 2022 to over 7.5% today.":                                      "",
		"There are far fewer risky adjustable-rate mortgages today.":                                                    "2023-10-06",
		"The Commission confirmed today that the rules will apply in 2026.":                                             "2023-10-06",
		"The bank cut its 2023 forecast today.":                                                                         "2023-10-06",
		"The bank today cut the forecast it made in 2022.":                                                              "2023-10-06",
	} {
		got := ""
		if d, ok := sentenceDate(s, pub); ok {
			got = d.Format("2006-01-02")
		}
		if got != want {
			t.Errorf("sentenceDate(%q) = %q, want %q", s, got, want)
		}
	}
}

// checkPeriodDates fails for each sentence whose time periodDate reads
// in an article of 6 October 2023 is not labelled the one wanted ("" for
// none).
func checkPeriodDates(t *testing.T, cases map[string]string) {
	t.Helper()
	pub := time.Date(2023, 10, 6, 20, 0, 0, 0, time.UTC)
	for s, want := range cases {
		_, label, ok := periodDate(s, pub)
		if !ok {
			label = ""
		}
		if label != want {
			t.Errorf("periodDate(%q) = %q, want %q", s, label, want)
		}
	}
}

// TestPeriodDateTookUntil: a time after "took until" or "wasn't until"
// is when the event came at last; after "until" alone it ends a state.
func TestPeriodDateTookUntil(t *testing.T) {
	checkPeriodDates(t, map[string]string{
		"It took until June 2022 for national home prices to peak.": "Jun 2022",
		"It wasn't until March that the club replied.":              "Mar 2023",
		"Prices kept rising until June 2022.":                       "",
	})
}

// TestPeriodDateChangeBy: a month after "by" in a change told in the
// past is when it was reached, read before a later month of the
// sentence; a year alone after "by", or "by" after no verb of change, is
// not read so.
func TestPeriodDateChangeBy(t *testing.T) {
	checkPeriodDates(t, map[string]string{
		"And while prices fell more than 5% from that peak by January of this year, they returned to a record high in July.": "Jan 2023",
		"Sales had doubled by March 2022.":                                   "Mar 2022",
		"Prices fell more than 5% by 2022.":                                  "",
		"The report was written by March Hare Capital and released in July.": "Jul 2023",
	})
}

// TestDatedAttribution: a sentence opening with a quotation is an event
// when TimelineAttributionWords words or more after it state the
// saying's day; not without a day, nor by "today" or "tonight" (a
// show's name), nor with fewer words.
func TestDatedAttribution(t *testing.T) {
	n := DefaultTuning.TimelineAttributionWords
	for s, want := range map[string]bool{
		"“We think the 1980s are a better analogy for today’s market,” they wrote in a Thursday note.":                       true,
		"“House prices today are rising,” Sam Khater, Freddie Mac’s chief economist, said in a statement released Sept. 29.": true,
		"“We are building robots that pick cassava,” Jane Okafor said.":                                                      false,
		"“Taylor Swift likes that Travis Kelce pursued her,” a source told Entertainment Tonight.":                           false,
		"“We will ensure the text preserves Europe’s ability,” the minister said in a statement today.":                      false,
		"“Fighters don't want to fight but I'm glad David has nowhere to go,” Andrade told CBS Sports last month.":           false,
		"“The Republicans are unable to function right now,” Jeffries said late Tuesday.":                                    true,
		"The board met on Thursday to remove Jane Okafor.":                                                                   false, // no quotation: eventLike's
	} {
		if got := datedAttribution(s, n); got != want {
			t.Errorf("datedAttribution(%q, %d) = %v, want %v", s, n, got, want)
		}
	}
	// the boundary: "he said Thursday" is three words
	s := "“The market is frozen solid now,” he said Thursday."
	if datedAttribution(s, 4) || !datedAttribution(s, 3) {
		t.Errorf("datedAttribution(%q): want false at 4 words, true at 3", s)
	}
}
