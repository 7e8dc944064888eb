package eval

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// The research desk's question types (issue 20): each is measured by its
// own figures, not by the retrieval and answer figures of Run.
const (
	TypeClaim    = "claim"
	TypeQuotes   = "quotes"
	TypeTimeline = "timeline"
)

// IsDesk reports whether a question type is one of the research desk's.
func IsDesk(typ string) bool { return typ == TypeClaim || typ == TypeQuotes || typ == TypeTimeline }

// DeskQuestion is a question of a desk set: the common fields, and those
// of its type.
type DeskQuestion struct {
	Question
	// Figure is, for a contradicted claim, the documents' figure that the
	// check must show ("$4.3 billion").
	Figure string `json:"figure,omitempty"`
	// Speaker and Topic are a quotes question's NAME and TOPIC; Evidence
	// holds quotations by the speaker, NotBy quotations by others in the
	// same articles, which must never be shown as the speaker's.
	Speaker string     `json:"speaker,omitempty"`
	Topic   string     `json:"topic,omitempty"`
	NotBy   []Evidence `json:"not_by,omitempty"`
	// Events are a timeline's events, oldest first (Evidence holds the same
	// quotes); OtherStory are sentences of other stories (and the page's
	// furniture) that must not be shown.
	Events     []Event    `json:"events,omitempty"`
	OtherStory []Evidence `json:"other_story,omitempty"`
}

// Event is one dated event of a timeline question.
type Event struct {
	Date  string `json:"date"` // YYYY-MM-DD
	DocID string `json:"doc_id"`
	Quote string `json:"quote"`
}

// ReadDeskQuestions reads the desk questions of a JSONL question set
// (other types are skipped).
func ReadDeskQuestions(path string) ([]DeskQuestion, error) {
	return readJSONL(path, func(q DeskQuestion) bool { return IsDesk(q.Type) })
}

// DeskOutcome is what the desk showed for one question.
type DeskOutcome struct {
	// Verdict is a claim check's: "supported", "contradicted", "not_found".
	Verdict string
	// Headline is the first line shown (the verdict with its figure).
	Headline string
	// Lines are the verbatim sentences or quotations shown, in order.
	Lines []string
	// Speakers are the speakers the lines are attributed to (quotes).
	Speakers []string
}

// DeskAsker runs one desk question.
type DeskAsker func(ctx context.Context, q DeskQuestion) (DeskOutcome, error)

// DeskReport holds the desk figures, per type.
type DeskReport struct {
	Claims   *ClaimFigures    `json:"claims,omitempty"`
	Quotes   *QuoteFigures    `json:"quotes,omitempty"`
	Timeline *TimelineFigures `json:"timeline,omitempty"`
	Misses   []Miss           `json:"-"`
}

// ClaimFigures are the claim check's figures: the verdict right, per
// expected verdict, and the documents' figure shown for contradictions.
type ClaimFigures struct {
	Claims int `json:"claims"`
	// Right[v] and Total[v] count the claims whose expected verdict is v.
	Right    map[string]int `json:"right"`
	Total    map[string]int `json:"total"`
	Accuracy float64        `json:"accuracy"`
	// FigureShown counts contradicted claims judged so whose headline
	// shows the expected figure.
	FigureShown int `json:"figure_shown"`
	// EvidenceShown counts supported or contradicted claims judged right
	// with a shown sentence containing an evidence quote (or contained by one).
	EvidenceShown int `json:"evidence_shown"`
	// Wrong counts wrong answers: a claim judged supported or contradicted
	// whose expected verdict is another (worse than not found).
	Wrong int `json:"wrong"`
}

// QuoteFigures are who-said-it's figures.
type QuoteFigures struct {
	Speakers int `json:"speakers"`
	// Found counts speakers with at least one of their quotations shown.
	Found int `json:"speakers_found"`
	// Shown are quotations shown; Judged those matching a labelled
	// quotation (the speaker's or another's); Right those the speaker's.
	Shown     int     `json:"quotes_shown"`
	Judged    int     `json:"quotes_judged"`
	Right     int     `json:"quotes_right"`
	Wrong     int     `json:"quotes_wrong"` // another speaker's labelled quotation shown as theirs
	Precision float64 `json:"precision"`    // Right / Judged
	// Recall is the share of labelled quotations of the speakers shown.
	Labelled int     `json:"quotes_labelled"`
	Recalled int     `json:"quotes_recalled"`
	Recall   float64 `json:"recall"`
}

// TimelineFigures are the timeline's figures.
type TimelineFigures struct {
	Timelines int `json:"timelines"`
	Events    int `json:"events"`
	// Found are labelled events shown; OutOfOrder those shown before an
	// earlier event (pairs inverted among the found events, per timeline).
	Found      int     `json:"events_found"`
	FoundRate  float64 `json:"found_rate"`
	OutOfOrder int     `json:"out_of_order"`
	Lines      int     `json:"lines_shown"`
	// Distractors are lines shown that hold a labelled sentence of
	// another story (OtherStory); InOrder counts timelines with no pair
	// out of order.
	Distractors int `json:"distractors"`
	InOrder     int `json:"in_order"`
}

// matches reports whether a shown line and a labelled quote are the same
// text: one contains the other, normalised.
func matches(line, quote string) bool {
	l, q := Normalize(line), Normalize(quote)
	if l == "" || q == "" {
		return false
	}
	return strings.Contains(l, q) || strings.Contains(q, l)
}

// RunDesk asks every desk question and scores the outcomes.
func RunDesk(ctx context.Context, qs []DeskQuestion, ask DeskAsker) (*DeskReport, error) {
	r := &DeskReport{}
	for _, q := range qs {
		out, err := ask(ctx, q)
		if err != nil {
			return nil, fmt.Errorf("question %s: %w", q.ID, err)
		}
		var why string
		switch q.Type {
		case TypeClaim:
			if r.Claims == nil {
				r.Claims = &ClaimFigures{Right: map[string]int{}, Total: map[string]int{}}
			}
			why = r.Claims.score(q, out)
		case TypeQuotes:
			if r.Quotes == nil {
				r.Quotes = &QuoteFigures{}
			}
			why = r.Quotes.score(q, out)
		case TypeTimeline:
			if r.Timeline == nil {
				r.Timeline = &TimelineFigures{}
			}
			why = r.Timeline.score(q, out)
		}
		if why != "" {
			r.Misses = append(r.Misses, Miss{ID: q.ID, Type: q.Type, Question: q.Question.Question, Why: why, Expected: q.Answer, Answer: out.Headline})
		}
	}
	if c := r.Claims; c != nil {
		right := 0
		for _, n := range c.Right {
			right += n
		}
		c.Accuracy = float64(right) / float64(max(1, c.Claims))
	}
	if f := r.Quotes; f != nil {
		f.Precision = float64(f.Right) / float64(max(1, f.Judged))
		f.Recall = float64(f.Recalled) / float64(max(1, f.Labelled))
	}
	if f := r.Timeline; f != nil {
		f.FoundRate = float64(f.Found) / float64(max(1, f.Events))
	}
	return r, nil
}

func (c *ClaimFigures) score(q DeskQuestion, out DeskOutcome) string {
	c.Claims++
	c.Total[q.Answer]++
	if out.Verdict != q.Answer {
		if out.Verdict != "not_found" {
			c.Wrong++
		}
		return fmt.Sprintf("verdict %s, want %s", out.Verdict, q.Answer)
	}
	c.Right[q.Answer]++
	if q.Answer == "not_found" {
		return ""
	}
	shown := slices.ContainsFunc(out.Lines, func(l string) bool {
		return slices.ContainsFunc(q.Evidence, func(ev Evidence) bool { return matches(l, ev.Quote) })
	})
	if shown {
		c.EvidenceShown++
	}
	if q.Answer == "contradicted" {
		if q.Figure != "" && strings.Contains(Normalize(out.Headline), Normalize(q.Figure)) {
			c.FigureShown++
		} else {
			return "the documents' figure " + q.Figure + " is not in the verdict"
		}
	}
	if !shown {
		return "no evidence sentence shown"
	}
	return ""
}

func (f *QuoteFigures) score(q DeskQuestion, out DeskOutcome) string {
	f.Speakers++
	f.Labelled += len(q.Evidence)
	f.Shown += len(out.Lines)
	recalled := map[int]bool{}
	var wrong []string
	for _, l := range out.Lines {
		if i := slices.IndexFunc(q.Evidence, func(ev Evidence) bool { return matches(l, ev.Quote) }); i >= 0 {
			f.Judged++
			f.Right++
			recalled[i] = true
			continue
		}
		if slices.ContainsFunc(q.NotBy, func(ev Evidence) bool { return matches(l, ev.Quote) }) {
			f.Judged++
			f.Wrong++
			wrong = append(wrong, l)
		}
	}
	f.Recalled += len(recalled)
	if len(recalled) > 0 {
		f.Found++
	}
	switch {
	case len(wrong) > 0:
		return fmt.Sprintf("%d quotation(s) by someone else shown as %s's: %q", len(wrong), q.Speaker, wrong[0])
	case len(recalled) == 0:
		return "none of the speaker's labelled quotations shown"
	}
	return ""
}

func (f *TimelineFigures) score(q DeskQuestion, out DeskOutcome) string {
	f.Timelines++
	f.Events += len(q.Events)
	f.Lines += len(out.Lines)
	// the position of each labelled event among the lines shown
	var pos []int
	found := 0
	for _, ev := range q.Events {
		i := slices.IndexFunc(out.Lines, func(l string) bool { return matches(l, ev.Quote) })
		if i >= 0 {
			found++
		}
		pos = append(pos, i)
	}
	f.Found += found
	inverted := 0
	for i := range pos {
		for j := i + 1; j < len(pos); j++ {
			if pos[i] >= 0 && pos[j] >= 0 && q.Events[i].Date < q.Events[j].Date && pos[i] > pos[j] {
				inverted++
			}
		}
	}
	f.OutOfOrder += inverted
	if inverted == 0 {
		f.InOrder++
	}
	distractors := 0
	for _, l := range out.Lines {
		if slices.ContainsFunc(q.OtherStory, func(ev Evidence) bool { return matches(l, ev.Quote) }) {
			distractors++
		}
	}
	f.Distractors += distractors
	switch {
	case distractors > 0:
		return fmt.Sprintf("%d line(s) of another story shown", distractors)
	case found < len(q.Events):
		return fmt.Sprintf("%d of %d events found", found, len(q.Events))
	case inverted > 0:
		return fmt.Sprintf("%d pairs of events out of order", inverted)
	}
	return ""
}

// Matches reports whether a shown line and a labelled quote are the same
// text, as the desk's figures match them (one contains the other,
// normalised): the labels of the timeline's learned choice.
func Matches(line, quote string) bool { return matches(line, quote) }
