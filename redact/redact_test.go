package redact

import (
	"bytes"
	"errors"
	"io/fs"
	"log/slog"
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	for in, want := range map[string]string{
		`Post "http://user:pa55@host:8080/v1/embeddings": EOF`:              `Post "http://[redacted]@host:8080/v1/embeddings": EOF`,
		"Incorrect API key provided: Bearer sk-abcdef0123456789":            "Incorrect API key provided: Bearer [redacted]",
		"key sk-proj-ABCDEFGH12345678 refused":                              "key [redacted] refused",
		"token xoxb-1234-5678-abcdefgh and xapp-1-A01-123-abcdef0123":       "token [redacted] and [redacted]",
		"https://host/v1?api_key=s3cr3t&model=m":                            "https://host/v1?api_key=[redacted]&model=m",
		"nothing secret here: http://localhost:11434/v1 said 404 not found": "nothing secret here: http://localhost:11434/v1 said 404 not found",
	} {
		if got := Text(in); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEndpoint(t *testing.T) {
	if got := Endpoint("http://user:pass@host:11434/v1?key=x#f"); got != "http://host:11434/v1" {
		t.Errorf("Endpoint = %q", got)
	}
}

func TestErrorAndLog(t *testing.T) {
	err := Error(&fs.PathError{Op: "open", Path: "http://u:secretpw@h/x", Err: fs.ErrNotExist})
	if strings.Contains(err.Error(), "secretpw") || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Error: %q, Is %v", err, errors.Is(err, fs.ErrNotExist))
	}
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{ReplaceAttr: ReplaceAttr}))
	log.Warn("embed failed", "url", "http://u:secretpw@h/v1", "error", errors.New("Bearer sk-0123456789abcdef rejected"))
	if out := buf.String(); strings.Contains(out, "secretpw") || strings.Contains(out, "sk-0123456789abcdef") {
		t.Errorf("log line leaks: %s", out)
	}
}
