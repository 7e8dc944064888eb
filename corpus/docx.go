package corpus

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// parseDOCX reads a Word document: its paragraphs in order, headings as
// lines of their own (without a full stop, so never quoted as sentences),
// tables as rows of text with cells separated by " | ", then footnotes;
// tracked changes as accepted (insertions kept, deletions dropped). Title
// and author come from docProps/core.xml.
func parseDOCX(data []byte) (*Document, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("docx: not a Word file: %w", err)
	}
	part := func(name string) ([]byte, error) {
		f, err := zr.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return io.ReadAll(io.LimitReader(f, DefaultMaxFileBytes))
	}
	body, err := part("word/document.xml")
	if err != nil {
		return nil, fmt.Errorf("docx: no word/document.xml: %w", err)
	}
	paras, err := docxParagraphs(body)
	if err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	if notes, err := part("word/footnotes.xml"); err == nil {
		fn, err := docxParagraphs(notes)
		if err == nil && len(fn) > 0 {
			paras = append(paras, "Footnotes")
			paras = append(paras, fn...)
		}
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
	if core, err := part("docProps/core.xml"); err == nil {
		var props struct {
			Title   string `xml:"title"`
			Creator string `xml:"creator"`
			Created string `xml:"created"`
		}
		if xml.Unmarshal(core, &props) == nil {
			doc.Title, doc.Byline = strings.TrimSpace(props.Title), strings.TrimSpace(props.Creator)
			doc.Published = strings.TrimSpace(props.Created)
		}
	}
	if doc.Title == "" {
		doc.Title = deriveTitle(doc.Text)
	}
	return doc, nil
}

// docxParagraphs walks WordprocessingML and returns its paragraphs: the
// text of w:t (and w:tab, w:br) outside deletions; a table row becomes one
// paragraph of its cells.
func docxParagraphs(x []byte) ([]string, error) {
	dec := xml.NewDecoder(bytes.NewReader(x))
	var (
		paras      []string
		cur        strings.Builder
		inText     bool
		deleted    int // depth of w:del
		rowDepth   int
		cells      []string
		cellText   strings.Builder
		tableLevel int
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "del":
				deleted++
			case "t":
				inText = deleted == 0
			case "tab":
				if deleted == 0 {
					cur.WriteByte(' ')
				}
			case "br":
				if deleted == 0 {
					cur.WriteByte(' ')
				}
			case "tbl":
				tableLevel++
			case "tr":
				rowDepth++
				cells = cells[:0]
			case "tc":
				cellText.Reset()
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "del":
				deleted--
			case "t":
				inText = false
			case "p":
				if tableLevel > 0 {
					if cellText.Len() > 0 {
						cellText.WriteByte(' ')
					}
					cellText.WriteString(cur.String())
				} else {
					paras = append(paras, cur.String())
				}
				cur.Reset()
			case "tc":
				cells = append(cells, strings.TrimSpace(cellText.String()))
			case "tr":
				rowDepth--
				paras = append(paras, strings.Join(cells, " | "))
			case "tbl":
				tableLevel--
			}
		case xml.CharData:
			if inText {
				cur.Write(t)
			}
		}
	}
	return paras, nil
}
