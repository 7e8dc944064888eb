package config

import (
	"flag"
	"slices"
	"testing"
)

// Every setting's field, or the section holding it, names a known group.
func TestEverySettingHasAGroup(t *testing.T) {
	for _, s := range Settings {
		if !slices.Contains(Groups, s.Group) {
			t.Errorf("%s's group %q is not one of %v (tag its field group:\"…\")", s.Env, s.Group, Groups)
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
