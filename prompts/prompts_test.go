package prompts

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./prompts -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s:\n--- got ---\n%s\n--- want ---\n%s", name, path, got, want)
	}
}

var passages = []Passage{
	{N: 1, Title: "Russia confirms contacts with Trump team", Source: "Times of Israel", Date: "Nov 10, 2016", Paragraphs: "2",
		Text: "The terse announcement quoted Russian Deputy Foreign Minister Sergei Ryabkov as saying, “Russia had contacts with Trump team, this work is continuing.”"},
	{N: 2, Title: "Kremlin statement", Source: "Interfax", Paragraphs: "7-8", Text: "Putin on Wednesday congratulated Trump on his victory."},
}

func TestTemplates(t *testing.T) {
	tests := []struct {
		name   string
		render func() (string, error)
	}{
		{"system", System},
		{"no-passages", func() (string, error) { return Question("Who won?", nil, nil) }},
		{"passages", func() (string, error) { return Question("What did Ryabkov say?", passages, nil) }},
		{"follow-up", func() (string, error) {
			return Question("What did he add?", passages, []Turn{{Question: "What did Ryabkov say?", Answer: "He said Russia had contacts with the Trump team [1]."}})
		}},
		{"rewrite", func() (string, error) {
			return Rewrite("What did he add?", []Turn{{Question: "What did Ryabkov say?", Answer: "He said Russia had contacts [1]."}})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.render()
			if err != nil {
				t.Fatal(err)
			}
			golden(t, tt.name, got)
		})
	}
}
