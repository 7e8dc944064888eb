package weaviate

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"google.golang.org/protobuf/encoding/protowire"
)

// A question's queries (BM25 and nearest vectors) and its reads of
// document and frequency rows go to the gRPC Search call when the client
// writes through gRPC (see WithGRPC), GraphQL otherwise: the server neither parses a GraphQL query nor resolves and
// encodes a JSON answer of a hundred chunks' texts. The messages follow
// Weaviate's search_get.proto, base_search.proto, base.proto and
// properties.proto (v1), encoded by hand as the batch writes are.

// searchKind is what a Search call looks for.
type searchKind int

const (
	searchBM25 searchKind = iota
	searchNear
	// searchIDs looks for nothing: it reads the chunks of the given
	// object IDs that pass the filter.
	searchIDs
)

// search is one Search call.
type search struct {
	kind   searchKind
	query  string    // searchBM25: the terms
	vector []float32 // searchNear
	ids    []string  // searchIDs: the objects
	// bare asks for each hit's object ID (and score) alone, none of its
	// properties: Weaviate's BM25 path decodes every property of each
	// hit whatever the request names, unless it is asked for none.
	bare bool
}

// searchGRPC runs one Search call on class (see search) under f, up to
// limit chunks.
func (c *Client) searchGRPC(ctx context.Context, class string, q search, f Filter, limit int) ([]hit, error) {
	var props []string // none at all when bare
	if !q.bare {
		props = candidateFieldNames
	}
	var meta []byte // MetadataRequest: uuid 1, distance 5, score 7
	if q.bare || q.kind == searchIDs {
		meta = protowire.AppendTag(meta, 1, protowire.VarintType)
		meta = protowire.AppendVarint(meta, 1)
	}
	switch q.kind {
	case searchNear:
		meta = protowire.AppendTag(meta, 5, protowire.VarintType)
		meta = protowire.AppendVarint(meta, 1)
	case searchBM25:
		meta = protowire.AppendTag(meta, 7, protowire.VarintType)
		meta = protowire.AppendVarint(meta, 1)
	}
	var query []byte
	switch q.kind {
	case searchBM25:
		var bm []byte // BM25: query 1, properties 2
		bm = appendString(bm, 1, q.query)
		bm = appendString(bm, 2, "terms")
		bm = appendString(bm, 2, "meta^0.5")
		query = protowire.AppendTag(query, 42, protowire.BytesType)
		query = protowire.AppendBytes(query, bm)
	case searchNear:
		var nv []byte // NearVector.vector_bytes 4: little-endian float32s
		nv = protowire.AppendTag(nv, 4, protowire.BytesType)
		nv = protowire.AppendVarint(nv, uint64(4*len(q.vector)))
		for _, x := range q.vector {
			nv = binary.LittleEndian.AppendUint32(nv, math.Float32bits(x))
		}
		query = protowire.AppendTag(query, 43, protowire.BytesType)
		query = protowire.AppendBytes(query, nv)
	}
	answer, err := c.searchCall(ctx, class, props, meta, limit, f.proto(q.ids), query)
	if err != nil {
		return nil, err
	}
	return searchHits(answer)
}

// searchCall makes one Search call on class and returns its answer: a
// SearchRequest asking for the properties props (none at all when empty)
// and the metadata meta (a MetadataRequest) of up to limit objects that
// pass filters (a Filters message), with query (the request's BM25 or
// NearVector field, or nothing) appended.
func (c *Client) searchCall(ctx context.Context, class string, props []string, meta []byte, limit int, filters, query []byte) ([]byte, error) {
	var req []byte
	req = appendString(req, 1, class) // collection
	if c.readLevel(ctx, class) != "" {
		req = protowire.AppendTag(req, 11, protowire.VarintType) // consistency_level: ONE
		req = protowire.AppendVarint(req, 1)
	}
	var names []byte // PropertiesRequest.non_ref_properties 1
	for _, p := range props {
		names = appendString(names, 1, p)
	}
	req = protowire.AppendTag(req, 20, protowire.BytesType)
	req = protowire.AppendBytes(req, names)
	req = protowire.AppendTag(req, 21, protowire.BytesType)
	req = protowire.AppendBytes(req, meta)
	req = protowire.AppendTag(req, 30, protowire.VarintType) // limit
	req = protowire.AppendVarint(req, uint64(limit))
	req = protowire.AppendTag(req, 40, protowire.BytesType) // filters
	req = protowire.AppendBytes(req, filters)
	req = append(req, query...)
	req = protowire.AppendTag(req, 102, protowire.VarintType) // uses_127_api
	req = protowire.AppendVarint(req, 1)
	return c.grpc.call(ctx, "/weaviate.v1.Weaviate/Search", req)
}

// candidateFieldNames are candidateFields, one by one.
var candidateFieldNames = []string{"chunk_id", "doc_id", "text", "terms", "ordinal", "start", "end", "first_para", "last_para", "since"}

// searchHits reads a SearchReply's results as hits.
func searchHits(answer []byte) ([]hit, error) {
	var hits []hit
	err := eachResult(answer, func(props, meta []byte) error {
		var h hit
		if err := readProperties(props, &h); err != nil {
			return err
		}
		// MetadataResult: id 1 or id_as_bytes 20, distance 7, score 11 (floats)
		err := eachField(meta, func(num protowire.Number, typ protowire.Type, raw []byte, v uint64) error {
			switch {
			case num == 1 && typ == protowire.BytesType && len(raw) > 0:
				h.Additional.ID = string(raw)
			case num == 20 && typ == protowire.BytesType && len(raw) == 16:
				h.Additional.ID = fmt.Sprintf("%x-%x-%x-%x-%x", raw[0:4], raw[4:6], raw[6:8], raw[8:10], raw[10:16])
			}
			if typ != protowire.Fixed32Type {
				return nil
			}
			f := float64(math.Float32frombits(uint32(v)))
			switch num {
			case 7:
				h.Additional.Distance = f
			case 11:
				h.Additional.Score = fmt.Sprint(f)
			}
			return nil
		})
		if err != nil {
			return err
		}
		hits = append(hits, h)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return hits, nil
}

// eachResult calls do for each result (2) of a SearchReply with its
// properties (PropertiesResult.non_ref_props 11, a Properties message)
// and its metadata (a MetadataResult), each nil when absent.
func eachResult(answer []byte, do func(props, meta []byte) error) error {
	err := eachField(answer, func(num protowire.Number, typ protowire.Type, result []byte, _ uint64) error {
		if num != 2 || typ != protowire.BytesType {
			return nil
		}
		var props, meta []byte
		err := eachField(result, func(num protowire.Number, typ protowire.Type, raw []byte, _ uint64) error {
			switch {
			case num == 1 && typ == protowire.BytesType: // PropertiesResult
				return eachField(raw, func(num protowire.Number, typ protowire.Type, raw []byte, _ uint64) error {
					if num == 11 && typ == protowire.BytesType {
						props = raw
					}
					return nil
				})
			case num == 2 && typ == protowire.BytesType:
				meta = raw
			}
			return nil
		})
		if err != nil {
			return err
		}
		return do(props, meta)
	})
	if err != nil {
		return fmt.Errorf("read answer: %w", err)
	}
	return nil
}

// readProperties fills h from a Properties message (see eachValue).
func readProperties(raw []byte, h *hit) error {
	return eachValue(raw, func(key string, value []byte) error {
		var text string
		var integer int64
		// Value: number 1 (double), string 2, int 8, text 13.
		err := eachField(value, func(num protowire.Number, typ protowire.Type, raw []byte, v uint64) error {
			switch {
			case num == 1 && typ == protowire.Fixed64Type:
				integer = int64(math.Float64frombits(v))
			case num == 8 && typ == protowire.VarintType:
				integer = int64(v)
			case (num == 13 || num == 2) && typ == protowire.BytesType:
				text = string(raw)
			}
			return nil
		})
		switch key {
		case "chunk_id":
			h.ChunkID = text
		case "doc_id":
			h.DocID = text
		case "text":
			h.Text = text
		case "terms":
			h.Terms = text
		case "ordinal":
			h.Ordinal = int(integer)
		case "start":
			h.Start = int(integer)
		case "end":
			h.End = int(integer)
		case "first_para":
			h.FirstPara = int(integer)
		case "last_para":
			h.LastPara = int(integer)
		case "since":
			h.Since = int(integer)
		}
		return err
	})
}

// eachValue calls do for each entry of a Properties message (fields 1:
// key 1, Value 2) with its key and its Value message.
func eachValue(raw []byte, do func(key string, value []byte) error) error {
	return eachField(raw, func(num protowire.Number, typ protowire.Type, entry []byte, _ uint64) error {
		if num != 1 || typ != protowire.BytesType {
			return nil
		}
		var key string
		var value []byte
		err := eachField(entry, func(num protowire.Number, typ protowire.Type, raw []byte, _ uint64) error {
			switch {
			case num == 1 && typ == protowire.BytesType:
				key = string(raw)
			case num == 2 && typ == protowire.BytesType:
				value = raw
			}
			return nil
		})
		if err != nil {
			return err
		}
		return do(key, value)
	})
}

// eachField calls do for each field of a message: raw holds a
// length-delimited field's bytes, v a varint's or fixed field's value.
func eachField(msg []byte, do func(num protowire.Number, typ protowire.Type, raw []byte, v uint64) error) error {
	for len(msg) > 0 {
		num, typ, n := protowire.ConsumeTag(msg)
		if n < 0 {
			return protowire.ParseError(n)
		}
		msg = msg[n:]
		var raw []byte
		var v uint64
		switch typ {
		case protowire.BytesType:
			raw, n = protowire.ConsumeBytes(msg)
		case protowire.VarintType:
			v, n = protowire.ConsumeVarint(msg)
		case protowire.Fixed32Type:
			var v32 uint32
			v32, n = protowire.ConsumeFixed32(msg)
			v = uint64(v32)
		case protowire.Fixed64Type:
			v, n = protowire.ConsumeFixed64(msg)
		default:
			n = protowire.ConsumeFieldValue(num, typ, msg)
		}
		if n < 0 {
			return protowire.ParseError(n)
		}
		msg = msg[n:]
		if err := do(num, typ, raw, v); err != nil {
			return err
		}
	}
	return nil
}

// Filters operators (base.proto).
const (
	opEqual        = 1
	opGreater      = 3
	opGreaterEqual = 4
	opLess         = 5
	opLessEqual    = 6
	opAnd          = 7
	opContainsAny  = 12
	opNot          = 15
)

// filterCond is a weaviate.v1.Filters condition: op on property, its
// value appended by value.
func filterCond(op int, property string, value func([]byte) []byte) []byte {
	var b []byte
	b = protowire.AppendTag(b, 1, protowire.VarintType)
	b = protowire.AppendVarint(b, uint64(op))
	b = value(b)
	var target []byte // FilterTarget.property 1
	target = appendString(target, 1, property)
	b = protowire.AppendTag(b, 20, protowire.BytesType)
	return protowire.AppendBytes(b, target)
}

// filterOf joins conditions with op (opAnd, or opNot of one).
func filterOf(op int, conds ...[]byte) []byte {
	var b []byte
	b = protowire.AppendTag(b, 1, protowire.VarintType)
	b = protowire.AppendVarint(b, uint64(op))
	for _, c := range conds {
		b = protowire.AppendTag(b, 3, protowire.BytesType) // filters
		b = protowire.AppendBytes(b, c)
	}
	return b
}

// The values of a condition: value_text 4, value_int 5, value_boolean 6,
// value_text_array 9 (TextArray.values 1).
func valueText(s string) func([]byte) []byte {
	return func(b []byte) []byte { return appendString(b, 4, s) }
}

func valueInt(n int) func([]byte) []byte {
	return func(b []byte) []byte {
		b = protowire.AppendTag(b, 5, protowire.VarintType)
		return protowire.AppendVarint(b, uint64(int64(n)))
	}
}

func valueBool(v bool) func([]byte) []byte {
	return func(b []byte) []byte {
		b = protowire.AppendTag(b, 6, protowire.VarintType)
		return protowire.AppendVarint(b, protowire.EncodeBool(v))
	}
}

func valueTexts(values []string) func([]byte) []byte {
	return func(b []byte) []byte {
		var arr []byte
		for _, v := range values {
			arr = appendString(arr, 1, v)
		}
		b = protowire.AppendTag(b, 9, protowire.BytesType)
		return protowire.AppendBytes(b, arr)
	}
}

// proto renders f as a weaviate.v1.Filters message: the conditions of
// where, one for one, and, when ids are given, the object ID one of them.
func (f Filter) proto(ids []string) []byte {
	ops := [][]byte{filterCond(opEqual, "withdrawn", valueBool(false))}
	if len(ids) > 0 {
		ops = append(ops, filterCond(opContainsAny, "_id", valueTexts(ids)))
	}
	if len(f.Sources) > 0 {
		ops = append(ops, filterCond(opContainsAny, "source", valueTexts(f.Sources)))
	}
	if len(f.Collections) > 0 {
		names := make([]string, len(f.Collections))
		for i, n := range f.Collections {
			names[i] = n
			if n == "" {
				names[i] = outside
			}
		}
		ops = append(ops, filterCond(opContainsAny, "collection", valueTexts(names)))
	}
	if f.Version > 0 {
		ops = append(ops, filterCond(opLessEqual, "since", valueInt(f.Version)))
	}
	if !f.From.IsZero() || !f.To.IsZero() {
		ops = append(ops, filterCond(opGreater, "published", valueText(date(noDate))))
	}
	if !f.From.IsZero() {
		ops = append(ops, filterCond(opGreaterEqual, "published", valueText(date(f.From))))
	}
	if !f.To.IsZero() {
		ops = append(ops, filterCond(opLess, "published", valueText(date(f.To))))
	}
	if !f.Now.IsZero() {
		ops = append(ops, filterCond(opLessEqual, "embargo", valueText(date(f.Now))))
	}
	if len(ops) == 1 {
		return ops[0]
	}
	return filterOf(opAnd, ops...)
}

// queryGRPC runs search through gRPC when the client has it: done says it
// did (or failed for good); when the gRPC port was guessed and nothing
// answers gRPC there, the client stops trying it and the query goes
// through GraphQL.
func (c *Client) queryGRPC(search func() ([]hit, error)) (hits []hit, done bool, err error) {
	if c.grpc == nil || c.noGRPC.Load() {
		return nil, false, nil
	}
	hits, err = search()
	var ue *unreachableError
	var ge *GRPCError
	if err != nil && !c.grpcRequired && (errors.As(err, &ue) || errors.As(err, &ge) && ge.Code == grpcUnimplemented) {
		c.noGRPC.Store(true)
		return nil, false, nil
	}
	if err != nil {
		return nil, true, fmt.Errorf("gRPC %s: %w", strings.TrimPrefix(c.grpc.base, "http://"), err)
	}
	return hits, true, nil
}

// scoredObject is an object a bare BM25 query returned: its ID and score.
type scoredObject struct {
	ID    string
	Score float64
}

// lexicalObjects is Lexical through gRPC asking for the hits' object IDs
// and scores alone; ok is false when the client has no gRPC (ask Lexical
// then).
func (c *Client) lexicalObjects(ctx context.Context, class string, terms []string, f Filter, limit int) (objs []scoredObject, ok bool, err error) {
	if len(terms) == 0 {
		return nil, true, nil
	}
	hits, viaGRPC, err := c.queryGRPC(func() ([]hit, error) {
		return c.searchGRPC(ctx, class, search{kind: searchBM25, query: strings.Join(terms, " "), bare: true}, f, limit)
	})
	if !viaGRPC {
		return nil, false, nil
	}
	if err != nil {
		return nil, true, fmt.Errorf("bm25 in %s: %w", class, err)
	}
	objs = make([]scoredObject, len(hits))
	for i, h := range hits {
		if h.Additional.ID == "" {
			return nil, true, fmt.Errorf("bm25 in %s: a hit without its object ID", class)
		}
		score, _ := strconv.ParseFloat(h.Additional.Score, 64)
		objs[i] = scoredObject{h.Additional.ID, score}
	}
	return objs, true, nil
}

// chunksByObject reads the chunks of class with the given object IDs
// that pass f (through gRPC), by object ID; those it does not pass or
// the server does not find are absent.
func (c *Client) chunksByObject(ctx context.Context, class string, ids []string, f Filter) (map[string]Candidate, error) {
	hits, viaGRPC, err := c.queryGRPC(func() ([]hit, error) {
		return c.searchGRPC(ctx, class, search{kind: searchIDs, ids: ids}, f, len(ids))
	})
	if !viaGRPC && err == nil {
		err = errors.New("no gRPC")
	}
	if err != nil {
		return nil, fmt.Errorf("chunks by object in %s: %w", class, err)
	}
	out := make(map[string]Candidate, len(hits))
	for _, h := range hits {
		out[h.Additional.ID] = h.candidate(0)
	}
	return out, nil
}

// rowsGRPC reads, through the gRPC Search call, the rows (document or
// frequency rows) of class that are part of version v (since ≤ v, no end
// ≤ v: versionWhere's filter) and whose property key holds one of keys:
// props of each (text as a string, a number as an int) with its object
// ID. ok is false when the client has no gRPC (read through GraphQL
// then).
func (c *Client) rowsGRPC(ctx context.Context, class string, v int, key string, keys, props []string) (rows []row, ok bool, err error) {
	uuid := protowire.AppendVarint(protowire.AppendTag(nil, 1, protowire.VarintType), 1) // MetadataRequest.uuid
	filters := filterOf(opAnd,
		filterCond(opLessEqual, "since", valueInt(v)),
		filterOf(opNot, filterCond(opLessEqual, "ends", valueInt(v))),
		filterCond(opContainsAny, key, valueTexts(keys)))
	var answer []byte
	_, viaGRPC, err := c.queryGRPC(func() ([]hit, error) {
		var err error
		answer, err = c.searchCall(ctx, class, props, uuid, len(keys)+1, filters, nil) // a row a key at a version
		return nil, err
	})
	if !viaGRPC {
		return nil, false, nil
	}
	if err != nil {
		return nil, true, err
	}
	rows, err = searchRows(answer)
	return rows, true, err
}

// row is one object a Search call returned: its ID and the properties
// asked for, a text as a string and a number as an int.
type row struct {
	ID    string
	Props map[string]any
}

func (r row) text(name string) string { s, _ := r.Props[name].(string); return s }
func (r row) int(name string) int     { n, _ := r.Props[name].(int); return n }

// searchRows reads a SearchReply's results as rows.
func searchRows(answer []byte) ([]row, error) {
	var rows []row
	err := eachResult(answer, func(props, meta []byte) error {
		r := row{Props: map[string]any{}}
		if err := readValues(props, r.Props); err != nil {
			return err
		}
		err := eachField(meta, func(num protowire.Number, typ protowire.Type, raw []byte, _ uint64) error {
			if num == 1 && typ == protowire.BytesType { // MetadataResult.id
				r.ID = string(raw)
			}
			return nil
		})
		if err != nil {
			return err
		}
		rows = append(rows, r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return rows, nil
}

// readValues reads a Properties message (see eachValue) into into:
// number 1 and int 8 as an int, string 2 and text 13 as a string, bool 3
// as a bool.
func readValues(raw []byte, into map[string]any) error {
	return eachValue(raw, func(key string, v []byte) error {
		var value any
		err := eachField(v, func(num protowire.Number, typ protowire.Type, raw []byte, v uint64) error {
			switch {
			case num == 1 && typ == protowire.Fixed64Type:
				value = int(math.Float64frombits(v))
			case num == 8 && typ == protowire.VarintType:
				value = int(int64(v))
			case num == 3 && typ == protowire.VarintType:
				value = v != 0
			case (num == 13 || num == 2) && typ == protowire.BytesType:
				value = string(raw)
			}
			return nil
		})
		if err == nil && key != "" && value != nil {
			into[key] = value
		}
		return err
	})
}
