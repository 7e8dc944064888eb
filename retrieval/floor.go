package retrieval

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsroom/askbot/retrieval/glove"
	"github.com/newsroom/askbot/text"
)

// coverage is the IDF-weighted share of terms found in the hits or their
// documents' metadata. Terms found nowhere in the corpus weigh the most.
func (ix *Index) coverage(terms []string, hits []Hit) float64 {
	if len(terms) == 0 {
		return 0
	}
	var total, found float64
	for _, t := range terms {
		w := ix.lex.IDF(t)
		total += w
		for _, h := range hits {
			if ix.lex.has(t, h.unit) {
				found += w
				break
			}
		}
	}
	if total == 0 {
		return 0
	}
	return found / total
}

// missingNames returns the specific names of the question that none of the
// hits mention, in text, title or outlet: its capitalised words rare enough
// in the corpus (IDF at least specificShare of the IDF of a word found in
// one passage: "Booker", "Literature", not "United" or "Players"), outlets
// aside. Names unknown to the whole corpus
// are reported apart.
func (ix *Index) missingNames(q *Question, unknown []string, hits []Hit) []string {
	var missing []string
	for _, name := range q.Names {
		if slices.Contains(unknown, name) || slices.Contains(missing, name) || q.isOutletName(name) || ix.isOutlet(name) {
			continue
		}
		for _, w := range text.Words(name) {
			t := text.Term(w)
			if text.IsStopWord(w) || ix.Specificity(t) < specificShare {
				continue
			}
			if !slices.ContainsFunc(hits, func(h Hit) bool { return ix.lex.has(t, h.unit) }) {
				missing = append(missing, name)
				break
			}
		}
	}
	if len(missing) > 0 && q.Facts() > 1 {
		// A question stringing several facts together is declined only
		// when what is missing weighs in it: "Otto Wallin" in a long
		// comparison whose other half the passages do answer is named in
		// the answer's caveat instead.
		var total, miss float64
		for _, t := range q.Terms {
			total += ix.lex.IDF(t)
		}
		for _, m := range missing {
			for _, w := range text.Words(m) {
				miss += ix.lex.IDF(text.Term(w))
			}
		}
		if miss < missingShare*total {
			return nil
		}
	}
	return missing
}

// missingShare is the least share of a many-fact question's IDF weight
// that its missing names must carry for it to be declined.
const missingShare = 0.07

// specificShare is the least IDF of a name, as a share of the highest IDF
// (a word in one passage), for the question to be declined when no
// retrieved passage mentions it: on the 6,671 passages of MultiHop-RAG, a
// word in at most about 1% of them.
const specificShare = 0.54

// Knows reports whether any document of the index (of its view: what the
// asker may see) holds term, in text or metadata.
func (ix *Index) Knows(term string) bool { return ix.lex.Contains(term) }

// Specificity is term's IDF as a share of the highest IDF, a term found in
// one passage: near 1 for a rare name ("Booker"), lower for common words.
func (ix *Index) Specificity(term string) float64 {
	top := ix.lex.body.idfOf(1)
	if top <= 0 {
		return 0
	}
	return ix.lex.IDF(term) / top
}

// unknownNames returns the words of the question that no document the
// asker may see holds, in text, title or outlet: its capitalised names as
// written ("Merkel"), then its other rare words ("zorblatt"), whatever
// their case, unless a document holds a synonym of them. Numbers, stop
// words and chat shorthand ("rn", "ppl") are left out: a question typed in
// lower case names things too.
func (ix *Index) unknownNames(q *Question) []string {
	var out []string
	covered := map[string]bool{}
	for _, name := range q.Names {
		known := true
		for _, w := range text.Words(name) {
			covered[w] = true
			known = known && ix.lex.Contains(text.Term(w))
		}
		if !known && !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	if q.Facts() > 1 {
		// A long question stringing facts together paraphrases: its
		// capitalised names are what it is about.
		return out
	}
	for _, w := range rareWords(q) {
		if covered[w] {
			continue
		}
		covered[w] = true
		if !ix.lex.Contains(text.Term(w)) && !ix.holdsSynonym(w) && !ix.holdsPhrasal(w) && !ix.holdsPossessor(w) {
			out = append(out, w)
		}
	}
	return out
}

// minClipping is the fewest letters of a word a question may cut short
// ("conf" for "conference", "cigs" for "cigarettes").
const minClipping = 3

// unclipped drops from unknown the words typed in lower case that are the
// start of a longer word of the hits' passages ("conf" when a passage
// says "conference", "cigs" when one says "cigarettes", "wemby" when one
// says "Wembanyama"), the end of a name of them ("bama": "Alabama"),
// words of them run together (blended: "umich" when one says "University
// of Michigan", "ultraprocessed" when one says "ultra-processed") or
// their initials ("potm": "player of the match"). A reporter cuts words
// short and runs them together; a name the documents never write
// ("tuvalu") is neither of the passages found for it.
func unclipped(unknown []string, hits []Hit) []string {
	var words []string
	var runs [][]string
	return slices.DeleteFunc(unknown, func(w string) bool {
		if w != strings.ToLower(w) {
			return false
		}
		if words == nil {
			for _, h := range hits {
				runs = append(runs, casedWords(h.Chunk.Text))
				words = append(words, text.Words(strings.ToLower(h.Chunk.Text))...)
			}
		}
		for _, cut := range clippings(w) {
			if slices.ContainsFunc(words, func(x string) bool { return len(x) > len(w) && strings.HasPrefix(x, cut) }) {
				return true
			}
		}
		return slices.ContainsFunc(runs, func(run []string) bool { return blended(w, run) || endOfName(w, run) || initials(w, run) })
	})
}

// minPetStem is the fewest letters left of a word cut short and given a
// pet ending ("wemb" of "wemby", "inst" of "instos").
const minPetStem = 4

// petEndings are the endings a reporter puts on a word cut short
// ("wemby" for Wembanyama, "instos" for institutions, "hooky" for hooked).
var petEndings = []string{"os", "o", "ies", "ie", "y"}

// clippings are the starts of longer words that w may be: w itself and
// w less a plural "s" ("cigs"), and w less a pet ending ("wemby").
func clippings(w string) []string {
	var out []string
	for _, cut := range []string{w, strings.TrimSuffix(w, "s")} {
		if len(cut) >= minClipping {
			out = append(out, cut)
		}
	}
	for _, end := range petEndings {
		if cut, ok := strings.CutSuffix(w, end); ok && len(cut) >= minPetStem {
			out = append(out, cut)
		}
	}
	return out
}

// minEndClipping is the fewest letters of a name's end a question may
// type for the name ("bama" for Alabama, "boks" for Springboks).
const minEndClipping = 4

// endOfName reports whether w is the end of a longer capitalised word of
// run, cut at the front ("bama": "Alabama", "boks": "Springboks"): names
// are cut that way, common words seldom are.
func endOfName(w string, run []string) bool {
	if len(w) < minEndClipping {
		return false
	}
	return slices.ContainsFunc(run, func(word string) bool {
		return startsUpper(word) && len(word) > len(w)+1 && strings.HasSuffix(strings.ToLower(text.Fold(word)), w)
	})
}

// minInitials is the fewest letters of a word read as initials
// ("potm": "player of the match"): three letters are the initials of
// some words that follow each other in most passages, four seldom.
const minInitials = 4

// initials reports whether w is the initials of consecutive words of run,
// stop words included ("potm": "player of the match").
func initials(w string, run []string) bool {
	if len(w) < minInitials {
		return false
	}
	for at := 0; at+len(w) <= len(run); at++ {
		i := 0
		for i < len(w) && strings.ToLower(text.Fold(run[at+i]))[0] == w[i] {
			i++
		}
		if i == len(w) {
			return true
		}
	}
	return false
}

// maxBlend is the most words a word typed run together stands for.
const maxBlend = 3

// blended reports whether w is two or more consecutive words of run typed
// together, a name's words cut short ("umich": "University of
// Michigan"), another word whole ("ultraprocessed": "ultra-processed");
// stop words between them may be left out. Every piece after the first
// is at least two letters, so that a word is not read as the initials of
// any words that happen to follow each other.
func blended(w string, run []string) bool {
	var from func(rest string, at, pieces int) bool
	from = func(rest string, at, pieces int) bool {
		if rest == "" {
			return pieces >= 2
		}
		if at >= len(run) || pieces == maxBlend {
			return false
		}
		word := run[at]
		lower := strings.ToLower(text.Fold(word))
		if pieces > 0 && text.IsStopWord(lower) && from(rest, at+1, pieces) {
			return true
		}
		least := 1
		if pieces > 0 {
			least = 2
		}
		most := len(lower)
		if !startsUpper(word) {
			least = most // a common word whole, never cut
		}
		for n := least; n <= most && n <= len(rest); n++ {
			if rest[:n] == lower[:n] && from(rest[n:], at+1, pieces+1) {
				return true
			}
		}
		return false
	}
	for at := range run {
		if from(w, at, 0) {
			return true
		}
	}
	return false
}

// casedWords splits s into its words of letters and digits, as written.
func casedWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// startsUpper reports whether w starts with a capital letter.
func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// rareWords are the words of a question that the documents would have to
// write for it to be answered: not stop words, chat shorthand, numbers,
// abbreviations a document may spell out ("ucl"), or one of the commonest
// English words unless it is a name (text.IsProperNoun: "bogota"). Slack
// shorthand is read as written out ("whos" is "who is").
func rareWords(q *Question) []string {
	var out []string
	for _, w := range text.Words(text.Normalize(q.Text)) {
		if text.IsStopWord(w) || text.IsChatWord(w) || text.IsAskTerm(text.Term(w)) || text.LooksAbbreviated(w) || strings.ContainsAny(w, "0123456789") || (commonWord(w) && !text.IsProperNoun(w) && !unlistedName(w)) {
			continue
		}
		out = append(out, w)
	}
	return out
}

// holdsSynonym reports whether a document holds a WordNet synonym of word
// (text.Synonyms): a word said in other words is not unknown.
func (ix *Index) holdsSynonym(word string) bool {
	for _, s := range text.Synonyms(word) {
		if ix.lex.Contains(text.Term(s)) {
			return true
		}
	}
	return false
}

// holdsPossessor reports whether word may be a possessive typed without
// its apostrophe ("childrens" for "Children's", "macys") whose possessor
// a document holds.
func (ix *Index) holdsPossessor(word string) bool {
	owner, ok := possessor(word)
	return ok && ix.lex.Contains(text.Term(owner))
}

// possessor returns the word a possessive typed without its apostrophe
// is of ("children" of "childrens"), when word may be one.
func possessor(word string) (string, bool) {
	owner, ok := strings.CutSuffix(word, "s")
	return owner, ok && len(owner) >= minClipping
}

// holdsPhrasal reports whether word is a noun written closed from a
// phrasal verb whose verb a document holds (text.PhrasalBase): "shakeup"
// is written "shake-up", two words, as often as not.
func (ix *Index) holdsPhrasal(word string) bool {
	base, ok := text.PhrasalBase(word)
	return ok && ix.lex.Contains(text.Term(base))
}

// unlistedName reports whether w, a frequent word, is a name a document
// would have to write: no dictionary lists it ("eurovision"), and it has
// the vowels of a word, not of a clipping ("govt", "dept").
func unlistedName(w string) bool {
	vowels := 0
	for _, r := range w {
		if strings.ContainsRune("aeiouy", r) {
			vowels++
		}
	}
	return vowels >= 2 && text.IsUnlisted(w)
}

// commonRank is the frequency rank below which an English word is common:
// a document may say it in other words ("denied", "officials"), so its
// absence proves nothing. Rarer words and words no table holds are names
// ("opetaia", "zorblatt"), which a document would have to write.
const commonRank = 20000

// commonWord reports whether w (lower case) is a common English word, by
// its rank in the compiled-in word table.
func commonWord(w string) bool {
	v, err := glove.Default()
	if err != nil {
		return true // without the table, no word is taken for a name
	}
	r, ok := v.Rank(w)
	return ok && r < commonRank
}
