package corpus

import (
	"strings"
	"unicode/utf8"
)

// DisplayText returns s fit to show on a terminal or in a chat message:
// control characters (C0 but newline and tab, DEL, C1: the escape
// sequences that clear a screen or set a window title) and bidirectional
// controls (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069, which
// reorder what a reader sees) are dropped, and invalid bytes shown as
// U+FFFD. Documents keep these characters as they are: quotes are checked
// verbatim against the stored text, and only what is shown is cleaned.
func DisplayText(s string) string { return display(s, false) }

// DisplayLine is DisplayText for a one-line field (a title, an outlet, a
// byline): newlines, tabs and the line and paragraph separators become spaces.
func DisplayLine(s string) string { return display(s, true) }

func display(s string, oneLine bool) string {
	dirty := false
	for _, r := range s {
		if r == utf8.RuneError || hidden(r) || isBreak(r) && (oneLine || r > 0x7f) {
			dirty = true
			break
		}
	}
	if !dirty {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteRune(utf8.RuneError)
		case isBreak(r) && oneLine:
			b.WriteByte(' ')
		case r == '\u2028' || r == '\u2029':
			b.WriteByte('\n')
		case hidden(r):
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// isBreak reports whether r breaks or spaces a line: newline, tab, or the
// Unicode line and paragraph separators.
func isBreak(r rune) bool { return r == '\n' || r == '\t' || r == '\u2028' || r == '\u2029' }

// hidden reports whether r is a control character (newline and tab aside)
// or a bidirectional control.
func hidden(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r == '\u061c', r == '\u200e', r == '\u200f', r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
		return true
	}
	return false
}
