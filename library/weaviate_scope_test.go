package library

import (
	"os"
	"sync"
	"testing"

	"github.com/newsroom/askbot/access"
	"github.com/newsroom/askbot/config"
	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/indexcache"
	"github.com/newsroom/askbot/internal/testutil/weaviatetest"
	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/weaviate"
)

// The Weaviate tests start a real server (see weaviatetest), inside a
// network namespace of their own; the others run there as well.
func TestMain(m *testing.M) {
	if code, done := weaviatetest.InNamespace(m); done {
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// editor is a member of the restricted collection, asking in their
// direct messages.
var editor = access.Place{Channel: "DEDITOR", User: "UEDITOR", DM: true}

// sharedStore is the Weaviate store called name on s, holding the corpus
// in dir: each call is another process's view of it (its own client and
// store), as a replica has.
func sharedStore(t *testing.T, s *weaviatetest.Server, name, dir string) (Store, *weaviate.Store) {
	t.Helper()
	c, err := weaviate.New(s.URL, "", weaviate.WithGRPC(s.GRPC))
	if err != nil {
		t.Fatal(err)
	}
	st, err := weaviate.NewStore(c, name, weaviate.ClassOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return OpenWeaviate(st, indexcache.Config{Corpus: dir, Embedder: gloveEmbedder(t)}), st
}

// newWeaviateFlipper is a flipper on a Weaviate store called name, its
// corpus written once under the open configuration.
func newWeaviateFlipper(t *testing.T, s *weaviatetest.Server, name string) *flipper {
	t.Helper()
	f := newFlipperOn(t, func(dir string) Store {
		st, _ := sharedStore(t, s, name, dir)
		return st
	})
	if _, err := f.lib.Reload(t.Context(), func(string) {}); err != nil {
		t.Fatal(err)
	}
	return f
}

// A question asked once a reload has published the memo in its
// restricted collection, and before the reload returns to the library
// (whose policy in force is still the open one), reads its scope in the
// collection settings of the version it searches: the reporter never
// sees the memo, the editor does, during the reload and after it.
func TestAWeaviateQuestionReadsItsScopeInTheVersionItSearches(t *testing.T) {
	f := newWeaviateFlipper(t, weaviatetest.Start(t), "Flip")
	asReporter, asEditor := scopeOf(f.lib, reporter), scopeOf(f.lib, editor)
	if sees(t, f.st, scopeOf(f.lib, access.Place{})) {
		t.Fatal("the memo is there before the reload")
	}
	duringReporter, duringEditor, asked := false, false, false
	f.during = func() {
		asked = true
		duringReporter, duringEditor = sees(t, f.st, asReporter), sees(t, f.st, asEditor)
	}
	f.restrict()
	if !asked {
		t.Fatal("no question was asked during the reload")
	}
	if duringReporter {
		t.Error("during the reload, the reporter saw the restricted memo: the version's corpus was read with the policy in force before it")
	}
	if !duringEditor {
		t.Error("during the reload, the editor, a member, did not see the memo")
	}
	f.during = nil
	if sees(t, f.st, asReporter) {
		t.Error("after the reload, the reporter saw the restricted memo")
	}
	if !sees(t, f.st, asEditor) {
		t.Error("after the reload, the editor did not see the memo")
	}
	if !sees(t, f.st, scopeOf(f.lib, access.Place{})) {
		t.Error("the operator did not see the memo")
	}
}

// Questions asked while reloads write the memo in with its restricted
// collection and take both out again never show the reporter the memo,
// whether asked throughout or inside each reload's last step.
func TestWeaviateReloadsNeverShowARestrictedDocumentHalfway(t *testing.T) {
	f := newWeaviateFlipper(t, weaviatetest.Start(t), "Stress")
	const reloads, askers = 8, 2
	done := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	leaks, inside, asked := 0, 0, 0
	ask := func(during bool) {
		leaked := sees(t, f.st, scopeOf(f.lib, reporter))
		mu.Lock()
		defer mu.Unlock()
		asked++
		if during {
			inside++
		}
		if leaked {
			leaks++
		}
	}
	f.during = func() { ask(true) }
	for range askers {
		wg.Go(func() {
			for {
				select {
				case <-done:
					return
				default:
				}
				ask(false)
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
	if inside != reloads {
		t.Errorf("%d questions inside %d reloads", inside, reloads)
	}
	if leaks > 0 {
		t.Errorf("the reporter saw the restricted memo in %d of %d questions asked during %d reloads", leaks, asked, reloads)
	}
	t.Logf("%d questions during %d reloads", asked, reloads)
}

// Two replicas share one Weaviate store: one reloads a configuration
// that brings the memo in with its restricted collection; the other,
// which has not read its configuration again (its policy in force has no
// collections), answers from the version the first wrote with that
// version's settings: its reporter does not see the memo, its editor does.
func TestAReplicaReadsTheScopeOfTheVersionAnotherWrote(t *testing.T) {
	s := weaviatetest.Start(t)
	a := newWeaviateFlipper(t, s, "Replicas")
	other, _ := sharedStore(t, s, "Replicas", a.dir)
	b := New(other, &config.Config{}, func(string) string { return "" }, discard)
	if sees(t, other, scopeOf(b, reporter)) {
		t.Fatal("the memo is there before the reload")
	}
	a.restrict()
	if sees(t, other, scopeOf(b, reporter)) {
		t.Error("the other replica showed its reporter the restricted memo: it read the version another wrote with its own policy")
	}
	if !sees(t, other, scopeOf(b, editor)) {
		t.Error("the other replica did not show the editor, a member, the memo")
	}
	if !sees(t, other, scopeOf(b, access.Place{})) {
		t.Error("the other replica did not show the operator the memo")
	}
	st, err := other.Searcher().Scope(t.Context(), retrieval.Filter{Asker: b.Asker(reporter)})
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 2 {
		t.Errorf("the other replica describes %d documents to the reporter, want 2 (the memo hidden)", st.Documents)
	}
	a.open()
	if sees(t, other, scopeOf(b, editor)) {
		t.Error("the memo is still there after the reload that removed it")
	}
}

// A version written without collection settings (by an earlier version
// of the bot) is not answered from for an asker whose scope depends on
// them: the question fails rather than read it under the policy in force.
// The operator, who sees everything under any settings, is answered; the
// next reload writes the settings and answers everyone again.
func TestAVersionWithoutSettingsFailsClosed(t *testing.T) {
	s := weaviatetest.Start(t)
	dir := newCorpus(t, map[string]string{"rates.txt": ratesText, "storm.txt": stormText, memoPath: memoText})
	store, raw := sharedStore(t, s, "Earlier", dir)
	res, err := corpus.Load(t.Context(), dir, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	policy := &access.Policy{Collections: []access.Collection{{Name: "investigations", Path: "investigations", Restricted: true, Members: []string{"UEDITOR"}}}}
	if _, err := raw.Write(t.Context(), res.Documents, weaviate.WriteOptions{Embedder: gloveEmbedder(t), CollectionOf: policy.CollectionOf}); err != nil {
		t.Fatal(err)
	}
	lib := New(store, &config.Config{Collections: policy.Collections}, func(string) string { return "" }, discard)
	var f retrieval.Filter
	scopeOf(lib, reporter)(&f)
	if _, res, err := store.Searcher().Search(t.Context(), memoQuestion, f, retrieval.SearchOptions{K: 3}); err == nil {
		t.Errorf("a reporter's question was answered from a version without settings (%d hits)", len(res.Hits))
	}
	if _, err := store.Searcher().Scope(t.Context(), f); err == nil {
		t.Error("a reporter's scope was described in a version without settings")
	}
	if !sees(t, store, scopeOf(lib, access.Place{})) {
		t.Error("the operator did not see the memo")
	}
	// The library's reload, with the same collections, writes the version
	// again with its settings, though no document changed.
	if _, err := lib.Reload(t.Context(), func(string) {}); err != nil {
		t.Fatal(err)
	}
	if sees(t, store, scopeOf(lib, reporter)) {
		t.Error("after the reload, the reporter saw the memo")
	}
	if !sees(t, store, scopeOf(lib, editor)) {
		t.Error("after the reload, the editor did not see the memo")
	}
}
