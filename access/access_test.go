package access

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
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
		{Place{"CGENERAL", "U1", false}, []string{"politics", "wires", "general"}},
		{Place{"CINVEST", "U1", false}, []string{"politics", "wires", "investigations", "general"}},
		{Place{"COTHER", "UINV", false}, []string{"politics", "wires", "general"}}, // unlisted channel: unrestricted only, even for a member
		{Place{"D123", "U1", true}, []string{"politics", "wires", "general"}},
		{Place{"D456", "UINV", true}, []string{"politics", "wires", "investigations", "general"}},
		{Place{"D789", "UINV", false}, []string{"politics", "wires", "general"}},               // a DM between two people: open collections only
		{Place{"G789", "UINV", false}, []string{"politics", "wires", "general"}},               // a group DM
		{Place{"", "UINV", false}, []string{"politics", "wires", "investigations", "general"}}, // the CLI as a member's DM
		{Place{}, []string{"politics", "wires", "investigations", "general"}},                  // the operator
	}
	for _, tt := range tests {
		s := policy.Scope(tt.place)
		for name, d := range docs {
			if got, want := s.Allows(d), slices.Contains(tt.sees, name); got != want {
				t.Errorf("%+v sees %s: %v, want %v", tt.place, name, got, want)
			}
		}
	}
	if got := policy.Scope(Place{"CGENERAL", "U1", false}).String(); got != "politics, wires, and documents outside every collection" {
		t.Errorf("String() = %q", got)
	}
	var none Policy
	if s := none.Scope(Place{"CGENERAL", "U1", false}); s.Allow() != nil || !s.Allows(docs["investigations"]) {
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

// A link in an open folder to a restricted memo does not make the memo
// visible from a channel without the restricted collection: the corpus
// does not follow links, so the memo is only ever under its real path.
func TestLinkToRestrictedMemoStaysRestricted(t *testing.T) {
	root := t.TempDir()
	for name, text := range map[string]string{
		"investigations/leak.txt": "Leak\n\nThe restricted memo names the source.",
		"politics/briefing.txt":   "Briefing\n\nThe council meets on Tuesday.",
	} {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("../investigations/leak.txt", filepath.Join(root, "politics/leak.txt")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	res, err := corpus.Load(t.Context(), root, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	general := policy.Scope(Place{"CGENERAL", "U1", false})
	for _, d := range res.Documents {
		if strings.Contains(d.Text, "restricted memo") && general.Allows(d) {
			t.Errorf("the restricted memo is visible in the general channel as %s", d.Path)
		}
	}
	if !slices.ContainsFunc(res.Skipped, func(s corpus.Skipped) bool { return s.Path == "politics/leak.txt" }) {
		t.Errorf("the link is not listed among the skipped files: %v", res.Skipped)
	}
}
