package corpus

import (
	"strings"
	"testing"
	"time"
)

// An embargo whose offset RFC 3339 does not allow (time.Parse takes up to
// +24:60) skips the document, naming it and the value, in every format:
// read as written, "+24:00" would release it a day early, and the
// document could not be written to a store as JSON.
func TestEmbargoOffsetOutOfRangeSkipsTheDocument(t *testing.T) {
	for _, embargo := range []string{"2026-12-07T00:00:00+24:00", "2026-12-07T00:00:00-24:00", "2026-12-07T00:00:00+23:60", "2026-12-07T00:00:00+05:60"} {
		for _, format := range metadataFormats {
			t.Run(format+"/"+embargo, func(t *testing.T) {
				fsys, file := metadataFS(format, `embargo: "`+embargo+`"`, `"embargo":"`+embargo+`"`)
				res, err := LoadFS(t.Context(), fsys, Options{})
				if err != nil {
					t.Fatal(err)
				}
				if len(res.Documents) != 1 {
					t.Fatalf("loaded with embargo %s, want skipped", res.Documents[0].Embargo.UTC())
				}
				if len(res.Skipped) != 1 || res.Skipped[0].Path != file || !strings.Contains(res.Skipped[0].Reason, embargo) ||
					!strings.Contains(res.Skipped[0].Reason, "offset is out of range") {
					t.Fatalf("skipped %v, want %s with the value %q", res.Skipped, file, embargo)
				}
			})
		}
	}
	// The widest offsets RFC 3339 allows still load.
	for _, embargo := range []string{"2026-12-07T00:00:00+23:59", "2026-12-07T00:00:00-23:59"} {
		fsys, _ := metadataFS("jsonl", "", `"embargo":"`+embargo+`"`)
		res, err := LoadFS(t.Context(), fsys, Options{})
		if err != nil || len(res.Documents) != 2 {
			t.Fatalf("%s: %v, skipped %v", embargo, err, res.Skipped)
		}
	}
}

// A publication time with such an offset is no date: the document stays,
// undated, rather than dated a day off.
func TestPublishedOffsetOutOfRangeIsNoDate(t *testing.T) {
	d := &Document{Published: "2026-12-07T00:00:00+24:00"}
	if got, ok := d.PublishedTime(); ok {
		t.Errorf("published %s, want no date", got.UTC().Format(time.RFC3339))
	}
	d.Published = "2026-12-07T00:00:00+23:59"
	if _, ok := d.PublishedTime(); !ok {
		t.Error("+23:59 is no date")
	}
}
