// Package audit keeps the record newsrooms need to answer "who asked what,
// and what did the bot show them?": one JSON line per answer, in a file
// rotated by size. It stores questions and the documents cited, never
// tokens or the answer text itself.
package audit

import (
	"encoding/json"
	"fmt"
	"os"
	"sync"
	"time"
)

// Cited is a document and paragraph an answer cited.
type Cited struct {
	DocID     string `json:"doc_id"`
	Paragraph int    `json:"paragraph"`
}

// Record is one answer.
type Record struct {
	Time     time.Time `json:"time"`
	User     string    `json:"user,omitempty"`
	Channel  string    `json:"channel,omitempty"`
	Via      string    `json:"via"` // mention, dm, slash, cli
	Question string    `json:"question"`
	AnswerID string    `json:"answer_id,omitempty"`
	Kind     string    `json:"kind"` // extractive, generated, not_found
	Cited    []Cited   `json:"cited"`
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

// Write appends one record as a JSON line.
func (l *Log) Write(r Record) error {
	line, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("audit record: %w", err)
	}
	line = append(line, '\n')
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
