package access

import (
	"slices"
	"testing"

	"github.com/newsroom/askbot/corpus"
)

var policy = &Policy{
	Collections: []Collection{
		{Name: "politics", Path: "politics"},
		{Name: "wires", Path: "wires/"},
		{Name: "investigations", Path: "investigations", Restricted: true, Members: []string{"UINV"}},
	},
	Channels: map[string][]string{
		"CGENERAL": {"politics", "wires"},
		"CINVEST":  {"investigations", "politics", "wires"},
	},
}

func TestScope(t *testing.T) {
	docs := map[string]*corpus.Document{
		"politics":       {Path: "politics/briefing.md"},
		"wires":          {Path: "wires/feed.jsonl:3"},
		"investigations": {Path: "investigations/leak.txt"},
		"general":        {Path: "notes.txt"}, // outside every collection
	}
	tests := []struct {
		place Place
		sees  []string
	}{
		{Place{"CGENERAL", "U1"}, []string{"politics", "wires", "general"}},
		{Place{"CINVEST", "U1"}, []string{"politics", "wires", "investigations", "general"}},
		{Place{"COTHER", "UINV"}, []string{"politics", "wires", "general"}}, // unlisted channel: unrestricted only, even for a member
		{Place{"D123", "U1"}, []string{"politics", "wires", "general"}},
		{Place{"D456", "UINV"}, []string{"politics", "wires", "investigations", "general"}},
		{Place{"", "UINV"}, []string{"politics", "wires", "investigations", "general"}}, // the CLI as a member's DM
		{Place{}, []string{"politics", "wires", "investigations", "general"}},           // the operator
	}
	for _, tt := range tests {
		s := policy.Scope(tt.place)
		for name, d := range docs {
			if got, want := s.Allows(d), slices.Contains(tt.sees, name); got != want {
				t.Errorf("%+v sees %s: %v, want %v", tt.place, name, got, want)
			}
		}
	}
	if got := policy.Scope(Place{"CGENERAL", "U1"}).String(); got != "politics, wires, and documents outside every collection" {
		t.Errorf("String() = %q", got)
	}
	var none Policy
	if s := none.Scope(Place{"CGENERAL", "U1"}); s.Allow() != nil || !s.Allows(docs["investigations"]) {
		t.Error("no collections configured: every question must see every document")
	}
}

func TestCollectionOfDeepest(t *testing.T) {
	p := &Policy{Collections: []Collection{{Name: "all", Path: "desk"}, {Name: "secret", Path: "desk/secret"}}}
	if got := p.CollectionOf(&corpus.Document{Path: "desk/secret/memo.txt"}); got != "secret" {
		t.Errorf("got %q", got)
	}
	if got := p.CollectionOf(&corpus.Document{Path: "desk-other/x.txt"}); got != "" {
		t.Errorf("a sibling folder with the same prefix got %q", got)
	}
}
