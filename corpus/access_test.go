package corpus

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// metadataFS builds a one-document corpus whose access metadata (one
// "key: value" YAML line, or the same as a JSON field) comes from the
// given format: Markdown front matter, a sidecar beside a .txt file, or a
// JSONL field, beside another document (so that the load succeeds when
// the first is skipped). It returns the file system and the document's file.
func metadataFS(format, yamlLine, jsonField string) (fstest.MapFS, string) {
	fsys, file := metadataFile(format, yamlLine, jsonField)
	fsys["zz-other.txt"] = &fstest.MapFile{Data: []byte("Other\n\nA second document, always loaded.\n")}
	return fsys, file
}

func metadataFile(format, yamlLine, jsonField string) (fstest.MapFS, string) {
	const body = "The council met on Tuesday and approved the budget."
	switch format {
	case "front matter":
		return fstest.MapFS{"story.md": {Data: []byte("---\ntitle: Story\n" + yamlLine + "\n---\n" + body + "\n")}}, "story.md"
	case "sidecar":
		return fstest.MapFS{
			"story.txt":           {Data: []byte("Story\n\n" + body + "\n")},
			"story.txt.meta.yaml": {Data: []byte(yamlLine + "\n")},
		}, "story.txt"
	case "jsonl":
		return fstest.MapFS{"archive.jsonl": {Data: []byte(`{"id":"story","title":"Story","text":"` + body + `",` + jsonField + "}\n")}}, "archive.jsonl"
	}
	panic("unknown format " + format)
}

var metadataFormats = []string{"front matter", "sidecar", "jsonl"}

// Every format reads the withdrawn flag the same way (one function); a
// value that is neither true nor false skips the document with a reason
// naming the file and the value.
func TestWithdrawnFlagReadAlikeByEveryFormat(t *testing.T) {
	tests := []struct {
		yaml, json string
		want       bool
		bad        bool // skipped, the reason naming the value
	}{
		{yaml: "true", json: "true", want: true},
		{yaml: "yes", json: `"yes"`, want: true},
		{yaml: `"true"`, json: `"true"`, want: true},
		{yaml: `"yes"`, json: `"yes"`, want: true},
		{yaml: "'Yes'", json: `"Yes"`, want: true},
		{yaml: "YES", json: `"YES"`, want: true},
		{yaml: "on", json: `"on"`, want: true},
		{yaml: "1", json: "1", want: true},
		{yaml: `"1"`, json: `"1"`, want: true},
		{yaml: "false", json: "false", want: false},
		{yaml: "no", json: `"no"`, want: false},
		{yaml: `"False"`, json: `"False"`, want: false},
		{yaml: "off", json: `"off"`, want: false},
		{yaml: "0", json: "0", want: false},
		{yaml: "maybe", json: `"maybe"`, bad: true},
		{yaml: "2", json: "2", bad: true},
		{yaml: `""`, json: `""`, bad: true},
		{yaml: `"retracted"`, json: `"retracted"`, bad: true},
	}
	for _, format := range metadataFormats {
		for _, tt := range tests {
			t.Run(format+"/"+tt.yaml, func(t *testing.T) {
				fsys, file := metadataFS(format, "withdrawn: "+tt.yaml, `"withdrawn":`+tt.json)
				res, err := LoadFS(t.Context(), fsys, Options{})
				if err != nil {
					t.Fatal(err)
				}
				if tt.bad {
					if len(res.Documents) != 1 {
						t.Fatalf("loaded (withdrawn %v), want skipped", res.Documents[0].Withdrawn)
					}
					value := strings.Trim(tt.json, `"`)
					if len(res.Skipped) != 1 || res.Skipped[0].Path != file ||
						!strings.Contains(res.Skipped[0].Reason, `withdrawn: "`+value+`" is neither true nor false`) {
						t.Fatalf("skipped %v, want %s with the value %q", res.Skipped, file, value)
					}
					return
				}
				if len(res.Documents) != 2 {
					t.Fatalf("not loaded: skipped %v", res.Skipped)
				}
				if got := res.Documents[0].Withdrawn; got != tt.want {
					t.Errorf("withdrawn = %v, want %v", got, tt.want)
				}
				if res.Documents[0].Citable(time.Now()) == tt.want {
					t.Errorf("citable = %v with withdrawn %v", !tt.want, tt.want)
				}
			})
		}
	}
}

// An embargo is kept to the instant, whatever its offset: not citable a
// minute before, citable a minute after, in every format, and a YAML
// timestamp at local midnight keeps its offset. A date alone means
// midnight UTC, as it did.
func TestEmbargoKeepsTheInstant(t *testing.T) {
	tests := []struct {
		embargo string
		instant time.Time
	}{
		{"2026-12-05T00:00:00-12:00", time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)},
		{"2026-12-05T00:00:00+14:00", time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)},
		{"2026-12-05T00:00:00Z", time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)},
		{"2026-12-05T00:00:00+05:30", time.Date(2026, 12, 4, 18, 30, 0, 0, time.UTC)},
		{"2026-12-05T09:30:00.5+05:30", time.Date(2026, 12, 5, 4, 0, 0, 5e8, time.UTC)},
		{"2026-12-05", time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)},
	}
	for _, format := range append(metadataFormats, "front matter quoted") {
		for _, tt := range tests {
			t.Run(format+"/"+tt.embargo, func(t *testing.T) {
				from, line := format, "embargo: "+tt.embargo
				if format == "front matter quoted" {
					from, line = "front matter", `embargo: "`+tt.embargo+`"`
				}
				fsys, _ := metadataFS(from, line, `"embargo":"`+tt.embargo+`"`)
				res, err := LoadFS(t.Context(), fsys, Options{})
				if err != nil {
					t.Fatal(err)
				}
				d := res.Documents[0]
				if !d.Embargo.Equal(tt.instant) {
					t.Errorf("embargo %s, want %s", d.Embargo.UTC().Format(time.RFC3339Nano), tt.instant.Format(time.RFC3339Nano))
				}
				if d.Citable(tt.instant.Add(-time.Minute)) {
					t.Errorf("citable a minute before %s", tt.instant)
				}
				if !d.Citable(tt.instant.Add(time.Minute)) {
					t.Errorf("not citable a minute after %s", tt.instant)
				}
			})
		}
	}
}

// A publication time at local midnight in front matter keeps its offset
// too; a date alone stays a date.
func TestFrontMatterPublishedKeepsTheInstant(t *testing.T) {
	tests := []struct {
		published, want string
		instant         time.Time
	}{
		{"2026-12-05T00:00:00-12:00", "2026-12-05T00:00:00-12:00", time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)},
		{"2026-12-05T00:00:00+14:00", "2026-12-05T00:00:00+14:00", time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)},
		{"2026-12-05 09:00:00", "2026-12-05T09:00:00Z", time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC)},
		{"2023-10-07", "2023-10-07", time.Date(2023, 10, 7, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.published, func(t *testing.T) {
			fsys, _ := metadataFS("front matter", "published: "+tt.published, "")
			res, err := LoadFS(t.Context(), fsys, Options{})
			if err != nil {
				t.Fatal(err)
			}
			d := res.Documents[0]
			got, ok := d.PublishedTime()
			if d.Published != tt.want || !ok || !got.Equal(tt.instant) {
				t.Errorf("published %q (%s), want %q (%s)", d.Published, got, tt.want, tt.instant)
			}
		})
	}
}
