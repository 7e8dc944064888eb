package main

import (
	"context"
	"fmt"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/indexcache"
	"github.com/newsroom/askbot/slackbot"
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
	// The in-process store reports chunks embedded, a Weaviate store
	// changed documents written.
	unit, verb := "chunks", "embedded"
	if cfg.Store == "weaviate" {
		unit, verb = "documents", "written"
	}
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
	if a.store != nil {
		return indexIntoStore(ctx, e, a, start, progress, *watching)
	}
	if bar != nil {
		bar.Finish()
	}
	o := a.current()
	st := o.Index.Stats()
	fmt.Fprintf(e.stdout, "corpus:           %s\n", o.Corpus)
	fmt.Fprintf(e.stdout, "documents loaded: %d\n", st.Documents)
	fmt.Fprintf(e.stdout, "skipped:          %d%s\n", skippedFiles(o.Skipped), warningCount(o.Skipped))
	for _, s := range o.Skipped {
		fmt.Fprintf(e.stdout, "  %s\n", s)
	}
	fmt.Fprintf(e.stdout, "chunks:           %d\n", st.Chunks)
	switch {
	case !o.Read:
		fmt.Fprintf(e.stdout, "embedded:         0 (index up to date)\n")
	case o.Report.Reused:
		fmt.Fprintf(e.stdout, "embedded:         0 of %d chunks (all reused)\n", st.Chunks)
	default:
		fmt.Fprintf(e.stdout, "embedded:         %d of %d chunks (%d reused)\n", o.Report.Embedded, st.Chunks, st.Chunks-o.Report.Embedded)
	}
	if o.Report.Warning != "" {
		fmt.Fprintf(e.stdout, "repaired:         %s\n", o.Report.Warning)
	}
	fmt.Fprintf(e.stdout, "embedder:         %s\n", st.Embedder)
	dir, _ := a.lib.Dir()
	fmt.Fprintf(e.stdout, "index:            %s (version %s)\n", dir, st.Version)
	fmt.Fprintf(e.stdout, "time:             %s\n", time.Since(start).Round(time.Millisecond))
	if o.SaveErr != nil {
		return fmt.Errorf("the index could not be saved (set --data-dir or BOT_DATA_DIR to a writable directory): %w", o.SaveErr)
	}
	if err := indexcache.Remember(cfg.DataDir, a.lib.Corpus); err != nil {
		return err
	}
	if *watching {
		watchAndReport(ctx, e, a)
	}
	return nil
}

// watchAndReport reindexes the corpus as its files change, printing a line
// per reindex, until ctx is done.
func watchAndReport(ctx context.Context, e env, a *app) {
	fmt.Fprintf(e.stdout, "watching %s (Ctrl-C to stop)\n", a.lib.Corpus)
	a.watchCorpus(ctx, func(rep *slackbot.ReloadReport) {
		fmt.Fprintf(e.stdout, "%s reindexed: %d added, %d changed, %d removed, %d skipped, %d passages embedded, %s\n",
			time.Now().Format("15:04:05"), len(rep.Changes.Added), len(rep.Changes.Changed), len(rep.Changes.Removed), len(rep.Skipped), rep.Embedded, rep.Took.Round(time.Millisecond))
	})
}

// indexIntoStore writes the corpus's changes to the Weaviate store as its
// next version and prints what it did.
func indexIntoStore(ctx context.Context, e env, a *app, start time.Time, progress func(done, total int), watching bool) error {
	rep, wrote, err := a.writeStore(ctx, a.policy, progress)
	if err != nil {
		return err
	}
	st, err := a.engine.Describe(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "corpus:           %s\n", a.lib.Name())
	fmt.Fprintf(e.stdout, "store:            %s\n", a.store)
	fmt.Fprintf(e.stdout, "documents:        %d (%d added, %d changed, %d removed, %d unchanged)\n",
		st.Documents, len(rep.Changes.Added), len(rep.Changes.Changed), len(rep.Changes.Removed), wrote.Unchanged)
	fmt.Fprintf(e.stdout, "skipped:          %d%s\n", skippedFiles(rep.Skipped), warningCount(rep.Skipped))
	for _, s := range rep.Skipped {
		fmt.Fprintf(e.stdout, "  %s\n", s)
	}
	fmt.Fprintf(e.stdout, "chunks:           %d\n", st.Chunks)
	fmt.Fprintf(e.stdout, "embedded:         %d (the changed documents' chunks)\n", wrote.Chunks)
	fmt.Fprintf(e.stdout, "embedder:         %s\n", st.Embedder)
	fmt.Fprintf(e.stdout, "version:          %s\n", st.Version)
	fmt.Fprintf(e.stdout, "time:             %s\n", time.Since(start).Round(time.Millisecond))
	if watching {
		watchAndReport(ctx, e, a)
	}
	return nil
}

// skippedFiles counts the skips that are not warnings.
func skippedFiles(skipped []corpus.Skipped) int {
	n := 0
	for _, s := range skipped {
		if !s.Warning {
			n++
		}
	}
	return n
}

// warningCount says how many warnings (unknown metadata keys, unread
// attachments) are listed with the skips: "" or " (and 2 warnings)".
func warningCount(skipped []corpus.Skipped) string {
	n := len(skipped) - skippedFiles(skipped)
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(" (and %d warning%s)", n, plural(n))
}
