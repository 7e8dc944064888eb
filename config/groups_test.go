package config

import (
	"flag"
	"slices"
	"testing"
)

func TestEverySettingHasOneGroup(t *testing.T) {
	envs := map[string]bool{}
	for _, s := range Settings {
		envs[s.Env] = true
		if !slices.Contains(Groups, s.Group()) {
			t.Errorf("%s has no group (add it to groupOf)", s.Env)
		}
	}
	for env := range groupOf {
		if !envs[env] {
			t.Errorf("groupOf files %s, which is not a setting", env)
		}
	}
}

func TestRegisterFlagsByGroup(t *testing.T) {
	var c Config
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	c.RegisterFlags(fs, GroupCorpus)
	if fs.Lookup("corpus") == nil || fs.Lookup("embed-model") == nil {
		t.Error("the corpus group's flags are not registered")
	}
	if fs.Lookup("k") != nil || fs.Lookup("listen") != nil || fs.Lookup("log-level") != nil {
		t.Error("flags of other groups are registered")
	}
}
