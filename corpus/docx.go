package corpus

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
	"time"
)

// Limits of the Word parser, which reads uploads and email attachments
// alike: a part of the file is read as a stream and refused, with the
// reason, past its uncompressed size, its nesting depth or its number of
// elements, so that a small crafted file (a zip bomb, "<a>" nested
// millions of times) costs memory in proportion to the limits, not to
// what the file claims.
const (
	// docxMaxPartBytes caps a part's uncompressed size (document.xml,
	// footnotes.xml).
	docxMaxPartBytes = DefaultMaxFileBytes
	// docxMaxPropsBytes caps docProps/core.xml, a few hundred bytes in practice.
	docxMaxPropsBytes = 1 << 20
	// docxMaxDepth caps the nesting of XML elements; real documents
	// nest a few dozen levels (tables in tables, text boxes).
	docxMaxDepth = 256
)

// docxMaxElements caps the XML elements of a part: a 32 MiB document.xml
// of real text has about 3 million. A variable so that tests can lower it.
var docxMaxElements = 4_000_000

// parseDOCX reads a Word document: its paragraphs in order, headings as
// lines of their own (without a full stop, so never quoted as sentences),
// tables as one paragraph a row, each cell named by its column's header
// ("Department: Parks; 2024: $3.4 million"), then footnotes; tracked
// changes as accepted (insertions kept, deletions dropped).
//
// Paragraphs styled Title, Subtitle, Author and Date (as pandoc writes
// them) are the document's title, byline and date, not its body; otherwise
// title and author come from docProps/core.xml. The file's creation time is
// not taken as a publication date.
//
// Every part read counts against budget, the file's expansion budget
// (nil: one of DefaultMaxExpandedBytes of its own).
func parseDOCX(data []byte, budget *expansion) (*Document, error) {
	if budget == nil {
		budget = newExpansion(DefaultMaxExpandedBytes)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("docx: not a Word file: %w", err)
	}
	body, err := docxWalk(zr, "word/document.xml", budget)
	if err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	paras := body.paras
	notes, err := docxWalk(zr, "word/footnotes.xml", budget)
	switch {
	case err == nil && len(notes.paras) > 0:
		paras = append(paras, "Footnotes")
		paras = append(paras, notes.paras...)
	case errors.Is(err, errDocxLimit):
		return nil, fmt.Errorf("docx: %w", err)
	}
	var kept []string
	for _, p := range paras {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			kept = append(kept, p)
		}
	}
	if len(kept) == 0 {
		return nil, errors.New("empty document")
	}
	doc := newDocument(strings.Join(kept, "\n\n"))
	props, err := docxCoreProps(zr, budget)
	if errors.Is(err, errDocxLimit) {
		return nil, fmt.Errorf("docx: %w", err)
	}
	doc.Title = body.meta.title
	if doc.Title == "" && !placeholder(props.Title) {
		doc.Title = strings.TrimSpace(props.Title)
	}
	if doc.Title != "" && body.meta.subtitle != "" {
		doc.Title += ": " + body.meta.subtitle
	}
	doc.Byline = strings.Join(body.meta.authors, ", ")
	if doc.Byline == "" {
		doc.Byline = strings.TrimSpace(props.Creator)
	}
	doc.Published = normalizeDate(body.meta.date)
	if doc.Title == "" {
		doc.Title = deriveTitle(doc.Text)
	}
	return doc, nil
}

// errDocxLimit marks a Word part refused for its size, depth or element count.
var errDocxLimit = errors.New("over a limit")

// docxLimitError is a refusal with its plain reason ("document.xml nests
// deeper than 256 levels"); it matches errDocxLimit.
type docxLimitError struct{ reason string }

func (e *docxLimitError) Error() string        { return e.reason }
func (e *docxLimitError) Is(target error) bool { return target == errDocxLimit }

// docxOpen opens a part of the file as a stream that fails with a
// docxLimitError past limit uncompressed bytes, or past what is left of
// the file's budget, whatever the zip header says.
func docxOpen(zr *zip.Reader, name string, limit int64, budget *expansion) (io.ReadCloser, error) {
	for _, f := range zr.File {
		if f.Name != name {
			continue
		}
		tooLarge := &docxLimitError{fmt.Sprintf("%s larger than %s uncompressed", name, mib(limit))}
		if f.UncompressedSize64 > uint64(limit) {
			return nil, tooLarge
		}
		if f.UncompressedSize64 > uint64(max(budget.left, 0)) {
			return nil, budget.exceeded()
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return &cappedReader{rc: rc, left: limit, err: tooLarge, budget: budget}, nil
	}
	return nil, fmt.Errorf("no %s: %w", name, fs.ErrNotExist)
}

func mib(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// cappedReader reads at most left bytes, and no more than its budget has
// left, then fails with err (or the budget's error) if more follow.
type cappedReader struct {
	rc     io.ReadCloser
	left   int64
	err    error
	budget *expansion
}

func (c *cappedReader) Read(p []byte) (int, error) {
	left, limitErr := c.left, c.err
	if c.budget != nil && c.budget.left < left {
		left, limitErr = c.budget.left, c.budget.exceeded()
	}
	if left <= 0 {
		var probe [1]byte
		n, err := c.rc.Read(probe[:])
		if n > 0 {
			return 0, limitErr
		}
		return 0, err
	}
	if int64(len(p)) > left {
		p = p[:left]
	}
	n, err := c.rc.Read(p)
	c.left -= int64(n)
	if c.budget != nil {
		c.budget.left -= int64(n)
	}
	return n, err
}

func (c *cappedReader) Close() error { return c.rc.Close() }

// docxCore is what docProps/core.xml says of the document.
type docxCore struct {
	Title   string `xml:"title"`
	Creator string `xml:"creator"`
}

func docxCoreProps(zr *zip.Reader, budget *expansion) (docxCore, error) {
	var props docxCore
	rc, err := docxOpen(zr, "docProps/core.xml", docxMaxPropsBytes, budget)
	if err != nil {
		return props, err
	}
	defer rc.Close()
	err = xml.NewDecoder(rc).Decode(&props)
	return props, err
}

// docxMeta is what the title block of a document (paragraphs styled
// Title, Subtitle, Author, Date) says.
type docxMeta struct {
	title, subtitle, date string
	authors               []string
}

// docxPart is a part's paragraphs and its title block.
type docxPart struct {
	paras []string
	meta  docxMeta
}

// docxTable is a table being read: its rows of cells, which rows Word
// marks as repeated headers, and whether its look marks the first row as
// a header (nil when it does not say).
type docxTable struct {
	rows       [][]string
	headerRows []bool
	firstRow   *bool
	row        []string
	header     bool
	cell       strings.Builder
}

// docxWalk streams WordprocessingML and returns its paragraphs: the text
// of w:t (and w:tab, w:br) outside deletions; a table row becomes one
// paragraph of its cells. It stops with a docxLimitError past the size,
// depth and element limits.
func docxWalk(zr *zip.Reader, name string, budget *expansion) (docxPart, error) {
	var out docxPart
	rc, err := docxOpen(zr, name, docxMaxPartBytes, budget)
	if err != nil {
		return out, err
	}
	defer rc.Close()
	short := name[strings.LastIndex(name, "/")+1:]
	dec := xml.NewDecoder(rc)
	var (
		cur      strings.Builder
		style    string
		inText   bool
		deleted  int // depth of w:del
		tables   []*docxTable
		depth    int
		elements int
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var limit *docxLimitError
			if errors.As(err, &limit) {
				return out, limit
			}
			return out, fmt.Errorf("%s: %w", short, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			elements++
			if depth > docxMaxDepth {
				return out, &docxLimitError{fmt.Sprintf("%s nests deeper than %d levels", short, docxMaxDepth)}
			}
			if elements > docxMaxElements {
				return out, &docxLimitError{fmt.Sprintf("%s has more than %d elements", short, docxMaxElements)}
			}
			switch t.Name.Local {
			case "del":
				deleted++
			case "t":
				inText = deleted == 0
			case "tab", "br":
				if deleted == 0 {
					cur.WriteByte(' ')
				}
			case "pStyle":
				style = attr(t, "val")
			case "tbl":
				tables = append(tables, &docxTable{})
			case "tblLook":
				if len(tables) > 0 {
					tables[len(tables)-1].firstRow = lookFirstRow(t)
				}
			case "tr":
				if len(tables) > 0 {
					tb := tables[len(tables)-1]
					tb.row, tb.header = nil, false
				}
			case "tblHeader":
				if len(tables) > 0 {
					v := strings.ToLower(attr(t, "val"))
					tables[len(tables)-1].header = v != "false" && v != "0" && v != "off"
				}
			case "tc":
				if len(tables) > 0 {
					tables[len(tables)-1].cell.Reset()
				}
			}
		case xml.EndElement:
			depth--
			switch t.Name.Local {
			case "del":
				deleted--
			case "t":
				inText = false
			case "p":
				text := strings.TrimSpace(cur.String())
				cur.Reset()
				if len(tables) > 0 {
					tb := tables[len(tables)-1]
					if text != "" {
						if tb.cell.Len() > 0 {
							tb.cell.WriteByte(' ')
						}
						tb.cell.WriteString(text)
					}
				} else if text != "" && !out.meta.take(style, text) {
					out.paras = append(out.paras, text)
				}
				style = ""
			case "tc":
				if len(tables) > 0 {
					tb := tables[len(tables)-1]
					tb.row = append(tb.row, strings.Join(strings.Fields(tb.cell.String()), " "))
					tb.cell.Reset()
				}
			case "tr":
				if len(tables) > 0 {
					tb := tables[len(tables)-1]
					tb.rows = append(tb.rows, tb.row)
					tb.headerRows = append(tb.headerRows, tb.header)
				}
			case "tbl":
				if len(tables) == 0 {
					break
				}
				rows := tables[len(tables)-1].render()
				tables = tables[:len(tables)-1]
				if len(tables) > 0 {
					// A table inside a cell: its rows are that cell's text.
					outer := tables[len(tables)-1]
					for _, r := range rows {
						if outer.cell.Len() > 0 {
							outer.cell.WriteByte(' ')
						}
						outer.cell.WriteString(r)
					}
				} else {
					out.paras = append(out.paras, rows...)
				}
			}
		case xml.CharData:
			if inText {
				cur.Write(t)
			}
		}
	}
	return out, nil
}

// take records a title-block paragraph (styled Title, Subtitle, Author
// or Date) and reports whether it was one.
func (m *docxMeta) take(style, text string) bool {
	switch strings.ToLower(style) {
	case "title":
		if m.title == "" {
			m.title = text
			return true
		}
	case "subtitle":
		if m.subtitle == "" {
			m.subtitle = text
			return true
		}
	case "author":
		m.authors = append(m.authors, strings.TrimPrefix(strings.TrimPrefix(text, "By "), "by "))
		return true
	case "date":
		if m.date == "" {
			m.date = text
			return true
		}
	}
	return false
}

func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// lookFirstRow reads w:tblLook: whether the table's style sets its first
// row apart as a header (w:firstRow="1", or bit 0x0020 of the older w:val).
func lookFirstRow(e xml.StartElement) *bool {
	var v bool
	if s := attr(e, "firstRow"); s != "" {
		v = s == "1" || s == "true" || s == "on"
		return &v
	}
	if s := attr(e, "val"); s != "" {
		if n, err := strconv.ParseUint(s, 16, 16); err == nil {
			v = n&0x0020 != 0
			return &v
		}
	}
	return nil
}

// render makes a paragraph of each row. When the table has a header row
// (marked as repeating, or set apart by the table's look, or, when the
// table does not say, its first row), each cell is named by its column's
// header and the header row itself is not repeated: "Department: Parks;
// 2024: $3.4 million". A table without a header, or of a header alone,
// has its cells separated by " | ".
func (tb *docxTable) render() []string {
	var header []string
	body := tb.rows
	switch {
	case len(tb.rows) > 0 && tb.headerRows[0]:
		n := 0
		for n < len(tb.rows) && tb.headerRows[n] {
			n++
		}
		header = tb.rows[n-1]
		for _, r := range tb.rows[:n-1] { // several header rows: a column's words in order
			for i := range min(len(r), len(header)) {
				if r[i] != "" && r[i] != header[i] {
					header[i] = r[i] + " " + header[i]
				}
			}
		}
		body = tb.rows[n:]
	case len(tb.rows) > 1 && (tb.firstRow == nil || *tb.firstRow):
		header, body = tb.rows[0], tb.rows[1:]
	}
	if len(body) == 0 || len(header) < 2 {
		body, header = tb.rows, nil
	}
	var out []string
	for _, row := range body {
		var cells []string
		for i, c := range row {
			if header == nil {
				cells = append(cells, c)
				continue
			}
			if c == "" {
				continue
			}
			if i < len(header) && header[i] != "" && header[i] != c {
				c = header[i] + ": " + c
			}
			cells = append(cells, c)
		}
		sep := "; "
		if header == nil {
			sep = " | "
		}
		if line := strings.Join(cells, sep); strings.Trim(line, " |") != "" {
			out = append(out, line)
		}
	}
	return out
}

// normalizeDate writes a date given in words ("October 8, 2026") as
// 2026-10-08, and leaves any other value as it is.
func normalizeDate(s string) string {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339, "2006-01-02", "January 2, 2006", "Jan 2, 2006", "Jan. 2, 2006", "2 January 2006", "Monday, January 2, 2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			if layout == time.RFC3339 {
				return t.Format(time.RFC3339)
			}
			return t.Format("2006-01-02")
		}
	}
	return s
}
