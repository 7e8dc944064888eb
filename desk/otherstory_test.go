package desk

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/internal/testutil/testindex"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/memory"
)

// eventTexts are the sentences of doc that eventsOf takes as events of
// topic under tu.
func eventTexts(doc *corpus.Document, topic string, tu *Tuning) []string {
	w, _ := topicWords(nil, topic)
	var out []string
	for _, e := range eventsOf(doc, 0, w, tu) {
		out = append(out, e.text())
	}
	return out
}

// TestTimelinePeriodYears: a sentence dated by a year TimelinePeriodYears
// years before its article is an event; one a year earlier is an aside.
func TestTimelinePeriodYears(t *testing.T) {
	const scouted, founded = "In 2018, Quarry United first scouted Dara Lomax at a youth tournament.",
		"In 2017, Quarry United built its academy for players like Dara Lomax."
	doc := docOf(`Quarry United signed Dara Lomax on Friday, the club said.`, scouted, founded)
	doc.Title, doc.Published = "Quarry United signs Dara Lomax", "2023-12-09T09:00:00Z"
	shown := func(years int) []string {
		tu := DefaultTuning
		tu.TimelinePeriodYears = years
		return eventTexts(doc, "Quarry United Dara Lomax", &tu)
	}
	if got := shown(5); !slices.Contains(got, scouted) || slices.Contains(got, founded) {
		t.Errorf("TimelinePeriodYears 5: %q, want 2018 and not 2017", got)
	}
	if got := shown(4); slices.Contains(got, scouted) {
		t.Errorf("TimelinePeriodYears 4: %q, want no 2018", got)
	}
}

// TestTimelineSubject: a sentence dated by its article must hold
// TimelineSubject of the topic's words outside its names.
func TestTimelineSubject(t *testing.T) {
	const half, none = "Quarry United said the stadium needs new seats and a roof.",
		"Quarry United signed a striker on loan from a rival, the club said."
	doc := docOf(half, none)
	doc.Title, doc.Published = "Quarry United's stadium move", "2023-12-09T09:00:00Z"
	const topic = "Quarry United's stadium move"
	w, _ := topicWords(nil, topic)
	m := w.subject.coverage(half)
	if m <= 0 || m >= 1 {
		t.Fatalf("subject coverage of %q = %v, want a part", half, m)
	}
	shown := func(v float64) []string {
		tu := DefaultTuning
		tu.TimelineSubject = v
		return eventTexts(doc, topic, &tu)
	}
	if got := shown(m); !slices.Contains(got, half) || slices.Contains(got, none) {
		t.Errorf("TimelineSubject %v: %q, want the stadium's line and not the striker's", m, got)
	}
	if got := shown(math.Nextafter(m, 2)); slices.Contains(got, half) {
		t.Errorf("TimelineSubject just above %v: %q still shows the stadium's line", m, got)
	}
	if got := shown(0); !slices.Contains(got, none) {
		t.Errorf("TimelineSubject 0: %q, want every line holding the topic", got)
	}
	// a topic that is all names has no subject: the rule is off
	if w, _ := topicWords(nil, "Quarry United"); w.subject.total() != 0 {
		t.Errorf("subject of a name: %v", w.subject)
	}
}

func TestFirstPerson(t *testing.T) {
	for s, want := range map[string]bool{
		"For example, yesterday, I imported 143 videos and photos.":           true,
		"When I walked into the courtroom on Monday morning, it seemed calm.": true,
		"It was my first week with the glasses.":                              true,
		`“I had a realisation,” he told Red Table Talk in 2018.`:              false,
		`He said: "I never wanted to get married," in 2019.`:                  false,
		"Apple says it’s exploring both legal and technical options.":         false,
		"The Intel I9 chip ships in May.":                                     false,
	} {
		if got := firstPerson(s); got != want {
			t.Errorf("firstPerson(%q) = %v", s, got)
		}
	}
}

func TestAnotherOf(t *testing.T) {
	w, _ := topicWords(nil, "Apple Watch import ban")
	for s, want := range map[string]bool{
		"In February, the Biden administration also declined to veto another ITC import ban.": true,
		"Another ban could follow.":                                       true,
		"Apple faces another lawsuit over its watches and an import ban.": false,
		"The ITC then issued an import ban in October.":                   false,
	} {
		if got := anotherOf(s, w); got != want {
			t.Errorf("anotherOf(%q) = %v", s, got)
		}
	}
	// a name after "another" is the story's own; its subject's word is
	// another of its kind
	w, _ = topicWords(nil, "Manchester United's Champions League campaign")
	for s, want := range map[string]bool{
		"And, 24 years on, another United Champions League campaign finished against Bayern Munich.": false,
		"And, 24 years on, another campaign finished against Bayern Munich.":                         true,
		"Another Manchester side won the league.":                                                    false,
	} {
		if got := anotherOf(s, w); got != want {
			t.Errorf("anotherOf(%q) = %v", s, got)
		}
	}
}

// TestDropStale: an article published TimelineStale days before the
// story's first stated day keeps its lines; one a day earlier does not.
func TestDropStale(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2023, 12, d, 0, 0, 0, 0, time.UTC) }
	doc := &corpus.Document{ID: "a", Text: "x"}
	evs := []event{
		{sentence: sentence{doc: doc}, when: day(21), dated: true},
		{sentence: sentence{doc: doc, start: 1}, when: day(14), note: "article date"},
		{sentence: sentence{doc: doc, start: 2}, when: day(13), note: "article date"},
	}
	var got []int
	for _, e := range dropStale(slices.Clone(evs), 7) {
		got = append(got, e.when.Day())
	}
	if !slices.Equal(got, []int{21, 14}) {
		t.Errorf("dropStale 7: days %v, want [21 14]", got)
	}
	if n := len(dropStale(slices.Clone(evs), 6)); n != 1 {
		t.Errorf("dropStale 6: %d events, want the stated day's alone", n)
	}
	// a day told back ("two weeks ago") is no stated day: it does not
	// move the story's first day back
	rough := append(slices.Clone(evs), event{sentence: sentence{doc: doc, start: 3}, when: day(1), dated: true, rough: true})
	if n := len(dropStale(rough, 6)); n != 2 {
		t.Errorf("dropStale 6 with a day told back: %d events, want the two days'", n)
	}
}

// TestNotTheOnly: after a sentence turning to others of the story's kind,
// the rest of its paragraph is no event; the next paragraph is.
func TestNotTheOnly(t *testing.T) {
	const epic, next = "On November 6, Google went to trial with Fortnite maker Epic Games.",
		"On November 8, the Google search trial heard from Mozilla."
	doc := docOf(
		"This isn’t Google’s only antitrust case in trial right now. "+epic,
		next,
	)
	doc.Title, doc.Published = "More from the Google search trial", "2023-11-13T09:00:00Z"
	tu := DefaultTuning
	got := eventTexts(doc, "Google search trial", &tu)
	if slices.Contains(got, epic) || !slices.Contains(got, next) {
		t.Errorf("events %q: want %q and not %q", got, next, epic)
	}
	for s, want := range map[string]bool{
		"This import ban isn’t the only one Apple is facing.":         true,
		"This isn’t Google’s only antitrust case in trial right now.": true,
		"Not only was she seen sitting next to Kelce’s mother.":       false,
		"The ruling is not only a loss for Apple.":                    false,
	} {
		if got := notTheOnlyRE.MatchString(s); got != want {
			t.Errorf("notTheOnlyRE(%q) = %v", s, got)
		}
	}
}

// TestAsidesAreNoEvents: in the story's own document, a sentence telling
// of another of its kind, or in its writer's first person, is no event.
func TestAsidesAreNoEvents(t *testing.T) {
	const ban, another, mine = "On Friday, the ITC issued an import ban on the Quarry Watch.",
		"On Thursday, the ITC also upheld another import ban on Quarry phones.",
		"Yesterday, I imported 143 videos to the Quarry Watch."
	doc := docOf(ban, another, mine)
	doc.Title, doc.Published = "The Quarry Watch import ban", "2023-12-09T09:00:00Z"
	tu := DefaultTuning
	got := eventTexts(doc, "Quarry Watch import ban", &tu)
	if !slices.Contains(got, ban) || slices.Contains(got, another) || slices.Contains(got, mine) {
		t.Errorf("events %q: want the ban alone", got)
	}
}

// TestLedeTellsTheStory: in a document whose lede tells of the story (an
// event holding TimelineLede of the topic), a sentence stating its time
// and holding TimelineDated of the topic is an event though its title
// and the sentence before hold less than TimelineDatedWindow; under a
// lede holding less, or telling of something else, it is not.
func TestLedeTellsTheStory(t *testing.T) {
	const july = "The council first rejected the plans for Quarry back in July."
	const asks = "Quarry United has asked the council to approve its stadium move, the club said."
	w, _ := topicWords(nil, "Quarry United stadium move")
	at := w.coverage(asks)
	for _, tc := range []struct {
		lede    string
		ledeCov float64
		want    bool
	}{
		{asks, at, true},
		{asks, at + 0.01, false},
		{"The council met on Monday to discuss parking rules in Quarry, its clerk said.", 0, false},
	} {
		tu := DefaultTuning
		tu.TimelineLede = tc.ledeCov
		doc := docOf(tc.lede, july)
		doc.Title, doc.Published = "Council rules on Quarry plans", "2023-09-28T09:00:00Z"
		if got := slices.Contains(eventTexts(doc, "Quarry United stadium move", &tu), july); got != tc.want {
			t.Errorf("under %q, TimelineLede %.2f: July's event %v, want %v", tc.lede, tc.ledeCov, got, tc.want)
		}
	}
}

// TestNamedOwnWords: an article whose title names the story
// (TimelineTitle of the topic's names) and which never writes the
// subject's word tells of the story in its own words: its sentences
// dated by it are not held to the subject; one writing the word, or
// titled with less of the names, still is.
func TestNamedOwnWords(t *testing.T) {
	const topic = "Dara Lomax's Quarry United takeover"
	const line = "Dara Lomax now runs the football side of Quarry United, and the manager answers to him."
	own := docOf(line, "The club's accounts are due in March.")
	own.Title, own.Published = "Lomax’s Quarry United: the first weeks", "2023-12-25T09:00:00Z"
	w, _ := topicWords(nil, topic)
	names := weights{}
	for t, v := range w.w {
		if _, ok := w.subject[t]; !ok {
			names[t] = v
		}
	}
	m := names.coverage(own.Title)
	if m <= 0 || m >= 1 {
		t.Fatalf("names in the title: %v, want a part", m)
	}
	shown := func(doc *corpus.Document, v float64) bool {
		tu := DefaultTuning
		tu.TimelineTitle = v
		return slices.Contains(eventTexts(doc, topic, &tu), line)
	}
	if !shown(own, m) {
		t.Errorf("TimelineTitle %v: the line of an article titled with the names is not shown", m)
	}
	if shown(own, math.Nextafter(m, 2)) {
		t.Errorf("TimelineTitle just above %v: the line is still shown", m)
	}
	writes := docOf(line, "The takeover was completed in December.")
	writes.Title, writes.Published = own.Title, own.Published
	if shown(writes, m) {
		t.Errorf("an article writing %q: its line without it is shown", "takeover")
	}
}

// TestAskersWords: a subject word none of the story's documents writes
// (in its title or text) is the asker's word for the story: it is
// dropped, and a line dated by its article is no longer held to it. A
// word one document writes stays, and holds the line back.
func TestAskersWords(t *testing.T) {
	const topic = "Dara Lomax's row"
	const fight = "Dara Lomax left Quarry United after a public fight with the owners."
	doc := docOf(fight)
	doc.Title, doc.Published = "Quarry United looks for a coach", "2023-12-09T09:00:00Z"
	other := docOf("The club's accounts are due in March.")
	other.Title, other.Published = "Quarry United's accounts", "2023-12-08T09:00:00Z"
	written := docOf("The row over the accounts goes on.")
	written.Title, written.Published = other.Title, other.Published
	w, _ := topicWords(nil, topic)
	for _, tc := range []struct {
		name  string
		docs  []*corpus.Document
		drops bool
	}{
		{"no document writes it", []*corpus.Document{doc, other}, true},
		{"one document's text writes it", []*corpus.Document{doc, written}, false},
		{"one document's title writes it", []*corpus.Document{doc, {ID: "x", Title: "Another row at Quarry United"}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			aw := askersWords(w, tc.docs)
			_, inW := aw.w["row"]
			_, inSubj := aw.subject["row"]
			if inW == tc.drops || inSubj == tc.drops {
				t.Errorf("row kept in the words: %v, in the subject: %v; want dropped: %v", inW, inSubj, tc.drops)
			}
			var got []string
			for _, e := range eventsOf(doc, 0, aw, &DefaultTuning) {
				got = append(got, e.text())
			}
			if shown := slices.Contains(got, fight); shown != tc.drops {
				t.Errorf("the line of the fight shown: %v, want %v (%q)", shown, tc.drops, got)
			}
		})
	}
}

// TestTimelineAskersWord: through Timeline, a story named by a word its
// documents never write ("row") shows the lines of its documents dated
// by their article (askersWords), as a story named in their words would.
func TestTimelineAskersWord(t *testing.T) {
	dir := t.TempDir()
	docs := []map[string]string{
		{"id": "lomax-fight", "title": "Quarry United looks for a coach", "published": "2023-12-09T09:00:00Z", "text": "Dara Lomax left Quarry United after a public fight with the club's owners.\n\nThe club thanked Dara Lomax for her work."},
		{"id": "lomax-next", "title": "Harbour Town signs a coach", "published": "2023-12-12T09:00:00Z", "text": "Dara Lomax joined Harbour Town on Monday as its head coach."},
		{"id": "weather", "title": "Rain in the valley", "published": "2023-12-10T09:00:00Z", "text": "Rain fell in the valley for a week, and a row of houses flooded."},
	}
	var b strings.Builder
	for _, d := range docs {
		line, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(append(line, '\n'))
	}
	if err := os.WriteFile(filepath.Join(dir, "news.jsonl"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	e := answer.New(memory.New(testindex.Build(t, dir)).Searcher(), retrieval.SearchOptions{K: 5})
	d := &Desk{Engine: e}
	r, err := d.Timeline(t.Context(), answer.Request{}, "Dara Lomax's row")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.Text(), "after a public fight with the club's owners") {
		t.Errorf("the story's line dated by its article is not shown:\n%s", r.Text())
	}
	if strings.Contains(r.Text(), "Rain fell") {
		t.Errorf("another story's line is shown:\n%s", r.Text())
	}
}

// TestTimelineHistoryYears: in a document stating TimelineHistoryYears
// years of a long past, the years are events (a history); with one
// year fewer they are asides.
func TestTimelineHistoryYears(t *testing.T) {
	paras := []string{
		"Quarry Search began ranking pages for Lomax Books in 1996.",
		"In 1998, Quarry Search added paid links for Lomax Books.",
		"In 2001, Quarry Search moved its index for Lomax Books to Leeds.",
		"In 2004, Quarry Search sold its Lomax Books arm to a rival.",
		"In 2009, Quarry Search bought back Lomax Books for $2 million.",
	}
	const first = "In 1998, Quarry Search added paid links for Lomax Books."
	shown := func(history int, paras []string) []string {
		doc := docOf(paras...)
		doc.Title, doc.Published = "The long fight over search", "2023-11-01T09:00:00Z"
		tu := DefaultTuning
		tu.TimelineHistoryYears = history
		return eventTexts(doc, "Quarry Search Lomax Books", &tu)
	}
	if got := shown(4, paras[1:]); !slices.Contains(got, first) {
		t.Errorf("four years of history, TimelineHistoryYears 4: %q, want the 1998 sentence", got)
	}
	if got := shown(5, paras[1:]); slices.Contains(got, first) {
		t.Errorf("four years of history, TimelineHistoryYears 5: %q, want no 1998 sentence (an aside)", got)
	}
	if got := shown(5, paras); !slices.Contains(got, first) {
		t.Errorf("five years of history: %q, want the 1998 sentence", got)
	}
}
