package main

import (
	"context"
	"fmt"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/newsroom/askbot/indexcache"
	"github.com/newsroom/askbot/library"
)

func cmdIndex(ctx context.Context, e env, args []string) error {
	fs, cfg, err := newFlags(e, "index", args)
	if err != nil {
		return err
	}
	watching := fs.Bool("watch", false, "keep watching the corpus and index changes as they happen, until interrupted")
	reread := fs.Bool("reread", false, "read every corpus file again, whatever the saved index says")
	if err := parse(fs, cfg, args); err != nil {
		return err
	}
	start := time.Now()
	// The store's progress is told once it is opened: an index in this
	// process embeds while it opens, a shared store writes after.
	verb, unit := "embedded", "chunks"
	var bar *progressbar.ProgressBar
	lastTenth := 0
	progress := func(done, total int) {
		if isTerminal(e.stderr) {
			if bar == nil {
				bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(e.stderr),
					progressbar.OptionSetDescription(verb), progressbar.OptionShowCount(), progressbar.OptionShowIts(),
					progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish())
			}
			bar.Set(done)
			return
		}
		// About every tenth of the way, and at the end, with the time left.
		if tenth := done * 10 / max(total, 1); done == total || tenth > lastTenth {
			lastTenth = tenth
			left := ""
			if done > 0 && done < total {
				eta := time.Since(start) * time.Duration(total-done) / time.Duration(done)
				left = fmt.Sprintf(", about %s left", eta.Round(time.Second))
			}
			fmt.Fprintf(e.stderr, "%s %d/%d %s%s\n", verb, done, total, unit, left)
		}
	}
	a, err := openApp(ctx, e, cfg, configuredOrBundled, progress, func(c *indexcache.Config) { c.Reread = *reread })
	if err != nil {
		return err
	}
	verb, unit = a.lib.Store().Progress()
	lines, err := a.lib.Index(ctx, progress, *reread)
	if bar != nil {
		bar.Finish()
	}
	for _, l := range lines {
		if l.Label == "" {
			fmt.Fprintf(e.stdout, "  %s\n", l.Value)
			continue
		}
		fmt.Fprintf(e.stdout, "%-18s%s\n", l.Label+":", l.Value)
	}
	if lines != nil {
		fmt.Fprintf(e.stdout, "%-18s%s\n", "time:", time.Since(start).Round(time.Millisecond))
	}
	if err != nil {
		return err
	}
	if *watching {
		fmt.Fprintf(e.stdout, "watching %s (Ctrl-C to stop)\n", a.lib.Store().Corpus())
		a.lib.Watch(ctx, func(rep *library.Report) {
			fmt.Fprintf(e.stdout, "%s reindexed: %d added, %d changed, %d removed, %d skipped, %d passages embedded, %s\n",
				time.Now().Format("15:04:05"), len(rep.Changes.Added), len(rep.Changes.Changed), len(rep.Changes.Removed), len(rep.Skipped), rep.Embedded, rep.Took.Round(time.Millisecond))
		})
	}
	return nil
}
