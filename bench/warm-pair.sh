#!/usr/bin/env bash
# The gate's warm path against the public endpoint, measured at the same moments: two copies of the same server,
# loaded at once, one with the public GET /api/status and the other with GET /api/ping and one cached token; then
# the other way round. On a shared machine the host's noise then falls on both kinds alike, which alternating runs
# (bench/gate-load-ab.sh) cannot promise. Per pair of runs: each server JVM's CPU time per request (user + system,
# from /proc) and its requests/s; reported as the median over the rounds of warm / public, both ways.
# TOKENS_FILE=... makes the gated kind the cold path instead: GET /api/ping with those tokens in rotation
# (bench/rotate-tokens.lua), more than the gate's cache holds.
# DELAY_MS=n paces each connection (bench/paced.lua): both kinds then run at about the same rate, below what either
# could reach, as a server mostly runs; without it both run flat out, at different rates. CONNECTIONS (default 8).
# PUBLIC_WITH_TOKEN=1 sends the token on the public requests too (the gate does not read it on a public path): the
# difference is then the gate's work alone, without the container's parsing of a 700-byte header.
#
#   TOKEN=$(head -1 liberty/target/bench-tokens-test-rsa-1-1.txt) ROUNDS=8 \
#       bench/warm-pair.sh http://localhost:9480@PID1 http://localhost:9482@PID2
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
ROUNDS=${ROUNDS:-8}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-8}
WARMUP_SECONDS=${WARMUP_SECONDS:-15}
: "${TOKEN:?one access token both servers accept}"
[ -z "${TOKENS_FILE:-}" ] || export TOKENS_FILE
command -v wrk >/dev/null || { echo "wrk is required" >&2; exit 1; }
HZ=$(getconf CLK_TCK)
CONNECTIONS=${CONNECTIONS:-8}
paced=(); [ -z "${DELAY_MS:-}" ] || { export DELAY_MS; paced=(-s bench/paced.lua); }
base=("${1%@*}" "${2%@*}"); pid=("${1##*@}" "${2##*@}")

# One wrk run of kind $2 against server $1, in the background; its output in $3.
load() {
  case $2 in
    public) if [ "${PUBLIC_WITH_TOKEN:-0}" = 1 ]; then
              wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" "${paced[@]}" -H "Authorization: Bearer $TOKEN" \
                "${base[$1]}/api/status" > "$3"
            else
              wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" "${paced[@]}" "${base[$1]}/api/status" > "$3"
            fi ;;
    warm) if [ -n "${TOKENS_FILE:-}" ]; then
            wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s bench/rotate-tokens.lua "${base[$1]}/api/ping" > "$3"
          else
            wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" "${paced[@]}" -H "Authorization: Bearer $TOKEN" \
              "${base[$1]}/api/ping" > "$3"
          fi ;;
  esac
}
requests() { awk '/requests in/ {print $1}' "$1"; }

echo "warming up (${WARMUP_SECONDS}s, both kinds on both servers)..."
for kind in public warm; do
  SECONDS_PER_RUN=$WARMUP_SECONDS load 0 $kind /dev/null & SECONDS_PER_RUN=$WARMUP_SECONDS load 1 $kind /dev/null
  wait
done

work=$(mktemp -d)
rows=()
for round in $(seq 1 "$ROUNDS"); do
  for first in public warm; do
    second=$([ $first = public ] && echo warm || echo public)
    t0=$(ticks "${pid[0]}"); t1=$(ticks "${pid[1]}")
    load 0 $first "$work/0" & load 1 $second "$work/1"; wait
    c0=$(( $(ticks "${pid[0]}") - t0 )); c1=$(( $(ticks "${pid[1]}") - t1 ))
    n0=$(requests "$work/0"); n1=$(requests "$work/1")
    cpu0=$(awk -v t=$c0 -v n=$n0 -v hz=$HZ 'BEGIN {printf "%.1f", t * 1e6 / hz / n}')
    cpu1=$(awk -v t=$c1 -v n=$n1 -v hz=$HZ 'BEGIN {printf "%.1f", t * 1e6 / hz / n}')
    echo "round $round: server 0 $first $n0 requests, $cpu0 µs; server 1 $second $n1 requests, $cpu1 µs"
    if [ $first = public ]; then
      rows+=("$(awk -v np=$n0 -v nw=$n1 -v cp=$cpu0 -v cw=$cpu1 'BEGIN {print nw / np, cp / cw, cw - cp}')")
    else
      rows+=("$(awk -v np=$n1 -v nw=$n0 -v cp=$cpu1 -v cw=$cpu0 'BEGIN {print nw / np, cp / cw, cw - cp}')")
    fi
  done
done
rm -rf "$work"
echo "over ${#rows[@]} pairs (wrk -t1 -c$CONNECTIONS each, ${SECONDS_PER_RUN}s${DELAY_MS:+, paced $DELAY_MS ms}), median (range):"
echo "  warm / public, requests:            $(printf '%s\n' "${rows[@]}" | cut -d' ' -f1 | median)"
echo "  warm / public, by CPU per request:  $(printf '%s\n' "${rows[@]}" | cut -d' ' -f2 | median)"
echo "  warm - public, CPU µs per request:  $(printf '%s\n' "${rows[@]}" | cut -d' ' -f3 | median)"
