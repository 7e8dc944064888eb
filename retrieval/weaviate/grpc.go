package weaviate

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/newsroom/askbot/redact"
)

// Batch writes go to Weaviate's gRPC API when the server's gRPC port
// answers: its BatchObjects call takes vectors as packed bytes and answers
// with the errors alone, where a REST batch is JSON both ways and its
// answer repeats every object, vector included (decoding the one and
// encoding the other took about a sixth of the server's CPU during a
// write). The messages are encoded by hand with protowire (the protobuf
// module is already in the build) from Weaviate's BSD-licensed .proto
// files (grpc/proto/v1/batch.proto, base.proto), and sent with net/http
// over unencrypted HTTP/2, so the client needs neither the gRPC module nor
// Weaviate's.

// DefaultGRPCPort is the port Weaviate's gRPC API listens on unless its
// GRPC_PORT says otherwise.
const DefaultGRPCPort = 50051

// Option configures a Client.
type Option func(*Client)

// WithGRPC sends batch writes and a question's searches (see
// search_grpc.go) to the server's gRPC API at addr (host:port, or "" to
// use REST and GraphQL only). A client given an address fails a write or
// a search clearly when nothing answers gRPC there; a client without this
// option tries the REST host's port DefaultGRPCPort and uses REST and
// GraphQL when nothing answers gRPC there.
func WithGRPC(addr string) Option {
	return func(c *Client) {
		c.grpc = nil
		if addr != "" {
			c.grpc = newGRPC("http://"+addr, c.apiKey)
			c.grpcRequired = true
		}
	}
}

// grpcConn calls a server's gRPC API.
type grpcConn struct {
	base   string // http://host:port
	apiKey string
	http   *http.Client
}

func newGRPC(base, apiKey string) *grpcConn {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Protocols = new(http.Protocols)
	t.Protocols.SetUnencryptedHTTP2(true)
	t.MaxIdleConnsPerHost = maxConns
	// A guessed port behind a firewall that drops packets must not hold
	// the first write long before it falls back to REST.
	t.DialContext = (&net.Dialer{Timeout: 3 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	return &grpcConn{base: base, apiKey: apiKey, http: &http.Client{Timeout: 60 * time.Second, Transport: t}}
}

// defaultGRPC is the gRPC address a client without WithGRPC tries: the
// REST host on DefaultGRPCPort.
func defaultGRPC(u *url.URL, apiKey string) *grpcConn {
	if u.Scheme != "http" {
		return nil // a TLS server's gRPC needs its own address
	}
	return newGRPC("http://"+net.JoinHostPort(u.Hostname(), strconv.Itoa(DefaultGRPCPort)), apiKey)
}

// grpcUnimplemented is the gRPC status of a call the server does not have.
const grpcUnimplemented = 12

// GRPCError is a gRPC call that the server answered with a status other
// than OK.
type GRPCError struct {
	Code    int // the gRPC status code (12: unimplemented, 16: unauthenticated, …)
	Message string
}

func (e *GRPCError) Error() string { return fmt.Sprintf("grpc status %d: %s", e.Code, e.Message) }

// unreachableError is a gRPC call that found no gRPC server: nothing
// listens, or something other than gRPC answers.
type unreachableError struct{ err error }

func (e *unreachableError) Error() string { return "no gRPC server: " + e.err.Error() }
func (e *unreachableError) Unwrap() error { return e.err }

// call sends one unary request (a marshalled message) to method (e.g.
// "/weaviate.v1.Weaviate/BatchObjects") and returns the answer's message.
func (g *grpcConn) call(ctx context.Context, method string, msg []byte) ([]byte, error) {
	frame := make([]byte, 5, 5+len(msg))
	binary.BigEndian.PutUint32(frame[1:], uint32(len(msg)))
	frame = append(frame, msg...)
	req, err := http.NewRequestWithContext(ctx, "POST", g.base+method, bytes.NewReader(frame))
	if err != nil {
		return nil, redact.Error(err)
	}
	req.Header.Set("Content-Type", "application/grpc")
	req.Header.Set("TE", "trailers")
	if g.apiKey != "" {
		req.Header.Set("Authorization", "Bearer "+g.apiKey)
	}
	resp, err := g.http.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // without the URL: the caller names the server
		}
		return nil, &unreachableError{redact.Error(err)}
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/grpc") {
		return nil, &unreachableError{fmt.Errorf("HTTP status %d, content type %q", resp.StatusCode, resp.Header.Get("Content-Type"))}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("read answer: %w", err)
	}
	// A call that fails at once answers with its status in the headers
	// and no body; otherwise the status follows the body, as trailers.
	status := resp.Header.Get("Grpc-Status")
	if status == "" {
		status = resp.Trailer.Get("Grpc-Status")
	}
	if status != "0" {
		text := resp.Header.Get("Grpc-Message") + resp.Trailer.Get("Grpc-Message")
		if s, err := url.PathUnescape(text); err == nil {
			text = s
		}
		text = redact.Text(text)
		if g.apiKey != "" {
			text = strings.ReplaceAll(text, g.apiKey, redact.Mask)
		}
		code, err := strconv.Atoi(status)
		if err != nil {
			return nil, &unreachableError{fmt.Errorf("no gRPC status in the answer")}
		}
		return nil, &GRPCError{Code: code, Message: text}
	}
	if len(body) < 5 || body[0] != 0 || int(binary.BigEndian.Uint32(body[1:5])) != len(body)-5 {
		return nil, fmt.Errorf("read answer: not one uncompressed message (%d bytes)", len(body))
	}
	return body[5:], nil
}

// batchGRPC writes objects through the BatchObjects call: an object the
// server refuses fails the batch, naming it.
func (g *grpcConn) batchGRPC(ctx context.Context, objects []object) error {
	var req []byte
	for i := range objects {
		req = protowire.AppendTag(req, 1, protowire.BytesType) // BatchObjectsRequest.objects
		req = protowire.AppendBytes(req, objects[i].proto())
	}
	answer, err := g.call(ctx, "/weaviate.v1.Weaviate/BatchObjects", req)
	if err != nil {
		return err
	}
	// BatchObjectsReply: took (1, float), errors (2: index 1, error 2).
	for len(answer) > 0 {
		num, typ, n := protowire.ConsumeTag(answer)
		if n < 0 {
			return fmt.Errorf("read answer: %w", protowire.ParseError(n))
		}
		answer = answer[n:]
		if num == 2 && typ == protowire.BytesType {
			raw, n := protowire.ConsumeBytes(answer)
			if n < 0 {
				return fmt.Errorf("read answer: %w", protowire.ParseError(n))
			}
			index, msg := batchError(raw)
			id := ""
			if index >= 0 && index < len(objects) {
				id = objects[index].ID
			}
			return fmt.Errorf("object %s: %s", id, redact.Text(msg))
		}
		n = protowire.ConsumeFieldValue(num, typ, answer)
		if n < 0 {
			return fmt.Errorf("read answer: %w", protowire.ParseError(n))
		}
		answer = answer[n:]
	}
	return nil
}

// batchError reads a BatchObjectsReply.BatchError.
func batchError(raw []byte) (index int, msg string) {
	for len(raw) > 0 {
		num, typ, n := protowire.ConsumeTag(raw)
		if n < 0 {
			return -1, "unreadable error"
		}
		raw = raw[n:]
		switch {
		case num == 1 && typ == protowire.VarintType:
			v, n := protowire.ConsumeVarint(raw)
			if n < 0 {
				return -1, "unreadable error"
			}
			index, raw = int(int32(v)), raw[n:]
		case num == 2 && typ == protowire.BytesType:
			v, n := protowire.ConsumeBytes(raw)
			if n < 0 {
				return -1, "unreadable error"
			}
			msg, raw = string(v), raw[n:]
		default:
			n := protowire.ConsumeFieldValue(num, typ, raw)
			if n < 0 {
				return -1, "unreadable error"
			}
			raw = raw[n:]
		}
	}
	return index, msg
}

// proto encodes o as a weaviate.v1.BatchObject: uuid 1, properties 3,
// collection 4, vector_bytes 6 (little-endian float32s).
func (o *object) proto() []byte {
	var b []byte
	b = protowire.AppendTag(b, 1, protowire.BytesType)
	b = protowire.AppendString(b, o.ID)
	if len(o.Properties) > 0 {
		b = protowire.AppendTag(b, 3, protowire.BytesType)
		b = protowire.AppendBytes(b, properties(o.Properties))
	}
	b = protowire.AppendTag(b, 4, protowire.BytesType)
	b = protowire.AppendString(b, o.Class)
	if len(o.Vector) > 0 {
		b = protowire.AppendTag(b, 6, protowire.BytesType)
		b = protowire.AppendVarint(b, uint64(4*len(o.Vector)))
		for _, f := range o.Vector {
			b = binary.LittleEndian.AppendUint32(b, math.Float32bits(f))
		}
	}
	return b
}

// properties encodes props as a BatchObject.Properties: scalars in
// non_ref_properties (1, a google.protobuf.Struct), int arrays in
// int_array_properties (5), text arrays in text_array_properties (6),
// empty arrays by name in empty_list_props (10). Names are sorted, so an
// object always encodes the same.
func properties(props map[string]any) []byte {
	names := make([]string, 0, len(props))
	for k := range props {
		names = append(names, k)
	}
	sort.Strings(names)
	var scalars, b []byte
	for _, name := range names {
		switch v := props[name].(type) {
		case []int:
			if len(v) == 0 {
				b = appendString(b, 10, name)
				continue
			}
			var arr, packed []byte
			for _, x := range v {
				packed = protowire.AppendVarint(packed, uint64(int64(x)))
			}
			arr = protowire.AppendTag(arr, 1, protowire.BytesType)
			arr = protowire.AppendBytes(arr, packed)
			arr = appendString(arr, 2, name)
			b = protowire.AppendTag(b, 5, protowire.BytesType)
			b = protowire.AppendBytes(b, arr)
		case []string:
			if len(v) == 0 {
				b = appendString(b, 10, name)
				continue
			}
			var arr []byte
			for _, s := range v {
				arr = appendString(arr, 1, s)
			}
			arr = appendString(arr, 2, name)
			b = protowire.AppendTag(b, 6, protowire.BytesType)
			b = protowire.AppendBytes(b, arr)
		default:
			// A Struct field: map entry {key 1, value 2}, the Value's
			// kinds number 2, string 3, bool 4.
			var val []byte
			switch v := v.(type) {
			case string:
				val = appendString(val, 3, v)
			case int:
				val = protowire.AppendTag(val, 2, protowire.Fixed64Type)
				val = protowire.AppendFixed64(val, math.Float64bits(float64(v)))
			case float64:
				val = protowire.AppendTag(val, 2, protowire.Fixed64Type)
				val = protowire.AppendFixed64(val, math.Float64bits(v))
			case bool:
				val = protowire.AppendTag(val, 4, protowire.VarintType)
				val = protowire.AppendVarint(val, protowire.EncodeBool(v))
			default:
				panic(fmt.Sprintf("weaviate: property %s of type %T has no gRPC encoding", name, v))
			}
			var entry []byte
			entry = appendString(entry, 1, name)
			entry = protowire.AppendTag(entry, 2, protowire.BytesType)
			entry = protowire.AppendBytes(entry, val)
			scalars = protowire.AppendTag(scalars, 1, protowire.BytesType)
			scalars = protowire.AppendBytes(scalars, entry)
		}
	}
	out := protowire.AppendTag(nil, 1, protowire.BytesType)
	out = protowire.AppendBytes(out, scalars)
	return append(out, b...)
}

// appendString appends field num holding s. A protobuf string must be
// UTF-8: an invalid byte becomes U+FFFD, as encoding/json (and so a REST
// write) makes it.
func appendString(b []byte, num protowire.Number, s string) []byte {
	b = protowire.AppendTag(b, num, protowire.BytesType)
	if !utf8.ValidString(s) {
		var sb strings.Builder
		for _, r := range s {
			sb.WriteRune(r) // an invalid byte ranges as utf8.RuneError
		}
		s = sb.String()
	}
	return protowire.AppendString(b, s)
}
