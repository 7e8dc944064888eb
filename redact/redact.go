// Package redact removes credentials from text that is shown, logged or
// stored: the user information of URLs ("http://user:pass@host"), bearer
// tokens, secrets in query parameters, and API keys and Slack tokens by
// their well-known prefixes (keyPrefixes).
package redact

import (
	"errors"
	"log/slog"
	"net/url"
	"regexp"
	"strings"
)

// Mask replaces what is removed.
const Mask = "[redacted]"

// keyPrefixes are the well-known prefixes of API keys and tokens. A prefix
// followed by at least eight of [A-Za-z0-9_-] is a secret, prefix and all.
var keyPrefixes = []string{
	`sk-`,             // OpenAI (sk-proj-, sk-svcacct-, sk-admin-), Anthropic (sk-ant-)
	`pk-`,             // publishable keys (Stripe, Langfuse)
	`rk-`,             // restricted keys (Stripe)
	`xoxb-`,           // Slack bot token
	`xoxp-`,           // Slack user token
	`xoxa-`,           // Slack workspace app token (legacy)
	`xoxr-`,           // Slack refresh token (legacy)
	`xoxs-`,           // Slack session token
	`xoxc-`,           // Slack client token
	`xoxe\.xox[a-z]-`, // Slack rotating access token (xoxe.xoxb-, xoxe.xoxp-)
	`xoxe-`,           // Slack rotating refresh token
	`xapp-`,           // Slack app-level token
}

var (
	userinfoRE = regexp.MustCompile(`(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@]+@`)
	bearerRE   = regexp.MustCompile(`(?i)\b(bearer|basic|token)\s+[A-Za-z0-9._~+/=-]{6,}`)
	keyRE      = regexp.MustCompile(`\b(?:` + strings.Join(keyPrefixes, "|") + `)[A-Za-z0-9_-]{8,}`)
	paramRE    = regexp.MustCompile(`(?i)([?&](?:api[_-]?key|key|token|access_token|secret)=)[^&\s"]+`)
)

// Text returns s with URL user information, bearer tokens, API keys and
// Slack tokens replaced by Mask.
func Text(s string) string {
	s = userinfoRE.ReplaceAllString(s, "${1}"+Mask+"@")
	s = bearerRE.ReplaceAllString(s, "${1} "+Mask)
	s = keyRE.ReplaceAllString(s, Mask)
	return paramRE.ReplaceAllString(s, "${1}"+Mask)
}

// Endpoint names an endpoint by scheme, host and path only: no user
// information, query or fragment. Unparsable input is redacted as text.
func Endpoint(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return Text(raw)
	}
	return (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()
}

// Error wraps err so that its message is redacted; errors.Is and errors.As
// still see err.
func Error(err error) error {
	if err == nil {
		return nil
	}
	return &redacted{err}
}

type redacted struct{ err error }

func (r *redacted) Error() string { return Text(r.err.Error()) }
func (r *redacted) Unwrap() error { return r.err }

// ReplaceAttr is a slog.HandlerOptions.ReplaceAttr that redacts every
// string and error value of a log line.
func ReplaceAttr(_ []string, a slog.Attr) slog.Attr {
	switch v := a.Value.Any().(type) {
	case string:
		if t := Text(v); t != v {
			return slog.String(a.Key, t)
		}
	case error:
		var r *redacted
		if !errors.As(v, &r) {
			return slog.Any(a.Key, Error(v))
		}
	}
	return a
}
