#!/usr/bin/env bash
# A bounded refresh soak against a running authorization server (the IT profile's it-global client and
# administrator): bench/RefreshLoad.java in slices of SLICE seconds for TOTAL seconds, CHAINS chains. After each
# slice, one line: elapsed s, refreshes so far, refreshes/s in the slice, the server JVM's CPU µs per refresh in the
# slice, and the store's size: for H2 the database file (DATA=path of the .mv.db file), for PostgreSQL (PG_SCHEMA and
# PG_DB set) the refresh_tokens rows and pg_total_relation_size('refresh_tokens'), plus the whole schema's size.
#
#   TOTAL=900 SLICE=60 DATA=/path/data/tollgate.mv.db bench/refresh-soak.sh http://localhost:9451 <pid>
#   TOTAL=900 SLICE=60 PG_DB=tollgate_dbperf PG_SCHEMA=after bench/refresh-soak.sh http://localhost:9453 <pid>
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
BASE=$1
PID=$2
TOTAL=${TOTAL:-600}
SLICE=${SLICE:-60}
CHAINS=${CHAINS:-8}
CHAIN_FILE=${CHAIN_FILE:-$(mktemp)}
HZ=$(getconf CLK_TCK)
size() {
  if [ -n "${DATA:-}" ]; then
    echo "file=$(stat -c %s "$DATA")"
  else
    psql -h 127.0.0.1 -U postgres -d "$PG_DB" -Atc "SELECT 'rows=' || count(*) || ' table=' ||
      pg_total_relation_size('$PG_SCHEMA.refresh_tokens') || ' schema=' ||
      (SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = '$PG_SCHEMA' AND c.relkind = 'r') FROM $PG_SCHEMA.refresh_tokens"
  fi
}

java bench/RefreshLoad.java seed "$BASE" it-global admin@it.tollgate.dev it-admin-password-1 "$CHAINS" "$CHAIN_FILE"
echo "elapsed refreshes rate cpu-us/refresh errors load size"
elapsed=0; total=0
while [ "$elapsed" -lt "$TOTAL" ]; do
  before=$(ticks "$PID")
  read -r n errors seconds rate < <(java bench/RefreshLoad.java run "$BASE" it-global "$SLICE" "$CHAIN_FILE")
  after=$(ticks "$PID")
  elapsed=$((elapsed + SLICE)); total=$((total + n))
  cpu=$(awk -v t=$((after - before)) -v hz="$HZ" -v n="$n" 'BEGIN {printf "%.1f", t * 1e6 / hz / n}')
  echo "$elapsed $total $rate $cpu $errors $(cut -d' ' -f1 /proc/loadavg) $(size)"
  [ "$errors" -eq 0 ] || { echo "errors: a chain ended" >&2; exit 1; }
done
