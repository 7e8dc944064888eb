// Package audit keeps the record newsrooms need to answer "who asked what,
// and what did the bot show them?": one JSON line per user action (an
// answer, a claim check, a share, a vote), each at most MaxEntry bytes, in
// a file rotated by size. It stores questions and the documents cited,
// never tokens or the answer text itself.
package audit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"
)

// Cited is a document and paragraph an answer cited.
type Cited struct {
	DocID     string `json:"doc_id"`
	Paragraph int    `json:"paragraph"`
}

// Record is one user action: an answer, a claim check, a share or a vote.
type Record struct {
	Time    time.Time `json:"time"`
	User    string    `json:"user,omitempty"`
	Channel string    `json:"channel,omitempty"`
	// Via is how it was asked: mention, dm, slash, check (/check),
	// shortcut (the message shortcut), share ("Share in channel"),
	// feedback, cli.
	Via string `json:"via"`
	// Question is the question, or the claim checked.
	Question string `json:"question"`
	AnswerID string `json:"answer_id,omitempty"`
	// Kind is the answer's kind (extractive, generated, not_found), or
	// "check" for a claim check.
	Kind string `json:"kind"`
	// Outcome is what came of the action when Kind does not say: a check's
	// verdict, "shared" or why a share was refused, a vote.
	Outcome string  `json:"outcome,omitempty"`
	Cited   []Cited `json:"cited"`
	// CitedMore counts the citations left out of Cited (see MaxEntry).
	CitedMore int `json:"cited_more,omitempty"`
	// Searched says which collections were searched ("politics, wires, and
	// documents outside every collection", or "all documents").
	Searched       string `json:"searched"`
	Model          string `json:"model,omitempty"`
	FellBack       bool   `json:"fell_back,omitempty"`
	FallbackReason string `json:"fallback_reason,omitempty"`
}

// Log appends records to a file, moving it to path.1 (path.2, … up to
// Keep) when it would grow past MaxBytes.
type Log struct {
	path     string
	MaxBytes int64
	Keep     int

	mu   sync.Mutex
	f    *os.File
	size int64
}

// Open opens (or creates) the audit log at path, 0600: it names people.
func Open(path string) (*Log, error) {
	l := &Log{path: path, MaxBytes: 50 << 20, Keep: 5}
	if err := l.open(); err != nil {
		return nil, err
	}
	return l, nil
}

func (l *Log) open() error {
	f, err := os.OpenFile(l.path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return fmt.Errorf("audit log: %w", err)
	}
	l.f, l.size = f, fi.Size()
	return nil
}

// MaxEntry bounds one record's line, in bytes. Write keeps a record
// within it by cutting long fields, each marked with how long it was
// ("…[cut: 1048576 bytes]"): the question at 2 KiB, what was searched
// and the fallback reason at 512 bytes, every other text at 128 bytes, a
// document ID at 256 bytes, and the citations at the first 12 (CitedMore
// counts the rest). Sizes are of the JSON text, escapes included.
const MaxEntry = 8 << 10

// Field bounds that keep a record within MaxEntry.
const (
	maxQuestion = 2 << 10
	maxLong     = 512
	maxShort    = 128
	maxDocID    = 256
	maxCited    = 12
)

// bounded returns r with its fields cut to the bounds above.
func (r Record) bounded() Record {
	r.User, r.Channel, r.Via = cut(r.User, maxShort), cut(r.Channel, maxShort), cut(r.Via, maxShort)
	r.AnswerID, r.Kind, r.Outcome, r.Model = cut(r.AnswerID, maxShort), cut(r.Kind, maxShort), cut(r.Outcome, maxShort), cut(r.Model, maxShort)
	r.Question = cut(r.Question, maxQuestion)
	r.Searched, r.FallbackReason = cut(r.Searched, maxLong), cut(r.FallbackReason, maxLong)
	if r.Cited == nil {
		r.Cited = []Cited{}
	}
	if len(r.Cited) > maxCited {
		r.CitedMore += len(r.Cited) - maxCited
		r.Cited = r.Cited[:maxCited]
	}
	cited := make([]Cited, len(r.Cited))
	for i, c := range r.Cited {
		cited[i] = Cited{DocID: cut(c.DocID, maxDocID), Paragraph: c.Paragraph}
	}
	r.Cited = cited
	return r
}

// cut returns s if its JSON string (quotes aside) takes at most n bytes,
// and otherwise its longest prefix that does with the marker after it.
func cut(s string, n int) string {
	if jsonLen(s) <= n {
		return s
	}
	marker := "…[cut: " + strconv.Itoa(len(s)) + " bytes]"
	room := n - len(marker)
	end, used := 0, 0
	for i, r := range s {
		w := jsonRuneLen(r, s[i:])
		if used+w > room {
			break
		}
		used += w
		end = i + utf8.RuneLen(r)
		if r == utf8.RuneError {
			end = i + 1
		}
	}
	return s[:end] + marker
}

// jsonLen is the length of s written as a JSON string, quotes aside.
func jsonLen(s string) int {
	n := 0
	for i, r := range s {
		n += jsonRuneLen(r, s[i:])
	}
	return n
}

// jsonRuneLen is how many bytes r (at the start of rest) takes in a JSON
// string as Write encodes it.
func jsonRuneLen(r rune, rest string) int {
	switch {
	case r == '"' || r == '\\' || r == '\n' || r == '\r' || r == '\t':
		return 2
	case r < 0x20 || r == '\u2028' || r == '\u2029':
		return 6
	case r == utf8.RuneError:
		if _, size := utf8.DecodeRuneInString(rest); size == 1 {
			return 6 // an invalid byte becomes \ufffd
		}
	}
	return utf8.RuneLen(r)
}

// Write appends one record as a JSON line of at most MaxEntry bytes.
func (l *Log) Write(r Record) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r.bounded()); err != nil {
		return fmt.Errorf("audit record: %w", err)
	}
	line := buf.Bytes() // Encode ends it with a newline
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.size > 0 && l.size+int64(len(line)) > l.MaxBytes {
		if err := l.rotate(); err != nil {
			return err
		}
	}
	n, err := l.f.Write(line)
	l.size += int64(n)
	if err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	return nil
}

// rotate moves path.(k) to path.(k+1), path to path.1, and opens a new file.
func (l *Log) rotate() error {
	l.f.Close()
	for k := l.Keep - 1; k >= 1; k-- {
		os.Rename(fmt.Sprintf("%s.%d", l.path, k), fmt.Sprintf("%s.%d", l.path, k+1))
	}
	if err := os.Rename(l.path, l.path+".1"); err != nil {
		return fmt.Errorf("audit log rotate: %w", err)
	}
	return l.open()
}

// Close closes the file.
func (l *Log) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.f.Close()
}
