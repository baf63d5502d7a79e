#!/usr/bin/env bash
# Beacon stack benchmark: the machine's ceilings, then the whole stack as ./start.sh runs it, in
# one run, every figure as a ratio to its ceiling (issue 9, part 1; the soak is part 2).
#
#   bench/stack-bench.sh                  # full: ~30-40 minutes (50,000-agent soak included)
#   BENCH_QUICK=1 bench/stack-bench.sh    # ~5 minutes once built, to try it out (figures not meaningful)
#
# 1. Ceilings: the HTTP ceiling (the trivial 202 endpoint under wrk), the Kafka ceiling (raw
#    producer against a bench broker) and the JDBC ceiling (raw batch insert into a scratch SQLite
#    file), each stopped before the next.
# 2. ./start.sh --detach on free ports with a scratch data dir, then: single-event ingest through
#    the load balancer (wrk), batch ingest (wrk, 500 events/request) while the watchtower's
#    archive lag is sampled every second until it is back to 0, and the soak
#    (simulator/simulate.sh with a burst, the WebSocket delay probe, the lag probe and --verify).
#    ./start.sh stop at the end, on Ctrl-C and on failure.
# Writes bench/results/stack-<time>[-label].{md,json} and the logs under …-logs/. See bench/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

VERSION=0.1.0-SNAPSHOT
BROKER_JAR="broker/target/beacon-broker-$VERSION-exec.jar"
BENCH_JAR="bench/target/beacon-bench-$VERSION-exec.jar"
GATEWAY_CONFIG="$ROOT/gateway/src/main/resources/application.yml"
SQLITE_SCHEMA="$ROOT/archiver/src/main/resources/db/migration/sqlite/V1__archive.sql"
# the archiver's own SQLite pragmas (its application.yml), as in bench/archive-bench.sh
SQLITE_PRAGMAS="wal_autocheckpoint=65536,journal_size_limit=536870912"
WRK_DIR="$ROOT/bench/wrk"
STACK_MODULES=(broker gateway load-balancer archiver broadcaster watchtower)

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

wrk_settings
if [[ "${BENCH_QUICK:-0}" == 1 ]]; then
	default_batch_warmup=10s default_rows=50000
	default_soak_agents=2000 default_soak_duration=30s default_soak_burst=10s default_soak_warmup=0s
else
	default_batch_warmup=30s default_rows=200000
	default_soak_agents=50000 default_soak_duration=150s default_soak_burst=30s default_soak_warmup=90s
fi
BATCH_WARMUP=$(seconds "${BENCH_BATCH_WARMUP:-$default_batch_warmup}")
BATCH_SIZE="${BENCH_BATCH_SIZE:-500}"
CEILING_ROWS="${BENCH_CEILING_ROWS:-$default_rows}"
SOAK_AGENTS="${BENCH_SOAK_AGENTS:-$default_soak_agents}"
SOAK_DURATION=$(seconds "${BENCH_SOAK_DURATION:-$default_soak_duration}")
SOAK_BURST=$(seconds "${BENCH_SOAK_BURST:-$default_soak_burst}")
# the stack's JIT compiles for the first minutes of load; on 2 cores that is CPU the soak would lose
SOAK_WARMUP=$(seconds "${BENCH_SOAK_WARMUP:-$default_soak_warmup}")
SOAK_BATCH="${BENCH_SOAK_BATCH:-100}"
DRAIN_TIMEOUT=$(seconds "${BENCH_DRAIN_TIMEOUT:-900s}")
VERIFY_TIMEOUT=$(seconds "${BENCH_SOAK_VERIFY_TIMEOUT:-300s}")
PHASES="${BENCH_PHASES:-http kafka jdbc single batch soak}"
SCENARIOS="$PHASES" # for has_scenario
GATEWAYS="${BENCH_GATEWAYS:-2}"
WATCHTOWER_POLL="${BENCH_WATCHTOWER_POLL-1s}"
CDS_CACHE="${BENCH_CDS_DIR-$ROOT/bench/target/stack-cds}"
export SIMULATOR_JAVA_OPTS="${SIMULATOR_JAVA_OPTS:--Xmx2g}"
for value in "$WARMUP" "$BATCH_WARMUP" "$DURATION" "$SOAK_DURATION" "$SOAK_BURST" "$SOAK_WARMUP" "$DRAIN_TIMEOUT" "$VERIFY_TIMEOUT"; do
	[[ "$value" =~ ^[0-9]+$ ]] || die "durations take seconds (60, 60s, 2m), not '$value'"
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ && "$CEILING_ROWS" =~ ^[1-9][0-9]*$ && "$SOAK_AGENTS" =~ ^[1-9][0-9]*$ \
	&& "$GATEWAYS" =~ ^[1-9]$ && "$SOAK_BATCH" =~ ^[1-9][0-9]*$ ]] \
	|| die "BENCH_RUNS, BENCH_CEILING_ROWS, BENCH_SOAK_AGENTS, BENCH_SOAK_BATCH take positive whole numbers; BENCH_GATEWAYS 1-9"
for phase in $PHASES; do
	[[ " http kafka jdbc single batch soak " == *" $phase "* ]] || die "BENCH_PHASES: http kafka jdbc single batch soak, not '$phase'"
done
((SOAK_BURST < SOAK_DURATION)) || die "BENCH_SOAK_BURST must be shorter than BENCH_SOAK_DURATION"

init_results stack
LAG_FILE="$LOG_DIR/watchtower-status.txt"

init_processes

# ---------------------------------------------------------------- the stack, with start.sh
STACK_DIR="$DATA_DIR/stack"
STACK_LOGS="$LOG_DIR/stack"
STACK_UP=0
SAMPLER_PID=""
# stack ARGS...: ./start.sh with the benchmark's settings (ports, scratch data, no dashboard)
stack() {
	env GATEWAY_COUNT="$GATEWAYS" GATEWAY_PORT="$GATEWAY_PORT" LB_PORT="$LB_PORT" BROADCASTER_PORT="$BROADCASTER_PORT" \
		ARCHIVER_PORT="$ARCHIVER_PORT" WATCHTOWER_PORT="$WATCHTOWER_PORT" BEACON_KAFKA_PORT="$STACK_KAFKA_PORT" \
		BEACON_KAFKA_CONTROLLER_PORT="$STACK_CONTROLLER_PORT" DASHBOARD_PORT="$DASHBOARD_PORT" \
		PROMETHEUS_PORT="$PROMETHEUS_PORT" BEACON_BROKER=kafka BEACON_DATA_DIR="$STACK_DIR/data" \
		BEACON_LOG_DIR="$STACK_LOGS" BEACON_DB_URL="jdbc:sqlite:$STACK_DIR/beacon.db" BEACON_DASHBOARD=off \
		BEACON_PROMETHEUS=off START_TIMEOUT="${START_TIMEOUT:-300}" \
		${WATCHTOWER_POLL:+BEACON_WATCHTOWER_POLLINTERVAL="$WATCHTOWER_POLL"} \
		./start.sh "$@"
}

stop_stack() {
	if [[ -n "$SAMPLER_PID" ]]; then
		kill "$SAMPLER_PID" 2>/dev/null || true
		wait "$SAMPLER_PID" 2>/dev/null || true
		SAMPLER_PID=""
	fi
	((STACK_UP)) || return 0
	log "stopping the stack (./start.sh stop)"
	stack stop >>"$LOG_DIR/start.log" 2>&1 || log "WARNING: ./start.sh stop failed; see $LOG_DIR/start.log"
	STACK_UP=0
}

# on exit, Ctrl-C and failure: the stack in order (start.sh stop), then what lib.sh started
stack_cleanup() {
	local status=$?
	set +e
	trap '' INT TERM
	stop_stack
	(exit "$status")
	cleanup
}
trap stack_cleanup EXIT

# service_pids: "name pid" of every service of the running stack
service_pids() { awk -F'|' '$2 != "-" { print $1, $2 }' "$STACK_DIR/data/run/services" 2>/dev/null; }

# ---------------------------------------------------------------- CPU accounting
# cpu_begin NAME=PID...: the processes measured (the rest is the load generator, a child of this
# shell, and other); cpu_end sets CPU_FIELDS, the BENCH fields of the window since
cpu_begin() {
	CPU_NAMES=() CPU_PIDS=()
	local entry
	for entry in "$@"; do
		CPU_NAMES+=("${entry%%=*}")
		CPU_PIDS+=("${entry#*=}")
	done
	read -r CPU_M0 CPU_T0 < <(machine_jiffies)
	CPU_P0=$(jiffies_of ${CPU_PIDS[@]+"${CPU_PIDS[@]}"})
	children_seconds CPU_W0
	CPU_WALL0=$EPOCHREALTIME
}
cpu_end() {
	local m1 t1 p1 w1 wall1
	read -r m1 t1 < <(machine_jiffies)
	p1=$(jiffies_of ${CPU_PIDS[@]+"${CPU_PIDS[@]}"})
	children_seconds w1 # in this shell: a subshell does not see this shell's children
	wall1=$EPOCHREALTIME
	# jiffies over the elapsed jiffies of all cores, times the core count = cores in use; the load
	# generator (wrk, the simulator): its CPU seconds over the wall time, or with CPU_CHILD set,
	# the child measured (the JDBC ceiling's JVM) under that name; other: the rest
	CPU_FIELDS=$(awk -v m=$((m1 - CPU_M0)) -v t=$((t1 - CPU_T0)) -v p0="$CPU_P0" -v p1="$p1" \
		-v names="${CPU_NAMES[*]-}" -v child="${CPU_CHILD:-}" -v n="$(nproc)" -v w0="$CPU_W0" -v w1="$w1" \
		-v wall0="$CPU_WALL0" -v wall1="$wall1" 'BEGIN {
		wall = wall1 - wall0
		if (t <= 0 || wall <= 0) exit
		k = split(names, name, " "); split(p0, a, " "); split(p1, b, " ")
		all = n * m / t; svc = 0; fields = ""
		for (i = 1; i <= k; i++) { c = n * (b[i] - a[i]) / t; svc += c; fields = fields sprintf(" cpu_%s_cores=%.2f", name[i], c) }
		gen = (w1 - w0) / wall
		if (child != "") { svc += gen; fields = fields sprintf(" cpu_%s_cores=%.2f", child, gen); gen = 0 }
		other = all - svc - gen
		printf "cpu_machine_cores=%.2f cpu_services_cores=%.2f cpu_load_cores=%.2f cpu_other_cores=%.2f%s",
			all, svc, gen, (other > 0) ? other : 0, fields }')
}
stack_cpu_begin() {
	local entries=() name pid
	while read -r name pid; do entries+=("$name=$pid"); done < <(service_pids)
	cpu_begin ${entries[@]+"${entries[@]}"}
}

# ---------------------------------------------------------------- wrk
# run_wrk SCENARIO RUN SCRIPT URL DURATION_S: appends the BENCH line (RUN > 0); CPU of the
# processes given to cpu_begin by the caller's MEASURED (NAME=PID ...) or the stack's services
run_wrk() {
	local scenario=$1 run=$2 script=$3 url=$4 duration=$5
	if [[ -n "${MEASURED:-}" ]]; then
		# shellcheck disable=SC2086
		cpu_begin $MEASURED
	else
		stack_cpu_begin
	fi
	wrk_load "$scenario" "$run" "$script" "$url" "$duration" 0
	cpu_end
	wrk_result
	wrk_record "$run" "$WRK_LINE $CPU_FIELDS" "$SUMMARY"
}
SUMMARY="{rps} req/s, {events_per_s} events/s, p50 {p50_ms} ms, p99 {p99_ms} ms, non-2xx {non2xx}, errors {socket_errors}, \
CPU {cpu_machine_cores} cores (measured {cpu_services_cores}, load {cpu_load_cores}, other {cpu_other_cores})"
# scenario NAME SCRIPT URL WARMUP_S: warm-up, then $RUNS measured runs
scenario() {
	local name=$1 script=$2 url=$3 warmup=$4 run
	log "$name: warm-up ${warmup}s, then $RUNS x ${DURATION}s"
	((warmup > 0)) && run_wrk "$name" 0 "$script" "$url" "$warmup"
	for run in $(seq 1 "$RUNS"); do
		run_wrk "$name" "$run" "$script" "$url" "$DURATION"
	done
}

# ---------------------------------------------------------------- the watchtower's lag
# lag_sampler: GET /status every second, "<epoch ms> <body on one line>" per line
lag_sampler() {
	local now next
	trap 'exit 0' TERM
	next=$(date +%s%3N)
	while :; do
		now=$(date +%s%3N)
		printf '%s %s\n' "$now" "$(curl -s -m 2 "$WATCHTOWER_URL/status" 2>/dev/null | tr -d '\n')" >>"$LAG_FILE"
		next=$((next + 1000))
		now=$(date +%s%3N)
		((next > now)) && sleep "$(awk -v d=$((next - now)) 'BEGIN { printf "%.3f", d / 1000 }')"
		((next > now)) || next=$now
	done
}
# the archive lag of the last sample (consumer_lag, not kafka.lag's per-partition map), nothing when
# it had none (e.g. 503 while the watchtower starts)
latest_lag() {
	tail -n 1 "$LAG_FILE" 2>/dev/null | grep -o "\"consumer_lag\" *: *{ *\"$ARCHIVER_GROUP\" *: *[0-9][0-9]*" \
		| grep -o '[0-9]*$' || true
}
ARCHIVER_GROUP=beacon-archiver

# wait_drained SINCE_MS: until a sample taken 2 s after SINCE_MS shows lag 0, or DRAIN_TIMEOUT
wait_drained() {
	local since=$1 deadline=$((SECONDS + DRAIN_TIMEOUT)) lag="" said=$SECONDS known=$SECONDS
	while ((SECONDS < deadline)); do
		sleep 1
		lag=$(latest_lag)
		if [[ "$lag" == 0 ]] && (($(date +%s%3N) > since + 2000)); then
			return 0
		fi
		[[ -n "$lag" ]] && known=$SECONDS
		if ((SECONDS - known >= 60)); then
			log "WARNING: the watchtower has shown no archive lag for 60 s; see $LAG_FILE"
			return 1
		fi
		if ((SECONDS - said >= 10)); then
			log "  archive lag ${lag:-unknown}"
			said=$SECONDS
		fi
	done
	log "WARNING: the archive lag is still ${lag:-unknown} after ${DRAIN_TIMEOUT}s (BENCH_DRAIN_TIMEOUT)"
	return 1
}

# ---------------------------------------------------------------- prerequisites
ensure_wrk
command -v curl >/dev/null || die "curl is needed to check the services are up"

modules=""
for module in "${STACK_MODULES[@]}" bench; do
	case "$module" in
		broker | gateway | bench) jar="$module/target/beacon-$module-$VERSION-exec.jar" ;;
		*) jar="$module/target/beacon-$module-$VERSION.jar" ;;
	esac
	stale "$jar" common/src/main common/pom.xml "$module/src/main" "$module/pom.xml" && modules+="${modules:+,}$module"
done
[[ -n "$modules" ]] && build_modules "$modules"
[[ -f "$BENCH_JAR" && -f "$BROKER_JAR" ]] || die "the jars were not built"

# the soak needs the simulator's probes (--ws-url, --lag-url, --report-json, the burst)
SOAK_SKIPPED=""
if has_scenario soak; then
	if ! grep -q -- 'ws-url' simulator/src/main/java/io/beacon/simulator/cli/OptionsParser.java 2>/dev/null; then
		SOAK_SKIPPED="simulator without --ws-url: soak skipped"
	else
		log "checking the simulator (simulator/simulate.sh --help builds it when stale)"
		if ! simulator/simulate.sh --help >"$LOG_DIR/simulator-help.txt" 2>&1; then
			SOAK_SKIPPED="simulator/simulate.sh --help failed (see simulator-help.txt in the logs): soak skipped"
		else
			for option in ws-url lag-url report-json burst-rate verify; do
				grep -q -- "--$option" "$LOG_DIR/simulator-help.txt" || SOAK_SKIPPED="simulator without --$option: soak skipped"
			done
		fi
	fi
	[[ -n "$SOAK_SKIPPED" ]] && log "$SOAK_SKIPPED"
else
	SOAK_SKIPPED="not in BENCH_PHASES"
fi

measure_idle "(see the 'other' CPU column)"
JAVA_VERSION="$(java -version 2>&1 | head -n 1)"
JVM=(-XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -Djava.net.preferIPv4Stack=true)
# copies: a rebuild during the run must not pull classes from under the ceilings' JVMs
run_from_copies BROKER_JAR BENCH_JAR

# ---------------------------------------------------------------- 1. ceilings
if has_scenario http; then
	free_port TRIVIAL_PORT
	TRIVIAL_URL="http://127.0.0.1:$TRIVIAL_PORT"
	log "HTTP ceiling: the trivial endpoint on $TRIVIAL_URL"
	start trivial java -Xms"$SERVICE_HEAP" -Xmx"$SERVICE_HEAP" "${JVM[@]}" -jar "$BENCH_JAR" trivial \
		--server.port="$TRIVIAL_PORT" --server.address=127.0.0.1
	TRIVIAL_PID=$STARTED_PID
	wait_until trivial "$TRIVIAL_PID" 120 post_one "$TRIVIAL_URL"
	MEASURED="trivial=$TRIVIAL_PID" scenario trivial-single single.lua "$TRIVIAL_URL" "$WARMUP"
	stop_pid "$TRIVIAL_PID"
fi

if has_scenario kafka; then
	start_bench_broker
	log "Kafka ceiling: kafka-producer, warm-up ${WARMUP}s, then $RUNS x ${DURATION}s (the gateway's producer settings)"
	start producer-ceiling java -Xms"$SERVICE_HEAP" -Xmx"$SERVICE_HEAP" "${JVM[@]}" -jar "$BENCH_JAR" producer-ceiling \
		--spring.config.additional-location="file:$GATEWAY_CONFIG" --spring.kafka.bootstrap-servers="$BOOTSTRAP" \
		--bench.producer.warmup="${WARMUP}s" --bench.producer.duration="${DURATION}s" --bench.producer.runs="$RUNS" \
		--bench.producer.agents="$AGENTS" --bench.producer.broker-pids="$BROKER_PID"
	wait "$STARTED_PID" || die "producer ceiling failed; see $LOG_DIR/producer-ceiling.log"
	grep '^BENCH ' "$LOG_DIR/producer-ceiling.log" >>"$RAW" || die "producer ceiling printed no result"
	grep '^BENCH ' "$LOG_DIR/producer-ceiling.log" | while read -r line; do
		log "  $(summary_of "$line" "run {run}: {events_per_s} events/s, ack p50 {p50_ms} ms, p99 {p99_ms} ms, failed {errors}, \
CPU {cpu_machine_cores} cores (producer + broker {cpu_services_cores}, other {cpu_other_cores})")"
	done
	stop_pid "$BROKER_PID"
	rm -rf "$DATA_DIR/kafka"
fi

if has_scenario jdbc; then
	log "JDBC ceiling: $CEILING_ROWS rows, bare batch insert into SQLite"
	cpu_begin
	java "${JVM[@]}" -Xmx2g -jar "$BENCH_JAR" db-ceiling --url="jdbc:sqlite:$DATA_DIR/ceiling.db" \
		--schema="$SQLITE_SCHEMA" --rows="$CEILING_ROWS" --agents="$AGENTS" --batch=500 --pragmas="$SQLITE_PRAGMAS" \
		--scenario=jdbc-ceiling >"$LOG_DIR/jdbc-ceiling.log" 2>&1 || die "JDBC ceiling failed; see $LOG_DIR/jdbc-ceiling.log"
	# the ceiling's JVM is this shell's child: cores over its whole life, generating its rows included
	CPU_CHILD=jdbc-ceiling cpu_end
	line=$(grep '^BENCH ' "$LOG_DIR/jdbc-ceiling.log") || die "JDBC ceiling printed no result"
	echo "${line/#BENCH /BENCH run=1 } $CPU_FIELDS" >>"$RAW"
	log "  $(grep -o 'rows_per_s=[0-9.]*' <<<"$line") (SQLite, $(grep -o 'duration_s=[0-9.]*' <<<"$line"))"
	rm -f "$DATA_DIR"/ceiling.db*
fi

# ---------------------------------------------------------------- 2. the stack
if has_scenario single || has_scenario batch || [[ -z "$SOAK_SKIPPED" ]]; then
	# the gateways take GATEWAY_PORT and the ports after it
	for _ in $(seq 1 100); do
		free_port GATEWAY_PORT
		ok=1
		for ((i = 1; i < GATEWAYS; i++)); do
			port=$((GATEWAY_PORT + i))
			if ((port > 65535)) || [[ "$USED_PORTS" == *" $port "* ]] || (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
				ok=0
			fi
		done
		((ok)) && break
	done
	((ok)) || die "no $GATEWAYS free ports in a row for the gateways"
	for ((i = 1; i < GATEWAYS; i++)); do USED_PORTS+="$((GATEWAY_PORT + i)) "; done
	for var in LB_PORT BROADCASTER_PORT ARCHIVER_PORT WATCHTOWER_PORT STACK_KAFKA_PORT STACK_CONTROLLER_PORT \
		DASHBOARD_PORT PROMETHEUS_PORT; do
		free_port "$var"
	done
	LB_URL="http://127.0.0.1:$LB_PORT"
	WATCHTOWER_URL="http://127.0.0.1:$WATCHTOWER_PORT"
	ARCHIVER_URL="http://127.0.0.1:$ARCHIVER_PORT"
	mkdir -p "$STACK_DIR/data" "$STACK_LOGS"
	# class archives kept across runs (as ./start.sh keeps them in data/cds): later starts take half the CPU
	if [[ -n "$CDS_CACHE" && "$CDS_CACHE" != off ]]; then
		mkdir -p "$CDS_CACHE"
		ln -s "$(cd "$CDS_CACHE" && pwd)" "$STACK_DIR/data/cds"
	fi
	log "starting the stack: ./start.sh --detach (load balancer $LB_URL, watchtower $WATCHTOWER_URL; log: $LOG_DIR/start.log)"
	STACK_UP=1
	started=$SECONDS
	stack --detach >"$LOG_DIR/start.log" 2>&1 || {
		tail -n 30 "$LOG_DIR/start.log" >&2
		die "./start.sh --detach failed; see $LOG_DIR/start.log and $STACK_LOGS/"
	}
	log "  up in $((SECONDS - started)) s: $(service_pids | awk '{ printf "%s%s", (NR > 1) ? ", " : "", $1 }')"
	# if this script is killed outright, lib.sh's watchdog stops them (not in order)
	service_pids | awk '{ print $2 }' >>"$PID_FILE"
	post_one "$LB_URL" || die "the load balancer does not accept an event; see $STACK_LOGS/"
	lag_sampler &
	SAMPLER_PID=$!
	PIDS+=("$SAMPLER_PID")

	if has_scenario single; then
		scenario lb-single single.lua "$LB_URL" "$WARMUP"
	fi

	if has_scenario batch; then
		# the archive lag before the load: anything left from the single phase drains first
		wait_drained "$(date +%s%3N)" || true
		load_start=$(date +%s%3N)
		scenario lb-batch batch.lua "$LB_URL" "$BATCH_WARMUP"
		load_end=$(date +%s%3N)
		log "batch load over; waiting for the archive lag to come back to 0 (at most ${DRAIN_TIMEOUT}s)"
		stack_cpu_begin
		drained=1
		wait_drained "$load_end" || drained=0
		cpu_end
		echo "BENCH scenario=archive run=1 load_start_ms=$load_start load_end_ms=$load_end drain_end_ms=$(date +%s%3N) drained=$drained drain_timeout_s=$DRAIN_TIMEOUT $CPU_FIELDS" >>"$RAW"
		log "  $( ((drained)) && echo "drained $(awk -v a="$load_end" -v b="$(date +%s%3N)" 'BEGIN { printf "%.0f", (b - a) / 1000 }') s after the load" || echo "not drained")"
	fi

	if [[ -z "$SOAK_SKIPPED" ]]; then
		wait_drained "$(date +%s%3N)" || log "WARNING: the soak starts with a backlog: its lag figures include it"
		if ((SOAK_WARMUP > 0)); then
			log "soak warm-up: ${SOAK_WARMUP}s of the soak's base load, not measured (log: soak-warmup.log)"
			simulator/simulate.sh --agents "$SOAK_AGENTS" --rate "$((SOAK_AGENTS / 2))" --batch "$SOAK_BATCH" \
				--duration "${SOAK_WARMUP}s" --url "$LB_URL" </dev/null >"$LOG_DIR/soak-warmup.log" 2>&1 \
				|| log "WARNING: the warm-up run exited with $? (see soak-warmup.log)"
			wait_drained "$(date +%s%3N)" || log "WARNING: the soak starts with a backlog: its lag figures include it"
		fi
		burst_at=$(((SOAK_DURATION - SOAK_BURST) / 2))
		soak_args=(--agents "$SOAK_AGENTS" --rate "$((SOAK_AGENTS / 2))" --batch "$SOAK_BATCH" --duration "${SOAK_DURATION}s"
			--burst-rate "$SOAK_AGENTS" --burst-at "${burst_at}s" --burst-for "${SOAK_BURST}s" --url "$LB_URL"
			--ws-url "ws://127.0.0.1:$BROADCASTER_PORT/ws" --lag-url "$WATCHTOWER_URL" --verify
			--archiver-url "$ARCHIVER_URL" --verify-timeout "${VERIFY_TIMEOUT}s" --report-json "$ROOT/$LOG_DIR/soak.json")
		log "soak: simulator/simulate.sh ${soak_args[*]}"
		stack_cpu_begin
		soak_start=$(date +%s%3N)
		soak_status=0
		simulator/simulate.sh "${soak_args[@]}" </dev/null >"$LOG_DIR/soak.log" 2>&1 || soak_status=$?
		cpu_end
		echo "BENCH scenario=soak run=1 exit=$soak_status start_ms=$soak_start end_ms=$(date +%s%3N) $CPU_FIELDS" >>"$RAW"
		tail -n 25 "$LOG_DIR/soak.log" | sed 's/^/  /' >&2
		if [[ ! -s "$LOG_DIR/soak.json" ]]; then
			SOAK_SKIPPED="the simulator exited with $soak_status and wrote no report (see soak.log)"
			log "WARNING: $SOAK_SKIPPED"
		else
			log "soak: simulator exit $soak_status (1: a problem it found or a promise missed; the report judges each)"
		fi
	fi

	curl -s -m 5 "$WATCHTOWER_URL/status" >"$LOG_DIR/watchtower-final.json" || true
	stop_stack
fi

# ---------------------------------------------------------------- report
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
[[ -n "$(git status --porcelain 2>/dev/null | grep -v '^?? bench/results/' || true)" ]] && commit+=" (with uncommitted changes)"
os="$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-}") (kernel $(uname -r))"
report_args=(--results="$RAW" --out="$OUT" --lag="$LAG_FILE"
	--machine.cpus="$(nproc) ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo))"
	--machine.ram="$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
	--machine.os="$os" --machine.java="$(java -version 2>&1 | head -n 2 | paste -sd ';' | sed 's/;/; /')"
	--machine.commit="$commit" --machine.busy_cores_before_start="$IDLE_BUSY"
	--date="$(date -u +%Y-%m-%dT%H:%M:%SZ)" --label="${LABEL:-none}" --quick="${BENCH_QUICK:-0}" --phases="$PHASES"
	--wrk="warm-up ${WARMUP}s (batch ${BATCH_WARMUP}s), $RUNS x ${DURATION}s, $CONNECTIONS connections, $THREADS threads, $AGENTS agents, $BATCH_SIZE events/batch"
	--ceilings="trivial endpoint and producer ceiling with -Xmx$SERVICE_HEAP; JDBC: $CEILING_ROWS rows into SQLite"
	--stack="./start.sh --detach, $GATEWAYS gateways, bundled Kafka, SQLite, no dashboard, no Prometheus, watchtower poll ${WATCHTOWER_POLL:-10s (its own)}"
	--soak_load="$SOAK_AGENTS agents at $((SOAK_AGENTS / 2)) events/s, batches of $SOAK_BATCH, ${SOAK_DURATION}s, burst to $SOAK_AGENTS events/s for ${SOAK_BURST}s in the middle, after ${SOAK_WARMUP}s of warm-up"
	--logs="$LOG_DIR")
if [[ -z "$SOAK_SKIPPED" ]]; then
	report_args+=(--soak="$LOG_DIR/soak.json")
else
	report_args+=(--soak-skipped="$SOAK_SKIPPED")
fi
java -Xmx512m -jar "$BENCH_JAR" stack-report "${report_args[@]}" || die "report failed"
log "report: $OUT.md and $OUT.json; logs in $LOG_DIR"
