package corpus

import (
	"bufio"
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

//go:embed bundled
var bundled embed.FS

// Bundled returns the corpus compiled into the binary: the seed documents.
func Bundled() fs.FS {
	sub, err := fs.Sub(bundled, "bundled")
	if err != nil {
		panic(err) // the directory is embedded at build time
	}
	return sub
}

// DefaultMaxFileBytes is the largest single document file Load accepts.
// JSONL archives may be larger; each of their lines must fit this limit.
const DefaultMaxFileBytes = 32 << 20

// Options tune loading. The zero value is ready to use.
type Options struct {
	// MaxFileBytes caps a document file's size; 0 means DefaultMaxFileBytes.
	MaxFileBytes int64
	// Previous, when set, is the last load of the same corpus: files whose
	// size, times and inode are unchanged, and their sidecars' content,
	// are not read again.
	Previous *Result
	// NewFileGrace, when set with Previous (a reload under watch), holds
	// back a document file that Previous did not have and that has no
	// sidecar until it is that old (since it last changed): its sidecar
	// (an embargo, say) may be on its way. Held files are listed in
	// Result.Held and are new again at the next load.
	NewFileGrace time.Duration
	// MaxExpandedBytes caps what one file may expand to (see
	// DefaultMaxExpandedBytes); 0 means the default.
	MaxExpandedBytes int64
	// PDFToText, when set, is the pdftotext command to read PDFs with;
	// by default they are read in-process with PDFium (WebAssembly).
	PDFToText string
}

func (o Options) maxBytes() int64 {
	if o.MaxFileBytes > 0 {
		return o.MaxFileBytes
	}
	return DefaultMaxFileBytes
}

// Skipped names a file (and line, for archives) that could not be loaded,
// or, with Warning set, a part of a loaded file that was not read (an
// unknown metadata key, an unreadable attachment).
type Skipped struct {
	Path    string
	Line    int // 1-based line of a JSONL archive, 0 for whole files
	Reason  string
	Warning bool `json:",omitempty"`
}

// String describes the skip as "path:line: reason", for people: a path
// with control characters or invalid UTF-8 is quoted (DisplayName), and
// such characters in the reason escaped.
// A warning reads "path: warning: reason".
func (s Skipped) String() string {
	reason := escapeControls(s.Reason)
	if s.Warning {
		reason = "warning: " + reason
	}
	if s.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", DisplayName(s.Path), s.Line, reason)
	}
	return fmt.Sprintf("%s: %s", DisplayName(s.Path), reason)
}

// Result is what a load found: the documents, in path order, and what it skipped.
type Result struct {
	Documents []*Document
	Skipped   []Skipped
	// Files records, per file of a directory corpus, its size and time and
	// what it gave, so that the next load (Options.Previous) reads only the
	// files that changed. Reread counts the files this load read.
	Files  map[string]FileState
	Reread int
	// Held are the new files held back for their sidecar
	// (Options.NewFileGrace): not loaded yet.
	Held []string
}

// FileState is one corpus file as a load found it.
type FileState struct {
	Size    int64
	ModTime time.Time
	// Stamp is the file's inode and status change time, which any write
	// changes (see stamp); Meta identifies the content of its sidecars.
	Stamp   string
	Meta    string
	Docs    []*Document
	Skipped []Skipped
}

// ErrNoDocuments is returned when a corpus holds no loadable document.
var ErrNoDocuments = errors.New("no loadable document")

// Load reads the corpus at root, a directory (walked recursively, hidden
// entries ignored) or a single file. Unreadable or malformed files are
// reported in Result.Skipped and the rest loads; a corpus with no loadable
// document at all is an error wrapping ErrNoDocuments.
func Load(ctx context.Context, root string, opts Options) (*Result, error) {
	info, err := os.Stat(root)
	if err != nil {
		return nil, fmt.Errorf("load corpus %s: %w", root, err)
	}
	if info.IsDir() {
		// Opened through an os.Root: no file is ever read from outside
		// the corpus, whatever links or renames happen during the load.
		dir, err := os.OpenRoot(root)
		if err != nil {
			return nil, fmt.Errorf("load corpus %s: %w", root, err)
		}
		defer dir.Close()
		res, err := LoadFS(ctx, dir.FS(), opts)
		if err != nil {
			return nil, fmt.Errorf("load corpus %s: %w", root, err)
		}
		return res, nil
	}
	res := &Result{}
	dir := namedFS{os.DirFS(filepath.Dir(root))}
	loadFile(ctx, dir, filepath.Base(root), sidecarsBeside(dir, filepath.Base(root)), opts, res)
	if err := finish(res); err != nil {
		return nil, fmt.Errorf("load corpus %s: %w", root, err)
	}
	return res, nil
}

// LoadFile reads the one document file at path (not an archive); a file
// Load would skip is an error giving the reason ("binary content, not text").
func LoadFile(ctx context.Context, path string, opts Options) (*Document, error) {
	res := &Result{}
	dir := namedFS{os.DirFS(filepath.Dir(path))}
	loadFile(ctx, dir, filepath.Base(path), sidecarsBeside(dir, filepath.Base(path)), opts, res)
	if len(res.Documents) > 0 {
		return res.Documents[0], nil
	}
	for _, s := range res.Skipped {
		if !s.Warning {
			return nil, errors.New(s.Reason)
		}
	}
	return nil, ErrNoDocuments
}

// namedFS is the folder of a file the caller named (Load of a single
// file, LoadFile): the file is read even through a symbolic link, as the
// caller chose it. It hides the folder's fs.ReadLinkFS from openFile.
type namedFS struct{ fsys fs.FS }

func (n namedFS) Open(name string) (fs.File, error) { return n.fsys.Open(name) }

// LoadFS is Load over a file system, such as Bundled(). Symbolic links
// are not followed: each is listed in Result.Skipped, so that a document
// is always read, and its collection decided, under its own path.
func LoadFS(ctx context.Context, fsys fs.FS, opts Options) (*Result, error) {
	res := &Result{Files: map[string]FileState{}}
	var paths, sidecarPaths []string
	states := map[string]FileState{}
	changedAt := map[string]time.Time{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			res.Skipped = append(res.Skipped, Skipped{Path: p, Reason: err.Error()})
			return nil
		}
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		name := d.Name()
		if p != "." && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !utf8.ValidString(name) {
			res.Skipped = append(res.Skipped, Skipped{Path: p, Reason: "file name is not valid UTF-8"})
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			res.Skipped = append(res.Skipped, Skipped{Path: p, Reason: errSymlink.Error()})
			if isSidecar(p) {
				sidecarPaths = append(sidecarPaths, p) // its document is skipped too
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if fi, err := d.Info(); err == nil {
			states[p] = FileState{Size: fi.Size(), ModTime: fi.ModTime(), Stamp: stamp(fi)}
			changedAt[p] = changed(fi)
		}
		if isSidecar(p) {
			sidecarPaths = append(sidecarPaths, p)
			return nil
		}
		paths = append(paths, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Each document's sidecars are read first (they are small); one that
	// matches no document is reported.
	sidecars, orphans := matchSidecars(fsys, paths, sidecarPaths)
	for _, o := range orphans {
		res.Skipped = append(res.Skipped, Skipped{Path: o, Reason: "sidecar matches no document (NAME.meta.yaml goes beside NAME or NAME.ext): not applied"})
	}
	// Files are read and parsed on every core; the results keep path order.
	parts := make([]Result, len(paths))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(paths), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				loadFile(ctx, fsys, paths[i], sidecars[paths[i]], opts, &parts[i])
			}
		}()
	}
	// A file is unchanged when it has the size, times and inode it had at
	// the previous load, and its sidecars the same content: an edit that
	// keeps the size and restores the modification time still changes
	// the status change time.
	unchanged := func(p string) (FileState, bool) {
		if opts.Previous == nil {
			return FileState{}, false
		}
		old, ok := opts.Previous.Files[p]
		now, seen := states[p]
		if !ok || !seen || old.Size != now.Size || !old.ModTime.Equal(now.ModTime) || old.Stamp != now.Stamp || old.Meta != sidecarDigest(sidecars[p]) {
			return FileState{}, false
		}
		return old, true
	}
	// A new file without a sidecar waits out the grace under watch.
	now := time.Now()
	held := make([]bool, len(paths))
	hold := func(p string) bool {
		if opts.NewFileGrace <= 0 || opts.Previous == nil || len(sidecars[p]) > 0 {
			return false
		}
		_, known := opts.Previous.Files[p]
		at, ok := changedAt[p]
		return !known && ok && now.Sub(at) < opts.NewFileGrace
	}
	for i, p := range paths {
		if ctx.Err() != nil {
			break
		}
		if hold(p) {
			held[i] = true
			res.Held = append(res.Held, p)
			continue
		}
		if old, ok := unchanged(p); ok {
			parts[i] = Result{Documents: old.Docs, Skipped: old.Skipped}
			continue
		}
		res.Reread++
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for i, p := range parts {
		if held[i] {
			continue // new again at the next load
		}
		res.Documents = append(res.Documents, p.Documents...)
		res.Skipped = append(res.Skipped, p.Skipped...)
		st := states[paths[i]]
		st.Docs, st.Skipped, st.Meta = p.Documents, p.Skipped, sidecarDigest(sidecars[paths[i]])
		res.Files[paths[i]] = st
	}
	if err := finish(res); err != nil {
		return nil, err
	}
	return res, nil
}

func finish(res *Result) error {
	// Two documents may claim one id (an archive repeating a row's id, an
	// email two attachments of one name): the first is kept, except that a
	// file's own document (its path, or "mail.eml#attachment") always wins
	// over a row of an archive.
	keep := make(map[string]int, len(res.Documents))
	for i, d := range res.Documents {
		j, seen := keep[d.ID]
		if !seen || ownDocument(d) && !ownDocument(res.Documents[j]) {
			keep[d.ID] = i
		}
	}
	docs := make([]*Document, 0, len(keep))
	for i, d := range res.Documents {
		if j := keep[d.ID]; j != i {
			res.Skipped = append(res.Skipped, Skipped{Path: d.Path, Reason: fmt.Sprintf("duplicate document id %q (kept the one from %s)", d.ID, DisplayName(res.Documents[j].Path))})
			continue
		}
		docs = append(docs, d)
	}
	res.Documents = docs
	if len(res.Documents) == 0 {
		var skipped []Skipped
		for _, s := range res.Skipped {
			if !s.Warning {
				skipped = append(skipped, s)
			}
		}
		if len(skipped) > 0 {
			return fmt.Errorf("%w (%d files skipped, first: %s)", ErrNoDocuments, len(skipped), skipped[0])
		}
		return ErrNoDocuments
	}
	return nil
}

// ownDocument reports whether d is a file's own document, named after
// the file's path, rather than a row of an archive ("a.jsonl:3").
func ownDocument(d *Document) bool {
	return d.ID == d.Path || strings.HasPrefix(d.ID, d.Path+"#")
}

// loadFile loads the documents of one file into res, each with the
// access metadata of the file's sidecars (read beforehand) applied, and
// records a skip on failure. A sidecar that cannot be read or applied
// skips the whole file.
func loadFile(ctx context.Context, fsys fs.FS, p string, sidecars []sidecar, opts Options, res *Result) {
	skip := func(reason string) { res.Skipped = append(res.Skipped, Skipped{Path: p, Reason: reason}) }
	if isSidecar(p) {
		return // a sidecar: read with its document
	}
	side, warnings, err := sidecarAccess(sidecars)
	if err != nil {
		skip(err.Error())
		return
	}
	var part Result
	loadDocuments(ctx, fsys, p, opts, &part)
	for _, doc := range part.Documents {
		if err := side.apply(doc); err != nil {
			skip(err.Error()) // not reached: sidecarAccess applied it once
			return
		}
	}
	res.Documents = append(res.Documents, part.Documents...)
	res.Skipped = append(res.Skipped, part.Skipped...)
	for _, w := range warnings {
		res.Skipped = append(res.Skipped, Skipped{Path: p, Reason: w, Warning: true})
	}
}

// loadDocuments parses one file into res by its format.
func loadDocuments(ctx context.Context, fsys fs.FS, p string, opts Options, res *Result) {
	skip := func(reason string) { res.Skipped = append(res.Skipped, Skipped{Path: p, Reason: reason}) }
	ext := strings.ToLower(path.Ext(p))
	if ext == ".jsonl" {
		if err := loadJSONL(ctx, fsys, p, opts, res); err != nil {
			skip(err.Error())
		}
		return
	}
	if ext == ".eml" || ext == ".mbox" {
		loadMail(ctx, fsys, p, ext, opts, res)
		return
	}
	if !slices.Contains([]string{".txt", ".text", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx"}, ext) {
		skip("unsupported format " + quoteExt(ext))
		return
	}
	data, err := readLimited(fsys, p, opts.maxBytes())
	if err != nil {
		skip(err.Error())
		return
	}
	var (
		doc     *Document
		unknown []string
	)
	switch ext {
	case ".txt", ".text":
		doc, err = parseText(data)
	case ".md", ".markdown":
		doc, unknown, err = parseMarkdown(data)
	case ".html", ".htm":
		doc, err = parseHTML(data)
	case ".pdf":
		doc, err = parsePDF(ctx, data, opts.PDFToText, newExpansion(opts.maxExpanded()))
	case ".docx":
		doc, err = parseDOCX(data, newExpansion(opts.maxExpanded()))
	}
	if err != nil {
		skip(err.Error())
		return
	}
	if len(unknown) > 0 {
		res.Skipped = append(res.Skipped, Skipped{Path: p, Reason: unknownKeys("front matter", unknown, frontMatterReads), Warning: true})
	}
	doc.ID = p
	doc.Path = p
	res.Documents = append(res.Documents, doc)
}

// loadMail loads an email (.eml) or an mbox archive of them: each message
// a document, each readable attachment a document of its own, named
// "mail.eml#attachment.pdf" and titled after the message.
func loadMail(ctx context.Context, fsys fs.FS, p, ext string, opts Options, res *Result) {
	data, err := readLimited(fsys, p, opts.maxBytes())
	if err != nil {
		res.Skipped = append(res.Skipped, Skipped{Path: p, Reason: err.Error()})
		return
	}
	msgs := [][]byte{data}
	if ext == ".mbox" {
		msgs = splitMbox(data)
	}
	budget := newExpansion(opts.maxExpanded()) // the whole file's, every message's attachments together
	for i, m := range msgs {
		id := p
		line := 0
		if ext == ".mbox" {
			id, line = fmt.Sprintf("%s#%d", p, i+1), i+1
		}
		doc, attached, warnings, err := parseEmail(ctx, m, opts, budget)
		for _, w := range warnings {
			res.Skipped = append(res.Skipped, Skipped{Path: p, Line: line, Reason: w, Warning: true})
		}
		if err != nil {
			res.Skipped = append(res.Skipped, Skipped{Path: p, Line: line, Reason: err.Error()})
			continue
		}
		doc.ID, doc.Path = id, p
		res.Documents = append(res.Documents, doc)
		for _, a := range attached {
			a.ID = id + "#" + a.Path
			a.Path = p
			res.Documents = append(res.Documents, a)
		}
	}
}

func quoteExt(ext string) string {
	if ext == "" {
		return "(no extension)"
	}
	return fmt.Sprintf("%q", ext)
}

// errSymlink is the reason a symbolic link in the corpus is skipped.
var errSymlink = errors.New("symbolic link, not followed")

// openFile opens the file p of fsys unless it is a symbolic link. Where
// fsys can tell (os.DirFS, os.Root's FS, fstest.MapFS), p is checked to be
// no link before it is opened, and the file opened to be the one checked,
// so that a link swapped in meanwhile is not followed either.
func openFile(fsys fs.FS, p string) (fs.File, error) {
	var before fs.FileInfo
	if _, ok := fsys.(fs.ReadLinkFS); ok {
		fi, err := fs.Lstat(fsys, p)
		if err != nil {
			return nil, fmt.Errorf("open: %w", err)
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			return nil, errSymlink
		}
		before = fi
	}
	f, err := fsys.Open(p)
	if err != nil {
		return nil, fmt.Errorf("open: %w", err)
	}
	if before != nil && os.SameFile(before, before) {
		if after, err := f.Stat(); err != nil || !os.SameFile(before, after) {
			f.Close()
			return nil, errors.New("open: file replaced while being opened")
		}
	}
	return f, nil
}

func readLimited(fsys fs.FS, p string, limit int64) ([]byte, error) {
	f, err := openFile(fsys, p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("file larger than %d bytes", limit)
	}
	return data, nil
}

// checkText rejects content that is not usable text.
func checkText(data []byte) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return errors.New("empty document")
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return errors.New("binary content, not text")
	}
	if !utf8.Valid(data) {
		return errors.New("not valid UTF-8 text")
	}
	return nil
}

// archiveLine is one document of a JSONL archive; its access fields are
// read as metadata (metaFields), like front matter's.
type archiveLine struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	URL       string `json:"url"`
	Published string `json:"published"`
	Source    string `json:"source"`
	Byline    string `json:"byline"`
	Text      string `json:"text"`
}

func loadJSONL(ctx context.Context, fsys fs.FS, p string, opts Options, res *Result) error {
	f, err := openFile(fsys, p)
	if err != nil {
		return err
	}
	defer f.Close()
	lines := newLineReader(f, opts.maxBytes())
	line := 0
	for {
		buf, err := lines.next()
		if err == io.EOF {
			break
		}
		line++
		if line%1000 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		if errors.Is(err, errLineTooLong) {
			res.Skipped = append(res.Skipped, Skipped{Path: p, Line: line, Reason: fmt.Sprintf("line longer than %d bytes", opts.maxBytes())})
			continue
		}
		if err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
		raw := bytes.TrimSpace(buf)
		if len(raw) == 0 {
			continue
		}
		skip := func(reason string) {
			res.Skipped = append(res.Skipped, Skipped{Path: p, Line: line, Reason: reason})
		}
		var a archiveLine
		if err := json.Unmarshal(raw, &a); err != nil {
			skip("malformed JSON: " + err.Error())
			continue
		}
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(raw, &fields); err != nil {
			skip("malformed JSON: " + err.Error())
			continue
		}
		acc, _, err := jsonFields(fields).access()
		if err != nil {
			skip(err.Error())
			continue
		}
		if strings.TrimSpace(a.Text) == "" {
			skip("no text")
			continue
		}
		if !utf8.ValidString(a.Text) {
			skip("text is not valid UTF-8")
			continue
		}
		doc := newDocument(normalizeNewlines(a.Text))
		doc.ID = rowID(p, line, a.ID)
		doc.Path = fmt.Sprintf("%s:%d", p, line)
		doc.Title = strings.TrimSpace(a.Title)
		doc.URL = strings.TrimSpace(a.URL)
		doc.Published = strings.TrimSpace(a.Published)
		doc.Source = strings.TrimSpace(a.Source)
		doc.Byline = strings.TrimSpace(a.Byline)
		if doc.Title == "" {
			doc.Title = deriveTitle(doc.Text)
		}
		if err := acc.apply(doc); err != nil {
			skip(err.Error())
			continue
		}
		res.Documents = append(res.Documents, doc)
	}
	return nil
}

// rowID is the document id of a JSONL row: its own id when that cannot be
// taken for a file's ("mhrag-0042": no ".", "/", "\\" or "#"), else the id
// namespaced by its file ("rows.jsonl#investigations/memo.md"), as a row
// without an id is ("rows.jsonl#3"). Every document a file gives has a
// "." in its id (the extension of its name, "memo.md", "tip.eml#a.pdf"),
// so no row can take another file's id, nor be cited under its path.
func rowID(file string, line int, id string) string {
	id = strings.TrimSpace(id)
	switch {
	case id == "":
		return fmt.Sprintf("%s#%d", file, line)
	case strings.ContainsAny(id, "./\\#"):
		return file + "#" + id
	}
	return id
}

// errLineTooLong is lineReader.next's error for a line over the limit.
var errLineTooLong = errors.New("line too long")

// lineReader reads the lines of an archive, each up to a limit. A line
// longer than its buffer is first measured by reading past it; when the
// source can seek, it is then read again into a buffer of its exact size
// if within the limit, so that an over-long line is never held in memory.
// (A source that cannot seek holds a line up to the limit.)
type lineReader struct {
	src   io.Reader
	seek  io.Seeker // nil when src cannot seek
	r     *bufio.Reader
	limit int64
	pos   int64 // offset in src of r's next byte
	buf   []byte
}

func newLineReader(r io.Reader, limit int64) *lineReader {
	l := &lineReader{src: r, r: bufio.NewReaderSize(r, 64<<10), limit: limit}
	if s, ok := r.(io.Seeker); ok {
		if pos, err := s.Seek(0, io.SeekCurrent); err == nil {
			l.seek, l.pos = s, pos
		}
	}
	return l
}

// next returns the next line without its newline (valid until the next
// call), errLineTooLong for a line over the limit (already read past), or
// io.EOF after the last line.
func (l *lineReader) next() ([]byte, error) {
	start := l.pos
	chunk, err := l.r.ReadSlice('\n')
	l.pos += int64(len(chunk))
	if err == nil || err == io.EOF && len(chunk) > 0 {
		return l.check(chunk)
	}
	if err != bufio.ErrBufferFull {
		return nil, err
	}
	// A line longer than the buffer.
	if l.seek == nil {
		return l.accumulate(chunk)
	}
	n := int64(len(chunk))
	for err == bufio.ErrBufferFull {
		chunk, err = l.r.ReadSlice('\n')
		n += int64(len(chunk))
		l.pos += int64(len(chunk))
	}
	if err != nil && err != io.EOF {
		return nil, err
	}
	length := n
	if len(chunk) > 0 && chunk[len(chunk)-1] == '\n' {
		length--
	}
	if length > l.limit {
		return nil, errLineTooLong
	}
	if _, err := l.seek.Seek(start, io.SeekStart); err != nil {
		return nil, err
	}
	l.buf = slices.Grow(l.buf[:0], int(n))[:n]
	_, err = io.ReadFull(l.src, l.buf)
	l.r.Reset(l.src)
	if err != nil {
		return nil, err
	}
	return l.check(l.buf)
}

// accumulate reads the rest of a line that began with first, holding at
// most the limit.
func (l *lineReader) accumulate(first []byte) ([]byte, error) {
	l.buf = append(l.buf[:0], first...)
	long := false
	for {
		chunk, err := l.r.ReadSlice('\n')
		l.pos += int64(len(chunk))
		if !long && int64(len(l.buf)+len(chunk)) > l.limit+1 { // +1: the newline
			long, l.buf = true, l.buf[:0]
		}
		if !long {
			l.buf = append(l.buf, chunk...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil && err != io.EOF {
			return nil, err
		}
		if long {
			return nil, errLineTooLong
		}
		return l.check(l.buf)
	}
}

// check drops the line's newline and refuses it over the limit.
func (l *lineReader) check(line []byte) ([]byte, error) {
	line = bytes.TrimSuffix(line, []byte("\n"))
	if int64(len(line)) > l.limit {
		return nil, errLineTooLong
	}
	return line, nil
}
