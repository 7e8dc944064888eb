package corpus

import "testing"

func TestDisplayText(t *testing.T) {
	tests := []struct{ name, in, text, line string }{
		{"plain", "Mayor Díaz said “no” — twice.", "Mayor Díaz said “no” — twice.", "Mayor Díaz said “no” — twice."},
		{"clear screen", "before\x1b[2Jafter", "before[2Jafter", "before[2Jafter"},
		{"window title", "\x1b]0;pwned\x07Title", "]0;pwnedTitle", "]0;pwnedTitle"},
		{"C1 CSI", "a\u009b31mb", "a31mb", "a31mb"},
		{"bidi override", "The \u202eTimes\u202c \u2066x\u2069 \u200fy\u200e \u061cz", "The Times x y z", "The Times x y z"},
		{"lines and tabs", "one\ntwo\tthree\r\n\u2028four", "one\ntwo\tthree\n\nfour", "one two three  four"},
		{"invalid bytes", "a\xffb", "a\ufffdb", "a\ufffdb"},
		{"DEL and NUL", "a\x7fb\x00c", "abc", "abc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DisplayText(tt.in); got != tt.text {
				t.Errorf("DisplayText(%q) = %q, want %q", tt.in, got, tt.text)
			}
			if got := DisplayLine(tt.in); got != tt.line {
				t.Errorf("DisplayLine(%q) = %q, want %q", tt.in, got, tt.line)
			}
		})
	}
}
