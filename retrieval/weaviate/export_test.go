package weaviate

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"strings"
	"time"
)

// CheckRowByRow makes questions check the chunks they get against their
// documents' rows, as they do when too many documents were replaced to
// read their keys at once, until the returned func is called.
func CheckRowByRow() (restore func()) {
	replacedSetMax = -1
	return func() { replacedSetMax = maxLimit }
}

// HoldLease writes the writer's lease as a process pid of host, started
// at started (clock ticks since boot; 0: unknown), would.
func HoldLease(ctx context.Context, s *Store, host string, pid int, started uint64) error {
	return s.putLease(ctx, lease{Owner: fmt.Sprintf("%s pid %d", host, pid), Until: time.Now().Add(leaseTerm), Host: host, PID: pid, Started: started})
}

// PageHidden makes questions read the rows of the documents hidden from
// their askers n at a time, until the returned func is called.
func PageHidden(n int) (restore func()) {
	hiddenPage = n
	return func() { hiddenPage = 1000 }
}

// EnsureEarlierForm creates the store's classes as the bot wrote them
// before document rows kept their collection, withdrawn flag and embargo.
func EnsureEarlierForm(ctx context.Context, s *Store) error {
	saved := docAccess
	docAccess = nil
	defer func() { docAccess = saved }()
	_, err := s.ensure(ctx)
	return err
}

// CreateIndexedChunks creates the store's class of chunks as the bot
// created it before it kept only the indexes its queries read: every
// property with Weaviate's default indexes.
func CreateIndexedChunks(ctx context.Context, s *Store) error {
	props := chunkProperties()
	for i, p := range props {
		p := maps.Clone(p.(map[string]any))
		delete(p, "indexFilterable")
		delete(p, "indexSearchable")
		delete(p, "indexRangeFilters")
		props[i] = p
	}
	return s.c.createClass(ctx, map[string]any{"class": s.name, "vectorizer": "none", "vectorIndexConfig": map[string]any{"distance": "cosine"}, "properties": props}, s.opts)
}

// ForgetForm republishes the store's version as an earlier bot would have
// published it: without its form nor the versions its collections changed at.
func ForgetForm(ctx context.Context, s *Store) error {
	st, err := s.readState(ctx)
	if err != nil {
		return err
	}
	st.Form, st.Changed = 0, nil
	raw, err := json.Marshal(st)
	if err != nil {
		return err
	}
	return s.putObjects(ctx, s.stateClass(), []map[string]any{{"id": s.stateID(), "properties": map[string]any{"state": string(raw)}}})
}

// CreateIndexedChunksAgain drops the store's class of chunks and creates
// it as CreateIndexedChunks does, keeping the rest of the store.
func CreateIndexedChunksAgain(ctx context.Context, s *Store) error {
	if err := s.c.DropClass(ctx, s.name); err != nil {
		return err
	}
	return CreateIndexedChunks(ctx, s)
}

// CreateIndexedFrequencies creates the store's class of frequency rows as
// the bot created it before: the term searchable as well as filterable.
func CreateIndexedFrequencies(ctx context.Context, s *Store) error {
	return s.c.createClass(ctx, map[string]any{"class": s.freqClass(), "vectorizer": "none", "vectorIndexConfig": map[string]any{"skip": true},
		"properties": []any{
			map[string]any{"name": "term", "dataType": []string{"text"}, "tokenization": "field"},
			map[string]any{"name": "df", "dataType": []string{"int"}, "indexFilterable": false, "indexSearchable": false},
			map[string]any{"name": "mdf", "dataType": []string{"int"}, "indexFilterable": false, "indexSearchable": false},
			map[string]any{"name": "since", "dataType": []string{"int"}, "indexRangeFilters": true},
			endsField,
		}}, s.opts)
}

// StoreLexical is the store's BM25 query (see Store.lexical): object IDs
// and scores from the server, the chunks from its cache; cached is how
// many of them the cache held.
func StoreLexical(ctx context.Context, s *Store, terms []string, f Filter, limit int) (cands []Candidate, cached int, err error) {
	if objs, _, err := s.c.lexicalObjects(ctx, s.name, terms, f, limit); err == nil {
		for _, o := range objs {
			if _, ok := s.chunks.get(o.ID); ok {
				cached++
			}
		}
	}
	cands, err = s.lexical(ctx, terms, f, limit)
	return cands, cached, err
}

// BareHits are the texts a bare BM25 query through gRPC returns: none.
func BareHits(ctx context.Context, c *Client, class string, terms []string, limit int) ([]string, error) {
	hits, err := c.searchGRPC(ctx, class, search{kind: searchBM25, query: strings.Join(terms, " "), bare: true}, Filter{}, limit)
	var out []string
	for _, h := range hits {
		out = append(out, h.Additional.ID+":"+h.ChunkID+h.Text)
	}
	return out, err
}

// ChunksByObject reads the chunks of class with the objects IDs ids that
// pass f.
func ChunksByObject(ctx context.Context, c *Client, class string, ids []string, f Filter) (map[string]Candidate, error) {
	return c.chunksByObject(ctx, class, ids, f)
}

// ObjectID is the object ID of the chunk chunkID written at since in class.
func ObjectID(class, chunkID string, since int) string {
	return objectID(class, fmt.Sprintf("%s@%d", chunkID, since))
}

// SetChunkCache sets the most bytes of chunk text the store's cache holds
// (0: the default; below zero: no cache).
func SetChunkCache(s *Store, max int) { s.chunkCacheMax = max }

// ChunkCacheCounts returns how many BM25 hits the store's cache of chunks
// held and how many it missed.
func ChunkCacheCounts(s *Store) (hits, misses int64) {
	return s.chunks.hits.Load(), s.chunks.misses.Load()
}

// CreateGraphChunks creates the store's class of chunks as the bot created
// it before its vector index was flat: an HNSW graph (chunkGraphIndex).
func CreateGraphChunks(ctx context.Context, s *Store) error {
	return s.c.createClass(ctx, map[string]any{"class": s.name, "vectorizer": "none", "vectorIndexConfig": maps.Clone(chunkGraphIndex), "properties": chunkProperties()}, s.opts)
}
