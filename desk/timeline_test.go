package desk

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/text"
)

func TestTimeline(t *testing.T) {
	d := testDesk(t)
	r, err := d.Timeline(context.Background(), answer.Request{}, "Acme Robotics")
	if err != nil {
		t.Fatal(err)
	}
	text := r.Text()
	want := []string{
		"Nov 2, 2023 — “The company signed a four-year lease on a factory on Nov. 2", // its own date
		"Nov 14, 2023 — “Acme Robotics, a Lagos startup",                             // "on Tuesday" of a Friday's article
		"Nov 20, 2023 — “The board of Acme Robotics removed Jane Okafor",             // "on Monday"
	}
	last := -1
	for _, w := range want {
		i := strings.Index(text, w)
		if i < 0 {
			t.Errorf("timeline lacks %q:\n%s", w, text)
		} else if i < last {
			t.Errorf("%q out of order:\n%s", w, text)
		}
		last = i
	}
	// the same news in two outlets is one line citing both
	if n := strings.Count(text, "raised $5.3 million in seed funding"); n != 1 {
		t.Errorf("the seed round is shown %d times:\n%s", n, text)
	}
	for _, l := range r.Lines {
		if strings.Contains(l.Text, "raised $5.3 million in seed funding") && len(l.Cites) != 2 {
			t.Errorf("the merged line cites %v", l.Cites)
		}
	}
	// never furniture, another story, a withdrawn or embargoed one
	for _, not := range []string{"Do you work at", "newsletter", "Picker One", "Farmers we asked", "parks", "$9 million", "Harvest Group"} {
		if strings.Contains(text, not) {
			t.Errorf("timeline shows %q:\n%s", not, text)
		}
	}
	verbatim(t, d, r)
	// scoped: an asker who may not see the wire story sees the Ledger's
	r, _ = d.Timeline(context.Background(), answer.Request{Allow: func(doc *corpus.Document) bool { return doc.ID != "acme-wire" }}, "Acme Robotics")
	for _, s := range r.Sources {
		if s.DocID == "acme-wire" {
			t.Errorf("out of scope, the timeline cites acme-wire:\n%s", r.Text())
		}
	}
}

func TestSentenceDate(t *testing.T) {
	fri := time.Date(2023, 11, 17, 9, 0, 0, 0, time.UTC) // a Friday
	for _, tc := range []struct {
		s    string
		want string // "" for none
	}{
		{"It raised money on Nov. 2, 2022.", "2022-11-02"},
		{"It raised money on Nov. 2.", "2023-11-02"},
		// more than a week after the article is last year's, and that
		// year is not certain more than half a year back (yearUncertain)
		{"It opened on December 20.", ""},
		{"It opened on May 18.", "2023-05-18"}, // 183 days before the article's day
		{"It opened on May 17.", ""},           // 184
		{"It opened on May 17, 2023.", "2023-05-17"},
		{"It opened on Wednesday, May 17.", "2023-05-17"}, // its weekday names the year
		{"It opened on Monday, May 17.", ""},              // no year's weekday: nor read as a Monday
		{"It opens on November 23.", "2023-11-23"},        // within a week after: this year's
		// a span's first day takes the year of its last, read with certainty
		{"It was closed from May 17 through Aug. 30.", "2023-05-17"},
		{"It was closed from May 17 to August 30.", "2023-05-17"},
		{"It was closed from May 17 – Aug. 30.", "2023-05-17"},
		{"It was closed from Dec. 17 through Aug. 30.", "2022-12-17"},  // the latest on or before its last day
		{"It was closed from May 17 to its reopening on Aug. 30.", ""}, // no span of two days
		{"It was closed from March 17 through May 17.", ""},            // its last day uncertain too
		{"It was closed on May 17 and on Aug. 30.", ""},                // no span: its first day uncertain, none is read
		{"It raised money on Tuesday.", "2023-11-14"},
		{"It raised money on Friday.", "2023-11-17"},
		{"It raised money yesterday.", "2023-11-16"},
		// a weekday in a day's name, or any of its kind, is no day of
		// the article's week
		{"It sold for $9 less during Black Friday.", ""},
		{"Deals will come around on Cyber Monday.", ""},
		{"It went on sale for Giving Tuesday.", ""},
		{"Users could wager on any game scheduled on a Wednesday.", ""},
		{"It sold out every Friday.", ""},
		{"It sold for $9 less on black Friday.", "2023-11-17"}, // no name without its capital
		{"It sold for $9 less during Black Friday, not on Tuesday.", "2023-11-14"},
		// "they'll": the weekday to come; the writer's "we'll" is no event's
		{"On Tuesday night, they'll have a chance to avenge that finish.", "2023-11-21"},
		{"On Tuesday night, she’ll play again.", "2023-11-21"},
		{"It represented a discount as of Tuesday (something we’ll come back to).", "2023-11-14"},
		// the writer's "we'll" before the day: the day to come
		{"We'll have full coverage of the event, so join us on Monday evening.", "2023-11-20"},
		{"We’ll be at the launch on November 30.", "2023-11-30"},
		{"It opened on November 2 (we’ll come back to it).", "2023-11-02"},
		{"It will raise money next Tuesday.", ""},
		{"On Monday, Epic will take Google to court.", "2023-11-20"}, // to come
		{"The album is due for release on 27 December.", "2023-12-27"},
		{"On Friday, Epic took Google to court.", "2023-11-17"},
		// a weekday's possessive after "for" or "ahead of" names a day to come
		{"The series is tied 1-1 heading to Arizona for Monday’s Game 3.", "2023-11-20"},
		{"The coach rested two players ahead of Sunday's final.", "2023-11-19"},
		{"The series was tied 1-1 after Monday’s Game 3.", "2023-11-13"},
		{"The coach rested two players ahead of Sunday.", "2023-11-12"},
		{"It raised money in March.", ""},
		// a day bounding a span dates nothing (boundRE)
		{"Before November 7, it received about 100 reports a day.", ""},
		{"Ever since November 7, everyone has asked why there was no warning.", ""},
		{"Money is hard to move since November 7, with no trade.", ""},
		{"We had no possibility of seeing a spike towards November 7.", ""},
		{"The cooperation is all only because of November 7.", ""},
		{"Since Tuesday's attacks, false posts have circulated on X.", ""},
		{"It received 100 reports a day before the war, and on November 7 it got 500.", "2023-11-07"},
		{"On November 7, it received 500 reports.", "2023-11-07"},
		// the aftermath of a day's occasion: a day not stated (aftermathRE)
		{"The bloc warned X in the wake of Saturday’s deadly attacks.", ""},
		{"Egypt is key after Israel cut off supplies in response to Hamas’s deadly Nov. 7 assault.", ""},
		{"Following Sunday's defeat, the coach resigned.", ""},
		{"It acted in response to reports of the Nov. 7 assault.", ""},                  // three words between
		{"It acted in response to reports of the deadly Nov. 7 assault.", "2023-11-07"}, // four
		{"In the wake of the attacks, the bloc warned X on Tuesday.", "2023-11-14"},
		// before a day's possessive: just before that day's occasion
		{"Texas found out before Tuesday's Game 4 that its slugger was out.", "2023-11-14"},
		{"Texas found out before Tuesday that its slugger was out.", ""},
		// a weekday's occasion with what can or must still be done: to come (prospectRE)
		{"Ten Hag has no doubt he can be a major factor in Sunday’s showdown.", "2023-11-19"},
		{"If United win the ball in Sunday's derby, they need to take their chances.", "2023-11-19"},
		{"He was a major factor in Sunday’s showdown.", "2023-11-12"},
		{"He can be a major factor on Sunday.", "2023-11-12"}, // no possessive
		// a weekend day "this weekend" is the coming one (thisWeekendRE)
		{"United host City in a Super Sunday derby this weekend.", "2023-11-19"},
		{"United play City on Saturday this weekend.", "2023-11-18"},
		{"United beat City on Sunday.", "2023-11-12"},
		{"On Monday, this weekend's hosts trained in the rain.", "2023-11-13"},
		// "will" in a relative clause tells of no weekday to come
		{"The league made a Friday ruling that will bar him from three games.", "2023-11-17"},
		{"The league made a Thursday ruling that will bar him from three games.", "2023-11-16"},
		{"The league said on Thursday it will bar him from three games.", "2023-11-23"},
		// a day before a verb of saying in the past, the future only
		// reported after it: the day it was said (reportedFuture)
		{"In a post on Monday, the league said it will bar him from three games.", "2023-11-13"},
		{"On Monday, the league announced that he will miss three games.", "2023-11-13"},
		{"On Monday, the league says it will bar him from three games.", "2023-11-20"}, // said now: to come
		{"On Monday, the league will bar him, it said.", "2023-11-20"},                 // the future before the saying
		// a date's weekday names its year: December 20 more than a week
		// after the article is last year's, unless its weekday is this
		// year's (December 20, 2023 is a Wednesday, 2022's a Tuesday)
		{"It opens on Wednesday, December 20.", "2023-12-20"},
		{"It opened on Tuesday, December 20.", "2022-12-20"},
		{"It opens on Friday, December 20.", ""}, // neither year's: last year's, its year not certain
		{"It opened on Wednesday, December 20, 2022.", "2022-12-20"},
		// a day told against the one reported
		{"20 Republicans had rejected his nomination the day before.", "2023-11-16"},
		// a day to come more than a week before the article is next year's
		{"Winners will be announced January 25.", "2024-01-25"},
		{"Winners were announced January 25.", ""}, // ten months back: its year uncertain
		{"Winners were announced June 25.", "2023-06-25"},
		{"Initial deliveries are set for an event on November 30.", "2023-11-30"},
		// a span up to now tells of a state: neither end is its day
		{"The trial has been on pause from November 20 to today.", ""},
		{"The trial has been on pause from Tuesday until now.", ""},
		{"The trial has been on pause to today.", ""},
		{"The trial was adjourned until November 20.", "2023-11-20"},
		{"The trial resumed today.", "2023-11-17"},
		// a weekday in a relative clause about a person is the clause's,
		// not the sentence's (whoClauseRE): up to four words of the clause
		{"Liverpool paid a tribute to Bill Kenwright, the Everton chairman who died on Monday.", ""},
		{"The crowd applauded the man who was seen there on Monday.", ""},
		{"The crowd applauded the man who was seen out there on Monday.", "2023-11-13"}, // five words
		{"Zhao, who appeared in court on Tuesday, stepped down on Wednesday.", "2023-11-15"},
		{"Kenwright, who was 78, died on Monday.", "2023-11-13"}, // the clause closed before it
		{"The Everton chairman died on Monday.", "2023-11-13"},
		// a weekday naming the day of a document the sentence cites is
		// that document's, past, in a sentence of the future too
		// (documentDayRE)
		{"He will agree to a $150 million fine, according to a separate filing from Monday.", "2023-11-13"},
		{"He will agree to the fine, according to a statement on Monday.", "2023-11-13"},
		{"He will plead guilty, a letter dated Monday shows.", "2023-11-13"},
		{"He will issue a statement on Monday.", "2023-11-20"},          // the statement to come
		{"The new rules will apply from Monday.", "2023-11-20"},         // no document: a state to come
		{"He will agree to the fine, according to a filing.", ""},       // no day
		{"He will agree to the fine in court on Monday.", "2023-11-20"}, // no document
	} {
		got, ok := sentenceDate(tc.s, fri)
		g := ""
		if ok {
			g = got.Format("2006-01-02")
		}
		if g != tc.want {
			t.Errorf("sentenceDate(%q) = %q, want %q", tc.s, g, tc.want)
		}
	}
	if h, ok := headingDate("November 21"); !ok || h != "November 21" {
		t.Errorf("heading: %v %v", h, ok)
	}
	if _, ok := headingDate("November 21 was a busy day"); ok {
		t.Error("a sentence is no heading")
	}
}

func TestEventLike(t *testing.T) {
	for s, want := range map[string]bool{
		"The board of Acme Robotics removed Jane Okafor as chief executive.":       true,
		"Do you work at OpenAI and know more about Sam Altman’s departure?":        false,
		"Sign up for our Farm Tech newsletter to get stories like this.":           false,
		"Timeline of Sam Altman’s firing from OpenAI":                              false,
		"“We are building robots that pick cassava,” Jane Okafor said.":            false,
		"Valve Valve Steam Deck OLED This is a welcome improvement. $549 at Steam": false,
	} {
		if got := eventLike(s); got != want {
			t.Errorf("eventLike(%q) = %v", s, got)
		}
	}
}

// TestTopicWordsInitials: a name of three parts is met by its initials,
// and the story is also searched as so written; a shorter name is not.
func TestTopicWordsInitials(t *testing.T) {
	w, aliased := topicWords(nil, "Sam Bankman-Fried trial")
	if aliased != "SBF trial" {
		t.Errorf("aliased %q, want %q", aliased, "SBF trial")
	}
	if got, want := w.coverage("The SBF trial resumed on Thursday."), w.coverage("The Sam Bankman-Fried trial resumed on Thursday."); got != want || got != 1 {
		t.Errorf("coverage with initials %v, with the name %v; want both 1", got, want)
	}
	if w, aliased := topicWords(nil, "Sam Altman's firing"); aliased != "Sam Altman's firing" || len(w.syn) != 0 {
		t.Errorf("Sam Altman: aliased %q, synonyms %v", aliased, w.syn)
	}
}

// TestHeadingDays: a timeline page first published on November 18 and
// updated as the story ran keeps "November 29" in its year when another
// heading of that year is within TimelineHeadingSpan days (8 here);
// alone, or with the nearest heading a day further than the span, it
// is read as the year before, as a day more than a week after its page.
func TestHeadingDays(t *testing.T) {
	pub := time.Date(2023, 11, 18, 20, 0, 0, 0, time.UTC)
	page := func(heads ...string) *corpus.Document {
		doc := &corpus.Document{}
		for _, h := range heads {
			for _, para := range []string{h, "The board met again on that day, the company said."} {
				doc.Paragraphs = append(doc.Paragraphs, corpus.Span{Start: len(doc.Text), End: len(doc.Text) + len(para)})
				doc.Text += para + "\n\n"
			}
		}
		return doc
	}
	year := func(doc *corpus.Document, span int) int {
		return headingDays(doc, pub, span, headingDate)[doc.Paragraphs[0].Start].Year()
	}
	updated := page("November 29", "November 21", "November 17")
	if y := year(updated, 8); y != 2023 {
		t.Errorf("November 29 beside November 21, span 8: %d, want 2023", y)
	}
	if y := year(updated, 7); y != 2022 {
		t.Errorf("November 29 beside November 21, span 7: %d, want 2022", y)
	}
	if y := year(page("November 29"), 14); y != 2022 {
		t.Errorf("November 29 alone: %d, want 2022", y)
	}
	// a heading within a week of publication is in its year already
	if y := year(page("November 21"), 0); y != 2023 {
		t.Errorf("November 21 alone: %d, want 2023", y)
	}
}

// TestTopicWordsVersus: "v." in "Epic v. Google" is no word of the story.
func TestTopicWordsVersus(t *testing.T) {
	for _, topic := range []string{"Epic v. Google", "Epic vs Google", "Epic versus Google"} {
		w, _ := topicWords(nil, topic)
		if c := w.coverage("What to know about Epic Games’ antitrust battle with Google"); c != 1 {
			t.Errorf("%q: a title naming Epic and Google holds %v of it, want 1", topic, c)
		}
	}
}

// TestUpdateDays: on a live page whose embedded posts are dated after
// its publication, a paragraph's weekday is read against the day of the
// first post below it; a post dated a day after publication (the same
// news day in another time zone) is no update, two days after is.
func TestUpdateDays(t *testing.T) {
	pub := time.Date(2023, 11, 6, 23, 0, 0, 0, time.UTC) // a Monday
	page := func(post string) *corpus.Document {
		doc := &corpus.Document{}
		for _, para := range []string{
			"Michigan filed a temporary restraining order against the Big Ten on Tuesday night.",
			"Statement from the school. — Nicole Auerbach (@NicoleAuerbach) " + post,
			"Michigan football analyst Connor Stalions resigned on Friday night.",
			"Statement from Michigan. — Jesse Dougherty (@dougherty_jesse) November 4, 2023",
		} {
			doc.Paragraphs = append(doc.Paragraphs, corpus.Span{Start: len(doc.Text), End: len(doc.Text) + len(para)})
			doc.Text += para + "\n\n"
		}
		return doc
	}
	for _, tc := range []struct {
		post, want string // the day of the first paragraph's "Tuesday"
	}{
		{"November 11, 2023", "2023-11-07"},          // five days after: an update
		{"November 8, 2023", "2023-11-07"},           // two days after: an update
		{"November 7, 2023", "2023-10-31"},           // a day after: no update, the Tuesday before publication
		{"November 11, 2023 and more", "2023-10-31"}, // no signature
	} {
		doc := page(tc.post)
		refs := updateDays(doc, pub)
		ref := pub
		if r, ok := refs[doc.Paragraphs[0].Start]; ok {
			ref = r
		}
		got, _ := sentenceDate(doc.Text[doc.Paragraphs[0].Start:doc.Paragraphs[0].End], ref)
		if got.Format("2006-01-02") != tc.want {
			t.Errorf("post of %s: Tuesday read as %s, want %s", tc.post, got.Format("2006-01-02"), tc.want)
		}
		// the paragraph above a post of publication's week keeps its date
		if _, ok := refs[doc.Paragraphs[2].Start]; ok {
			t.Errorf("post of %s: the resignation is read as updated", tc.post)
		}
	}
}

// TestTimelineBackground: a sentence whose own day is more than
// TimelineBackground days before its document's publication is the
// story's past, not one of its events; at the boundary it is still one.
func TestTimelineBackground(t *testing.T) {
	doc := docOf(
		`Quarry United signed Dara Lomax on Friday, the club said.`,
		`Quarry United first scouted Dara Lomax on December 8, 2022, at a youth tournament.`,
	)
	doc.Title, doc.Published = "Quarry United signs Dara Lomax", "2023-12-09T09:00:00Z"
	shown := func(days int) []string {
		tu := DefaultTuning
		tu.TimelineBackground = days
		var out []string
		for _, e := range eventsOf(doc, 0, weighWords(nil, "Quarry United Dara Lomax", &tu), &tu) {
			out = append(out, e.when.Format("2006-01-02"))
		}
		return out
	}
	// December 8, 2022 is 366 days before December 9, 2023
	if got := shown(366); !slices.Contains(got, "2022-12-08") {
		t.Errorf("TimelineBackground 366: %v, want the 2022 scouting shown", got)
	}
	if got := shown(365); slices.Contains(got, "2022-12-08") || !slices.Contains(got, "2023-12-08") {
		t.Errorf("TimelineBackground 365: %v, want the signing and not the 2022 scouting", got)
	}
}

// TestPeriodDatePastYearAhead: a sentence of the future tells of the
// year past written before its verb of the future (pastYearAhead), never
// of pub's year or a month without its year, nor of a year after the
// verb.
func TestPeriodDatePastYearAhead(t *testing.T) {
	pub := time.Date(2023, 10, 26, 19, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		s     string
		label string // "" for none
	}{
		{"Kenwright’s powerful speech at the Hillsborough memorial service in 2013 will not be forgotten.", "2013"},
		{"In March 2022, it said the club will be sold.", "Mar 2022"},
		{"The speech in 2022 will not be forgotten.", "2022"},
		{"The speech in 2023 will not be forgotten.", ""}, // pub's year
		{"In March, it said the club will be sold.", ""},  // a month of pub's year: perhaps the one to come
		{"The club will be sold, as it was in 2013.", ""}, // after the verb of the future
		{"The club will be sold in 2024.", ""},
		{"The population of HNIs, which was 7.9 lakh in 2022, will rise to 16.5 lakh.", ""}, // a relative clause's
		{"The speech, which moved many, in 2013 will not be forgotten.", "2013"},            // the clause closed before it
	} {
		_, label, ok := periodDate(tc.s, pub)
		if !ok {
			label = ""
		}
		if label != tc.label {
			t.Errorf("periodDate(%q) = %q, want %q", tc.s, label, tc.label)
		}
	}
}

// TestPeriodDateUncertainYear: a month without its year read as last
// year's, more than uncertainDays before the article, may as well be the
// one to come: not read, as a day so written is not (yearUncertain).
func TestPeriodDateUncertainYear(t *testing.T) {
	pub := time.Date(2023, 11, 30, 21, 0, 0, 0, time.UTC)
	jan := time.Date(2024, 1, 20, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		s     string
		pub   time.Time
		label string // "" for none
	}{
		{"The club announced in early December that it would tour Asia.", pub, ""},
		{"The club announced in December that it would tour Asia.", pub, ""},
		{"The club announced in December 2022 that it would tour Asia.", pub, "Dec 2022"},
		{"The club announced in early November that it would tour Asia.", pub, "Nov 2023"},
		{"The club announced in early June that it would tour Asia.", pub, "Jun 2023"},                                             // 182 days back
		{"The club announced in late May that it would tour Asia.", pub, "May 2023"},                                               // 193 days back, but this year's
		{"The club announced in late December that it would tour Asia.", time.Date(2023, 6, 20, 0, 0, 0, 0, time.UTC), "Dec 2022"}, // last year's, 181 days back
		{"The club announced in late December that it would tour Asia.", time.Date(2023, 7, 20, 0, 0, 0, 0, time.UTC), ""},         // 211
		{"The club announced in late May 2023 that it would tour Asia.", pub, "May 2023"},                                          // its year written
		// last year's month a few months back is read
		{"The club announced in October that it would tour Asia.", jan, "Oct 2023"},
	} {
		_, label, ok := periodDate(tc.s, tc.pub)
		if !ok {
			label = ""
		}
		if label != tc.label {
			t.Errorf("periodDate(%q) = %q, want %q", tc.s, label, tc.label)
		}
	}
}

// periodCase is a sentence, the day its period dates it to and the
// period's label ("" for none).
type periodCase struct{ s, when, label string }

// checkPeriods checks periodDate on each case against the article's day
// pub; where says which day it is in a failure ("in September").
func checkPeriods(t *testing.T, pub time.Time, where string, cases []periodCase) {
	t.Helper()
	for _, tc := range cases {
		when, label, ok := periodDate(tc.s, pub)
		g, l := "", ""
		if ok {
			g, l = when.Format("2006-01-02"), label
		}
		if g != tc.when || l != tc.label {
			t.Errorf("periodDate(%q)%s = %q %q, want %q %q", tc.s, where, g, l, tc.when, tc.label)
		}
	}
}

func TestPeriodDate(t *testing.T) {
	pub := time.Date(2023, 12, 19, 18, 0, 0, 0, time.UTC)
	checkPeriods(t, pub, "", []periodCase{
		{"In 2020, Masimo filed a lawsuit against Apple.", "2020-01-01", "2020"},
		{"Masimo then filed a separate case with the ITC in 2021.", "2021-01-01", "2021"},
		{"In January 2023, it ruled that the watches infringe.", "2023-01-01", "Jan 2023"},
		{"The ITC then issued an import ban in October.", "2023-10-01", "Oct 2023"},
		// a month's year written after "of"
		{"He told Marca back in June of 2022 that he was not keen.", "2022-06-01", "Jun 2022"},
		{"He told Marca back in June of this year that he was not keen.", "2023-06-01", "Jun 2023"},
		{"The deal was signed in December of 2023.", "", ""}, // it holds the article's day
		{"Musk showed it off at a memorable 2019 event.", "2019-01-01", "2019"},
		// a year before a season, its playoffs or its draft
		{"After the Bills lost in the wild-card round of the 2019 playoffs, he was crestfallen.", "2019-01-01", "2019"},
		{"In the 2022 season, he missed five games with injuries.", "2022-01-01", "2022"},
		{"He was chosen in the 2013 draft as a cornerback.", "2013-01-01", "2013"},
		{"The club's 2019 postseason run ended in Houston.", "2019-01-01", "2019"},
		{"He is ready for the 2024 season.", "", ""},           // to come
		{"He scored 12 goals in the 2023 season.", "", ""},     // it holds the article's day
		{"He joined the 2019 roster as a cornerback.", "", ""}, // no occasion
		{"It was last updated in November 2023.", "2023-11-01", "Nov 2023"},
		// a month alone before what it dates, after "the" or a possessive
		{"Coronel earned his first two caps in the September matches.", "2023-09-01", "Sep 2023"},
		{"Andrade won in their March PPV clash with Plant.", "2023-03-01", "Mar 2023"},
		{"In a ruling this past August, a court sided with the Copyright Office.", "2023-08-01", "Aug 2023"},
		{"He met the September Group's founders for lunch.", "", ""}, // a name's
		// earlier in the article's year
		{"The NMPA, which earlier this year joined the campaign, filed on time.", "2023-01-01", "2023"},
		{"Earlier this year, the label signed her.", "2023-01-01", "2023"},
		{"He was picked in earlier this year's draft.", "", ""},
		{"He will sign later this year.", "", ""},
		{"As we reported earlier this month, it relies on a ruling earlier this year.", "", ""},
		// a part of a year
		{"By the end of 1999, Google was handling most queries.", "1999-01-01", "1999"},
		{"At the start of 2021, the firm had 40 staff.", "2021-01-01", "2021"},
		{"He spent the rest of 2021 in Leeds.", "", ""},
		{"United finished third at the end of 2021/22, a season of change.", "", ""}, // a season
		{"United finished third in 2021-22, a season of change.", "", ""},
		{"She recalled one September when it rained.", "", ""}, // no possessive or "the"
		{"The December meeting will decide it.", "", ""},       // to come
		// "Will" the name tells of no future
		{"In March 2022, Will slapped Chris Rock at the Oscars.", "2022-03-01", "Mar 2022"},
		// a period holding the article's day says no more than its date
		{"It was updated in December.", "", ""},
		{"It was the most downloaded app in 2023.", "", ""},
		{"It was updated in December 2023.", "", ""},
		// what is to come; a duration; a deadline; a day
		{"It will be on the market in 2025.", "", ""},
		{"It is Tesla's first new model since 2020.", "", ""},
		{"He said it would be out by 2021.", "", ""},
		{"It ruled on January 10, 2023.", "", ""},
		{"It was up from 98 per cent.", "", ""},
		// a month after "last" is the latest such month before the
		// article's (December 19, 2023)
		{"After George was dismissed last December, the governor was clear.", "2022-12-01", "Dec 2022"},
		{"Then, last January, Leon Black settled for $62.5 million.", "2023-01-01", "Jan 2023"},
		{"Then, in January, Leon Black settled for $62.5 million.", "2023-01-01", "Jan 2023"},
		{"She was dismissed in December.", "", ""}, // the article's month
		// a year or month opening a sentence after "Since" or "By" and
		// before a comma (openingSinceBy)
		{"Since 2021, Petersen had been seeking a successor.", "2021-01-01", "2021"},
		{"By January 2023, CEO Tobias Lutke knew he needed to sell.", "2023-01-01", "Jan 2023"},
		{"By 2021, the firm had 40 staff.", "2021-01-01", "2021"},
		{"Petersen had been seeking a successor since 2021.", "", ""},       // not opening
		{"Since 2021 Petersen had been seeking a successor.", "", ""},       // no comma
		{"Ever since 2021, Petersen had been seeking a successor.", "", ""}, // a word before
	})
	// a month read against the article's day (text.MonthPeriods)
	checkPeriods(t, time.Date(2023, 9, 28, 0, 0, 0, 0, time.UTC), " in September", []periodCase{
		{"It issued a local ban back in July.", "2023-07-01", "Jul 2023"},
		{"That was followed at the start of August by a plan.", "2023-08-01", "Aug 2023"},
		{"However, earlier this month, an Oslo court rejected it.", "2023-09-01", "Sep 2023"},
		{"Last month, the court rejected it.", "2023-08-01", "Aug 2023"},
		// told from the writing, later in the sentence: of a thing it
		// mentions
		{"Meta is to offer a subscription, confirming a report in the WSJ earlier this month.", "", ""},
		{"As we reported earlier this month, Meta relies on a line.", "", ""},
		// the latest or earliest time of what it tells (asRecentlyRE)
		{"The aurora was seen here as recently as April 2023.", "2023-04-01", "Apr 2023"},
		{"The aurora was seen here as early as 2019.", "2019-01-01", "2019"},
		{"The aurora was seen here as recently as April 2023, so the park will host a festival.", "", ""}, // the sentence's future
		// a future after a semicolon is not the first clause's
		{"The aurora was seen here as recently as April 2023; the park will host a festival.", "2023-04-01", "Apr 2023"},
		{"It was filed in July; a ruling will follow.", "2023-07-01", "Jul 2023"},
		{"It will be filed in July; it was drafted.", "", ""},
		{"It will be filed in July, after it was drafted in June.", "", ""},
		// ending an opening clause of time, of twelve words at most
		// (openingClause): the time of the occasion it names
		{"Prior to the premiere of the series in Japan last month, there had been one attempt.", "2023-08-01", "Aug 2023"},
		{"After the ruling of the court in the Norwegian capital of Oslo last month, Meta appealed.", "2023-08-01", "Aug 2023"}, // 12 words
		{"After the ruling of the court in the Norwegian capital city of Oslo last month, Meta appealed.", "", ""},              // 13
		{"Prior to the premiere of the series in Japan last month there had been one attempt.", "", ""},                         // no comma after
		{"Prior to the premiere, in Japan last month, there had been one attempt.", "", ""},                                     // a comma in it
		{"Meta says that the premiere of the series in Japan last month, was late.", "", ""},                                    // no word of time first
		// after the article's month: last year's, more than half a year
		// back, its year not certain (uncertainDays)
		{"It was filed in October.", "", ""},
		{"It was filed in October 2022.", "2022-10-01", "Oct 2022"},
		{"It was filed in April.", "2023-04-01", "Apr 2023"},
		{"It was filed in late March.", "2023-03-21", "Mar 2023"}, // 191 days back, but this year's
		{"In 2020, it sued, and in July it won.", "2020-01-01", "2020"},
		// the article's month, all of it; a month to come
		{"Starting this month, users are offered a choice.", "", ""},
		{"It was filed in late September.", "", ""},
		{"The ban will end in October.", "", ""},
	})
	// a month after the article's may be the last year's or the next
	oct := time.Date(2023, 10, 20, 0, 0, 0, 0, time.UTC)
	if when, _, ok := periodDate("It could stay closed until the mid-November deadline.", oct); ok {
		t.Errorf("mid-November in October: %v", when)
	}
	if when, _, ok := periodDate("It was closed in mid-September.", oct); !ok || when.Month() != time.September {
		t.Errorf("mid-September in October: %v %v", when, ok)
	}
}

// TestFill: TimelinePerDay events one document dates by its publication
// are taken before the next best of other days; the one more waits until
// nothing else is left. Events stating their day are never held back,
// but for those of one entry of a page under date headings: after
// TimelinePerEntry of them, the entry's next waits too.
func TestFill(t *testing.T) {
	a := &corpus.Document{ID: "a"}
	b := &corpus.Document{ID: "b"}
	pub := time.Date(2023, 12, 19, 0, 0, 0, 0, time.UTC)
	ev := func(doc *corpus.Document, name string, note string) event {
		return event{sentence: sentence{doc: doc, prev: name}, when: pub, note: note}
	}
	entry := func(doc *corpus.Document, name string, n int) event {
		e := ev(doc, name, "")
		e.dated, e.entry = true, n
		return e
	}
	names := func(evs []event) string {
		var out []string
		for _, e := range evs {
			out = append(out, e.prev)
		}
		return strings.Join(out, " ")
	}
	evs := []event{ev(a, "a1", "article date"), ev(a, "a2", "article date"), ev(a, "a3", "article date"), ev(b, "b1", "article date"), ev(a, "a4", "")}
	// b's first entry tells two sentences, its second one; a's first
	// entry is another (one per document)
	entries := []event{entry(b, "e1", 1), entry(b, "e1'", 1), entry(b, "e2", 2), entry(a, "f1", 1)}
	stamp := func(doc *corpus.Document, name string) event {
		e := ev(doc, name, "")
		e.dated, e.stamp = true, true
		return e
	}
	stamped := []event{stamp(a, "s1"), stamp(a, "s2"), stamp(a, "s3"), stamp(b, "t1")}
	for _, tc := range []struct {
		evs               []event
		n, perDay, perEnt int
		want              string
	}{
		{evs, 4, 2, 1, "a1 a2 b1 a4"},    // a3 is the third of a's publication day
		{evs, 4, 3, 1, "a1 a2 a3 b1"},    // at the boundary, a3 is taken
		{evs, 5, 2, 1, "a1 a2 b1 a4 a3"}, // room left: a3 comes back
		{evs, 3, 1, 1, "a1 b1 a4"},       // a4 states its day: never held back
		{entries, 3, 4, 1, "e1 e2 f1"},   // e1' is the second of its entry
		{entries, 3, 4, 2, "e1 e1' e2"},  // at the boundary, it is taken
		{entries, 4, 4, 1, "e1 e2 f1 e1'"},
		// a live page's stamped entries of one day: perDay of them
		{stamped, 3, 2, 1, "s1 s2 t1"},
		{stamped, 3, 3, 1, "s1 s2 s3"}, // at the boundary, s3 is taken
	} {
		if got := names(fill(tc.evs, tc.n, 0, tc.perDay, tc.perEnt)); got != tc.want {
			t.Errorf("fill(n %d, perDay %d, perEntry %d) = %q, want %q", tc.n, tc.perDay, tc.perEnt, got, tc.want)
		}
	}
}

// TestFillPeriodLines: past the first n lines, up to TimelinePeriodLines
// more events stating their own month or year are taken, best first; no
// more of those, and never an event stating its day, dated by its
// article, or dated by a month heading or an entry of its page.
func TestFillPeriodLines(t *testing.T) {
	doc := &corpus.Document{ID: "a"}
	pub := time.Date(2031, 5, 20, 0, 0, 0, 0, time.UTC)
	ev := func(name string, set func(*event)) event {
		e := event{sentence: sentence{doc: doc, prev: name}, when: pub}
		set(&e)
		return e
	}
	day := func(e *event) { e.dated = true }
	period := func(e *event) { e.when, e.period = pub.AddDate(-3, 0, 0), "2028" }
	article := func(e *event) { e.note = "article date" }
	heading := func(e *event) { e.when, e.period, e.stamp = pub.AddDate(0, -1, 0), "Apr 2031", true }
	// best first: two days fill the lines; then a day, a month heading's
	// sentence, an article's sentence and two periods
	evs := []event{ev("d1", day), ev("d2", day), ev("d3", day), ev("h1", heading), ev("n1", article), ev("p1", period), ev("p2", period)}
	names := func(evs []event) string {
		var out []string
		for _, e := range evs {
			out = append(out, e.prev)
		}
		return strings.Join(out, " ")
	}
	for _, tc := range []struct {
		periods int
		want    string
	}{
		{0, "d1 d2"},       // the rule off: the periods are cut
		{1, "d1 d2 p1"},    // the best period past the lines
		{2, "d1 d2 p1 p2"}, // at the boundary, the second too
		{3, "d1 d2 p1 p2"}, // no more periods; d3, h1, n1 never
	} {
		if got := names(fill(evs, 2, tc.periods, 4, 1)); got != tc.want {
			t.Errorf("fill(n 2, periods %d) = %q, want %q", tc.periods, got, tc.want)
		}
	}
	// under the cap, nothing is added and nothing held back
	if got := names(fill(evs[:2], 2, 2, 4, 1)); got != "d1 d2" {
		t.Errorf("fill of two under n 2 = %q", got)
	}
	if DefaultTuning.TimelinePeriodLines < 1 {
		t.Errorf("TimelinePeriodLines = %d: the story's past is cut", DefaultTuning.TimelinePeriodLines)
	}
}

// TestChronological: oldest first; on one day, a sentence telling of
// what is to come on it before one telling it happened; a period (its
// first day) before the days in it.
func TestChronological(t *testing.T) {
	doc := &corpus.Document{ID: "a"}
	nov30 := time.Date(2023, 11, 30, 0, 0, 0, 0, time.UTC)
	evs := []event{
		{sentence: sentence{doc: doc, start: 10, prev: "delivered"}, when: nov30, dated: true},
		{sentence: sentence{doc: &corpus.Document{ID: "b"}, start: 5, prev: "set for"}, when: nov30, dated: true, ahead: true},
		{sentence: sentence{doc: doc, start: 1, prev: "unveiled"}, when: time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC), period: "2019"},
	}
	chronological(evs)
	var got []string
	for _, e := range evs {
		got = append(got, e.prev)
	}
	if g := strings.Join(got, ", "); g != "unveiled, set for, delivered" {
		t.Errorf("chronological: %s", g)
	}
}

// TestEntries: on a page under date headings, each headline (the title
// line above the first heading too) begins an
// entry and the events under it are that entry's; a weekday under a
// heading is read against the heading's day, not the page's.
func TestEntries(t *testing.T) {
	const joins, staff, later = "Dara Lomax joins Quarry United as its coach, the club announced Friday.",
		"Dara Lomax brings three Quarry United assistants with her, the club said.",
		"Quarry United fans welcomed Dara Lomax at the ground on Monday."
	doc := docOf("Timeline of Dara Lomax at Quarry United", "November 21", "Lomax joins Quarry United", joins, staff, "Fans welcome Lomax", later)
	doc.Title, doc.Published = "Dara Lomax at Quarry United: a timeline", "2023-11-29T09:00:00Z" // a Wednesday
	tu := DefaultTuning
	w, _ := topicWords(nil, "Dara Lomax Quarry United")
	got := map[string]event{}
	for _, e := range eventsOf(doc, 0, w, &tu) {
		got[e.text()] = e
	}
	for _, tc := range []struct {
		s     string
		entry int
		when  string
	}{
		{joins, 3, "2023-11-17"}, // the Friday before November 21, not before the page's November 29
		{staff, 3, "2023-11-21"}, // the same entry
		{later, 4, "2023-11-20"}, // the next
	} {
		e, ok := got[tc.s]
		if !ok {
			t.Errorf("%q is no event", tc.s)
			continue
		}
		if e.entry != tc.entry || e.when.Format("2006-01-02") != tc.when {
			t.Errorf("%q: entry %d, %s; want entry %d, %s", tc.s, e.entry, e.when.Format("2006-01-02"), tc.entry, tc.when)
		}
	}
	for para, want := range map[string]bool{
		"Altman joins Microsoft":                true,
		"Source: ESPN's Jeff Passan":            true,
		"Microsoft will gain a board observer.": false, // a sentence
		"One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen":         true,
		"One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen": false,
	} {
		if got := entryHead(para); got != want {
			t.Errorf("entryHead(%q) = %v, want %v", para, got, want)
		}
	}
}

// TestEntryDates: a live page's entry labels ("Date: Tuesday, Dec. 5")
// give the day its entries were written: their weekdays are read against
// it, not against the page's first publication; a label more than a week
// after the page stays in its year beside another within
// TimelineHeadingSpan days (as headings do).
func TestEntryDates(t *testing.T) {
	const met, signed = "The team's manager told reporters Tuesday that the Dodgers met with Dara Lomax.",
		"Dara Lomax announced Saturday that she has agreed to a contract with the Dodgers."
	doc := docOf("Dara Lomax free agency tracker", "Lomax signs with Dodgers", "Date: Saturday, Dec. 9", "Source: ESPN", signed,
		"Dodgers met with Lomax", "Date: Tuesday, Dec. 5", "Source: The Athletic", met)
	doc.Title, doc.Published = "Dara Lomax free agency tracker", "2023-12-01T09:00:00Z" // a Friday
	for _, tc := range []struct {
		span int
		want map[string]string
	}{
		{14, map[string]string{met: "2023-12-05", signed: "2023-12-09"}},
		// December 9 alone, four days from December 5: the year before
		// (the Saturday before December 9, 2022, was December 3)
		{3, map[string]string{met: "2023-12-05", signed: "2022-12-03"}},
	} {
		tu := DefaultTuning
		tu.TimelineHeadingSpan = tc.span
		w, _ := topicWords(nil, "Dara Lomax free agency")
		got := map[string]string{}
		for _, e := range eventsOf(doc, 0, w, &tu) {
			got[e.text()] = e.when.Format("2006-01-02")
		}
		for s, want := range tc.want {
			if got[s] != want {
				t.Errorf("span %d: %q dated %q, want %s", tc.span, s, got[s], want)
			}
		}
	}
	for para, want := range map[string]string{
		"Date: Tuesday, Dec. 5": "Dec. 5",
		"Date: Dec. 3":          "Dec. 3",
		"Date of birth: Dec. 3": "",
		"Dec. 3":                "", // a heading, not an entry's label
	} {
		if got, _ := entryDate(para); got != want {
			t.Errorf("entryDate(%q) = %q, want %q", para, got, want)
		}
	}
}

// TestLiveStamp: a live page's entry opens with the time it was written,
// perhaps after its day; a sentence opening with a score or a year does not.
func TestLiveStamp(t *testing.T) {
	for para, want := range map[string]bool{
		"29 Oct 2023 03.21 GMT Final thoughts Okay, we officially have a series!":     true,
		"9:51 p.m. — Marte is retired for the first time tonight.":                    true,
		"1:23 p.m.: A quick stadium update for Chase Field.":                          true,
		"9:05 PM IST: It’s a wrap.":                                                   true,
		"10:56 p.m.: Bottom of 9th — And José Leclerc strikes out both.":              true,
		"2023 was a year of upsets.":                                                  false,
		"3-1 was the final score.":                                                    false,
		"Texas picked up its ninth consecutive road victory at 10:56 p.m. on Monday.": false,
		"The 12.30 kick-off was moved.":                                               false,
	} {
		if got := liveStampRE.MatchString(para); got != want {
			t.Errorf("liveStampRE(%q) = %v, want %v", para, got, want)
		}
	}
}

// TestNameHeads: a word of a topic's name commoner than its last counts
// only beside the last ("World" of "World Series" is not the World Cup's);
// a rarer one stands for its name alone; a possessive ends a name.
func TestNameHeads(t *testing.T) {
	w := words{w: weights{"2023": 1, "world": 1, "seri": 3}}
	w.heads = nameHeads(w.w, "the 2023 World Series", text.NameSpans("the 2023 World Series"))
	if got := w.coverage("The ICC World Cup 2023 final is on Sunday."); got != 0.2 {
		t.Errorf("World Cup: coverage %v, want 0.2 (the year alone)", got)
	}
	if got := w.coverage("Texas won Game 3 of the World Series."); got != 0.8 {
		t.Errorf("World Series: coverage %v, want 0.8", got)
	}
	if got := w.coverage("The series is now tied 1-1."); got != 0.6 {
		t.Errorf("series alone: coverage %v, want 0.6", got)
	}
	// rarer than its last: stands alone
	h := nameHeads(weights{"hipgnosi": 3, "song": 1, "fund": 2}, "Hipgnosis Songs Fund", text.NameSpans("Hipgnosis Songs Fund"))
	if h["hipgnosi"] != "" || h["song"] != "fund" {
		t.Errorf("Hipgnosis Songs Fund: heads %v, want song → fund only", h)
	}
	// a possessive ends a name: Ratcliffe is his name's last word
	topic := "Jim Ratcliffe's Manchester United takeover"
	h = nameHeads(weights{"jim": 1, "ratcliff": 3, "manchest": 2, "unit": 1}, topic, text.NameSpans(topic))
	if h["jim"] != "ratcliff" || h["ratcliff"] != "" {
		t.Errorf("%s: heads %v, want jim → ratcliff and Ratcliffe alone", topic, h)
	}
}

// TestSubjectYear: a topic's year is no subject word.
func TestSubjectYear(t *testing.T) {
	if w, _ := topicWords(nil, "the 2023 World Series"); w.subject.total() != 0 {
		t.Errorf("subject of the 2023 World Series: %v, want none", w.subject)
	}
	if w, _ := topicWords(nil, "the 2023 World Series tickets"); w.subject.total() == 0 {
		t.Errorf("subject of the 2023 World Series tickets: none, want tickets")
	}
}

// TestAgencyCredit: a caption opening with a photo agency's credit is
// furniture; a sentence reporting what an agency said is not.
func TestAgencyCredit(t *testing.T) {
	for s, want := range map[string]bool{
		"USA Today via Reuters Nov 5, 2023; Avondale, Arizona, USA; NASCAR Cup Series driver Ross Chastain celebrates.": true,
		"via Imago NASCAR, Motorsport, USA Food City Dirt Race Apr 9, 2023 Bristol, Tennessee.":                         true,
		"USA Today Sports via Reuters Jul 30, 2023; Richmond, Virginia.":                                                true,
		"The deal was first reported via Reuters on Monday.":                                                            false,
		"Via Rail cancelled its trains on Monday.":                                                                      false,
	} {
		if got := furniture(s); got != want {
			t.Errorf("furniture(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestToldBack: a day told back from the article's ("two weeks ago",
// "last week") orders a sentence stating no day of its own; a thing of
// last week ("last week's review") and a bound ("more than two weeks
// ago") are no day.
func TestToldBack(t *testing.T) {
	fri := time.Date(2023, 11, 17, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		s    string
		want string // "" for none
	}{
		{"Then, last week, the console arrived.", "2023-11-10"},
		{"Last week, the club sacked its manager.", "2023-11-10"},
		{"The fund announced the sale two weeks ago.", "2023-11-03"},
		{"The fund announced the sale 3 days ago.", "2023-11-14"},
		{"The fund announced the sale a week ago.", "2023-11-10"},
		{"The lawyer could not undo the damage of last week’s review.", ""},
		{"The lawyer could not undo the damage of last week's review.", ""},
		{"He took the job after the ouster of McCarthy more than two weeks ago.", ""},
		{"The fund announced the sale weeks ago.", ""},
		{"The fund will announce the sale next week.", ""},
		// last week's occasion: its day, a week back (occasionAhead)
		{"The laptop was announced at last week’s Scary Fast event, with an iMac.", "2023-11-10"},
		{"The laptop was announced at last week's event.", "2023-11-10"},
		{"The laptop was announced at last week’s big autumn hardware event.", "2023-11-10"}, // four words on
		{"The laptop was announced at last week’s big autumn hardware press event.", ""},     // five
		{"The lawyer could not undo the damage of last week’s review at the event.", ""},     // its noun is "review"
		{"The lawyer regretted last week’s review, a big event.", ""},                        // past a comma
	} {
		got := toldBackDay(tc.s, fri)
		g := ""
		if !got.IsZero() {
			g = got.Format("2006-01-02")
		}
		if g != tc.want {
			t.Errorf("toldBackDay(%q) = %q, want %q", tc.s, g, tc.want)
		}
	}
}

// TestToldBackEvent: a sentence whose day is told back from its
// article's is an event for stating its time (it needs only
// TimelineDated of the topic, with its context), dated so, and not
// lifted as a stated day is.
func TestToldBackEvent(t *testing.T) {
	const back, stated = "His rival's withdrawal at the end of last week cleared the way for Dara Lomax.",
		"His rival withdrew on Tuesday, clearing the way for Dara Lomax."
	evs := twoEvents(t, "Dara Lomax's Quarry United takeover", "Dara Lomax's Quarry United takeover", back, stated)
	if got := evs[0].when.Format("2006-01-02"); got != "2023-10-11" || evs[0].note != "" {
		t.Errorf("told back: %s %q, want 2023-10-11 and no note", got, evs[0].note)
	}
	if evs[0].score != evs[0].measures["base"] {
		t.Errorf("told back: lifted to %v from %v", evs[0].score, evs[0].measures["base"])
	}
	if evs[1].score != evs[1].measures["base"]+DefaultTuning.TimelineDatedLift {
		t.Errorf("stated: score %v, want lifted", evs[1].score)
	}
}

// TestToldBackOccasion: last week's named occasion is told back as its
// day and lifted as a stated day is; "last week" alone is not lifted.
func TestToldBackOccasion(t *testing.T) {
	const occasion, back = "Dara Lomax's bid was announced at last week’s Quarry Fast event.",
		"Last week, Dara Lomax's bid was announced to the Quarry board."
	evs := twoEvents(t, "Dara Lomax's Quarry United takeover", "Dara Lomax's Quarry United takeover", occasion, back)
	for i, want := range []bool{true, false} {
		if got := evs[i].when.Format("2006-01-02"); got != "2023-10-11" {
			t.Errorf("%q: %s, want 2023-10-11", evs[i].text(), got)
		}
		if lifted := evs[i].score != evs[i].measures["base"]; lifted != want {
			t.Errorf("%q: lifted %v, want %v", evs[i].text(), lifted, want)
		}
	}
	if occasionTold("It cleared last week's hurdle at the event.") {
		t.Error("the occasion of another noun of the possessive counted")
	}
}

// TestStillToCome: a sentence dated only by "today" or "tonight" that
// tells of what is still to come that day is not lifted as a stated
// day; a result of that day, a reported future, another day stated are.
func TestStillToCome(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"Inter Miami must win tonight to ensure they remain alive in the playoff race.", true},
		{"The club needs to win today to stay in the race.", true},
		{"Inter Miami's home field advantage tonight will be significantly hampered.", true},
		{"30 mins to kickoff: Messi's availability is a welcome sight as they take the field today.", true},
		{"1 hour 30 mins to kick: the club's predicament tonight is difficult enough.", true},
		{"Inter Miami are officially out of the playoff race after tonight's defeat.", false},
		{"Announcing the opening of a formal proceeding today, the Commission said the investigation will look at its rules.", false},
		{"The club must win on Saturday, a day after its defeat today.", false}, // another day stated
		{"The club must win to stay in the race.", false},                       // no day
		{"He was 30 mins to kickoff late today, the club said.", false},         // no countdown at the start
	} {
		if got := stillToCome(tc.s); got != tc.want {
			t.Errorf("stillToCome(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}

// TestStillToComeNotLifted: eventsOf lifts the day's result, not what
// is still to come that day.
func TestStillToComeNotLifted(t *testing.T) {
	const ahead, result = "Quarry United must win the cup tie tonight to stay alive.",
		"Quarry United lost the cup tie tonight to Rovers."
	evs := twoEvents(t, "Quarry United cup tie live", "Quarry United cup tie", ahead, result)
	for i, want := range []bool{false, true} {
		if lifted := evs[i].score != evs[i].measures["base"]; lifted != want {
			t.Errorf("%q: lifted %v, want %v", evs[i].text(), lifted, want)
		}
	}
}

// twoEvents returns the events of a document titled title, published
// 2023-10-18, of the two sentences a and b, read for topic; it fails the
// test unless both are events.
func twoEvents(t *testing.T, title, topic, a, b string) []event {
	t.Helper()
	doc := docOf(a, b)
	doc.Title, doc.Published = title, "2023-10-18T09:00:00Z"
	w, _ := topicWords(nil, topic)
	evs := eventsOf(doc, 0, w, &DefaultTuning)
	if len(evs) != 2 {
		t.Fatalf("events: %v", eventTexts(doc, topic, &DefaultTuning))
	}
	return evs
}

// TestMonthHeadings: on a page under month headings ("April 2023"), a
// sentence's "today" is some day of its section's month (the month
// dates it, no day), a day written without its year is that month's
// year's, and a sentence stating no time is the month's; the page's
// questions and answers after its months are no month's.
func TestMonthHeadings(t *testing.T) {
	const today, released, plain, faq = "The maker of Quarry Chat is out today with a new Quarry Chat app.",
		"Released March 14, Quarry Chat Plus costs $20 a month.",
		"Quarry Chat added voice replies for every user.",
		"Quarry Chat is free for anyone with an account."
	doc := docOf("April 2023", today, "March 2023", released, plain, "When was Quarry Chat released?", faq)
	doc.Title, doc.Published = "Quarry Chat: everything you need to know", "2023-09-28T09:00:00Z"
	w, _ := topicWords(nil, "Quarry Chat")
	got := map[string]event{}
	for _, e := range eventsOf(doc, 0, w, &DefaultTuning) {
		got[e.text()] = e
	}
	for _, tc := range []struct {
		s, when, period string
		dated           bool
		stamp           bool // held to TimelinePerDay of its month in fill, as a stamped entry
	}{
		{today, "2023-04-01", "Apr 2023", false, true}, // not the page's September 28
		{released, "2023-03-14", "", true, false},      // not uncertain: the heading's year
		{plain, "2023-03-01", "Mar 2023", false, true}, // the section's month
		{faq, "2023-09-28", "", false, false},          // its article's day, not March's section
	} {
		e, ok := got[tc.s]
		if !ok {
			t.Errorf("%q is no event: %v", tc.s, eventTexts(doc, "Quarry Chat", &DefaultTuning))
			continue
		}
		if w := e.when.Format("2006-01-02"); w != tc.when || e.period != tc.period || e.dated != tc.dated || e.stamp != tc.stamp {
			t.Errorf("%q: %s %q dated %v stamp %v, want %s %q %v %v", tc.s, w, e.period, e.dated, e.stamp, tc.when, tc.period, tc.dated, tc.stamp)
		}
	}
}

// TestYearHeadings: on a history under year headings ("1983 Cup, against
// Rovers"), a day written without its year is its section's year's and
// no background; a sentence stating no day is dated by the section's
// year, not by another year it recalls, and must hold the topic itself.
// One such heading alone, or one of the publication's year, dates
// nothing.
func TestYearHeadings(t *testing.T) {
	const (
		first    = "Quarry United reached the cup semi-finals against Rovers in Leeds on June 22."
		later    = "Quarry United played Town in the cup semi-finals in Hull on March 26."
		recalls  = "Quarry United lost the cup semi-finals at the ground where they first played one in 1983."
		weak     = "Quarry fans sang loudly in Hull that afternoon."
		sunday   = "Quarry United beat Town in the cup semi-finals on Sunday."
		headRov  = "1983 Cup, against Rovers"
		headTown = "2015 Cup, against Town"
	)
	for _, tc := range []struct {
		name  string
		paras []string
		want  map[string]string // sentence → its date and period; "" for no event
	}{
		{"two headings", []string{headRov, first, headTown, later, recalls, weak},
			map[string]string{first: "1983-06-22 ", later: "2015-03-26 ", recalls: "2015-01-01 2015", weak: ""}},
		{"one heading", []string{headRov, first},
			map[string]string{first: "2023-06-22 "}},
		{"the publication's year", []string{"2023 Cup, against Rovers", sunday, headTown, later},
			map[string]string{sunday: "2023-11-05 "}}, // its weekday read against the article's day
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := docOf(tc.paras...)
			doc.Title, doc.Published = "Quarry United at the cup semi-finals so far", "2023-11-11T09:00:00Z"
			w, _ := topicWords(nil, "Quarry United cup semi-finals")
			got := map[string]string{}
			for _, e := range eventsOf(doc, 0, w, &DefaultTuning) {
				got[e.text()] = e.when.Format("2006-01-02") + " " + e.period
			}
			for s, want := range tc.want {
				if got[s] != want {
					t.Errorf("%q: %q, want %q (events %v)", s, got[s], want, got)
				}
			}
		})
	}
}

// TestCarried: a sentence whose subject is "he" or "she" tells of the
// topic's person the sentence before names, when that sentence names no
// other person in full and no other of the topic's names.
func TestCarried(t *testing.T) {
	one := map[string]string{"lomax": "Dara Lomax"}
	two := map[string]string{"lomax": "Dara Lomax", "hale": "Kim Hale"}
	const signed = "After their daughter was born, Lomax signed with the club."
	for _, tc := range []struct {
		name, s, prev string
		names         map[string]string
		want          string
	}{
		{"opening he", "He and Rachel married in 2018.", signed, one, "Dara Lomax"},
		{"after an opening phrase", "In the 2022 season, he missed five games.", "Dara Lomax was hurt again.", one, "Dara Lomax"},
		{"opening she", "She moved to Leeds in 2019.", "Dara Lomax was hurt again.", one, "Dara Lomax"},
		{"first of its paragraph", "He and Rachel married in 2018.", "", one, ""},
		{"no pronoun subject", "Rachel and he married in 2018.", signed, one, ""},
		{"they", "They married in 2018.", signed, one, ""},
		{"no person before", "He married in 2018.", "The club signed a cornerback.", one, ""},
		{"another in full before", "He married in 2018.", "Lomax met Rachel Bush in Florida.", one, ""},
		{"two of the topic's", "He married in 2018.", "Lomax and Hale were arrested.", two, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := carried(tc.s, tc.prev, tc.names); got != tc.want {
				t.Errorf("carried(%q, %q) = %q, want %q", tc.s, tc.prev, got, tc.want)
			}
		})
	}
}

// TestCarriedEvent: through eventsOf, a dated sentence told of "he"
// after one naming the topic's person is an event; undated, or after one
// naming another person in full, it is not.
func TestCarriedEvent(t *testing.T) {
	const married, lunch = "He and Rachel married in 2018.", "He and Rachel ate lunch in Leeds."
	for _, tc := range []struct {
		name, para, s string
		want          bool
	}{
		{"dated", "Dara Lomax signed with the club in Leeds. " + married, married, true},
		{"undated", "Dara Lomax signed with the club in Leeds. " + lunch, lunch, false},
		{"another named", "Dara Lomax met Rachel Bush in Leeds. " + married, married, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := docOf("The weather was cold in the north that year.", tc.para)
			doc.Title, doc.Published = "A safety's long journey", "2023-12-15T09:00:00Z"
			got := eventTexts(doc, "Dara Lomax", &DefaultTuning)
			if slices.Contains(got, tc.s) != tc.want {
				t.Errorf("events %q, want %q %v", got, tc.s, tc.want)
			}
		})
	}
}

// TestCarriedUndatedNotLifted: an undated sentence told of "he", an
// event by its own words, is weighed by its own words, not by the person
// carried (it would outrank the story's dated lines).
func TestCarriedUndatedNotLifted(t *testing.T) {
	const left = "He left the club after a long row."
	doc := docOf("Dara Lomax signed with the club in Leeds. " + left)
	doc.Title, doc.Published = "A safety's long journey", "2023-12-15T09:00:00Z"
	w, _ := topicWords(nil, "Dara Lomax club")
	for _, e := range eventsOf(doc, 0, w, &DefaultTuning) {
		if e.text() == left {
			if own := w.coverage(left); e.measures["cov"] != own {
				t.Errorf("%q weighed %v, want its own %v", left, e.measures["cov"], own)
			}
			return
		}
	}
	t.Fatalf("%q is no event", left)
}

// TestTimelinePeriodLift: a sentence stating its own year is lifted by
// TimelinePeriodLift over one dated by its article; at the lift's
// boundary (the topic's share between them) one holding less of the
// topic ranks above one holding all of it, or below.
func TestTimelinePeriodLift(t *testing.T) {
	const all, year = "Quarry Chat added voice replies for every user, Quarry Chat said.",
		"In 2019, Quarry Chat first tested voice for a few users."
	doc := docOf(all, year)
	doc.Title, doc.Published = "Quarry Chat voice replies", "2023-10-18T09:00:00Z"
	w, _ := topicWords(nil, "Quarry Chat voice replies")
	for _, tc := range []struct {
		lift      float64
		yearFirst bool
	}{{DefaultTuning.TimelinePeriodLift, true}, {0.2, false}} {
		tu := DefaultTuning
		tu.TimelinePeriodLift = tc.lift
		evs := eventsOf(doc, 0, w, &tu)
		if len(evs) != 2 || evs[1].period != "2019" {
			t.Fatalf("events: %v", eventTexts(doc, "Quarry Chat voice replies", &tu))
		}
		if first := evs[1].score > evs[0].score; first != tc.yearFirst {
			t.Errorf("lift %v: the 2019 sentence (%v, of base %v) above the article's (%v): %v, want %v",
				tc.lift, evs[1].score, evs[1].measures["base"], evs[0].score, first, tc.yearFirst)
		}
	}
}

// TestPeriodDateNamedFor: a year written as a thing's (namedFor) dates
// what the sentence tells: possessive before a name, "the" before a
// name, "the" and a month before any word. A year before a common noun,
// or after another time the sentence writes first, does not.
func TestPeriodDateNamedFor(t *testing.T) {
	pub := time.Date(2023, 11, 23, 18, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		s, label string // "" for none
	}{
		{"It is easy to mark 2016’s Quarry Go as the turning point for the club.", "2016"},
		{"When Quarry Search released the 2011 Panda update, many rivals folded.", "2011"},
		{"Following the March 2011 earthquake, the Quarry Company sent aid to Leeds.", "Mar 2011"},
		{"When Quarry Search released the 2011 update, many rivals folded.", ""},                      // a common noun after
		{"It is easy to mark 2016 as the turning point for the club.", ""},                            // no possessive
		{"There had been one attempt before the premiere in Leeds last month: 2019’s Quarry Go.", ""}, // another time first
		{"By the time the 2023 Quarry Championships came, the town was full.", ""},                    // this year's: no earlier time
	} {
		_, label, ok := periodDate(tc.s, pub)
		if !ok {
			label = ""
		}
		if label != tc.label {
			t.Errorf("periodDate(%q) = %q, want %q", tc.s, label, tc.label)
		}
	}
}

// TestHistoryAnyYear: a document telling a history writes its years in
// many ways ("since 1996", "its 1998 redesign", "back to 2001"); each
// counts towards TimelineHistoryYears, not only those periodDate reads
// ("In 2009, …").
func TestHistoryAnyYear(t *testing.T) {
	paras := []string{
		"Quarry Search has ranked pages for Lomax Books since 1996.",
		"Its 1998 redesign of Lomax Books drew complaints.",
		"To understand this, cast an eye back to 2001.",
		"Quarry Search sold its Lomax Books arm to a rival, a 2004 deal.",
		"In 2009, Quarry Search bought back Lomax Books for $2 million.",
	}
	doc := docOf(paras...)
	doc.Title, doc.Published = "The long fight over search", "2023-11-01T09:00:00Z"
	pub, _ := doc.PublishedTime()
	tu := DefaultTuning
	if !history(doc, pub, &tu) {
		t.Errorf("five years, however written: no history")
	}
	tu.TimelineHistoryYears = 6
	if history(doc, pub, &tu) {
		t.Errorf("five years, TimelineHistoryYears 6: a history")
	}
	tu = DefaultTuning
	tu.TimelinePeriodYears = 14 // 2009 and later are no long past
	if history(doc, pub, &tu) {
		t.Errorf("four years of a long past: a history")
	}
}

// TestYearHeadingLift: under a history's year heading, a sentence telling
// of the story (an event there must hold the topic itself) is lifted by
// TimelinePeriodLift, as one stating its own year is ("In 2003, …"),
// not left below them.
func TestYearHeadingLift(t *testing.T) {
	const later = "Quarry United lost the cup semi-finals at the ground where they first played one."
	doc := docOf("1983 Cup, against Rovers", "Quarry United reached the cup semi-finals against Rovers in Leeds on June 22.", "2015 Cup, against Town", later)
	doc.Title, doc.Published = "Quarry United at the cup semi-finals so far", "2023-11-11T09:00:00Z"
	w, _ := topicWords(nil, "Quarry United cup semi-finals")
	for _, lift := range []float64{0.4, 0.25} {
		tu := DefaultTuning
		tu.TimelinePeriodLift = lift
		found := false
		for _, e := range eventsOf(doc, 0, w, &tu) {
			if e.text() == later {
				found = true
				if got := e.score - e.measures["base"]; math.Abs(got-lift) > 1e-9 {
					t.Errorf("TimelinePeriodLift %v: %q lifted %v", lift, later, got)
				}
			}
		}
		if !found {
			t.Errorf("%q: no event", later)
		}
	}
}

// TestTurnedTo: a sentence ending on the year it turns back to dates the
// sentence after it, which states no time of its own (turnedTo).
func TestTurnedTo(t *testing.T) {
	const next = "During the launch of its first game, Quarry United found the club at a crossroads."
	for _, tc := range []struct {
		prev, next, label string // "" for none
	}{
		{"To understand this, we must cast an eye back to 2020.", next, "2020"},
		{"It all goes back in 2019.", next, "2019"},
		{"To understand this, we must cast an eye back to 2020 and its games.", next, ""},                                           // not its end
		{"To understand this, we must cast an eye back to 2023.", next, ""},                                                         // the publication's year
		{"To understand this, we must cast an eye to 2020.", next, ""},                                                              // no turn back
		{"To understand this, we must cast an eye back to 2020.", "In 2021, Quarry United found the club at a crossroads.", "2021"}, // its own
	} {
		doc := docOf(tc.prev + " " + tc.next)
		doc.Title, doc.Published = "Quarry United's first games at a crossroads", "2023-11-11T09:00:00Z"
		w, _ := topicWords(nil, "Quarry United crossroads")
		tu := DefaultTuning
		got, found := "", false
		for _, e := range eventsOf(doc, 0, w, &tu) {
			if e.text() == tc.next {
				found, got = true, e.period
			}
		}
		if !found {
			t.Errorf("%q after %q: no event", tc.next, tc.prev)
		} else if got != tc.label {
			t.Errorf("%q after %q: period %q, want %q", tc.next, tc.prev, got, tc.label)
		}
	}
}

// TestOtherForms: a topic's word in "-ic" is met by its form in "-y" and
// the reverse, a stem of minICStem letters or more (icForm, otherForms).
func TestOtherForms(t *testing.T) {
	for word, want := range map[string]string{
		"economic": "economy", "history": "historic", "strategy": "strategic",
		"botanic": "botany", // five letters before "-ic"
		"rustic":  "",       // four
		"party":   "", "growth": "",
	} {
		if got := icForm(word); got != want {
			t.Errorf("icForm(%q) = %q, want %q", word, got, want)
		}
	}
	const topic = "Quarry's economic growth"
	tw, _ := topicWords(nil, topic)
	w := otherForms(tw, topic, 0.8)
	with, without := w.coverage("The Quarry economy posted growth."), w.coverage("The Quarry posted growth.")
	if math.Abs(with-without-0.8/3) > 1e-9 {
		t.Errorf("coverage with %q's other form %v, without %v: want 0.8 of its weight more", "economic", with, without)
	}
	if got := w.coverage("The Quarry economic growth."); got != 1 {
		t.Errorf("coverage of the topic's own words %v, want 1", got)
	}
	// a name's words are not read so
	nt := "Quarry Economic growth"
	nw, _ := topicWords(nil, nt)
	if got := otherForms(nw, nt, 0.8).coverage("Quarry Economy growth"); got >= 1 {
		t.Errorf("a name's word met by its other form: coverage %v", got)
	}
}

// TestSameDay: "That same day" is the day of the latest sentence stating
// one, with at most maxSameDayGap undated sentences between; further
// back, or with no day before, it is dated by its article.
func TestSameDay(t *testing.T) {
	const same = "That same day Quarry Sport reported that Lomax would coach the national team."
	for _, tc := range []struct {
		name  string
		paras []string
		want  string // the day of same, "" for its article's
	}{
		{"right after", []string{"On Nov. 4, Quarry club said Lomax was leaving.", same}, "2023-11-04"},
		{"one between", []string{"On Nov. 4, Quarry club said Lomax was leaving. Lomax had coached there ten years.", same}, "2023-11-04"},
		{"two between", []string{"On Nov. 4, Quarry club said Lomax was leaving. Lomax had coached there ten years. Few knew where Lomax would go.", same}, ""},
		{"no day before", []string{"Quarry club said Lomax was leaving.", same}, ""},
		{"a weekday", []string{"On Tuesday, Quarry club said Lomax was leaving.", same}, "2023-11-14"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := docOf(tc.paras...)
			doc.Title, doc.Published = "Lomax to coach the national team", "2023-11-15T21:00:00Z"
			w, _ := topicWords(nil, "Lomax national team coach")
			found := false
			for _, e := range candidatesOf(doc, 0, w, &DefaultTuning, true) {
				if e.text() != same {
					continue
				}
				found = true
				got := ""
				if e.note == "" {
					got = e.when.Format("2006-01-02")
				}
				if got != tc.want {
					t.Errorf("%q dated %q (%q), want %q", same, got, e.note, tc.want)
				}
			}
			if !found {
				t.Fatalf("%q is no candidate", same)
			}
		})
	}
}

// TestTopicParts: a topic written as a list of parts of two words or
// more; a name with "and" or "&" in it is one part.
func TestTopicParts(t *testing.T) {
	for topic, want := range map[string][]string{
		"canelo alvarez fights, the jermell charlo win and the conor mcgregor feud": {"canelo alvarez fights", "the jermell charlo win", "the conor mcgregor feud"},
		"the FTX collapse and Sam Bankman-Fried's trial":                            {"the FTX collapse", "Sam Bankman-Fried's trial"},
		"acme's seed round, and the board's vote":                                   {"acme's seed round", "the board's vote"},
		"Tom and Jerry":                         nil,
		"the Procter and Gamble earnings":       nil,
		"simon and schuster layoffs":            nil,
		"East Palestine, Ohio train derailment": nil,
		"Acme Holdings, Inc. bankruptcy":        nil,
		"the acme seed round, the factory lease, the board vote, the okafor exit and the sale": nil, // too many
		"the Acme seed round and the board's vote":                                             {"the Acme seed round", "the board's vote"},
		"Johnson & Johnson talc lawsuits":                                                      nil,
		"the openai board fallout":                                                             nil,
	} {
		if got := topicParts(topic); !slices.Equal(got, want) {
			t.Errorf("topicParts(%q) = %q, want %q", topic, got, want)
		}
	}
}

// TestTimelineTopicParts: a topic of three stories no sentence tells
// together is told by each of its parts (Tuning.TimelineTopicParts);
// with the parts off it has no events.
func TestTimelineTopicParts(t *testing.T) {
	const topic = "acme robotics seed funding, the lagos lions league final and the abuja stars spending rules"
	lines := func(parts int) string {
		d := testDesk(t)
		tu := DefaultTuning
		tu.TimelineTopicParts = parts
		d.Tuning = &tu
		r, err := d.Timeline(context.Background(), answer.Request{}, topic)
		if err != nil {
			t.Fatal(err)
		}
		return r.Text()
	}
	text := lines(DefaultTuning.TimelineTopicParts)
	for _, w := range []string{"raised $5.3 million", "won the league final", "docked six points"} {
		if !strings.Contains(text, w) {
			t.Errorf("the timeline of its parts lacks %q:\n%s", w, text)
		}
	}
	for _, not := range []string{"Do you work at", "newsletter", "parks"} {
		if strings.Contains(text, not) {
			t.Errorf("the timeline of its parts shows %q:\n%s", not, text)
		}
	}
	if text := lines(0); strings.Contains(text, "raised $5.3 million") || strings.Contains(text, "won the league final") {
		t.Errorf("with the parts off, the whole topic's timeline has its parts' events:\n%s", text)
	}
}
