package main

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/newsroom/askbot/config"
)

// command describes one of bot's commands for its help, and says which
// settings it uses: it takes the flags of those groups only.
type command struct {
	name     string
	synopsis string // after "bot "
	summary  string // one line, for "bot --help"
	about    string // a few lines, for "bot COMMAND --help"
	// groups are the settings' groups whose flags the command takes.
	groups []config.Group
	// envGroups are the groups whose settings without a flag are the
	// command's own, listed in its --help.
	envGroups []config.Group
	// main are the command's own flags its --help describes; it only names
	// the others, and --help-all describes them too. Nil: all of them.
	main []string
}

// answering are the settings' groups of the commands that answer questions.
var answering = []config.Group{config.GroupGeneral, config.GroupCorpus, config.GroupAnswers}

var commands = []command{
	{name: "ask", synopsis: "ask [flags] QUESTION...", summary: "answer one question and exit",
		about: "Answers one question from the corpus with verbatim, cited quotes, and exits.", groups: answering},
	{name: "chat", synopsis: "chat [flags]", summary: "ask questions one after another (follow-ups keep context)",
		about: "Asks questions one after another: follow-ups keep the earlier question's topic,\n\"new\" starts over, Ctrl-D quits.", groups: answering},
	{name: "index", synopsis: "index [flags]", summary: "build or refresh the persistent index",
		about:  "Builds or refreshes the corpus's persistent index (with BOT_STORE=weaviate:\nwrites what changed to the store as its next version).",
		groups: []config.Group{config.GroupGeneral, config.GroupCorpus}},
	{name: "eval", synopsis: "eval --questions FILE.jsonl [flags]", summary: "measure retrieval and answers on a question set",
		about: "Measures retrieval and answers on a question set (JSONL: id, question, answer,\nevidence, type); docs/evaluation.md has the figures and their commands.", groups: answering,
		main: []string{"questions", "json", "misses", "cv", "train-with", "channel", "user"}},
	{name: "train", synopsis: "train --questions A.jsonl,B.jsonl [flags]", summary: "fit the answer's learned decisions to labelled question sets",
		about:  "Fits which sentences answer a question and whether to decline to labelled\nquestion sets, and writes the model (answer/model.json is compiled in).",
		groups: []config.Group{config.GroupGeneral, config.GroupCorpus}},
	{name: "train-timeline", synopsis: "train-timeline --questions A.jsonl,B.jsonl [--cv] [flags]", summary: "fit the timeline's learned choice of lines to labelled timeline sets",
		about:  "Fits which candidate sentences a timeline shows to labelled timeline sets and\nwrites the model (desk/timeline_model.json is compiled in); --cv first measures\nit set by set, each set's lines chosen by a model trained on the others.",
		groups: []config.Group{config.GroupGeneral, config.GroupCorpus}},
	{name: "check", synopsis: `check [flags] "CLAIM"`, summary: "has this been reported? the verdict, then the sentences",
		about: "Checks a claim against the archive: Supported by, Contradicted by (with the\ndocuments' figure) or Not found, then the verbatim sentences, dated and cited.", groups: answering},
	{name: "quotes", synopsis: "quotes [flags] NAME [TOPIC]", summary: "who said it: a speaker's own quotations, oldest first",
		about: "Lists a speaker's direct quotations in the corpus, oldest first, dated and cited;\nTOPIC narrows them (\"NAME about TOPIC\", or a name of several words in quotes).", groups: answering},
	{name: "timeline", synopsis: "timeline [flags] TOPIC", summary: "the story so far: a story's events, oldest first",
		about: "Lists the events of one story, oldest first, one verbatim sentence each, dated\n(the sentence's own date, else its article's) and cited; bot ask \"timeline of …\" too.", groups: answering},
	{name: "serve", synopsis: "serve [flags]", summary: "run in Slack (Socket Mode and/or the Events API)",
		about:  "Runs in Slack: Socket Mode with SLACK_APP_TOKEN, the Events API over HTTP with\nSLACK_SIGNING_SECRET, or both. SLACK_BOT_TOKEN is required.",
		groups: append(slices.Clone(answering), config.GroupSlack), envGroups: []config.Group{config.GroupSlack}},
	{name: "probe", synopsis: "probe URL", summary: "exit 0 when URL answers 200 (container health checks)",
		about: "Exits 0 when URL answers 200 within 3 seconds: the container's health check,\ne.g. bot probe http://127.0.0.1:3000/readyz. No flags."},
}

// lookupCommand returns the command called name; an unknown name (tests)
// takes every setting's flag.
func lookupCommand(name string) command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return command{name: name, synopsis: name + " [flags]", groups: config.Groups}
}

// usage is "bot --help": the commands, one line each.
func usage() string {
	var b strings.Builder
	b.WriteString("bot answers questions over a newsroom's documents, with cited passages.\n\nUsage: bot COMMAND [flags]\n\nCommands:\n")
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-28s %s\n", strings.Replace(c.synopsis, " [flags]", "", 1), c.summary)
	}
	b.WriteString(`
"bot COMMAND --help" lists that command's flags; "--help-all" describes
the rarely needed ones too. Every setting (flag, environment variable,
config-file key) is in the configuration table of
README.md ("Configuration"). With no configuration the bot answers from the
bundled corpus with the offline embedder: no network needed.
`)
	return b.String()
}

// groupTitles head the groups' flags in a command's help; the general
// settings' flags join the command's own under "Flags".
var groupTitles = map[config.Group]string{
	config.GroupCorpus:  "Corpus, index and store",
	config.GroupAnswers: "Answers",
	config.GroupSlack:   "Slack",
}

// metavars name the values of flags whose type says too little.
var metavars = map[string]string{
	"config": "FILE", "corpus": "PATH", "data-dir": "DIR", "questions": "FILE", "audit-log": "FILE",
	"weaviate-url": "URL", "embed-base-url": "URL", "llm-base-url": "URL", "listen": "ADDR",
	"channel": "ID", "user": "ID", "store": "NAME", "weaviate-name": "NAME", "embed-model": "MODEL",
	"llm-model": "MODEL", "log-level": "LEVEL", "k": "N",
}

// helpAll is the flag that makes a command's help describe every flag and
// setting, the rarely needed ones too.
const helpAll = "help-all"

// printUsage is "bot COMMAND --help": the command's own flags and the
// general ones, the flags of the settings it uses by group with the
// settings without a flag that are its own, the rarely needed ones by name
// only (all of them described after --help-all), then where the rest is.
func printUsage(w io.Writer, c command, fs *flag.FlagSet) {
	all := false
	if f := fs.Lookup(helpAll); f != nil {
		all = f.Value.String() == "true"
	}
	fmt.Fprintf(w, "Usage: bot %s\n", c.synopsis)
	if c.about != "" {
		fmt.Fprintf(w, "\n%s\n", c.about)
	}
	isSetting := map[string]bool{}
	for _, s := range config.Settings {
		isSetting[s.Flag] = s.Flag != ""
	}
	var own, rare []string
	fs.VisitAll(func(f *flag.Flag) {
		switch {
		case isSetting[f.Name] || f.Name == helpAll:
		case !all && c.main != nil && !slices.Contains(c.main, f.Name):
			rare = append(rare, "--"+f.Name)
		default:
			own = append(own, flagLine(f, ""))
		}
	})
	// A group's flags, then its settings without a flag.
	flags, vars := map[config.Group][]string{}, map[config.Group][]string{}
	var rareVars []string
	for _, s := range config.Settings {
		if f := fs.Lookup(s.Flag); s.Flag != "" && f != nil {
			if s.Rare && !all {
				rare = append(rare, "--"+s.Flag)
			} else {
				flags[s.Group] = append(flags[s.Group], flagLine(f, s.Env))
			}
		} else if s.Flag == "" && slices.Contains(c.envGroups, s.Group) {
			help := s.Help
			if s.Secret {
				help += " (secret; or " + s.Env + "_FILE)"
			}
			if s.Rare && !all {
				rareVars = append(rareVars, s.Env)
			} else {
				vars[s.Group] = append(vars[s.Group], column(s.Env, help))
			}
		}
	}
	rare = append(rare, rareVars...)
	section(w, "Flags", append(own, flags[config.GroupGeneral]...))
	for _, g := range config.Groups {
		if title, ok := groupTitles[g]; ok {
			section(w, title, append(flags[g], vars[g]...))
		}
	}
	if len(rare) > 0 {
		fmt.Fprintf(w, "\n%s\n", wrap("Rarely needed (--help-all describes them): "+strings.Join(rare, ", "), 78, "  "))
	}
	if len(c.groups) > 0 {
		fmt.Fprint(w, `
A flag wins over its environment variable [in brackets], which wins over
the config file. Every setting: README.md, "Configuration".
`)
	}
}

func section(w io.Writer, title string, lines []string) {
	if len(lines) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s:\n%s\n", title, strings.Join(lines, "\n"))
}

// flagLine is one flag in a command's help: "  --k N   passages
// retrieved per question [BOT_K] (default 5)".
func flagLine(f *flag.Flag, env string) string {
	name, help := flag.UnquoteUsage(f)
	if m, ok := metavars[f.Name]; ok {
		name = m
	} else if name != "" {
		name = strings.ToUpper(name)
	}
	left := "--" + f.Name
	if name != "" {
		left += " " + name
	}
	if env != "" {
		help += " [" + env + "]"
	}
	if d := f.DefValue; d != "" && d != "0" && d != "false" {
		help += " (default " + d + ")"
	}
	return column(left, help)
}

// column lines up a flag or variable and its help.
func column(left, help string) string {
	return "  " + left + strings.Repeat(" ", max(2, 25-len(left))) + help
}
