package redact

import (
	"bytes"
	"errors"
	"io/fs"
	"log/slog"
	"strings"
	"testing"
)

// Each pattern has a case that only it redacts, so removing any one of
// them fails a case.
func TestText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"url userinfo", `Post "http://user:pa55@host:8080/v1/embeddings": EOF`, `Post "http://[redacted]@host:8080/v1/embeddings": EOF`},
		{"bearer", "Authorization: Bearer abc.DEF~123/456= refused", "Authorization: Bearer [redacted] refused"},
		{"basic", "Authorization: Basic dXNlcjpwYXNz", "Authorization: Basic [redacted]"},
		{"token", "token 0a1b2c3d4e5f", "token [redacted]"},
		{"openai key", "Incorrect API key provided: sk-abcdef0123456789.", "Incorrect API key provided: [redacted]."},
		{"openai project key", "key sk-proj-ABCDEFGH_12345678 refused", "key [redacted] refused"},
		{"publishable key", "pk-lf-0123456789abcdef in the header", "[redacted] in the header"},
		{"restricted key", "(rk_live is not it; rk-0123456789abcdef is)", "(rk_live is not it; [redacted] is)"},
		{"slack bot token", "posted with xoxb-1234-5678-abcdefgh", "posted with [redacted]"},
		{"slack user token", "posted with xoxp-1234-5678-9012-abcdef", "posted with [redacted]"},
		{"slack workspace app token", "posted with xoxa-2-1234-5678-abcdef", "posted with [redacted]"},
		{"slack legacy refresh token", "refreshed xoxr-1234-5678-abcdef", "refreshed [redacted]"},
		{"slack session token", "session xoxs-1234-5678-abcdef ended", "session [redacted] ended"},
		{"slack client token", "client xoxc-1234-5678-abcdef", "client [redacted]"},
		{"slack rotating access token", "rotated to xoxe.xoxp-1-Mi0yLTEyMzQ1Ng", "rotated to [redacted]"},
		{"slack rotating refresh token", "refresh with xoxe-1-My0xLTEyMzQ1Ng", "refresh with [redacted]"},
		{"slack app-level token", "socket mode: xapp-1-A01-123-abcdef0123", "socket mode: [redacted]"},
		{"query api_key", "https://host/v1?api_key=s3cr3t&model=m", "https://host/v1?api_key=[redacted]&model=m"},
		{"query api-key", "https://host/v1?model=m&api-key=s3cr3t", "https://host/v1?model=m&api-key=[redacted]"},
		{"query key", "https://host/v1?key=s3cr3t", "https://host/v1?key=[redacted]"},
		{"query token", "https://host/v1?token=s3cr3t", "https://host/v1?token=[redacted]"},
		{"query access_token", "https://host/v1?access_token=s3cr3t", "https://host/v1?access_token=[redacted]"},
		{"query secret", "https://host/v1?secret=s3cr3t", "https://host/v1?secret=[redacted]"},
		{"nothing secret", "nothing secret here: http://localhost:11434/v1 said 404 not found", "nothing secret here: http://localhost:11434/v1 said 404 not found"},
		{"words like prefixes", "the desk-politics task-force; xoxb- tokens; sk-short", "the desk-politics task-force; xoxb- tokens; sk-short"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Text(tt.in); got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
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
