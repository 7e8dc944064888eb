package retrieval

import (
	"slices"
	"time"

	"github.com/newsroom/askbot/text"
)

// outletPicks gives every mention of an outlet in the question its best
// passages, in rounds (every mention's best before any mention's second),
// so that a question about two outlets' reports finds both. A mention's
// passages are ranked by the whole question plus the words around it, which
// usually say what its article says, and a date among those words lifts
// the outlet's articles published that day. An outlet named twice ("the
// TechCrunch report on … and the TechCrunch report on …") usually means two
// articles, each described by the words around its own mention.
func (ix *Index) outletPicks(q *Question, sc *scorer, taken map[*Chunk]bool, opts SearchOptions) []Hit {
	ms := q.Clauses[:min(len(q.Clauses), 2*opts.K)] // each mention scores the corpus once
	ranked := make([][]Hit, len(ms))
	for i, m := range ms {
		var clause []float32
		if terms := text.QueryTerms(m.Text); len(terms) >= 3 && opts.ClauseWeight > 0 {
			clause = ix.lex.Scores(terms)
		}
		dates := text.ParseDates(m.Text)
		var units []int
		clauseMax := float32(0)
		for _, docID := range ix.sources[m.Source] {
			r := ix.docChunks[docID]
			for u := r[0]; u < r[1]; u++ {
				if sc.lex[u] > 0 {
					units = append(units, u)
				}
				if clause != nil {
					clauseMax = max(clauseMax, clause[u])
				}
			}
		}
		for _, u := range units {
			h := ix.hit(sc, u)
			if clauseMax > 0 {
				h.Score += opts.ClauseWeight * float64(clause[u]/clauseMax)
			}
			if len(dates) > 0 && opts.MentionDateWeight > 0 {
				if t, ok := h.Doc.PublishedTime(); ok && slices.ContainsFunc(dates, func(d time.Time) bool { return sameDay(t, d) }) {
					h.Score += opts.MentionDateWeight
				}
			}
			ranked[i] = append(ranked[i], h)
		}
		sortHits(ranked[i])
		if opts.SentenceWeight > 0 {
			ix.rerankBySentence(sc.terms, ranked[i][:min(rerankDepth, len(ranked[i]))], opts.SentenceWeight)
		}
	}
	picked := ix.partPicks(q, ranked, sc, taken, opts)
	next := make([]int, len(ranked))
	for round := 0; round < opts.SourcePicks; round++ {
		for i, best := range ranked {
			for next[i] < len(best) && taken[best[next[i]].Chunk] {
				next[i]++
			}
			if next[i] < len(best) && len(picked) < opts.K && (round == 0 || best[next[i]].Lexical >= opts.PickFloor*sc.maxLex) {
				taken[best[next[i]].Chunk] = true
				picked = append(picked, best[next[i]])
			}
		}
	}
	return picked
}

// partPicks gives each part of the question (see questionParts) that names
// no outlet and has at least minPartTerms index terms the passage of the
// named outlets' articles that best matches its own words, plus PartWeight
// times the whole question's score. A question that strings facts together
// ("… accused of …, admitted to …, and faced …, as reported by X and Y")
// usually rests on one article per fact, often several of one outlet.
func (ix *Index) partPicks(q *Question, ranked [][]Hit, sc *scorer, taken map[*Chunk]bool, opts SearchOptions) []Hit {
	if opts.PartWeight < 0 {
		return nil
	}
	best := map[int]Hit{} // the named outlets' passages, as their mentions scored them
	for _, hits := range ranked {
		for _, h := range hits {
			if b, ok := best[h.unit]; !ok || h.Score > b.Score {
				best[h.unit] = h
			}
		}
	}
	var picked []Hit
	scans := 0
	for _, part := range q.Parts {
		terms := text.QueryTerms(part)
		if len(terms) < minPartTerms || len(ix.mentions(part)) > 0 {
			continue
		}
		if len(picked) >= opts.K || scans >= 2*opts.K {
			break // a question of many parts costs at most 2K scorings
		}
		scans++
		scores := ix.lex.Scores(terms)
		var peak float32
		for u := range best {
			peak = max(peak, scores[u])
		}
		if peak == 0 {
			continue
		}
		var pick Hit
		value := -1.0
		for u, h := range best {
			if taken[h.Chunk] {
				continue
			}
			v := float64(scores[u]/peak) + opts.PartWeight*float64(sc.lex[u])/sc.maxLex
			if v > value || (v == value && h.unit < pick.unit) {
				pick, value = h, v
			}
		}
		if value >= 0 {
			taken[pick.Chunk] = true
			picked = append(picked, pick)
		}
	}
	return picked
}

// minPartTerms is the fewest index terms a part of the question needs to
// get a passage of its own.
const minPartTerms = 4

// rerankDepth is how many of a mention's best passages the sentence
// feature reorders.
const rerankDepth = 20

// rerankBySentence adds to each hit's score w times its best sentence's
// share of the query's IDF weight (relative to the best hit's) and re-sorts
// them: of two passages that match the question alike, the one with a
// sentence that says most of it together comes first. A question's facts
// are usually each stated in one sentence of the article.
func (ix *Index) rerankBySentence(terms []string, hits []Hit, w float64) {
	index := make(map[string]int, len(terms))
	idf := make([]float64, len(terms))
	for j, t := range terms {
		index[t] = j
		idf[j] = ix.lex.IDF(t)
	}
	seen := make([]bool, len(terms))
	best := make([]float64, len(hits))
	peak := 0.0
	for k, h := range hits {
		passage := h.Chunk.Text
		for _, sp := range text.Sentences(passage) {
			clear(seen)
			v := 0.0
			for _, t := range text.Terms(passage[sp.Start:sp.End]) {
				if j, ok := index[t]; ok && !seen[j] {
					seen[j] = true
					v += idf[j]
				}
			}
			best[k] = max(best[k], v)
		}
		peak = max(peak, best[k])
	}
	if peak == 0 {
		return
	}
	for k := range hits {
		hits[k].Score += w * best[k] / peak
	}
	sortHits(hits)
}

// fill completes picked with the best-ranked passages up to K: first at
// most MaxPerDoc per document, so that more documents get in, then any.
func fill(picked, ranked []Hit, taken map[*Chunk]bool, opts SearchOptions) []Hit {
	hits := picked
	perDoc := map[string]int{}
	for _, h := range picked {
		perDoc[h.Doc.ID]++
	}
	for pass := 0; pass < 2 && len(hits) < opts.K; pass++ {
		for _, h := range ranked {
			if len(hits) >= opts.K {
				break
			}
			if taken[h.Chunk] || (pass == 0 && opts.MaxPerDoc > 0 && perDoc[h.Doc.ID] >= opts.MaxPerDoc) {
				continue
			}
			taken[h.Chunk] = true
			perDoc[h.Doc.ID]++
			hits = append(hits, h)
		}
	}
	return hits
}
