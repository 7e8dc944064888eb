package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/newsroom/askbot/internal/testutil/testdocs"
)

// runBot runs the program with args and an environment holding only env
// (and a fresh data directory), returning stdout and stderr.
func runBot(t *testing.T, env map[string]string, stdin string, args ...string) (string, string, error) {
	t.Helper()
	full := map[string]string{"BOT_DATA_DIR": t.TempDir()}
	for k, v := range env {
		full[k] = v
	}
	var out, errOut bytes.Buffer
	err := run(t.Context(), args, strings.NewReader(stdin), &out, &errOut, func(k string) string { return full[k] })
	return out.String(), errOut.String(), err
}

func TestAskBundledCorpus(t *testing.T) {
	out, _, err := runBot(t, nil, "", "ask", "Who denied meeting Russian officials?")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Quotes from the documents", "just complete garbage", "[1]", "Sources:", "Times of Israel", "paragraphs 4, 5"} {
		if !strings.Contains(out, want) {
			t.Errorf("answer lacks %q:\n%s", want, out)
		}
	}
	// The sources list gives each document once, with every paragraph cited.
	if n := strings.Count(out, "000_09882ac5bc3d6676.txt"); n != 1 {
		t.Errorf("the document is listed %d times, want once:\n%s", n, out)
	}
	// Each quote is shown once: the sources list names, it does not repeat.
	if n := strings.Count(out, "just complete garbage"); n != 1 {
		t.Errorf("the quote is shown %d times, want once:\n%s", n, out)
	}
}

func TestAskNotInDocuments(t *testing.T) {
	out, _, err := runBot(t, nil, "", "ask", "What did Angela Merkel say about Trump's victory?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "documents don't say") || strings.Contains(out, "Sources") {
		t.Errorf("want a plain not-found answer, got:\n%s", out)
	}
}

func TestEvalSeedQuestions(t *testing.T) {
	out, _, err := runBot(t, nil, "", "eval", "--questions", "testdata/seed-dev.qa.jsonl", "--k", "5", "--json")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var got map[string]any
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &got); err != nil {
		t.Fatalf("last line is not JSON: %v\n%s", err, out)
	}
	for _, key := range []string{"questions", "answerable", "unanswerable", "k", "hit_at_1", "hit_at_4", "hit_at_k", "mrr",
		"evidence_recall_at_k", "all_evidence_at_k", "answer_in_passages", "abstain_correct", "false_abstain", "avg_passage_chars", "by_type"} {
		if _, ok := got[key]; !ok {
			t.Errorf("JSON lacks %q", key)
		}
	}
	// The bar: every answerable seed question hits, the unanswerable one abstains.
	if got["hit_at_k"] != 1.0 || got["abstain_correct"] != 1.0 || got["false_abstain"] != 0.0 {
		t.Errorf("hit_at_k %v abstain_correct %v false_abstain %v", got["hit_at_k"], got["abstain_correct"], got["false_abstain"])
	}
	text, _, err := runBot(t, nil, "", "eval", "--questions", "testdata/seed-dev.qa.jsonl")
	if err != nil || !strings.Contains(text, "unanswerable") || !strings.Contains(text, "hit@4") {
		t.Errorf("text report: %v\n%s", err, text)
	}
}

func TestIndexTwiceEmbedsOnce(t *testing.T) {
	env := map[string]string{"BOT_DATA_DIR": t.TempDir(), "BOT_CORPUS": "../../corpus/testdata/good"}
	out, _, err := runBot(t, env, "", "index")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "documents loaded: 5") || !strings.Contains(out, "archive.jsonl:2: malformed JSON") {
		t.Errorf("first index:\n%s", out)
	}
	out, _, err = runBot(t, env, "", "index")
	if err != nil || !strings.Contains(out, "index up to date") {
		t.Errorf("second index: %v\n%s", err, out)
	}
	// --reread reads every file again (nothing to embed), and says so.
	out, _, err = runBot(t, env, "", "index", "--reread")
	if err != nil || strings.Contains(out, "index up to date") || !strings.Contains(out, "embedded:         0 of") {
		t.Errorf("index --reread: %v\n%s", err, out)
	}
}

// TestIndexThenAskUsesThatCorpus: "bot index --corpus X" then "bot ask"
// answers from X, says so on stderr, and leaves the bundled corpus's index
// alone (and X's when the bundled one is indexed).
func TestIndexThenAskUsesThatCorpus(t *testing.T) {
	env := map[string]string{"BOT_DATA_DIR": t.TempDir()}
	if _, _, err := runBot(t, env, "", "index", "--corpus", "../../corpus/testdata/good"); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := runBot(t, env, "", "ask", "Who denied meeting Russian officials?")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr, "Corpus: good, 5 documents, indexed ") {
		t.Errorf("stderr does not name the corpus:\n%s", stderr)
	}
	if strings.Contains(stderr, "malformed JSON") {
		t.Errorf("ask repeats the skipped-file warnings that index printed:\n%s", stderr)
	}
	if strings.Contains(out, "000_09882ac5bc3d6676.txt") {
		t.Errorf("ask answered from the bundled corpus, not the one indexed last:\n%s", out)
	}
	// Indexing the bundled corpus makes it the one asked; the other index stays.
	if _, _, err := runBot(t, env, "", "index"); err != nil {
		t.Fatal(err)
	}
	if _, stderr, _ := runBot(t, env, "", "ask", "Who denied meeting Russian officials?"); !strings.Contains(stderr, "Corpus: bundled corpus, 1 document,") {
		t.Errorf("after indexing the bundled corpus:\n%s", stderr)
	}
	out, _, err = runBot(t, env, "", "index", "--corpus", "../../corpus/testdata/good")
	if err != nil || !strings.Contains(out, "index up to date") {
		t.Errorf("the first corpus's index was replaced: %v\n%s", err, out)
	}
}

func TestIndexFailsWhenItCannotSave(t *testing.T) {
	data := filepath.Join(t.TempDir(), "not-a-dir")
	os.WriteFile(data, []byte("x"), 0o644)
	_, _, err := runBot(t, map[string]string{"BOT_DATA_DIR": data}, "", "index")
	if err == nil || !strings.Contains(err.Error(), "could not be saved") {
		t.Errorf("err = %v, want a save failure", err)
	}
}

func TestChatFollowUp(t *testing.T) {
	out, _, err := runBot(t, nil, "What did Sergei Ryabkov say?\nWhat did he add?\n", "chat")
	if err != nil {
		t.Fatal(err)
	}
	// "what did X say" is the desk's who-said-it (desk.RouteOf); the
	// follow-up an answer's
	if !strings.Contains(out, "What Sergei Ryabkov said") || strings.Count(out, "Quotes from the documents") != 1 {
		t.Errorf("want two answers:\n%s", out)
	}
}

func TestCommandLineErrors(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"no command", nil, nil, "no command"},
		{"unknown command", nil, []string{"frobnicate"}, "unknown command"},
		{"no question", nil, []string{"ask"}, "no question"},
		{"bad k", nil, []string{"ask", "--k", "0", "q"}, "BOT_K"},
		{"bad env", map[string]string{"BOT_CHUNK_CHARS": "ten"}, []string{"ask", "q"}, "BOT_CHUNK_CHARS"},
		{"missing corpus", map[string]string{"BOT_CORPUS": "/nonexistent/corpus"}, []string{"ask", "q"}, "corpus /nonexistent/corpus: no such file or directory (set --corpus or BOT_CORPUS)"},
		{"eval without questions", nil, []string{"eval"}, "--questions"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := runBot(t, tt.env, "", tt.args...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
	_, stderr, err := runBot(t, nil, "", "ask", "--help")
	if !errors.Is(err, flag.ErrHelp) || !strings.Contains(stderr, "BOT_EMBED_BASE_URL") || !strings.Contains(stderr, "-corpus") {
		t.Errorf("--help: %v\n%s", err, stderr)
	}
}

func TestFlagsAfterTheQuestion(t *testing.T) {
	out, _, err := runBot(t, nil, "", "ask", "What did Maria Zakharova tell Bloomberg?", "--k", "3")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "normal practice") {
		t.Errorf("flags after the question were not parsed as flags:\n%s", out)
	}
	_, _, err = runBot(t, nil, "", "ask", "Who", "denied", "--k", "0", "meeting?")
	if err == nil || !strings.Contains(err.Error(), "BOT_K") {
		t.Errorf("--k 0 between words: %v", err)
	}
}

func TestUserRateZeroMeansNoLimit(t *testing.T) {
	if got := userRate(0); got >= 0 {
		t.Errorf("BOT_USER_RATE=0 gives slackbot rate %d, want a negative (no limit)", got)
	}
	if got := userRate(5); got != 5 {
		t.Errorf("userRate(5) = %d", got)
	}
}

func TestProbe(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/readyz" {
			http.Error(w, "not ready: shutting down", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ready")
	}))
	defer srv.Close()
	if _, _, err := runBot(t, nil, "", "probe", srv.URL+"/readyz"); err != nil {
		t.Errorf("a ready endpoint: %v", err)
	}
	if _, _, err := runBot(t, nil, "", "probe", srv.URL+"/other"); err == nil || !strings.Contains(err.Error(), "503") {
		t.Errorf("a 503: %v", err)
	}
}

// bot ask --channel / --user answers as a question from that place would
// be answered: a restricted collection only in its channel and its
// members' direct messages.
func TestAskAsAChannel(t *testing.T) { askAsAChannel(t, nil) }

// askAsAChannel is TestAskAsAChannel with the settings of store added; a
// store that must be written first (BOT_STORE=weaviate) is indexed first.
func askAsAChannel(t *testing.T, store map[string]string) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "politics"), 0o755)
	os.MkdirAll(filepath.Join(dir, "investigations"), 0o755)
	os.WriteFile(filepath.Join(dir, "politics", "briefing.md"), []byte("---\ntitle: Council briefing\n---\nThe council will debate the harbour budget on Monday.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "investigations", "leak.md"), []byte("---\ntitle: Dredging memo\n---\nThe harbour dredging contract was awarded to Quayside Holdings without a tender, the memo says.\n"), 0o644)
	cfgFile := filepath.Join(t.TempDir(), "bot.yaml")
	os.WriteFile(cfgFile, []byte("corpus: "+dir+"\ncollections:\n  - {name: politics, path: politics}\n  - {name: investigations, path: investigations, restricted: true, members: [UINV]}\nchannels:\n  CGENERAL: [politics]\n  CINVEST: [investigations, politics]\n"), 0o644)
	env := map[string]string{"BOT_CONFIG": cfgFile}
	for k, v := range store {
		env[k] = v
	}
	if store["BOT_STORE"] != "" {
		if _, _, err := runBot(t, env, "", "index"); err != nil {
			t.Fatal(err)
		}
	}
	const q = "Who was awarded the harbour dredging contract without a tender?"
	for _, tt := range []struct {
		args []string
		sees bool
	}{
		{[]string{"--channel", "CINVEST"}, true},
		{[]string{"--channel", "CGENERAL"}, false},
		{[]string{"--channel", "DANY", "--user", "UOTHER"}, false},
		{[]string{"--user", "UINV"}, true}, // a member's direct messages
		{nil, true},                        // the operator sees everything
	} {
		out, stderr, err := runBot(t, env, "", append(append([]string{"ask"}, tt.args...), q)...)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(out, "Quayside"); got != tt.sees {
			t.Errorf("%v: sees the restricted memo %v, want %v:\n%s", tt.args, got, tt.sees, out)
		}
		// The corpus line counts what the place may see.
		if want := map[bool]string{true: ", 2 documents,", false: ", 1 document,"}[tt.sees]; !strings.Contains(stderr, want) {
			t.Errorf("%v: corpus line %q, want %q", tt.args, strings.SplitN(stderr, "\n", 2)[0], want)
		}
	}
	// A name only the restricted memo holds reads, in the general
	// channel, as one no document holds.
	for _, tt := range []struct{ restricted, absent string }{
		{"What did Quayside Holdings win?", "What did Brindlemoor Holdings win?"},
		{"Did Quayside Holdings tell the council about the harbour budget?", "Did Brindlemoor Holdings tell the council about the harbour budget?"},
	} {
		r, _, err := runBot(t, env, "", "ask", "--channel", "CGENERAL", tt.restricted)
		if err != nil {
			t.Fatal(err)
		}
		a, _, err := runBot(t, env, "", "ask", "--channel", "CGENERAL", tt.absent)
		if err != nil {
			t.Fatal(err)
		}
		if r, a = strings.ReplaceAll(r, "Quayside", "NAME"), strings.ReplaceAll(a, "Brindlemoor", "NAME"); r != a {
			t.Errorf("a restricted name is told apart from an absent one:\nrestricted: %s\nabsent:     %s", r, a)
		}
	}
}

// With Go only (no pdftotext on PATH), a corpus of a PDF, a Word file and
// an email answers a question from each, citing a paragraph.
func TestAskAcrossFormats(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "inquiry.pdf"), []byte(testdocs.PDF([][]string{{
		"The harbour inquiry heard that the dredging contractor was paid twice",
		"for the same work in the spring.",
	}})), 0o644)
	os.WriteFile(filepath.Join(dir, "memo.docx"), testdocs.DOCX(t), 0o644)
	os.WriteFile(filepath.Join(dir, "tip.eml"), []byte(testdocs.Email), 0o644)
	env := map[string]string{"BOT_CORPUS": dir}
	for _, tt := range []struct{ q, want, doc string }{
		{"Who was paid twice for the same dredging work?", "paid twice", "inquiry.pdf"},
		{"How much harbour budget did the council approve?", "12 million euros", "memo.docx"},
		{"When does the harbour reopen to shipping?", "reopens to shipping on Tuesday", "tip.eml"},
	} {
		out, _, err := runBot(t, env, "", "ask", tt.q)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, tt.want) || !strings.Contains(out, tt.doc) || !regexp.MustCompile(`paragraphs? \d`).MatchString(out) {
			t.Errorf("%q: want %q cited from %s with its paragraph:\n%s", tt.q, tt.want, tt.doc, out)
		}
	}
}

// Questions written apart from the code over a PDF and an email: an
// irregular verb ("overspend" for "overspent") and a time of day ("8:45
// a.m.") answer them; neither is declined.
func TestAskIrregularVerbAndTimeOfDay(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "audit.pdf"), []byte(testdocs.PDF([][]string{{
		"The state audit found that the harbor authority overspent its dredging",
		"budget by 4.2 million dollars last year.",
	}})), 0o644)
	email := strings.NewReplacer(
		"Harbour_reopens_=E2=80=94_statement", "School_hours",
		"The harbour reopens to shipping on Tuesday after the dredging work=\r\n ended.", "Under the new plan, high school classes will start at 8:45 a.m. from next term.",
	).Replace(testdocs.Email)
	os.WriteFile(filepath.Join(dir, "schools.eml"), []byte(email), 0o644)
	os.WriteFile(filepath.Join(dir, "storm.txt"), []byte("Storm warning\n\nForecasters warned that the storm would bring heavy rain to the coast on Sunday.\n"), 0o644)
	env := map[string]string{"BOT_CORPUS": dir}
	for _, tt := range []struct{ q, want string }{
		{"By how much did the harbor authority overspend its dredging budget?", "4.2 million dollars"},
		{"When will high school classes start under the new plan?", "8:45 a.m."},
	} {
		out, _, err := runBot(t, env, "", "ask", tt.q)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, tt.want) || strings.Contains(out, "don't say") {
			t.Errorf("%q: want %q quoted:\n%s", tt.q, tt.want, out)
		}
	}
}
