package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a piece of a text: its bytes [Start, End).
type Span struct{ Start, End int }

// Sentences returns the sentence spans of one paragraph of text, trimmed of
// surrounding space. A sentence ends at a line break, or at ., ! or ? (with
// any closing quotes or brackets) followed by space and a capital, digit or
// opening quote, unless the word before is a known abbreviation or a
// single initial.
func Sentences(text string) []Span {
	var spans []Span
	start := 0
	add := func(end int) {
		s, e := start, end
		for s < e && isSpaceByte(text[s]) {
			s++
		}
		for e > s && isSpaceByte(text[e-1]) {
			e--
		}
		if e > s {
			spans = append(spans, Span{Start: s, End: e})
		}
		start = end
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == '\n' {
			add(i)
			i += size
			start = i
			continue
		}
		if r != '.' && r != '!' && r != '?' {
			i += size
			continue
		}
		end := i + size
		for end < len(text) {
			c, sz := utf8.DecodeRuneInString(text[end:])
			if !strings.ContainsRune(`"'”’)]»`, c) && c != '.' && c != '!' && c != '?' {
				break
			}
			end += sz
		}
		if end >= len(text) {
			break
		}
		if !isSpaceByte(text[end]) {
			i = end
			continue
		}
		j := end
		for j < len(text) && isSpaceByte(text[j]) && text[j] != '\n' {
			j++
		}
		next, _ := utf8.DecodeRuneInString(text[j:])
		if j < len(text) && (unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune(`"'“‘(`, next)) && !(r == '.' && endsInAbbreviation(text[start:i])) {
			add(end)
		}
		i = end
	}
	add(len(text))
	return spans
}

func isSpaceByte(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\v' || b == '\f'
}

// endsInAbbreviation reports whether the text before a period ends with an
// abbreviation or a single capital initial ("J." in "J. Smith").
func endsInAbbreviation(before string) bool {
	k := len(before)
	for k > 0 && !isSpaceByte(before[k-1]) && before[k-1] != '(' && before[k-1] != '"' {
		k--
	}
	// A time's digits go before its "a.m." or "p.m." ("3p.m. PT").
	word := strings.TrimLeft(before[k:], "0123456789")
	if utf8.RuneCountInString(word) == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		return unicode.IsUpper(r)
	}
	return abbreviations[strings.ToLower(word)]
}
