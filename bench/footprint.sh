#!/usr/bin/env bash
# Resident memory under token-endpoint load (issue 14, "Footprint"): the runnable jar with the JVM's defaults at a
# 512 MiB heap cap, the jar with the documented low-footprint setting (README, "Memory"), and Keycloak with its own
# default (kc.sh: -Xms64m -Xmx512m), one after another in alternating rounds, on loopback. Each run: start, wait
# until ready, WARMUP_SECONDS of load, then SECONDS_PER_RUN of wrk -t2 -c16 (client_credentials, RS256 on both)
# while VmRSS of the server's JVM is read every 0.5 s; a row per run with the peak and final RSS, tokens per second,
# and the JVM's CPU time per token (from /proc). Needs wrk, a built jar (./mvnw -B -DskipTests package), a JDK 21+
# under /usr/lib/jvm for Keycloak, and Keycloak's distribution (downloaded into the local repository if missing).
#
#   bench/footprint.sh                          # 2 rounds, 20 s warm-up, 60 s measured
#   ROUNDS=3 SECONDS_PER_RUN=90 bench/footprint.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-2}
WARMUP_SECONDS=${WARMUP_SECONDS:-20}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-60}
KEYCLOAK_VERSION=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' liberty/pom.xml)
JAR=$PWD/liberty/target/tollgate-server.jar
WORK=$PWD/liberty/target/footprint
# The documented setting (README, "Memory"): keep in step with the README and RunnableJar (the ops suite).
LOW_FOOTPRINT="-XX:+UseSerialGC -Xms32m -Xmx512m -Xmn24m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"

command -v wrk >/dev/null || { echo "wrk is required: apt-get install wrk" >&2; exit 1; }
[ -f "$JAR" ] || { echo "build the jar first: ./mvnw -B -DskipTests package" >&2; exit 1; }
JDK21=$(for j in /usr/lib/jvm/*/; do
  v=$("$j/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')
  [ "${v:-0}" -ge 21 ] 2>/dev/null && echo "${j%/}"
done | tail -n 1)
[ -n "$JDK21" ] || { echo "Keycloak needs a JDK 21 or newer under /usr/lib/jvm" >&2; exit 1; }
ZIP=$HOME/.m2/repository/org/keycloak/keycloak-quarkus-dist/$KEYCLOAK_VERSION/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip
[ -f "$ZIP" ] || ./mvnw -q -B -ntp dependency:get -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip"
rm -rf "$WORK" && mkdir -p "$WORK" && unzip -q "$ZIP" -d "$WORK"
KEYCLOAK=$WORK/keycloak-$KEYCLOAK_VERSION

cat > "$WORK/token.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = os.getenv("AUTH")
wrk.body = os.getenv("BODY")
LUA

PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT

rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$1/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# measure NAME URL AUTH BODY: the load and the readings against the JVM in $PID
measure() {
  local name=$1 url=$2 ready_ms=$3 idle peak_file out t0 t1 n
  export AUTH=$4 BODY=$5
  idle=$(rss "$PID")
  wrk -t2 -c16 -d"${WARMUP_SECONDS}s" -s "$WORK/token.lua" "$url" >/dev/null
  peak_file=$WORK/peak
  echo 0 > "$peak_file"
  ( while kill -0 "$PID" 2>/dev/null; do
      r=$(rss "$PID"); [ "$r" -gt "$(cat "$peak_file")" ] && echo "$r" > "$peak_file"; sleep 0.5
    done ) & local sampler=$!
  t0=$(cpu_ticks "$PID")
  out=$(wrk -t2 -c16 -d"${SECONDS_PER_RUN}s" -s "$WORK/token.lua" "$url")
  t1=$(cpu_ticks "$PID")
  kill "$sampler"; wait "$sampler" 2>/dev/null || true
  n=$(echo "$out" | awk '/requests in/ {print $1}')
  printf '| %s | %s | %d | %d | %d | %s | %d | %s |\n' "$name" "$round" "$ready_ms" "$idle" "$(cat "$peak_file")" \
    "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" $(( (t1 - t0) * 10000 / n )) \
    "$(echo "$out" | awk '/Non-2xx/ {print $NF}' | grep . || echo 0)"
  # Stopped, and gone (it is not always this shell's child), before the next server may take the port
  kill "$PID"; while kill -0 "$PID" 2>/dev/null; do sleep 0.2; done; PID=
}

await() { local s=$1; until curl -sf "$2" >/dev/null; do sleep 0.2; done; echo $(( ($(date +%s%N) - s) / 1000000 )); }

tollgate() {
  local id=$1 name=$2; shift 2
  local dir=$WORK/$id-$round s ready
  mkdir -p "$dir"
  s=$(date +%s%N)
  ( cd "$dir" && env -u JAVA_TOOL_OPTIONS -u JDK_JAVA_OPTIONS "$@" \
      WLP_JAR_EXTRACT_DIR="$dir/extract" HTTP_PORT=9500 \
      TOLLGATE_SERVER_ISSUER=http://127.0.0.1:9500 \
      TOLLGATE_KEYS_ENCRYPTION_KEY=q1v3Yb0Jc8mXH3o3yO0m6P9a7d2ZL3t4Uu8WwQe1RkA= \
      TOLLGATE_ADMIN_EMAIL=admin@bench.test TOLLGATE_ADMIN_PASSWORD=bench-admin-password-1 \
      TOLLGATE_CLIENTS_IDS=bench TOLLGATE_CLIENTS_BENCH_NAME=Bench \
      TOLLGATE_CLIENTS_BENCH_SECRET=bench-secret-0123456789abcdef TOLLGATE_CLIENTS_BENCH_GRANTS=client_credentials \
      TOLLGATE_CLIENTS_BENCH_SCOPES=read \
      setsid java $JVM_OPTIONS -jar "$JAR" > "$dir/server.log" 2>&1 ) &
  PID=$!
  ready=$(await "$s" http://127.0.0.1:9500/health/ready)
  # setsid forked: the JVM is the child of the subshell
  PID=$(pgrep -f "^java .*-jar $JAR" | head -n 1)
  measure "$name" http://127.0.0.1:9500/oauth2/token "$ready" \
    "Basic $(printf %s bench:bench-secret-0123456789abcdef | base64 -w0)" 'grant_type=client_credentials&scope=read'
}

keycloak() {
  local s ready
  rm -rf "$KEYCLOAK/data" && mkdir -p "$KEYCLOAK/data/import"
  cp liberty/src/test/resources/foreign/keycloak/orders-realm.json "$KEYCLOAK/data/import/"
  s=$(date +%s%N)
  env -u JAVA_OPTS_KC_HEAP JAVA_HOME="$JDK21" KC_BOOTSTRAP_ADMIN_USERNAME=admin \
    KC_BOOTSTRAP_ADMIN_PASSWORD=bench-admin-password-1 setsid bash "$KEYCLOAK/bin/kc.sh" start-dev \
    --http-host=127.0.0.1 --http-port=9600 --hostname=http://127.0.0.1:9600 --http-management-port=9601 \
    --import-realm > "$WORK/keycloak-$round.log" 2>&1 &
  ready=$(await "$s" http://127.0.0.1:9600/realms/orders/.well-known/openid-configuration)
  PID=$(pgrep -f 'quarkus-run.jar' | head -n 1)
  measure "keycloak (kc.sh default: -Xms64m -Xmx512m, JDK $(basename "$JDK21"))" \
    http://127.0.0.1:9600/realms/orders/protocol/openid-connect/token "$ready" \
    "Basic $(printf %s orders-worker:orders-worker-secret-0123456789 | base64 -w0)" grant_type=client_credentials
}

echo "| server | round | start to ready (ms) | RSS idle (MiB) | RSS peak under load (MiB) | tokens/s | CPU µs per token | non-2xx |"
echo "|---|---|---|---|---|---|---|---|"
for round in $(seq 1 "$ROUNDS"); do
  keycloak
  JVM_OPTIONS="-Xmx512m" tollgate defaults "tollgate, -Xmx512m (the JVM's defaults otherwise)"
  JVM_OPTIONS="$LOW_FOOTPRINT" tollgate documented "tollgate, the documented setting" MALLOC_ARENA_MAX=2
done
