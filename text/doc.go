// Package text reads English the way the rest of the bot needs it: words,
// stems and lemmas, stop words and Slack shorthand, sentences, names, and
// the numbers, amounts, percentages, dates and times a sentence states. It
// also knows the kinds of question a reporter asks (who, when, how much…),
// what a sentence must hold to answer each, and how to say it is absent.
//
// Its word lists are embedded: data/words.txt is written by hand;
// data/lemmas.tsv, data/synonyms.tsv.gz, data/verbs.tsv.gz,
// data/agents.tsv.gz, data/proper.tsv.gz, data/doers.tsv.gz and
// data/unlisted.tsv.gz come from WordNet 3.0 (Debian's wordnet-base; the
// last one also from the compiled-in GloVe table) and are rebuilt with
//
//	apt-get install -y wordnet-base
//	go run ./text/internal/gendata
package text
