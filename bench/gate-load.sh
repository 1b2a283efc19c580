#!/usr/bin/env bash
# A bounded load run on loopback: requests/s of GET /api/ping with a valid Bearer token (the gate verifies it; the
# resource is otherwise the same as /api/status) against the same server's public GET /api/status (the gate skips
# it), and GET /api/me (gate + role check + CDI caller + a larger body), in alternating rounds so that the machine's
# noise hits all alike. Load: a warm-up of each, then 3 rounds. Needs wrk (apt-get install wrk).
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
wrk -t2 -c16 -d"${WARMUP_SECONDS}s" -H "Authorization: Bearer $TOKEN" $BASE/api/ping >/dev/null
wrk -t2 -c16 -d"${WARMUP_SECONDS}s" -H "Authorization: Bearer $TOKEN" $BASE/api/me >/dev/null

public_total=0; ping_total=0; me_total=0
for round in $(seq 1 "$ROUNDS"); do
  p=$(rate $BASE/api/status)
  g=$(rate -H "Authorization: Bearer $TOKEN" $BASE/api/ping)
  m=$(rate -H "Authorization: Bearer $TOKEN" $BASE/api/me)
  echo "round $round: public /api/status $p, gated /api/ping $g, gated /api/me $m req/s"
  public_total=$(echo "$public_total + $p" | bc); ping_total=$(echo "$ping_total + $g" | bc)
  me_total=$(echo "$me_total + $m" | bc)
done
echo "mean req/s: /api/status $(echo "$public_total / $ROUNDS" | bc), /api/ping $(echo "$ping_total / $ROUNDS" | bc)," \
  "/api/me $(echo "$me_total / $ROUNDS" | bc); ping/status $(echo "scale=3; $ping_total / $public_total" | bc)," \
  "me/status $(echo "scale=3; $me_total / $public_total" | bc) (kid $KID, wrk -t2 -c16, ${SECONDS_PER_RUN}s rounds)"
