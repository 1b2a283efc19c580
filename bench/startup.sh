#!/usr/bin/env bash
# Start-up of the runnable jar against the server folder it is packaged from (issue 14, "Ship it"), one after the
# other in alternating rounds: the time from launching the process to GET /health/ready answering 200 (Liberty
# started, the WAR deployed, the database migrated, a signing key loaded). Each start is on a fresh H2 database in a
# fresh working folder, with the same configuration (servers/tollgate-jar), the same environment and the README's
# JVM options ("Memory"). Three kinds:
#   jar           java -jar tollgate-server.jar (it extracts itself into a fresh folder on every start)
#   folder clean  bin/server run tollgate-jar --clean (Liberty's caches of the server folder emptied first)
#   folder warm   bin/server run tollgate-jar (its caches kept from the start before: the usual restart)
# Needs the jar and the server folder: ./mvnw -B -DskipTests package.
#
#   ROUNDS=5 bench/startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
JAR=$PWD/liberty/target/tollgate-server.jar
WORK=$PWD/liberty/target/startup
JVM_OPTIONS="-XX:+UseSerialGC -Xms32m -Xmx512m -Xmn24m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"
[ -f "$JAR" ] || { echo "build first: ./mvnw -B -DskipTests package" >&2; exit 1; }
rm -rf "$WORK" && mkdir -p "$WORK/usr/servers"
cp -r liberty/target/wlp-usr/servers/tollgate-jar "$WORK/usr/servers/"
rm -rf "$WORK/usr/servers/tollgate-jar/workarea" "$WORK/usr/servers/tollgate-jar/logs"
export MALLOC_ARENA_MAX=2 HTTP_PORT=9510 TOLLGATE_SERVER_ISSUER=http://127.0.0.1:9510 \
  TOLLGATE_KEYS_ENCRYPTION_KEY=q1v3Yb0Jc8mXH3o3yO0m6P9a7d2ZL3t4Uu8WwQe1RkA= \
  TOLLGATE_ADMIN_EMAIL=admin@bench.test TOLLGATE_ADMIN_PASSWORD=bench-admin-password-1
unset JAVA_TOOL_OPTIONS JDK_JAVA_OPTIONS

PID=
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null || true' EXIT
# start KIND ROUND: prints the milliseconds to ready
start() {
  local dir=$WORK/$1-$2 s ms
  dir=${dir// /-}; mkdir -p "$dir"; cd "$dir"
  s=$(date +%s%N)
  case $1 in
    jar) WLP_JAR_EXTRACT_DIR=$dir/extract setsid java $JVM_OPTIONS -jar "$JAR" > server.log 2>&1 & ;;
    "folder clean") WLP_USER_DIR=$WORK/usr JVM_ARGS=$JVM_OPTIONS setsid "$OLDPWD/.liberty/wlp/bin/server" run \
        tollgate-jar --clean > server.log 2>&1 & ;;
    "folder warm") WLP_USER_DIR=$WORK/usr JVM_ARGS=$JVM_OPTIONS setsid "$OLDPWD/.liberty/wlp/bin/server" run \
        tollgate-jar > server.log 2>&1 & ;;
  esac
  PID=$!
  cd - >/dev/null
  until [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:9510/health/ready || true)" = 200 ]; do
    kill -0 "$PID" 2>/dev/null || { echo "$1 died: $dir/server.log" >&2; exit 1; }
    sleep 0.1
  done
  ms=$(( ($(date +%s%N) - s) / 1000000 ))
  # Stop the JVM (setsid: the process group of the launcher) and wait until the port is free again
  kill -- -"$PID" 2>/dev/null || kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
  while curl -s -o /dev/null http://127.0.0.1:9510/ 2>/dev/null; do sleep 0.2; done
  echo "$ms"
}

echo "| round | jar (ms) | folder, clean (ms) | folder, warm (ms) | load average |"
echo "|---|---|---|---|---|"
for round in $(seq 1 "$ROUNDS"); do
  jar=$(start jar "$round"); clean=$(start "folder clean" "$round"); warm=$(start "folder warm" "$round")
  echo "| $round | $jar | $clean | $warm | $(cut -d' ' -f1-3 /proc/loadavg) |"
done
echo "jar: $(du -m "$JAR" | cut -f1) MB; runtime the folder uses: $(du -sm .liberty/wlp | cut -f1) MB + server folder $(du -sm liberty/target/wlp-usr/servers/tollgate-jar | cut -f1) MB"
