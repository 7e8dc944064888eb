package answer

import (
	"strings"
	"testing"
)

func TestPrintableName(t *testing.T) {
	tests := []struct {
		sentence, name string
		want           bool
	}{
		{"Bumble is replacing founder CEO Whitney Wolfe Herd with Slack CEO Lidiane Jones.", "Whitney Wolfe Herd", false},
		{"Bumble is replacing founder CEO Whitney Wolfe Herd with Slack CEO Lidiane Jones.", "Lidiane Jones", true},
		{"Magic Leap has replaced its CEO Peggy Johnson with Ross Rosenberg.", "Peggy Johnson", false},
		{"Jones only started as CEO at Slack last year, stepping in for another founder CEO, Stewart Butterfield.", "Stewart Butterfield", false},
		{"Jones only started as CEO at Slack last year, stepping in for another founder CEO, Stewart Butterfield.", "Jones", true},
		{"Richard Teng took over from Changpeng Zhao as chief executive.", "Changpeng Zhao", false},
		{"Richard Teng took over from Changpeng Zhao as chief executive.", "Richard Teng", true},
		{"She was named CEO in place of Sam Altman.", "Sam Altman", false},
		{"Officials stepped in to help Sam Altman.", "Sam Altman", true},
		{"Magic Leap has replaced its CEO Peggy Johnson with Ross Rosenberg.", "Ross Rosenberg", true},
		{"Binance CEO Changpeng Zhao is stepping down as part of a settlement.", "Changpeng Zhao", false},
		{"Richard Teng, a Binance executive, will succeed him as CEO.", "Richard Teng", true},
		{"The former CEO Jack Dorsey founded the company.", "Jack Dorsey", false},
		{"Twenty-eight players were named in the squad.", "Twenty-eight", false},
		{"The Matrix Partners-backed startup raised $10 million.", "Matrix Partners-backed", false},
		{"The Arkansas-based retailer said sales rose.", "Arkansas-based", false},
		{"Sam Bankman-Fried was found guilty.", "Sam Bankman-Fried", true},
		{"U2 opened the Sphere with a concert.", "U2", true},
	}
	for _, tt := range tests {
		at := strings.Index(tt.sentence, tt.name)
		if got := printableName(tt.sentence, tt.name, at); got != tt.want {
			t.Errorf("printableName(%q in %q) = %v, want %v", tt.name, tt.sentence, got, tt.want)
		}
	}
}
