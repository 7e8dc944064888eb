package corpus

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"regexp"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	yaml "go.yaml.in/yaml/v3"
	"golang.org/x/net/html"
)

// newDocument builds a Document over body text, splitting its paragraphs.
func newDocument(body string) *Document {
	return &Document{Text: body, Paragraphs: splitParagraphs(body)}
}

func normalizeNewlines(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// bylineRE matches a byline line such as "By Jane Doe, The Paper —".
var bylineRE = regexp.MustCompile(`^\s*[Bb][Yy]\s+(.{2,120}?)\s*(?:[—–]|--?)\s*$`)

// bylineNoteRE matches a byline line with a note after the dash: "By
// Jamie Cho, The Millbrook Ledger — notes from the briefing, Oct. 8".
var bylineNoteRE = regexp.MustCompile(`^\s*[Bb][Yy]\s+([^—–]{2,120}?)\s+(?:[—–]|--?)\s+\S.{0,200}$`)

// nameRE matches a person's or a desk's name: capitalised words, perhaps
// joined by "of", "the", "and", "de", "van" ("Times of Israel Staff").
var nameRE = regexp.MustCompile(`^\p{Lu}[\p{L}.'’-]*(\s+((of|the|and|de|da|del|van|von|der|le|la|&)\s+)?\p{Lu}[\p{L}.'’-]*){0,5}$`)

// splitByline recognises a leading "By … —" line, with or without a note
// after the dash ("By Jamie Cho, The Millbrook Ledger — notes from the
// briefing, Oct. 8": then the part before the first comma must read as a
// name). It returns the byline, the source (the part after the last
// comma, if any) and the rest of the text, without the line.
func splitByline(text string) (byline, source, rest string) {
	first, after, _ := strings.Cut(strings.TrimLeft(text, " \t\n"), "\n")
	m := bylineRE.FindStringSubmatch(first)
	if m == nil {
		m = bylineNoteRE.FindStringSubmatch(first)
		if m != nil {
			name, _, _ := strings.Cut(m[1], ",")
			if !nameRE.MatchString(strings.TrimSpace(name)) {
				m = nil
			}
		}
	}
	if m == nil {
		return "", "", text
	}
	byline = strings.TrimSpace(m[1])
	if i := strings.LastIndex(byline, ","); i > 0 {
		source = strings.TrimSpace(byline[i+1:])
		byline = strings.TrimSpace(byline[:i])
	}
	return byline, source, after
}

// headingTitle takes a leading Markdown heading as the title, and, when
// plain is set, a short first line without closing punctuation too.
func headingTitle(text string, plain bool) (title, rest string, ok bool) {
	trimmed := strings.TrimLeft(text, " \t\n")
	first, after, _ := strings.Cut(trimmed, "\n")
	first = strings.TrimSpace(first)
	if strings.HasPrefix(first, "#") {
		return strings.TrimSpace(strings.TrimLeft(first, "#")), after, true
	}
	// A short first line without closing punctuation, followed by more text, reads as a title.
	if plain && after != "" && first != "" && len(first) <= 120 && !strings.ContainsAny(first[len(first)-1:], ".!?:;,\"”'’") {
		return first, after, true
	}
	return "", text, false
}

// deriveTitle makes a title from the first sentence of text.
func deriveTitle(text string) string {
	first, _, _ := strings.Cut(strings.TrimSpace(text), "\n")
	if i := strings.IndexAny(first, ".!?"); i > 20 {
		first = first[:i]
	}
	const max = 90
	if len(first) > max {
		cut := strings.LastIndex(first[:max], " ")
		if cut < 40 {
			cut = max
		}
		first = strings.TrimRight(first[:cut], " ,;:") + "…"
	}
	return first
}

func parseText(data []byte) (*Document, error) {
	if err := checkText(data); err != nil {
		return nil, err
	}
	return parseBody(normalizeNewlines(string(data)), true)
}

// parseBody recognises a title and byline at the head of text; plainTitle
// allows a short unpunctuated first line as the title.
func parseBody(text string, plainTitle bool) (*Document, error) {
	byline, source, rest := splitByline(text)
	title, body, ok := headingTitle(rest, plainTitle)
	if byline == "" && ok {
		// "Title\nBy … —\nbody"
		byline, source, body = splitByline(body)
	}
	doc := newDocument(body)
	doc.Byline, doc.Source, doc.Title = byline, source, title
	if doc.Title == "" {
		doc.Title = deriveTitle(doc.Text)
	}
	if len(doc.Paragraphs) == 0 {
		return nil, errors.New("empty document")
	}
	return doc, nil
}

// access is the metadata that limits where and when a document is cited:
// in Markdown front matter, a JSONL row, or a NAME.meta.yaml sidecar, read
// by metaFields.access alike from each. A source may give a key more than
// once (withdrawn and retracted, a sidecar beside front matter): every
// value counts, the latest embargo and any withdrawal winning.
type access struct {
	Embargo       []string
	Withdrawn     []metaFlag
	WithdrawnNote string
}

// apply adds the access metadata to doc, failing closed: the latest
// embargo wins and any withdrawal withdraws. A malformed embargo time or a
// withdrawn flag that is neither true nor false is an error, never
// silently ignored (the document would be quotable too early, or a
// retracted story quoted).
func (a access) apply(doc *Document) error {
	for _, e := range a.Embargo {
		if strings.TrimSpace(e) == "" {
			continue // "embargo:" left empty: none
		}
		t, err := parseEmbargo(e)
		if err != nil {
			return err
		}
		if t.After(doc.Embargo) || doc.Embargo.IsZero() {
			doc.Embargo = t
		}
	}
	for _, f := range a.Withdrawn {
		withdrawn, err := f.value()
		if err != nil {
			return err
		}
		doc.Withdrawn = doc.Withdrawn || withdrawn
	}
	doc.WithdrawnNote = first(doc.WithdrawnNote, strings.TrimSpace(a.WithdrawnNote))
	return nil
}

// parseEmbargo reads an embargo: an RFC 3339 time, kept to the instant
// with its offset, or a date alone, meaning midnight UTC. An offset RFC
// 3339 does not allow (beyond ±23:59) is refused: Go's time.Parse takes
// "+24:00", which would release the document a day early and cannot be
// written back as JSON.
func parseEmbargo(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	t, err := time.Parse(time.RFC3339, s)
	if err == nil && !rfc3339Offset(s) {
		return time.Time{}, fmt.Errorf("embargo %q: the offset is out of range (RFC 3339 allows -23:59 to +23:59)", s)
	}
	if err != nil {
		t, err = time.Parse("2006-01-02", s) // midnight UTC
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("embargo %q is not a time like 2026-12-01T09:00:00Z", s)
	}
	return t, nil
}

// rfc3339Offset reports whether the offset ending s, a time time.Parse
// read as RFC 3339, is one RFC 3339 allows: Z, or ±hh:mm with hh at most
// 23 and mm at most 59 (time.Parse accepts up to 24:60).
func rfc3339Offset(s string) bool {
	if strings.HasSuffix(s, "Z") || strings.HasSuffix(s, "z") {
		return true
	}
	if len(s) < 6 {
		return false
	}
	off := s[len(s)-6:]
	if (off[0] != '+' && off[0] != '-') || off[3] != ':' {
		return false
	}
	return off[1:3] <= "23" && off[4:6] <= "59"
}

// yamlText returns a YAML value as a string, accepting dates and numbers
// as written. A timestamp is its own text when it is a date alone
// ("2026-12-05") or RFC 3339, else (YAML's "2026-12-05 09:00:00") the
// time it decodes to in RFC 3339 with its offset and fraction: never a
// date alone for a time at midnight, which would lose the offset.
func yamlText(n *yaml.Node) (string, error) {
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!timestamp" {
		s := strings.TrimSpace(n.Value)
		if _, err := time.Parse("2006-01-02", s); err == nil {
			return s, nil
		}
		if _, err := time.Parse(time.RFC3339, s); err == nil {
			return s, nil
		}
		var t time.Time
		if err := n.Decode(&t); err != nil {
			return "", err
		}
		return t.Format(time.RFC3339Nano), nil
	}
	var v any
	if err := n.Decode(&v); err != nil {
		return "", err
	}
	return str(v), nil
}

// metaFlag is a yes-or-no field (withdrawn) as its source wrote it: the
// YAML scalar's or JSON value's text, read by parseFlag, and its key.
type metaFlag struct {
	raw string
	set bool
	key string
}

// value reads the flag with parseFlag; an unset flag is false.
func (f metaFlag) value() (bool, error) {
	if !f.set {
		return false, nil
	}
	return parseFlag(first(f.key, "withdrawn"), f.raw)
}

// parseFlag reads a yes-or-no metadata value, the one way for every
// format: true, yes, on, 1 or false, no, off, 0, in any case. Anything
// else is an error naming the field and the value.
func parseFlag(field, raw string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(raw)) {
	case "true", "yes", "on", "1":
		return true, nil
	case "false", "no", "off", "0":
		return false, nil
	}
	return false, fmt.Errorf("%s: %q is neither true nor false (use true/false, yes/no, on/off or 1/0)", field, raw)
}

// frontMatterReads names the keys Markdown front matter may have, for
// the warning about the others.
const frontMatterReads = "title, source, byline, author, url, published, date, embargo, withdrawn, withdrawn_note"

// parseMarkdown reads a Markdown document and its YAML front matter; it
// also returns the keys of the front matter it does not read.
func parseMarkdown(data []byte) (*Document, []string, error) {
	if err := checkText(data); err != nil {
		return nil, nil, err
	}
	text := normalizeNewlines(string(data))
	var (
		fm      metaFields
		acc     access
		unknown []string
	)
	if rest, ok := strings.CutPrefix(text, "---\n"); ok {
		header, body, found := strings.Cut(rest, "\n---")
		if !found {
			return nil, nil, errors.New("front matter opened with --- but never closed")
		}
		var err error
		if fm, err = yamlFields([]byte(header)); err != nil {
			return nil, nil, fmt.Errorf("front matter: %w", err)
		}
		if acc, unknown, err = fm.access("title", "source", "byline", "author", "url", "published", "date"); err != nil {
			return nil, nil, fmt.Errorf("front matter: %w", err)
		}
		_, body, _ = strings.Cut(body, "\n")
		text = body
	}
	doc, err := parseBody(text, fm.text("title") == "")
	if err != nil {
		return nil, nil, err
	}
	doc.Title = first(fm.text("title"), doc.Title)
	doc.Source = first(fm.text("source"), doc.Source)
	doc.Byline = first(fm.text("byline"), fm.text("author"), doc.Byline)
	doc.URL = fm.text("url")
	doc.Published = first(fm.text("published"), fm.text("date"))
	if err := acc.apply(doc); err != nil {
		return nil, nil, fmt.Errorf("front matter: %w", err)
	}
	return doc, unknown, nil
}

func str(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return strings.TrimSpace(x)
	case time.Time:
		// A date alone is midnight UTC; any other time keeps its instant.
		if x.Location() == time.UTC && x.Equal(x.Truncate(24*time.Hour)) {
			return x.Format("2006-01-02")
		}
		return x.Format(time.RFC3339Nano)
	default:
		return fmt.Sprint(x)
	}
}

func first(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

func parseHTML(data []byte) (*Document, error) {
	if err := checkText(data); err != nil {
		return nil, err
	}
	page, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("html: %w", err)
	}
	canonical := cleanHTML(page)
	art, err := readability.FromDocument(page, nil)
	if err != nil {
		return nil, fmt.Errorf("html: %w", err)
	}
	if art.Node == nil {
		return nil, errors.New("html: no article text found")
	}
	var buf bytes.Buffer
	if err := art.RenderText(&buf); err != nil {
		return nil, fmt.Errorf("html: %w", err)
	}
	// Readability separates blocks with newlines; make them paragraphs.
	var paras []string
	for line := range strings.SplitSeq(normalizeNewlines(buf.String()), "\n") {
		if line = strings.Join(strings.Fields(line), " "); line != "" {
			paras = append(paras, line)
		}
	}
	if len(paras) == 0 {
		return nil, errors.New("html: no article text found")
	}
	doc := newDocument(strings.Join(paras, "\n\n"))
	doc.Title = strings.TrimSpace(art.Title())
	doc.Byline = strings.TrimSpace(art.Byline())
	doc.Source = strings.TrimSpace(art.SiteName())
	doc.URL = canonical
	for _, sep := range []string{" | ", " - ", " — ", " – "} {
		if doc.Source != "" {
			doc.Title = strings.TrimSuffix(doc.Title, sep+doc.Source)
		}
	}
	if t, err := art.PublishedTime(); err == nil {
		doc.Published = t.Format(time.RFC3339)
	}
	if doc.Title == "" {
		doc.Title = deriveTitle(doc.Text)
	}
	return doc, nil
}

// parsePDF extracts a PDF's text in-process with PDFium (WebAssembly),
// or with the pdftotext command when Options.PDFToText names one. The text
// extracted counts against budget, the file's expansion budget (nil: one
// of DefaultMaxExpandedBytes of its own).
func parsePDF(ctx context.Context, data []byte, tool string, budget *expansion) (*Document, error) {
	if budget == nil {
		budget = newExpansion(DefaultMaxExpandedBytes)
	}
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		return nil, errors.New("not a PDF file")
	}
	var (
		paras []string
		meta  pdfMeta
	)
	if tool != "" {
		out, err := runPDFToText(ctx, data, tool)
		if err != nil {
			return nil, err
		}
		// pdftotext ends each page with a form feed; its pages go through
		// the same joining, and running header and footer removal, as PDFium's.
		paras = pdfParagraphs(strings.Split(out, "\f"))
	} else {
		pages, m, err := pdfRead(ctx, data)
		if err != nil {
			return nil, err
		}
		meta = m
		paras = pdfParagraphs(pages)
		if len(paras) == 0 && len(pages) > 0 {
			return nil, ErrScanned
		}
	}
	if len(paras) == 0 {
		return nil, errors.New("pdf has no extractable text (scanned image?)")
	}
	n := 0
	for _, p := range paras {
		n += len(p)
	}
	if err := budget.take(n); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	doc, err := parseText([]byte(strings.Join(paras, "\n\n")))
	if err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	// The document information's title and author, unless a tool left
	// its placeholder ("untitled", "Enscript Output", "Microsoft Word -
	// memo.docx"): then the first heading or line is the title.
	if t := meta.Title; !placeholderTitle(t) {
		doc.Title = t
	}
	if !placeholder(meta.Author) && doc.Byline == "" {
		doc.Byline = meta.Author
	}
	return doc, nil
}

// runPDFToText runs poppler's pdftotext on data.
func runPDFToText(ctx context.Context, data []byte, tool string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, tool, "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(data)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 200 {
			msg = msg[:200]
		}
		return "", fmt.Errorf("pdftotext: %v: %s", err, msg)
	}
	return out.String(), nil
}

// placeholder reports whether a PDF metadata value is empty or a tool's
// stand-in ("untitled", "(anonymous)", "unspecified").
func placeholder(v string) bool {
	switch strings.ToLower(strings.Trim(strings.TrimSpace(v), "()[]")) {
	case "", "untitled", "anonymous", "unspecified", "unknown", "none":
		return true
	}
	return false
}
