package config

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// FileKeys describes the config file's keys, nested ones in braces:
// "corpus, data_dir, …, embed: {base_url, model}, …".
func FileKeys() string { return describeKeys(reflect.TypeOf(Config{})) }

func describeKeys(t reflect.Type) string {
	var parts []string
	for _, f := range yamlFields(t) {
		if f.Type.Kind() == reflect.Struct && f.Type != reflect.TypeOf(Secret("")) && f.Type.PkgPath() == t.PkgPath() {
			parts = append(parts, f.name+": {"+describeKeys(f.Type)+"}")
		} else {
			parts = append(parts, f.name)
		}
	}
	return strings.Join(parts, ", ")
}

type yamlField struct {
	reflect.StructField
	name string
}

// yamlFields lists the fields a YAML file may set, inlined ones included,
// secrets (yaml:"-") left out.
func yamlFields(t reflect.Type) []yamlField {
	var out []yamlField
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		name, opts, _ := strings.Cut(tag, ",")
		switch {
		case tag == "-" || !f.IsExported():
		case strings.Contains(opts, "inline"):
			out = append(out, yamlFields(f.Type)...)
		case name != "":
			out = append(out, yamlField{f, name})
		}
	}
	return out
}

// allKeys returns every key of the config file, at any depth.
func allKeys(t reflect.Type) []string {
	var out []string
	for _, f := range yamlFields(t) {
		out = append(out, f.name)
		if f.Type.Kind() == reflect.Struct && f.Type.PkgPath() == t.PkgPath() {
			out = append(out, allKeys(f.Type)...)
		}
	}
	return out
}

var unknownFieldRE = regexp.MustCompile(`^line (\d+): field (\S+) not found in type \S+$`)

// explainUnknownKeys rewrites the decoder's "field X not found" errors as
// "unknown key" with the nearest known key, when one is close.
func explainUnknownKeys(err error) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return err
	}
	keys := allKeys(reflect.TypeOf(Config{}))
	msgs := make([]string, len(te.Errors))
	for i, e := range te.Errors {
		msgs[i] = e
		m := unknownFieldRE.FindStringSubmatch(e)
		if m == nil {
			continue
		}
		msgs[i] = fmt.Sprintf("line %s: unknown key %q", m[1], m[2])
		if s := nearest(m[2], keys); s != "" {
			msgs[i] += fmt.Sprintf(" (did you mean %q?)", s)
		}
		if secretKey(m[2]) {
			msgs[i] += " (secrets are read from the environment or a *_FILE, never from the config file)"
		}
	}
	return errors.New(strings.Join(msgs, "; "))
}

// secretKey reports whether a key looks like a secret someone tried to put
// in the file.
func secretKey(k string) bool {
	k = strings.ToLower(k)
	return strings.Contains(k, "key") || strings.Contains(k, "token") || strings.Contains(k, "secret")
}

// nearest returns the key within two edits of k, or "".
func nearest(k string, keys []string) string {
	best, bestD := "", 3
	for _, c := range keys {
		if d := editDistance(strings.ToLower(k), c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
