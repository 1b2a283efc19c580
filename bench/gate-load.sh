#!/usr/bin/env bash
# A bounded load run on loopback: requests/s of GET /api/ping with a valid Bearer token (the gate verifies it; the
# resource is otherwise the same as /api/status) against the same server's public GET /api/status (the gate skips
# it), and GET /api/me (gate + role check + CDI caller + a larger body), in alternating rounds so that the machine's
# noise hits all alike. Load: a warm-up of each, then 3 rounds. Needs wrk (apt-get install wrk).
#
# With TOKENS=N, a fourth column: /api/ping with N distinct tokens in rotation (bench/rotate-tokens.lua), the cold
# path when N exceeds the gate's verified-token cache (10,000 entries on the IT server). Every run also reports the
# Liberty JVM's CPU time per request (user + system, from /proc), so that the gate's cost reads in microseconds.
#
#   bench/gate-load.sh            # RS256 token
#   bench/gate-load.sh test-ec-1  # ES256 token
#   TOKENS=20000 bench/gate-load.sh  # plus 20,000 distinct tokens in rotation
#   SKIP_BUILD=1 bench/gate-load.sh  # reuse the build installed in the local repository
#   IT_H2_PORT=9380 bench/gate-load.sh  # another port than the integration tests' 9180
#   MVN_ARGS=-Dmaven.repo.local=/work/m2-perf bench/gate-load.sh  # a private local repository
#
# The build runs in the reactor (liberty and what it needs, up to pre-integration-test): nothing is installed into
# the local repository, so that other builds sharing it are not disturbed.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
KID=${1:-test-rsa-1}
ROUNDS=${ROUNDS:-3}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-3}
WARMUP_SECONDS=${WARMUP_SECONDS:-6}
TOKENS=${TOKENS:-0}
PORT=${IT_H2_PORT:-9180}
BASE=${BASE:-http://localhost:$PORT}
MVN_ARGS=${MVN_ARGS:-}
CLASSPATH_FILE=$PWD/liberty/target/bench-classpath.txt

command -v wrk >/dev/null || { echo "wrk is required: apt-get install wrk" >&2; exit 1; }

# Builds (unless SKIP_BUILD) and starts the H2 integration-test server (the gate trusts the test keys), leaving it
# running; the classpath of liberty's tests is kept for minting tokens.
goals="pre-integration-test dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=$CLASSPATH_FILE"
if [ -n "${SKIP_BUILD:-}" ]; then
  # shellcheck disable=SC2086
  ./mvnw -q -B $MVN_ARGS -o -pl liberty $goals -Dit.postgresql.skip=true -Dit.h2.port="$PORT"
else
  # shellcheck disable=SC2086
  ./mvnw -q -B $MVN_ARGS -pl liberty -am $goals -Dmaven.test.skip.exec=true -Dit.postgresql.skip=true -Dit.h2.port="$PORT"
fi
export WLP_USER_DIR=$PWD/liberty/target/wlp-usr
trap '.liberty/wlp/bin/server stop tollgate-h2 >/dev/null' EXIT
PID=$(cat "$WLP_USER_DIR/servers/.pid/tollgate-h2.pid")
CLASSPATH=$PWD/liberty/target/test-classes:$(cat "$CLASSPATH_FILE")

mint() { java -cp "$CLASSPATH" dev.tollgate.it.load.MintToken "$KID" "$@"; }
TOKEN=$(mint)
curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" "$BASE/api/me" || { echo "token refused" >&2; exit 1; }
if [ "$TOKENS" -gt 0 ]; then
  export TOKENS_FILE=$PWD/liberty/target/bench-tokens-$KID-$TOKENS.txt
  # Reused while younger than an hour (they are valid for three).
  if [ -z "$(find "$TOKENS_FILE" -mmin -60 2>/dev/null)" ]; then
    echo "minting $TOKENS tokens..."
    mint "$TOKENS" 3 > "$TOKENS_FILE"
  fi
  curl -sf -o /dev/null -H "Authorization: Bearer $(tail -1 "$TOKENS_FILE")" "$BASE/api/ping" \
    || { echo "token refused" >&2; exit 1; }
fi

HZ=$(getconf CLK_TCK)
# One wrk run: prints "requests/s server-CPU-µs-per-request".
rate() {
  local before out after
  before=$(ticks "$PID")
  out=$(wrk -t2 -c16 -d"${SECONDS_PER_RUN}s" "$@")
  after=$(ticks "$PID")
  echo "$out" | awk -v t=$((after - before)) -v hz="$HZ" '
    /requests in/ {n = $1} /Requests\/sec/ {r = $2}
    END {printf "%s %.1f\n", r, t * 1e6 / hz / n}'
}
ping() { rate -H "Authorization: Bearer $TOKEN" "$BASE/api/ping"; }
me() { rate -H "Authorization: Bearer $TOKEN" "$BASE/api/me"; }
cold() { rate -s bench/rotate-tokens.lua "$BASE/api/ping"; }

echo "warming up..."
wrk -t2 -c16 -d"${WARMUP_SECONDS}s" "$BASE/api/status" >/dev/null
wrk -t2 -c16 -d"${WARMUP_SECONDS}s" -H "Authorization: Bearer $TOKEN" "$BASE/api/ping" >/dev/null
wrk -t2 -c16 -d"${WARMUP_SECONDS}s" -H "Authorization: Bearer $TOKEN" "$BASE/api/me" >/dev/null
[ "$TOKENS" -eq 0 ] || wrk -t2 -c16 -d"${WARMUP_SECONDS}s" -s bench/rotate-tokens.lua "$BASE/api/ping" >/dev/null

results=$(mktemp)
for round in $(seq 1 "$ROUNDS"); do
  read -r p pc < <(rate "$BASE/api/status")
  read -r g gc < <(ping)
  read -r m mc < <(me)
  c=0; cc=0
  [ "$TOKENS" -eq 0 ] || read -r c cc < <(cold)
  echo "$p $pc $g $gc $m $mc $c $cc" >> "$results"
  echo "round $round: public /api/status $p ($pc µs CPU), gated /api/ping $g ($gc µs), gated /api/me $m ($mc µs)" \
    "$([ "$TOKENS" -eq 0 ] || echo ", /api/ping with $TOKENS tokens $c ($cc µs)") req/s"
done
awk -v kid="$KID" -v s="$SECONDS_PER_RUN" -v tokens="$TOKENS" '
  {for (i = 1; i <= 8; i++) sum[i] += $i; n++}
  END {
    printf "mean req/s: /api/status %d, /api/ping %d, /api/me %d", sum[1]/n, sum[3]/n, sum[5]/n
    if (tokens > 0) printf ", /api/ping with %d tokens %d", tokens, sum[7]/n
    printf "; ping/status %.3f, me/status %.3f", sum[3]/sum[1], sum[5]/sum[1]
    if (tokens > 0) printf ", %d-token ping/status %.3f", tokens, sum[7]/sum[1]
    printf "\nmean server CPU µs/request: /api/status %.1f, /api/ping %.1f (+%.1f), /api/me %.1f", sum[2]/n, \
      sum[4]/n, (sum[4]-sum[2])/n, sum[6]/n
    if (tokens > 0) printf ", /api/ping with %d tokens %.1f (+%.1f)", tokens, sum[8]/n, (sum[8]-sum[2])/n
    printf "\n(kid %s, wrk -t2 -c16, %ss rounds)\n", kid, s
  }' "$results"
rm -f "$results"
