package text

import (
	"strings"
	"testing"
	"time"
)

func TestMonthPeriods(t *testing.T) {
	sep28 := time.Date(2023, 9, 28, 15, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name     string
		s        string
		ref      time.Time
		from, to string // "" for none
	}{
		{"in a month", "It ruled in July.", sep28, "2023-07-01", "2023-07-31"},
		{"back in a month", "It issued a ban back in July.", sep28, "2023-07-01", "2023-07-31"},
		{"the article's month", "It was filed in September.", sep28, "2023-09-01", "2023-09-30"},
		{"a month after the article's is last year's", "It was filed in October.", sep28, "2022-10-01", "2022-10-31"},
		{"December in January", "It was filed in December.", time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), "2023-12-01", "2023-12-31"},
		{"with its year", "In March 2022, he slapped Chris Rock.", sep28, "2022-03-01", "2022-03-31"},
		{"a later month with its year", "It opens in December 2023.", sep28, "2023-12-01", "2023-12-31"},
		{"short with a dot", "It was filed in Aug. 2021.", sep28, "2021-08-01", "2021-08-31"},
		{"in early", "It was filed in early August.", sep28, "2023-08-01", "2023-08-10"},
		{"in mid-", "It was filed in mid-August.", sep28, "2023-08-11", "2023-08-20"},
		{"in late", "It was filed in late August.", sep28, "2023-08-21", "2023-08-31"},
		{"at the start of", "It was followed at the start of August by a plan.", sep28, "2023-08-01", "2023-08-10"},
		{"the beginning of", "At the beginning of February, it sued.", sep28, "2023-02-01", "2023-02-10"},
		{"the middle of", "In the middle of June, it sued.", sep28, "2023-06-11", "2023-06-20"},
		{"at the end of", "It sued at the end of February.", sep28, "2023-02-21", "2023-02-28"},
		{"the end of last month", "It sued at the end of last month.", sep28, "2023-08-21", "2023-08-31"},
		{"earlier this month", "However, earlier this month, a court rejected it.", sep28, "2023-09-01", "2023-09-27"},
		{"earlier this month on the first", "Earlier this month, a court rejected it.", time.Date(2023, 9, 1, 0, 0, 0, 0, time.UTC), "", ""},
		{"early this month", "Early this month, a court rejected it.", sep28, "2023-09-01", "2023-09-10"},
		{"this month", "Starting this month, users pay.", sep28, "2023-09-01", "2023-09-30"},
		{"last month", "It sued last month.", sep28, "2023-08-01", "2023-08-31"},
		{"last month in January", "It sued last month.", time.Date(2024, 1, 15, 0, 0, 0, 0, time.UTC), "2023-12-01", "2023-12-31"},
		{"late last month", "It sued late last month.", sep28, "2023-08-21", "2023-08-31"},
		{"earlier last month", "It sued earlier last month.", sep28, "2023-08-01", "2023-08-31"},
		{"from a month", "They were unable to attend home games last season from January.", sep28, "2023-01-01", "2023-01-31"},
		{"from a month with its year", "It was closed from March 2022.", sep28, "2022-03-01", "2022-03-31"},
		// none
		{"from a day", "It is open from January 1 to March 3.", sep28, "", ""},
		{"from a day with its ordinal", "It was shut from June 5th.", sep28, "", ""},
		{"from a stretch's first month", "The season is from September to April.", sep28, "", ""},
		{"from a month in the subject", "A survey from August showed that few had tried it.", sep28, "", ""},
		{"from a month with no auxiliary", "Sales fell from August.", sep28, "", ""},
		{"from a month after the month May", "In May sales fell from August levels.", sep28, "2023-05-01", "2023-05-31"}, // May's period only
		{"in a stretch's first month", "It was closed in August to the public.", sep28, "2023-08-01", "2023-08-31"},
		{"a month without in", "May the court rule.", sep28, "", ""},
		{"a lower-case may", "It may rule in may.", sep28, "", ""},
		{"a day", "It ruled on July 4.", sep28, "", ""},
		{"no reference day", "It ruled in July.", time.Time{}, "", ""},
		{"no reference day, with a year", "It ruled in July 2023.", time.Time{}, "2023-07-01", "2023-07-31"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps := MonthPeriods(tc.s, tc.ref)
			if tc.from == "" {
				if len(ps) > 0 {
					t.Errorf("MonthPeriods(%q) = %v, want none", tc.s, ps)
				}
				return
			}
			if len(ps) != 1 {
				t.Fatalf("MonthPeriods(%q) = %v, want one", tc.s, ps)
			}
			if rel := strings.HasSuffix(tc.s[ps[0].Start:ps[0].End], " month"); ps[0].Relative != rel {
				t.Errorf("MonthPeriods(%q).Relative = %v, want %v", tc.s, ps[0].Relative, rel)
			}
			if f, to := ps[0].From.Format("2006-01-02"), ps[0].To.Format("2006-01-02"); f != tc.from || to != tc.to {
				t.Errorf("MonthPeriods(%q) = %s to %s (%q), want %s to %s", tc.s, f, to, tc.s[ps[0].Start:ps[0].End], tc.from, tc.to)
			}
		})
	}
}

func TestHasCalendarDate(t *testing.T) {
	for s, want := range map[string]bool{
		"The file was originally proposed back in April 2021.":              true,
		"The Steam Deck OLED will go on sale on November 16th at 1pm ET.":   true,
		"It will be available Nov. 16 to purchase.":                         true,
		"On 16 November the device ships.":                                  true,
		"The team reported its findings May 18 in Advanced Materials.":      true,
		"The filing is dated 2023-10-07.":                                   true,
		"Doors open at 8:45.":                                               true,
		"Apologies to anyone who bought a Steam Deck yesterday.":            false,
		"By 2050, more than five billion people are expected to lack water": false,
		"Then, last week, the Steam Deck OLED arrived.":                     false,
		"When the water vapor touches that cold surface, it condenses.":     false,
		"The vote is on Tuesday.":                                           false,
		"It may rain in the morning.":                                       false,
		"She may well win.":                                                 false,
	} {
		if got := HasCalendarDate(s); got != want {
			t.Errorf("HasCalendarDate(%q) = %v, want %v", s, got, want)
		}
	}
}
