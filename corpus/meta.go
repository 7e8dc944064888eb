package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// Metadata keys are read the same way from every source (Markdown front
// matter, a NAME.meta.yaml sidecar, a JSONL row): in any case, with "-"
// or a space read as "_" ("Embargo", "EMBARGO", "withdrawn-note").
//
// The access keys, which limit where and when a document is cited, fail
// closed: a key that looks like one (embargoed, kill_notice, Retraction)
// but is not one this loader reads skips the document, with the reason,
// rather than publishing it; so does an access value that cannot be read.
// Any other key a source does not know is kept as a warning naming the
// file and the key, and the document loads.

// accessKeys maps each access key to the field it sets. "retracted" is a
// withdrawal: a retracted story is one that must not be cited. Other
// newsroom words ("killed", "spiked") are not mapped (a kill is sometimes
// a correction); they look like controls, so they skip the document with
// a reason asking for "withdrawn".
var accessKeys = map[string]string{
	"embargo":         "embargo",
	"embargo_until":   "embargo",
	"embargoed_until": "embargo",
	"withdrawn":       "withdrawn",
	"retracted":       "withdrawn",
	"withdrawn_note":  "withdrawn_note",
	"withdrawal_note": "withdrawn_note",
	"retraction_note": "withdrawn_note",
}

// controlWords are the beginnings of words that mark a key as an access
// control: a key with one of them that is not in accessKeys is refused.
var controlWords = []string{"embargo", "withdraw", "retract", "kill", "spike", "unpublish", "takedown"}

// normKey is a metadata key as compared: lower case, "-" and spaces as "_".
func normKey(k string) string {
	k = strings.ToLower(strings.TrimSpace(k))
	return strings.Map(func(r rune) rune {
		if r == '-' || r == ' ' {
			return '_'
		}
		return r
	}, k)
}

// looksLikeControl reports whether a (normalised) key has a word that
// marks an access control.
func looksLikeControl(k string) bool {
	for w := range strings.FieldsFuncSeq(k, func(r rune) bool { return r == '_' || r == '.' }) {
		for _, c := range controlWords {
			if strings.HasPrefix(w, c) {
				return true
			}
		}
	}
	return false
}

// metaValue is one metadata value as its source wrote it.
type metaValue struct {
	// text is the value as a string, a YAML timestamp kept as written
	// (see yamlText); raw is the scalar's text itself, for flags.
	text, raw string
	null      bool // YAML null or JSON null: the key is as good as absent
	// complex is a list or mapping, never a valid value here.
	complex bool
}

// metaFields is a source's metadata, by normalised key; keys keeps the
// keys as written, for messages.
type metaFields struct {
	values map[string][]metaValue
	keys   map[string]string
}

func (m *metaFields) add(key string, v metaValue) {
	if m.values == nil {
		m.values, m.keys = map[string][]metaValue{}, map[string]string{}
	}
	k := normKey(key)
	m.values[k] = append(m.values[k], v)
	if _, ok := m.keys[k]; !ok {
		m.keys[k] = key
	}
}

// yamlFields reads a YAML mapping (front matter, a sidecar) as metadata:
// each scalar as written (see yamlText). An empty document has no fields.
func yamlFields(raw []byte) (metaFields, error) {
	var m metaFields
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return m, err
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return m, nil
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null" {
		return m, nil
	}
	if root.Kind != yaml.MappingNode {
		return m, fmt.Errorf("not a mapping of keys to values")
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, n := root.Content[i], root.Content[i+1]
		var v metaValue
		switch {
		case n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null":
			v.null = true
		case n.Kind == yaml.ScalarNode:
			s, err := yamlText(n)
			if err != nil {
				return m, fmt.Errorf("%s: %w", k.Value, err)
			}
			v.text, v.raw = s, n.Value
		default:
			v.complex = true
		}
		m.add(k.Value, v)
	}
	return m, nil
}

// jsonFields reads the fields of a JSON object (a JSONL row) as metadata:
// a string as its value, other scalars as written.
func jsonFields(raw map[string]json.RawMessage) metaFields {
	var m metaFields
	for k, r := range raw {
		b := bytes.TrimSpace(r)
		var v metaValue
		switch {
		case string(b) == "null":
			v.null = true
		case len(b) > 0 && b[0] == '"':
			var s string
			_ = json.Unmarshal(b, &s) // valid: it was decoded already
			v.text, v.raw = s, s
		case len(b) > 0 && (b[0] == '{' || b[0] == '['):
			v.complex = true
		default:
			v.text, v.raw = string(b), string(b)
		}
		m.add(k, v)
	}
	return m
}

// text returns the first non-null value of a descriptive key ("title"),
// trimmed; lists and mappings read as "".
func (m metaFields) text(key string) string {
	for _, v := range m.values[key] {
		if !v.null && !v.complex {
			return strings.TrimSpace(v.text)
		}
	}
	return ""
}

// access reads the access keys into an access, failing closed: a key that
// looks like a control but is not one, or a list or mapping given as an
// access value, is an error. Every other key not in known is returned, as
// written, in unknown.
func (m metaFields) access(known ...string) (a access, unknown []string, err error) {
	norms := make([]string, 0, len(m.values))
	for k := range m.values {
		norms = append(norms, k)
	}
	slices.Sort(norms)
	for _, k := range norms {
		field, ok := accessKeys[k]
		if !ok {
			switch {
			case looksLikeControl(k):
				return a, nil, fmt.Errorf("key %q looks like an embargo or withdrawal but is not one the loader reads (use embargo: or withdrawn:), so the document is not published", m.keys[k])
			case !slices.Contains(known, k):
				unknown = append(unknown, m.keys[k])
			}
			continue
		}
		for _, v := range m.values[k] {
			if v.null {
				continue
			}
			if v.complex {
				return a, nil, fmt.Errorf("%s: a list or mapping, not a value", m.keys[k])
			}
			switch field {
			case "embargo":
				a.Embargo = append(a.Embargo, v.text)
			case "withdrawn":
				a.Withdrawn = append(a.Withdrawn, metaFlag{raw: v.raw, set: true, key: m.keys[k]})
			case "withdrawn_note":
				a.WithdrawnNote = first(a.WithdrawnNote, strings.TrimSpace(v.text))
			}
		}
	}
	return a, unknown, nil
}

// unknownKeys describes keys a source does not read, for a warning.
func unknownKeys(where string, keys []string, reads string) string {
	quoted := make([]string, len(keys))
	for i, k := range keys {
		quoted[i] = fmt.Sprintf("%q", k)
	}
	word := "key"
	if len(keys) > 1 {
		word = "keys"
	}
	return fmt.Sprintf("%s: unknown %s %s ignored (%s reads %s); the document loaded", where, word, strings.Join(quoted, ", "), where, reads)
}
