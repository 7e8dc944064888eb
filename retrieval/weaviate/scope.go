package weaviate

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/newsroom/askbot/retrieval"
)

// An asker's statistics. The frequency rows count a version's whole
// corpus. An asker limited to some collections, at a time some documents
// are under embargo, may not see every document: whether a word or an
// outlet is known to them, a word's weight, and the corpus's size must be
// of what they may see, or a name found only in a restricted memo would
// be told apart from one found nowhere. So the document rows each keep
// their collection, withdrawn flag and embargo, filterable, beside what
// the document added to the counts (docStats); the rows of the documents
// an asker may not see are read in one query and their counts taken off
// the whole corpus's. What they add up to is kept by version, collections
// and how many embargoes have lifted (a version never changes, and
// embargoes lift only at the times Describe lists), so a question reads
// them once per version and kind of asker, and an embargo lifting is
// seen at its time.

// hiddenKey names what one kind of asker may not see in a version.
type hiddenKey struct {
	version     int
	collections string // the collections allowed, sorted; "*" for all
	lifted      int    // embargoes lifted; -1 when embargoes are not judged
}

// hiddenCounts are what the documents an asker may not see add to a
// version's counts: all of them (for the statistics), and apart, those of
// the asker's collections that are withdrawn or under embargo (for Scope).
type hiddenCounts struct {
	docs, chunks, chunkTerms, metaTerms int
	body, meta, outlets                 map[string]int
	// outside are the documents of other collections; withdrawn and
	// embargoed, those of the asker's collections.
	outside, withdrawn, embargoed struct{ docs, chunks int }
	embargoes                     []time.Time
}

// hiddenPage is how many hidden document rows one query reads (a
// variable for the tests).
var hiddenPage = 1000

// scoped reports whether f hides documents from the statistics: the zero
// Filter counts every document, withdrawn ones included, as the frequency
// rows do.
func scoped(f retrieval.Filter) bool { return f.Collections != nil || !f.Now.IsZero() }

// hidden returns the counts of the documents f hides at the pinned
// version: those outside f.Collections, withdrawn, or under embargo at
// f.Now. Nil when the version's rows do not say (written in an earlier
// form: the whole corpus is counted until the next write).
func (p *pinned) hidden(ctx context.Context, f retrieval.Filter) (*hiddenCounts, error) {
	if p.st.Form < rowsForm {
		if p.s.Log != nil && p.s.warnedForm.Swap(int64(p.st.Version)) != int64(p.st.Version) {
			p.s.Log.Warn("weaviate: the store was written by an earlier version of the bot; its statistics count every collection until bot index writes it again", "store", p.s.name)
		}
		return nil, nil
	}
	key := hiddenKey{version: p.st.Version, collections: "*", lifted: -1}
	var allowed []string
	if f.Collections != nil {
		for _, c := range f.Collections {
			allowed = append(allowed, cmp.Or(c, outside))
		}
		slices.Sort(allowed)
		allowed = slices.Compact(allowed)
		key.collections = strings.Join(allowed, "\x00")
	}
	if !f.Now.IsZero() {
		whole, err := p.Describe(ctx)
		if err != nil {
			return nil, err
		}
		key.lifted = len(whole.Embargoes) - whole.Embargoed(f.Now)
	}
	if h, ok := p.s.hidden.Load(key); ok {
		return h.(*hiddenCounts), nil
	}

	ors := []string{`{path: ["withdrawn"], operator: Equal, valueBoolean: true}`}
	if !f.Now.IsZero() {
		ors = append(ors, fmt.Sprintf(`{path: ["embargo"], operator: GreaterThan, valueDate: "%s"}`, date(f.Now)))
	}
	if allowed != nil {
		ors = append(ors, fmt.Sprintf(`{operator: Not, operands: [{path: ["collection"], operator: ContainsAny, valueText: %s}]}`, gqlList(allowed)))
	}
	hides := append(versionWhere(p.st.Version), "{operator: Or, operands: ["+strings.Join(ors, ", ")+"]}")
	class := p.s.docsClass()
	h := &hiddenCounts{body: map[string]int{}, meta: map[string]int{}, outlets: map[string]int{}}
	want, err := p.s.count(ctx, class, "{operator: And, operands: ["+strings.Join(hides, ", ")+"]}")
	if err != nil {
		return nil, fmt.Errorf("statistics of %s: %w", p.s.name, err)
	}
	// Page by document ID (a version holds one row a document): an offset
	// cannot go past QUERY_MAXIMUM_RESULTS, nor a cursor take a filter.
	page := hiddenPage
	read := 0
	for last := ""; ; {
		where := hides
		if last != "" {
			where = append(slices.Clone(hides), fmt.Sprintf(`{path: ["doc_id"], operator: GreaterThan, valueText: %s}`, gqlString(last)))
		}
		rows, err := get[struct {
			Collection string `json:"collection"`
			Withdrawn  bool   `json:"withdrawn"`
			Stats      string `json:"stats"`
			DocID      string `json:"doc_id"`
		}](ctx, p.s.c, fmt.Sprintf(`{ Get { %s(%slimit: %d, where: {operator: And, operands: [%s]}, sort: [{path: ["doc_id"], order: asc}]) { doc_id collection withdrawn stats } } }`,
			class, p.s.c.readLevel(ctx, class), page, strings.Join(where, ", ")), class)
		if err != nil {
			return nil, fmt.Errorf("statistics of %s: %w", p.s.name, err)
		}
		read += len(rows)
		for _, r := range rows {
			last = r.DocID
			var st docStats
			if err := json.Unmarshal([]byte(r.Stats), &st); err != nil {
				return nil, fmt.Errorf("statistics of %s: the stored stats of %s: %w", p.s.name, r.DocID, err)
			}
			n := len(st.ChunkIDs)
			h.docs++
			h.chunks += n
			h.chunkTerms += st.Length
			h.metaTerms += st.MetaLength
			for t, c := range st.Body {
				h.body[t] += c
			}
			for _, t := range st.Meta {
				h.meta[t]++
			}
			if st.Outlet != "" {
				h.outlets[st.Outlet]++
			}
			switch {
			case allowed != nil && !slices.Contains(allowed, r.Collection):
				h.outside.docs++
				h.outside.chunks += n
			case r.Withdrawn:
				h.withdrawn.docs++
				h.withdrawn.chunks += n
			default:
				h.embargoed.docs++
				h.embargoed.chunks += n
				if st.Embargo != 0 {
					h.embargoes = append(h.embargoes, time.Unix(st.Embargo, 0).UTC())
				}
			}
		}
		if len(rows) < page {
			break
		}
	}
	if read != want {
		// Never weigh words by documents the asker may not see.
		return nil, fmt.Errorf("statistics of %s: read %d of the %d documents hidden from this asker", p.s.name, read, want)
	}
	slices.SortFunc(h.embargoes, time.Time.Compare)
	p.s.hidden.Range(func(k, _ any) bool {
		if k.(hiddenKey).version < p.st.Version-1 { // no question is on it any longer
			p.s.hidden.Delete(k)
		}
		return true
	})
	p.s.hidden.Store(key, h)
	return h, nil
}

// Frequencies counts terms in the documents f lets see (its Collections
// and Now; withdrawn documents are never counted but by the zero Filter):
// the whole corpus's rows, less what the documents it hides add to them.
// Its Sources and dates are not read.
func (p *pinned) Frequencies(ctx context.Context, terms []string, f retrieval.Filter) (*retrieval.Frequencies, error) {
	freq, err := p.wholeFrequencies(ctx, terms)
	if err != nil || !scoped(f) {
		return freq, err
	}
	h, err := p.hidden(ctx, f)
	if err != nil || h == nil {
		return freq, err
	}
	freq.Chunks -= h.chunks
	freq.Documents -= h.docs
	freq.ChunkTerms -= h.chunkTerms
	freq.MetaTerms -= h.metaTerms
	for _, t := range terms {
		freq.Body[t] -= h.body[t]
		freq.Meta[t] -= h.meta[t]
	}
	return freq, nil
}

// Outlets are the outlets of the documents f lets see (as Frequencies).
func (p *pinned) Outlets(ctx context.Context, f retrieval.Filter) ([]string, error) {
	whole, err := p.wholeOutlets(ctx)
	if err != nil {
		return nil, err
	}
	var h *hiddenCounts
	if scoped(f) {
		if h, err = p.hidden(ctx, f); err != nil {
			return nil, err
		}
	}
	var out []string
	for o, n := range whole {
		if h == nil || n > h.outlets[o] {
			out = append(out, o)
		}
	}
	slices.Sort(out)
	return out, nil
}

// Scope describes the part of the version f lets see (see
// retrieval.Version.Scope). Its Version names the latest version that
// changed a document of f's collections: a write that changes only
// others' documents is not seen, nor is the time it was published.
func (p *pinned) Scope(ctx context.Context, f retrieval.Filter) (retrieval.Stats, error) {
	st, err := p.Describe(ctx)
	if err != nil {
		return st, err
	}
	// Without a time, every embargo is on, as for the in-process Index.Scope.
	h, err := p.hidden(ctx, retrieval.Filter{Collections: f.Collections, Now: cmp.Or(f.Now, noDate)})
	if err != nil {
		return st, err
	}
	if h == nil {
		return st, nil // an earlier form: described whole
	}
	st.Documents -= h.docs
	st.Chunks -= h.outside.chunks + h.withdrawn.chunks + h.embargoed.chunks
	st.Withdrawn, st.Embargoes = h.withdrawn.docs, h.embargoes
	if f.Collections != nil {
		last := p.st.Changed[unknownCollection]
		for _, c := range f.Collections {
			if ch := p.st.Changed[cmp.Or(c, outside)]; ch.Version > last.Version {
				last = ch
			}
		}
		st.Version = fmt.Sprintf("%s@%d", p.s.name, last.Version)
		st.Built = last.At
	}
	return st, nil
}
