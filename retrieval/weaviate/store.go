package weaviate

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
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
// Every object carries the versions it belongs to, [since, until). A write
// adds the objects of new and changed documents as the next version and
// closes the objects they replace (and those of removed documents) at it;
// unchanged documents are not touched. The version is then published by
// one write of the state object: a question pins the version it finds
// there and asks for that version's objects only, so it never sees half a
// write, nor two versions. Objects no longer part of the published version
// nor of the one before it are deleted after publishing.
//
// Store implements retrieval.Backend.
type Store struct {
	c    *Client
	name string
	opts ClassOptions
	// last is the state last read, used when the server cannot say.
	last atomic.Pointer[state]
	// outlets and stats cache each version's outlets and size: a version
	// never changes once published.
	outlets, stats sync.Map
}

// state is what Name_State holds: the published version and how its
// documents were chunked and embedded.
type state struct {
	Version      int    `json:"version"`
	ChunkChars   int    `json:"chunk_chars"`
	OverlapChars int    `json:"overlap_chars"`
	Embedder     string `json:"embedder"`
	// Written is when the version was published.
	Written time.Time `json:"written"`
	// History are the latest publications, oldest first.
	History []publication `json:"history,omitempty"`
}

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

// ensure creates the store's classes that do not exist yet.
func (s *Store) ensure(ctx context.Context) error {
	have, err := s.c.Classes(ctx, s.name)
	if err != nil {
		return err
	}
	text := func(name string) map[string]any {
		return map[string]any{"name": name, "dataType": []string{"text"}, "tokenization": "field"}
	}
	stored := func(name, dataType string) map[string]any {
		return map[string]any{"name": name, "dataType": []string{dataType}, "indexFilterable": false, "indexSearchable": false}
	}
	versions := []any{
		map[string]any{"name": "since", "dataType": []string{"int"}, "indexRangeFilters": true},
		map[string]any{"name": "until", "dataType": []string{"int"}, "indexRangeFilters": true},
	}
	schemas := map[string]map[string]any{
		s.docsClass(): {"class": s.docsClass(), "vectorizer": "none", "vectorIndexConfig": map[string]any{"skip": true},
			"properties": append([]any{text("doc_id"), stored("fingerprint", "text"), stored("doc", "text"), stored("text", "text"), stored("stats", "text"), stored("chunks", "int")}, versions...)},
		s.freqClass(): {"class": s.freqClass(), "vectorizer": "none", "vectorIndexConfig": map[string]any{"skip": true},
			"properties": append([]any{text("term"), stored("df", "int"), stored("mdf", "int")}, versions...)},
		s.stateClass(): {"class": s.stateClass(), "vectorizer": "none", "vectorIndexConfig": map[string]any{"skip": true},
			"properties": []any{stored("state", "text")}},
	}
	if !slices.Contains(have, s.name) {
		if err := s.c.CreateClass(ctx, s.name, s.opts); err != nil {
			return err
		}
	}
	for _, class := range []string{s.docsClass(), s.freqClass(), s.stateClass()} {
		if !slices.Contains(have, class) {
			if err := s.c.createClass(ctx, schemas[class], s.opts); err != nil {
				return err
			}
		}
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

// pinned is one version of the store, as a question sees it.
type pinned struct {
	s  *Store
	st state
}

func (p *pinned) ID() string { return fmt.Sprintf("%s@%d", p.s.name, p.st.Version) }

func (p *pinned) Describe(ctx context.Context) (retrieval.Stats, error) {
	if st, ok := p.s.stats.Load(p.ID()); ok {
		return st.(retrieval.Stats), nil
	}
	f, err := p.Frequencies(ctx, nil)
	if err != nil {
		return retrieval.Stats{}, err
	}
	st := retrieval.Stats{Documents: f.Documents, Chunks: f.Chunks, Embedder: p.st.Embedder, Built: p.st.Written, Version: p.ID()}
	p.s.stats.Store(p.ID(), st)
	return st, nil
}

func (p *pinned) Layout() retrieval.Layout {
	return retrieval.Layout{Chunker: retrieval.Chunker{TargetChars: p.st.ChunkChars, OverlapChars: p.st.OverlapChars}, Embedder: p.st.Embedder}
}

func (p *pinned) filter(f retrieval.Filter) Filter {
	return Filter{Sources: f.Sources, Collections: f.Collections, Now: f.Now, Version: p.st.Version}
}

func candidates(cs []Candidate) []retrieval.Candidate {
	out := make([]retrieval.Candidate, len(cs))
	for i, c := range cs {
		out[i] = retrieval.Candidate{ChunkID: c.ChunkID, DocID: c.DocID, Score: c.Score, Chunk: &retrieval.Chunk{
			ID: c.ChunkID, DocID: c.DocID, Ordinal: c.Ordinal, Start: c.Start, End: c.End,
			FirstParagraph: c.FirstParagraph, LastParagraph: c.LastParagraph, Text: c.Text,
		}}
	}
	return out
}

func (p *pinned) Lexical(ctx context.Context, terms []string, f retrieval.Filter, n int) ([]retrieval.Candidate, error) {
	cs, err := p.s.c.Lexical(ctx, p.s.name, terms, p.filter(f), n)
	return candidates(cs), err
}

func (p *pinned) Dense(ctx context.Context, vector []float32, f retrieval.Filter, n int) ([]retrieval.Candidate, error) {
	cs, err := p.s.c.Dense(ctx, p.s.name, vector, p.filter(f), n)
	return candidates(cs), err
}

// freqRow is one row of Name_Freq.
type freqRow struct {
	ID    string
	Term  string
	DF    int // chunks holding the term
	MDF   int // documents whose metadata holds it
	Since int
}

// Special rows of Name_Freq; no index term starts with # or @.
const (
	totalsRow  = "#totals"  // DF: chunks; MDF: documents
	lengthsRow = "#lengths" // DF: the chunks' terms; MDF: the metadata's
	outletRow  = "@"        // "@" + outlet: DF is its documents
)

// freqRows reads the rows of terms at version v.
func (s *Store) freqRows(ctx context.Context, v int, terms []string) (map[string]freqRow, error) {
	out := make(map[string]freqRow, len(terms))
	class := s.freqClass()
	const batch = 500
	for start := 0; start < len(terms); start += batch {
		keys := terms[start:min(start+batch, len(terms))]
		where := "{operator: And, operands: [" + strings.Join(append(versionWhere(v),
			fmt.Sprintf(`{path: ["term"], operator: ContainsAny, valueText: %s}`, gqlList(keys))), ", ") + "]}"
		q := fmt.Sprintf(`{ Get { %s(%slimit: %d, where: %s) { term df mdf since _additional { id } } } }`,
			class, s.c.readLevel(ctx, class), len(keys)+1, where)
		if err := s.readFreq(ctx, q, out); err != nil {
			return nil, fmt.Errorf("frequencies in %s: %w", s.name, err)
		}
	}
	return out, nil
}

func (s *Store) readFreq(ctx context.Context, q string, into map[string]freqRow) error {
	rows, err := get[struct {
		objectRef
		Term  string `json:"term"`
		DF    int    `json:"df"`
		MDF   int    `json:"mdf"`
		Since int    `json:"since"`
	}](ctx, s.c, q, s.freqClass())
	if err != nil {
		return err
	}
	for _, r := range rows {
		into[r.Term] = freqRow{ID: r.Additional.ID, Term: r.Term, DF: r.DF, MDF: r.MDF, Since: r.Since}
	}
	return nil
}

func (p *pinned) Frequencies(ctx context.Context, terms []string) (*retrieval.Frequencies, error) {
	rows, err := p.s.freqRows(ctx, p.st.Version, append([]string{totalsRow, lengthsRow}, terms...))
	if err != nil {
		return nil, err
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

func (p *pinned) Outlets(ctx context.Context) ([]string, error) {
	if o, ok := p.s.outlets.Load(p.ID()); ok {
		return o.([]string), nil
	}
	class := p.s.freqClass()
	where := "{operator: And, operands: [" + strings.Join(append(versionWhere(p.st.Version),
		`{path: ["term"], operator: Like, valueText: "@*"}`), ", ") + "]}"
	q := fmt.Sprintf(`{ Get { %s(%slimit: 10000, where: %s) { term df mdf since _additional { id } } } }`, class, p.s.c.readLevel(ctx, class), where)
	rows := map[string]freqRow{}
	if err := p.s.readFreq(ctx, q, rows); err != nil {
		return nil, fmt.Errorf("outlets in %s: %w", p.s.name, err)
	}
	var out []string
	for t, r := range rows {
		if r.DF > 0 {
			out = append(out, strings.TrimPrefix(t, outletRow))
		}
	}
	slices.Sort(out)
	p.s.outlets.Store(p.ID(), out)
	return out, nil
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
	Until       int
}

func (p *pinned) DocumentsByID(ctx context.Context, ids []string, withText bool) (map[string]*corpus.Document, error) {
	fields := "doc_id doc"
	if withText {
		fields += " text"
	}
	rows, err := p.s.docRows(ctx, p.st.Version, ids, fields)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*corpus.Document, len(rows))
	for _, r := range rows {
		d := &corpus.Document{}
		if err := json.Unmarshal([]byte(r.Doc), d); err != nil {
			return nil, fmt.Errorf("document %s in %s: %w", r.DocID, p.s.name, err)
		}
		d.Text = r.Text
		out[r.DocID] = d
	}
	return out, nil
}

// docRows reads fields of the rows of documents ids at version v; all of
// that version's rows when ids is nil.
func (s *Store) docRows(ctx context.Context, v int, ids []string, fields string) ([]docRow, error) {
	class := s.docsClass()
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
			Until       int    `json:"until"`
		}](ctx, s.c, q, class)
		if err != nil {
			return 0, "", fmt.Errorf("documents in %s: %w", s.name, err)
		}
		last := ""
		for _, r := range rows {
			last = r.Additional.ID
			out = append(out, docRow{ID: r.Additional.ID, DocID: r.DocID, Fingerprint: r.Fingerprint, Since: r.Since, Chunks: r.Chunks, Stats: r.Stats, Doc: r.Doc, Text: r.Text, Until: r.Until})
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
			n, last, err := read(fmt.Sprintf(`{ Get { %s(%s%s) { %s until } } }`, class, s.c.readLevel(ctx, class), args, fields))
			if err != nil {
				return nil, err
			}
			if n < page {
				break
			}
			after = last
		}
		return slices.DeleteFunc(out, func(r docRow) bool { return r.Since > v || r.Until <= v }), nil
	}
	const batch = 200
	for start := 0; start < len(ids); start += batch {
		keys := ids[start:min(start+batch, len(ids))]
		where := "{operator: And, operands: [" + strings.Join(append(versionWhere(v),
			fmt.Sprintf(`{path: ["doc_id"], operator: ContainsAny, valueText: %s}`, gqlList(keys))), ", ") + "]}"
		if _, _, err := read(fmt.Sprintf(`{ Get { %s(%slimit: %d, where: %s) { %s } } }`, class, s.c.readLevel(ctx, class), len(keys)+1, where, fields)); err != nil {
			return nil, err
		}
	}
	return out, nil
}
