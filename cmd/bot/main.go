// Command bot answers a newsroom's questions over its documents with cited
// passages: from the command line (ask, chat, index, eval) or in Slack (serve).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bot:", err)
		var u usageError
		if errors.As(err, &u) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

// usageError is a mistake on the command line.
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

// env is what a command needs from the outside world.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

// run is the whole program; main only wires it to the process.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) error {
	e := env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage())
		return usageError{"no command given"}
	}
	cmd, rest := args[0], args[1:]
	if desk, ok := deskCommands[cmd]; ok {
		return desk(ctx, e, rest)
	}
	switch cmd {
	case "ask":
		return cmdAsk(ctx, e, rest)
	case "chat":
		return cmdChat(ctx, e, rest)
	case "index":
		return cmdIndex(ctx, e, rest)
	case "eval":
		return cmdEval(ctx, e, rest)
	case "train":
		return cmdTrain(ctx, e, rest)
	case "train-timeline":
		return cmdTrainTimeline(ctx, e, rest)
	case "serve":
		return cmdServe(ctx, e, rest)
	case "probe":
		return cmdProbe(ctx, e, rest)
	case "help", "-h", "--help", "-help":
		if len(rest) > 0 && rest[0] != "help" && !strings.HasPrefix(rest[0], "-") {
			// "bot help ask" is "bot ask --help".
			return run(ctx, []string{rest[0], "--help"}, stdin, stdout, stderr, getenv)
		}
		fmt.Fprint(stdout, usage())
		return nil
	default:
		fmt.Fprint(stderr, usage())
		return usageError{fmt.Sprintf("unknown command %q", cmd)}
	}
}
