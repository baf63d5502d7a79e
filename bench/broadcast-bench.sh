#!/usr/bin/env bash
# Broadcast benchmark: starts the bundled broker and one broadcaster on free loopback ports,
# connects WebSocket clients to it (healthy ones and one deliberately slow), produces events at a
# fixed rate straight to the topic, and measures the ingest-to-client delay at the healthy clients,
# what the slow one gets, and the broadcaster's heap after a full GC: a warm-up, the measured run,
# then a rate search for the highest rate with p99 < 1 s. Writes
# bench/results/broadcast-<time>.{json,md}. Everything it starts is stopped on exit, Ctrl-C
# included. See bench/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

VERSION=0.1.0-SNAPSHOT
BROKER_JAR="broker/target/beacon-broker-$VERSION-exec.jar"
BROADCASTER_JAR="broadcaster/target/beacon-broadcaster-$VERSION.jar"
BENCH_JAR="bench/target/beacon-bench-$VERSION-exec.jar"

if [[ "${BENCH_QUICK:-0}" == 1 ]]; then
	default_warmup=10s default_duration=20s default_step=10s default_rates="15000 25000 40000"
else
	default_warmup=30s default_duration=60s default_step=20s
	default_rates="10000 15000 20000 25000 30000 40000 50000 60000 80000 100000"
fi
RATE="${BENCH_RATE:-10000}"
WARMUP="$(seconds "${BENCH_WARMUP:-$default_warmup}")"
DURATION="$(seconds "${BENCH_DURATION:-$default_duration}")"
STEP="$(seconds "${BENCH_STEP:-$default_step}")"
SEARCH_RATES="${BENCH_SEARCH_RATES-$default_rates}"
AGENTS="${BENCH_AGENTS:-50000}"
DRAIN="$(seconds "${BENCH_DRAIN:-15s}")"
SLOW_PAUSE_MS="${BENCH_SLOW_PAUSE_MS:-1000}"
BROADCASTER_HEAP="${BENCH_BROADCASTER_HEAP:-512m}"
LABEL="${BENCH_LABEL:-}"
for n in "$RATE" "$WARMUP" "$DURATION" "$STEP" "$AGENTS" "$DRAIN" "$SLOW_PAUSE_MS" $SEARCH_RATES; do
	[[ "$n" =~ ^[0-9]+$ ]] || die "rates, durations, BENCH_AGENTS and BENCH_SLOW_PAUSE_MS take whole numbers, not '$n'"
done
((AGENTS <= 99999)) || die "BENCH_AGENTS: at most 99,999 (agent-00001 … agent-99999)"

init_results broadcast
init_processes

# ---------------------------------------------------------------- prerequisites
command -v curl >/dev/null || die "curl is needed to wait for the broadcaster"
command -v jcmd >/dev/null || [[ -x "$(dirname "$(readlink -f "$(command -v java)")")/jcmd" ]] \
	|| die "jcmd (a JDK, not a JRE) is needed to read the broadcaster's heap after a full GC"

if stale "$BROKER_JAR" common/src/main common/pom.xml broker/src/main broker/pom.xml \
	|| stale "$BROADCASTER_JAR" common/src/main common/pom.xml broadcaster/src/main broadcaster/pom.xml \
	|| stale "$BENCH_JAR" common/src/main common/pom.xml bench/src/main bench/pom.xml; then
	build_modules broker,broadcaster,bench
fi
run_from_copies BROKER_JAR BROADCASTER_JAR BENCH_JAR

measure_idle
JAVA_VERSION="$(java -version 2>&1 | head -n 1)"
JVM=(-XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -Djava.net.preferIPv4Stack=true)

# ---------------------------------------------------------------- broker and broadcaster
free_port KAFKA_PORT
free_port CONTROLLER_PORT
BOOTSTRAP="127.0.0.1:$KAFKA_PORT"
# the broker creates agent-state-transitions (12 partitions) at start-up
start broker java "${JVM[@]}" -Xmx1g -jar "$BROKER_JAR" --beacon.broker.port="$KAFKA_PORT" \
	--beacon.broker.controller-port="$CONTROLLER_PORT" --beacon.broker.data-dir="$DATA_DIR/kafka" \
	--beacon.broker.parent-pid=$$
BROKER_PID=$STARTED_PID
wait_until broker "$BROKER_PID" 90 bash -c "exec 3<>/dev/tcp/127.0.0.1/$KAFKA_PORT"

free_port HTTP_PORT
start broadcaster java "${JVM[@]}" -Xmx"$BROADCASTER_HEAP" -jar "$BROADCASTER_JAR" --server.port="$HTTP_PORT" \
	--spring.kafka.bootstrap-servers="$BOOTSTRAP"
BROADCASTER_PID=$STARTED_PID
# UP (and 200) once its consumer has every partition of the topic, and so reads from their end;
# the overall status is the document's last field
wait_until broadcaster "$BROADCASTER_PID" 120 \
	bash -c "curl -sf --max-time 2 http://127.0.0.1:$HTTP_PORT/actuator/health | grep -q '\"status\":\"UP\"}\$'"
log "broker on $BOOTSTRAP, broadcaster on 127.0.0.1:$HTTP_PORT (pid $BROADCASTER_PID, -Xmx$BROADCASTER_HEAP)"

# ---------------------------------------------------------------- load
search_steps=$(wc -w <<<"$SEARCH_RATES")
log "load: warm-up ${WARMUP}s and measured ${DURATION}s at $RATE events/s, then up to $search_steps search steps of ${STEP}s; $AGENTS agents"
# progress and BENCH lines to the console as they come; everything to the log
java "${JVM[@]}" -Xmx512m -jar "$BENCH_JAR" broadcast-load --bootstrap="$BOOTSTRAP" \
	--ws="ws://127.0.0.1:$HTTP_PORT/ws" --prometheus="http://127.0.0.1:$HTTP_PORT/actuator/prometheus" \
	--broadcaster-pid="$BROADCASTER_PID" --broker-pid="$BROKER_PID" --agents="$AGENTS" --rate="$RATE" \
	--warmup="$WARMUP" --duration="$DURATION" --search-rates="$(tr ' ' ',' <<<"$SEARCH_RATES" | sed 's/,*$//')" \
	--step="$STEP" --drain="$DRAIN" --slow-pause-ms="$SLOW_PAUSE_MS" --dump-dir="$LOG_DIR" 2>&1 \
	| tee "$LOG_DIR/load.log" | grep --line-buffered '^broadcast-load: ' | sed -u 's/^broadcast-load: /  /' >&2 \
	|| { tail -n 30 "$LOG_DIR/load.log" >&2; die "the load failed; log: $LOG_DIR/load.log"; }
grep '^BENCH ' "$LOG_DIR/load.log" >>"$RAW" || die "no results; log: $LOG_DIR/load.log"
kill -0 "$BROADCASTER_PID" 2>/dev/null || die "the broadcaster died during the run; log: $LOG_DIR/broadcaster.log"

# ---------------------------------------------------------------- report
java -jar "$BENCH_JAR" broadcast-report --results="$RAW" --out="$OUT" --rate="$RATE" --agents="$AGENTS" \
	--duration="${DURATION}s" --warmup="${WARMUP}s" --step="${STEP}s" --clients="4 healthy, 1 slow (pause ${SLOW_PAUSE_MS} ms)" \
	--broadcaster-heap="-Xmx$BROADCASTER_HEAP" \
	--machine="$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)" \
	--java="$JAVA_VERSION" --idle-busy="$IDLE_BUSY" || die "report failed"
log "report: $OUT.md and $OUT.json; logs in $LOG_DIR"
