package text

import (
	"maps"
	"testing"
)

func TestAcronyms(t *testing.T) {
	for _, tc := range []struct {
		name, doc string
		want      map[string]string
	}{
		{"in brackets", "The UK first introduced Daylight Saving Time (DST) in 1916.", map[string]string{"DST": "Daylight Saving Time"}},
		{"plural", "1. Alternative Investment Funds (AIFs)", map[string]string{"AIF": "Alternative Investment Funds"}},
		{"lower case", "Mid-stage private equity (PE) funds", map[string]string{"PE": "private equity"}},
		{"after or", "the mysterious art of search engine optimization, or SEO.", map[string]string{"SEO": "search engine optimization"}},
		{"small words skipped", "the National Association of Realtors (NAR) said", map[string]string{"NAR": "National Association of Realtors"}},
		{"a small word last", "the fund of (FO) said", map[string]string{}},
		{"a word in capitals", "the US Copyright Office (USCO) ruled", map[string]string{"USCO": "US Copyright Office"}},
		{"a possessive", "the Realtors’ Daylight Fund’s (DF) plan", map[string]string{"DF": "Daylight Fund"}},
		{"not the initials", "the market regulator (SEBI) said", map[string]string{}},
		{"initials of other words", "the bill passed the House (PA) on Monday", map[string]string{}},
		{"one word", "the ICC (ICC) ruled on Monday", map[string]string{}},
		{"too few words", "Funds (AIFs)", map[string]string{}},
		{"punctuation within", "in the UK. Daylight, Saving (DS) is", map[string]string{}},
		{"punctuation before", "in the Daylight Saving. (DS) is", map[string]string{}},
		{"two names", "Digital Services Act (DSA) and the Data Security Act (DSA)", map[string]string{}},
		{"one name twice", "Digital Services Act (DSA) and the digital services act (DSA)", map[string]string{"DSA": "digital services act"}},
		{"no brackets", "AIFs are only available to HNIs.", map[string]string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Acronyms(tc.doc); !maps.Equal(got, tc.want) {
				t.Errorf("Acronyms(%q) = %v, want %v", tc.doc, got, tc.want)
			}
		})
	}
}

func TestSpelledOut(t *testing.T) {
	acr := map[string]string{"DST": "Daylight Saving Time", "SEO": "search engine optimization"}
	for _, tc := range []struct{ s, want string }{
		{"MPs voted to scrap DST in 2019.", "\nDaylight Saving Time"},
		{"Daylight saving time ends on Sunday.", "\nDST"},
		{"Most SEOs told me so.", "\nsearch engine optimization"}, // its plural
		{"DST’s end and SEO.", "\nDaylight Saving Time\nsearch engine optimization"},
		{"The DSTX of other lands differ.", ""}, // not the word
		{"It was a nice day.", ""},
	} {
		if got := SpelledOut(tc.s, acr); got != tc.want {
			t.Errorf("SpelledOut(%q) = %q, want %q", tc.s, got, tc.want)
		}
	}
	if got := SpelledOut("MPs voted to scrap DST.", nil); got != "" {
		t.Errorf("SpelledOut with no acronyms = %q, want none", got)
	}
}

func TestAllCaps(t *testing.T) {
	for w, want := range map[string]bool{"US": true, "PPV": true, "É": true, "Fund": false, "G7": false, "usco": false} {
		if got := AllCaps(w); got != want {
			t.Errorf("AllCaps(%q) = %v, want %v", w, got, want)
		}
	}
}
