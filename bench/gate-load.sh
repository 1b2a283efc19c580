#!/usr/bin/env bash
# A bounded load run on loopback (30 s of load: 2 x 6 s warm-up, then 3 rounds of 2 x 3 s): requests/s of GET /api/me with a valid Bearer token (the gate
# verifies it), against the same server's public GET /api/status (the gate skips it), side by side, alternating
# rounds so that the machine's noise hits both alike. Needs wrk (apt-get install wrk).
#
#   bench/gate-load.sh            # RS256 token
#   bench/gate-load.sh test-ec-1  # ES256 token
#   SKIP_BUILD=1 bench/gate-load.sh  # reuse the installed build
set -euo pipefail
cd "$(dirname "$0")/.."
KID=${1:-test-rsa-1}
ROUNDS=${ROUNDS:-3}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-3}
WARMUP_SECONDS=${WARMUP_SECONDS:-6}
BASE=http://localhost:9180

command -v wrk >/dev/null || { echo "wrk is required: apt-get install wrk" >&2; exit 1; }

[ -n "${SKIP_BUILD:-}" ] || ./mvnw -q -B install -DskipTests -DskipITs
# Starts the H2 integration-test server (the gate trusts the test keys) and leaves it running.
./mvnw -q -B -pl liberty pre-integration-test -Dit.postgresql.skip=true
trap 'WLP_USER_DIR=$PWD/liberty/target/wlp-usr .liberty/wlp/bin/server stop tollgate-h2 >/dev/null' EXIT

TOKEN=$(./mvnw -q -B -pl liberty exec:java -Dexec.mainClass=dev.tollgate.it.load.MintToken \
  -Dexec.classpathScope=test -Dexec.skip=false -Dexec.args="$KID")
curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" $BASE/api/me || { echo "token refused" >&2; exit 1; }

rate() { wrk -t2 -c16 -d"${SECONDS_PER_RUN}s" "$@" | awk '/Requests\/sec/ {print $2}'; }

echo "warming up..."
wrk -t2 -c16 -d"${WARMUP_SECONDS}s" $BASE/api/status >/dev/null
wrk -t2 -c16 -d"${WARMUP_SECONDS}s" -H "Authorization: Bearer $TOKEN" $BASE/api/me >/dev/null

public_total=0; gated_total=0
for round in $(seq 1 "$ROUNDS"); do
  p=$(rate $BASE/api/status)
  g=$(rate -H "Authorization: Bearer $TOKEN" $BASE/api/me)
  echo "round $round: public /api/status $p req/s, gated /api/me $g req/s"
  public_total=$(echo "$public_total + $p" | bc); gated_total=$(echo "$gated_total + $g" | bc)
done
echo "mean: public $(echo "scale=0; $public_total / $ROUNDS" | bc) req/s, gated $(echo "scale=0; $gated_total / $ROUNDS" | bc) req/s," \
  "ratio gated/public $(echo "scale=3; $gated_total / $public_total" | bc) (kid $KID, wrk -t2 -c16, ${SECONDS_PER_RUN}s x $ROUNDS rounds)"
