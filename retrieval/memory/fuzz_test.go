package memory

import (
	"hash/crc32"
	"strings"
	"testing"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/retrieval"
)

// FuzzReadSnapshot: any bytes, with a matching checksum so that the parser
// itself is exercised, give an error or an index, never a panic.
func FuzzReadSnapshot(f *testing.F) {
	g, err := retrieval.NewGloVeEmbedder()
	if err != nil {
		f.Fatal(err)
	}
	ix, err := Build(f.Context(), []*corpus.Document{{ID: "a", Title: "T", Text: "One sentence. Two sentences.", Paragraphs: []corpus.Span{{Start: 0, End: 28}}}}, g, BuildOptions{})
	if err != nil {
		f.Fatal(err)
	}
	var good strings.Builder
	if err := writeSnapshot(ix, &good); err != nil {
		f.Fatal(err)
	}
	f.Add([]byte(good.String()))
	f.Add([]byte(snapshotMagic + "\xff\xff\xff\xff\x0f"))
	// The parser is fuzzed over the bytes, as mapped and as read: a file
	// mapped by each input would stay mapped for the fuzzer's life.
	f.Fuzz(func(t *testing.T, raw []byte) {
		for _, mapped := range []bool{true, false} {
			data, err := parseSnapshot(raw, mapped, crc32.Checksum(raw, castagnoli))
			if err != nil {
				continue
			}
			data.Chunker, data.Embedder = retrieval.DefaultChunker, g
			ix, err := retrieval.NewIndex(*data)
			if err != nil {
				continue
			}
			for _, c := range ix.Chunks() {
				if d, ok := ix.Document(c.DocID); !ok || c.End > len(d.Text) {
					t.Fatalf("chunk %s outside its document", c.ID)
				}
			}
		}
	})
}
