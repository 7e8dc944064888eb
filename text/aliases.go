package text

import (
	"strings"
	"unicode/utf8"
)

// Alias is another name a sentence gives a team or organisation, with
// whose it says the name is: "New Zealand's All Blacks" gives the name
// "All Blacks" and the owner "New Zealand".
type Alias struct {
	Name, Owner string
}

// Aliases returns the names a sentence writes as another's, in three
// patterns where the writer says so outright:
//   - a possessive inside a name: "New Zealand’s All Blacks", "South
//     Africa's Springboks";
//   - an appositive followed by a possessive: "the Springboks, South
//     Africa's national team";
//   - the owner in brackets right after the name: "the All Blacks (New
//     Zealand)".
//
// The name must read as a team, its last word plural ("Springboks",
// "Blacks", "Wallabies"); a name and owner that are one are left out. A
// person's side ("Ian Foster's All Blacks") reads the same: the caller
// decides what to do with a name given two owners.
func Aliases(s string) []Alias {
	var out []Alias
	add := func(name, owner string) {
		name, owner = strings.TrimSpace(name), strings.TrimSpace(owner)
		if name == "" || owner == "" || !IsPluralName(name) || strings.EqualFold(name, owner) {
			return
		}
		out = append(out, Alias{Name: name, Owner: owner})
	}
	spans := NameSpans(s)
	for i, sp := range spans {
		n := s[sp.Start:sp.End]
		// "New Zealand’s All Blacks": one run with a possessive inside
		for _, p := range []string{"'s ", "’s "} {
			if owner, name, ok := strings.Cut(n, p); ok && !strings.Contains(name, p) {
				add(name, owner)
			}
		}
		if i+1 == len(spans) {
			continue
		}
		next := spans[i+1]
		gap, rest := s[sp.End:next.Start], s[next.End:]
		switch {
		case gap == ", " && (strings.HasPrefix(rest, "'s ") || strings.HasPrefix(rest, "’s ")):
			// "the Springboks, South Africa's national team"
			add(n, s[next.Start:next.End])
		case gap == " (" && strings.HasPrefix(rest, ")"):
			// "the All Blacks (New Zealand)"
			add(n, s[next.Start:next.End])
		}
	}
	return out
}

// IsPluralName reports whether a name's last word reads as a plural, as a
// team's name does ("All Blacks", "Springboks"): it ends in s but not
// in ss, us or is ("Congress", "Brutus", "Paris").
func IsPluralName(name string) bool {
	f := strings.Fields(name)
	if len(f) == 0 {
		return false
	}
	w := strings.ToLower(f[len(f)-1])
	if utf8.RuneCountInString(w) < 3 || !strings.HasSuffix(w, "s") {
		return false
	}
	for _, end := range []string{"ss", "us", "is", "'s", "’s"} {
		if strings.HasSuffix(w, end) {
			return false
		}
	}
	return true
}

// nicknames maps a national side's other name, folded to lower-case
// words ("all blacks"), to its country (data/words.txt [nicknames]).
var nicknames = func() map[string]string {
	m := map[string]string{}
	for k, v := range sections["nicknames"] {
		m[foldName(k)] = v
	}
	return m
}()

// foldName is a name's words in lower case without accents or a leading
// "the", one space between.
func foldName(s string) string {
	f := strings.Fields(strings.ToLower(Fold(strings.NewReplacer("’", "'", "-", " ").Replace(s))))
	if len(f) > 0 && f[0] == "the" {
		f = f[1:]
	}
	for i, w := range f {
		f[i] = strings.Trim(w, `.,;:'"()`)
	}
	return strings.Join(f, " ")
}

// NicknameOwner returns the country whose national side a name is
// another name of ("the Springboks", "Boks": "South Africa"), from a
// list of nicknames that stand for one country's side whatever the sport
// (data/words.txt [nicknames]); "" for any other name. Stories write
// these without saying whose they are, as their readers know.
func NicknameOwner(name string) string { return nicknames[foldName(name)] }
