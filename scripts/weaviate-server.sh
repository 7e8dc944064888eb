#!/usr/bin/env bash
# Builds the pinned Weaviate server from the Go module proxy once, caches
# it, and prints its path. About 3 minutes on 2 cores with the modules
# cached, up to 8 without; a 169 MB binary.
#
#   scripts/weaviate-server.sh            # build if missing, print the path
#   WEAVIATE_SERVER=$(scripts/weaviate-server.sh) go test ./internal/testutil/weaviatetest
set -euo pipefail
version=${WEAVIATE_VERSION:-v1.35.2}
dir=${WEAVIATE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/newsroom-bot/weaviate/$version}
bin=$dir/weaviate-server
if [ ! -x "$bin" ]; then
  mkdir -p "$dir"
  start=$(date +%s)
  GOBIN="$dir" go install "github.com/weaviate/weaviate/cmd/weaviate-server@$version" >&2
  echo "built weaviate-server $version in $(( $(date +%s) - start )) s" >&2
fi
echo "$bin"
