package weaviate

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/text"
)

// WriteOptions say how a write chunks, embeds and files documents.
type WriteOptions struct {
	Embedder retrieval.Embedder
	// Chunker defaults to retrieval.DefaultChunker.
	Chunker retrieval.Chunker
	// CollectionOf names a document's collection ("" when outside every
	// collection), for the questions' collection filters.
	CollectionOf func(*corpus.Document) string
	// Settings are the collection settings CollectionOf files by (JSON,
	// opaque here), kept with the version the write publishes: a question
	// pinned to it reads its asker's scope in them (see
	// pinned.CollectionSettings), whatever this or another process holds
	// in force. A write whose documents are unchanged publishes a version
	// when they differ from the published version's. Nil: none.
	Settings json.RawMessage
	// Progress, when set, is called as the changed documents are written.
	Progress func(done, total int)
	// Grace is how long a version stays whole after a newer one is
	// published (default DefaultGrace); the objects only older versions
	// hold are deleted by the first write after it.
	Grace time.Duration
}

// WriteReport says what a write did.
type WriteReport struct {
	Version int
	// Changes are the documents added, changed and removed, by ID.
	Changes   corpus.Changes
	Unchanged int
	// Empty documents have no text to index and are not stored.
	Empty int
	// Chunks is how many chunks were embedded and written.
	Chunks int
	// Took says where the write's time went.
	Took WriteTimes
	// Rebuilt says the store was of an earlier form (its chunks indexed
	// in every way) and was written again whole (see Store.Write).
	Rebuilt bool
}

// WriteTimes say where a write's time went. The stages overlap (a group
// is embedded while the last is written, chunks and document rows are
// written at once) and each counts its own time, so they add up to more
// than Total.
type WriteTimes struct {
	Prepare     time.Duration // chunking, terms and embedding
	Chunks      time.Duration // writing the chunk objects
	Documents   time.Duration // writing the new document rows, closing replaced ones
	Frequencies time.Duration // reading and writing the frequency rows
	// Indexing is the wait, before publishing, for the server to index
	// the vectors it queued (see Store.Write).
	Indexing time.Duration
	Total    time.Duration
}

// String lists the stages, e.g. "prepare 1.2s, chunks 3.4s, …".
func (t WriteTimes) String() string {
	r := func(d time.Duration) time.Duration { return d.Round(time.Millisecond) }
	return fmt.Sprintf("prepare %s, chunks %s, documents %s, frequencies %s, indexing %s, total %s",
		r(t.Prepare), r(t.Chunks), r(t.Documents), r(t.Frequencies), r(t.Indexing), r(t.Total))
}

// docStats is what a document adds to the corpus's frequencies, kept with
// it so that replacing or removing it subtracts exactly that.
type docStats struct {
	ChunkIDs   []string       `json:"ids"`
	Length     int            `json:"length"`
	MetaLength int            `json:"meta_length"`
	Body       map[string]int `json:"body"`
	Meta       []string       `json:"meta"`
	Outlet     string         `json:"outlet,omitempty"`
	Withdrawn  bool           `json:"withdrawn,omitempty"`
	// Embargo is the embargo time (Unix seconds) of a document not
	// withdrawn that has one.
	Embargo int64 `json:"embargo,omitempty"`
}

func statsOf(p *retrieval.Prepared) docStats {
	st := docStats{Body: map[string]int{}, MetaLength: len(p.Meta)}
	for i, c := range p.Chunks {
		st.ChunkIDs = append(st.ChunkIDs, c.ID)
		st.Length += len(p.Terms[i])
		seen := map[string]bool{}
		for _, t := range p.Terms[i] {
			if !seen[t] {
				seen[t] = true
				st.Body[t]++
			}
		}
	}
	seen := map[string]bool{}
	for _, t := range p.Meta {
		if !seen[t] {
			seen[t] = true
			st.Meta = append(st.Meta, t)
		}
	}
	if src := strings.TrimSpace(p.Doc.Source); len(src) >= 3 {
		st.Outlet = src
	}
	switch {
	case p.Doc.Withdrawn:
		st.Withdrawn = true
	case !p.Doc.Embargo.IsZero():
		st.Embargo = p.Doc.Embargo.Unix()
	}
	return st
}

// delta is the change a write makes to each row of Name_Freq.
type delta map[string][2]int

func (d delta) add(st docStats, sign int) {
	bump := func(key string, df, mdf int) {
		v := d[key]
		d[key] = [2]int{v[0] + sign*df, v[1] + sign*mdf}
	}
	bump(totalsRow, len(st.ChunkIDs), 1)
	bump(lengthsRow, st.Length, st.MetaLength)
	for t, n := range st.Body {
		bump(t, n, 0)
	}
	for _, t := range st.Meta {
		bump(t, 0, 1)
	}
	if st.Outlet != "" {
		bump(outletRow+st.Outlet, 1, 0)
	}
	if st.Withdrawn {
		bump(withdrawnRow, 1, 0)
	}
	if st.Embargo != 0 {
		bump(embargoRow+strconv.FormatInt(st.Embargo, 10), 1, 0)
	}
}

// fingerprint identifies what a document's stored objects are made of:
// the document, its collection, the chunking and embedding, and the
// version of its index terms (text.TermVersion): a document whose terms
// text.Terms would now give otherwise is written again. A document that
// cannot be written as JSON (a time whose offset is beyond ±24h) is an
// error naming it: it could not be stored either.
func fingerprint(d *corpus.Document, collection string, opts WriteOptions) (string, error) {
	raw, err := json.Marshal(d)
	if err != nil {
		return "", fmt.Errorf("document %s: %w", d.ID, err)
	}
	h := sha256.New()
	h.Write(raw)
	fmt.Fprintf(h, "\x00%s\x00%d/%d\x00%s\x00terms %d", collection, opts.Chunker.TargetChars, opts.Chunker.OverlapChars, opts.Embedder.Name(), text.TermVersion)
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Write makes docs the store's corpus, as its next version: new and
// changed documents are chunked, embedded and written, removed and
// replaced ones closed at the new version, unchanged ones left as they
// are. The version is published only once everything is written; a
// failed write leaves the published version as it was, and the next
// write first clears what the failed one left. One process writes at a
// time: while another holds the store, Write fails with ErrBusy.
func (s *Store) Write(ctx context.Context, docs []*corpus.Document, opts WriteOptions) (rep WriteReport, err error) {
	began := time.Now()
	defer func() { rep.Took.Total = time.Since(began) }()
	if opts.Chunker == (retrieval.Chunker{}) {
		opts.Chunker = retrieval.DefaultChunker
	}
	if opts.Embedder == nil {
		return rep, fmt.Errorf("write %s: no embedder", s.name)
	}
	collectionOf := func(d *corpus.Document) string {
		if opts.CollectionOf == nil {
			return ""
		}
		return opts.CollectionOf(d)
	}
	settings, err := compactJSON(opts.Settings)
	if err != nil {
		return rep, fmt.Errorf("write %s: collection settings: %w", s.name, err)
	}
	// Every document is checked before the store is touched: one that
	// cannot be stored fails the write, naming it.
	fingerprints := make(map[string]string, len(docs))
	for _, d := range docs {
		if _, dup := fingerprints[d.ID]; dup {
			return rep, fmt.Errorf("write %s: duplicate document id %q", s.name, d.ID)
		}
		fp, err := fingerprint(d, collectionOf(d), opts)
		if err != nil {
			return rep, fmt.Errorf("write %s: %w", s.name, err)
		}
		fingerprints[d.ID] = fp
	}
	// The writer's lease is claimed first; while the claim settles (see
	// claim) and the classes are made (about a second before a first
	// write), what changed is read and the first changed documents are
	// chunked and embedded. Under the confirmed lease it is read again
	// only if another writer published meanwhile: a version's rows never
	// change once published, so the plan of the version the lease finds
	// is the plan.
	if err := s.ensureState(ctx); err != nil {
		return rep, fmt.Errorf("write %s: %w", s.name, err)
	}
	cl, err := s.claim(ctx)
	if err != nil {
		return rep, fmt.Errorf("write %s: %w", s.name, err)
	}
	var release func()
	defer func() {
		if release != nil {
			release()
		} else {
			cl.abandon(ctx)
		}
	}()
	st, err := s.readState(ctx)
	if err != nil {
		return rep, fmt.Errorf("write %s: %w", s.name, err)
	}
	// A store whose classes are missing or of an earlier form is read
	// once they are made right.
	pl, err := s.plan(ctx, st, docs, fingerprints)
	if err != nil {
		pl = &writePlan{version: -1}
	}
	groups := prepareGroups(ctx, pl.changed, opts)
	defer func() { groups.stop() }()
	rebuild, err := s.ensure(ctx)
	if err != nil {
		return rep, fmt.Errorf("write %s: %w", s.name, err)
	}
	if release, err = cl.confirm(ctx); err != nil {
		return rep, fmt.Errorf("write %s: %w", s.name, err)
	}
	if st, err = s.readState(ctx); err != nil {
		return rep, fmt.Errorf("write %s: %w", s.name, err)
	}
	v := st.Version
	next := v + 1
	rep.Version = next
	if rebuild {
		if err := s.rebuild(ctx); err != nil {
			return rep, fmt.Errorf("write %s: %w", s.name, err)
		}
		rep.Rebuilt = true
	}
	if rebuild || v != pl.version || st.Form != pl.form {
		groups.stop()
		if pl, err = s.plan(ctx, st, docs, fingerprints); err != nil {
			return rep, fmt.Errorf("write %s: %w", s.name, err)
		}
		groups = prepareGroups(ctx, pl.changed, opts)
	}
	if err := s.discardUnpublished(ctx, v); err != nil {
		return rep, fmt.Errorf("write %s: clear a failed write: %w", s.name, err)
	}
	changed, closing := pl.changed, pl.closing
	rep.Unchanged, rep.Changes = pl.unchanged, pl.changes
	if len(changed) == 0 && len(closing) == 0 && v > 0 && bytes.Equal(settings, st.Settings) {
		rep.Version = v
		return rep, nil // nothing to write: the published version is the corpus
	}
	// The collections whose documents change: an asker of the others is
	// shown the version they last changed at.
	touched := map[string]bool{}
	for _, d := range changed {
		touched[cmp.Or(collectionOf(d), outside)] = true
	}
	d := delta{}
	closeBegan := time.Now()
	if err := s.closeReplaced(ctx, v, next, closing, d, touched); err != nil {
		return rep, fmt.Errorf("write %s: %w", s.name, err)
	}
	rep.Took.Documents += time.Since(closeBegan)
	// The changed documents are prepared (see prepareGroups, started
	// above) and written a group at a time, so that a write holds a few
	// groups' chunks and vectors, not the archive's; the next group is
	// chunked and embedded while the last is written, so neither the
	// server nor the embedder waits for the other.
	// The frequency rows are written once the last group's counts are
	// added, beside that group's objects.
	frequencies := func(ctx context.Context) error {
		began := time.Now()
		defer func() { rep.Took.Frequencies = time.Since(began) }()
		return s.applyDelta(ctx, v, next, d)
	}
	counted := false
	for g := range groups.out {
		if g.err != nil {
			return rep, fmt.Errorf("write %s: %w", s.name, g.err)
		}
		rep.Took.Prepare += g.took
		w, err := s.group(next, g.prepared, fingerprints, collectionOf, d, &rep)
		if err != nil {
			return rep, fmt.Errorf("write %s: %w", s.name, err)
		}
		last := g.done == len(changed)
		err = inParallel(ctx, 2, 2, func(ctx context.Context, i int) error {
			if i == 0 {
				return s.put(ctx, w, &rep)
			}
			if last {
				counted = true
				return frequencies(ctx)
			}
			return nil
		})
		if err != nil {
			return rep, fmt.Errorf("write %s: %w", s.name, err)
		}
		if opts.Progress != nil {
			opts.Progress(g.done, len(changed))
		}
	}
	if !counted {
		if err := frequencies(ctx); err != nil {
			return rep, fmt.Errorf("write %s: %w", s.name, err)
		}
	}

	indexBegan := time.Now()
	if err := s.c.WaitIndexed(ctx, s.name); err != nil {
		return rep, fmt.Errorf("write %s: %w", s.name, err)
	}
	rep.Took.Indexing = time.Since(indexBegan)

	replaced, err := s.replacedRows(ctx)
	if err != nil {
		return rep, fmt.Errorf("write %s: %w", s.name, err)
	}

	// Publish: one write that questions see whole.
	now := time.Now().UTC()
	published := state{Version: next, ChunkChars: opts.Chunker.TargetChars, OverlapChars: opts.Chunker.OverlapChars, Embedder: opts.Embedder.Name(), Written: now,
		// The rows this write closed are counted whatever the count said
		// (a replica may answer before it has them all).
		History: append(st.History, publication{Version: next, At: now}), Replaced: max(replaced, len(closing))}
	published.History = published.History[max(0, len(published.History)-historyLength):]
	published.Form, published.Packed = rowsForm, true
	published.Changed = map[string]publication{}
	if st.Form == rowsForm {
		maps.Copy(published.Changed, st.Changed)
	}
	for c := range touched {
		published.Changed[c] = publication{Version: next, At: now}
	}
	published.Settings = settings
	raw, err := json.Marshal(published)
	if err != nil {
		return rep, fmt.Errorf("write %s: publish version %d: %w", s.name, next, err)
	}
	if err := s.putObjects(ctx, s.stateClass(), []map[string]any{{"id": s.stateID(), "properties": map[string]any{"state": string(raw)}}}); err != nil {
		return rep, fmt.Errorf("write %s: publish version %d: %w", s.name, next, err)
	}
	s.last.Store(&published)
	// Objects only versions no question can still be on hold are deleted.
	if old := published.retired(now, cmp.Or(opts.Grace, DefaultGrace)); old > 0 {
		if err := s.retire(ctx, old); err != nil {
			return rep, fmt.Errorf("write %s: version %d published; removing older objects: %w", s.name, next, err)
		}
	}
	return rep, nil
}

// writePlan is what a write of docs changes in a published version.
type writePlan struct {
	version, form int // the version's, as its state says
	// changed are the documents added or changed, in the order given;
	// closing the rows of those changed or removed.
	changed   []*corpus.Document
	closing   []docRow
	changes   corpus.Changes
	unchanged int
}

// plan compares docs (with their fingerprints) with the rows of the
// version st publishes.
func (s *Store) plan(ctx context.Context, st *state, docs []*corpus.Document, fingerprints map[string]string) (*writePlan, error) {
	v := st.Version
	pl := &writePlan{version: v, form: st.Form}
	var current []docRow
	if v > 0 { // a store never published has no rows of a version
		var err error
		if current, err = s.docRows(ctx, v, nil, "doc_id fingerprint since"); err != nil {
			return nil, err
		}
	}
	stored := make(map[string]docRow, len(current))
	for _, r := range current {
		stored[r.DocID] = r
	}
	// Rows of an earlier form lack what an asker's statistics are read by
	// (see state.Form): every document is written again, once.
	earlier := v > 0 && st.Form < rowsForm
	for _, d := range docs {
		old, ok := stored[d.ID]
		switch {
		case ok && old.Fingerprint == fingerprints[d.ID] && !earlier:
			pl.unchanged++
			continue
		case ok:
			pl.changes.Changed = append(pl.changes.Changed, d.ID)
			pl.closing = append(pl.closing, old)
		default:
			pl.changes.Added = append(pl.changes.Added, d.ID)
		}
		pl.changed = append(pl.changed, d)
	}
	for id, old := range stored {
		if _, ok := fingerprints[id]; !ok {
			pl.changes.Removed = append(pl.changes.Removed, id)
			pl.closing = append(pl.closing, old)
		}
	}
	slices.Sort(pl.changes.Removed)
	return pl, nil
}

// batchesInFlight is how many batch requests a write keeps in flight.
const batchesInFlight = 4

// rebuild drops the chunks, documents and frequencies of a store of an
// earlier form and creates them anew, for the write to fill: its state,
// with the version and the writer's lease, is kept, so the version
// numbers go on and no process takes the new version for one it cached.
// Until the write publishes, questions find no passages.
func (s *Store) rebuild(ctx context.Context) error {
	if s.Log != nil {
		s.Log.Warn("weaviate: the store's chunks were indexed in an earlier form, which makes writing slow: writing the whole corpus again; questions find no passages until it is published",
			"store", s.name)
	}
	for _, class := range []string{s.name, s.docsClass(), s.freqClass()} {
		if err := s.c.DropClass(ctx, class); err != nil {
			return fmt.Errorf("rebuild: %w", err)
		}
	}
	if _, err := s.ensure(ctx); err != nil {
		return fmt.Errorf("rebuild: %w", err)
	}
	s.chunks.reset()
	return nil
}

// writeGroup is how many changed documents a write prepares and writes at
// a time.
const writeGroup = 500

// preparedGroup is one group of changed documents, chunked and embedded.
type preparedGroup struct {
	prepared []retrieval.Prepared
	// done is how many changed documents this and the earlier groups hold.
	done int
	took time.Duration
	err  error
}

// groupPipeline prepares groups of documents ahead of their writing.
type groupPipeline struct {
	out    <-chan preparedGroup
	cancel context.CancelFunc
}

// prepareGroups chunks and embeds docs a group at a time, one group ahead
// of the reader of out; after an error it stops.
func prepareGroups(ctx context.Context, docs []*corpus.Document, opts WriteOptions) *groupPipeline {
	ctx, cancel := context.WithCancel(ctx)
	out := make(chan preparedGroup)
	go func() {
		defer close(out)
		for start := 0; start < len(docs); start += writeGroup {
			group := docs[start:min(start+writeGroup, len(docs))]
			began := time.Now()
			prepared, err := retrieval.Prepare(ctx, group, opts.Embedder, opts.Chunker, nil)
			select {
			case out <- preparedGroup{prepared: prepared, done: start + len(group), took: time.Since(began), err: err}:
			case <-ctx.Done():
				return
			}
			if err != nil {
				return
			}
		}
	}()
	return &groupPipeline{out: out, cancel: cancel}
}

// stop ends the preparing and waits until it has.
func (p *groupPipeline) stop() {
	p.cancel()
	for range p.out {
	}
}

// closeReplaced closes at next the document rows of the documents closing
// (replaced or removed), subtracting what they counted from d. Their
// chunks are left as they are (see Store).
func (s *Store) closeReplaced(ctx context.Context, v, next int, closing []docRow, d delta, touched map[string]bool) error {
	const perQuery = 200
	for start := 0; start < len(closing); start += perQuery {
		var ids []string
		for _, r := range closing[start:min(start+perQuery, len(closing))] {
			ids = append(ids, r.DocID)
		}
		rows, err := s.docRows(ctx, v, ids, "doc_id since stats collection")
		if err != nil {
			return err
		}
		var closeDocs []string
		for _, old := range rows {
			var stats docStats
			if err := json.Unmarshal([]byte(old.Stats), &stats); err != nil {
				return fmt.Errorf("the stored stats of %s: %w", old.DocID, err)
			}
			d.add(stats, -1)
			touched[cmp.Or(old.Collection, unknownCollection)] = true
			closeDocs = append(closeDocs, old.ID)
		}
		if err := s.patchAll(ctx, s.docsClass(), closeDocs, map[string]any{"ends": ends(next)}); err != nil {
			return err
		}
	}
	return nil
}

// replacedRows counts the closed document rows the store holds.
func (s *Store) replacedRows(ctx context.Context) (int, error) {
	n, err := s.count(ctx, s.docsClass(), fmt.Sprintf(`{path: ["ends"], operator: LessThan, valueInt: %d}`, live))
	if err != nil {
		return 0, fmt.Errorf("count replaced documents in %s: %w", s.name, err)
	}
	return n, nil
}

// count counts the objects of class that where (a GraphQL where argument)
// matches.
func (s *Store) count(ctx context.Context, class, where string) (int, error) {
	var out struct {
		Data struct {
			Aggregate map[string][]struct {
				Meta struct {
					Count int `json:"count"`
				} `json:"meta"`
			} `json:"Aggregate"`
		} `json:"data"`
	}
	q := fmt.Sprintf(`{ Aggregate { %s(where: %s) { meta { count } } } }`, class, where) // Aggregate takes no consistency level
	if err := s.c.graphql(ctx, q, &out); err != nil {
		return 0, err
	}
	if rows := out.Data.Aggregate[class]; len(rows) == 1 {
		return rows[0].Meta.Count, nil
	}
	return 0, errors.New("no count in the answer")
}

// retire deletes the objects only versions up to old are part of: the
// chunks of document rows closed by old+1, then those rows, then the
// frequency rows closed by then.
func (s *Store) retire(ctx context.Context, old int) error {
	closed := map[string]any{"path": []string{"ends"}, "operator": "LessThanEqual", "valueInt": old + 1}
	for {
		where := fmt.Sprintf(`{path: ["ends"], operator: LessThanEqual, valueInt: %d}`, old+1)
		rows, err := get[struct {
			objectRef
			DocID string `json:"doc_id"`
			Since int    `json:"since"`
		}](ctx, s.c, fmt.Sprintf(`{ Get { %s(limit: 500, where: %s) { doc_id since _additional { id } } } }`, s.docsClass(), where), s.docsClass())
		if err != nil {
			return fmt.Errorf("find retired documents in %s: %w", s.name, err)
		}
		if len(rows) == 0 {
			break
		}
		var keys, ids []string
		for _, r := range rows {
			keys = append(keys, docKey(r.DocID, r.Since))
			ids = append(ids, r.Additional.ID)
		}
		if err := s.deleteWhere(ctx, s.name, map[string]any{"path": []string{"doc_key"}, "operator": "ContainsAny", "valueTextArray": keys}); err != nil {
			return err
		}
		if err := s.deleteWhere(ctx, s.docsClass(), map[string]any{"path": []string{"id"}, "operator": "ContainsAny", "valueTextArray": ids}); err != nil {
			return err
		}
	}
	return s.deleteWhere(ctx, s.freqClass(), closed)
}

// groupWrite is a group's objects: its chunks and document rows.
type groupWrite struct {
	chunks []Chunk
	rows   []map[string]any
}

// group makes the objects of prepared documents as part of version next,
// adding what they count to d.
func (s *Store) group(next int, prepared []retrieval.Prepared, fingerprints map[string]string, collectionOf func(*corpus.Document) string, d delta, rep *WriteReport) (groupWrite, error) {
	var w groupWrite
	for i := range prepared {
		p := &prepared[i]
		if len(p.Chunks) == 0 {
			rep.Empty++
			continue
		}
		stats := statsOf(p)
		d.add(stats, 1)
		published, _ := p.Doc.PublishedTime()
		for j, c := range p.Chunks {
			w.chunks = append(w.chunks, Chunk{
				ID: c.ID, DocID: p.Doc.ID, Source: strings.TrimSpace(p.Doc.Source), Collection: collectionOf(p.Doc),
				Published: published, Embargo: p.Doc.Embargo, Withdrawn: p.Doc.Withdrawn,
				Terms: p.Terms[j], Meta: p.Meta, Text: c.Text, Ordinal: c.Ordinal, Start: c.Start, End: c.End,
				FirstParagraph: c.FirstParagraph, LastParagraph: c.LastParagraph, Vector: p.Vectors[j], Since: next,
			})
		}
		rep.Chunks += len(p.Chunks)
		meta := *p.Doc
		meta.Text = ""
		doc, err := json.Marshal(&meta)
		if err != nil {
			return w, fmt.Errorf("document %s: %w", p.Doc.ID, err)
		}
		st, err := json.Marshal(stats)
		if err != nil {
			return w, fmt.Errorf("document %s: %w", p.Doc.ID, err)
		}
		w.rows = append(w.rows, map[string]any{"id": objectID(s.docsClass(), fmt.Sprintf("%s@%d", p.Doc.ID, next)), "properties": map[string]any{
			"doc_id": p.Doc.ID, "fingerprint": fingerprints[p.Doc.ID], "doc": string(doc), "text": p.Doc.Text, "stats": string(st),
			"chunks": len(p.Chunks), "since": next, "ends": ends(live),
			"collection": cmp.Or(collectionOf(p.Doc), outside), "withdrawn": p.Doc.Withdrawn, "embargo": date(p.Doc.Embargo),
		}})
	}
	return w, nil
}

// put writes a group's chunks and document rows, at once.
func (s *Store) put(ctx context.Context, w groupWrite, rep *WriteReport) error {
	var took [2]time.Duration
	err := inParallel(ctx, 2, 2, func(ctx context.Context, i int) error {
		began := time.Now()
		defer func() { took[i] = time.Since(began) }()
		if i == 0 {
			return s.c.Put(ctx, s.name, w.chunks)
		}
		return s.putObjects(ctx, s.docsClass(), w.rows)
	})
	rep.Took.Chunks += took[0]
	rep.Took.Documents += took[1]
	return err
}

// inParallel calls do for 0 … n-1, at most limit at a time, and returns
// the first error; once one has failed, the calls not started are not
// made and ctx is cancelled for those running.
func inParallel(ctx context.Context, n, limit int, do func(ctx context.Context, i int) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var (
		wg  sync.WaitGroup
		mu  sync.Mutex
		err error
	)
	sem := make(chan struct{}, max(limit, 1))
	for i := range n {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			if e := do(ctx, i); e != nil {
				mu.Lock()
				if err == nil {
					err = e
				}
				mu.Unlock()
				cancel(e)
			}
		}()
	}
	wg.Wait()
	if err == nil {
		err = context.Cause(ctx)
	}
	return err
}

// DefaultGrace is how long a version stays whole after a newer one is
// published, for the questions that pinned it: longer than any answer
// takes (a model's answer is bounded by BOT_LLM_TIMEOUT, 60 s by default).
const DefaultGrace = 10 * time.Minute

// historyLength is how many publications the state remembers.
const historyLength = 50

// publication is when a version was published.
type publication struct {
	Version int       `json:"version"`
	At      time.Time `json:"at"`
}

// retired returns the newest version that no question can still be on at
// now: its successor was published more than grace ago. 0 when none.
func (st *state) retired(now time.Time, grace time.Duration) int {
	old := 0
	for i, p := range st.History[:max(0, len(st.History)-1)] {
		if now.Sub(st.History[i+1].At) > grace {
			old = p.Version
		}
	}
	return old
}

// applyDelta writes the frequency rows the write changes: each changed
// row is closed at next and, unless it drops to zero, written anew from
// next on. The index terms' counts are packed in rows (see freqKey): a
// row is written anew when one of its terms changes.
func (s *Store) applyDelta(ctx context.Context, v, next int, d delta) error {
	changed := map[string][]string{} // by row key, the terms that change
	for t, c := range d {
		if c != [2]int{} {
			k := freqKey(t)
			changed[k] = append(changed[k], t)
		}
	}
	keys := slices.Sorted(maps.Keys(changed))
	old := map[string]freqRow{}
	if v > 0 { // a store's first version has no rows to replace
		var err error
		if old, err = s.freqRows(ctx, v, keys, true); err != nil {
			return err
		}
	}
	var rows []map[string]any
	for _, k := range keys {
		o := old[k]
		if !packedKey(k) {
			c := d[k]
			if o.ID != "" {
				rows = append(rows, map[string]any{"id": o.ID, "properties": map[string]any{"term": k, "df": o.DF, "mdf": o.MDF, "since": o.Since, "ends": ends(next)}})
			}
			if df, mdf := o.DF+c[0], o.MDF+c[1]; df > 0 || mdf > 0 {
				rows = append(rows, map[string]any{"id": objectID(s.freqClass(), fmt.Sprintf("%s@%d", k, next)), "properties": map[string]any{"term": k, "df": df, "mdf": mdf, "since": next, "ends": ends(live)}})
			}
			continue
		}
		counts := make(map[string][2]int, len(o.Counts)+len(changed[k]))
		maps.Copy(counts, o.Counts)
		for _, t := range changed[k] {
			c, delta := counts[t], d[t]
			if c = [2]int{c[0] + delta[0], c[1] + delta[1]}; c[0] > 0 || c[1] > 0 {
				counts[t] = c
			} else {
				delete(counts, t)
			}
		}
		if o.ID != "" {
			raw, err := json.Marshal(o.Counts)
			if err != nil {
				return err
			}
			rows = append(rows, map[string]any{"id": o.ID, "properties": map[string]any{"term": k, "counts": string(raw), "since": o.Since, "ends": ends(next)}})
		}
		if len(counts) > 0 {
			raw, err := json.Marshal(counts)
			if err != nil {
				return err
			}
			rows = append(rows, map[string]any{"id": objectID(s.freqClass(), fmt.Sprintf("%s@%d", k, next)), "properties": map[string]any{"term": k, "counts": string(raw), "since": next, "ends": ends(live)}})
		}
	}
	return s.putObjects(ctx, s.freqClass(), rows)
}

// discardUnpublished clears what a failed write left after version v:
// objects added after v are deleted and objects closed at v+1 (the only
// version a write after v writes) are reopened.
func (s *Store) discardUnpublished(ctx context.Context, v int) error {
	for _, class := range []string{s.name, s.docsClass(), s.freqClass()} {
		if err := s.deleteWhere(ctx, class, map[string]any{"path": []string{"since"}, "operator": "GreaterThan", "valueInt": v}); err != nil {
			return err
		}
		if class == s.name {
			continue // chunks are never closed
		}
		for {
			where := fmt.Sprintf(`{path: ["ends"], operator: Equal, valueInt: %d}`, v+1)
			refs, err := get[objectRef](ctx, s.c, fmt.Sprintf(`{ Get { %s(limit: 1000, where: %s) { _additional { id } } } }`, class, where), class)
			if err != nil {
				return fmt.Errorf("find closed objects in %s: %w", class, err)
			}
			var ids []string
			for _, r := range refs {
				ids = append(ids, r.Additional.ID)
			}
			if len(ids) == 0 {
				break
			}
			if err := s.patchAll(ctx, class, ids, map[string]any{"ends": ends(live)}); err != nil {
				return err
			}
		}
	}
	return nil
}

// putObjects writes objects (id and properties) into class in batches,
// replacing those with the same IDs.
func (s *Store) putObjects(ctx context.Context, class string, objects []map[string]any) error {
	const perRequest = 500
	return inParallel(ctx, (len(objects)+perRequest-1)/perRequest, batchesInFlight, func(ctx context.Context, i int) error {
		var out []object
		for _, o := range objects[i*perRequest : min((i+1)*perRequest, len(objects))] {
			out = append(out, object{Class: class, ID: o["id"].(string), Properties: o["properties"].(map[string]any)})
		}
		return s.c.batch(ctx, class, out)
	})
}

// patchAll sets props on the objects ids of class, a few at a time.
func (s *Store) patchAll(ctx context.Context, class string, ids []string, props map[string]any) error {
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	sem := make(chan struct{}, 8)
	for _, id := range ids {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			err := s.c.do(ctx, "PATCH", "/v1/objects/"+class+"/"+id, map[string]any{"class": class, "properties": props}, nil)
			if err != nil {
				mu.Lock()
				if firstErr == nil {
					firstErr = fmt.Errorf("update %s in %s: %w", id, class, err)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return firstErr
}

// deleteWhere deletes the objects of class that where (REST filter JSON)
// matches, in as many rounds as the server's limit per request needs.
func (s *Store) deleteWhere(ctx context.Context, class string, where map[string]any) error {
	for range 10000 {
		var out struct {
			Results struct {
				Matches int `json:"matches"`
				Limit   int `json:"limit"`
				Failed  int `json:"failed"`
			} `json:"results"`
		}
		body := map[string]any{"match": map[string]any{"class": class, "where": where}, "output": "minimal"}
		if err := s.c.do(ctx, "DELETE", "/v1/batch/objects", body, &out); err != nil {
			return fmt.Errorf("delete from %s: %w", class, err)
		}
		if out.Results.Failed > 0 {
			return fmt.Errorf("delete from %s: %d objects failed", class, out.Results.Failed)
		}
		if out.Results.Limit == 0 || out.Results.Matches < out.Results.Limit {
			return nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	return fmt.Errorf("delete from %s: still matching after 10000 rounds", class)
}

// compactJSON is raw without its insignificant spaces (nil when empty), as
// the state keeps it: a write compares it with the published version's.
func compactJSON(raw json.RawMessage) (json.RawMessage, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
