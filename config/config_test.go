package config

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestPrecedence(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "bot.yaml")
	os.WriteFile(file, []byte("corpus: /from/file\nk: 7\nchunk_chars: 500\nchunk_overlap: 50\n"), 0o644)
	env := map[string]string{"BOT_CONFIG": file, "BOT_K": "8", "BOT_CHUNK_OVERLAP": "60", "BOT_EMBED_API_KEY": "sk-env"}
	c, err := Load("", func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	c.RegisterFlags(fs)
	if err := fs.Parse([]string{"--k", "9"}); err != nil {
		t.Fatal(err)
	}
	// File only: file; file and environment: environment; all three: flag.
	if c.Corpus != "/from/file" || c.ChunkChars != 500 || c.ChunkOverlap != 60 || c.K != 9 || c.Embed.APIKey != "sk-env" {
		t.Errorf("got %+v", c)
	}
	if err := c.Validate(); err != nil {
		t.Error(err)
	}
}

func TestSecretFromFileNeverPrinted(t *testing.T) {
	path := filepath.Join(t.TempDir(), "key")
	os.WriteFile(path, []byte("sk-from-file\n"), 0o600)
	env := map[string]string{"BOT_EMBED_API_KEY_FILE": path}
	c, err := Load("", func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if c.Embed.APIKey != "sk-from-file" {
		t.Fatalf("key = %q", string(c.Embed.APIKey))
	}
	for _, s := range []string{fmt.Sprint(c), fmt.Sprintf("%+v", c), fmt.Sprintf("%#v", c)} {
		if strings.Contains(s, "sk-from-file") {
			t.Errorf("secret printed: %s", s)
		}
	}
}

// The Weaviate store's settings: from the environment, the flags and the
// file, the key from a file and never printed.
func TestWeaviateSettings(t *testing.T) {
	key := filepath.Join(t.TempDir(), "key")
	os.WriteFile(key, []byte("wv-secret-key\n"), 0o600)
	file := filepath.Join(t.TempDir(), "bot.yaml")
	os.WriteFile(file, []byte("store: weaviate\nweaviate:\n  url: http://weaviate:8080\n  name: Archive\n  shards: 3\n  replicas: 2\n  grpc: weaviate-grpc:50052\n"), 0o644)
	env := map[string]string{"BOT_WEAVIATE_API_KEY_FILE": key}
	c, err := Load(file, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if c.Store != "weaviate" || c.Weaviate.URL != "http://weaviate:8080" || c.Weaviate.Name != "Archive" || c.Weaviate.Shards != 3 || c.Weaviate.Replicas != 2 || c.Weaviate.GRPC != "weaviate-grpc:50052" || c.Weaviate.APIKey != "wv-secret-key" {
		t.Errorf("read %+v", c.Weaviate)
	}
	if s := fmt.Sprintf("%+v %#v", c, c); strings.Contains(s, "wv-secret-key") {
		t.Errorf("key printed: %s", s)
	}
	d := Default()
	if d.Store != "memory" || d.Validate() != nil {
		t.Errorf("the default store is %q (%v), want memory, valid", d.Store, d.Validate())
	}
}

func TestValidateNamesTheSetting(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"BOT_K": "0"}, "BOT_K"},
		{map[string]string{"BOT_CHUNK_CHARS": "50"}, "BOT_CHUNK_CHARS"},
		{map[string]string{"BOT_CHUNK_OVERLAP": "600"}, "BOT_CHUNK_OVERLAP"},
		{map[string]string{"BOT_LOG_LEVEL": "loud"}, "BOT_LOG_LEVEL"},
		{map[string]string{"BOT_EMBED_BASE_URL": "http://x/v1"}, "BOT_EMBED_MODEL"},
		{map[string]string{"BOT_EMBED_BASE_URL": "ftp://x", "BOT_EMBED_MODEL": "m"}, "BOT_EMBED_BASE_URL"},
		{map[string]string{"BOT_STORE": "postgres"}, "BOT_STORE"},
		{map[string]string{"BOT_STORE": "weaviate"}, "BOT_WEAVIATE_URL"},
		{map[string]string{"BOT_STORE": "weaviate", "BOT_WEAVIATE_URL": "localhost:8080"}, "BOT_WEAVIATE_URL"},
		{map[string]string{"BOT_WEAVIATE_NAME": "newsroom"}, "BOT_WEAVIATE_NAME"},
		{map[string]string{"BOT_WEAVIATE_REPLICAS": "0"}, "BOT_WEAVIATE_REPLICAS"},
		{map[string]string{"BOT_WEAVIATE_GRPC": "grpc.internal"}, "BOT_WEAVIATE_GRPC"},
		{map[string]string{"BOT_WEAVIATE_GRPC": ":70000"}, "BOT_WEAVIATE_GRPC"},
		{map[string]string{"BOT_WEAVIATE_GRPC": ":50051"}, "BOT_WEAVIATE_GRPC"},
	}
	for _, tt := range tests {
		c, err := Load("", func(k string) string { return tt.env[k] })
		if err == nil {
			err = c.Validate()
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: error %v, want it to name %s", tt.env, err, tt.want)
		}
	}
	if _, err := Load("", func(k string) string { return map[string]string{"BOT_K": "many"}[k] }); err == nil || !strings.Contains(err.Error(), "BOT_K") {
		t.Errorf("non-number BOT_K: %v", err)
	}
	path := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(path, []byte("corpos: typo\n"), 0o644)
	if _, err := Load(path, func(string) string { return "" }); err == nil || !strings.Contains(err.Error(), "corpos") {
		t.Errorf("unknown file key: %v", err)
	}
}

func TestLLMSettings(t *testing.T) {
	env := map[string]string{"OPENAI_API_KEY": "sk-openai", "OPENAI_BASE_URL": "http://fallback/v1", "BOT_LLM_MODEL": "llama3", "BOT_LLM_TIMEOUT": "20s"}
	c, err := Load("", func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if !c.LLMEnabled() || c.LLMBaseURL() != "http://fallback/v1" || c.LLM.APIKey != "sk-openai" || c.LLM.Timeout.Seconds() != 20 {
		t.Errorf("fallbacks not honoured: %+v", c.LLM)
	}
	env["BOT_LLM_BASE_URL"], env["BOT_LLM_API_KEY"] = "http://localhost:11434/v1", "sk-bot"
	c, _ = Load("", func(k string) string { return env[k] })
	if c.LLMBaseURL() != "http://localhost:11434/v1" || c.LLM.APIKey != "sk-bot" {
		t.Errorf("BOT_ settings do not win over OPENAI_ ones: %+v", c.LLM)
	}
	if d, _ := Load("", func(string) string { return "" }); d.LLMEnabled() {
		t.Error("a model is enabled with nothing configured")
	}
	for k, v := range map[string]string{"BOT_LLM_TIMEOUT": "soon", "BOT_LLM_TEMPERATURE": "hot"} {
		if _, err := Load("", func(key string) string { return map[string]string{k: v}[key] }); err == nil || !strings.Contains(err.Error(), k) {
			t.Errorf("%s=%s: %v", k, v, err)
		}
	}
}

func TestSlackSettings(t *testing.T) {
	env := map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "BOT_ADMINS": "U1, U2,,", "BOT_CHANNELS": "C1", "BOT_MAX_CONCURRENT": "8", "BOT_USER_RATE": "0"}
	c, err := Load("", func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(c.Slack.Admins) != "[U1 U2]" || fmt.Sprint(c.Slack.Channels) != "[C1]" || c.Slack.MaxConcurrent != 8 || c.Slack.UserRate != 0 {
		t.Errorf("slack settings %+v", c.Slack)
	}
	if strings.Contains(fmt.Sprintf("%+v", c), "xoxb-1") {
		t.Error("the bot token printed")
	}
	env["BOT_MAX_CONCURRENT"] = "0"
	c, _ = Load("", func(k string) string { return env[k] })
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "BOT_MAX_CONCURRENT") {
		t.Errorf("BOT_MAX_CONCURRENT=0: %v", err)
	}
}

func TestConfigFileTypoSuggestsKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bot.yaml")
	os.WriteFile(path, []byte("corpus: /srv/docs\nembed:\n  base_ur: http://localhost:11434/v1\nllm:\n  api_key: sk-nope\n"), 0o644)
	_, err := Load(path, func(string) string { return "" })
	if err == nil {
		t.Fatal("a typo'd key was accepted")
	}
	for _, want := range []string{`line 3: unknown key "base_ur" (did you mean "base_url"?)`, `unknown key "api_key"`, "never from the config file"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v, want it to contain %q", err, want)
		}
	}
	if strings.Contains(err.Error(), "sk-nope") {
		t.Errorf("the error shows the secret: %v", err)
	}
}

func TestFileKeysListsNestedSections(t *testing.T) {
	keys := FileKeys()
	for _, want := range []string{"corpus", "embed: {base_url, model}", "llm: {base_url, model, timeout, max_tokens, temperature}", "slack: {api_url, listen"} {
		if !strings.Contains(keys, want) {
			t.Errorf("FileKeys() = %q, want %q in it", keys, want)
		}
	}
}

func TestSettingsAreDeclaredOnce(t *testing.T) {
	envs, flags := map[string]bool{}, map[string]bool{}
	keys := FileKeys()
	for _, s := range Settings {
		for _, env := range append([]string{s.Env}, s.Fallbacks...) {
			if envs[env] {
				t.Errorf("%s declared twice", env)
			}
			envs[env] = true
		}
		if s.Flag != "" && flags[s.Flag] {
			t.Errorf("--%s declared twice", s.Flag)
		}
		flags[s.Flag] = true
		if s.Help == "" {
			t.Errorf("%s has no help", s.Env)
		}
		if s.Secret && s.Key != "" {
			t.Errorf("secret %s has a config-file key", s.Env)
		}
		if s.Key != "" {
			leaf := s.Key[strings.LastIndex(s.Key, ".")+1:]
			if !strings.Contains(keys, leaf) {
				t.Errorf("%s's key %q is not a config-file key (%s)", s.Env, s.Key, keys)
			}
		}
	}
	var c Config
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	c.RegisterFlags(fs)
	for _, s := range Settings {
		if s.Flag != "" && fs.Lookup(s.Flag) == nil {
			t.Errorf("--%s is declared but not registered", s.Flag)
		}
	}
}

// Every setting keeps the variable, flag, config-file key, kind and group
// it had when each was declared three times (struct field, a row of
// Settings, the groupOf map): one line per variable, a fallback naming the
// variable it stands in for.
func TestSettingsKeepTheirNames(t *testing.T) {
	want := `BOT_CONFIG --config - general
BOT_CORPUS --corpus corpus corpus
BOT_DATA_DIR --data-dir data_dir corpus
BOT_K --k k answers
BOT_CHUNK_CHARS --chunk-chars chunk_chars corpus
BOT_CHUNK_OVERLAP --chunk-overlap chunk_overlap corpus
BOT_LOG_LEVEL --log-level log_level general
BOT_PDFTOTEXT - pdftotext corpus
BOT_STORE --store store corpus
BOT_WEAVIATE_URL --weaviate-url weaviate.url corpus
BOT_WEAVIATE_API_KEY - - corpus secret
BOT_WEAVIATE_NAME --weaviate-name weaviate.name corpus
BOT_WEAVIATE_GRPC - weaviate.grpc corpus
BOT_WEAVIATE_SHARDS - weaviate.shards corpus
BOT_WEAVIATE_REPLICAS - weaviate.replicas corpus
BOT_EMBED_BASE_URL --embed-base-url embed.base_url corpus
BOT_EMBED_MODEL --embed-model embed.model corpus
BOT_EMBED_API_KEY - - corpus secret
OPENAI_BASE_URL fallback of BOT_LLM_BASE_URL
BOT_LLM_BASE_URL --llm-base-url llm.base_url answers
BOT_LLM_MODEL --llm-model llm.model answers
OPENAI_API_KEY fallback of BOT_LLM_API_KEY
BOT_LLM_API_KEY - - answers secret
BOT_LLM_TIMEOUT --llm-timeout llm.timeout answers
BOT_LLM_MAX_TOKENS --llm-max-tokens llm.max_tokens answers
BOT_LLM_TEMPERATURE --llm-temperature llm.temperature answers
SLACK_BOT_TOKEN - - slack secret
SLACK_APP_TOKEN - - slack secret
SLACK_SIGNING_SECRET - - slack secret
SLACK_API_URL - slack.api_url slack
BOT_LISTEN --listen slack.listen slack
BOT_ADMINS - slack.admins slack
BOT_CHANNELS - slack.channels slack
BOT_MAX_CONCURRENT - slack.max_concurrent slack
BOT_MAX_QUEUE - slack.max_queue slack
BOT_AUDIT_LOG --audit-log audit_log slack
BOT_WATCH - watch slack
BOT_ADMIN_CHANNEL - slack.admin_channel slack
BOT_USER_RATE - slack.user_rate slack`
	var got []string
	dash := func(s, prefix string) string {
		if s == "" {
			return "-"
		}
		return prefix + s
	}
	for _, s := range Settings {
		line := fmt.Sprintf("%s %s %s %s", s.Env, dash(s.Flag, "--"), dash(s.Key, ""), s.Group)
		if s.Secret {
			line += " secret"
		}
		got = append(got, line)
		for _, f := range s.Fallbacks {
			got = append(got, f+" fallback of "+s.Env)
		}
	}
	wantLines := strings.Split(want, "\n")
	slices.Sort(got)
	slices.Sort(wantLines)
	if !slices.Equal(got, wantLines) {
		t.Errorf("settings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantLines, "\n"))
	}
}

func TestValidateSlack(t *testing.T) {
	c := Default()
	c.Slack.BotToken = "xoxp-user-token"
	err := c.ValidateSlack()
	if err == nil || !strings.Contains(err.Error(), "SLACK_BOT_TOKEN") || !strings.Contains(err.Error(), "SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET") {
		t.Errorf("err = %v", err)
	}
	if strings.Contains(fmt.Sprint(err), "xoxp-user-token") {
		t.Error("the error shows the token")
	}
	c.Slack.BotToken, c.Slack.AppToken = "xoxb-1", "xapp-1"
	if err := c.ValidateSlack(); err != nil {
		t.Errorf("valid tokens: %v", err)
	}
}
