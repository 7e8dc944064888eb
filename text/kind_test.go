package text

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"
)

func TestKindOf(t *testing.T) {
	f, err := os.Open("testdata/kinds.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		q, want, ok := strings.Cut(sc.Text(), "\t")
		if !ok || strings.HasPrefix(q, "#") {
			continue
		}
		n++
		t.Run(q, func(t *testing.T) {
			if got := KindOf(q); got.String() != want {
				t.Errorf("KindOf(%q) = %s, want %s", q, got, want)
			}
		})
	}
	if n < 20 {
		t.Fatalf("read %d questions from testdata/kinds.tsv", n)
	}
}

func TestKindHolds(t *testing.T) {
	tests := []struct {
		kind     Kind
		sentence string
		want     bool
	}{
		{AskWhen, "Classes will start at 8:45 a.m. under the new plan.", true},
		{AskWhen, "The deal closed on Oct. 13, 2023.", true},
		{AskWhen, "The summit opens at noon.", true},
		{AskWhen, "The plan may change schools.", false},
		{AskWho, "The board named Richard Teng as chief executive.", true},
		{AskWho, "the board met again and decided nothing.", false},
		// Someone unnamed who did it: a person or an organization as the
		// subject of a verb.
		{AskWho, "The harbour inquiry heard that the dredging contractor was paid twice.", true},
		{AskWho, "The harbour inquiry heard that the work was paid for twice.", false},
		{AskWho, "fans queued for hours outside the venue.", false},
		{AskWhere, "The summit was held in Riyadh.", true},
		{AskWhere, "The summit was held in March.", false},
		{AskCount, "There are 157,000 speakers.", true},
		{AskCount, "The law passed in 2023.", false},
		{AskCount, "India reached their seventh semi-final.", true},
		{AskCount, "They have won it twice.", true},
		{AskMoney, "The authority overspent its budget by 4.2 million dollars.", true},
		{AskMoney, "Uber reported revenue of $9.3 billion.", true},
		{AskMoney, "Revenue rose 11 percent.", false},
		{AskQuantity, "Revenue rose 11 percent.", true},
		{AskReason, "He resigned because of the audit.", true},
		// A reason given without "because": an allegation, an advantage,
		// what drove it.
		{AskReason, "Petersen excoriated Clark, alleging he had expanded the headcount.", true},
		{AskReason, "Zinc batteries have the advantage of being safer.", true},
		{AskReason, "The rally was driven by falling yields.", true},
		{AskReason, "Zinc batteries are made in China.", false},
		{AskSaid, "“It is garbage,” Peskov said.", true},
		{AskYesNo, "Anything at all.", true},
		{AskHow, "The Duma applauded the result.", true},
		{AskOther, "Anything at all.", true},
	}
	for _, tt := range tests {
		t.Run(tt.kind.String()+"/"+tt.sentence, func(t *testing.T) {
			if got := tt.kind.Holds(tt.sentence); got != tt.want {
				t.Errorf("%s.Holds(%q) = %v, want %v", tt.kind, tt.sentence, got, tt.want)
			}
		})
	}
}

func TestKindsTable(t *testing.T) {
	seen := map[Kind]bool{}
	for _, k := range Kinds() {
		if seen[k] {
			t.Errorf("kind %s listed twice", k)
		}
		seen[k] = true
		if k.String() == "" || k.Absent() == "" || !strings.HasPrefix(k.Absent(), "no passage ") {
			t.Errorf("kind %d: name %q, absent %q", k, k.String(), k.Absent())
		}
	}
	if !strings.Contains(AskWhen.Absent(), "date or time") {
		t.Errorf("AskWhen.Absent() = %q: a time of day answers when", AskWhen.Absent())
	}
}

func TestCounted(t *testing.T) {
	tests := []struct{ q, want string }{
		{"how many seats does the sphere have?", "seats"},
		{"how many ppl were hurt", "people"},
		{"How many new stores in 2024", "stores"},
		{"how many", ""},
		{"who won", ""},
		{"how many times has india reached the semifinals", ""},
		{"how many sportsbooks applied for vermont licences", "sportsbooks"},
		{"how many ppl showed up to afrofuture last yr", "people"},
		{"how many fans went to the final", "fans"},
		{"how many man utd fans were at the game", "fans"},
		{"how many did crawford drop on the kings", ""},
		{"how many things is harbaugh being investigated for", ""},
		{"how many speed cameras are there", "cameras"},
		{"How many New Stores in 2024", "Stores"},
	}
	for _, tt := range tests {
		if got := Counted(tt.q); got != tt.want {
			t.Errorf("Counted(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

func TestAgents(t *testing.T) {
	tests := []struct {
		sentence string
		want     []string
	}{
		{"The inquiry heard that the dredging contractor was paid twice.", []string{"contractor"}},
		{"A spokeswoman said the plant would stay open.", []string{"spokeswoman"}},
		{"The investigators were not told.", []string{"investigators"}},
		{"The chairmen had resigned.", []string{"chairmen"}},
		{"Its council has approved the budget.", []string{"council"}},
		// No person or organization: an inquiry, a venue, a fan (first a
		// machine).
		{"The harbour inquiry was told about the dredging.", nil},
		{"The venue was full.", nil},
		{"The fans were loud.", nil},
		// A person, but not a verb's subject.
		{"The contractor's work in the spring.", nil},
	}
	for _, tt := range tests {
		if got := Agents(tt.sentence); !slices.Equal(got, tt.want) {
			t.Errorf("Agents(%q) = %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

func TestIsAgent(t *testing.T) {
	for w, want := range map[string]bool{
		"contractor": true, "spokeswoman": true, "investigators": true, "chairmen": true, "council": true, "company": true, "women": true,
		"inquiry": false, "venue": false, "fan": false, "budget": false, "zorblatt": false,
	} {
		if got := IsAgent(w); got != want {
			t.Errorf("IsAgent(%q) = %v, want %v", w, got, want)
		}
	}
}

func TestIsProperNoun(t *testing.T) {
	for w, want := range map[string]bool{
		"bogota": true, "norway": true, "uk": true,
		// A name in one sense and a word in another, or no name at all.
		"turkey": false, "march": false, "apple": false, "mayor": false, "zorblatt": false,
	} {
		if got := IsProperNoun(w); got != want {
			t.Errorf("IsProperNoun(%q) = %v, want %v", w, got, want)
		}
	}
}

func TestIsUnlisted(t *testing.T) {
	for w, want := range map[string]bool{
		"eurovision": true, "nascar": true,
		// WordNet lists it, as written or inflected, or the table lacks it.
		"mayor": false, "companies": false, "walked": false, "won": false, "zorblatt": false,
	} {
		if got := IsUnlisted(w); got != want {
			t.Errorf("IsUnlisted(%q) = %v, want %v", w, got, want)
		}
	}
}

func TestWhoDid(t *testing.T) {
	for q, want := range map[string]string{
		"who won the carabao cup final":         "won",
		"who told altman he was fired":          "told",
		"Who denied meeting Russian officials?": "denied",
		"whos the new ceo of binance":           "",
		"who's coaching michigan":               "",
		"who is the afl talent ambassador":      "",
		"which judge is hearing the case":       "",
		"so who scored the equaliser":           "scored",
		"who":                                   "",
	} {
		if got := WhoDid(q); got != want {
			t.Errorf("WhoDid(%q) = %q, want %q", q, got, want)
		}
	}
}
