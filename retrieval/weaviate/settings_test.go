package weaviate_test

import (
	"encoding/json"
	"testing"

	"github.com/newsroom/askbot/retrieval"
	"github.com/newsroom/askbot/retrieval/weaviate"
)

// settingsOf are the collection settings a pinned version keeps.
func settingsOf(t *testing.T, v retrieval.Version) json.RawMessage {
	t.Helper()
	s, ok := v.(interface{ CollectionSettings() any })
	if !ok {
		t.Fatalf("%s keeps no collection settings", v.ID())
	}
	raw, ok := s.CollectionSettings().(json.RawMessage)
	if !ok {
		t.Fatalf("%s: settings of type %T", v.ID(), s.CollectionSettings())
	}
	return raw
}

// Each published version keeps the collection settings its write was
// given, and a question pinned to it reads those, whatever is published
// after. A write whose documents are unchanged publishes a version when
// the settings change, and none when they do not.
func TestVersionsKeepTheirCollectionSettings(t *testing.T) {
	ctx := t.Context()
	_, st := newStore(t, "Settings")
	g, _ := retrieval.NewGloVeEmbedder()
	docs := dispatches(5, 0, "v0")
	write := func(settings string) weaviate.WriteReport {
		t.Helper()
		opts := weaviate.WriteOptions{Embedder: g}
		if settings != "" {
			opts.Settings = json.RawMessage(settings)
		}
		rep, err := st.Write(ctx, docs, opts)
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	pin := func() retrieval.Version {
		t.Helper()
		v, err := st.Pin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if rep := write(`{"form": 1, "members": ["UEDITOR"]}`); rep.Version != 1 {
		t.Fatalf("first write: version %d", rep.Version)
	}
	first := pin()
	if got := string(settingsOf(t, first)); got != `{"form":1,"members":["UEDITOR"]}` {
		t.Errorf("version 1 keeps %s", got)
	}
	if rep := write(`{"form":1, "members":["UEDITOR"]}`); rep.Version != 1 {
		t.Errorf("the same settings and documents published version %d", rep.Version)
	}
	rep := write(`{"form":1,"members":[]}`)
	if rep.Version != 2 || len(rep.Changes.Added)+len(rep.Changes.Changed)+len(rep.Changes.Removed) != 0 || rep.Unchanged != len(docs) {
		t.Errorf("new settings, same documents: %+v", rep)
	}
	if got := string(settingsOf(t, pin())); got != `{"form":1,"members":[]}` {
		t.Errorf("version 2 keeps %s", got)
	}
	if got := string(settingsOf(t, first)); got != `{"form":1,"members":["UEDITOR"]}` {
		t.Errorf("version 1, pinned before, keeps %s after version 2", got)
	}
	// A version written without settings says so: its settings are empty.
	if rep := write(""); rep.Version != 3 {
		t.Errorf("a write without settings after some: version %d", rep.Version)
	}
	if got := settingsOf(t, pin()); len(got) != 0 {
		t.Errorf("a version written without settings keeps %s", got)
	}
	if _, err := st.Write(ctx, docs, weaviate.WriteOptions{Embedder: g, Settings: json.RawMessage(`{"form":`)}); err == nil {
		t.Error("settings that are not JSON were written")
	}
	// The documents of every version are there to be found.
	_, res, err := retrieval.NewSearcher(st, g, retrieval.Chunker{}).Search(ctx, "dispatch harbour desk", retrieval.Filter{}, retrieval.SearchOptions{K: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != len(docs) {
		t.Errorf("%d of %d documents found after the settings-only versions", len(res.Hits), len(docs))
	}
}
