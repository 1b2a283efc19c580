#!/usr/bin/env bash
# What metrics cost (issue 14): two copies of the H2 integration-test server running at once, one with
# mpMetrics-5.1 ("on") and one without it ("off": the WAR then records nothing, MicroProfileMetrics is not a bean
# without the API), under the same load in alternating rounds so that the machine's noise hits both alike:
#   - bench/gate-load-ab.sh: GET /api/status (public), GET /api/ping with one token (the gate, warm), and with
#     TOKENS distinct tokens in rotation (the gate, cold: TOKENS above the IT server's 10,000-entry cache);
#   - bench/db-ab.sh: POST /oauth2/token, client_credentials.
# Each row carries the server JVM's CPU time per request (from /proc), the figure the overhead is read from.
# Needs wrk (apt-get install wrk).
#
#   bench/metrics-ab.sh
#   ROUNDS=5 SECONDS_PER_RUN=8 TOKENS=20000 bench/metrics-ab.sh
#   KEEP_RUNNING=1 bench/metrics-ab.sh   # then: bench/cache-cliff.sh http://localhost:9470 <pid> 20000 50000
set -euo pipefail
cd "$(dirname "$0")/.."
export ROUNDS=${ROUNDS:-4}
export SECONDS_PER_RUN=${SECONDS_PER_RUN:-6}
export WARMUP_SECONDS=${WARMUP_SECONDS:-15}
TOKENS=${TOKENS:-20000}
USR=$PWD/liberty/target/wlp-usr
CLASSPATH_FILE=$PWD/liberty/target/bench-classpath.txt
declare -A PORT=([on]=9470 [off]=9471)

command -v wrk >/dev/null || { echo "wrk is required: apt-get install wrk" >&2; exit 1; }
# The IT server's folder (tollgate-h2), built in one reactor with the modules it needs (-am) so that it runs this
# checkout's classes; the build starts it on a spare port, and it is stopped again: only its copies run.
./mvnw -o -q -B -ntp -pl liberty -am pre-integration-test dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$CLASSPATH_FILE" -Dmaven.test.skip.exec=true -Dit.postgresql.skip=true -Dit.h2.port=9479 \
  -Dit.foreign.skip=true -Dserver.jar.skip=true
server() { WLP_USER_DIR=$USR .liberty/wlp/bin/server "$1" "$2" >/dev/null || [ "$1" = stop ]; }
server stop tollgate-h2
# KEEP_RUNNING=1 leaves both servers running afterwards (e.g. for bench/cache-cliff.sh against "on").
[ -n "${KEEP_RUNNING:-}" ] || trap 'server stop tollgate-metrics-on; server stop tollgate-metrics-off' EXIT

for mode in on off; do
  dir=$USR/servers/tollgate-metrics-$mode
  rm -rf "$dir" && cp -r "$USR/servers/tollgate-h2" "$dir" && rm -rf "$dir/workarea" "$dir/logs" "$dir/data"
  sed -i "s/^http.port=.*/http.port=${PORT[$mode]}/" "$dir/bootstrap.properties"
  [ "$mode" = on ] || sed -i '/<feature>mpMetrics-5.1<\/feature>/d' "$dir/server.xml"
  server start "tollgate-metrics-$mode"
done
for mode in on off; do
  for _ in $(seq 1 240); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:${PORT[$mode]}/api/status" || true)" = 200 ] && break
    sleep 0.5
  done
done
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:${PORT[on]}/metrics?scope=application")" = 200 ]
# Without the feature /metrics is the WAR's, and its gate asks for credentials
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:${PORT[off]}/metrics")" = 401 ]
spec() { echo "$1=http://localhost:${PORT[$1]}@$(cat "$USR/servers/.pid/tollgate-metrics-$1.pid")"; }

export TOKENS_FILE=$PWD/liberty/target/bench-tokens-test-rsa-1-$TOKENS.txt
if [ -z "$(find "$TOKENS_FILE" -mmin -60 2>/dev/null)" ]; then
  echo "minting $TOKENS tokens..."
  java -cp "$PWD/liberty/target/test-classes:$(cat "$CLASSPATH_FILE")" dev.tollgate.it.load.MintToken test-rsa-1 \
    "$TOKENS" 3 > "$TOKENS_FILE"
fi

echo "== the gate =="
bench/gate-load-ab.sh "$(spec on)" "$(spec off)"
echo "== the token endpoint (client_credentials) =="
KINDS="status cc" bench/db-ab.sh "$(spec on)" "$(spec off)"
