#!/usr/bin/env bash
# Cross-validates the learned decisions on each Slack-style set over several
# fold splits (--cv-seed 0..R-1) and prints each figure's mean and range:
# one split's figure moves by a question or more when a single example
# changes, the mean over splits much less.
#
#   scripts/eval-cv.sh          # 5 splits; needs ../shared/evals beside the checkout
#   SPLITS=10 EVALS=/path/to/evals scripts/eval-cv.sh
#   TRAIN_EXTRA= scripts/eval-cv.sh   # without our own training sets (reporter-slack-train to -train10), always trained on by default
#   ORDER= scripts/eval-cv.sh         # folds ordered by the conditional logit, not by a forest trained per fold
#
# Each fold's sentence-ordering forest is trained by scripts/train-order.py,
# which needs Debian's python3-xgboost (apt-get install python3-xgboost).
#
# Takes about 1 minute a split on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
evals=${EVALS:-../shared/evals}
if [ ! -d "$evals" ]; then
  echo "eval-cv: $evals is missing (the shared evaluation sets live beside the checkout); nothing measured" >&2
  exit 2
fi
splits=${SPLITS:-5}
order=()
if [ -n "${ORDER-scripts/train-order.py}" ]; then
  if ! /usr/bin/python3 -c 'import xgboost' 2>/dev/null; then
    echo "eval-cv: python3-xgboost is missing (apt-get install python3-xgboost), needed to train each fold's forest; ORDER= measures without it" >&2
    exit 2
  fi
  order=(--order-trainer "${ORDER-scripts/train-order.py}")
fi
corpus=$evals/multihop-rag.corpus.jsonl
bin=$(mktemp -d)/bot
go build -o "$bin" ./cmd/bot
export BOT_DATA_DIR=${BOT_DATA_DIR:-$(mktemp -d)}
sets=(reporter-slack-dev2 reporter-slack-dev reporter-dev)
for set in "${sets[@]}"; do
  others=()
  for o in "${sets[@]}"; do [ "$o" = "$set" ] || others+=("$evals/$o.qa.jsonl"); done
  with=$(IFS=,; echo "${others[*]}"),${TRAIN_EXTRA-eval/testdata/reporter-slack-train.qa.jsonl,eval/testdata/reporter-slack-train2.qa.jsonl,eval/testdata/reporter-slack-train3.qa.jsonl,eval/testdata/reporter-slack-train4.qa.jsonl,eval/testdata/reporter-slack-train5.qa.jsonl,eval/testdata/reporter-slack-train6.qa.jsonl,eval/testdata/reporter-slack-train7.qa.jsonl,eval/testdata/reporter-slack-train8.qa.jsonl,eval/testdata/reporter-slack-train9.qa.jsonl,eval/testdata/reporter-slack-train10.qa.jsonl}
  with=${with%,}
  for seed in $(seq 0 $((splits - 1))); do
    "$bin" eval --k 5 --json --questions "$evals/$set.qa.jsonl" --corpus "$corpus" --cv 5 --cv-seed "$seed" --train-with "$with" "${order[@]}" 2>/dev/null | tail -n 1
  done | python3 -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin if l.strip()]
keys = ("answer_shown", "evidence_shown", "false_abstain", "abstain_correct", "short_answer_precision")
out = []
for k in keys:
    v = [r.get(k, 0) for r in rows]
    out.append("%s=%.3f (%.3f-%.3f)" % (k, sum(v) / len(v), min(v), max(v)))
print(sys.argv[1].ljust(22), "%d splits:" % len(rows), " ".join(out))
' "$set"
done
