package weaviate

import (
	"context"
	"sync"
	"sync/atomic"
)

// chunkCache keeps the chunks BM25 queries returned, by object ID, so
// that a question's BM25 queries can ask the server for their hits' IDs
// and scores alone: Weaviate's BM25 path decodes every property of each
// hit whatever the request names (27% of the server's CPU during MultiHop
// questions), unless it is asked for none.
//
// An object ID names one chunk object (objectID of the chunk and the
// version it was written at), and a chunk object is never changed once
// written (see Store): a cached chunk is the object the ID names. Only
// chunks written at a version (Since above zero) are kept. What an asker
// may see is decided by the server's filter on every query, which returns
// only the IDs of chunks the asker may see; the cache never adds one. The
// cache holds at most defaultChunkCache bytes of text and terms (each
// term 16 bytes more) and is emptied when full, or when the store is
// rebuilt.
type chunkCache struct {
	mu    sync.Mutex
	m     map[string]Candidate
	bytes int
	// hits and misses count the chunks BM25 queries found in the cache
	// and those they read from the server.
	hits, misses atomic.Int64
}

// defaultChunkCache is the most text and terms a store's cache of chunks
// holds: about 40,000 chunks of the default size when it held their text
// alone, fewer with their terms (16 bytes a term besides its letters,
// about as much again as the text; not measured). At 112,103 synthetic chunks
// a stream of 600 distinct questions missed 65.5% of its BM25 hits with it
// and with 1 GiB alike (chunks seen for the first time), 81% with 16 MiB
// (BenchmarkChunkCache, bench/README.md "Archive scale VII", text alone).
const defaultChunkCache = 64 << 20

func (k *chunkCache) get(id string) (Candidate, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	c, ok := k.m[id]
	return c, ok
}

// put keeps c unless the cache holds it, emptying the cache first when it
// holds max bytes of text and terms or more.
func (k *chunkCache) put(id string, c Candidate, max int) {
	if c.Since <= 0 {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if _, ok := k.m[id]; ok {
		return
	}
	if k.m == nil || k.bytes >= max {
		k.m, k.bytes = map[string]Candidate{}, 0
	}
	c.Score = 0
	k.m[id] = c
	k.bytes += len(c.Text) + len(c.ChunkID) + len(c.DocID)
	for _, t := range c.Terms {
		k.bytes += 16 + len(t) // a string's header and its bytes (shared with the others')
	}
}

func (k *chunkCache) reset() {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.m, k.bytes = nil, 0
}

// lexical returns up to limit chunks of the store by BM25 under f (see
// Client.Lexical): through gRPC, their object IDs and scores, the chunks
// taken from the cache and those it misses read in one more request. When
// that request does not return them all (a replica that has not got them
// yet), the query is asked again for the chunks themselves.
func (s *Store) lexical(ctx context.Context, terms []string, f Filter, limit int) ([]Candidate, error) {
	max := s.chunkCacheMax
	if max == 0 {
		max = defaultChunkCache
	}
	if max < 0 {
		return s.c.Lexical(ctx, s.name, terms, f, limit)
	}
	objs, ok, err := s.c.lexicalObjects(ctx, s.name, terms, f, limit)
	if !ok {
		return s.c.Lexical(ctx, s.name, terms, f, limit)
	}
	if err != nil {
		return nil, err
	}
	cands := make([]Candidate, len(objs))
	var miss []string
	for i, o := range objs {
		c, ok := s.chunks.get(o.ID)
		if !ok {
			miss = append(miss, o.ID)
			continue
		}
		c.Score = o.Score
		cands[i] = c
	}
	s.chunks.hits.Add(int64(len(objs) - len(miss)))
	s.chunks.misses.Add(int64(len(miss)))
	if len(miss) == 0 {
		return cands, nil
	}
	got, err := s.c.chunksByObject(ctx, s.name, miss, f)
	if err != nil {
		return nil, err
	}
	if len(got) < len(miss) {
		return s.c.Lexical(ctx, s.name, terms, f, limit)
	}
	for i, o := range objs {
		if cands[i].ChunkID != "" {
			continue
		}
		c, ok := got[o.ID]
		if !ok {
			return s.c.Lexical(ctx, s.name, terms, f, limit)
		}
		s.chunks.put(o.ID, c, max)
		c.Score = o.Score
		cands[i] = c
	}
	return cands, nil
}
