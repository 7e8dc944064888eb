package corpus

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// DisplayName returns a file name or document ID to show people, in a
// terminal or in Slack: unchanged when it is valid UTF-8 of printable
// characters (spaces included), else quoted and escaped as strconv.Quote
// does, so that control characters (terminal escapes, newlines, direction
// overrides) and invalid bytes never reach the screen raw.
func DisplayName(name string) string {
	if plain(name) {
		return name
	}
	return strconv.Quote(name)
}

// plain reports whether s is valid UTF-8 of printable characters.
func plain(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if !strconv.IsPrint(r) {
			return false
		}
	}
	return true
}

// escapeControls escapes the control characters and invalid bytes of a
// message (a skip's reason may quote a file name from an error), leaving
// the rest, quotes included, as it is.
func escapeControls(s string) string {
	if plain(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteString(`\x` + strconv.FormatUint(uint64(s[i]), 16))
		case strconv.IsPrint(r):
			b.WriteString(s[i : i+n])
		default:
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		}
		i += n
	}
	return b.String()
}
