#!/usr/bin/env bash
# Measures the CLI against a persisted index of about a million chunks:
# generates a synthetic corpus (100,000 documents of ~11,000 characters,
# about 1.1 GB), indexes it once, then times `bot ask` (load included).
# Needs about 10 GB of memory and 5 GB of disk; takes a few minutes.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-$(mktemp -d)}
docs=${BENCH_DOCS:-100000}
cd "$top"
go build -o "$work/bot" ./cmd/bot
[ -f "$work/corpus.jsonl" ] || go run ./scripts/synthcorpus -docs "$docs" -chars 11000 -out "$work/corpus.jsonl"
ls -l "$work/corpus.jsonl"
echo "== bot index (from scratch)"
/usr/bin/time -f "%e s wall, %M KB max resident" "$work/bot" index --corpus "$work/corpus.jsonl" --data-dir "$work/data"
du -sh "$work/data"
for q in "Who denied meeting Russian officials?" "What did the foreign ministry spokeswoman tell Bloomberg?" "How did the lower house of parliament react?" \
  "Which official, as reported by Outlet 5, denied meeting the foreign ambassador, and did Outlet 12 agree?"; do
  echo "== bot ask \"$q\""
  /usr/bin/time -f "%e s wall, %M KB max resident" "$work/bot" ask --corpus "$work/corpus.jsonl" --data-dir "$work/data" "$q" | head -3
done
echo "work directory: $work"
