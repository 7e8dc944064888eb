package watch

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A file still being written is not read: changed is called only once the
// file's size and modification time have held for the debounce period.
// Under fsnotify the writes come through a hard link outside the watched
// folder, so that no event reports them (as with another mount or a
// network filesystem); polling sees them only by the fingerprint.
func TestHalfWrittenFileIsNotRead(t *testing.T) {
	for _, poll := range []bool{false, true} {
		t.Run(map[bool]string{false: "fsnotify", true: "poll"}[poll], func(t *testing.T) {
			dir, outside := t.TempDir(), t.TempDir()
			src, watched := filepath.Join(outside, "story.txt"), filepath.Join(dir, "story.txt")
			const parts = 40
			part := func(i int) string { return "Paragraph " + string(rune('A'+i%26)) + " of the story.\n" }
			var full strings.Builder
			for i := range parts {
				full.WriteString(part(i))
			}
			if err := os.WriteFile(src, []byte(part(0)), 0o644); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			reads := make(chan string, 10)
			started := make(chan struct{})
			// The writer's pauses (10 ms) are far shorter than the debounce
			// (200 ms); the writing lasts twice the debounce.
			opts := Options{Debounce: 200 * time.Millisecond, Poll: 10 * time.Millisecond, ForcePoll: poll, Started: func() { close(started) }}
			go Run(ctx, dir, opts, func() {
				raw, _ := os.ReadFile(watched)
				select {
				case reads <- string(raw):
				default:
				}
			})
			<-started
			if err := os.Link(src, watched); err != nil {
				t.Skipf("no hard links here: %v", err)
			}
			f, err := os.OpenFile(src, os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			for i := 1; i < parts; i++ {
				time.Sleep(10 * time.Millisecond) // the writer's pace, not a wait for the watch
				if _, err := f.WriteString(part(i)); err != nil {
					t.Fatal(err)
				}
			}
			f.Close()
			select {
			case got := <-reads:
				if got != full.String() {
					t.Errorf("read the file with %d of %d lines written", strings.Count(got, "\n"), parts)
				}
			case <-time.After(10 * time.Second): // a bound on the test
				t.Fatal("no call after the file was written")
			}
		})
	}
}
