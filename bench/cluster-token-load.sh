#!/usr/bin/env bash
# Token endpoint throughput (client_credentials) through HAProxy with two nodes, against one node directly, in the
# same run, alternating, on loopback: a bounded wrk load (ROUNDS × 2 runs of SECONDS_PER_RUN s, 2 threads, 16
# connections). On one machine the nodes share its cores, so this measures what the extra hop and the shared
# database cost, not scale-out. Needs wrk (apt-get install wrk) and a cluster with the IT profile:
#
#   TOLLGATE_CLUSTER_PROFILE=it cluster/tollgate-cluster start
#   bench/cluster-token-load.sh
#   cluster/tollgate-cluster stop
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${SECONDS_PER_RUN:-8}
ROUNDS=${ROUNDS:-3}
PORT=${TOLLGATE_CLUSTER_PORT:-9410}
FRONT=http://127.0.0.1:$PORT
NODE=http://127.0.0.1:$((PORT + 2))
SERVICE="it-service:it-service-secret-0123456789"

command -v wrk >/dev/null || { echo "wrk is required: apt-get install wrk" >&2; exit 1; }
AUTH="Basic $(printf %s "$SERVICE" | base64 -w0)"
for base in "$FRONT" "$NODE"; do
  curl -sf -o /dev/null -H "Authorization: $AUTH" -d 'grant_type=client_credentials&scope=read' "$base/oauth2/token" \
    || { echo "no token from $base: is the cluster running with TOLLGATE_CLUSTER_PROFILE=it?" >&2; exit 1; }
done

LUA=$(mktemp)
trap 'rm -f "$LUA"' EXIT
cat > "$LUA" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "$AUTH"
wrk.body = "grant_type=client_credentials&scope=read"
LUA

rate() {
  local out
  out=$(wrk -t2 -c16 -d"${SECONDS_PER_RUN}s" -s "$LUA" "$1/oauth2/token")
  if grep -q "Non-2xx" <<< "$out"; then echo "errors from $1: $out" >&2; exit 1; fi
  awk '/Requests\/sec/ {print $2}' <<< "$out"
}

echo "warming up..."
rate "$FRONT" > /dev/null
rate "$NODE" > /dev/null
for ((r = 1; r <= ROUNDS; r++)); do
  front=$(rate "$FRONT")
  node=$(rate "$NODE")
  echo "round $r: through HAProxy (2 nodes) $front tokens/s; node 1 directly $node tokens/s; ratio $(awk -v a="$front" -v b="$node" 'BEGIN {printf "%.2f", a / b}')"
done
echo "(wrk -t2 -c16 -d${SECONDS_PER_RUN}s each, load average $(cut -d' ' -f1-3 /proc/loadavg))"
