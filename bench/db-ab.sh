#!/usr/bin/env bash
# Side-by-side load on several running authorization servers (e.g. before/after a change, H2 and PostgreSQL), in
# alternating rounds so that the machine's noise hits all alike. Per server and kind: requests/s and the server
# JVM's CPU time per request (user + system, from /proc/PID/stat). Kinds:
#   status      GET /api/status, the public demo resource: the floor of an HTTP request on this machine
#   cc          POST /oauth2/token, client_credentials of it-service (Basic)            (wrk -t2 -c16)
#   introspect  POST /oauth2/introspect of one RS256 access token, by it-service        (wrk -t2 -c16)
#   refresh     POST /oauth2/token, refresh_token of it-global, chained (bench/RefreshLoad.java, CHAINS threads)
# Servers are name=http://host:port@pid; the IT profile's clients and administrator are expected (profile-it.xml).
#
#   ROUNDS=4 SECONDS_PER_RUN=8 bench/db-ab.sh before=http://localhost:9452@123 after=http://localhost:9451@456
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
ROUNDS=${ROUNDS:-3}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-8}
WARMUP_SECONDS=${WARMUP_SECONDS:-10}
CHAINS=${CHAINS:-8}
KINDS=${KINDS:-status cc introspect refresh}
WORK=${WORK:-$(mktemp -d)}
SERVICE="it-service:it-service-secret-0123456789"
AUTH="Basic $(printf %s "$SERVICE" | base64 -w0)"
HZ=$(getconf CLK_TCK)

command -v wrk >/dev/null || { echo "wrk is required" >&2; exit 1; }
declare -A URL PID TOKEN
NAMES=()
for spec in "$@"; do
  name=${spec%%=*}; rest=${spec#*=}
  URL[$name]=${rest%@*}; PID[$name]=${rest##*@}; NAMES+=("$name")
done

cat > "$WORK/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = os.getenv("AUTH")
wrk.body = os.getenv("BODY")
LUA
export AUTH


# One run of a kind against a server: prints "requests/s cpu-µs-per-request errors requests".
run() {
  local kind=$1 name=$2 seconds=$3 before after out n r e
  before=$(ticks "${PID[$name]}")
  case $kind in
    status) out=$(wrk -t2 -c16 -d"${seconds}s" "${URL[$name]}/api/status") ;;
    cc) out=$(BODY='grant_type=client_credentials&scope=read' wrk -t2 -c16 -d"${seconds}s" -s "$WORK/post.lua" \
          "${URL[$name]}/oauth2/token") ;;
    introspect) out=$(BODY="token=${TOKEN[$name]}" wrk -t2 -c16 -d"${seconds}s" -s "$WORK/post.lua" \
          "${URL[$name]}/oauth2/introspect") ;;
    refresh) out=$(java bench/RefreshLoad.java run "${URL[$name]}" it-global "$seconds" "$WORK/chains-$name.txt" \
          | awk '{print $1 " requests in, Requests/sec: " $4 " errors " $2}') ;;
  esac
  after=$(ticks "${PID[$name]}")
  echo "$out" | awk -v t=$((after - before)) -v hz="$HZ" '
    /requests in/ {n = $1} /Requests\/sec/ {for (i = 1; i <= NF; i++) if ($i == "Requests/sec:") r = $(i + 1)}
    /Non-2xx/ {e = $NF} /errors/ {for (i = 1; i <= NF; i++) if ($i == "errors") e = $(i + 1)}
    END {printf "%s %.1f %s %d\n", r, t * 1e6 / hz / n, (e == "" ? 0 : e), n}'
}

for name in "${NAMES[@]}"; do
  TOKEN[$name]=$(curl -sf -H "Authorization: $AUTH" -d 'grant_type=client_credentials&scope=read' \
    "${URL[$name]}/oauth2/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
  curl -sf -H "Authorization: $AUTH" --data-urlencode "token=${TOKEN[$name]}" "${URL[$name]}/oauth2/introspect" \
    | grep -q '"active":true' || { echo "$name: introspection of a fresh token is not active" >&2; exit 1; }
  if [[ " $KINDS " == *" refresh "* ]]; then
    java bench/RefreshLoad.java seed "${URL[$name]}" it-global admin@it.tollgate.dev it-admin-password-1 "$CHAINS" \
      "$WORK/chains-$name.txt"
  fi
done
if [ "$WARMUP_SECONDS" -gt 0 ]; then
  echo "warming up (${WARMUP_SECONDS}s per server and kind)..." >&2
  for kind in $KINDS; do for name in "${NAMES[@]}"; do run "$kind" "$name" "$WARMUP_SECONDS" >/dev/null; done; done
fi
echo "round kind server requests/s cpu-us/request errors requests load-average"
for round in $(seq 1 "$ROUNDS"); do
  for kind in $KINDS; do
    for name in "${NAMES[@]}"; do
      echo "$round $kind $name $(run "$kind" "$name" "$SECONDS_PER_RUN") $(cut -d' ' -f1 /proc/loadavg)"
    done
  done
done
