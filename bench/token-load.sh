#!/usr/bin/env bash
# A bounded load run on loopback (about 30 s of load) against the authorization server: client_credentials tokens
# per second at POST /oauth2/token, and introspections per second at POST /oauth2/introspect, each after a warm-up.
# Compare the first with the raw signing rate of the signing algorithm (TokenIssuanceBenchmark.rawSignature).
# Needs wrk (apt-get install wrk).
#
#   bench/token-load.sh                    # the IT server's signing algorithm (ES256 unless configured)
#   ALGORITHM=RS256 bench/token-load.sh    # RS256 keys (a fresh server data folder)
#   SKIP_BUILD=1 bench/token-load.sh       # reuse the installed build
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${SECONDS_PER_RUN:-8}
BASE=http://localhost:9180
SERVICE="it-service:it-service-secret-0123456789"

command -v wrk >/dev/null || { echo "wrk is required: apt-get install wrk" >&2; exit 1; }

[ -n "${SKIP_BUILD:-}" ] || ./mvnw -q -B install -DskipTests -DskipITs
EXTRA=()
if [ -n "${ALGORITHM:-}" ]; then
  # A new data folder, so that the first key is generated with the asked algorithm.
  rm -rf liberty/target/wlp-usr/servers/tollgate-h2/data
  EXTRA+=("-Dliberty.var.tollgate.keys.algorithm=$ALGORITHM")
fi
./mvnw -q -B -pl liberty pre-integration-test -Dit.postgresql.skip=true "${EXTRA[@]}"
trap 'WLP_USER_DIR=$PWD/liberty/target/wlp-usr .liberty/wlp/bin/server stop tollgate-h2 >/dev/null' EXIT

AUTH="Basic $(printf %s "$SERVICE" | base64 -w0)"
TOKEN=$(curl -sf -H "Authorization: $AUTH" -d 'grant_type=client_credentials&scope=read' $BASE/oauth2/token \
  | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
# The JOSE header is unpadded base64url: base64 -d decodes it but exits non-zero.
ALG=$( (printf %s "$TOKEN" | cut -d. -f1 | tr '_-' '/+' | base64 -d 2>/dev/null || true) \
  | sed -E 's/.*"alg":"([^"]+)".*/\1/')

LUA=$(mktemp)
cat > "$LUA" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "$AUTH"
wrk.body = os.getenv("BODY")
LUA

rate() { BODY="$1" wrk -t2 -c16 -d"${SECONDS_PER_RUN}s" -s "$LUA" "$BASE$2" | awk '/Requests\/sec/ {print $2}'; }
check() { BODY="$1" wrk -t1 -c1 -d1s -s "$LUA" "$BASE$2" | grep -E "Non-2xx" && { echo "errors on $2" >&2; exit 1; } || true; }

check 'grant_type=client_credentials&scope=read' /oauth2/token
check "token=$TOKEN" /oauth2/introspect
echo "warming up..."
rate 'grant_type=client_credentials&scope=read' /oauth2/token >/dev/null
rate "token=$TOKEN" /oauth2/introspect >/dev/null
tokens=$(rate 'grant_type=client_credentials&scope=read' /oauth2/token)
introspections=$(rate "token=$TOKEN" /oauth2/introspect)
echo "client_credentials: $tokens tokens/s; introspection: $introspections/s (alg $ALG, wrk -t2 -c16, ${SECONDS_PER_RUN}s each)"
