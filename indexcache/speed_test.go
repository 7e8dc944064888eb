package indexcache

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/askbot/internal/testutil/testdocs"
	"github.com/newsroom/askbot/retrieval"
)

// TestIndexingSpeed measures documents per second indexing 10,000 mixed
// files (text, Markdown, HTML, Word, email; about 2 KB each) from scratch
// with the offline embedder. A measurement, run by hand:
//
//	BOT_BENCH_INDEX=1 go test ./indexcache -run TestIndexingSpeed -v
func TestIndexingSpeed(t *testing.T) {
	if os.Getenv("BOT_BENCH_INDEX") == "" {
		t.Skip("a measurement: BOT_BENCH_INDEX=1 runs it")
	}
	dir := t.TempDir()
	para := func(i int) string {
		return fmt.Sprintf("Report %d: the council met on day %d and heard that the harbour budget of %d million euros was spent on dredging, roads and the new ferry terminal. ", i, i%28+1, i%90+10)
	}
	for i := range 10000 {
		body := strings.Repeat(para(i), 12)
		var name, data string
		switch i % 5 {
		case 0:
			name, data = fmt.Sprintf("d%05d.txt", i), fmt.Sprintf("Title %d\n\n%s\n", i, body)
		case 1:
			name, data = fmt.Sprintf("d%05d.md", i), fmt.Sprintf("---\ntitle: T%d\n---\n%s\n", i, body)
		case 2:
			name, data = fmt.Sprintf("d%05d.html", i), fmt.Sprintf("<html><head><title>T%d</title></head><body><article><p>%s</p></article></body></html>", i, body)
		case 3:
			name, data = fmt.Sprintf("d%05d.docx", i), string(testdocs.DOCX(t))
		case 4:
			name, data = fmt.Sprintf("d%05d.eml", i), strings.Replace(testdocs.Email, "The harbour reopens", body+"The harbour reopens", 1)
		}
		os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644)
	}
	g, _ := retrieval.NewGloVeEmbedder()
	start := time.Now()
	o, err := Open(t.Context(), Config{DataDir: t.TempDir(), Corpus: dir, Embedder: g})
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	st := o.Index.Stats()
	t.Logf("10,000 mixed files: %d documents, %d chunks, skipped %d, in %s: %.0f documents/s", st.Documents, st.Chunks, len(o.Skipped), took.Round(time.Millisecond), float64(st.Documents)/took.Seconds())
}
