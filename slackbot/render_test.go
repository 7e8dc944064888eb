package slackbot

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	yaml "go.yaml.in/yaml/v3"

	"github.com/slack-go/slack"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/internal/testutil/fakeslack"
)

func TestEscapeDefusesMrkdwn(t *testing.T) {
	hostile := "<!channel> ping <@U123> and <http://evil.example|click here> & <#C1>"
	a := &answer.Answer{Kind: answer.Extractive, Label: "Quotes <b>", Sentences: []answer.Sentence{{Text: "“" + hostile + "”", Cites: []int{1}}},
		Sources:  []answer.Source{{N: 1, Title: "Title with <!here>", Source: "Src & Co", URL: "javascript:alert(1)", Paragraph: 2, Quote: hostile, DocID: "doc`1"}},
		Warnings: []string{"warning <!everyone>"}}
	raw, err := json.Marshal(answerBlocks(a, view{answerID: "abc", footer: "footer <@U9>"}))
	if err != nil {
		t.Fatal(err)
	}
	var decoded []map[string]any
	json.Unmarshal(raw, &decoded)
	text := blockTexts(t, string(raw))
	for _, bad := range []string{"<!channel>", "<@U123>", "<http://evil", "<!here>", "<!everyone>", "<@U9>", "<#C1>", "javascript:", "<b>"} {
		if strings.Contains(text, bad) {
			t.Errorf("unescaped %q in:\n%s", bad, text)
		}
	}
	if !strings.Contains(text, "&lt;!channel&gt;") || !strings.Contains(text, "Src &amp; Co") {
		t.Errorf("escaped text missing:\n%s", text)
	}
}

func TestSourceLinksOnlyToWebURLs(t *testing.T) {
	got := sourceText(answer.Source{N: 1, Title: "A | B", URL: "https://example.org/a?b=1", Paragraph: 3, Quote: "q"}, true)
	if !strings.Contains(got, "<https://example.org/a?b=1|A ¦ B>") {
		t.Errorf("link %q", got)
	}
	// Characters that would end the link are percent-encoded.
	if got := sourceText(answer.Source{N: 1, Title: "T", URL: "https://example.org/a>b|c", Paragraph: 3}, true); !strings.Contains(got, "<https://example.org/a%3Eb%7Cc|T>") {
		t.Errorf("URL not made safe: %q", got)
	}
	if got := sourceText(answer.Source{N: 1, Title: "T", URL: "ftp://example.org/x", Paragraph: 3}, true); strings.Contains(got, "<ftp") {
		t.Errorf("non-web URL linked: %q", got)
	}
}

func TestLongAnswersStayWithinSlackLimits(t *testing.T) {
	long := strings.Repeat("Ünïcödé words fill the answer. ", 400) // ~12,000 bytes
	var sources []answer.Source
	for i := 1; i <= 80; i++ {
		sources = append(sources, answer.Source{N: i, Title: fmt.Sprint("Doc ", i), Paragraph: 1, Quote: strings.Repeat("quote ", 1000)})
	}
	a := &answer.Answer{Kind: answer.Generated, Sentences: []answer.Sentence{{Text: long, Cites: []int{1}}}, Sources: sources}
	blocks := answerBlocks(a, view{answerID: "x", footer: "f", share: true})
	if len(blocks) > maxBlocks {
		t.Fatalf("%d blocks, Slack allows %d", len(blocks), maxBlocks)
	}
	joined := ""
	for _, b := range blocks {
		if s, ok := b.(*slack.SectionBlock); ok {
			if len(s.Text.Text) > maxSectionText {
				t.Errorf("section of %d characters", len(s.Text.Text))
			}
			joined += s.Text.Text
		}
	}
	if !strings.Contains(joined, "more sources not shown") && !strings.Contains(blockTexts(t, mustJSON(t, blocks)), "more sources not shown") {
		t.Error("dropped sources are not mentioned")
	}
	if strings.Count(joined, "Ünïcödé") < 390 {
		t.Error("the answer text was cut instead of split")
	}
}

func mustJSON(t *testing.T, v any) string {
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

func TestManifestNamesWhatTheBotUses(t *testing.T) {
	raw, err := os.ReadFile("manifest.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Features struct {
			SlashCommands []struct{ Command string } `yaml:"slash_commands"`
			Shortcuts     []struct {
				Name, Type string
				CallbackID string `yaml:"callback_id"`
			}
		}
		OAuth struct {
			Scopes struct{ Bot []string } `yaml:"scopes"`
		} `yaml:"oauth_config"`
		Settings struct {
			Events struct {
				BotEvents []string `yaml:"bot_events"`
			} `yaml:"event_subscriptions"`
			Interactivity struct {
				Enabled bool `yaml:"is_enabled"`
			} `yaml:"interactivity"`
			SocketMode bool `yaml:"socket_mode_enabled"`
		}
	}
	if err := yaml.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	for _, scope := range []string{"app_mentions:read", "chat:write", "commands", "reactions:write", "im:history", "channels:history", "files:read"} {
		if !slices.Contains(m.OAuth.Scopes.Bot, scope) {
			t.Errorf("manifest lacks scope %s", scope)
		}
	}
	for _, ev := range []string{"app_mention", "message.im"} {
		if !slices.Contains(m.Settings.Events.BotEvents, ev) {
			t.Errorf("manifest lacks event %s", ev)
		}
	}
	if len(m.Features.SlashCommands) != 3 || m.Features.SlashCommands[0].Command != "/ask" || m.Features.SlashCommands[1].Command != checkCommand || m.Features.SlashCommands[2].Command != quotesCommand || !m.Settings.Interactivity.Enabled || !m.Settings.SocketMode {
		t.Errorf("manifest: %+v", m)
	}
	if len(m.Features.Shortcuts) != 1 || m.Features.Shortcuts[0].CallbackID != checkShortcut || m.Features.Shortcuts[0].Type != "message" || m.Features.Shortcuts[0].Name != "Check against the archive" {
		t.Errorf("manifest shortcuts: %+v", m.Features.Shortcuts)
	}
}

func TestExtractiveQuotesShownOnce(t *testing.T) {
	quote := "Page described the report as garbage."
	src := []answer.Source{{N: 1, Title: "T", Source: "Outlet", Paragraph: 5, Quote: quote, DocID: "d1"}}
	extractive := &answer.Answer{Kind: answer.Extractive, Sentences: []answer.Sentence{{Text: "“" + quote + "”", Cites: []int{1}}}, Sources: src}
	raw, _ := json.Marshal(answerBlocks(extractive, view{}))
	if n := strings.Count(blockTexts(t, string(raw)), "garbage"); n != 1 {
		t.Errorf("an extractive quote is shown %d times, want once", n)
	}
	generated := &answer.Answer{Kind: answer.Generated, Sentences: []answer.Sentence{{Text: "Page called it garbage.", Cites: []int{1}}}, Sources: src}
	raw, _ = json.Marshal(answerBlocks(generated, view{}))
	if !strings.Contains(blockTexts(t, string(raw)), quote) {
		t.Error("a generated answer's source lacks the excerpt its claim rests on")
	}
}

// What a document says reaches Slack without control or bidirectional
// characters: the answer (and its fallback text), the sources' titles and
// outlets, and a /check result.
func TestDocumentTextIsCleanedForSlack(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "wire.jsonl"), []byte(`{"id":"wire-1","title":"Harbour \u001b]0;pwned\u0007report","url":"https://example.org/h","source":"The \u202eTribune","byline":"Jo \u001b[2JPrice","published":"2026-11-02","text":"The harbour authority fined the dredging company \u001b[2J40,000 dollars\u009b0m for dumping silt in the bay.\n\nOfficials said the fine was the largest this year."}`+"\n"), 0o644)
	h := startBot(t, func(c *Config) { c.CorpusDir = dir })
	h.mention(t, "Ev1", reporter, "C1", "100.1", "", "How much was the dredging company fined for dumping silt?", 0)
	final := h.finalAnswer(t, "C1", "100.1")
	h.slack.Send("slash_commands", "chk1", 0, map[string]any{"command": "/check", "text": "The harbour authority fined the dredging company for dumping silt", "user_id": reporter, "channel_id": "C1"})
	check := h.slack.WaitFor(func(c fakeslack.Call) bool { return c.Method == "chat.postEphemeral" && c.Get("blocks") != "" })
	for _, c := range []fakeslack.Call{final, check} {
		shown := blockTexts(t, c.Get("blocks")) + c.Get("text")
		for _, bad := range []string{"\x1b", "\x07", "\u009b", "\u202e"} {
			if strings.Contains(shown, bad) {
				t.Errorf("%s holds %q:\n%q", c.Method, bad, shown)
			}
		}
		if !strings.Contains(shown, "The Tribune") || !strings.Contains(shown, "dredging company [2J40,000 dollars0m for dumping silt") {
			t.Errorf("%s lacks the cleaned text:\n%s", c.Method, shown)
		}
	}
}
