// Package config holds the bot's settings and where they come from: an
// optional YAML file, then environment variables, then command-line flags,
// each overriding the one before. Validate names the setting that is wrong.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	yaml "go.yaml.in/yaml/v3"
)

// Config is every setting of the bot.
type Config struct {
	// Corpus is a directory or file of documents; "" means the bundled corpus.
	Corpus string `yaml:"corpus"`
	// DataDir keeps the persistent index.
	DataDir string `yaml:"data_dir"`
	// K is the number of passages retrieved per question.
	K int `yaml:"k"`
	// ChunkChars and ChunkOverlap set the chunker's target size and overlap.
	ChunkChars   int `yaml:"chunk_chars"`
	ChunkOverlap int `yaml:"chunk_overlap"`
	// LogLevel is debug, info, warn or error.
	LogLevel string `yaml:"log_level"`

	Embed Endpoint `yaml:"embed"`
	LLM   LLM      `yaml:"llm"`
	Slack Slack    `yaml:"slack"`
}

// Slack configures Slack mode (bot serve).
type Slack struct {
	// BotToken (xoxb-), AppToken (xapp-) and SigningSecret are secrets:
	// from the environment or a file only.
	BotToken      Secret `yaml:"-"`
	AppToken      Secret `yaml:"-"`
	SigningSecret Secret `yaml:"-"`
	// APIURL is the Slack Web API base, for tests, proxies and Enterprise Grid.
	APIURL string `yaml:"api_url"`
	// Listen is the HTTP address for /healthz, /metrics and the Events API.
	Listen string `yaml:"listen"`
	// Admins and Channels are Slack IDs, comma-separated in the environment.
	Admins   []string `yaml:"admins"`
	Channels []string `yaml:"channels"`
	// MaxConcurrent bounds the answers in flight; UserRate is the questions
	// one user may ask per minute (0: no limit).
	MaxConcurrent int `yaml:"max_concurrent"`
	UserRate      int `yaml:"user_rate"`
	// MaxQueue bounds the questions waiting or being answered (0: 25 ×
	// MaxConcurrent); beyond it askers are told the bot is busy.
	MaxQueue int `yaml:"max_queue"`
}

// Endpoint is an OpenAI-compatible API.
type Endpoint struct {
	BaseURL string `yaml:"base_url"`
	Model   string `yaml:"model"`
	// APIKey is a secret: from the environment or a file only, never logged.
	APIKey Secret `yaml:"-"`
}

// LLM configures the model that writes answers.
type LLM struct {
	Endpoint    `yaml:",inline"`
	Timeout     time.Duration `yaml:"timeout"`
	MaxTokens   int           `yaml:"max_tokens"`
	Temperature float64       `yaml:"temperature"`
}

// Secret is a string that never prints.
type Secret string

// String redacts the secret.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return "[redacted]"
}

// GoString redacts the secret in %#v.
func (s Secret) GoString() string { return s.String() }

// Default returns the settings used when nothing is configured.
func Default() Config {
	dataDir := filepath.Join(os.TempDir(), "newsroom-bot")
	if dir, err := os.UserCacheDir(); err == nil {
		dataDir = filepath.Join(dir, "newsroom-bot")
	}
	return Config{
		DataDir:      dataDir,
		K:            5,
		ChunkChars:   1100,
		ChunkOverlap: 110,
		LogLevel:     "warn",
		LLM:          LLM{Timeout: 60 * time.Second, MaxTokens: 600, Temperature: 0.1},
		Slack:        Slack{Listen: ":3000", MaxConcurrent: 4, UserRate: 10},
	}
}

// LoadFile merges the YAML file at path into c. Secrets are not read from it.
func (c *Config) LoadFile(path string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("config file: %w", err)
	}
	dec := yaml.NewDecoder(strings.NewReader(string(raw)))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("config file %s: %w", path, explainUnknownKeys(err))
	}
	return nil
}

// Var describes one environment variable.
type Var struct {
	Name, Help string
	set        func(c *Config, v string) error
}

func str(p func(*Config) *string) func(*Config, string) error {
	return func(c *Config, v string) error { *p(c) = v; return nil }
}

func integer(name string, p func(*Config) *int) func(*Config, string) error {
	return func(c *Config, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil {
			return fmt.Errorf("%s: %q is not a whole number", name, v)
		}
		*p(c) = n
		return nil
	}
}

func secret(p func(*Config) *Secret) func(*Config, string) error {
	return func(c *Config, v string) error { *p(c) = Secret(strings.TrimSpace(v)); return nil }
}

// Vars are the environment variables the bot reads. A secret variable X may
// also be given as X_FILE, the path of a file holding it.
var Vars = []Var{
	{"BOT_CONFIG", "path of a YAML config file", nil},
	{"BOT_CORPUS", "directory or file of documents (default: the bundled corpus)", str(func(c *Config) *string { return &c.Corpus })},
	{"BOT_DATA_DIR", "directory for the persistent index", str(func(c *Config) *string { return &c.DataDir })},
	{"BOT_K", "passages retrieved per question", integer("BOT_K", func(c *Config) *int { return &c.K })},
	{"BOT_CHUNK_CHARS", "target chunk size in characters", integer("BOT_CHUNK_CHARS", func(c *Config) *int { return &c.ChunkChars })},
	{"BOT_CHUNK_OVERLAP", "overlap between chunks in characters", integer("BOT_CHUNK_OVERLAP", func(c *Config) *int { return &c.ChunkOverlap })},
	{"BOT_LOG_LEVEL", "debug, info, warn or error", str(func(c *Config) *string { return &c.LogLevel })},
	{"BOT_EMBED_BASE_URL", "OpenAI-compatible embeddings endpoint, e.g. http://localhost:11434/v1 (default: offline GloVe)", str(func(c *Config) *string { return &c.Embed.BaseURL })},
	{"BOT_EMBED_MODEL", "embedding model name at that endpoint", str(func(c *Config) *string { return &c.Embed.Model })},
	{"BOT_EMBED_API_KEY", "API key for the embeddings endpoint (secret)", secret(func(c *Config) *Secret { return &c.Embed.APIKey })},
	{"SLACK_BOT_TOKEN", "Slack bot token, xoxb-… (secret; bot serve)", secret(func(c *Config) *Secret { return &c.Slack.BotToken })},
	{"SLACK_APP_TOKEN", "Slack app-level token, xapp-…: connects over Socket Mode (secret)", secret(func(c *Config) *Secret { return &c.Slack.AppToken })},
	{"SLACK_SIGNING_SECRET", "Slack signing secret: serves the Events API over HTTP (secret)", secret(func(c *Config) *Secret { return &c.Slack.SigningSecret })},
	{"SLACK_API_URL", "Slack Web API base URL (default Slack's own)", str(func(c *Config) *string { return &c.Slack.APIURL })},
	{"BOT_LISTEN", "HTTP address for /healthz, /metrics and the Events API (default :3000)", str(func(c *Config) *string { return &c.Slack.Listen })},
	{"BOT_ADMINS", "comma-separated Slack user IDs allowed to reload and upload", list(func(c *Config) *[]string { return &c.Slack.Admins })},
	{"BOT_CHANNELS", "comma-separated channel IDs the bot answers in (default: all it is in)", list(func(c *Config) *[]string { return &c.Slack.Channels })},
	{"BOT_MAX_CONCURRENT", "answers in flight at once in Slack (default 4)", integer("BOT_MAX_CONCURRENT", func(c *Config) *int { return &c.Slack.MaxConcurrent })},
	{"BOT_MAX_QUEUE", "questions waiting or being answered in Slack before askers are told the bot is busy (default 25 × BOT_MAX_CONCURRENT)", integer("BOT_MAX_QUEUE", func(c *Config) *int { return &c.Slack.MaxQueue })},
	{"BOT_USER_RATE", "questions one Slack user may ask per minute (default 10; 0: no limit)", integer("BOT_USER_RATE", func(c *Config) *int { return &c.Slack.UserRate })},
	{"OPENAI_BASE_URL", "fallback for BOT_LLM_BASE_URL", str(func(c *Config) *string { return &c.LLM.BaseURL })},
	{"BOT_LLM_BASE_URL", "OpenAI-compatible chat endpoint, e.g. http://localhost:11434/v1 (default https://api.openai.com/v1)", str(func(c *Config) *string { return &c.LLM.BaseURL })},
	{"BOT_LLM_MODEL", "chat model; setting it turns generated answers on (default: extractive answers)", str(func(c *Config) *string { return &c.LLM.Model })},
	{"OPENAI_API_KEY", "fallback for BOT_LLM_API_KEY (secret)", secret(func(c *Config) *Secret { return &c.LLM.APIKey })},
	{"BOT_LLM_API_KEY", "API key for the chat endpoint (secret)", secret(func(c *Config) *Secret { return &c.LLM.APIKey })},
	{"BOT_LLM_TIMEOUT", "bound on one generated answer, retries included, e.g. 60s", duration("BOT_LLM_TIMEOUT", func(c *Config) *time.Duration { return &c.LLM.Timeout })},
	{"BOT_LLM_MAX_TOKENS", "most tokens the model may write per answer", integer("BOT_LLM_MAX_TOKENS", func(c *Config) *int { return &c.LLM.MaxTokens })},
	{"BOT_LLM_TEMPERATURE", "sampling temperature, 0 to 2", float("BOT_LLM_TEMPERATURE", func(c *Config) *float64 { return &c.LLM.Temperature })},
}

func list(p func(*Config) *[]string) func(*Config, string) error {
	return func(c *Config, v string) error {
		var out []string
		for _, f := range strings.Split(v, ",") {
			if f = strings.TrimSpace(f); f != "" {
				out = append(out, f)
			}
		}
		*p(c) = out
		return nil
	}
}

func duration(name string, p func(*Config) *time.Duration) func(*Config, string) error {
	return func(c *Config, v string) error {
		d, err := time.ParseDuration(v)
		if err != nil {
			return fmt.Errorf("%s: %q is not a duration such as 60s", name, v)
		}
		*p(c) = d
		return nil
	}
}

func float(name string, p func(*Config) *float64) func(*Config, string) error {
	return func(c *Config, v string) error {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return fmt.Errorf("%s: %q is not a number", name, v)
		}
		*p(c) = f
		return nil
	}
}

// ApplyEnv overrides c with the environment variables that are set, read
// through getenv (os.Getenv in production).
func (c *Config) ApplyEnv(getenv func(string) string) error {
	for _, v := range Vars {
		if v.set == nil {
			continue
		}
		val := getenv(v.Name)
		if val == "" && IsSecretVar(v.Name) {
			if path := getenv(v.Name + "_FILE"); path != "" {
				raw, err := os.ReadFile(path)
				if err != nil {
					return fmt.Errorf("%s_FILE: %w", v.Name, err)
				}
				val = string(raw)
			}
		}
		if val == "" {
			continue
		}
		if err := v.set(c, val); err != nil {
			return err
		}
	}
	return nil
}

// IsSecretVar reports whether name is a secret that may also come from a
// file named by name_FILE.
func IsSecretVar(name string) bool {
	switch name {
	case "BOT_EMBED_API_KEY", "BOT_LLM_API_KEY", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET":
		return true
	}
	return false
}

// RegisterFlags defines flags on fs whose defaults are c's current values,
// so flags given on the command line win over the file and environment.
func (c *Config) RegisterFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.Corpus, "corpus", c.Corpus, "directory or file of documents (env BOT_CORPUS; default: the bundled corpus)")
	fs.StringVar(&c.DataDir, "data-dir", c.DataDir, "directory for the persistent index (env BOT_DATA_DIR)")
	fs.IntVar(&c.K, "k", c.K, "passages retrieved per question (env BOT_K)")
	fs.IntVar(&c.ChunkChars, "chunk-chars", c.ChunkChars, "target chunk size in characters (env BOT_CHUNK_CHARS)")
	fs.IntVar(&c.ChunkOverlap, "chunk-overlap", c.ChunkOverlap, "overlap between chunks in characters (env BOT_CHUNK_OVERLAP)")
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "debug, info, warn or error (env BOT_LOG_LEVEL)")
	fs.StringVar(&c.Embed.BaseURL, "embed-base-url", c.Embed.BaseURL, "OpenAI-compatible embeddings endpoint (env BOT_EMBED_BASE_URL)")
	fs.StringVar(&c.Embed.Model, "embed-model", c.Embed.Model, "embedding model (env BOT_EMBED_MODEL)")
	fs.StringVar(&c.LLM.BaseURL, "llm-base-url", c.LLM.BaseURL, "OpenAI-compatible chat endpoint (env BOT_LLM_BASE_URL)")
	fs.StringVar(&c.LLM.Model, "llm-model", c.LLM.Model, "chat model; turns generated answers on (env BOT_LLM_MODEL)")
	fs.DurationVar(&c.LLM.Timeout, "llm-timeout", c.LLM.Timeout, "bound on one generated answer (env BOT_LLM_TIMEOUT)")
	fs.IntVar(&c.LLM.MaxTokens, "llm-max-tokens", c.LLM.MaxTokens, "most tokens per answer (env BOT_LLM_MAX_TOKENS)")
	fs.Float64Var(&c.LLM.Temperature, "llm-temperature", c.LLM.Temperature, "sampling temperature (env BOT_LLM_TEMPERATURE)")
}

// LLMEnabled reports whether answers are generated by a model.
func (c *Config) LLMEnabled() bool { return c.LLM.Model != "" }

// LLMBaseURL is the chat endpoint, OpenAI's own when none is set.
func (c *Config) LLMBaseURL() string {
	if c.LLM.BaseURL == "" {
		return "https://api.openai.com/v1"
	}
	return c.LLM.BaseURL
}

// Validate checks every setting and names the first one that is wrong.
func (c *Config) Validate() error {
	var errs []error
	if c.K < 1 || c.K > 100 {
		errs = append(errs, fmt.Errorf("k (BOT_K, --k): %d is not between 1 and 100", c.K))
	}
	if c.ChunkChars < 100 || c.ChunkChars > 20000 {
		errs = append(errs, fmt.Errorf("chunk_chars (BOT_CHUNK_CHARS, --chunk-chars): %d is not between 100 and 20000", c.ChunkChars))
	}
	if c.ChunkOverlap < 0 || c.ChunkOverlap >= c.ChunkChars/2 {
		errs = append(errs, fmt.Errorf("chunk_overlap (BOT_CHUNK_OVERLAP, --chunk-overlap): %d must be between 0 and half the chunk size", c.ChunkOverlap))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("log_level (BOT_LOG_LEVEL, --log-level): %q is not debug, info, warn or error", c.LogLevel))
	}
	if c.DataDir == "" {
		errs = append(errs, errors.New("data_dir (BOT_DATA_DIR, --data-dir): must not be empty"))
	}
	if (c.Embed.BaseURL == "") != (c.Embed.Model == "") {
		errs = append(errs, errors.New("embed: BOT_EMBED_BASE_URL and BOT_EMBED_MODEL must be set together"))
	}
	if c.Embed.BaseURL != "" && !strings.HasPrefix(c.Embed.BaseURL, "http://") && !strings.HasPrefix(c.Embed.BaseURL, "https://") {
		errs = append(errs, fmt.Errorf("embed base_url (BOT_EMBED_BASE_URL): %q is not an http(s) URL", c.Embed.BaseURL))
	}
	if c.LLM.BaseURL != "" && !strings.HasPrefix(c.LLM.BaseURL, "http://") && !strings.HasPrefix(c.LLM.BaseURL, "https://") {
		errs = append(errs, fmt.Errorf("llm base_url (BOT_LLM_BASE_URL, --llm-base-url): %q is not an http(s) URL", c.LLM.BaseURL))
	}
	if c.Slack.APIURL != "" && !strings.HasPrefix(c.Slack.APIURL, "http://") && !strings.HasPrefix(c.Slack.APIURL, "https://") {
		errs = append(errs, fmt.Errorf("slack api_url (SLACK_API_URL): %q is not an http(s) URL", c.Slack.APIURL))
	}
	if c.Slack.MaxConcurrent < 1 || c.Slack.MaxConcurrent > 256 {
		errs = append(errs, fmt.Errorf("slack max_concurrent (BOT_MAX_CONCURRENT): %d is not between 1 and 256", c.Slack.MaxConcurrent))
	}
	if c.Slack.MaxQueue < 0 {
		errs = append(errs, fmt.Errorf("slack max_queue (BOT_MAX_QUEUE): %d is negative", c.Slack.MaxQueue))
	}
	if c.Slack.UserRate < 0 {
		errs = append(errs, fmt.Errorf("slack user_rate (BOT_USER_RATE): %d is negative", c.Slack.UserRate))
	}
	if c.LLM.Timeout <= 0 || c.LLM.Timeout > 10*time.Minute {
		errs = append(errs, fmt.Errorf("llm timeout (BOT_LLM_TIMEOUT, --llm-timeout): %s is not between 0 and 10m", c.LLM.Timeout))
	}
	if c.LLM.MaxTokens < 1 || c.LLM.MaxTokens > 32000 {
		errs = append(errs, fmt.Errorf("llm max_tokens (BOT_LLM_MAX_TOKENS, --llm-max-tokens): %d is not between 1 and 32000", c.LLM.MaxTokens))
	}
	if c.LLM.Temperature < 0 || c.LLM.Temperature > 2 {
		errs = append(errs, fmt.Errorf("llm temperature (BOT_LLM_TEMPERATURE, --llm-temperature): %v is not between 0 and 2", c.LLM.Temperature))
	}
	return errors.Join(errs...)
}

// Load builds the configuration from defaults, the config file (path, or
// BOT_CONFIG when path is empty; none when both are) and the environment.
// Flags are applied by the caller through RegisterFlags, then Validate.
func Load(path string, getenv func(string) string) (Config, error) {
	c := Default()
	if path == "" {
		path = getenv("BOT_CONFIG")
	}
	if path != "" {
		if err := c.LoadFile(path); err != nil {
			return c, err
		}
	}
	if err := c.ApplyEnv(getenv); err != nil {
		return c, err
	}
	return c, nil
}
