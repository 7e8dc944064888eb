package config

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// Setting is one setting of the bot, declared once: its environment
// variable, its flag, its config-file key, whether it is a secret, and its
// help. The environment, the flags, the help text and the error messages
// are all derived from Settings.
type Setting struct {
	Env  string // environment variable
	Flag string // command-line flag, "" when it has none
	Key  string // config-file key ("embed.base_url"), "" for secrets
	// Secret settings come from the environment or from a file named by
	// Env+"_FILE", never from the config file, and never print.
	Secret bool
	Help   string
	// field points at the setting in a Config: *string, *int, *float64,
	// *time.Duration, *[]string (comma-separated) or *Secret.
	field func(*Config) any
}

// Settings are every setting, in the order --help lists them.
var Settings = []Setting{
	{Env: "BOT_CONFIG", Flag: "config", Help: "path of a YAML config file; secrets are never read from it"},
	{"BOT_CORPUS", "corpus", "corpus", false, "directory or file of documents (default: the one indexed last, else the bundled one)", func(c *Config) any { return &c.Corpus }},
	{"BOT_DATA_DIR", "data-dir", "data_dir", false, "directory for the persistent indexes", func(c *Config) any { return &c.DataDir }},
	{"BOT_K", "k", "k", false, "passages retrieved per question", func(c *Config) any { return &c.K }},
	{"BOT_CHUNK_CHARS", "chunk-chars", "chunk_chars", false, "target chunk size in characters", func(c *Config) any { return &c.ChunkChars }},
	{"BOT_CHUNK_OVERLAP", "chunk-overlap", "chunk_overlap", false, "overlap between chunks in characters", func(c *Config) any { return &c.ChunkOverlap }},
	{"BOT_LOG_LEVEL", "log-level", "log_level", false, "debug, info, warn or error", func(c *Config) any { return &c.LogLevel }},
	{"BOT_PDFTOTEXT", "", "pdftotext", false, "read PDFs with this pdftotext command instead of in-process PDFium (3× faster, needs poppler-utils)", func(c *Config) any { return &c.PDFToText }},
	{"BOT_STORE", "store", "store", false, "where the index lives: memory (this process, saved in the data dir) or weaviate", func(c *Config) any { return &c.Store }},
	{"BOT_WEAVIATE_URL", "weaviate-url", "weaviate.url", false, "Weaviate server or load balancer, e.g. http://localhost:8080", func(c *Config) any { return &c.Weaviate.URL }},
	{"BOT_WEAVIATE_API_KEY", "", "", true, "API key for the Weaviate server", func(c *Config) any { return &c.Weaviate.APIKey }},
	{"BOT_WEAVIATE_NAME", "weaviate-name", "weaviate.name", false, "the store's class name in Weaviate, one per corpus", func(c *Config) any { return &c.Weaviate.Name }},
	{"BOT_WEAVIATE_SHARDS", "", "weaviate.shards", false, "shards of a new Weaviate store", func(c *Config) any { return &c.Weaviate.Shards }},
	{"BOT_WEAVIATE_REPLICAS", "", "weaviate.replicas", false, "nodes holding each shard of a new Weaviate store (2 or more: answers survive a lost node)", func(c *Config) any { return &c.Weaviate.Replicas }},
	{"BOT_EMBED_BASE_URL", "embed-base-url", "embed.base_url", false, "OpenAI-compatible embeddings endpoint (default: offline GloVe)", func(c *Config) any { return &c.Embed.BaseURL }},
	{"BOT_EMBED_MODEL", "embed-model", "embed.model", false, "embedding model at that endpoint", func(c *Config) any { return &c.Embed.Model }},
	{"BOT_EMBED_API_KEY", "", "", true, "API key for the embeddings endpoint", func(c *Config) any { return &c.Embed.APIKey }},
	{"OPENAI_BASE_URL", "", "", false, "fallback for BOT_LLM_BASE_URL", func(c *Config) any { return &c.LLM.BaseURL }},
	{"BOT_LLM_BASE_URL", "llm-base-url", "llm.base_url", false, "OpenAI-compatible chat endpoint (default: OpenAI's)", func(c *Config) any { return &c.LLM.BaseURL }},
	{"BOT_LLM_MODEL", "llm-model", "llm.model", false, "chat model: setting it turns generated answers on", func(c *Config) any { return &c.LLM.Model }},
	{"OPENAI_API_KEY", "", "", true, "fallback for BOT_LLM_API_KEY", func(c *Config) any { return &c.LLM.APIKey }},
	{"BOT_LLM_API_KEY", "", "", true, "API key for the chat endpoint", func(c *Config) any { return &c.LLM.APIKey }},
	{"BOT_LLM_TIMEOUT", "llm-timeout", "llm.timeout", false, "bound on one generated answer, retries included", func(c *Config) any { return &c.LLM.Timeout }},
	{"BOT_LLM_MAX_TOKENS", "llm-max-tokens", "llm.max_tokens", false, "most tokens the model may write per answer", func(c *Config) any { return &c.LLM.MaxTokens }},
	{"BOT_LLM_TEMPERATURE", "llm-temperature", "llm.temperature", false, "sampling temperature, 0 to 2", func(c *Config) any { return &c.LLM.Temperature }},
	{"SLACK_BOT_TOKEN", "", "", true, "Slack bot token, xoxb-…, required", func(c *Config) any { return &c.Slack.BotToken }},
	{"SLACK_APP_TOKEN", "", "", true, "Slack app-level token, xapp-…: connects over Socket Mode", func(c *Config) any { return &c.Slack.AppToken }},
	{"SLACK_SIGNING_SECRET", "", "", true, "Slack signing secret: serves the Events API over HTTP", func(c *Config) any { return &c.Slack.SigningSecret }},
	{"SLACK_API_URL", "", "slack.api_url", false, "Slack Web API base URL (default Slack's own)", func(c *Config) any { return &c.Slack.APIURL }},
	{"BOT_LISTEN", "listen", "slack.listen", false, "HTTP address for /healthz, /readyz, /metrics and the Events API", func(c *Config) any { return &c.Slack.Listen }},
	{"BOT_ADMINS", "", "slack.admins", false, "comma-separated Slack user IDs allowed to reload and upload", func(c *Config) any { return &c.Slack.Admins }},
	{"BOT_CHANNELS", "", "slack.channels", false, "comma-separated channel IDs the bot answers in (default: all it is in)", func(c *Config) any { return &c.Slack.Channels }},
	{"BOT_MAX_CONCURRENT", "", "slack.max_concurrent", false, "answers in flight at once in Slack", func(c *Config) any { return &c.Slack.MaxConcurrent }},
	{"BOT_MAX_QUEUE", "", "slack.max_queue", false, "questions queued or in flight before askers hear the bot is busy (0: 25 × BOT_MAX_CONCURRENT)", func(c *Config) any { return &c.Slack.MaxQueue }},
	{"BOT_AUDIT_LOG", "audit-log", "audit_log", false, "audit log file: one JSON line (at most 8 KiB) per user action in Slack (who asked, checked or shared what, what was cited)", func(c *Config) any { return &c.AuditLog }},
	{"BOT_WATCH", "", "watch", false, "\"off\" stops serve from watching the corpus and reloading when it changes", func(c *Config) any { return &c.Watch }},
	{"BOT_ADMIN_CHANNEL", "", "slack.admin_channel", false, "channel ID where automatic reloads that skipped files are noted", func(c *Config) any { return &c.Slack.AdminChannel }},
	{"BOT_USER_RATE", "", "slack.user_rate", false, "questions one Slack user may ask per minute (0: no limit)", func(c *Config) any { return &c.Slack.UserRate }},
}

// setting returns the setting of an environment variable.
func setting(env string) Setting {
	for _, s := range Settings {
		if s.Env == env {
			return s
		}
	}
	panic("config: no setting " + env)
}

// Name names a setting in messages by all the ways to set it:
// "k (BOT_K, --k)".
func Name(env string) string {
	s := setting(env)
	ways := []string{s.Env}
	if s.Flag != "" {
		ways = append(ways, "--"+s.Flag)
	}
	if s.Key == "" {
		return strings.Join(ways, ", ")
	}
	return s.Key + " (" + strings.Join(ways, ", ") + ")"
}

// IsSecretVar reports whether name is a secret setting's variable, which
// may also come from a file named by name_FILE.
func IsSecretVar(name string) bool {
	for _, s := range Settings {
		if s.Env == name {
			return s.Secret
		}
	}
	return false
}

// ApplyEnv overrides c with the environment variables that are set, read
// through getenv (os.Getenv in production). A secret may come from the file
// its NAME_FILE variable names.
func (c *Config) ApplyEnv(getenv func(string) string) error {
	for _, s := range Settings {
		if s.field == nil {
			continue
		}
		val := getenv(s.Env)
		if val == "" && s.Secret {
			if path := getenv(s.Env + "_FILE"); path != "" {
				raw, err := os.ReadFile(path)
				if err != nil {
					return fmt.Errorf("%s_FILE: %w", s.Env, err)
				}
				val = string(raw)
			}
		}
		if val == "" {
			continue
		}
		if err := s.set(c, val); err != nil {
			return fmt.Errorf("%s: %w", s.Env, err)
		}
	}
	return nil
}

// set parses val into the setting's field.
func (s Setting) set(c *Config, val string) error {
	switch p := s.field(c).(type) {
	case *string:
		*p = val
	case *Secret:
		*p = Secret(strings.TrimSpace(val))
	case *int:
		n, err := strconv.Atoi(strings.TrimSpace(val))
		if err != nil {
			return fmt.Errorf("%q is not a whole number", val)
		}
		*p = n
	case *float64:
		f, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
		if err != nil {
			return fmt.Errorf("%q is not a number", val)
		}
		*p = f
	case *time.Duration:
		d, err := time.ParseDuration(strings.TrimSpace(val))
		if err != nil {
			return fmt.Errorf("%q is not a duration such as 60s", val)
		}
		*p = d
	case *[]string:
		var out []string
		for _, f := range strings.Split(val, ",") {
			if f = strings.TrimSpace(f); f != "" {
				out = append(out, f)
			}
		}
		*p = out
	default:
		return errors.New("unsupported setting type")
	}
	return nil
}

// RegisterFlags defines on fs the flags of the settings in groups (of
// every setting when no group is given), with c's current values as
// defaults, so flags given on the command line win over the file and
// environment. BOT_CONFIG's --config is the caller's: it is read before
// the flags are parsed.
func (c *Config) RegisterFlags(fs *flag.FlagSet, groups ...Group) {
	for _, s := range Settings {
		if s.Flag == "" || s.field == nil || !s.Group().in(groups) {
			continue
		}
		usage := s.Help
		switch p := s.field(c).(type) {
		case *string:
			fs.StringVar(p, s.Flag, *p, usage)
		case *int:
			fs.IntVar(p, s.Flag, *p, usage)
		case *float64:
			fs.Float64Var(p, s.Flag, *p, usage)
		case *time.Duration:
			fs.DurationVar(p, s.Flag, *p, usage)
		}
	}
}
