package corpus

import "fmt"

// DefaultMaxExpandedBytes caps what one file may expand to: the
// uncompressed bytes of every compressed part read from it (a Word file's
// document.xml, footnotes and properties; the Word files attached to an
// email, all of an mbox's messages together) and the text extracted from
// its PDFs (its own, or attached). It is the limit on a file's size, so
// that a small compressed file costs no more to index than the largest
// plain file accepted: a real report's document.xml is a few MiB.
const DefaultMaxExpandedBytes = DefaultMaxFileBytes

// expansion is the expansion budget of one file: what is left of it.
// Decoding base64 or quoted-printable mail parts does not count: it never
// makes more bytes than the file has.
type expansion struct {
	left, limit int64
}

func newExpansion(limit int64) *expansion { return &expansion{left: limit, limit: limit} }

// take counts n bytes extracted (a PDF's text) against the budget.
func (e *expansion) take(n int) error {
	e.left -= int64(n)
	if e.left < 0 {
		return e.exceeded()
	}
	return nil
}

// exceeded is the plain reason a file over its budget is refused.
func (e *expansion) exceeded() error {
	return &docxLimitError{fmt.Sprintf("expands past %s uncompressed (all its parts and attachments together)", mib(e.limit))}
}

func (o Options) maxExpanded() int64 {
	if o.MaxExpandedBytes > 0 {
		return o.MaxExpandedBytes
	}
	return DefaultMaxExpandedBytes
}
