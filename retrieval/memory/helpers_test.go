package memory

import (
	"github.com/newsroom/askbot/retrieval"
)

// readIndex reads the snapshot at path back into an index without vectors.
func readIndex(path string, crc uint32, chunker retrieval.Chunker, embedder retrieval.Embedder) (*retrieval.Index, error) {
	data, err := readSnapshot(path, crc)
	if err != nil {
		return nil, err
	}
	data.Chunker, data.Embedder = chunker, embedder
	return retrieval.NewIndex(*data)
}
