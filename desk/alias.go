package desk

import (
	"context"
	"strings"

	"github.com/newsroom/askbot/answer"
	"github.com/newsroom/askbot/corpus"
	"github.com/newsroom/askbot/text"
)

// teamAliases knows a national side's nickname ("the Springboks" are
// South Africa: text.NicknameOwner), and learns, at query time from the
// documents the asker may see, whose another name for a team is: "the Springboks" are South Africa's
// when the documents say so outright (text.Aliases: "South Africa's
// Springboks", "the Springboks, South Africa's national team", "the
// Springboks (South Africa)"). A name is another's only when it is
// certain: AliasSentences sentences or more say so, every one gives the
// same owner ("Ian Foster's All Blacks" beside "New Zealand's All
// Blacks" leaves the All Blacks nobody's), and the documents write the
// name as a team's ("the All Blacks"). Nothing is guessed from names seen
// near each other.
type teamAliases struct {
	d   *Desk
	ctx context.Context
	req answer.Request
	// owner is a name's owner (by its folded words), "" when uncertain
	owner map[string]string
	err   error
}

func (d *Desk) teamAliases(ctx context.Context, req answer.Request) *teamAliases {
	return &teamAliases{d: d, ctx: ctx, req: req, owner: map[string]string{}}
}

// canon is the team a name stands for: its owner when the documents say
// whose it is, else the name itself.
func (a *teamAliases) canon(team string) string {
	if team == "" {
		return ""
	}
	// a national side's nickname: "the Springboks" are South Africa
	if o := text.NicknameOwner(team); o != "" {
		return o
	}
	// written with its owner: "New Zealand's All Blacks"
	if al := text.Aliases(team); len(al) == 1 && strings.HasSuffix(team, al[0].Name) {
		return al[0].Owner
	}
	if !text.IsPluralName(team) {
		return team // no other name: "South Africa" is nobody's Springboks
	}
	key := strings.Join(nameTokens(team), " ")
	o, ok := a.owner[key]
	if !ok {
		o = a.learn(team)
		a.owner[key] = o
	}
	if o == "" {
		return team
	}
	return o
}

// resolve is r with its teams as canon gives them.
func (a *teamAliases) resolve(r result) result {
	if a == nil {
		return r
	}
	r.winner, r.loser = a.canon(r.winner), a.canon(r.loser)
	return r
}

// same reports whether a name is team, as canon resolves both (a nil a
// compares them as written).
func (a *teamAliases) same(name, team string) bool {
	if a != nil {
		name, team = a.canon(name), a.canon(team)
	}
	return sameTeam(name, team) || sameTeam(team, name)
}

// learn reads the documents about team for sentences saying whose it is.
func (a *teamAliases) learn(team string) string {
	tu := a.d.tuning()
	opts := a.d.Engine.Search
	opts.K, opts.MaxPerDoc, opts.AllowMissingNames = tu.AliasDocuments, 1, true
	res, _, err := a.d.Engine.Retrieve(a.ctx, a.req, team, opts)
	if err != nil {
		a.err = err
		return ""
	}
	var docs []*corpus.Document
	seen := map[string]bool{}
	for _, h := range res.Hits {
		if h.Doc != nil && !seen[h.Doc.ID] {
			seen[h.Doc.ID] = true
			docs = append(docs, h.Doc)
		}
	}
	return aliasOwner(team, docs, tu.AliasSentences)
}

// aliasOwner is the owner the documents give team, when at least min of
// their sentences give one and all give the same; "" otherwise.
func aliasOwner(team string, docs []*corpus.Document, min int) string {
	toks := nameTokens(team)
	if len(toks) == 0 {
		return ""
	}
	last := toks[len(toks)-1]
	owner, n := "", 0
	for _, doc := range docs {
		for _, sp := range text.Sentences(doc.Title + "\n" + doc.Text) {
			s := (doc.Title + "\n" + doc.Text)[sp.Start:sp.End]
			if !strings.Contains(strings.ToLower(text.Fold(s)), last) {
				continue
			}
			for _, al := range text.Aliases(s) {
				if !sameTeam(al.Name, team) {
					continue
				}
				if owner != "" && !sameTeam(owner, al.Owner) {
					return "" // two owners: uncertain
				}
				if owner == "" {
					owner = al.Owner
				}
				n++
			}
		}
	}
	if n < min || sameTeam(owner, team) || !writtenAsTeam(team, docs) {
		return ""
	}
	return owner
}

// writtenAsTeam reports whether a document writes "the" before the name,
// as a story writes a team ("the Springboks") and never a person ("France's
// Thomas Ramos" gives no owner to Thomas Ramos).
func writtenAsTeam(team string, docs []*corpus.Document) bool {
	the := "the " + strings.Join(nameTokens(team), " ")
	for _, doc := range docs {
		if strings.Contains(strings.Join(nameTokens(doc.Title+"\n"+doc.Text), " "), the) {
			return true
		}
	}
	return false
}
