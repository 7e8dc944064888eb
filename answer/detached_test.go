package answer

import (
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/newsroom/askbot/retrieval"
)

// A detached answer shares no string with the answer it copies (its text
// may be a saved file's, mapped, which a kept answer must not hold), holds
// no Results, and renders as the answer does. Every string field of the
// answer is filled by reflection, so that a field added later and not
// copied fails here.
func TestDetachedSharesNoString(t *testing.T) {
	corpusText := strings.Repeat("The harbour reopened on Monday after the storm. ", 20)
	next := 0
	cut := func() string {
		s := corpusText[next%500 : next%500+12]
		next += 7
		return s
	}
	var fill func(v reflect.Value)
	fill = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			if v.CanSet() {
				v.SetString(cut())
			}
		case reflect.Struct:
			if v.Type() == reflect.TypeOf(retrieval.Results{}) {
				return
			}
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					fill(v.Field(i))
				}
			}
		case reflect.Slice:
			if v.Type().Elem().Kind() == reflect.Int {
				v.Set(reflect.ValueOf([]int{1, 2}))
				return
			}
			s := reflect.MakeSlice(v.Type(), 2, 2)
			for i := range 2 {
				fill(s.Index(i))
			}
			v.Set(s)
		case reflect.Pointer:
			if v.Type().Elem().Kind() == reflect.Struct && v.Type().Elem() != reflect.TypeOf(retrieval.Results{}) {
				p := reflect.New(v.Type().Elem())
				fill(p.Elem())
				v.Set(p)
			}
		}
	}
	a := &Answer{Kind: Extractive, Results: &retrieval.Results{}}
	fill(reflect.ValueOf(a).Elem())
	a.Kind = Extractive
	d := a.Detached()
	if d.Results != nil {
		t.Error("the detached answer keeps the Results")
	}
	if d.Text() != a.Text() {
		t.Errorf("renders %q, the answer %q", d.Text(), a.Text())
	}
	lo := uintptr(unsafe.Pointer(unsafe.StringData(corpusText)))
	hi := lo + uintptr(len(corpusText))
	strs := 0
	var check func(path string, v reflect.Value)
	check = func(path string, v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			strs++
			if p := uintptr(unsafe.Pointer(unsafe.StringData(v.String()))); v.Len() > 0 && p >= lo && p < hi {
				t.Errorf("%s shares the answer's string", path)
			}
		case reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					check(path+"."+v.Type().Field(i).Name, v.Field(i))
				}
			}
		case reflect.Slice:
			for i := range v.Len() {
				check(path+"[]", v.Index(i))
			}
		case reflect.Pointer:
			if !v.IsNil() {
				check(path, v.Elem())
			}
		}
	}
	check("Answer", reflect.ValueOf(d).Elem())
	if strs < 20 {
		t.Fatalf("only %d strings checked: the fill missed fields", strs)
	}
}
