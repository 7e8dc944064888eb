package corpus

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// pdfiumPool is PDFium compiled to WebAssembly, shipped inside its Go module
// and run by wazero: no cgo, no system library. It is started once, on the
// first PDF, with no access to the host's files (documents are handed over
// as bytes).
//
// Compiling the 5.8 MB module costs seconds; the compiled code is cached in
// the user's cache directory (newsroom-bot/wazero), so that only the first
// start on a machine pays it.
var pdfiumPool = sync.OnceValues(func() (pdfium.Pool, error) {
	// The module needs WebAssembly exception handling (PDFium's setjmp).
	rc := wazero.NewRuntimeConfig().WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling)
	if dir, err := os.UserCacheDir(); err == nil {
		if cache, err := wazero.NewCompilationCacheWithDir(filepath.Join(dir, "newsroom-bot", "wazero")); err == nil {
			rc = rc.WithCompilationCache(cache)
		}
	}
	return webassembly.Init(webassembly.Config{MinIdle: 1, MaxIdle: runtime.NumCPU(), MaxTotal: runtime.NumCPU(), FSConfig: wazero.NewFSConfig(), RuntimeConfig: rc})
})

// ErrScanned means a PDF has pages but no text layer: a scan.
var ErrScanned = errors.New("scanned: no text layer")

// pdfMeta is a PDF's document information: title and author.
type pdfMeta struct{ Title, Author string }

// pdfRead returns the text of each page and the document information.
func pdfRead(ctx context.Context, data []byte) ([]string, pdfMeta, error) {
	var meta pdfMeta
	pool, err := pdfiumPool()
	if err != nil {
		return nil, meta, fmt.Errorf("pdfium: %w", err)
	}
	inst, err := pool.GetInstanceWithContext(ctx)
	if err != nil {
		return nil, meta, fmt.Errorf("pdfium: %w", err)
	}
	defer inst.Close()
	doc, err := inst.OpenDocument(&requests.OpenDocument{File: &data})
	if err != nil {
		return nil, meta, fmt.Errorf("pdf: %w", err)
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	count, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	if err != nil {
		return nil, meta, fmt.Errorf("pdf: %w", err)
	}
	pages := make([]string, 0, count.PageCount)
	for i := range count.PageCount {
		if err := ctx.Err(); err != nil {
			return nil, meta, err
		}
		text, err := inst.GetPageText(&requests.GetPageText{Page: requests.Page{ByIndex: &requests.PageByIndex{Document: doc.Document, Index: i}}})
		if err != nil {
			return nil, meta, fmt.Errorf("pdf page %d: %w", i+1, err)
		}
		pages = append(pages, text.Text)
	}
	for tag, dst := range map[string]*string{"Title": &meta.Title, "Author": &meta.Author} {
		if v, err := inst.FPDF_GetMetaText(&requests.FPDF_GetMetaText{Document: doc.Document, Tag: tag}); err == nil {
			*dst = strings.TrimSpace(v.Value)
		}
	}
	return pages, meta, nil
}

// digitsRE finds numbers, so that "Page 3 of 40" repeats as "Page # of #".
var digitsRE = regexp.MustCompile(`\d+`)

// furnitureKey is what a running header or footer repeats: a short line
// with its numbers masked ("Page # of #"), a longer one as it is.
func furnitureKey(l string) string {
	if len(l) <= 40 {
		return digitsRE.ReplaceAllString(l, "#")
	}
	return l
}

// pdfParagraphs rebuilds paragraphs from pages of lines: a header or
// footer line repeated on most pages (page numbers aside) is dropped, a
// word hyphenated across lines is joined, and a paragraph ends at a blank
// line, or at a line that ends a sentence well short of the usual width.
func pdfParagraphs(pages []string) []string {
	lines := make([][]string, len(pages))
	repeats := map[string]int{}
	for i, p := range pages {
		for l := range strings.SplitSeq(normalizeNewlines(p), "\n") {
			lines[i] = append(lines[i], strings.TrimSpace(l))
		}
		seen := map[string]bool{}
		for _, l := range edgeLines(lines[i]) {
			if key := furnitureKey(l); !seen[key] {
				seen[key] = true
				repeats[key]++
			}
		}
	}
	furniture := func(l string) bool {
		return len(pages) >= 2 && repeats[furnitureKey(l)]*2 > len(pages)
	}
	widest := 0
	for _, page := range lines {
		for _, l := range page {
			widest = max(widest, len(l))
		}
	}
	var paras []string
	var cur strings.Builder
	flush := func() {
		if p := strings.TrimSpace(cur.String()); p != "" {
			paras = append(paras, p)
		}
		cur.Reset()
	}
	for _, page := range lines {
		edges := edgeLines(page)
		for _, l := range page {
			if l == "" {
				flush()
				continue
			}
			if furniture(l) && isEdge(l, edges) {
				continue
			}
			switch s := cur.String(); {
			case s == "":
			case strings.HasSuffix(s, "-") && len(l) > 0 && l[0] >= 'a' && l[0] <= 'z':
				cur.Reset()
				cur.WriteString(strings.TrimSuffix(s, "-"))
			default:
				cur.WriteByte(' ')
			}
			cur.WriteString(l)
			if endsSentence(l) && len(l) < widest*3/4 {
				flush()
			}
		}
		// A page break ends a paragraph only where a sentence ends: a
		// sentence running over the page (or column) stays whole.
		if endsSentence(strings.TrimSpace(cur.String())) {
			flush()
		}
	}
	flush()
	return paras
}

// edgeLines are the first two and last two non-empty lines of a page, where
// running headers and footers sit.
func edgeLines(page []string) []string {
	var nonEmpty []string
	for _, l := range page {
		if l != "" {
			nonEmpty = append(nonEmpty, l)
		}
	}
	if len(nonEmpty) <= 4 {
		return nonEmpty
	}
	return append(nonEmpty[:2:2], nonEmpty[len(nonEmpty)-2:]...)
}

func isEdge(l string, edges []string) bool {
	for _, e := range edges {
		if e == l {
			return true
		}
	}
	return false
}

// endsSentence reports whether a line ends a sentence: a full stop,
// question or exclamation mark or colon, perhaps inside closing quotes or
// brackets ("(Section 3.)").
func endsSentence(l string) bool {
	l = strings.TrimRight(l, ")]\"'”’» ")
	return l != "" && strings.ContainsAny(l[len(l)-1:], ".!?:")
}
