#!/usr/bin/env bash
# A CPU profile of a running server JVM under a load, by async-profiler (Maven Central: tools.profiler:async-profiler,
# its Linux library attached through the JDK's attach API). Unlike JFR it samples inside the JDK's intrinsics (the
# RSA arithmetic) and every thread (compilers, collector, selectors), so its samples add up to the process's CPU.
# Writes collapsed stacks, one line per stack with its count, each starting with the thread's name.
#
#   bench/profile.sh PID OUT.collapsed SECONDS -- wrk arguments...     # e.g. -t2 -c16 http://localhost:9480/api/status
#
# Prints wrk's summary and the JVM's CPU time during the run (from /proc), against which the samples (1 ms of CPU
# each) can be checked.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
PID=$1 OUT=$2 SECONDS_TO_RUN=$3; shift 4
VERSION=4.1
lib=target/async-profiler-$VERSION/linux-x64/libasyncProfiler.so
if [ ! -f "$lib" ]; then
  jar=$HOME/.m2/repository/tools/profiler/async-profiler/$VERSION/async-profiler-$VERSION.jar
  [ -f "$jar" ] || ./mvnw -q -B -ntp dependency:get -Dartifact=tools.profiler:async-profiler:$VERSION
  mkdir -p "target/async-profiler-$VERSION" && (cd "target/async-profiler-$VERSION" && unzip -q -o "$jar" 'linux-x64/*')
fi
attach() {  # the attach API from a one-file program: no build, no tool beyond the JDK
  cat > target/AttachAgent.java <<'JAVA'
public class AttachAgent {
    public static void main(String[] args) throws Exception {
        var vm = com.sun.tools.attach.VirtualMachine.attach(args[0]);
        try { vm.loadAgentPath(args[1], args[2]); } finally { vm.detach(); }
    }
}
JAVA
  java target/AttachAgent.java "$PID" "$PWD/$lib" "$1"
}
before=$(ticks "$PID")
attach "start,event=cpu,interval=1ms,threads"
wrk -d"${SECONDS_TO_RUN}s" "$@" | grep -E "requests in|Requests/sec|Non-2xx" || true
attach "stop,file=$(realpath -m "$OUT"),collapsed"
echo "JVM CPU during the run: $(( ($(ticks "$PID") - before) * 1000 / $(getconf CLK_TCK) )) ms"
