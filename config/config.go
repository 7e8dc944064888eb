// Package config holds the bot's settings and where they come from: an
// optional YAML file, then environment variables, then command-line flags,
// each overriding the one before. Validate names the setting that is wrong.
package config

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	yaml "go.yaml.in/yaml/v3"
)

// Config is every setting of the bot, each declared once as a field whose
// tags say how to set it: yaml (its config-file key; "-" for secrets and
// BOT_CONFIG), env (its environment variable, then any older ones read
// when it is unset), flag (its command-line flag, if any), help, group
// (what it is for; a section's group holds for its fields) and rare
// ("true": --help names it only, --help-all describes it). Settings,
// ApplyEnv, RegisterFlags, Name and the commands' help all read the tags.
type Config struct {
	// File is the config file the settings were read from, if any.
	File string `yaml:"-" env:"BOT_CONFIG" flag:"config" group:"general" help:"path of a YAML config file; secrets are never read from it"`
	// LogLevel is debug, info, warn or error.
	LogLevel string `yaml:"log_level" env:"BOT_LOG_LEVEL" flag:"log-level" group:"general" help:"debug, info, warn or error"`

	// Corpus is a directory or file of documents; "" means the bundled corpus.
	Corpus string `yaml:"corpus" env:"BOT_CORPUS" flag:"corpus" group:"corpus" help:"directory or file of documents (default: the one indexed last, else the bundled one)"`
	// DataDir keeps the persistent index.
	DataDir string `yaml:"data_dir" env:"BOT_DATA_DIR" flag:"data-dir" group:"corpus" help:"directory for the persistent indexes"`
	// ChunkChars and ChunkOverlap set the chunker's target size and overlap.
	ChunkChars   int `yaml:"chunk_chars" env:"BOT_CHUNK_CHARS" flag:"chunk-chars" group:"corpus" rare:"true" help:"target chunk size in characters"`
	ChunkOverlap int `yaml:"chunk_overlap" env:"BOT_CHUNK_OVERLAP" flag:"chunk-overlap" group:"corpus" rare:"true" help:"overlap between chunks in characters"`
	// PDFToText, when set, is the pdftotext command PDFs are read with
	// (default: in-process PDFium).
	PDFToText string `yaml:"pdftotext" env:"BOT_PDFTOTEXT" group:"corpus" help:"read PDFs with this pdftotext command instead of in-process PDFium (3× faster, needs poppler-utils)"`
	// Store is where the index lives: "memory" (in this process, saved in
	// DataDir) or "weaviate".
	Store    string   `yaml:"store" env:"BOT_STORE" flag:"store" group:"corpus" help:"where the index lives: memory (this process, saved in the data dir) or weaviate"`
	Weaviate Weaviate `yaml:"weaviate" group:"corpus"`
	Embed    Embed    `yaml:"embed" group:"corpus"`

	// K is the number of passages retrieved per question.
	K   int `yaml:"k" env:"BOT_K" flag:"k" group:"answers" help:"passages retrieved per question"`
	LLM LLM `yaml:"llm" group:"answers"`

	Slack Slack `yaml:"slack" group:"slack"`
	// AuditLog, when set, is the file of the audit log.
	AuditLog string `yaml:"audit_log" env:"BOT_AUDIT_LOG" flag:"audit-log" group:"slack" help:"audit log file: one JSON line (at most 8 KiB) per user action in Slack (who asked, checked or shared what, what was cited)"`
	// Watch is "off" to stop serve from watching the corpus.
	Watch string `yaml:"watch" env:"BOT_WATCH" group:"slack" rare:"true" help:"\"off\" stops serve from watching the corpus and reloading when it changes"`

	// Collections are folders of the corpus with their own access, and
	// Channels the collections each Slack channel searches (config file
	// only; none: every question sees every document).
	Collections []Collection        `yaml:"collections"`
	Channels    map[string][]string `yaml:"channels"`
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
	// APIURL is the Slack Web API base, for tests, proxies and Enterprise Grid.
	APIURL string `yaml:"api_url" env:"SLACK_API_URL" rare:"true" help:"Slack Web API base URL (default Slack's own)"`
	// Listen is the HTTP address for /healthz, /metrics and the Events API.
	Listen string `yaml:"listen" env:"BOT_LISTEN" flag:"listen" help:"HTTP address for /healthz, /readyz, /metrics and the Events API"`
	// BotToken (xoxb-), AppToken (xapp-) and SigningSecret are secrets:
	// from the environment or a file only.
	BotToken      Secret `yaml:"-" env:"SLACK_BOT_TOKEN" help:"Slack bot token, xoxb-…, required"`
	AppToken      Secret `yaml:"-" env:"SLACK_APP_TOKEN" help:"Slack app-level token, xapp-…: connects over Socket Mode"`
	SigningSecret Secret `yaml:"-" env:"SLACK_SIGNING_SECRET" help:"Slack signing secret: serves the Events API over HTTP"`
	// Admins and Channels are Slack IDs, comma-separated in the environment.
	Admins   []string `yaml:"admins" env:"BOT_ADMINS" help:"comma-separated Slack user IDs allowed to reload and upload"`
	Channels []string `yaml:"channels" env:"BOT_CHANNELS" help:"comma-separated channel IDs the bot answers in (default: all it is in)"`
	// AdminChannel, when set, is where automatic reloads that skipped
	// files are noted.
	AdminChannel string `yaml:"admin_channel" env:"BOT_ADMIN_CHANNEL" rare:"true" help:"channel ID where automatic reloads that skipped files are noted"`
	// MaxConcurrent bounds the answers in flight; UserRate is the questions
	// one user may ask per minute (0: no limit).
	MaxConcurrent int `yaml:"max_concurrent" env:"BOT_MAX_CONCURRENT" rare:"true" help:"answers in flight at once in Slack"`
	// MaxQueue bounds the questions waiting or being answered (0: 25 ×
	// MaxConcurrent); beyond it askers are told the bot is busy.
	MaxQueue int `yaml:"max_queue" env:"BOT_MAX_QUEUE" rare:"true" help:"questions queued or in flight before askers hear the bot is busy (0: 25 × BOT_MAX_CONCURRENT)"`
	UserRate int `yaml:"user_rate" env:"BOT_USER_RATE" help:"questions one Slack user may ask per minute (0: no limit)"`
}

// Weaviate configures the Weaviate store (Store "weaviate").
type Weaviate struct {
	// URL is the server, or a cluster's load balancer.
	URL string `yaml:"url" env:"BOT_WEAVIATE_URL" flag:"weaviate-url" help:"Weaviate server or load balancer, e.g. http://localhost:8080"`
	// APIKey is a secret: from the environment or a file only, never logged.
	APIKey Secret `yaml:"-" env:"BOT_WEAVIATE_API_KEY" help:"API key for the Weaviate server"`
	// Name is the store's class name: one per corpus.
	Name string `yaml:"name" env:"BOT_WEAVIATE_NAME" flag:"weaviate-name" rare:"true" help:"the store's class name in Weaviate, one per corpus"`
	// GRPC is where the server's gRPC API listens, which writes and
	// searches go to: "" for the URL's host on port 50051 (REST and
	// GraphQL when nothing answers gRPC there), a port on the URL's host,
	// host:port, or "off".
	GRPC string `yaml:"grpc" env:"BOT_WEAVIATE_GRPC" rare:"true" help:"the server's gRPC API (writes, searches): a port on the URL's host, host:port, or off (default: port 50051 if it answers, else REST)"`
	// Shards and Replicas spread a new store over a cluster.
	Shards   int `yaml:"shards" env:"BOT_WEAVIATE_SHARDS" help:"shards of a new Weaviate store"`
	Replicas int `yaml:"replicas" env:"BOT_WEAVIATE_REPLICAS" help:"nodes holding each shard of a new Weaviate store (2 or more: answers survive a lost node)"`
}

// Embed configures the OpenAI-compatible embeddings endpoint; none means
// the offline embedder.
type Embed struct {
	BaseURL string `yaml:"base_url" env:"BOT_EMBED_BASE_URL" flag:"embed-base-url" help:"OpenAI-compatible embeddings endpoint (default: offline GloVe)"`
	Model   string `yaml:"model" env:"BOT_EMBED_MODEL" flag:"embed-model" help:"embedding model at that endpoint"`
	// APIKey is a secret: from the environment or a file only, never logged.
	APIKey Secret `yaml:"-" env:"BOT_EMBED_API_KEY" help:"API key for the embeddings endpoint"`
}

// LLM configures the model that writes answers: an OpenAI-compatible chat
// endpoint; no model means extractive answers.
type LLM struct {
	BaseURL string `yaml:"base_url" env:"BOT_LLM_BASE_URL,OPENAI_BASE_URL" flag:"llm-base-url" help:"OpenAI-compatible chat endpoint (default: OpenAI's)"`
	Model   string `yaml:"model" env:"BOT_LLM_MODEL" flag:"llm-model" help:"chat model: setting it turns generated answers on"`
	// APIKey is a secret: from the environment or a file only, never logged.
	APIKey      Secret        `yaml:"-" env:"BOT_LLM_API_KEY,OPENAI_API_KEY" help:"API key for the chat endpoint"`
	Timeout     time.Duration `yaml:"timeout" env:"BOT_LLM_TIMEOUT" flag:"llm-timeout" help:"bound on one generated answer, retries included"`
	MaxTokens   int           `yaml:"max_tokens" env:"BOT_LLM_MAX_TOKENS" flag:"llm-max-tokens" rare:"true" help:"most tokens the model may write per answer"`
	Temperature float64       `yaml:"temperature" env:"BOT_LLM_TEMPERATURE" flag:"llm-temperature" rare:"true" help:"sampling temperature, 0 to 2"`
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
	if g := c.Weaviate.GRPC; g != "" && g != "off" {
		host, port := "-", g
		if strings.Contains(g, ":") {
			host, port, _ = net.SplitHostPort(g)
		}
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 || host == "" {
			bad("BOT_WEAVIATE_GRPC", "%q is not a port, host:port or off", g)
		}
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
		path = getenv(configEnv)
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
