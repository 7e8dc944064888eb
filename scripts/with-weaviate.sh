#!/usr/bin/env bash
# Runs a command beside a Weaviate server of its own, for trying the bot on
# the Weaviate store by hand and for measuring it: the server (built once
# by weaviate-server.sh) listens on 127.0.0.1 inside a network namespace of
# its own (Weaviate's data port binds every interface otherwise), the
# command runs in the same namespace with BOT_STORE=weaviate and
# BOT_WEAVIATE_URL set, and the server is stopped by its PID afterwards.
# Needs unshare -n (root, or user namespaces). Nothing inside reaches the
# network: the offline default embedder is what works there.
#
#   scripts/with-weaviate.sh sh -c 'go run ./cmd/bot index && go run ./cmd/bot ask "who denied meeting Russian officials?"'
#   WEAVIATE_DATA=/tmp/wv scripts/with-weaviate.sh go run ./cmd/bot eval --questions ... --corpus ...
set -euo pipefail
if [ "${WITH_WEAVIATE_INSIDE:-}" != 1 ]; then
  bin=$("$(dirname "$0")/weaviate-server.sh")
  export WEAVIATE_SERVER_BIN=$bin WITH_WEAVIATE_INSIDE=1
  exec unshare -n "$0" "$@"
fi
ip link set lo up
data=${WEAVIATE_DATA:-$(mktemp -d)}
log=$data/weaviate.log
PERSISTENCE_DATA_PATH=$data AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED=true DEFAULT_VECTORIZER_MODULE=none \
  DISABLE_TELEMETRY=true CLUSTER_HOSTNAME=node1 CLUSTER_ADVERTISE_ADDR=127.0.0.1 RAFT_TIMEOUTS_MULTIPLIER=1 \
  PERSISTENCE_MEMTABLES_FLUSH_DIRTY_AFTER_SECONDS=5 ASYNC_INDEXING=true QUEUE_SCHEDULER_INTERVAL=100ms GOGC=300 GOMAXPROCS=$(($(nproc) + 1)) \
  LOG_LEVEL=warning "$WEAVIATE_SERVER_BIN" --host 127.0.0.1 --port 8080 --scheme http >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 600); do
  if curl -fsS http://127.0.0.1:8080/v1/.well-known/ready >/dev/null 2>&1; then
    break
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "weaviate exited; its log:" >&2
    tail -20 "$log" >&2
    exit 1
  fi
  sleep 0.1
done
export BOT_STORE=weaviate BOT_WEAVIATE_URL=http://127.0.0.1:8080
"$@"
