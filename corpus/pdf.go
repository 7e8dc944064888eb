package corpus

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

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
		text, err := pdfPageText(inst, requests.Page{ByIndex: &requests.PageByIndex{Document: doc.Document, Index: i}})
		if err != nil {
			return nil, meta, fmt.Errorf("pdf page %d: %w", i+1, err)
		}
		pages = append(pages, text)
	}
	for tag, dst := range map[string]*string{"Title": &meta.Title, "Author": &meta.Author} {
		if v, err := inst.FPDF_GetMetaText(&requests.FPDF_GetMetaText{Document: doc.Document, Tag: tag}); err == nil {
			*dst = strings.TrimSpace(v.Value)
		}
	}
	return pages, meta, nil
}

// pdfPageText returns a page's text, a line a row, with an empty line
// where the gap between two lines is clearly wider than the page's usual
// line spacing: the blank line between two paragraphs of a typed page
// (enscript, a word processor without paragraph spacing in the text).
func pdfPageText(inst pdfium.Pdfium, page requests.Page) (string, error) {
	tp, err := inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: page})
	if err != nil {
		return "", err
	}
	defer inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	count, err := inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
	if err != nil {
		return "", err
	}
	if count.Count <= 0 {
		return "", nil
	}
	text, err := inst.FPDFText_GetText(&requests.FPDFText_GetText{TextPage: tp.TextPage, Count: count.Count})
	if err != nil {
		return "", err
	}
	// Each line and the text page index of its first visible character
	// (one index a character; the line breaks are characters too).
	type line struct {
		text  string
		first int // -1 for a line of spaces
	}
	var lines []line
	start, first, idx := 0, -1, 0
	raw := strings.TrimRight(text.Text, "\x00")
	for i, r := range raw {
		switch {
		case r == '\n':
			lines = append(lines, line{strings.TrimRight(raw[start:i], "\r"), first})
			start, first = i+1, -1
		case first < 0 && !unicode.IsSpace(r) && r != 0:
			first = idx
		}
		idx++
	}
	lines = append(lines, line{raw[start:], first})
	// The baseline of each line, and the usual step from one line to the
	// next: a low quantile of the steps, as a page of short paragraphs has
	// nearly as many paragraph gaps as line steps.
	ys := make([]float64, len(lines))
	var steps []float64
	for i, l := range lines {
		ys[i] = math.NaN()
		if l.first < 0 {
			continue
		}
		o, err := inst.FPDFText_GetCharOrigin(&requests.FPDFText_GetCharOrigin{TextPage: tp.TextPage, Index: l.first})
		if err != nil {
			break
		}
		ys[i] = o.Y
		if i > 0 && !math.IsNaN(ys[i-1]) && ys[i-1]-ys[i] > 0.5 {
			steps = append(steps, ys[i-1]-ys[i])
		}
	}
	step := 0.0
	if len(steps) >= 3 {
		slices.Sort(steps)
		step = steps[len(steps)/4]
	}
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
			// A gap of 1.6 lines or more, going down the page: a blank line.
			if step > 0 && !math.IsNaN(ys[i]) && !math.IsNaN(ys[i-1]) && ys[i-1]-ys[i] >= 1.6*step {
				b.WriteByte('\n')
			}
		}
		b.WriteString(strings.ReplaceAll(l.text, "\x00", ""))
	}
	return b.String(), nil
}

// digitsRE finds numbers, so that "Page 3 of 40" repeats as "Page # of #".
var digitsRE = regexp.MustCompile(`\d+`)

// furnitureKey is what a running header or footer repeats: a short line
// with its numbers masked ("Page # of #"), and so a longer one made of a
// date, a time or a page number ("water-report.txt Sat Dec 05 07:30:28
// 2026 3": three numbers or more); a longer line of prose as it is, as
// "met on day 2 of the inquiry" is text, not furniture.
func furnitureKey(l string) string {
	if len(l) <= 40 || len(digitsRE.FindAllStringIndex(l, 3)) == 3 {
		return digitsRE.ReplaceAllString(l, "#")
	}
	return l
}

// edgeDepth is how many lines at the top and at the bottom of a page may
// be running header or footer, page numbers aside: pdftotext writes an
// enscript header as three lines (name, date, page number).
const edgeDepth = 2

// pageNumberRE matches a masked page number line: "#", "Page # of #", "- # -".
var pageNumberRE = regexp.MustCompile(`(?i)^[\s\-–—]*(page\s*)?#(\s*(of|/)\s*#)?[\s\-–—]*$`)

// dropRunning removes each page's running header and footer: the lines
// at its top and bottom, in a row, that repeat (numbers aside) at the
// same edge of more than half of the pages with text.
func dropRunning(pages [][]string) [][]string {
	top, bottom := map[string]int{}, map[string]int{}
	withText := 0
	count := func(lines []string, into map[string]int) {
		seen := map[string]bool{}
		for _, l := range lines {
			if key := furnitureKey(l); !seen[key] {
				seen[key] = true
				into[key]++
			}
		}
	}
	for _, page := range pages {
		head, foot := edgeLines(page)
		if len(head) == 0 {
			continue
		}
		withText++
		count(head, top)
		count(foot, bottom)
	}
	if withText < 2 {
		return pages
	}
	running := func(count map[string]int, l string) bool { return count[furnitureKey(l)]*2 > withText }
	out := make([][]string, len(pages))
	for i, page := range pages {
		lo, hi := 0, len(page)
		for dropped := 0; lo < hi; lo++ {
			if page[lo] == "" {
				continue
			}
			if !running(top, page[lo]) || dropped == edgeDepth && !pageNumberRE.MatchString(furnitureKey(page[lo])) {
				break
			}
			dropped++
		}
		for dropped := 0; hi > lo; hi-- {
			if page[hi-1] == "" {
				continue
			}
			if !running(bottom, page[hi-1]) || dropped == edgeDepth && !pageNumberRE.MatchString(furnitureKey(page[hi-1])) {
				break
			}
			dropped++
		}
		out[i] = page[lo:hi]
	}
	return out
}

// pdfParagraphs rebuilds paragraphs from pages of lines: a running header
// or footer (dropRunning) is dropped, a word hyphenated across lines is
// joined, and a paragraph ends at a blank line, or at a line that ends a
// sentence well short of the usual width.
func pdfParagraphs(pages []string) []string {
	lines := make([][]string, len(pages))
	for i, p := range pages {
		for l := range strings.SplitSeq(normalizeNewlines(p), "\n") {
			lines[i] = append(lines[i], strings.TrimSpace(l))
		}
	}
	lines = dropRunning(lines)
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
	// heading reports whether line j of a page stands alone as a heading: a
	// short line without closing punctuation, after a break and before a
	// line starting with a capital ("Millbrook water report" above the
	// first paragraph, when pdftotext leaves no blank line between them).
	heading := func(page []string, j int) bool {
		l := page[j]
		if j+1 >= len(page) || len(l) >= widest/2 || endsSentence(l) || strings.ContainsAny(l[len(l)-1:], ",;-") {
			return false
		}
		next, _ := utf8.DecodeRuneInString(page[j+1])
		prevBreak := j == 0 || page[j-1] == ""
		return prevBreak && unicode.IsUpper(next)
	}
	for _, page := range lines {
		for j, l := range page {
			if l == "" {
				flush()
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
			if endsSentence(l) && len(l) < widest*3/4 || heading(page, j) {
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

// edgeLines are the first and last edgeDepth+1 non-empty lines of a page
// (a page number may come third), where running headers and footers sit.
func edgeLines(page []string) (head, foot []string) {
	var nonEmpty []string
	for _, l := range page {
		if l != "" {
			nonEmpty = append(nonEmpty, l)
		}
	}
	return nonEmpty[:min(edgeDepth+1, len(nonEmpty))], nonEmpty[max(0, len(nonEmpty)-edgeDepth-1):]
}

// placeholderTitle reports whether a document's metadata title is no
// title: empty, a stand-in ("untitled"), the name of the program that
// made the file ("Enscript Output", "Microsoft Word - memo.docx") or a
// file name ("memo.docx").
func placeholderTitle(t string) bool {
	t = strings.TrimSpace(t)
	if placeholder(t) {
		return true
	}
	lower := strings.ToLower(t)
	for _, prefix := range []string{"microsoft word - ", "microsoft powerpoint - ", "microsoft excel - ", "untitled"} {
		if strings.HasPrefix(lower, prefix) {
			return true
		}
	}
	// A program's stand-in, perhaps numbered ("Document1", "Slide 1").
	switch strings.TrimRight(lower, " 0123456789-_.") {
	case "document", "enscript output", "slide", "presentation", "powerpoint presentation", "title", "new document", "book":
		return true
	}
	return fileNameRE.MatchString(t)
}

// fileNameRE matches a title that is a file name ("memo.docx", "C:\tmp\a.txt").
var fileNameRE = regexp.MustCompile(`(?i)^\S*\.(txt|text|docx?|odt|rtf|pdf|ps|html?|md|pages|wpd|indd|xlsx?|pptx?|tex|dvi)$`)

// endsSentence reports whether a line ends a sentence: a full stop,
// question or exclamation mark or colon, perhaps inside closing quotes or
// brackets ("(Section 3.)").
func endsSentence(l string) bool {
	l = strings.TrimRight(l, ")]\"'”’» ")
	return l != "" && strings.ContainsAny(l[len(l)-1:], ".!?:")
}
