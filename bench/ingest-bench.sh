#!/usr/bin/env bash
# Beacon ingest benchmark: the gateway against this machine's HTTP and Kafka ceilings, in one run.
#
#   bench/ingest-bench.sh                 # full: 60 s warm-up per scenario, 3 runs of 20 s, medians
#   BENCH_QUICK=1 bench/ingest-bench.sh   # a minute or two, to try it out (figures not meaningful)
#
# Builds what is missing, starts the bundled broker, one gateway and the trivial endpoint on free
# loopback ports, loads them with wrk, prints a table and writes bench/results/ingest-<time>.{json,md}.
# Everything it starts is stopped on exit, Ctrl-C included. See bench/README.md for the settings.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

VERSION=0.1.0-SNAPSHOT
BROKER_JAR="broker/target/beacon-broker-$VERSION-exec.jar"
GATEWAY_JAR="gateway/target/beacon-gateway-$VERSION-exec.jar"
BENCH_JAR="bench/target/beacon-bench-$VERSION-exec.jar"
GATEWAY_CONFIG="$ROOT/gateway/src/main/resources/application.yml"
WRK_DIR="$ROOT/bench/wrk"

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

wrk_settings
BATCH_SIZE="${BENCH_BATCH_SIZE:-500}"
SCENARIOS="${BENCH_SCENARIOS:-http kafka single batch half}"
# extra producer settings for the gateway AND the producer ceiling, e.g.
# BENCH_KAFKA_ARGS="--spring.kafka.producer.properties.linger.ms=5"
read -r -a KAFKA_ARGS <<<"${BENCH_KAFKA_ARGS:-}"
# extra arguments for the gateway only
read -r -a EXTRA_GATEWAY_ARGS <<<"${GATEWAY_ARGS:-}"
[[ "$WARMUP" =~ ^[0-9]+$ && "$DURATION" =~ ^[0-9]+$ && "$RUNS" =~ ^[1-9][0-9]*$ ]] \
	|| die "BENCH_WARMUP, BENCH_DURATION take seconds (60, 60s, 2m); BENCH_RUNS a count"

init_results ingest beacon-bench

init_processes

# ---------------------------------------------------------------- prerequisites
ensure_wrk
command -v curl >/dev/null || die "curl is needed to check the services are up"

if stale "$BROKER_JAR" common/src/main common/pom.xml broker/src/main broker/pom.xml \
	|| stale "$GATEWAY_JAR" common/src/main common/pom.xml gateway/src/main gateway/pom.xml \
	|| stale "$BENCH_JAR" common/src/main common/pom.xml bench/src/main bench/pom.xml; then
	build_modules broker,gateway,bench
fi
for jar in "$BROKER_JAR" "$GATEWAY_JAR" "$BENCH_JAR"; do
	[[ -f "$jar" ]] || die "$jar was not built"
done
unzip -p "$GATEWAY_JAR" META-INF/MANIFEST.MF 2>/dev/null | grep -q '^Start-Class:' \
	|| die "$GATEWAY_JAR is not an executable Spring Boot jar (no Start-Class); check gateway/pom.xml"

measure_idle "(see the 'other' CPU column)"

JAVA_VERSION="$(java -version 2>&1 | head -n 1)"
# Java flags common to every JVM here; G1 is the default on this machine class anyway.
JVM=(-XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -Djava.net.preferIPv4Stack=true)
# extra JVM options for the gateway only, e.g. GATEWAY_JAVA_OPTS="-Dreactor.netty.ioWorkerCount=2"
read -r -a GATEWAY_JVM <<<"${GATEWAY_JAVA_OPTS:-}"

# ---------------------------------------------------------------- CPU accounting
process_jiffies() {
	local total=0 pid j
	for pid in "$@"; do
		j=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)
		total=$((total + j))
	done
	echo "$total"
}

# run_wrk SCENARIO RUN SCRIPT URL DURATION_S RATE SERVICE_PIDS...: appends the BENCH line (RUN > 0)
run_wrk() {
	local scenario=$1 run=$2 script=$3 url=$4 duration=$5 rate=$6
	shift 6
	local m0 t0 s0 m1 t1 s1 w0 w1 wall0 wall1
	read -r m0 t0 < <(machine_jiffies)
	s0=$(process_jiffies "$@")
	children_seconds w0
	wall0=$EPOCHREALTIME
	wrk_load "$scenario" "$run" "$script" "$url" "$duration" "$rate"
	read -r m1 t1 < <(machine_jiffies)
	s1=$(process_jiffies "$@")
	children_seconds w1
	wall1=$EPOCHREALTIME
	local line cores
	wrk_result
	# jiffies / elapsed jiffies of all cores, times the core count = cores in use
	# wrk: its CPU seconds over the wall time; "other": whatever is left (processes not ours)
	cores=$(awk -v m=$((m1 - m0)) -v t=$((t1 - t0)) -v s=$((s1 - s0)) -v n="$(nproc)" \
		-v w="$(awk -v a="$w0" -v b="$w1" 'BEGIN { print b - a }')" \
		-v wall="$(awk -v a="$wall0" -v b="$wall1" 'BEGIN { print b - a }')" \
		'BEGIN { if (t > 0 && wall > 0) { all = n * m / t; svc = n * s / t; gen = w / wall; other = all - svc - gen;
			printf "cpu_machine_cores=%.2f cpu_services_cores=%.2f cpu_wrk_cores=%.2f cpu_other_cores=%.2f",
				all, svc, gen, (other > 0) ? other : 0 } }')
	line="$WRK_LINE $cores"
	wrk_record "$run" "$line" "$SUMMARY"
	LAST_LINE="$line"
}
SUMMARY="{rps} req/s, {events_per_s} events/s, p50 {p50_ms} ms, p99 {p99_ms} ms, non-2xx {non2xx}, errors {socket_errors}, \
CPU {cpu_machine_cores} cores (services {cpu_services_cores}, wrk {cpu_wrk_cores}, other {cpu_other_cores})"

# scenario NAME SCRIPT URL RATE PIDS...: warm-up, then $RUNS measured runs
scenario() {
	local name=$1 script=$2 url=$3 rate=$4
	shift 4
	log "$name: warm-up ${WARMUP}s, then $RUNS x ${DURATION}s"
	((WARMUP > 0)) && run_wrk "$name" 0 "$script" "$url" "$WARMUP" "$rate" "$@"
	local run
	for run in $(seq 1 "$RUNS"); do
		if [[ "${BENCH_JFR:-0}" == 1 && $run == 1 && -n "${GATEWAY_PID:-}" && "$name" == gateway-* ]]; then
			jcmd "$GATEWAY_PID" JFR.start name="$name" settings=profile duration="${DURATION}s" \
				filename="$ROOT/$LOG_DIR/gateway-$name.jfr" >"$LOG_DIR/jfr-$name.log" 2>&1 \
				|| log "JFR could not start; see $LOG_DIR/jfr-$name.log"
		fi
		run_wrk "$name" "$run" "$script" "$url" "$DURATION" "$rate" "$@"
	done
}


# ---------------------------------------------------------------- broker
start_bench_broker

# ---------------------------------------------------------------- HTTP ceiling
if has_scenario http; then
	free_port TRIVIAL_PORT
	TRIVIAL_URL="http://127.0.0.1:$TRIVIAL_PORT"
	log "starting the trivial endpoint on $TRIVIAL_URL"
	start trivial java -Xms"$SERVICE_HEAP" -Xmx"$SERVICE_HEAP" "${JVM[@]}" -jar "$BENCH_JAR" trivial \
		--server.port="$TRIVIAL_PORT" --server.address=127.0.0.1
	TRIVIAL_PID=$STARTED_PID
	wait_until trivial "$TRIVIAL_PID" 120 post_one "$TRIVIAL_URL"
	scenario trivial-single single.lua "$TRIVIAL_URL" 0 "$TRIVIAL_PID"
	stop_pid "$TRIVIAL_PID"
fi

# ---------------------------------------------------------------- Kafka ceiling
if has_scenario kafka; then
	log "kafka-producer: warm-up ${WARMUP}s, then $RUNS x ${DURATION}s (gateway's producer settings)"
	java -Xms"$SERVICE_HEAP" -Xmx"$SERVICE_HEAP" "${JVM[@]}" -jar "$BENCH_JAR" producer-ceiling \
		--spring.config.additional-location="file:$GATEWAY_CONFIG" --spring.kafka.bootstrap-servers="$BOOTSTRAP" \
		--bench.producer.warmup="${WARMUP}s" --bench.producer.duration="${DURATION}s" --bench.producer.runs="$RUNS" \
		--bench.producer.agents="$AGENTS" --bench.producer.broker-pids="$BROKER_PID" ${KAFKA_ARGS[@]+"${KAFKA_ARGS[@]}"} >"$LOG_DIR/producer-ceiling.log" 2>&1 &
	CEILING_PID=$!
	PIDS+=("$CEILING_PID")
	echo "$CEILING_PID" >>"$PID_FILE"
	wait "$CEILING_PID" || die "producer ceiling failed; see $LOG_DIR/producer-ceiling.log"
	grep '^BENCH ' "$LOG_DIR/producer-ceiling.log" >>"$RAW" || die "producer ceiling printed no result"
	grep 'Producer settings' "$LOG_DIR/producer-ceiling.log" | sed 's/.*Producer settings/  producer settings/' >&2 || true
	while read -r line; do log "  $(summary_of "$line" "run {run}: {events_per_s} events/s, ack p50 {p50_ms} ms, p99 {p99_ms} ms, \
CPU {cpu_machine_cores} cores (services {cpu_services_cores}, other {cpu_other_cores})")"; done \
		< <(grep '^BENCH ' "$LOG_DIR/producer-ceiling.log")
fi

# ---------------------------------------------------------------- gateway
if has_scenario single || has_scenario batch || has_scenario half; then
	free_port GATEWAY_PORT
	GATEWAY_URL="http://127.0.0.1:$GATEWAY_PORT"
	log "starting the gateway on $GATEWAY_URL"
	start gateway java -Xms"$SERVICE_HEAP" -Xmx"$SERVICE_HEAP" "${JVM[@]}" ${GATEWAY_JVM[@]+"${GATEWAY_JVM[@]}"} -jar "$GATEWAY_JAR" \
		--server.port="$GATEWAY_PORT" --server.address=127.0.0.1 --spring.kafka.bootstrap-servers="$BOOTSTRAP" \
		${KAFKA_ARGS[@]+"${KAFKA_ARGS[@]}"} ${EXTRA_GATEWAY_ARGS[@]+"${EXTRA_GATEWAY_ARGS[@]}"}
	GATEWAY_PID=$STARTED_PID
	wait_until gateway "$GATEWAY_PID" 120 post_one "$GATEWAY_URL"
	curl -sf -m 5 "$GATEWAY_URL/actuator/health" | grep -q '"status":"UP"' || log "WARNING: gateway health is not UP"

	MAX_RPS=""
	if has_scenario single; then
		scenario gateway-single single.lua "$GATEWAY_URL" 0 "$GATEWAY_PID" "$BROKER_PID"
		MAX_RPS=$(grep '^BENCH scenario=gateway-single ' "$RAW" | tr ' ' '\n' | awk -F= '$1 == "rps" { print $2 }' \
			| sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
	fi
	if has_scenario batch; then
		scenario gateway-batch batch.lua "$GATEWAY_URL" 0 "$GATEWAY_PID" "$BROKER_PID"
	fi
	if has_scenario half; then
		MAX_RPS="${BENCH_MAX_RPS:-$MAX_RPS}"
		[[ -n "$MAX_RPS" ]] || die "the half-rate scenario needs the single scenario (or BENCH_MAX_RPS)"
		HALF=$(awk -v r="$MAX_RPS" 'BEGIN { printf "%d", r / 2 }')
		log "gateway-single-half-rate: paced at $HALF req/s (half of $MAX_RPS)"
		# already warm from the scenarios above; a short settle instead of a second warm-up
		WARMUP_SAVED=$WARMUP
		WARMUP=$((WARMUP > 10 ? 10 : WARMUP))
		scenario gateway-single-half-rate single.lua "$GATEWAY_URL" "$HALF" "$GATEWAY_PID" "$BROKER_PID"
		WARMUP=$WARMUP_SAVED
	fi
fi

# ---------------------------------------------------------------- report
java -Xmx256m -jar "$BENCH_JAR" report --results="$RAW" --out="$OUT" \
	--meta.label="${LABEL:-default}" --meta.warmup_s="$WARMUP" --meta.duration_s="$DURATION" --meta.runs="$RUNS" \
	--meta.connections="$CONNECTIONS" --meta.wrk_threads="$THREADS" --meta.batch_size="$BATCH_SIZE" \
	--meta.agents="$AGENTS" --meta.kafka_args="${BENCH_KAFKA_ARGS:-none}" --meta.gateway_args="${GATEWAY_ARGS:-none}" \
	--meta.broker_args="${BROKER_ARGS:-none}" --meta.gateway_java_opts="${GATEWAY_JAVA_OPTS:-none}" \
	--meta.java="$JAVA_VERSION" --meta.busy_cores_before_start="$IDLE_BUSY" --meta.logs="$LOG_DIR" \
	--meta.note="wrk and the services share the machine's cores"
