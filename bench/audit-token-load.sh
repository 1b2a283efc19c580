#!/usr/bin/env bash
# The token endpoint (client_credentials) with the audit trail's token events off and on, side by side in one run
# (issue 14): a bounded load on loopback against one Liberty server on H2 (or, with DB=postgresql, on PostgreSQL at
# 127.0.0.1:5432, database test, a schema of its own that is dropped afterwards), in alternating rounds off, on, off, on.
# Between rounds the server restarts with tollgate.server.audit.token-events set or unset by a configuration drop-in
# (the setting is read once at start). Each round: a warm-up, then SECONDS_PER_RUN of wrk. With events on, the
# number of token.issued rows written during the round is read back from GET /api/admin/events and divided by the
# requests: it must be 1 (one insert per token); with them off it must be 0. Needs wrk (apt-get install wrk).
#
#   bench/audit-token-load.sh                 # port 9310, 10 s per round
#   PORT=9180 SECONDS_PER_RUN=20 bench/audit-token-load.sh
#   DB=postgresql bench/audit-token-load.sh    # the IT server tollgate-pg, schema bench_audit
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-9310}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
BASE=http://localhost:$PORT
SERVICE="it-service:it-service-secret-0123456789"
ADMIN=(-H "X-API-Email: admin@it.tollgate.dev" -H "X-API-Password: it-admin-password-1")
USR=$PWD/liberty/target/wlp-usr
DB=${DB:-h2}
case $DB in
  h2) SERVER=tollgate-h2; BUILD=(-Dit.postgresql.skip=true -Dit.h2.port="$PORT") ;;
  postgresql) SERVER=tollgate-pg; SCHEMA=bench_audit
    BUILD=(-Dit.postgresql.skip=false -Dit.pg.port="$PORT" -Dit.pg.schema=$SCHEMA -Dit.h2.port=$((PORT + 1))) ;;
  *) echo "DB is h2 or postgresql" >&2; exit 1 ;;
esac
DROPIN=$USR/servers/$SERVER/configDropins/overrides/bench-audit-token-events.xml

command -v wrk >/dev/null || { echo "wrk is required: apt-get install wrk" >&2; exit 1; }
# In one reactor with the modules it needs (-am), so that the server runs this checkout's classes, not whatever war
# the shared local repository holds.
./mvnw -o -q -B -ntp -pl liberty -am pre-integration-test -DskipTests -Dit.foreign.skip=true "${BUILD[@]}"
# The build starts the H2 server as well; only $SERVER is measured.
[ "$SERVER" = tollgate-h2 ] || WLP_USER_DIR=$USR .liberty/wlp/bin/server stop tollgate-h2 >/dev/null || true
# Stopping a server that is not running (the build may not start it) is fine; starting must work.
server() { WLP_USER_DIR=$USR .liberty/wlp/bin/server "$1" "$SERVER" >/dev/null || [ "$1" = stop ]; }
# The run's token.issued rows must not outlive it: the integration tests use this server's database too
# (AuditEventsIT asserts that none is written by default). Its next start makes a fresh one.
cleanup() {
  rm -f "$DROPIN"; server stop
  if [ "$SERVER" = tollgate-h2 ]; then
    rm -rf "$USR/servers/tollgate-h2/data"
  else
    PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -U postgres -d test -qc \
      "DROP SCHEMA IF EXISTS $SCHEMA CASCADE"
  fi
}
trap cleanup EXIT

wait_up() {
  for _ in $(seq 1 240); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' $BASE/api/status || true)" = 200 ] && return 0
    sleep 0.5
  done
  echo "the server did not come up" >&2; exit 1
}
mode() {
  if [ "$1" = on ]; then
    mkdir -p "$(dirname "$DROPIN")"
    printf '<server><variable name="tollgate.server.audit.token-events" value="true"/></server>\n' > "$DROPIN"
  else
    rm -f "$DROPIN"
  fi
  server stop; server start; wait_up
}
issued() {
  curl -sf "${ADMIN[@]}" "$BASE/api/admin/events?type=token.issued&client=it-service&pageSize=1" \
    | sed -E 's/.*"total_count":([0-9]+).*/\1/'
}

AUTH="Basic $(printf %s "$SERVICE" | base64 -w0)"
LUA=$(mktemp)
cat > "$LUA" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "$AUTH"
wrk.body = "grant_type=client_credentials&scope=read"
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %.1f %.2f %.2f\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
LUA

printf '| round | token events | tokens/s | p50 ms | p99 ms | requests | errors | token.issued rows per request |\n'
printf '|---|---|---|---|---|---|---|---|\n'
round=0
for m in off on off on; do
  round=$((round + 1))
  mode $m
  wrk -t2 -c16 -d4s -s "$LUA" "$BASE/oauth2/token" >/dev/null   # warm-up
  before=$(issued)
  read -r _ requests errors rate p50 p99 < <(wrk -t2 -c16 -d"${SECONDS_PER_RUN}s" -s "$LUA" "$BASE/oauth2/token" | grep RESULT)
  after=$(issued)
  per=$(awk -v a="$after" -v b="$before" -v r="$requests" 'BEGIN { printf "%.3f", (a - b) / r }')
  printf '| %d | %s | %s | %s | %s | %s | %s | %s |\n' "$round" "$m" "$rate" "$p50" "$p99" "$requests" "$errors" "$per"
done
echo "(wrk -t2 -c16, ${SECONDS_PER_RUN}s per round after a 4 s warm-up; $SERVER; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg))"
