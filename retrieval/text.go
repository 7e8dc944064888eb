package retrieval

import (
	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/text"
)

// The text analysis that retrieval exported before package text owned it.
// Each name forwards to text; callers should move over.

// Names returns a question's capitalised words.
//
// Deprecated: use text.Names.
func Names(s string) []string { return text.Names(s) }

// Words splits text into lower-cased words.
//
// Deprecated: use text.Words.
func Words(s string) []string { return text.Words(s) }

// Terms turns text into index terms.
//
// Deprecated: use text.Terms.
func Terms(s string) []string { return text.Terms(s) }

// QueryTerms returns the distinct index terms of a question.
//
// Deprecated: use text.QueryTerms.
func QueryTerms(query string) []string { return text.QueryTerms(query) }

// Stem returns the index term of a word: its lemma's stem, so that it
// matches Terms and QueryTerms ("won" gives "win").
//
// Deprecated: use text.Term (or text.Stem for the bare Snowball stem).
func Stem(word string) string { return text.Term(word) }

// IsStopWord reports whether w is a common English function word.
//
// Deprecated: use text.IsStopWord.
func IsStopWord(w string) bool { return text.IsStopWord(w) }

// ContainsWord reports whether word occurs in s at word boundaries.
//
// Deprecated: use text.ContainsWord.
func ContainsWord(s, word string) bool { return text.ContainsWord(s, word) }

// Sentences returns the sentence spans of one paragraph of text.
//
// Deprecated: use text.Sentences.
func Sentences(s string) []corpus.Span { return spans(text.Sentences(s)) }

// spans converts text's spans to the corpus's.
func spans(in []text.Span) []corpus.Span {
	out := make([]corpus.Span, len(in))
	for i, s := range in {
		out[i] = corpus.Span{Start: s.Start, End: s.End}
	}
	return out
}
