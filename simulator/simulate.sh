#!/usr/bin/env bash
# Plays agents against Beacon's ingest API: simulator/simulate.sh --agents 10 --rate 20 (--help for all).
# Builds the simulator first when its jar is missing or older than its sources.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

find_jar() {
  # no target/ yet on a fresh clone: nothing found, not an error
  find "$root/simulator/target" -maxdepth 1 -name 'beacon-simulator-*.jar' ! -name '*-sources.jar' 2>/dev/null | head -n 1 || true
}

jar="$(find_jar)"
if [[ -z "$jar" ]] || [[ -n "$(find "$root/simulator/src/main" "$root/simulator/pom.xml" "$root/common/src/main" \
    "$root/common/pom.xml" "$root/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]]; then
  echo "simulator: building (./mvnw -pl simulator -am package) ..." >&2
  # -Dsimulator.launcher leaves out the integration test's parts (see simulator/pom.xml), so only
  # common and the simulator are built: the jars of a running stack are not rewritten under it
  (cd "$root" && ./mvnw -B -ntp -q -pl simulator -am package -DskipTests -Dmaven.test.skip=true \
    -Dsimulator.launcher -Dspring-javaformat.skip=true) >&2
  jar="$(find_jar)"
  [[ -n "$jar" ]] || { echo "simulator: the build made no jar under simulator/target" >&2; exit 2; }
fi

# the progress line rewrites itself on a terminal, and prints one line a second otherwise
tty=false
[[ -t 2 ]] && tty=true

# SIMULATOR_JAVA_OPTS: extra JVM options, e.g. -Xmx2g for millions of events with --verify
# shellcheck disable=SC2086
exec java ${SIMULATOR_JAVA_OPTS:-} -Dbeacon.simulator.tty="$tty" -jar "$jar" "$@"
