package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/chzyer/readline"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/desk"
)

func cmdAsk(ctx context.Context, e env, args []string) error {
	fs, cfg, err := newFlags(e, "ask", args)
	if err != nil {
		return err
	}
	place := placeFlags(fs)
	if err := parse(fs, cfg, args); err != nil {
		return err
	}
	question := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if question == "" {
		return usageError{`ask: no question given (usage: bot ask [flags] QUESTION...; "bot ask --help" lists the flags)`}
	}
	a, err := openApp(ctx, e, cfg, configuredOrLast, nil)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stderr, a.corpusLine(ctx, place()))
	ans, err := askAndShow(ctx, e, a, a.request(question, place()))
	if err != nil {
		return err
	}
	a.log.Info("answered", "retrieval", ans.Retrieval, "kind", ans.Kind, "sources", len(ans.Sources), "fell_back", ans.FellBack,
		"fallback_reason", ans.FallbackReason, "fallback_error", ans.FallbackError, "took", ans.Took)
	return nil
}

// askAndShow answers req and prints the answer. On a terminal a generated
// answer streams as it is written, then the checked answer replaces it.
// A question the research desk answers ("timeline of …", "what did X
// say") goes to its tool (desk.RouteOf), as in Slack.
func askAndShow(ctx context.Context, e env, a *app, req answer.Request) (*answer.Answer, error) {
	if r, err := (&desk.Desk{Engine: a.engine}).Answer(ctx, req); err != nil || r != nil {
		if err != nil {
			return nil, err
		}
		renderDesk(e.stdout, r)
		return r.Answer(), nil
	}
	streaming := a.engine.Generator != nil && isTerminal(e.stdout)
	if streaming {
		fmt.Fprint(e.stdout, "\x1b7\x1b[2m") // save the cursor; dim the unchecked draft
		// The model's draft is cleaned as it streams: no escape sequence
		// from it (or the documents it echoes) reaches the terminal.
		req.OnDelta = func(s string) { fmt.Fprint(displayWriter{e.stdout}, s) }
	}
	ans, err := a.engine.Ask(ctx, req)
	if streaming {
		fmt.Fprint(e.stdout, "\x1b[0m\x1b8\x1b[J") // back to the saved cursor, clear the draft
	}
	if err != nil {
		return nil, err
	}
	renderAnswer(e.stdout, ans)
	return ans, nil
}

func cmdChat(ctx context.Context, e env, args []string) error {
	fs, cfg, err := newFlags(e, "chat", args)
	if err != nil {
		return err
	}
	place := placeFlags(fs)
	if err := parse(fs, cfg, args); err != nil {
		return err
	}
	a, err := openApp(ctx, e, cfg, configuredOrLast, nil)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stderr, a.corpusLine(ctx, place()))
	if st, err := a.describe(ctx, place()); err == nil {
		fmt.Fprintf(e.stdout, "%d passages. ", st.Chunks)
	}
	fmt.Fprintln(e.stdout, `Ask a question; "new" starts over, Ctrl-D quits.`)

	next, closeInput := questionReader(e)
	defer closeInput()
	var history []answer.Turn
	for ctx.Err() == nil {
		line, err := next()
		if errors.Is(err, io.EOF) || errors.Is(err, readline.ErrInterrupt) {
			return nil
		}
		if err != nil {
			return err
		}
		q := strings.TrimSpace(line)
		switch q {
		case "":
			continue
		case "new", "/new":
			history = nil
			fmt.Fprintln(e.stdout, "(new conversation)")
			continue
		case "quit", "exit", "/quit":
			return nil
		}
		req := a.request(q, place())
		req.History = history
		ans, err := askAndShow(ctx, e, a, req)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout)
		history = append(history, answer.Turn{Question: q, Answer: ans.Text()})
	}
	return nil
}

// questionReader reads questions with line editing and history on a
// terminal, and plain lines otherwise.
func questionReader(e env) (next func() (string, error), closeFn func()) {
	if isTerminal(e.stdout) && isTerminal(e.stderr) {
		if rl, err := readline.New("? "); err == nil {
			return rl.Readline, func() { rl.Close() }
		}
	}
	sc := bufio.NewScanner(e.stdin)
	return func() (string, error) {
		fmt.Fprint(e.stdout, "? ")
		if sc.Scan() {
			return sc.Text(), nil
		}
		if err := sc.Err(); err != nil {
			return "", err
		}
		return "", io.EOF
	}, func() {}
}
