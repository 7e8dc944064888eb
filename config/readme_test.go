package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The README's configuration table lists every setting, with its flag:
// a setting added to Settings must be added there too.
func TestREADMEListsEverySetting(t *testing.T) {
	raw, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(raw), "\n## Configuration\n")
	if !ok {
		t.Fatal(`README.md has no "## Configuration" section`)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	rows := map[string]string{}
	for _, line := range strings.Split(section, "\n") {
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		for _, name := range strings.Split(strings.Split(line, "|")[1], ",") {
			rows[strings.Trim(strings.TrimSpace(name), "`")] = line
		}
	}
	for _, s := range Settings {
		row, ok := rows[s.Env]
		switch {
		case !ok:
			t.Errorf("README.md's configuration table has no row for %s", s.Env)
		case s.Flag != "" && !strings.Contains(row, "`--"+s.Flag+"`"):
			t.Errorf("README.md's row for %s does not give its flag --%s: %s", s.Env, s.Flag, row)
		}
		for _, f := range s.Fallbacks {
			if _, ok := rows[f]; !ok {
				t.Errorf("README.md's configuration table has no row for %s (the fallback of %s)", f, s.Env)
			}
		}
	}
	for _, key := range []string{"embed: {base_url, model}", "weaviate: {url, name, shards,"} {
		if !strings.Contains(section, key) {
			t.Errorf("README.md's configuration section does not list the config-file keys %q", key)
		}
	}
}

// Every yaml block of README.md is a config file the bot reads, and every
// code block is closed.
func TestREADMEConfigBlocksLoad(t *testing.T) {
	raw, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := strings.Split(string(raw), "```")
	if len(blocks)%2 == 0 {
		t.Fatal("README.md has a code block that is never closed")
	}
	n := 0
	for i := 1; i < len(blocks); i += 2 {
		lang, body, _ := strings.Cut(blocks[i], "\n")
		if lang != "yaml" {
			continue
		}
		n++
		path := filepath.Join(t.TempDir(), "bot.yaml")
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		c := Default()
		if err := c.LoadFile(path); err != nil {
			t.Errorf("README.md's yaml block %d does not load: %v\n%s", n, err, body)
		} else if err := c.Validate(); err != nil {
			t.Errorf("README.md's yaml block %d is not valid: %v\n%s", n, err, body)
		}
	}
	if n == 0 {
		t.Error("README.md has no yaml block (the collections example)")
	}
}
