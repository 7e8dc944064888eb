package text

import (
	"slices"
	"testing"
)

func TestAliases(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want []Alias
	}{
		{"How can New Zealand’s All Blacks withstand the wave?", []Alias{{"All Blacks", "New Zealand"}}},
		{"South Africa's Springboks prevailed 12-11.", []Alias{{"Springboks", "South Africa"}}},
		{"It was the Springboks, South Africa's national team, who won.", []Alias{{"Springboks", "South Africa"}}},
		{"the All Blacks (New Zealand) lost.", []Alias{{"Blacks", "New Zealand"}}},
		// a person's side reads the same; the caller weighs two owners
		{"Ian Foster's All Blacks lost.", []Alias{{"All Blacks", "Ian Foster"}}},
		// not a team's name: its last word is no plural
		{"Apple's iPhone sold well.", nil},
		{"OpenAI's Sam Altman spoke.", nil},
		{"Europe's Congress met.", nil},
		// a comma and a name with no possessive is a list, not an alias
		{"the Springboks, South Africa and England.", nil},
		{"the Springboks and South Africa's fans.", nil},
		// brackets must hold the owner alone
		{"the All Blacks (New Zealand's side) lost.", nil},
		{"The Springboks beat the All Blacks 12-11.", nil},
	} {
		if got := Aliases(tc.s); !slices.Equal(got, tc.want) {
			t.Errorf("Aliases(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}

func TestNicknameOwner(t *testing.T) {
	for name, want := range map[string]string{
		"Springboks": "South Africa", "the Springboks": "South Africa", "Boks": "South Africa",
		"The All Blacks": "New Zealand", "all blacks": "New Zealand", "Seleção": "Brazil",
		// many teams' names, or no nickname: nobody's
		"Lions": "", "the Sharks": "", "South Africa": "", "Blacks": "", "": "",
	} {
		if got := NicknameOwner(name); got != want {
			t.Errorf("NicknameOwner(%q) = %q, want %q", name, got, want)
		}
	}
}
