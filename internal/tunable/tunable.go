// Package tunable sets a tuning struct's thresholds by name, as bot eval's
// --tune NAME=VALUE sweeps them. Each package keeps its thresholds in one
// struct and names its fields its own way (a tag, or the field's name).
package tunable

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"unicode"
)

// NameOf names a tuning struct's field as Set takes it.
type NameOf func(reflect.StructField) string

// Tag names a field by its tune tag (`tune:"min-quotes"`).
func Tag(f reflect.StructField) string { return f.Tag.Get("tune") }

// Kebab names a field by its Go name in lower case, words joined by
// dashes: TimelineLede is "timeline-lede".
func Kebab(f reflect.StructField) string {
	var b strings.Builder
	for i, r := range f.Name {
		if unicode.IsUpper(r) && i > 0 {
			b.WriteByte('-')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Set sets the field of *t (a pointer to a struct of float64 and int
// thresholds) that nameOf names name, from value.
func Set(t any, nameOf NameOf, name, value string) error {
	v := reflect.ValueOf(t).Elem()
	for i := range v.NumField() {
		if nameOf(v.Type().Field(i)) != name {
			continue
		}
		f := v.Field(i)
		switch f.Kind() {
		case reflect.Int:
			n, err := strconv.Atoi(value)
			if err != nil {
				return fmt.Errorf("tune %s: %q is not a whole number", name, value)
			}
			f.SetInt(int64(n))
		case reflect.Float64:
			x, err := strconv.ParseFloat(value, 64)
			if err != nil {
				return fmt.Errorf("tune %s: %q is not a number", name, value)
			}
			f.SetFloat(x)
		default:
			return fmt.Errorf("tune %s: not a number", name)
		}
		return nil
	}
	return fmt.Errorf("tune: no threshold %q (one of %s)", name, strings.Join(Names(t, nameOf), ", "))
}

// Names lists the fields' names of *t, as Set takes them.
func Names(t any, nameOf NameOf) []string {
	var out []string
	ty := reflect.TypeOf(t).Elem()
	for i := range ty.NumField() {
		out = append(out, nameOf(ty.Field(i)))
	}
	return out
}
