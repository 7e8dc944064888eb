package config

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Setting is one setting of the bot as its Config field's tags declare it:
// its environment variable, its flag, its config-file key, whether it is a
// secret, and its help.
type Setting struct {
	Env string // environment variable
	// Fallbacks are older variables read when Env is unset (OPENAI_API_KEY).
	Fallbacks []string
	Flag      string // command-line flag, "" when it has none
	Key       string // config-file key ("embed.base_url"), "" for secrets
	// Secret settings (of type Secret) come from the environment or from a
	// file named by Env+"_FILE", never from the config file, and never print.
	Secret bool
	Help   string
	Group  Group
	// Rare settings are named by a command's --help and described by its
	// --help-all.
	Rare bool
	// index is the field's path in Config (reflect.Value.FieldByIndex).
	index []int
}

// configEnv is the variable naming the config file: Load reads it first,
// to find the file, so ApplyEnv skips it.
const configEnv = "BOT_CONFIG"

// Settings are every setting, in the order of Config's fields, which is
// the order --help lists them in.
var Settings = settingsOf(reflect.TypeOf(Config{}), nil, "", "")

// settingsOf reads the settings of the struct t's tagged fields; index,
// key and group are those of the section t is (nil, "" and "" for Config).
func settingsOf(t reflect.Type, index []int, key string, group Group) []Setting {
	var out []Setting
	for i := range t.NumField() {
		f := t.Field(i)
		idx := append(slices.Clone(index), i)
		g := group
		if tag := f.Tag.Get("group"); tag != "" {
			g = Group(tag)
		}
		k := f.Tag.Get("yaml")
		if k != "-" && key != "" {
			k = key + "." + k
		}
		env := f.Tag.Get("env")
		if env == "" {
			if f.Type.Kind() == reflect.Struct && f.Type.PkgPath() == t.PkgPath() {
				out = append(out, settingsOf(f.Type, idx, k, g)...)
			}
			continue
		}
		if k == "-" {
			k = ""
		}
		envs := strings.Split(env, ",")
		out = append(out, Setting{
			Env: envs[0], Fallbacks: envs[1:], Flag: f.Tag.Get("flag"), Key: k,
			Secret: f.Type == reflect.TypeOf(Secret("")), Help: f.Tag.Get("help"),
			Group: g, Rare: f.Tag.Get("rare") == "true", index: idx,
		})
	}
	return out
}

// field points at the setting in c: *string, *int, *float64,
// *time.Duration, *[]string (comma-separated) or *Secret.
func (s Setting) field(c *Config) any {
	return reflect.ValueOf(c).Elem().FieldByIndex(s.index).Addr().Interface()
}

// setting returns the setting of an environment variable.
func setting(env string) Setting {
	for _, s := range Settings {
		if s.Env == env || slices.Contains(s.Fallbacks, env) {
			return s
		}
	}
	panic("config: no setting " + env)
}

// Name names a setting in messages by all the ways to set it:
// "k (BOT_K, --k)".
func Name(env string) string {
	s := setting(env)
	ways := []string{s.Env}
	if s.Flag != "" {
		ways = append(ways, "--"+s.Flag)
	}
	if s.Key == "" {
		return strings.Join(ways, ", ")
	}
	return s.Key + " (" + strings.Join(ways, ", ") + ")"
}

// IsSecretVar reports whether name is a secret setting's variable, which
// may also come from a file named by name_FILE.
func IsSecretVar(name string) bool {
	for _, s := range Settings {
		if s.Env == name || slices.Contains(s.Fallbacks, name) {
			return s.Secret
		}
	}
	return false
}

// ApplyEnv overrides c with the environment variables that are set, read
// through getenv (os.Getenv in production); a setting's fallbacks are read
// when its own variable is unset. A secret may come from the file its
// NAME_FILE variable names.
func (c *Config) ApplyEnv(getenv func(string) string) error {
	for _, s := range Settings {
		if s.Env == configEnv {
			continue
		}
		for _, env := range append([]string{s.Env}, s.Fallbacks...) {
			val := getenv(env)
			if val == "" && s.Secret {
				if path := getenv(env + "_FILE"); path != "" {
					raw, err := os.ReadFile(path)
					if err != nil {
						return fmt.Errorf("%s_FILE: %w", env, err)
					}
					val = string(raw)
				}
			}
			if val == "" {
				continue
			}
			if err := s.set(c, val); err != nil {
				return fmt.Errorf("%s: %w", env, err)
			}
			break
		}
	}
	return nil
}

// set parses val into the setting's field.
func (s Setting) set(c *Config, val string) error {
	switch p := s.field(c).(type) {
	case *string:
		*p = val
	case *Secret:
		*p = Secret(strings.TrimSpace(val))
	case *int:
		n, err := strconv.Atoi(strings.TrimSpace(val))
		if err != nil {
			return fmt.Errorf("%q is not a whole number", val)
		}
		*p = n
	case *float64:
		f, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
		if err != nil {
			return fmt.Errorf("%q is not a number", val)
		}
		*p = f
	case *time.Duration:
		d, err := time.ParseDuration(strings.TrimSpace(val))
		if err != nil {
			return fmt.Errorf("%q is not a duration such as 60s", val)
		}
		*p = d
	case *[]string:
		var out []string
		for _, f := range strings.Split(val, ",") {
			if f = strings.TrimSpace(f); f != "" {
				out = append(out, f)
			}
		}
		*p = out
	default:
		return errors.New("unsupported setting type")
	}
	return nil
}

// RegisterFlags defines on fs the flags of the settings in groups (of
// every setting when no group is given), with c's current values as
// defaults, so flags given on the command line win over the file and
// environment. --config is among them, though the caller must read it
// before the flags are parsed (the file sets their defaults).
func (c *Config) RegisterFlags(fs *flag.FlagSet, groups ...Group) {
	for _, s := range Settings {
		if s.Flag == "" || !s.Group.in(groups) {
			continue
		}
		usage := s.Help
		switch p := s.field(c).(type) {
		case *string:
			fs.StringVar(p, s.Flag, *p, usage)
		case *int:
			fs.IntVar(p, s.Flag, *p, usage)
		case *float64:
			fs.Float64Var(p, s.Flag, *p, usage)
		case *time.Duration:
			fs.DurationVar(p, s.Flag, *p, usage)
		default:
			panic(fmt.Sprintf("config: --%s: a flag of type %T", s.Flag, p))
		}
	}
}
