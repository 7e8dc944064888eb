package main

import (
	"context"
	"fmt"
	"time"

	"github.com/schollz/progressbar/v3"
)

func cmdIndex(ctx context.Context, e env, args []string) error {
	fs, cfg, err := newFlags(e, "index", "index [flags]", args)
	if err != nil {
		return err
	}
	if err := parse(fs, cfg, args); err != nil {
		return err
	}
	start := time.Now()
	var bar *progressbar.ProgressBar
	progress := func(done, total int) {
		if isTerminal(e.stderr) {
			if bar == nil {
				bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(e.stderr),
					progressbar.OptionSetDescription("embedding"), progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
			}
			bar.Set(done)
			return
		}
		// About every tenth of the way, and at the end.
		if step := max(total/10, 1); done == total || done/step != (done-256)/step {
			fmt.Fprintf(e.stderr, "embedded %d/%d chunks\n", done, total)
		}
	}
	a, err := openApp(ctx, e, cfg, progress)
	if err != nil {
		return err
	}
	if bar != nil {
		bar.Finish()
	}
	st := a.index.Stats()
	fmt.Fprintf(e.stdout, "documents loaded: %d\n", st.Documents)
	fmt.Fprintf(e.stdout, "skipped:          %d\n", len(a.corpus.Skipped))
	for _, s := range a.corpus.Skipped {
		fmt.Fprintf(e.stdout, "  %s\n", s)
	}
	fmt.Fprintf(e.stdout, "chunks:           %d\n", st.Chunks)
	if a.report.Reused {
		fmt.Fprintf(e.stdout, "embedded:         0 (index up to date)\n")
	} else {
		fmt.Fprintf(e.stdout, "embedded:         %d of %d chunks (%d reused)\n", a.report.Embedded, st.Chunks, st.Chunks-a.report.Embedded)
	}
	fmt.Fprintf(e.stdout, "embedder:         %s\n", st.Embedder)
	fmt.Fprintf(e.stdout, "index:            %s (version %s)\n", cfg.DataDir, st.Version)
	fmt.Fprintf(e.stdout, "time:             %s\n", time.Since(start).Round(time.Millisecond))
	return nil
}
