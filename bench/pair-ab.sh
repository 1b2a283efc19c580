#!/usr/bin/env bash
# Two different servers (before and after a change, a feature on and off) under the same load at the same moments:
# each kind of request is sent to both at once, so that a shared machine's noise falls on both alike, which
# alternating runs (bench/gate-load-ab.sh) cannot promise. Per run: each server JVM's CPU time per request (user +
# system, from /proc). Reported per kind: the median over the rounds of B's CPU per request over A's.
#
#   TOKEN=... KINDS="public warm" ROUNDS=8 bench/pair-ab.sh on=http://localhost:9482@PID1 off=http://localhost:9484@PID2
#
# Kinds: public (GET /api/status), warm (GET /api/ping with $TOKEN, which both servers accept), cc (POST
# /oauth2/token, client_credentials of the IT profile's it-service).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
ROUNDS=${ROUNDS:-8}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-8}
WARMUP_SECONDS=${WARMUP_SECONDS:-15}
KINDS=${KINDS:-public warm}
command -v wrk >/dev/null || { echo "wrk is required" >&2; exit 1; }
HZ=$(getconf CLK_TCK)
name=("${1%%=*}" "${2%%=*}"); rest=("${1#*=}" "${2#*=}")
base=("${rest[0]%@*}" "${rest[1]%@*}"); pid=("${rest[0]##*@}" "${rest[1]##*@}")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cat > "$work/cc.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic aXQtc2VydmljZTppdC1zZXJ2aWNlLXNlY3JldC0wMTIzNDU2Nzg5"
wrk.body = "grant_type=client_credentials"
LUA

load() {  # server index, kind, seconds, output file
  case $2 in
    public) wrk -t1 -c8 -d"$3s" "${base[$1]}/api/status" > "$4" ;;
    warm) wrk -t1 -c8 -d"$3s" -H "Authorization: Bearer ${TOKEN:?an access token both servers accept}" \
            "${base[$1]}/api/ping" > "$4" ;;
    cc) wrk -t1 -c8 -d"$3s" -s "$work/cc.lua" "${base[$1]}/oauth2/token" > "$4" ;;
  esac
  if grep -q "Non-2xx" "$4"; then echo "${name[$1]} $2: $(grep Non-2xx "$4")" >&2; exit 1; fi
}

echo "warming up (${WARMUP_SECONDS}s per kind, both servers at once)..."
for kind in $KINDS; do load 0 "$kind" "$WARMUP_SECONDS" /dev/null & load 1 "$kind" "$WARMUP_SECONDS" /dev/null; wait; done

echo "round kind ${name[0]}:requests,µs ${name[1]}:requests,µs"
for round in $(seq 1 "$ROUNDS"); do
  for kind in $KINDS; do
    t0=$(ticks "${pid[0]}"); t1=$(ticks "${pid[1]}")
    load 0 "$kind" "$SECONDS_PER_RUN" "$work/0" & load 1 "$kind" "$SECONDS_PER_RUN" "$work/1"; wait
    c0=$(( $(ticks "${pid[0]}") - t0 )); c1=$(( $(ticks "${pid[1]}") - t1 ))
    n0=$(awk '/requests in/ {print $1}' "$work/0"); n1=$(awk '/requests in/ {print $1}' "$work/1")
    awk -v r="$round" -v k="$kind" -v n0="$n0" -v n1="$n1" -v c0="$c0" -v c1="$c1" -v hz="$HZ" 'BEGIN {
      u0 = c0 * 1e6 / hz / n0; u1 = c1 * 1e6 / hz / n1
      printf "%s %s %d,%.1f %d,%.1f %.4f\n", r, k, n0, u0, n1, u1, u1 / u0}' | tee -a "$work/rows"
  done
done
echo "${name[1]} / ${name[0]}, CPU per request, median (range) over $ROUNDS rounds (wrk -t1 -c8 each, ${SECONDS_PER_RUN}s):"
for kind in $KINDS; do
  echo "  $kind: $(awk -v k="$kind" '$2 == k {print $5}' "$work/rows" | median)"
done
