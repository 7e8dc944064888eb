// Package glove is the offline embedder: averaged GloVe word vectors (100
// dimensions, the 100,000 most frequent words, public domain under the PDDL)
// compiled into the binary, weighted by smooth inverse frequency (SIF).
// It needs no network and no model server.
package glove

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"unicode"
)

//go:embed glove100k.bin
var table []byte

// Vectors is a word-vector table.
type Vectors struct {
	dims    int
	index   map[string]int32
	scales  []float32
	data    []int8
	weights []float32 // SIF weight per word
}

// sifA is the SIF smoothing constant a in a/(a+p(w)).
const sifA = 1e-3

// vocabularySize is the size of the vocabulary the frequency ranks come
// from (the full wink table), used to estimate word probabilities by Zipf's law.
const vocabularySize = 341479

// Default returns the compiled-in table, decoded once.
var Default = sync.OnceValues(func() (*Vectors, error) { return Decode(table) })

// Decode reads a table written by scripts/glovetable.
func Decode(b []byte) (*Vectors, error) {
	if len(b) < 12 || string(b[:4]) != "GLV1" {
		return nil, errors.New("glove: not a GLV1 table")
	}
	dims := int(binary.LittleEndian.Uint32(b[4:]))
	n := int(binary.LittleEndian.Uint32(b[8:]))
	v := &Vectors{
		dims:    dims,
		index:   make(map[string]int32, n),
		scales:  make([]float32, n),
		data:    make([]int8, n*dims),
		weights: make([]float32, n),
	}
	harmonic := math.Log(vocabularySize) + 0.5772
	off := 12
	for i := range n {
		if off >= len(b) {
			return nil, fmt.Errorf("glove: table truncated at word %d", i)
		}
		l := int(b[off])
		off++
		if off+l+4+dims > len(b) {
			return nil, fmt.Errorf("glove: table truncated at word %d", i)
		}
		word := string(b[off : off+l])
		off += l
		v.scales[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[off:]))
		off += 4
		for d := range dims {
			v.data[i*dims+d] = int8(b[off+d])
		}
		off += dims
		v.index[word] = int32(i)
		p := 1 / (float64(i+1) * harmonic)
		v.weights[i] = float32(sifA / (sifA + p))
	}
	return v, nil
}

// Dimensions is the length of the vectors.
func (v *Vectors) Dimensions() int { return v.dims }

// Len is the number of words in the table.
func (v *Vectors) Len() int { return len(v.scales) }

// Has reports whether word (lower case) is in the table.
func (v *Vectors) Has(word string) bool {
	_, ok := v.index[word]
	return ok
}

// Rank returns the frequency rank of word (lower case) in the table, 0
// for the most frequent; ok is false when the word is not in the table.
func (v *Vectors) Rank(word string) (rank int, ok bool) {
	i, ok := v.index[word]
	return int(i), ok
}

// Average returns the SIF-weighted average of the vectors of words, scaled to
// unit length. ok is false when no word is in the table.
func (v *Vectors) Average(words []string) (vec []float32, ok bool) {
	sum := make([]float64, v.dims)
	for _, w := range words {
		i, found := v.index[w]
		if !found {
			continue
		}
		ok = true
		s := float64(v.scales[i] * v.weights[i])
		row := v.data[int(i)*v.dims : int(i+1)*v.dims]
		for d, x := range row {
			sum[d] += s * float64(x)
		}
	}
	if !ok {
		return nil, false
	}
	var norm float64
	for _, x := range sum {
		norm += x * x
	}
	norm = math.Sqrt(norm)
	if norm == 0 {
		return nil, false
	}
	vec = make([]float32, v.dims)
	for d, x := range sum {
		vec[d] = float32(x / norm)
	}
	return vec, true
}

// Words returns the n most frequent words of the table that are made of
// letters only, most frequent first.
func (v *Vectors) Words(n int) []string {
	out := make([]string, 0, n)
	byIndex := make([]string, len(v.scales))
	for w, i := range v.index {
		byIndex[i] = w
	}
	for _, w := range byIndex {
		if len(out) == n {
			break
		}
		if w != "" && strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) < 0 {
			out = append(out, w)
		}
	}
	return out
}
