#!/usr/bin/env bash
# Heap retained per pending authorization request: N unauthenticated GET /oauth2/authorize (each a new browser,
# no cookie) against a running IT server, with a full-GC class histogram (jcmd GC.class_histogram) of the Liberty
# JVM before and after. Each request comes from its own loopback address (127.0.x.y), so that
# the per-address bound is not what is measured. Prints the statuses seen and the retained bytes per request.
#
#   PORT=9180 N=200 bench/authorize-heap.sh                 # a typical request (about 330 characters)
#   PORT=9180 N=40 PAD=200000 bench/authorize-heap.sh       # plus an unknown parameter of PAD characters
#   PORT=9180 N=200 LONGEST=1 bench/authorize-heap.sh       # state and nonce at their 2,000-character maximum
#
# Start the IT server first, e.g. ./mvnw -o -B -pl liberty -am pre-integration-test -Dit.postgresql.skip=true
# (then WLP_USER_DIR=$PWD/liberty/target/wlp-usr .liberty/wlp/bin/server stop tollgate-h2 when done).
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-9180}
N=${N:-200}
PAD=${PAD:-0}
PID=$(cat liberty/target/wlp-usr/servers/.pid/tollgate-h2.pid)

query="response_type=code&client_id=it-authz-web&redirect_uri=https%3A%2F%2Fclient.it.tollgate.dev%2Fcb"
query+="&scope=openid+read&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
if [ -n "${LONGEST:-}" ]; then
  query+="&state=$(printf 's%.0s' $(seq 2000))&nonce=$(printf 'n%.0s' $(seq 2000))"
else
  query+="&state=st-0123456789abcdef0123456789abcdef"
fi

heap() { jcmd "$PID" GC.class_histogram | awk '/^Total/ {print $3}'; }

send() { # N requests, each from its own loopback address and without a cookie; prints "count×status"
  python3 - "$PORT" "$1" "$query" "$PAD" <<'PY'
import collections, http.client, sys
port, n, query, pad = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
query += "&x=" + "a" * pad if pad > 0 else ""
seen = collections.Counter()
for i in range(1, n + 1):
    source = "127.0.%d.%d" % (i // 250 + 1, i % 250 + 1)
    connection = http.client.HTTPConnection("localhost", port, source_address=(source, 0), timeout=30)
    connection.request("GET", "/oauth2/authorize?" + query)
    seen[connection.getresponse().status] += 1
    connection.close()
print(" ".join("%d×%d" % (count, status) for status, count in sorted(seen.items())))
PY
}

send 1 >/dev/null # warm-up: classes loaded, caches filled
before=$(heap)
statuses=$(send "$N")
after=$(heap)
echo "query $(( ${#query} + (PAD > 0 ? PAD + 3 : 0) )) characters, N=$N: statuses $statuses; heap $before -> $after bytes;" \
  "$(( (after - before) / N )) bytes per request"
