// Package config holds the bot's settings and where they come from: an
// optional YAML file, then environment variables, then command-line flags,
// each overriding the one before. Validate names the setting that is wrong.
package config

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
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
	// AuditLog, when set, is the file of the audit log.
	AuditLog string `yaml:"audit_log"`
	// Watch is "off" to stop serve from watching the corpus.
	Watch string `yaml:"watch"`
	// PDFToText, when set, is the pdftotext command PDFs are read with
	// (default: in-process PDFium).
	PDFToText string `yaml:"pdftotext"`

	// Store is where the index lives: "memory" (in this process, saved in
	// DataDir) or "weaviate".
	Store    string   `yaml:"store"`
	Weaviate Weaviate `yaml:"weaviate"`

	Embed Endpoint `yaml:"embed"`
	LLM   LLM      `yaml:"llm"`
	Slack Slack    `yaml:"slack"`

	// Collections are folders of the corpus with their own access, and
	// Channels the collections each Slack channel searches (config file
	// only; none: every question sees every document).
	Collections []Collection        `yaml:"collections"`
	Channels    map[string][]string `yaml:"channels"`

	// File is the config file the settings were read from, if any.
	File string `yaml:"-"`
}

// Collection is a folder of the corpus with its own access.
type Collection struct {
	Name string `yaml:"name"`
	// Path is the folder, relative to the corpus root.
	Path string `yaml:"path"`
	// Restricted collections are searched only in the channels listing
	// them and in their members' direct messages.
	Restricted bool     `yaml:"restricted"`
	Members    []string `yaml:"members"`
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
	// AdminChannel, when set, is where automatic reloads that skipped
	// files are noted.
	AdminChannel string `yaml:"admin_channel"`
	// MaxQueue bounds the questions waiting or being answered (0: 25 ×
	// MaxConcurrent); beyond it askers are told the bot is busy.
	MaxQueue int `yaml:"max_queue"`
}

// Weaviate configures the Weaviate store (Store "weaviate").
type Weaviate struct {
	// URL is the server, or a cluster's load balancer.
	URL string `yaml:"url"`
	// APIKey is a secret: from the environment or a file only, never logged.
	APIKey Secret `yaml:"-"`
	// Name is the store's class name: one per corpus.
	Name string `yaml:"name"`
	// Shards and Replicas spread a new store over a cluster.
	Shards   int `yaml:"shards"`
	Replicas int `yaml:"replicas"`
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
		Store:        "memory",
		Weaviate:     Weaviate{Name: "Newsroom", Shards: 1, Replicas: 1},
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

// LLMEnabled reports whether answers are generated by a model.
func (c *Config) LLMEnabled() bool { return c.LLM.Model != "" }

// LLMBaseURL is the chat endpoint, OpenAI's own when none is set.
func (c *Config) LLMBaseURL() string {
	if c.LLM.BaseURL == "" {
		return "https://api.openai.com/v1"
	}
	return c.LLM.BaseURL
}

var weaviateNameRE = regexp.MustCompile(`^[A-Z][A-Za-z0-9_]{0,99}$`)

// Validate checks every setting and names each one that is wrong.
func (c *Config) Validate() error {
	var errs []error
	bad := func(env, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", Name(env), fmt.Sprintf(format, args...)))
	}
	httpURL := func(env, u string) {
		if u != "" && !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
			bad(env, "%q is not an http(s) URL", u)
		}
	}
	if c.K < 1 || c.K > 100 {
		bad("BOT_K", "%d is not between 1 and 100", c.K)
	}
	if c.ChunkChars < 100 || c.ChunkChars > 20000 {
		bad("BOT_CHUNK_CHARS", "%d is not between 100 and 20000", c.ChunkChars)
	}
	if c.ChunkOverlap < 0 || c.ChunkOverlap >= c.ChunkChars/2 {
		bad("BOT_CHUNK_OVERLAP", "%d must be between 0 and half the chunk size", c.ChunkOverlap)
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		bad("BOT_LOG_LEVEL", "%q is not debug, info, warn or error", c.LogLevel)
	}
	if c.DataDir == "" {
		bad("BOT_DATA_DIR", "must not be empty")
	}
	if (c.Embed.BaseURL == "") != (c.Embed.Model == "") {
		bad("BOT_EMBED_MODEL", "BOT_EMBED_BASE_URL and BOT_EMBED_MODEL must be set together")
	}
	switch c.Store {
	case "memory":
	case "weaviate":
		if c.Weaviate.URL == "" {
			bad("BOT_WEAVIATE_URL", "the weaviate store needs the server's URL, e.g. http://localhost:8080")
		}
	default:
		bad("BOT_STORE", "%q is not memory or weaviate", c.Store)
	}
	httpURL("BOT_WEAVIATE_URL", c.Weaviate.URL)
	if !weaviateNameRE.MatchString(c.Weaviate.Name) {
		bad("BOT_WEAVIATE_NAME", "%q must start with a capital letter and hold only letters, digits and _ (at most 100)", c.Weaviate.Name)
	}
	if c.Weaviate.Shards < 1 || c.Weaviate.Shards > 1024 {
		bad("BOT_WEAVIATE_SHARDS", "%d is not between 1 and 1024", c.Weaviate.Shards)
	}
	if c.Weaviate.Replicas < 1 || c.Weaviate.Replicas > 16 {
		bad("BOT_WEAVIATE_REPLICAS", "%d is not between 1 and 16", c.Weaviate.Replicas)
	}
	httpURL("BOT_EMBED_BASE_URL", c.Embed.BaseURL)
	httpURL("BOT_LLM_BASE_URL", c.LLM.BaseURL)
	httpURL("SLACK_API_URL", c.Slack.APIURL)
	if c.Slack.MaxConcurrent < 1 || c.Slack.MaxConcurrent > 256 {
		bad("BOT_MAX_CONCURRENT", "%d is not between 1 and 256", c.Slack.MaxConcurrent)
	}
	if c.Slack.MaxQueue < 0 {
		bad("BOT_MAX_QUEUE", "%d is negative", c.Slack.MaxQueue)
	}
	if c.Slack.UserRate < 0 {
		bad("BOT_USER_RATE", "%d is negative", c.Slack.UserRate)
	}
	if c.LLM.Timeout <= 0 || c.LLM.Timeout > 10*time.Minute {
		bad("BOT_LLM_TIMEOUT", "%s is not between 0 and 10m", c.LLM.Timeout)
	}
	if c.LLM.MaxTokens < 1 || c.LLM.MaxTokens > 32000 {
		bad("BOT_LLM_MAX_TOKENS", "%d is not between 1 and 32000", c.LLM.MaxTokens)
	}
	if c.LLM.Temperature < 0 || c.LLM.Temperature > 2 {
		bad("BOT_LLM_TEMPERATURE", "%v is not between 0 and 2", c.LLM.Temperature)
	}
	names := map[string]bool{}
	for i, col := range c.Collections {
		switch {
		case col.Name == "":
			errs = append(errs, fmt.Errorf("collections[%d]: a name is needed", i))
		case names[col.Name]:
			errs = append(errs, fmt.Errorf("collections: %q is named twice", col.Name))
		case strings.TrimSpace(col.Path) == "" || strings.HasPrefix(col.Path, "/") || strings.Contains(col.Path, ".."):
			errs = append(errs, fmt.Errorf("collections: %q needs a path inside the corpus (relative, no ..)", col.Name))
		}
		names[col.Name] = true
	}
	for ch, cols := range c.Channels {
		for _, name := range cols {
			if !names[name] {
				errs = append(errs, fmt.Errorf("channels: %s lists %q, which is not a collection", ch, name))
			}
		}
	}
	return errors.Join(errs...)
}

// ValidateSlack checks what Slack mode (bot serve) needs besides Validate:
// a bot token, and an app-level token, a signing secret or both. Secrets
// are never part of the message.
func (c *Config) ValidateSlack() error {
	var errs []error
	if !strings.HasPrefix(string(c.Slack.BotToken), "xoxb-") {
		errs = append(errs, fmt.Errorf("%s: must be set to a bot token (xoxb-…), or SLACK_BOT_TOKEN_FILE to a file holding one", Name("SLACK_BOT_TOKEN")))
	}
	if c.Slack.AppToken != "" && !strings.HasPrefix(string(c.Slack.AppToken), "xapp-") {
		errs = append(errs, fmt.Errorf("%s: must be an app-level token (xapp-…)", Name("SLACK_APP_TOKEN")))
	}
	if c.Slack.AppToken == "" && c.Slack.SigningSecret == "" {
		errs = append(errs, errors.New("set SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (Events API), or both"))
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
		c.File = path
	}
	if err := c.ApplyEnv(getenv); err != nil {
		return c, err
	}
	return c, nil
}
