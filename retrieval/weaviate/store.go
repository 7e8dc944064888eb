package weaviate

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"maps"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/retrieval"
)

// Store keeps a corpus in Weaviate, version after version, under one name:
// its chunks in class Name, its documents in Name_Docs, its term
// frequencies in Name_Freq and the version questions see in Name_State.
//
// Every object carries the version it was written at (since). A write
// adds the objects of new and changed documents as the next version and
// closes the document and frequency rows they replace (and those of
// removed documents) at it; unchanged documents are not touched. The
// version is then published by one write of the state object: a question
// pins the version it finds there and asks for that version's objects
// only, so it never sees half a write, nor two versions. Objects no
// question can still be on are deleted after publishing, once a grace has
// passed.
//
// Chunk objects are never changed once written: Weaviate's BM25 search
// can miss an object while it is being changed, even in a property it
// does not search. A chunk is part of version v when it was written at or
// before v for the document row v holds (its doc_key is that row's
// document and since); a question drops the chunks of replaced documents
// from what its queries return, and asks for more when it dropped some.
//
// Store implements retrieval.Store.
type Store struct {
	// Log, when set, is told what the store passes over without failing a
	// question: a schema it could not check in time. Nil logs nothing.
	Log *slog.Logger

	c    *Client
	name string
	opts ClassOptions
	// last is the state last read, used when the server cannot say.
	last atomic.Pointer[state]
	// schemaOK is set once the classes are known to be in this form;
	// schemaTried is when that was last tried (Unix ns).
	schemaOK    atomic.Bool
	schemaTried atomic.Int64
	// outlets and stats cache each version's outlets and size: a version
	// never changes once published.
	outlets, stats sync.Map
	// hidden caches, by hiddenKey, what the documents one kind of asker
	// may not see add to a version's counts (see pinned.hidden).
	hidden sync.Map
	// warnedForm is the version of an earlier form last logged (see
	// pinned.hidden), so that it is logged once, not per question.
	warnedForm atomic.Int64
	// replaced caches, by version, the keys of the document rows closed
	// by then (see replacedKeys).
	replaced sync.Map
	// docs caches documents (see DocumentsByID), terms frequency rows
	// (see wholeFrequencies).
	docs  docCache
	terms termCache
	// chunks caches the chunks BM25 queries returned, by object ID (see
	// chunkCache), at most chunkCacheMax bytes of their text and terms: 0 for
	// defaultChunkCache, below zero none (every BM25 query then returns
	// its chunks whole; BenchmarkChunkCache compares sizes).
	chunks        chunkCache
	chunkCacheMax int
}

var (
	_ retrieval.Store   = (*Store)(nil)
	_ retrieval.Version = (*pinned)(nil)
)

// state is what Name_State holds: the published version and how its
// documents were chunked and embedded.
type state struct {
	Version      int    `json:"version"`
	ChunkChars   int    `json:"chunk_chars"`
	OverlapChars int    `json:"overlap_chars"`
	Embedder     string `json:"embedder"`
	// Written is when the version was published.
	Written time.Time `json:"written"`
	// Settings are the collection settings the version's documents were
	// filed by (WriteOptions.Settings); none when it was written without.
	Settings json.RawMessage `json:"settings,omitempty"`
	// History are the latest publications, oldest first.
	History []publication `json:"history,omitempty"`
	// Replaced is how many closed document rows were still stored when
	// the version was published: when none, every chunk written at or
	// before the version is part of it.
	Replaced int `json:"replaced"`
	// Form is rowsForm when every document row of the version carries
	// its collection, withdrawn flag and embargo (what the statistics of
	// one asker's part of the store are read by); 0 before.
	Form int `json:"form,omitempty"`
	// Changed says, by collection (outside for documents outside every
	// collection, unknownCollection for rows that did not say), the
	// latest version that added, changed or removed one of its documents:
	// the version an asker limited to some collections is shown.
	Changed map[string]publication `json:"changed,omitempty"`
	// Packed says the index terms' frequency rows are packed (see
	// freqKey); a version written before keeps a row a term.
	Packed bool `json:"packed,omitempty"`
}

// rowsForm is the form of the document rows this version of the bot
// writes (see state.Form).
const rowsForm = 2

// unknownCollection stands, in state.Changed, for documents whose
// collection a row written in an earlier form did not keep.
const unknownCollection = "*"

// NewStore returns the store called name (a class name: a capital letter,
// then letters, digits and _). opts spread its classes over a cluster when
// they are created; with Replicas above 1 reads take one replica's answer,
// so every process using the store must give the Replicas it was created
// with.
func NewStore(c *Client, name string, opts ClassOptions) (*Store, error) {
	if !classRE.MatchString(name) || len(name) > 150 {
		return nil, fmt.Errorf("weaviate store %q: must start with a capital letter and hold only letters, digits and _", name)
	}
	s := &Store{c: c, name: name, opts: opts}
	if opts.Replicas > 1 {
		// Reads take one replica's answer without asking the schema first:
		// with a node down, the schema waits for a Raft leader.
		for _, class := range []string{s.name, s.docsClass(), s.freqClass(), s.stateClass()} {
			c.replicated.Store(class, true)
		}
	}
	return s, nil
}

// String names the store for logs: server and name.
func (s *Store) String() string { return s.c.String() + "/" + s.name }

func (s *Store) docsClass() string  { return s.name + "_Docs" }
func (s *Store) freqClass() string  { return s.name + "_Freq" }
func (s *Store) stateClass() string { return s.name + "_State" }
func (s *Store) stateID() string    { return objectID(s.stateClass(), "state") }

// ensure creates the store's classes that do not exist yet. rebuild says
// the chunks' class exists with the indexes of an earlier form (every
// property indexed every way; see chunkProperties): it holds nothing
// wrong, but every write into it costs twice what it need.
func (s *Store) ensure(ctx context.Context) (rebuild bool, err error) {
	props, err := s.c.classProperties(ctx, s.name)
	if err != nil {
		return false, err
	}
	if err := s.checkSchema(props); err != nil {
		return false, err
	}
	// The BM25 field of the chunks and the term of the frequency rows
	// were indexed both ways before.
	indexed := func(class, name string, flag func(property) *bool) bool {
		i := slices.IndexFunc(props[class], func(p property) bool { return p.Name == name })
		return i >= 0 && (flag(props[class][i]) == nil || *flag(props[class][i]))
	}
	// And the frequency rows were a row a term (see freqKey).
	freq, hasFreq := props[s.freqClass()]
	rebuild = indexed(s.name, "terms", func(p property) *bool { return p.IndexFilterable }) ||
		indexed(s.freqClass(), "term", func(p property) *bool { return p.IndexSearchable }) ||
		hasFreq && !slices.Contains(propertyNames(freq), "counts")
	have := slices.Collect(maps.Keys(props))
	text := func(name string) map[string]any {
		return map[string]any{"name": name, "dataType": []string{"text"}, "tokenization": "field"}
	}
	stored := func(name, dataType string) map[string]any {
		return map[string]any{"name": name, "dataType": []string{dataType}, "indexFilterable": false, "indexSearchable": false}
	}
	versions := []any{
		map[string]any{"name": "since", "dataType": []string{"int"}, "indexRangeFilters": true},
		endsField,
	}
	schemas := map[string]map[string]any{
		s.docsClass(): {"class": s.docsClass(), "vectorizer": "none", "vectorIndexConfig": map[string]any{"skip": true},
			"properties": append(append([]any{text("doc_id"), stored("fingerprint", "text"), stored("doc", "text"), stored("text", "text"), stored("stats", "text"), stored("chunks", "int")}, anys(docAccess)...), versions...)},
		// The frequency rows, as many as the corpus has words, are read
		// by their term and versions only.
		s.freqClass(): {"class": s.freqClass(), "vectorizer": "none", "vectorIndexConfig": map[string]any{"skip": true},
			"properties": []any{
				map[string]any{"name": "term", "dataType": []string{"text"}, "tokenization": "field", "indexFilterable": true, "indexSearchable": false},
				stored("df", "int"), stored("mdf", "int"), stored("counts", "text"),
				map[string]any{"name": "since", "dataType": []string{"int"}, "indexFilterable": false, "indexRangeFilters": true},
				endsField,
			}},
		s.stateClass(): s.stateSchema(),
	}
	if !slices.Contains(have, s.name) {
		if err := s.c.CreateClass(ctx, s.name, s.opts); err != nil {
			return false, err
		}
	} else if _, err := s.c.tuneVectorIndex(ctx, s.name); err != nil {
		return false, err
	}
	for _, class := range []string{s.docsClass(), s.freqClass(), s.stateClass()} {
		if !slices.Contains(have, class) {
			if err := s.c.createClass(ctx, schemas[class], s.opts); err != nil {
				return false, err
			}
		}
	}
	// Document rows written in an earlier form lack what the statistics
	// of one asker's part are read by; the next write rewrites them all
	// (see Write).
	if docs, ok := props[s.docsClass()]; ok {
		names := propertyNames(docs)
		for _, prop := range docAccess {
			if name := prop["name"].(string); !slices.Contains(names, name) {
				if err := s.c.do(ctx, "POST", "/v1/schema/"+s.docsClass()+"/properties", prop, nil); err != nil {
					return false, fmt.Errorf("add property %s to %s: %w", name, s.docsClass(), err)
				}
			}
		}
	}
	return rebuild, nil
}

// stateSchema is the schema of the class of the store's state and its
// writer's lease.
func (s *Store) stateSchema() map[string]any {
	return map[string]any{"class": s.stateClass(), "vectorizer": "none", "vectorIndexConfig": map[string]any{"skip": true},
		"properties": []any{map[string]any{"name": "state", "dataType": []string{"text"}, "indexFilterable": false, "indexSearchable": false}}}
}

// ensureState refuses a store of an earlier form (see checkSchema) and
// creates the class the writer's lease is kept in when it does not exist
// yet: what a write does before it claims the lease (see Store.Write).
func (s *Store) ensureState(ctx context.Context) error {
	props, err := s.c.classProperties(ctx, s.name)
	if err != nil {
		return err
	}
	if err := s.checkSchema(props); err != nil {
		return err
	}
	if _, ok := props[s.stateClass()]; ok {
		return nil
	}
	return s.c.createClass(ctx, s.stateSchema(), s.opts)
}

// docAccess are the properties of a document row that say who may see
// it: its collection (outside when none), whether it is withdrawn, and
// its embargo (noDate when none).
var docAccess = []map[string]any{
	{"name": "collection", "dataType": []string{"text"}, "tokenization": "field"},
	{"name": "withdrawn", "dataType": []string{"boolean"}},
	{"name": "embargo", "dataType": []string{"date"}},
}

// ErrOldStore marks a store written by an earlier version of the bot, in
// a form this one cannot read right.
var ErrOldStore = errors.New("the store was written in an older form")

// checkSchema refuses classes (props: each class's property names) written
// before versions were kept as they are now: their closed objects would
// look live.
func (s *Store) checkSchema(props map[string][]property) error {
	for class, field := range map[string]string{s.name: "doc_key", s.docsClass(): "ends", s.freqClass(): "ends"} {
		if p, ok := props[class]; ok && !slices.Contains(propertyNames(p), field) {
			return fmt.Errorf("weaviate store %s: %w: class %s was written by an earlier version of the bot; delete the classes %s, %s, %s and %s, then run bot index",
				s.name, ErrOldStore, class, s.name, s.docsClass(), s.freqClass(), s.stateClass())
		}
	}
	s.schemaOK.Store(true)
	return nil
}

// checkSchemaNow checks the store's schema once. When the cluster cannot
// say in a second (a node down can hold up schema reads) the question goes
// on, and one a minute later checks again.
func (s *Store) checkSchemaNow(ctx context.Context) error {
	now := time.Now().UnixNano()
	if last := s.schemaTried.Load(); last != 0 && time.Duration(now-last) < time.Minute {
		return nil
	}
	s.schemaTried.Store(now)
	short, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	props, err := s.c.classProperties(short, s.name)
	if err != nil {
		if s.Log != nil {
			s.Log.Warn("weaviate: the store's schema could not be checked", "store", s.name, "error", err)
		}
		return nil
	}
	if err := s.checkSchema(props); err != nil {
		s.schemaTried.Store(0) // every question is refused, not only this one
		return err
	}
	return nil
}

// readState reads the published state; a store never written is version 0.
func (s *Store) readState(ctx context.Context) (*state, error) {
	var obj struct {
		Properties struct {
			State string `json:"state"`
		} `json:"properties"`
	}
	path := "/v1/objects/" + s.stateClass() + "/" + s.stateID()
	if s.c.readLevel(ctx, s.stateClass()) != "" {
		path += "?consistency_level=ONE" // a replica's answer will do, so a node down does not stop questions
	}
	err := s.c.do(ctx, "GET", path, nil, &obj)
	var se *StatusError
	if errors.As(err, &se) && se.Code == http.StatusNotFound {
		return &state{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the version of %s: %w", s.name, err)
	}
	st := &state{}
	if err := json.Unmarshal([]byte(obj.Properties.State), st); err != nil {
		return nil, fmt.Errorf("read the version of %s: %w", s.name, err)
	}
	return st, nil
}

// Pin returns the version questions see now. It asks the server for at
// most two seconds; when the server cannot say (a cluster electing a new
// leader), it returns the version it last found, so questions keep being
// answered.
func (s *Store) Pin(ctx context.Context) (retrieval.Version, error) {
	short, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	st, err := s.readState(short)
	if err == nil && st.Version > 0 && !s.schemaOK.Load() {
		if err := s.checkSchemaNow(ctx); err != nil {
			return nil, err
		}
	}
	if err == nil && st.Version > 0 {
		s.last.Store(st)
		return &pinned{s: s, st: *st}, nil
	}
	if last := s.last.Load(); last != nil && ctx.Err() == nil {
		return &pinned{s: s, st: *last}, nil
	}
	if err == nil {
		return nil, fmt.Errorf("weaviate store %s holds no corpus yet: run bot index", s.name)
	}
	return nil, err
}

// Ready reports whether the server answers with a published version now:
// unlike Pin, it does not fall back on the version last read.
func (s *Store) Ready(ctx context.Context) error {
	st, err := s.readState(ctx)
	if err != nil {
		return err
	}
	if st.Version == 0 {
		return fmt.Errorf("weaviate store %s holds no corpus yet: run bot index", s.name)
	}
	return nil
}

// pinned is one version of the store, as a question sees it.
type pinned struct {
	s  *Store
	st state
	// since holds, by document ID, the version the pinned version's row
	// of the document was written at (-1: no row), as far as asked.
	mu    sync.Mutex
	since map[string]int
}

func (p *pinned) ID() string { return fmt.Sprintf("%s@%d", p.s.name, p.st.Version) }

// CollectionSettings are the collection settings the version's documents
// were filed by, as its writer gave them (WriteOptions.Settings): always a
// json.RawMessage, empty when the version was written without them, which
// a question's asker reads its scope in (see retrieval.Filter.Asker).
func (p *pinned) CollectionSettings() any { return json.RawMessage(bytes.Clone(p.st.Settings)) }

func (p *pinned) Describe(ctx context.Context) (retrieval.Stats, error) {
	if st, ok := p.s.stats.Load(p.ID()); ok {
		return st.(retrieval.Stats), nil
	}
	rows, err := p.s.freqRows(ctx, p.st.Version, []string{totalsRow, withdrawnRow}, false)
	if err != nil {
		return retrieval.Stats{}, err
	}
	embargoes, err := p.rowsLike(ctx, embargoRow)
	if err != nil {
		return retrieval.Stats{}, err
	}
	st := retrieval.Stats{Documents: rows[totalsRow].MDF, Chunks: rows[totalsRow].DF, Embedder: p.st.Embedder, Built: p.st.Written, Version: p.ID(),
		Withdrawn: rows[withdrawnRow].DF}
	for key, r := range embargoes {
		unix, err := strconv.ParseInt(strings.TrimPrefix(key, embargoRow), 10, 64)
		if err != nil {
			return retrieval.Stats{}, fmt.Errorf("describe %s: embargo row %q: %w", p.s.name, key, err)
		}
		for range r.DF {
			st.Embargoes = append(st.Embargoes, time.Unix(unix, 0).UTC())
		}
	}
	slices.SortFunc(st.Embargoes, time.Time.Compare)
	p.s.stats.Store(p.ID(), st)
	return st, nil
}

// Candidates are those the store returns for the question's words and
// vector, ranked in an index of them with the corpus's statistics (see
// retrieval.Gather).
func (p *pinned) Candidates(ctx context.Context, q retrieval.Query) (*retrieval.Candidates, error) {
	return retrieval.Gather(ctx, p, q)
}

func (p *pinned) Layout() retrieval.Layout {
	return retrieval.Layout{Chunker: retrieval.Chunker{TargetChars: p.st.ChunkChars, OverlapChars: p.st.OverlapChars}, Embedder: p.st.Embedder}
}

func (p *pinned) filter(f retrieval.Filter) Filter {
	return Filter{Sources: f.Sources, Collections: f.Collections, Now: f.Now, From: f.From, To: f.To, Version: p.st.Version}
}

// candidates are cs as the ranking takes them, with their index terms as
// the chunks were written with them (see candidateFields).
func (s *Store) candidates(cs []Candidate) []retrieval.Candidate {
	out := make([]retrieval.Candidate, len(cs))
	for i, c := range cs {
		out[i] = retrieval.Candidate{ChunkID: c.ChunkID, DocID: c.DocID, Score: c.Score, Chunk: &retrieval.Chunk{
			ID: c.ChunkID, DocID: c.DocID, Ordinal: c.Ordinal, Start: c.Start, End: c.End,
			FirstParagraph: c.FirstParagraph, LastParagraph: c.LastParagraph, Text: c.Text,
		}, Terms: c.Terms}
	}
	return out
}

func (p *pinned) Lexical(ctx context.Context, terms []string, f retrieval.Filter, n int) ([]retrieval.Candidate, error) {
	return p.partOf(ctx, n, func(limit int) ([]Candidate, error) {
		return p.s.lexical(ctx, terms, p.filter(f), limit)
	})
}

func (p *pinned) Dense(ctx context.Context, vector []float32, f retrieval.Filter, n int) ([]retrieval.Candidate, error) {
	return p.partOf(ctx, n, func(limit int) ([]Candidate, error) {
		return p.s.c.Dense(ctx, p.s.name, vector, p.filter(f), limit)
	})
}

// maxLimit is the most chunks a query asks for while making up for those
// of replaced documents (Weaviate's default QUERY_MAXIMUM_RESULTS).
const maxLimit = 10000

// partOf returns the n best chunks query returns that are part of the
// pinned version. When the store holds chunks of replaced documents it
// asks for more than n, as many more as their share of the store
// suggests, drops theirs, and asks again for twice as many while it comes
// short (up to maxLimit).
func (p *pinned) partOf(ctx context.Context, n int, query func(limit int) ([]Candidate, error)) ([]retrieval.Candidate, error) {
	if n <= 0 {
		return nil, nil
	}
	if p.st.Replaced == 0 {
		cs, err := query(n)
		return p.s.candidates(cs), err
	}
	limit := n
	if stats, err := p.Describe(ctx); err == nil {
		// Replaced documents' chunks are about this share of what the
		// store holds, and of what it returns: ask for enough that n are
		// left after dropping theirs, with a margin.
		share := float64(p.st.Replaced) / float64(stats.Documents+p.st.Replaced)
		limit = min(int(math.Ceil(1.15*float64(n)/max(1-share, 0.05)))+2, maxLimit)
	}
	for ; ; limit = min(2*limit, maxLimit) {
		cs, err := query(limit)
		if err != nil {
			return nil, err
		}
		kept, err := p.keepCurrent(ctx, cs)
		if err != nil {
			return nil, err
		}
		if len(kept) >= n || len(cs) < limit || limit == maxLimit {
			return p.s.candidates(kept[:min(n, len(kept))]), nil
		}
	}
}

// keepCurrent keeps the chunks written for the document rows the pinned
// version holds: not those of rows closed by then.
func (p *pinned) keepCurrent(ctx context.Context, cs []Candidate) ([]Candidate, error) {
	replaced, err := p.replacedKeys(ctx)
	if err != nil {
		return nil, err
	}
	if replaced == nil {
		return p.keepCurrentByRow(ctx, cs)
	}
	kept := cs[:0:0]
	for _, c := range cs {
		if !replaced[docKey(c.DocID, c.Since)] {
			kept = append(kept, c)
		}
	}
	return kept, nil
}

// replacedSetMax is the most closed rows replacedKeys reads (a variable
// for the tests).
var replacedSetMax = maxLimit

// replacedKeys returns the keys (docKey) of the document rows closed at or
// before the pinned version, read once a version; nil when there may be
// more than one query returns.
func (p *pinned) replacedKeys(ctx context.Context) (map[string]bool, error) {
	if p.st.Replaced > replacedSetMax {
		return nil, nil
	}
	v := p.st.Version
	if keys, ok := p.s.replaced.Load(v); ok {
		return keys.(map[string]bool), nil
	}
	class := p.s.docsClass()
	where := fmt.Sprintf(`{path: ["ends"], operator: LessThanEqual, valueInt: %d}`, v)
	rows, err := get[struct {
		DocID string `json:"doc_id"`
		Since int    `json:"since"`
	}](ctx, p.s.c, fmt.Sprintf(`{ Get { %s(%slimit: %d, where: %s) { doc_id since } } }`, class, p.s.c.readLevel(ctx, class), maxLimit, where), class)
	if err != nil {
		return nil, fmt.Errorf("replaced documents in %s: %w", p.s.name, err)
	}
	keys := make(map[string]bool, len(rows))
	for _, r := range rows {
		keys[docKey(r.DocID, r.Since)] = true
	}
	p.s.replaced.Range(func(k, _ any) bool {
		if k.(int) < v-1 { // no question is on it any longer, or it reads it again
			p.s.replaced.Delete(k)
		}
		return true
	})
	p.s.replaced.Store(v, keys)
	return keys, nil
}

// keepCurrentByRow keeps the chunks whose document row in the pinned
// version is the one they were written for, asking for the rows of their
// documents (once a question).
func (p *pinned) keepCurrentByRow(ctx context.Context, cs []Candidate) ([]Candidate, error) {
	p.mu.Lock()
	var ask []string
	for _, c := range cs {
		if _, known := p.since[c.DocID]; !known && c.Since < p.st.Version && !slices.Contains(ask, c.DocID) {
			ask = append(ask, c.DocID)
		}
	}
	p.mu.Unlock()
	var rows []docRow
	if len(ask) > 0 {
		var err error
		if rows, err = p.s.docRows(ctx, p.st.Version, ask, "doc_id since"); err != nil {
			return nil, err
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.since == nil {
		p.since = map[string]int{}
	}
	for _, id := range ask {
		p.since[id] = -1 // not part of the version
	}
	for _, r := range rows {
		p.since[r.DocID] = r.Since
	}
	kept := cs[:0:0]
	for _, c := range cs {
		// A chunk written at the pinned version cannot have been replaced.
		if c.Since == p.st.Version || p.since[c.DocID] == c.Since {
			kept = append(kept, c)
		}
	}
	return kept, nil
}

// freqRow is one row of Name_Freq: a special row's counts, or (a row
// whose term is a freqKey of index terms) the counts of the index terms
// packed in it.
type freqRow struct {
	ID    string
	Term  string
	DF    int // chunks holding the term
	MDF   int // documents whose metadata holds it
	Since int
	// Counts are, by index term, the DF and MDF of the terms a packed row
	// holds (nil in a special row).
	Counts map[string][2]int
}

// freqBuckets is how many rows the index terms' counts are packed in.
// A corpus has tens of thousands of distinct terms (MultiHop-RAG's 609
// articles about 28,000); written a row each, they cost the server as
// much as the chunks did (an object's indexes, whatever it holds), and
// packed they cost about a tenth of that. A question reads a row for each
// of its words, a write rewrites the rows its documents' terms fall in.
const freqBuckets = 4096

// freqKey is the frequency row that holds term's counts: a special row
// (# or @ first) is its own, an index term shares one of freqBuckets rows
// (%, then the hash of the term) with the terms of the same hash.
func freqKey(term string) string {
	if strings.HasPrefix(term, "#") || strings.HasPrefix(term, "@") {
		return term
	}
	h := fnv.New32a()
	h.Write([]byte(term))
	return fmt.Sprintf("%%%03x", h.Sum32()%freqBuckets)
}

// packedKey says whether a frequency row's term is a freqKey of index
// terms.
func packedKey(key string) bool { return strings.HasPrefix(key, "%") }

// termRows reads the counts of terms at version v, from the rows they are
// packed in, or when packed is false (a version written before they were:
// see state.Packed) from a row each. A store of that form is rebuilt by
// its next write (see Store.ensure).
func (s *Store) termRows(ctx context.Context, v int, terms []string, packed bool) (map[string]freqRow, error) {
	if !packed {
		return s.freqRows(ctx, v, terms, false)
	}
	var keys []string
	for _, t := range terms {
		if k := freqKey(t); !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	rows, err := s.freqRows(ctx, v, keys, true)
	if err != nil {
		return nil, err
	}
	out := make(map[string]freqRow, len(terms))
	for _, t := range terms {
		k := freqKey(t)
		r, ok := rows[k]
		switch {
		case !ok:
		case !packedKey(k):
			out[t] = r
		default:
			if c, ok := r.Counts[t]; ok {
				out[t] = freqRow{ID: r.ID, Term: t, DF: c[0], MDF: c[1], Since: r.Since}
			}
		}
	}
	return out, nil
}

// Special rows of Name_Freq; no index term starts with # or @.
const (
	totalsRow  = "#totals"  // DF: chunks; MDF: documents
	lengthsRow = "#lengths" // DF: the chunks' terms; MDF: the metadata's
	outletRow  = "@"        // "@" + outlet: DF is its documents
	// DF is the withdrawn documents.
	withdrawnRow = "#withdrawn"
	// "#embargo@" + Unix seconds: DF is the documents under embargo until
	// then (withdrawn ones aside).
	embargoRow = "#embargo@"
)

// freqRows reads the rows of terms (row keys) at version v, with the
// counts packed in them when packed (a class of an earlier form has no
// such field).
func (s *Store) freqRows(ctx context.Context, v int, terms []string, packed bool) (map[string]freqRow, error) {
	out := make(map[string]freqRow, len(terms))
	var mu sync.Mutex
	class := s.freqClass()
	const batch = 500
	err := inParallel(ctx, (len(terms)+batch-1)/batch, batchesInFlight, func(ctx context.Context, i int) error {
		keys := terms[i*batch : min((i+1)*batch, len(terms))]
		fields := "term df mdf since"
		if packed {
			fields += " counts"
		}
		rows := make(map[string]freqRow, len(keys))
		if got, ok, err := s.c.rowsGRPC(ctx, class, v, "term", keys, strings.Fields(fields)); ok {
			if err != nil {
				return fmt.Errorf("frequencies in %s: %w", s.name, err)
			}
			for _, r := range got {
				if err := putFreqRow(rows, r.ID, r.text("term"), r.int("df"), r.int("mdf"), r.int("since"), r.text("counts")); err != nil {
					return fmt.Errorf("frequencies in %s: %w", s.name, err)
				}
			}
		} else {
			where := "{operator: And, operands: [" + strings.Join(append(versionWhere(v),
				fmt.Sprintf(`{path: ["term"], operator: ContainsAny, valueText: %s}`, gqlList(keys))), ", ") + "]}"
			q := fmt.Sprintf(`{ Get { %s(%slimit: %d, where: %s) { %s _additional { id } } } }`,
				class, s.c.readLevel(ctx, class), len(keys)+1, where, fields)
			if err := s.readFreq(ctx, q, rows); err != nil {
				return fmt.Errorf("frequencies in %s: %w", s.name, err)
			}
		}
		mu.Lock()
		maps.Copy(out, rows)
		mu.Unlock()
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (s *Store) readFreq(ctx context.Context, q string, into map[string]freqRow) error {
	rows, err := get[struct {
		objectRef
		Term   string `json:"term"`
		DF     int    `json:"df"`
		MDF    int    `json:"mdf"`
		Since  int    `json:"since"`
		Counts string `json:"counts"`
	}](ctx, s.c, q, s.freqClass())
	if err != nil {
		return err
	}
	for _, r := range rows {
		if err := putFreqRow(into, r.Additional.ID, r.Term, r.DF, r.MDF, r.Since, r.Counts); err != nil {
			return err
		}
	}
	return nil
}

// putFreqRow puts a frequency row as read into into, by its term, with
// the counts packed in it (JSON, "" when none).
func putFreqRow(into map[string]freqRow, id, term string, df, mdf, since int, counts string) error {
	row := freqRow{ID: id, Term: term, DF: df, MDF: mdf, Since: since}
	if counts != "" {
		if err := json.Unmarshal([]byte(counts), &row.Counts); err != nil {
			return fmt.Errorf("frequency row %s: %w", term, err)
		}
	}
	into[term] = row
	return nil
}

// wholeFrequencies counts terms in the whole corpus of the version, from
// its frequency rows (those it read before for the version from its
// cache: a published version's rows never change).
func (p *pinned) wholeFrequencies(ctx context.Context, terms []string) (*retrieval.Frequencies, error) {
	v := p.st.Version
	rows := make(map[string]freqRow, len(terms)+2)
	var ask []string
	for _, t := range append([]string{totalsRow, lengthsRow}, terms...) {
		if r, ok := p.s.terms.get(v, t); ok {
			rows[t] = r
		} else if !slices.Contains(ask, t) {
			ask = append(ask, t)
		}
	}
	if len(ask) > 0 {
		got, err := p.s.termRows(ctx, v, ask, p.st.Packed)
		if err != nil {
			return nil, err
		}
		for _, t := range ask {
			rows[t] = got[t] // a term the version lacks counts zero
			p.s.terms.put(v, t, got[t])
		}
	}
	f := &retrieval.Frequencies{
		Chunks: rows[totalsRow].DF, Documents: rows[totalsRow].MDF,
		ChunkTerms: rows[lengthsRow].DF, MetaTerms: rows[lengthsRow].MDF,
		Body: make(map[string]int, len(terms)), Meta: make(map[string]int, len(terms)),
	}
	for _, t := range terms {
		f.Body[t], f.Meta[t] = rows[t].DF, rows[t].MDF
	}
	return f, nil
}

// termCache keeps the frequency rows a store read, by version and term:
// a published version's rows never change, and most of a question's words
// were asked before. It holds at most termCacheMax rows and is emptied
// when full.
type termCache struct {
	mu sync.Mutex
	m  map[termKey]freqRow
}

type termKey struct {
	version int
	term    string
}

// termCacheMax is the most frequency rows a store's termCache holds.
const termCacheMax = 200000

func (c *termCache) get(version int, term string) (freqRow, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.m[termKey{version, term}]
	return r, ok
}

func (c *termCache) put(version int, term string, r freqRow) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= termCacheMax {
		c.m = map[termKey]freqRow{}
	}
	c.m[termKey{version, term}] = r
}

// wholeOutlets returns the version's outlets with how many documents each
// has.
func (p *pinned) wholeOutlets(ctx context.Context) (map[string]int, error) {
	if o, ok := p.s.outlets.Load(p.ID()); ok {
		return o.(map[string]int), nil
	}
	rows, err := p.rowsLike(ctx, outletRow)
	if err != nil {
		return nil, err
	}
	out := make(map[string]int, len(rows))
	for t, r := range rows {
		out[strings.TrimPrefix(t, outletRow)] = r.DF
	}
	p.s.outlets.Store(p.ID(), out)
	return out, nil
}

// rowsLike returns the pinned version's frequency rows whose term starts
// with prefix (no * nor ? in it) and counts something.
func (p *pinned) rowsLike(ctx context.Context, prefix string) (map[string]freqRow, error) {
	class := p.s.freqClass()
	where := "{operator: And, operands: [" + strings.Join(append(versionWhere(p.st.Version),
		fmt.Sprintf(`{path: ["term"], operator: Like, valueText: %s}`, gqlString(prefix+"*"))), ", ") + "]}"
	q := fmt.Sprintf(`{ Get { %s(%slimit: 10000, where: %s) { term df mdf since _additional { id } } } }`, class, p.s.c.readLevel(ctx, class), where)
	rows := map[string]freqRow{}
	if err := p.s.readFreq(ctx, q, rows); err != nil {
		return nil, fmt.Errorf("rows %s* in %s: %w", prefix, p.s.name, err)
	}
	maps.DeleteFunc(rows, func(_ string, r freqRow) bool { return r.DF <= 0 })
	return rows, nil
}

// docRow is one row of Name_Docs.
type docRow struct {
	ID          string
	DocID       string
	Fingerprint string
	Since       int
	Chunks      int
	Stats       string
	Doc         string // the document without its text, as JSON
	Text        string
	Ends        []int
	// Collection is the row's collection: outside when none, "" when the
	// row was written before rows kept it.
	Collection string
}

func (p *pinned) DocumentsByID(ctx context.Context, ids []string, withText bool) (map[string]*corpus.Document, error) {
	out := make(map[string]*corpus.Document, len(ids))
	var ask []string
	for _, id := range ids {
		if d, ok := p.s.docs.get(p.st.Version, id, withText); ok {
			out[id] = d
		} else {
			ask = append(ask, id)
		}
	}
	if len(ask) == 0 {
		return out, nil
	}
	fields := "doc_id doc"
	if withText {
		fields += " text"
	}
	rows, err := p.s.docRows(ctx, p.st.Version, ask, fields)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		d := &corpus.Document{}
		if err := json.Unmarshal([]byte(r.Doc), d); err != nil {
			return nil, fmt.Errorf("document %s in %s: %w", r.DocID, p.s.name, err)
		}
		d.Text = r.Text
		p.s.docs.put(p.st.Version, r.DocID, d)
		out[r.DocID] = d
	}
	return out, nil
}

// Keeps reports which of the documents with these IDs f lets be searched,
// by the collection each row was filed in (a row written before rows kept
// it is kept only from a filter naming no collections).
func (p *pinned) Keeps(ctx context.Context, f retrieval.Filter, ids []string) (map[string]bool, error) {
	out := make(map[string]bool, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := p.s.docRows(ctx, p.st.Version, ids, "doc_id doc collection")
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		d := &corpus.Document{}
		if err := json.Unmarshal([]byte(r.Doc), d); err != nil {
			return nil, fmt.Errorf("document %s in %s: %w", r.DocID, p.s.name, err)
		}
		switch r.Collection {
		case outside:
			out[r.DocID] = f.Keeps(d, "")
		case "":
			out[r.DocID] = f.Collections == nil && f.Keeps(d, "")
		default:
			out[r.DocID] = f.Keeps(d, r.Collection)
		}
	}
	return out, nil
}

// docCache keeps documents by version and ID, with their text when it was
// read: a published version's rows never change, and the candidates of a
// question are often those of questions before it. It holds at most
// docCacheMax documents and docCacheText bytes of text, and is emptied
// when either is reached.
type docCache struct {
	mu        sync.Mutex
	m         map[docCacheKey]corpus.Document
	textBytes int
}

type docCacheKey struct {
	version int
	id      string
}

const (
	// docCacheMax is the most documents a store's docCache holds (about
	// 1 KB each without their text).
	docCacheMax = 50000
	// docCacheText is the most bytes of text it holds.
	docCacheText = 64 << 20
)

// get returns a copy of the document, which the caller may change; with
// withText, only a document whose text is kept.
func (c *docCache) get(version int, id string, withText bool) (*corpus.Document, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	d, ok := c.m[docCacheKey{version, id}]
	if !ok || (withText && d.Text == "") {
		return nil, false
	}
	if !withText {
		d.Text = ""
	}
	return &d, true
}

// put keeps a copy of d, with its text if it has one.
func (c *docCache) put(version int, id string, d *corpus.Document) {
	c.mu.Lock()
	defer c.mu.Unlock()
	key := docCacheKey{version, id}
	kept := *d
	if old, ok := c.m[key]; ok {
		if kept.Text == "" {
			kept.Text = old.Text
		}
		c.textBytes -= len(old.Text)
	}
	if c.m == nil || len(c.m) >= docCacheMax || c.textBytes+len(kept.Text) > docCacheText {
		c.m, c.textBytes = map[docCacheKey]corpus.Document{}, 0
	}
	c.m[key] = kept
	c.textBytes += len(kept.Text)
}

// docRows reads fields of the rows of documents ids at version v; all of
// that version's rows when ids is nil.
func (s *Store) docRows(ctx context.Context, v int, ids []string, fields string) ([]docRow, error) {
	class := s.docsClass()
	props := strings.Fields(fields)
	fields += " _additional { id }"
	var out []docRow
	read := func(q string) (int, string, error) {
		rows, err := get[struct {
			objectRef
			DocID       string `json:"doc_id"`
			Fingerprint string `json:"fingerprint"`
			Since       int    `json:"since"`
			Chunks      int    `json:"chunks"`
			Stats       string `json:"stats"`
			Doc         string `json:"doc"`
			Text        string `json:"text"`
			Ends        []int  `json:"ends"`
			Collection  string `json:"collection"`
		}](ctx, s.c, q, class)
		if err != nil {
			return 0, "", fmt.Errorf("documents in %s: %w", s.name, err)
		}
		last := ""
		for _, r := range rows {
			last = r.Additional.ID
			out = append(out, docRow{ID: r.Additional.ID, DocID: r.DocID, Fingerprint: r.Fingerprint, Since: r.Since, Chunks: r.Chunks, Stats: r.Stats, Doc: r.Doc, Text: r.Text, Ends: r.Ends, Collection: r.Collection})
		}
		return len(rows), last, nil
	}
	if ids == nil {
		// Every row, by cursor (a cursor takes no filter): the versions
		// are sorted out here.
		const page = 1000
		after := ""
		for {
			args := fmt.Sprintf("limit: %d", page)
			if after != "" {
				args += ", after: " + gqlString(after)
			}
			n, last, err := read(fmt.Sprintf(`{ Get { %s(%s%s) { %s ends } } }`, class, s.c.readLevel(ctx, class), args, fields))
			if err != nil {
				return nil, err
			}
			if n < page {
				break
			}
			after = last
		}
		return slices.DeleteFunc(out, func(r docRow) bool { return r.Since > v || closedBy(r.Ends, v) }), nil
	}
	const batch = 200
	for start := 0; start < len(ids); start += batch {
		keys := ids[start:min(start+batch, len(ids))]
		if rows, ok, err := s.c.rowsGRPC(ctx, class, v, "doc_id", keys, props); ok {
			if err != nil {
				return nil, fmt.Errorf("documents in %s: %w", s.name, err)
			}
			for _, r := range rows {
				out = append(out, docRow{ID: r.ID, DocID: r.text("doc_id"), Fingerprint: r.text("fingerprint"), Since: r.int("since"), Chunks: r.int("chunks"),
					Stats: r.text("stats"), Doc: r.text("doc"), Text: r.text("text"), Collection: r.text("collection")})
			}
			continue
		}
		where := "{operator: And, operands: [" + strings.Join(append(versionWhere(v),
			fmt.Sprintf(`{path: ["doc_id"], operator: ContainsAny, valueText: %s}`, gqlList(keys))), ", ") + "]}"
		if _, _, err := read(fmt.Sprintf(`{ Get { %s(%slimit: %d, where: %s) { %s } } }`, class, s.c.readLevel(ctx, class), len(keys)+1, where, fields)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func anys[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}
