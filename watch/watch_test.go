package watch

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestRunNotifiesOncePerBurst(t *testing.T) {
	for _, poll := range []bool{false, true} {
		t.Run(map[bool]string{false: "fsnotify", true: "poll"}[poll], func(t *testing.T) {
			dir := t.TempDir()
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			calls := make(chan struct{}, 10)
			started := make(chan struct{})
			go Run(ctx, dir, Options{Debounce: 50 * time.Millisecond, Poll: 50 * time.Millisecond, ForcePoll: poll, Started: func() { close(started) }}, func() { calls <- struct{}{} })
			<-started
			wait := func(what string) {
				t.Helper()
				select {
				case <-calls:
				case <-time.After(10 * time.Second): // a bound on the test
					t.Fatalf("no call after %s", what)
				}
			}
			// A burst of writes, a new folder and a file in it.
			os.WriteFile(filepath.Join(dir, "a.txt"), []byte("one"), 0o644)
			os.WriteFile(filepath.Join(dir, "b.txt"), []byte("two"), 0o644)
			wait("two new files")
			os.Mkdir(filepath.Join(dir, "desk"), 0o755)
			os.WriteFile(filepath.Join(dir, "desk", "c.txt"), []byte("three"), 0o644)
			wait("a file in a new folder")
			// The new folder is watched too.
			os.WriteFile(filepath.Join(dir, "desk", "d.txt"), []byte("four"), 0o644)
			wait("a second file in the new folder")
			os.Remove(filepath.Join(dir, "a.txt"))
			wait("a deletion")
		})
	}
}

func TestFallsBackToPollingWithAReason(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	reasons := make(chan error, 1)
	go Run(ctx, filepath.Join(t.TempDir(), "missing"), Options{Poll: time.Hour, Fallback: func(err error) { reasons <- err }}, func() {})
	select {
	case err := <-reasons:
		if err == nil {
			t.Error("no reason given")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no fallback for a folder that cannot be watched")
	}
}

// The watch follows the corpus's rule for links: a link to a folder
// outside the corpus is not watched (the loader does not read it either),
// so a change out there reloads nothing.
func TestLinkedFolderIsNotWatched(t *testing.T) {
	for _, poll := range []bool{false, true} {
		t.Run(map[bool]string{false: "fsnotify", true: "poll"}[poll], func(t *testing.T) {
			dir, outside := t.TempDir(), t.TempDir()
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			calls := make(chan struct{}, 10)
			started := make(chan struct{})
			go Run(ctx, dir, Options{Debounce: 50 * time.Millisecond, Poll: 50 * time.Millisecond, ForcePoll: poll, Started: func() { close(started) }}, func() { calls <- struct{}{} })
			<-started
			if err := os.Symlink(outside, filepath.Join(dir, "elsewhere")); err != nil {
				t.Skipf("no symbolic links here: %v", err)
			}
			select {
			case <-calls: // the link itself is a change (the reload lists it as skipped)
			case <-time.After(10 * time.Second):
				t.Fatal("no call after a new link")
			}
			os.WriteFile(filepath.Join(outside, "secret.txt"), []byte("outside"), 0o644)
			select {
			case <-calls:
				t.Error("a change outside the corpus, behind a link, reloaded it")
			case <-time.After(300 * time.Millisecond):
			}
		})
	}
}

// With a grace, a change that brought a new file is followed by one more
// call once the grace has passed (the loader publishes then the new
// document it held back for its sidecar); under fsnotify, an edit of a
// known file, or a new sidecar, is not.
func TestGraceFollowsANewFile(t *testing.T) {
	for _, poll := range []bool{false, true} {
		t.Run(map[bool]string{false: "fsnotify", true: "poll"}[poll], func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, "old.txt"), []byte("old"), 0o644)
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			calls := make(chan struct{}, 10)
			started := make(chan struct{})
			opts := Options{Debounce: 50 * time.Millisecond, Poll: 20 * time.Millisecond, ForcePoll: poll, Grace: 300 * time.Millisecond, Started: func() { close(started) }}
			go Run(ctx, dir, opts, func() { calls <- struct{}{} })
			<-started
			wait := func(what string) {
				t.Helper()
				select {
				case <-calls:
				case <-time.After(10 * time.Second): // a bound on the test
					t.Fatalf("no call %s", what)
				}
			}
			os.WriteFile(filepath.Join(dir, "story.txt"), []byte("a new story"), 0o644)
			wait("after a new file")
			wait("after the new file's grace")
			if poll {
				return // polling cannot tell a new file from an edit
			}
			os.WriteFile(filepath.Join(dir, "old.txt"), []byte("edited"), 0o644)
			os.WriteFile(filepath.Join(dir, "story.txt.meta.yaml"), []byte("withdrawn: true\n"), 0o644)
			wait("after an edit and a new sidecar")
			select {
			case <-calls:
				t.Error("an edit and a sidecar were followed by a second call")
			case <-time.After(2 * opts.Grace):
			}
		})
	}
}
