// Package access decides which documents a question may see, by where it
// was asked: a channel searches its desk's collections, a direct message
// the open collections plus the restricted ones its asker is a member of.
// Collections are folders of the corpus; a document outside every
// configured collection is open to all.
package access

import (
	"path"
	"slices"
	"strings"

	"github.com/newsroom/askbot/config"
	"github.com/newsroom/askbot/corpus"
)

// Collection is a folder of the corpus with its own access, as configured:
// restricted collections are searched only in the channels that list them
// and in their members' direct messages.
type Collection = config.Collection

// Policy maps places to the collections they search. The zero Policy
// (no collections) lets every question see every document.
type Policy struct {
	Collections []Collection
	// Channels lists, per channel ID, the collections it searches.
	Channels map[string][]string
}

// Place is where a question was asked: a channel (or DM) and the asker.
// The zero Place is the operator at the command line, who sees everything.
type Place struct {
	Channel, User string
	// DM says that Channel is the asker's own direct-message conversation
	// with the bot, as the front end established it (Slack: the bot's IM
	// with User). A channel ID is not enough: a DM between two people, or
	// a group DM, also starts with D or G and gets the open collections.
	DM bool
}

// Operator reports whether the place is the command line's operator.
func (p Place) Operator() bool { return p.Channel == "" && p.User == "" }

// direct reports whether the place is the asker's direct messages with
// the bot, or a user with no channel at the CLI.
func (p Place) direct() bool {
	return p.DM && p.User != "" || p.Channel == "" && p.User != ""
}

// Scope is what one question may search.
type Scope struct {
	all         bool
	collections []string // names, in the policy's order
	policy      *Policy
}

// Scope returns what a question asked at pl may search.
func (p *Policy) Scope(pl Place) Scope {
	if p == nil || len(p.Collections) == 0 || pl.Operator() {
		return Scope{all: true, policy: p}
	}
	var names []string
	if listed, ok := p.Channels[pl.Channel]; ok && !pl.direct() {
		for _, c := range p.Collections {
			if slices.Contains(listed, c.Name) {
				names = append(names, c.Name)
			}
		}
		return Scope{collections: names, policy: p}
	}
	for _, c := range p.Collections {
		if !c.Restricted || pl.direct() && slices.Contains(c.Members, pl.User) {
			names = append(names, c.Name)
		}
	}
	return Scope{collections: names, policy: p}
}

// Collections names the collections the scope searches, or nil when it
// searches everything.
func (s Scope) Collections() []string {
	if s.all {
		return nil
	}
	return s.collections
}

// String describes the scope for people: "politics, wires" or "all documents".
func (s Scope) String() string {
	if s.all || s.policy == nil || len(s.policy.Collections) == 0 {
		return "all documents"
	}
	if len(s.collections) == 0 {
		return "no collection (only documents outside every collection)"
	}
	return strings.Join(s.collections, ", ") + ", and documents outside every collection"
}

// Allows reports whether the scope may see doc: documents outside every
// collection are open to all.
func (s Scope) Allows(doc *corpus.Document) bool {
	if s.all {
		return true
	}
	c := s.policy.CollectionOf(doc)
	return c == "" || slices.Contains(s.collections, c)
}

// SearchCollections are what a store filters its candidates by for the
// scope: nil when it sees everything, else its collections and "" (the
// documents outside every collection).
func (s Scope) SearchCollections() []string {
	if s.all {
		return nil
	}
	return append(slices.Clone(s.collections), "")
}

// Allow is Allows as a function value, for answer.Request.Allow; nil when
// the scope sees everything.
func (s Scope) Allow() func(*corpus.Document) bool {
	if s.all {
		return nil
	}
	return s.Allows
}

// CollectionOf names the collection doc belongs to by its path, or "" when
// it is outside every collection. A document in nested collections belongs
// to the deepest.
func (p *Policy) CollectionOf(doc *corpus.Document) string {
	best, depth := "", -1
	docPath := strings.TrimPrefix(path.Clean(strings.ReplaceAll(doc.Path, "\\", "/")), "./")
	for _, c := range p.Collections {
		dir := strings.Trim(path.Clean(strings.ReplaceAll(c.Path, "\\", "/")), "/")
		if dir == "." || dir == "" {
			continue
		}
		if strings.HasPrefix(docPath, dir+"/") && len(dir) > depth {
			best, depth = c.Name, len(dir)
		}
	}
	return best
}
