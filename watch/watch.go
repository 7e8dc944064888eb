// Package watch tells when the files under a directory change: through
// fsnotify (recursive, new folders included), debounced so that a burst of
// changes (a copy, a checkout) gives one call, and, where the system cannot
// watch (inotify limits, network filesystems), by comparing the files'
// fingerprint every poll interval. Either way a changed file is read only
// once its size and modification time have held for the debounce period,
// so that a file still being written is not indexed half-written. With a
// grace (Options.Grace), a change that brought a new file is followed by
// one more call once the grace has passed, which publishes the new
// documents the loader held back waiting for their sidecars.
package watch

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/newsroom/askbot/corpus"
)

// Options tune a watch. The zero value debounces 2 s and polls every 30 s.
type Options struct {
	// Debounce is the quiet time after the last change before changed is
	// called: no event, and the changed files' size and modification time
	// the same at both ends of it.
	Debounce time.Duration
	// Poll is the interval of the fallback rescan.
	Poll time.Duration
	// ForcePoll skips fsnotify (tests, and filesystems known not to notify).
	ForcePoll bool
	// Fallback, when set, is told why the watch fell back to polling.
	Fallback func(reason error)
	// Started, when set, is called once the watch is set up: changes from
	// then on are seen.
	Started func()
	// Grace, when positive, calls changed once more Grace after a call
	// for changes that brought a new file (any change, when polling):
	// the loader holds a new document without a sidecar back for that
	// long (corpus.Options.NewFileGrace), and this call publishes it.
	Grace time.Duration
}

// DefaultSidecarGrace is how long a new document without a sidecar waits,
// under watch, for its sidecar: long enough for a person copying a story
// and then its sidecar by hand, short enough that a new story is
// answerable within a minute. A sidecar written first is never late.
const DefaultSidecarGrace = 30 * time.Second

// Run calls changed after files under root change, until ctx is done.
func Run(ctx context.Context, root string, opts Options, changed func()) error {
	if opts.Debounce <= 0 {
		opts.Debounce = 2 * time.Second
	}
	if opts.Poll <= 0 {
		opts.Poll = 30 * time.Second
	}
	if !opts.ForcePoll {
		w, err := fsnotify.NewWatcher()
		if err == nil {
			err = addTree(w, root)
			if err == nil {
				defer w.Close()
				if opts.Started != nil {
					opts.Started()
				}
				return notify(ctx, w, opts.Debounce, opts.Grace, changed)
			}
			w.Close()
		}
		if opts.Fallback != nil {
			opts.Fallback(fmt.Errorf("watch %s: %w; rescanning every %s instead", root, err, opts.Poll))
		}
	}
	return poll(ctx, root, opts, changed)
}

// addTree watches root and every folder under it, hidden ones aside;
// links to folders are not followed, as the corpus loader does not.
func addTree(w *fsnotify.Watcher, root string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		return w.Add(p)
	})
}

// fileState is what is compared of a changed file: whether it exists, its
// size and its modification time.
type fileState struct {
	exists bool
	size   int64
	mtime  time.Time
}

func stat(path string) fileState {
	fi, err := os.Stat(path)
	if err != nil {
		return fileState{}
	}
	return fileState{exists: true, size: fi.Size(), mtime: fi.ModTime()}
}

// settled reports whether every pending file is as it was when last seen,
// and records the state of those that changed: a writer that adds to a
// file without an event reaching us (another mount, a hard link, a
// network filesystem) keeps the file pending.
func settled(pending map[string]fileState) bool {
	ok := true
	for p, was := range pending {
		if now := stat(p); now != was {
			pending[p] = now
			ok = false
		}
	}
	return ok
}

// isSidecar reports whether a file is a document's sidecar (see corpus).
func isSidecar(name string) bool {
	return strings.HasSuffix(strings.ToLower(name), ".meta.yaml")
}

func notify(ctx context.Context, w *fsnotify.Watcher, debounce, grace time.Duration, changed func()) error {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	followUp := time.NewTimer(time.Hour)
	followUp.Stop()
	pending := map[string]fileState{}
	created := false // the pending changes brought a new file or folder
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-followUp.C:
			changed() // the grace of the new files has passed
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if strings.HasPrefix(filepath.Base(ev.Name), ".") {
				continue // temporary files of editors and of our own uploads
			}
			if ev.Has(fsnotify.Create) && !isSidecar(ev.Name) {
				created = true
			}
			if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() { // a link is not followed, as the loader does not
				if ev.Has(fsnotify.Create) {
					addTree(w, ev.Name) // a new folder: watch it and what it holds
				}
			} else {
				pending[ev.Name] = stat(ev.Name)
			}
			timer.Reset(debounce)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			// An overflowed queue loses events: reload to be safe.
			_ = err
			timer.Reset(debounce)
		case <-timer.C:
			if !settled(pending) {
				timer.Reset(debounce) // still being written
				continue
			}
			clear(pending)
			changed()
			if created && grace > 0 {
				followUp.Reset(grace)
			}
			created = false
		}
	}
}

func poll(ctx context.Context, root string, opts Options, changed func()) error {
	last, _ := corpus.Fingerprint(root)
	if opts.Started != nil {
		opts.Started()
	}
	tick := time.NewTicker(opts.Poll)
	defer tick.Stop()
	// A changed fingerprint is acted on once it has held for the debounce
	// period (it covers every file's size and modification time).
	settle := time.NewTimer(time.Hour)
	settle.Stop()
	followUp := time.NewTimer(time.Hour)
	followUp.Stop()
	pending := ""
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-followUp.C:
			changed() // a new file's grace has passed (polling cannot tell new files)
		case <-tick.C:
			fp, err := corpus.Fingerprint(root)
			if err == nil && fp != last && fp != pending {
				pending = fp
				settle.Reset(opts.Debounce)
			}
		case <-settle.C:
			fp, err := corpus.Fingerprint(root)
			switch {
			case err != nil:
				settle.Reset(opts.Debounce)
			case fp != pending:
				pending = fp // still being written
				settle.Reset(opts.Debounce)
			case fp == last:
				pending = "" // changed back
			default:
				last, pending = fp, ""
				changed()
				if opts.Grace > 0 {
					followUp.Reset(opts.Grace)
				}
			}
		}
	}
}
