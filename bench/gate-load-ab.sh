#!/usr/bin/env bash
# Two running gate servers side by side (e.g. before and after a change), under the same load in alternating runs,
# so that the machine's noise hits both alike: per server, the public GET /api/status, GET /api/ping with one token
# (warm: the verified-token cache) and GET /api/ping with the tokens of $TOKENS_FILE in rotation (cold, when they
# outnumber the cache), each with the server JVM's CPU time per request (user + system, from /proc).
#
#   TOKENS_FILE=liberty/target/bench-tokens-test-rsa-1-20000.txt bench/gate-load-ab.sh \
#       before=http://localhost:9381@PID1 after=http://localhost:9380@PID2
#
# The tokens file comes from bench/gate-load.sh (TOKENS=N); each server must trust its tokens (the IT servers do).
# KINDS picks the kinds (default "public warm cold"). Besides the means, the median over the rounds of each round's
# warm / public ratio: the two runs of a round are seconds apart, so the machine's drift between rounds cancels.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
ROUNDS=${ROUNDS:-3}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-5}
WARMUP_SECONDS=${WARMUP_SECONDS:-20}
KINDS=${KINDS:-public warm cold}
: "${TOKENS_FILE:?the tokens to rotate, one per line}"
export TOKENS_FILE
TOKEN=$(head -1 "$TOKENS_FILE")
HZ=$(getconf CLK_TCK)

names=(); bases=(); pids=()
for arg in "$@"; do
  names+=("${arg%%=*}"); rest=${arg#*=}; bases+=("${rest%@*}"); pids+=("${rest##*@}")
done

# One wrk run against server $1 (index): prints "requests/s server-CPU-µs-per-request".
rate() {
  local i=$1 before out after; shift
  before=$(ticks "${pids[$i]}")
  out=$(wrk -t2 -c16 -d"${SECONDS_PER_RUN}s" "$@")
  after=$(ticks "${pids[$i]}")
  echo "$out" | awk -v t=$((after - before)) -v hz="$HZ" '
    /requests in/ {n = $1} /Requests\/sec/ {r = $2}
    END {printf "%s %.1f\n", r, t * 1e6 / hz / n}'
}
run() {
  local i=$1 kind=$2 base=${bases[$1]}
  case $kind in
    public) rate "$i" "$base/api/status" ;;
    warm) rate "$i" -H "Authorization: Bearer $TOKEN" "$base/api/ping" ;;
    cold) rate "$i" -s bench/rotate-tokens.lua "$base/api/ping" ;;
  esac
}

echo "warming up (${WARMUP_SECONDS}s per server and kind)..."
for i in "${!names[@]}"; do
  for kind in $KINDS; do
    SECONDS_PER_RUN=$WARMUP_SECONDS run "$i" "$kind" >/dev/null
  done
done

results=$(mktemp)
for round in $(seq 1 "$ROUNDS"); do
  for kind in $KINDS; do
    for i in "${!names[@]}"; do
      read -r r c < <(run "$i" "$kind")
      echo "${names[$i]} $kind $r $c $round" | tee -a "$results"
    done
  done
done
echo "means over $ROUNDS rounds (wrk -t2 -c16, ${SECONDS_PER_RUN}s runs, $(wc -l < "$TOKENS_FILE") tokens for cold):"
awk 'function m(a, key) {return n[key] ? a[key] / n[key] : 0}
  function q(x, y) {return y ? x / y : 0}
  {r[$1" "$2] += $3; c[$1" "$2] += $4; n[$1" "$2]++; if (!($1 in seen)) {seen[$1] = 1; order[++k] = $1}}
  END {
    for (j = 1; j <= k; j++) {
      s = order[j]; p = s" public"; w = s" warm"; d = s" cold"
      printf "%-8s req/s public %d, warm %d, cold %d; warm/public %.3f, cold/public %.3f;", s, m(r, p), \
        m(r, w), m(r, d), q(m(r, w), m(r, p)), q(m(r, d), m(r, p))
      printf " CPU µs/req public %.1f, warm %.1f (+%.1f), cold %.1f (+%.1f)\n", m(c, p), m(c, w), \
        m(c, w) - m(c, p), m(c, d), m(c, d) - m(c, p)
    }
  }' "$results"
echo "per round, warm / public (requests/s; CPU µs per request, public over warm), median and range:"
for name in "${names[@]}"; do
  ratios=$(awk -v s="$name" '$1 == s && ($2 == "public" || $2 == "warm") {v[$2" "$5] = $3; c[$2" "$5] = $4; k[$5] = 1}
    END {for (r in k) if (("public "r) in v && ("warm "r) in v) print v["warm "r] / v["public "r], c["public "r] / c["warm "r]}' "$results")
  [ -n "$ratios" ] || continue
  printf "%-8s rps %s, CPU %s, %d rounds\n" "$name" "$(cut -d' ' -f1 <<< "$ratios" | median)" \
    "$(cut -d' ' -f2 <<< "$ratios" | median)" "$(wc -l <<< "$ratios")"
done
rm -f "$results"
