#!/usr/bin/env bash
# Measures the answers on every dev set, as docs/evaluation.md reports
# them: the shipped model on the sets it was trained on, then each Slack-
# style set cross-validated (5 folds; the model of each fold never saw its
# questions), MultiHop-RAG, the seed set and the follow-up chains.
#
#   scripts/eval-answers.sh            # needs ../shared/evals beside the checkout
#   EVALS=/path/to/evals scripts/eval-answers.sh
#
# Prints one line of figures per run. Takes about 5 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
evals=${EVALS:-../shared/evals}
if [ ! -d "$evals" ]; then
  echo "eval-answers: $evals is missing (the shared evaluation sets live beside the checkout); nothing measured" >&2
  exit 2
fi
corpus=$evals/multihop-rag.corpus.jsonl
bin=$(mktemp -d)/bot
go build -o "$bin" ./cmd/bot
export BOT_DATA_DIR=${BOT_DATA_DIR:-$(mktemp -d)}

figures() { # label, eval args...
  local label=$1
  shift
  "$bin" eval --k 5 --json "$@" 2>/dev/null | tail -n 1 | python3 -c '
import json, sys
d = json.load(sys.stdin)
keys = ("hit_at_k", "mrr", "answer_shown", "evidence_shown", "false_abstain", "abstain_correct", "short_answers", "short_answer_precision")
print(sys.argv[1].ljust(34), " ".join("%s=%s" % (k, round(d[k], 3)) for k in keys))
' "$label"
}

slack2=$evals/reporter-slack-dev2.qa.jsonl
slack=$evals/reporter-slack-dev.qa.jsonl
reporter=$evals/reporter-dev.qa.jsonl
# Our own labelled sets, trained on by the shipped model and by every fold.
ours=eval/testdata/reporter-slack-train.qa.jsonl,eval/testdata/reporter-slack-train2.qa.jsonl,eval/testdata/reporter-slack-train3.qa.jsonl,eval/testdata/reporter-slack-train4.qa.jsonl,eval/testdata/reporter-slack-train5.qa.jsonl,eval/testdata/reporter-slack-train6.qa.jsonl,eval/testdata/reporter-slack-train7.qa.jsonl,eval/testdata/reporter-slack-train8.qa.jsonl,eval/testdata/reporter-slack-train9.qa.jsonl,eval/testdata/reporter-slack-train10.qa.jsonl

echo "# the shipped model (answer/model.json), on sets it was trained on"
for set in "$slack2" "$slack" "$reporter"; do
  figures "$(basename "$set" .qa.jsonl) (trained on)" --questions "$set" --corpus "$corpus"
done
echo "# cross-validated: 5 folds, each fold's model trained on the other folds and the other sets"
figures "reporter-slack-dev2 (5-fold)" --questions "$slack2" --corpus "$corpus" --cv 5 --train-with "$slack,$reporter,$ours"
figures "reporter-slack-dev (5-fold)" --questions "$slack" --corpus "$corpus" --cv 5 --train-with "$slack2,$reporter,$ours"
figures "reporter-dev (5-fold)" --questions "$reporter" --corpus "$corpus" --cv 5 --train-with "$slack2,$slack,$ours"
echo "# the hand-set rules alone, for comparison"
figures "reporter-slack-dev2 (rules)" --questions "$slack2" --corpus "$corpus" --hand-rules
figures "reporter-slack-dev (rules)" --questions "$slack" --corpus "$corpus" --hand-rules
echo "# sets the model was not trained on"
figures "reporter-slack-dev3 (held out)" --questions eval/testdata/reporter-slack-dev3.qa.jsonl --corpus "$corpus"
figures "reporter-slack-dev4 (held out)" --questions eval/testdata/reporter-slack-dev4.qa.jsonl --corpus "$corpus"
figures "reporter-slack-dev5 (held out)" --questions eval/testdata/reporter-slack-dev5.qa.jsonl --corpus "$corpus"
figures "reporter-slack-dev6 (held out)" --questions eval/testdata/reporter-slack-dev6.qa.jsonl --corpus "$corpus"
figures "reporter-slack-dev7 (held out)" --questions eval/testdata/reporter-slack-dev7.qa.jsonl --corpus "$corpus"
figures "reporter-slack-dev8 (blind, held out)" --questions eval/testdata/reporter-slack-dev8.qa.jsonl --corpus "$corpus"
figures "reporter-slack-dev9 (blind, held out)" --questions eval/testdata/reporter-slack-dev9.qa.jsonl --corpus "$corpus"
figures "follow-up chains" --questions eval/testdata/followups-dev.qa.jsonl --corpus "$corpus"
figures "follow-up chains II (held out)" --questions eval/testdata/followups-dev2.qa.jsonl --corpus "$corpus"
figures "seed-dev" --questions "$evals/seed-dev.qa.jsonl"
figures "multihop-rag-dev" --questions "$evals/multihop-rag-dev.qa.jsonl" --corpus "$corpus"
