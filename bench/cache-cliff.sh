#!/usr/bin/env bash
# The gate's verified-token cache under HTTP (issue 10, "The cache cliff"): GET /api/ping on one running server with
# more distinct tokens than its cache holds (the IT server's: 10,000 entries), in order (bench/rotate-tokens.lua, the
# worst case for recency) and uniformly at random (the same script with TOKEN_ORDER=random), against the public
# GET /api/status and the same request with one token (warm). The hit rate comes from the server's own counter,
# tollgate_token_cache_total{result} at /metrics (deltas over each run); CPU time per request from /proc.
#
#   bench/cache-cliff.sh http://localhost:9470 <pid> 20000 50000 100000
#
# Token files: liberty/target/bench-tokens-test-rsa-1-<N>.txt, minted here when missing with the test classpath that
# bench/gate-load.sh or bench/metrics-ab.sh leave in liberty/target/bench-classpath.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
BASE=$1; PID=$2; shift 2
SECONDS_PER_RUN=${SECONDS_PER_RUN:-15}
HZ=$(getconf CLK_TCK)

counter() {
  curl -sf "$BASE/metrics?scope=application" \
    | awk -v r="$1" '/^tollgate_token_cache_total\{/ && index($0, "result=\"" r "\"") {s += $NF} END {printf "%d", s}'
}
# run LABEL wrk-args...: one measured run; prints a table row
run() {
  local label=$1 before after hits0 misses0 hits misses out; shift
  hits0=$(counter hit); misses0=$(counter miss); before=$(ticks "$PID")
  out=$(wrk -t2 -c16 -d"${SECONDS_PER_RUN}s" "$@")
  after=$(ticks "$PID"); hits=$(( $(counter hit) - hits0 )); misses=$(( $(counter miss) - misses0 ))
  echo "$out" | awk -v label="$label" -v t=$((after - before)) -v hz="$HZ" -v h="$hits" -v m="$misses" '
    /requests in/ {n = $1} /Requests\/sec/ {r = $2} /Non-2xx/ {e = $NF}
    END {printf "| %s | %d | %.1f | %s | %s |\n", label, r, t * 1e6 / hz / n,
           (h + m > 0 ? sprintf("%.1f%%", 100 * h / (h + m)) : "-"), (e == "" ? 0 : e)}'
}

for n in "$@"; do
  file=liberty/target/bench-tokens-test-rsa-1-$n.txt
  [ -s "$file" ] || java -cp "liberty/target/test-classes:$(cat liberty/target/bench-classpath.txt)" \
    dev.tollgate.it.load.MintToken test-rsa-1 "$n" 3 > "$file"
done
TOKEN=$(head -1 "liberty/target/bench-tokens-test-rsa-1-$1.txt")
echo "| load | requests/s | server CPU µs per request | token cache hit rate | non-2xx |"
echo "|---|---|---|---|---|"
wrk -t2 -c16 -d10s "$BASE/api/status" >/dev/null
run "public /api/status" "$BASE/api/status"
wrk -t2 -c16 -d10s -H "Authorization: Bearer $TOKEN" "$BASE/api/ping" >/dev/null
run "one token (warm)" -H "Authorization: Bearer $TOKEN" "$BASE/api/ping"
for n in "$@"; do
  export TOKENS_FILE=$PWD/liberty/target/bench-tokens-test-rsa-1-$n.txt
  for order in rotate random; do
    # Warm-up: long enough to go through the tokens about once, so that the cache holds what it will hold
    export TOKEN_ORDER=$order
    wrk -t2 -c16 -d"$(( n / 5000 + 5 ))s" -s bench/rotate-tokens.lua "$BASE/api/ping" >/dev/null
    run "$n tokens, $([ $order = rotate ] && echo "in order" || echo "at random")" -s bench/rotate-tokens.lua \
      "$BASE/api/ping"
  done
done
