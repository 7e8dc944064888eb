package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/desk"
)

// deskCommands are the research desk's commands: claim checks, who said
// it, and timelines (issue 20). run dispatches to them by name.
var deskCommands = map[string]func(ctx context.Context, e env, args []string) error{
	"check": func(ctx context.Context, e env, args []string) error {
		return cmdDesk(ctx, e, "check", `check [flags] "CLAIM"`, args, func(ctx context.Context, d *desk.Desk, req answer.Request, words []string) (*desk.Result, error) {
			return d.Check(ctx, req, strings.Join(words, " "))
		})
	},
	"timeline": func(ctx context.Context, e env, args []string) error {
		return cmdDesk(ctx, e, "timeline", `timeline [flags] TOPIC`, args, func(ctx context.Context, d *desk.Desk, req answer.Request, words []string) (*desk.Result, error) {
			return d.Timeline(ctx, req, strings.Join(words, " "))
		})
	},
}

type deskQuery func(ctx context.Context, d *desk.Desk, req answer.Request, words []string) (*desk.Result, error)

// cmdDesk runs one desk query from the command line and prints its result.
func cmdDesk(ctx context.Context, e env, name, synopsis string, args []string, query deskQuery) error {
	fs, cfg, err := newFlags(e, name, args)
	if err != nil {
		return err
	}
	place := placeFlags(fs)
	if err := parse(fs, cfg, args); err != nil {
		return err
	}
	words := fs.Args()
	if strings.TrimSpace(strings.Join(words, " ")) == "" {
		return usageError{fmt.Sprintf("%s: nothing given (usage: bot %s)", name, synopsis)}
	}
	a, err := openApp(ctx, e, cfg, configuredOrLast, nil)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stderr, a.corpusLine(ctx, place()))
	d := &desk.Desk{Engine: a.engine}
	r, err := query(ctx, d, a.request(strings.Join(words, " "), place()), words)
	if err != nil {
		return err
	}
	renderDesk(e.stdout, r)
	a.log.Info(name, "lines", len(r.Lines), "sources", len(r.Sources), "took", r.Took)
	return nil
}

// renderDesk prints a desk result: the headline (a claim's verdict) first,
// one line per sentence, then one line per cited document.
func renderDesk(w io.Writer, r *desk.Result) {
	w = displayWriter{w}
	fmt.Fprintln(w, r.Headline)
	if len(r.Lines) > 0 {
		fmt.Fprintln(w)
	}
	for _, l := range r.Lines {
		fmt.Fprintf(w, "  %s\n", wrap(l.String(), 76, "    "))
	}
	if r.Note != "" {
		fmt.Fprintf(w, "\n%s\n", wrap(r.Note, 78, ""))
	}
	a := r.Answer()
	if len(a.Sources) > 0 {
		fmt.Fprintln(w, "\nSources:")
		for _, c := range a.Documents() {
			fmt.Fprintf(w, "%s %s\n", c.Marks(), documentLine(c))
		}
	}
}
