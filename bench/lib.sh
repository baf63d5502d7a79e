# Shared by the bench scripts (sourced): logging, the wrk benchmarks' settings, the results and
# scratch folders, processes that are always cleaned up, free ports, stale-jar checks, how busy the
# machine is, wrk and its runs' results, running from jar copies, CPU seconds of finished children
# and of given processes, a probe event and the ingest benchmarks' broker. Not meant to be run.

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# "60", "60s", "2m" -> seconds
seconds() {
	case "$1" in
		*m) echo $((${1%m} * 60)) ;;
		*s) echo "${1%s}" ;;
		*) echo "$1" ;;
	esac
}

# wrk_settings: the settings of the benchmarks that load with wrk (bench/README.md), from the
# environment: WARMUP and DURATION (seconds), RUNS, CONNECTIONS, THREADS, AGENTS, LABEL and
# SERVICE_HEAP; BENCH_QUICK=1 shortens the defaults to try a script out
# shellcheck disable=SC2034 # for the scripts that source this
wrk_settings() {
	local warmup=120s duration=20s runs=3
	if [[ "${BENCH_QUICK:-0}" == 1 ]]; then
		warmup=10s duration=5s runs=1
	fi
	WARMUP=$(seconds "${BENCH_WARMUP:-$warmup}")
	DURATION=$(seconds "${BENCH_DURATION:-$duration}")
	RUNS="${BENCH_RUNS:-$runs}"
	CONNECTIONS="${BENCH_CONNECTIONS:-64}"
	THREADS="${BENCH_THREADS:-2}"
	AGENTS="${BENCH_AGENTS:-10000}"
	LABEL="${BENCH_LABEL:-}"
	SERVICE_HEAP="${BENCH_SERVICE_HEAP:-1g}"
}

# init_results KIND [SCRATCH]: STAMP; OUT, bench/results/KIND-<time>[-LABEL] (the report's .md and
# .json); LOG_DIR, OUT-logs; RAW, LOG_DIR/results.txt, created empty; and DATA_DIR, a new scratch
# folder named after SCRATCH (default beacon-KIND-bench), for init_processes
init_results() {
	STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
	OUT="bench/results/$1-$STAMP${LABEL:+-$LABEL}"
	LOG_DIR="$OUT-logs"
	RAW="$LOG_DIR/results.txt"
	mkdir -p "$LOG_DIR"
	DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/${2:-beacon-$1-bench}.XXXXXX")"
	: >"$RAW"
}

stop_pid() {
	local pid=$1 i
	kill -TERM "$pid" 2>/dev/null || return 0
	for i in $(seq 1 100); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.2
	done
	log "process $pid did not stop in 20 s; killing it"
	kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
	local status=$?
	trap - EXIT INT TERM
	[[ -n "$WATCHDOG" ]] && kill "$WATCHDOG" 2>/dev/null || true
	local pid
	for pid in ${PIDS[@]+"${PIDS[@]}"}; do
		kill -TERM "$pid" 2>/dev/null || true
	done
	for pid in ${PIDS[@]+"${PIDS[@]}"}; do
		stop_pid "$pid"
	done
	rm -rf "$DATA_DIR"
	[[ $status -ne 0 ]] && log "stopped (exit $status); logs in $LOG_DIR"
	exit "$status"
}
# init_processes: after DATA_DIR (scratch, removed on exit) and LOG_DIR are set. Everything
# started with `start` is stopped on exit, on Ctrl-C, and even if this script is killed outright.
init_processes() {
	PIDS=()
	WATCHDOG=""
	PID_FILE="$DATA_DIR/pids"
	: >"$PID_FILE"
	trap cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	(
		while kill -0 $$ 2>/dev/null; do sleep 2; done
		while read -r pid; do kill -TERM "$pid" 2>/dev/null || true; done <"$PID_FILE"
	) &
	WATCHDOG=$!
}

# start NAME COMMAND...: runs it in the background, logging to $LOG_DIR/NAME.log; sets STARTED_PID
start() {
	local name=$1
	shift
	"$@" >"$LOG_DIR/$name.log" 2>&1 &
	STARTED_PID=$!
	PIDS+=("$STARTED_PID")
	echo "$STARTED_PID" >>"$PID_FILE"
}

# wait_until NAME PID TIMEOUT_S CHECK...: polls CHECK until it succeeds, the process dies or time is up
wait_until() {
	local name=$1 pid=$2 timeout=$3
	shift 3
	local deadline=$((SECONDS + timeout))
	until "$@" >/dev/null 2>&1; do
		if ! kill -0 "$pid" 2>/dev/null; then
			tail -n 30 "$LOG_DIR/$name.log" >&2 || true
			die "$name exited during start-up; log: $LOG_DIR/$name.log"
		fi
		((SECONDS < deadline)) || die "$name not ready after ${timeout}s; log: $LOG_DIR/$name.log"
		sleep 1
	done
}

# free_port VAR: a loopback port nothing listens on and this script has not handed out
USED_PORTS=" "
free_port() {
	local port _
	for _ in $(seq 1 200); do
		port=$((20000 + RANDOM % 30000))
		[[ "$USED_PORTS" == *" $port "* ]] && continue
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			USED_PORTS+="$port "
			printf -v "$1" '%s' "$port"
			return 0
		fi
	done
	die "no free port found"
}

# Jiffies of the whole machine (busy, total), to tell how the cores were shared.
machine_jiffies() { awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8 + $9; print busy, busy + $5 + $6 }' /proc/stat; }
stale() {
	local jar=$1
	shift
	[[ ! -f "$jar" ]] && return 0
	[[ -n "$(find "$@" pom.xml -newer "$jar" -type f -print -quit 2>/dev/null)" ]]
}
# build_modules MODULES: runnable jars of MODULES (comma-separated) and what they need, logged to
# $LOG_DIR/build.log. Tests are not compiled and formatting is not checked: this build only makes
# runnable jars, and other modules may be mid-edit. Retried, because they may also not compile for a
# moment.
build_modules() {
	local attempt
	for attempt in 1 2 3 4 5; do
		log "building $1 (attempt $attempt)"
		if ./mvnw -B -ntp -q -Dmaven.test.skip=true -Dspring-javaformat.validate.skip=true \
			package -pl "$1" -am >"$LOG_DIR/build.log" 2>&1; then
			return 0
		fi
		((attempt < 5)) || { tail -n 40 "$LOG_DIR/build.log" >&2; die "build failed; log: $LOG_DIR/build.log"; }
		log "build failed (another module may be mid-edit); retrying in 30 s"
		sleep 30
	done
}

# How busy the machine is before anything of ours runs: other work on it skews every figure.
busy_cores() {
	local m0 t0 m1 t1
	read -r m0 t0 < <(machine_jiffies)
	sleep "$1"
	read -r m1 t1 < <(machine_jiffies)
	awk -v m=$((m1 - m0)) -v t=$((t1 - t0)) -v n="$(nproc)" 'BEGIN { printf "%.2f", (t > 0) ? n * m / t : 0 }'
}

# measure_idle [NOTE]: sets IDLE_BUSY (cores busy before anything of ours runs) and warns when other
# work would skew the figures; NOTE is added to the warning
measure_idle() {
	IDLE_BUSY=$(busy_cores 3)
	log "machine: $(nproc) cores, $IDLE_BUSY cores busy before start"
	if awk -v b="$IDLE_BUSY" 'BEGIN { exit !(b > 0.25) }'; then
		log "WARNING: other processes keep $IDLE_BUSY cores busy: they will skew the figures${1:+ $1}"
	fi
}

# ensure_wrk: installs wrk with apt when absent and run as root, else says how
ensure_wrk() {
	command -v wrk >/dev/null && return 0
	if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
		log "installing wrk (Debian package)"
		apt-get install -y -q wrk >"$LOG_DIR/apt.log" 2>&1 \
			|| { apt-get update -q >>"$LOG_DIR/apt.log" 2>&1 && apt-get install -y -q wrk >>"$LOG_DIR/apt.log" 2>&1; } \
			|| die "could not install wrk; see $LOG_DIR/apt.log"
	else
		die "wrk is not installed: run 'sudo apt-get install -y wrk' (Debian/Ubuntu) and try again"
	fi
}

# wrk_load SCENARIO RUN SCRIPT URL DURATION_S RATE: loads URL with bench/wrk/SCRIPT for DURATION_S
# (RATE requests/s, 0: as fast as answers come), with the settings the scripts read (BENCH_BATCH_SIZE
# only when BATCH_SIZE is set); its output in WRK_OUT, $LOG_DIR/wrk-SCENARIO-RUN.log. The caller
# measures the CPU around it, then takes the result with wrk_result.
wrk_load() {
	local scenario=$1 run=$2 script=$3 url=$4 duration=$5 rate=$6
	WRK_OUT="$LOG_DIR/wrk-$scenario-$run.log"
	local settings=(BENCH_SCENARIO="$scenario" BENCH_RUN="$run" BENCH_RATE="$rate" BENCH_THREADS="$THREADS"
		BENCH_AGENTS="$AGENTS" BENCH_NONCE="$STAMP-$scenario-$run")
	[[ -n "${BATCH_SIZE:-}" ]] && settings+=(BENCH_BATCH_SIZE="$BATCH_SIZE")
	env "${settings[@]}" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${duration}s" --timeout 10s -s "$WRK_DIR/$script" "$url" \
		>"$WRK_OUT" 2>&1 || die "wrk failed; see $WRK_OUT"
}

# wrk_result: sets WRK_LINE to the BENCH line the last wrk_load printed
# shellcheck disable=SC2034 # for the scripts that source this
wrk_result() {
	WRK_LINE=$(grep '^BENCH ' "$WRK_OUT") || die "wrk printed no result; see $WRK_OUT"
}

# wrk_record RUN LINE TEMPLATE: a measured run's (RUN > 0) BENCH line goes to $RAW; either is logged
# as summary_of LINE TEMPLATE
wrk_record() {
	if (($1 > 0)); then
		echo "$2" >>"$RAW"
		log "  run $1: $(summary_of "$2" "$3")"
	else
		log "  warm-up: $(summary_of "$2" "$3")"
	fi
}

# summary_of LINE TEMPLATE: TEMPLATE with each {NAME} replaced by the field NAME=value of the BENCH
# line LINE (nothing when it has none) and {socket_errors} by the sum of wrk's errors_connect,
# errors_read, errors_write and errors_timeout
summary_of() {
	awk -v template="$2" '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] } }
		END { f["socket_errors"] = sprintf("%d", f["errors_connect"] + f["errors_read"] + f["errors_write"] + f["errors_timeout"])
			rest = template; out = ""
			while (match(rest, /[{][a-z0-9_]+[}]/)) {
				out = out substr(rest, 1, RSTART - 1) f[substr(rest, RSTART + 1, RLENGTH - 2)]
				rest = substr(rest, RSTART + RLENGTH)
			}
			printf "%s", out rest }' <<<"$1"
}

# jiffies_of PID...: user + system jiffies of each process, in order, on one line (0 for one gone)
jiffies_of() {
	local pid
	for pid in "$@"; do
		awk '{ printf "%d ", $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || printf '0 '
	done
	echo
}

# run_from_copies VAR...: copies each jar named by VAR into $DATA_DIR/jars and points VAR at the copy.
# A build during the run (of a module being worked on) would replace the jars under the running JVMs,
# which then fail to load classes.
run_from_copies() {
	local var
	mkdir -p "$DATA_DIR/jars"
	for var in "$@"; do
		cp "${!var}" "$DATA_DIR/jars/"
		printf -v "$var" '%s' "$DATA_DIR/jars/${!var##*/}"
	done
}

# has_scenario NAME: whether $SCENARIOS lists it
has_scenario() { [[ " $SCENARIOS " == *" $1 "* ]]; }

# user + system seconds of this shell's finished children (wrk, once it has exited)
# (times must run in this shell, not a subshell, to see them); children_seconds VAR
children_seconds() {
	times >"$DATA_DIR/times"
	printf -v "$1" '%s' "$(awk 'NR == 2 { total = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); total += p[1] * 60 + p[2] }
		printf "%.3f", total }' "$DATA_DIR/times")"
}

# post_one URL: one event to a gateway or the load balancer, to see it answers
post_one() {
	curl -sf -o /dev/null -m 5 -H 'Content-Type: application/json' \
		-d '{"agent_id":"bench-probe","status":"idle","timestamp":"2026-01-01T00:00:00Z"}' "$1/ingest/state"
}

# start_bench_broker: the bundled broker on free ports, for the ingest and load-balancer benchmarks;
# sets BROKER_PORT, CONTROLLER_PORT, BOOTSTRAP and BROKER_PID (needs BROKER_JAR, JVM, DATA_DIR);
# BROKER_ARGS: more arguments for the broker, e.g. --beacon.broker.server.num.io.threads=2
start_bench_broker() {
	local extra
	read -r -a extra <<<"${BROKER_ARGS:-}"
	free_port BROKER_PORT
	free_port CONTROLLER_PORT
	BOOTSTRAP="127.0.0.1:$BROKER_PORT"
	log "starting the bundled broker on $BOOTSTRAP (data in $DATA_DIR/kafka)"
	# Small segments and a size cap keep a long run within a few GB of disk.
	start broker java -Xms1g -Xmx1g "${JVM[@]}" -jar "$BROKER_JAR" \
		--beacon.broker.host=127.0.0.1 --beacon.broker.port="$BROKER_PORT" \
		--beacon.broker.controller-port="$CONTROLLER_PORT" --beacon.broker.data-dir="$DATA_DIR/kafka" \
		--beacon.broker.parent-pid=$$ \
		--beacon.broker.server.log.segment.bytes=67108864 --beacon.broker.server.log.retention.bytes=201326592 \
		--beacon.broker.server.log.retention.check.interval.ms=10000 ${extra[@]+"${extra[@]}"}
	BROKER_PID=$STARTED_PID
	wait_until broker "$BROKER_PID" 120 grep -q 'ready in' "$LOG_DIR/broker.log"
}
