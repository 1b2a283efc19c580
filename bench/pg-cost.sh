#!/usr/bin/env bash
# What one request costs PostgreSQL, from PostgreSQL's own counters: one kind of load (as bench/db-ab.sh runs it)
# against one server whose database is PG_DB (no other client may use that database meanwhile), then per request:
# transactions committed and rolled back (pg_stat_database), index and sequential scans, rows fetched, inserted,
# updated and deleted (pg_stat_user_tables of PG_SCHEMA), and the CPU time of the database's backends (/proc).
# Statistics reach the views when a backend goes idle (at most 10 s later); the script waits for that.
#
#   PG_DB=tollgate_dbperf PG_SCHEMA=after bench/pg-cost.sh name=http://localhost:9453@<pid> refresh
set -euo pipefail
cd "$(dirname "$0")/.."
SPEC=$1
KIND=$2
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
HZ=$(getconf CLK_TCK)
q() { psql -h 127.0.0.1 -U postgres -d "$PG_DB" -Atc "$1"; }
snapshot() {
  q "SELECT xact_commit, xact_rollback FROM pg_stat_database WHERE datname = current_database()" | tr '|' ' '
  q "SELECT coalesce(sum(idx_scan), 0), sum(seq_scan), sum(idx_tup_fetch) + sum(seq_tup_read), sum(n_tup_ins),
       sum(n_tup_upd), sum(n_tup_del) FROM pg_stat_user_tables WHERE schemaname = '$PG_SCHEMA'" | tr '|' ' '
}
backend_ticks() {
  local total=0 pid
  for pid in $(q "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"); do
    [ -r "/proc/$pid/stat" ] && total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$total"
}
sleep 11
read -r c0 r0 <<<"$(snapshot | sed -n 1p)"; read -r i0 s0 f0 n0 u0 d0 <<<"$(snapshot | sed -n 2p)"
t0=$(backend_ticks)
out=$(KINDS=$KIND ROUNDS=1 WARMUP_SECONDS=0 SECONDS_PER_RUN=$SECONDS_PER_RUN CHAINS=${CHAINS:-8} \
  bench/db-ab.sh "$SPEC" | tail -1)
t1=$(backend_ticks)
sleep 11
read -r c1 r1 <<<"$(snapshot | sed -n 1p)"; read -r i1 s1 f1 n1 u1 d1 <<<"$(snapshot | sed -n 2p)"
# The run's own requests; the few of the set-up (one token, one introspection; for refresh the seeding logins,
# CHAINS password grants) are counted too, which the per-request figures below carry as noise (under 0.1 %).
n=$(echo "$out" | awk '{print $7}')
awk -v n="$n" -v kind="$KIND" -v c=$((c1 - c0)) -v r=$((r1 - r0)) -v i=$((i1 - i0)) -v s=$((s1 - s0)) \
  -v f=$((f1 - f0)) -v ins=$((n1 - n0)) -v u=$((u1 - u0)) -v d=$((d1 - d0)) -v t=$((t1 - t0)) -v hz="$HZ" 'BEGIN {
  printf "%s: %d requests; per request: %.2f commits, %.2f rollbacks, %.2f index scans, %.2f seq scans, %.2f rows read, %.2f inserted, %.2f updated, %.2f deleted, %.1f µs PostgreSQL backend CPU\n",
    kind, n, c / n, r / n, i / n, s / n, f / n, ins / n, u / n, d / n, t * 1e6 / hz / n }'
