// Command synthcorpus writes a synthetic JSONL corpus for the large-scale
// benchmarks (see scripts/bench-1m.sh): documents of sentences drawn from
// the GloVe vocabulary mixed with the seed article's sentences.
//
//	go run ./scripts/synthcorpus -docs 100000 -chars 11000 -out /tmp/synth-1m.jsonl
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/internal/testutil/synth"
)

func main() {
	docs := flag.Int("docs", 100000, "documents to write")
	chars := flag.Int("chars", 11000, "characters per document (about ten 1,100-character chunks)")
	out := flag.String("out", "synth.jsonl", "output file")
	flag.Parse()
	if err := run(*docs, *chars, *out); err != nil {
		fmt.Fprintln(os.Stderr, "synthcorpus:", err)
		os.Exit(1)
	}
}

func run(docs, chars int, out string) error {
	seed, err := fs.ReadFile(corpus.Bundled(), "000_09882ac5bc3d6676.txt")
	if err != nil {
		return err
	}
	g, err := synth.New(string(seed), 1)
	if err != nil {
		return err
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(w)
	day := time.Date(2023, 9, 1, 0, 0, 0, 0, time.UTC)
	for n := range docs {
		title, body := g.Document(n, chars)
		line := map[string]string{"id": fmt.Sprintf("synth-%07d", n), "title": title, "source": fmt.Sprintf("Outlet %d", n%50),
			"published": day.Add(time.Duration(n%120) * 24 * time.Hour).Format(time.RFC3339), "url": "", "text": body}
		if err := enc.Encode(line); err != nil {
			return err
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}
