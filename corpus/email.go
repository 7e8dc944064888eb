package corpus

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"path"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"
)

// mailPart is one leaf of a MIME message, decoded.
type mailPart struct {
	contentType string
	charset     string
	filename    string
	data        []byte
}

// utf8Text returns a text part as UTF-8, converting from its declared
// charset (ISO-8859-1, Windows-1252, …) when it is not UTF-8 already.
func (p mailPart) utf8Text() ([]byte, bool) {
	if utf8.Valid(p.data) && (p.charset == "" || strings.EqualFold(p.charset, "utf-8") || strings.EqualFold(p.charset, "us-ascii")) {
		return p.data, true
	}
	enc, err := htmlindex.Get(p.charset)
	if err != nil {
		if utf8.Valid(p.data) {
			return p.data, true
		}
		enc, _ = htmlindex.Get("windows-1252") // what undeclared 8-bit mail usually is
	}
	out, err := enc.NewDecoder().Bytes(p.data)
	if err != nil || !utf8.Valid(out) {
		return nil, false
	}
	return out, true
}

// parseEmail reads one message: Subject as title, From as source, Date as
// published, the plain-text part (or the HTML part through readability) as
// the text, without quoted reply chains and without the sender's
// boilerplate (cleanMailBody). Attachments of supported types
// come back as documents of their own, named after the message; warnings
// are what an attachment's front matter had that was not read, and the
// attachments skipped. Attachments expand within budget, the file's.
func parseEmail(ctx context.Context, data []byte, opts Options, budget *expansion) (doc *Document, attached []*Document, warnings []string, err error) {
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		return nil, nil, nil, fmt.Errorf("email: %w", err)
	}
	dec := new(mime.WordDecoder)
	header := func(k string) string {
		v := msg.Header.Get(k)
		if d, err := dec.DecodeHeader(v); err == nil {
			return strings.TrimSpace(d)
		}
		return strings.TrimSpace(v)
	}
	var parts []mailPart
	if err := walkMIME(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), "", msg.Body, &parts, 0); err != nil {
		return nil, nil, nil, fmt.Errorf("email: %w", err)
	}
	var text string
	for _, want := range []string{"text/plain", "text/html"} {
		for _, p := range parts {
			if p.filename == "" && p.contentType == want && text == "" {
				data, ok := p.utf8Text()
				if !ok {
					continue
				}
				if want == "text/html" {
					if d, err := parseHTML(data); err == nil {
						text = cleanMailBody(d.Text)
					}
					continue
				}
				text = cleanMailBody(stripQuotedReplies(normalizeNewlines(string(data))))
			}
		}
	}
	if strings.TrimSpace(text) == "" {
		return nil, nil, nil, errors.New("email: no text part")
	}
	doc = newDocument(strings.TrimSpace(text))
	if len(doc.Paragraphs) == 0 {
		return nil, nil, nil, errors.New("email: empty message")
	}
	doc.Title = header("Subject")
	if doc.Title == "" {
		doc.Title = deriveTitle(doc.Text)
	}
	if from, err := mail.ParseAddress(header("From")); err == nil {
		doc.Source, doc.Byline = first(from.Name, from.Address), from.Address
	} else {
		doc.Source = header("From")
	}
	if t, err := mail.ParseDate(msg.Header.Get("Date")); err == nil {
		doc.Published = t.UTC().Format(time.RFC3339)
	}
	for _, p := range parts {
		if p.filename == "" {
			continue
		}
		ext := strings.ToLower(path.Ext(p.filename))
		var a *Document
		switch ext {
		case ".txt", ".text":
			a, err = parseText(p.data)
		case ".md", ".markdown":
			var unknown []string
			a, unknown, err = parseMarkdown(p.data)
			if err == nil && len(unknown) > 0 {
				warnings = append(warnings, unknownKeys("front matter of "+DisplayName(p.filename), unknown, frontMatterReads))
			}
		case ".html", ".htm":
			a, err = parseHTML(p.data)
		case ".pdf":
			a, err = parsePDF(ctx, p.data, opts.PDFToText, budget)
		case ".docx":
			a, err = parseDOCX(p.data, budget)
		default:
			continue
		}
		if err != nil {
			// An unreadable attachment leaves the message itself, and is
			// reported.
			warnings = append(warnings, fmt.Sprintf("attachment %s skipped: %v", DisplayName(p.filename), err))
			continue
		}
		a.Path = p.filename
		if a.Source == "" {
			a.Source = doc.Source
		}
		if a.Published == "" {
			a.Published = doc.Published
		}
		a.Title = first(a.Title, DisplayName(p.filename)) + " (attached to “" + doc.Title + "”)"
		attached = append(attached, a)
	}
	return doc, attached, warnings, nil
}

// walkMIME collects the leaves of a MIME entity, decoded, up to a depth.
func walkMIME(contentType, encoding, disposition string, body io.Reader, out *[]mailPart, depth int) error {
	if depth > 10 {
		return errors.New("MIME nested too deeply")
	}
	mediaType, params, err := mime.ParseMediaType(contentType)
	if err != nil || contentType == "" {
		mediaType, params = "text/plain", map[string]string{}
	}
	if strings.HasPrefix(mediaType, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			if err := walkMIME(p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p.Header.Get("Content-Disposition"), p, out, depth+1); err != nil {
				return err
			}
		}
	}
	var r io.Reader = body
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, newlineStripper{body})
	case "quoted-printable":
		r = quotedprintable.NewReader(body)
	}
	data, err := io.ReadAll(io.LimitReader(r, DefaultMaxFileBytes))
	if err != nil {
		return err
	}
	name := params["name"]
	if _, dp, err := mime.ParseMediaType(disposition); err == nil && dp["filename"] != "" {
		name = dp["filename"]
	}
	*out = append(*out, mailPart{contentType: mediaType, charset: params["charset"], filename: path.Base(strings.ReplaceAll(name, "\\", "/")), data: data})
	if name == "" {
		(*out)[len(*out)-1].filename = ""
	}
	return nil
}

// newlineStripper drops line breaks, which base64 bodies carry.
type newlineStripper struct{ r io.Reader }

func (n newlineStripper) Read(p []byte) (int, error) {
	for {
		k, err := n.r.Read(p)
		j := 0
		for _, c := range p[:k] {
			if c != '\r' && c != '\n' {
				p[j] = c
				j++
			}
		}
		if j > 0 || err != nil {
			return j, err
		}
	}
}

// wroteRE matches the line that opens a quoted reply: "On Mon, 2 Oct
// 2023, Jane Doe <jane@example.org> wrote:".
var wroteRE = regexp.MustCompile(`(?i)^\s*(on .{4,200} wrote:|-{2,} ?original message ?-{2,}|from: .+ sent: .+)\s*$`)

// stripQuotedReplies drops the quoted reply chain: lines starting with ">"
// and everything from an "On … wrote:" line on.
func stripQuotedReplies(text string) string {
	var kept []string
	for _, line := range strings.Split(text, "\n") {
		if wroteRE.MatchString(line) {
			break
		}
		if strings.HasPrefix(strings.TrimSpace(line), ">") {
			continue
		}
		kept = append(kept, line)
	}
	return strings.TrimSpace(strings.Join(kept, "\n"))
}

// splitMbox splits an mbox archive into messages at its "From " lines.
// Lines of any length are kept (the file is within the size limit).
func splitMbox(data []byte) [][]byte {
	var msgs [][]byte
	var cur bytes.Buffer
	for len(data) > 0 {
		var line []byte
		line, data, _ = bytes.Cut(data, []byte("\n"))
		line = bytes.TrimSuffix(line, []byte("\r"))
		if bytes.HasPrefix(line, []byte("From ")) {
			if cur.Len() > 0 {
				msgs = append(msgs, bytes.Clone(cur.Bytes()))
				cur.Reset()
			}
			continue
		}
		if bytes.HasPrefix(line, []byte(">From ")) {
			line = line[1:]
		}
		cur.Write(line)
		cur.WriteByte('\n')
	}
	if cur.Len() > 0 {
		msgs = append(msgs, cur.Bytes())
	}
	return msgs
}

var (
	// greetingRE matches an opening line addressed to the reader: "Hi all
	// -- please see the release below", "Dear editor,", "FYI".
	greetingRE = regexp.MustCompile(`(?i)^(hi|hello|hey|dear|good (morning|afternoon|evening)|greetings|fyi|please (see|find)|see (the )?(press )?release|below (is|please find)|forwarding)\b`)
	// endMarkRE matches a press release's end mark: "###", "# # #", "-30-".
	endMarkRE = regexp.MustCompile(`^\s*(#\s*#\s*#|-\s*30\s*-|-\s*end\s*-|ends)\s*$`)
	// noticeRE matches a confidentiality notice or disclaimer paragraph.
	noticeRE = regexp.MustCompile(`(?i)^\W*(confidentiality( notice)?|disclaimer|privileged (and|&) confidential|legal notice|important notice)\b|` +
		`(?i)^\W*(this|the information (contained )?in this) (e-?mail|message|communication|transmission)\b.{0,120}\b(confidential|privileged|intended (solely |only )?for|sole use)|` +
		`(?i)^\W*if you (are not the intended recipient|have received this (e-?mail|message|communication) in error)`)
)

// cleanMailBody drops a message's boilerplate: a greeting line at the top
// ("Hi all -- please see the release below"), everything from the
// signature delimiter ("-- " alone on a line) or a press release's end
// mark ("###") on, and confidentiality notices.
func cleanMailBody(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		t := strings.TrimRight(l, " \t\r")
		if t == "--" || endMarkRE.MatchString(t) {
			lines = lines[:i]
			break
		}
	}
	// The greeting: the first non-empty line, when short and addressed to the reader.
	for i, l := range lines {
		if t := strings.TrimSpace(l); t != "" {
			if len(t) <= 160 && greetingRE.MatchString(t) {
				lines = append(lines[:i:i], lines[i+1:]...)
			}
			break
		}
	}
	var paras []string
	for _, block := range strings.Split(strings.Join(lines, "\n"), "\n\n") {
		if b := strings.Trim(block, " \t\n"); b != "" && !noticeRE.MatchString(strings.Join(strings.Fields(b), " ")) {
			paras = append(paras, b)
		}
	}
	return strings.Join(paras, "\n\n")
}
