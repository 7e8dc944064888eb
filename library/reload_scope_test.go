package library

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/newsroom/askbot/access"
	"github.com/newsroom/askbot/config"
	"github.com/newsroom/askbot/retrieval"
)

// The memo a reload brings in together with the restricted collection it
// is filed in: no version of the corpus holds it open.
const (
	memoPath     = "investigations/memo.md"
	memoText     = "---\ntitle: Dredging memo\n---\nThe harbour dredging contract was awarded to Quayside Holdings without a tender.\n"
	memoQuestion = "Who was awarded the harbour dredging contract without a tender?"
	openConfig   = "corpus: %s\n"
	restricted   = "corpus: %s\ncollections:\n  - {name: investigations, path: investigations, restricted: true, members: [UEDITOR]}\n"
)

// reporter asks in their direct messages and is no member of the
// restricted collection.
var reporter = access.Place{Channel: "DREPORTER", User: "UREPORTER", DM: true}

// flipper reloads a corpus whose memo and restricted collection come and
// go together.
type flipper struct {
	t        *testing.T
	dir, cfg string
	lib      *Library
	st       Store
	// during, when set, is asked in each reload once the store serves the
	// new corpus and before the reload returns.
	during func()
}

func newFlipper(t *testing.T) *flipper {
	t.Helper()
	return newFlipperOn(t, func(dir string) Store { return openIndex(t, indexConfig(t, dir, t.TempDir())) })
}

// newFlipperOn is a flipper whose corpus open returns the store of
// (an in-process index, or a shared store it writes once first).
func newFlipperOn(t *testing.T, open func(dir string) Store) *flipper {
	t.Helper()
	dir := newCorpus(t, map[string]string{"rates.txt": ratesText, "storm.txt": stormText})
	cfgFile := filepath.Join(t.TempDir(), "bot.yaml")
	f := &flipper{t: t, dir: dir, cfg: cfgFile}
	f.configure(openConfig)
	getenv := func(string) string { return "" }
	cfg, err := config.Load(cfgFile, getenv)
	if err != nil {
		t.Fatal(err)
	}
	f.st = open(dir)
	f.lib = New(midReload{f.st, &f.during}, &cfg, getenv, discard)
	return f
}

// midReload is a store that, once an update has made its new corpus the
// one served and before the update returns to the library, asks during:
// a question that comes while the library finishes the reload.
type midReload struct {
	Store
	during *func()
}

func (m midReload) Update(ctx context.Context, u Update) (*Report, error) {
	rep, err := m.Store.Update(ctx, u)
	if err == nil && *m.during != nil {
		(*m.during)()
	}
	return rep, err
}

func (f *flipper) configure(format string) {
	f.t.Helper()
	writeFiles(f.t, filepath.Dir(f.cfg), map[string]string{"bot.yaml": fmt.Sprintf(format, f.dir)})
}

// restrict adds the memo and makes its collection restricted, in one reload.
func (f *flipper) restrict() {
	f.t.Helper()
	f.configure(restricted)
	writeFiles(f.t, f.dir, map[string]string{memoPath: memoText})
	if _, err := f.lib.Reload(f.t.Context(), func(string) {}); err != nil {
		f.t.Fatal(err)
	}
}

// open removes the memo and the collection, in one reload.
func (f *flipper) open() {
	f.t.Helper()
	f.configure(openConfig)
	if err := os.Remove(filepath.Join(f.dir, memoPath)); err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.lib.Reload(f.t.Context(), func(string) {}); err != nil {
		f.t.Fatal(err)
	}
}

// sees reports whether a question whose scope is pl's, as the library
// gives it, finds the memo.
func sees(tb testing.TB, st Store, scope func(*retrieval.Filter)) bool {
	tb.Helper()
	var f retrieval.Filter
	scope(&f)
	_, res, err := st.Searcher().Search(tb.Context(), memoQuestion, f, retrieval.SearchOptions{K: 3})
	if err != nil {
		tb.Error(err)
		return false
	}
	for _, h := range res.Hits {
		if h.Doc.ID == memoPath {
			return true
		}
	}
	return false
}

// A question whose scope was read before a reload that adds the memo in
// a restricted collection, and that searches after it, reads the scope
// in the settings of the corpus it searches: the reporter never sees the
// memo, the editor does.
func TestAQuestionReadsItsScopeInTheCorpusItSearches(t *testing.T) {
	f := newFlipper(t)
	asReporter, asEditor := scopeOf(f.lib, reporter), scopeOf(f.lib, access.Place{Channel: "DEDITOR", User: "UEDITOR", DM: true})
	f.restrict()
	if sees(t, f.st, asReporter) {
		t.Error("the reporter saw the restricted memo: the scope read before the reload was applied to the corpus after it")
	}
	if !sees(t, f.st, asEditor) {
		t.Error("the editor, a member, did not see the memo")
	}
	if !sees(t, f.st, scopeOf(f.lib, access.Place{})) {
		t.Error("the operator did not see the memo")
	}
}

// Questions asked while reloads bring the memo in with its restricted
// collection and take both out again never show the reporter the memo:
// each question sees one reload's corpus with that reload's settings.
func TestReloadsNeverShowARestrictedDocumentHalfway(t *testing.T) {
	f := newFlipper(t)
	const reloads, askers = 40, 3
	done := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	leaks, asked := 0, 0
	ask := func() {
		leaked := sees(t, f.st, scopeOf(f.lib, reporter))
		mu.Lock()
		defer mu.Unlock()
		asked++
		if leaked {
			leaks++
		}
	}
	// One question in each reload's last step, whatever the scheduling,
	// and askers asking throughout.
	f.during = ask
	for range askers {
		wg.Go(func() {
			for {
				select {
				case <-done:
					return
				default:
				}
				ask()
			}
		})
	}
	for i := range reloads {
		if i%2 == 0 {
			f.restrict()
		} else {
			f.open()
		}
	}
	close(done)
	wg.Wait()
	if leaks > 0 {
		t.Errorf("the reporter saw the restricted memo in %d of %d questions asked during %d reloads", leaks, asked, reloads)
	}
	t.Logf("%d questions during %d reloads", asked, reloads)
}

// scopeOf is how a question asked at pl is scoped, as the bot's question
// paths scope it (answer.Request.Asker): the library's asker, read in the
// settings of the version the search pins.
func scopeOf(lib *Library, pl access.Place) func(*retrieval.Filter) {
	asker := lib.Asker(pl)
	return func(f *retrieval.Filter) { f.Asker = asker }
}
