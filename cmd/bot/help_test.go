package main

import (
	"errors"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/newsroom/askbot/config"
)

// Each command's --help lists the flags of the settings it uses, not
// every setting: ask's fits a screen and names no Slack token; serve's
// names them all.
func TestHelpPerCommand(t *testing.T) {
	help := func(args ...string) string {
		t.Helper()
		_, stderr, err := runBot(t, nil, "", args...)
		if !errors.Is(err, flag.ErrHelp) {
			t.Errorf("%v: err = %v, want flag.ErrHelp", args, err)
		}
		return stderr
	}
	ask := help("ask", "--help")
	if n := strings.Count(ask, "\n"); n > 40 {
		t.Errorf("ask --help is %d lines, want at most 40:\n%s", n, ask)
	}
	for _, want := range []string{"Usage: bot ask", "--corpus PATH", "--k N", "--llm-model", "--channel", "--config FILE", `"Configuration"`} {
		if !strings.Contains(ask, want) {
			t.Errorf("ask --help lacks %q:\n%s", want, ask)
		}
	}
	slackOnly := []string{"SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "--listen", "--audit-log", "BOT_USER_RATE"}
	for _, not := range slackOnly {
		if strings.Contains(ask, not) {
			t.Errorf("ask --help lists %s, a setting of serve's:\n%s", not, ask)
		}
	}
	serve := help("serve", "--help")
	for _, want := range append(slackOnly, "SLACK_BOT_TOKEN_FILE", "--corpus", "--llm-model") {
		if !strings.Contains(serve, want) {
			t.Errorf("serve --help lacks %q:\n%s", want, serve)
		}
	}
	index := help("index", "--help")
	for _, not := range []string{"--k ", "--llm-model", "--channel", "SLACK_"} {
		if strings.Contains(index, not) {
			t.Errorf("index --help lists %s, which index does not use:\n%s", not, index)
		}
	}
	for _, want := range []string{"--watch", "--corpus", "--store"} {
		if !strings.Contains(index, want) {
			t.Errorf("index --help lacks %q:\n%s", want, index)
		}
	}
	for _, args := range [][]string{{"chat", "--help"}, {"eval", "-h"}, {"probe", "--help"}} {
		if out := help(args...); !strings.Contains(out, "Usage: bot "+args[0]) || strings.Contains(out, "SLACK_BOT_TOKEN") {
			t.Errorf("%v:\n%s", args, out)
		}
	}
	// (Each run has its own data directory, the --data-dir default.)
	if got := help("help", "ask"); strings.Count(got, "\n") != strings.Count(ask, "\n") || !strings.HasPrefix(got, "Usage: bot ask ") {
		t.Errorf("\"bot help ask\" differs from \"bot ask --help\":\n%s", got)
	}
}

// "bot --help" lists every command, one line each, and says where the
// settings are described.
func TestHelpListsCommands(t *testing.T) {
	out, _, err := runBot(t, nil, "", "--help")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range commands {
		if n := strings.Count(out, "\n  "+c.name+" "); n != 1 { // "train " is not "train-timeline"
			t.Errorf("bot --help lists %s %d times:\n%s", c.name, n, out)
		}
	}
	if !strings.Contains(out, `README.md ("Configuration")`) || strings.Contains(out, "BOT_") {
		t.Errorf("bot --help should point to the configuration table, not list settings:\n%s", out)
	}
}

// A command takes the flags of the settings it uses, as before; a flag of
// a setting it does not use is an error.
func TestCommandFlags(t *testing.T) {
	if _, _, err := runBot(t, nil, "", "index", "--k", "3"); err == nil || !strings.Contains(err.Error(), "-k") {
		t.Errorf("index --k: %v, want an unknown-flag error", err)
	}
	out, _, err := runBot(t, nil, "", "ask", "--k", "3", "--chunk-chars", "1100", "--llm-timeout", "30s", "--log-level", "warn", "Who denied meeting Russian officials?")
	if err != nil || !strings.Contains(out, "just complete garbage") {
		t.Errorf("ask with shared flags: %v\n%s", err, out)
	}
}

// Every command's --help fits a screen (40 lines): the rarely needed flags
// and settings are named on a few lines, and --help-all describes them.
func TestEveryHelpFitsAScreen(t *testing.T) {
	for _, c := range commands {
		t.Run(c.name, func(t *testing.T) {
			_, help, err := runBot(t, nil, "", c.name, "--help")
			if !errors.Is(err, flag.ErrHelp) {
				t.Fatalf("err = %v, want flag.ErrHelp", err)
			}
			if n := strings.Count(help, "\n"); n > 40 {
				t.Errorf("bot %s --help is %d lines, want at most 40:\n%s", c.name, n, help)
			}
			_, all, err := runBot(t, nil, "", c.name, "--help-all")
			if !errors.Is(err, flag.ErrHelp) {
				t.Fatalf("--help-all: err = %v, want flag.ErrHelp", err)
			}
			if strings.Contains(all, "Rarely needed") {
				t.Errorf("bot %s --help-all still only names some flags:\n%s", c.name, all)
			}
			for _, s := range config.Settings {
				if s.Flag != "" && strings.Contains(help, "--"+s.Flag) && !strings.Contains(all, "  --"+s.Flag+" ") {
					t.Errorf("bot %s --help-all does not describe --%s:\n%s", c.name, s.Flag, all)
				}
			}
		})
	}
	_, eval, _ := runBot(t, nil, "", "eval", "--help")
	_, evalAll, _ := runBot(t, nil, "", "eval", "--help-all")
	for _, want := range []string{"--dense-weight", "--tune"} {
		if !strings.Contains(eval, want+",") && !strings.Contains(eval, want+"\n") {
			t.Errorf("eval --help does not name %s:\n%s", want, eval)
		}
		if !strings.Contains(evalAll, "  "+want+" ") {
			t.Errorf("eval --help-all does not describe %s:\n%s", want, evalAll)
		}
	}
}

// README.md's commands table has a row for every command, so a newcomer
// finds each one.
func TestREADMEListsEveryCommand(t *testing.T) {
	raw, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(raw), "\n## Commands\n")
	if !ok {
		t.Fatal(`README.md has no "## Commands" section`)
	}
	table, _, _ = strings.Cut(table, "\n## ")
	for _, c := range commands {
		if !strings.Contains(table, "| `bot "+c.name) {
			t.Errorf("README.md's commands table has no row for bot %s", c.name)
		}
	}
	if !strings.Contains(string(raw), "go build -o bot ./cmd/bot") {
		t.Error("README.md does not say how to build the bot binary")
	}
}
