#!/usr/bin/env bash
# Beacon archive benchmark: the archiver draining a backlog into SQLite and PostgreSQL, against
# each database's raw ceiling, in one run.
#
#   bench/archive-bench.sh                 # 1,000,000 events, 3 runs per database, medians (~20 min)
#   BENCH_QUICK=1 bench/archive-bench.sh   # 100,000 events, 1 run (~3 min; figures not meaningful)
#
# Builds what is missing, starts the bundled broker (and a throwaway PostgreSQL server) on free
# loopback ports, fills a topic with the events, then per database and run: inserts the same rows
# with a bare prepared batch statement (the ceiling), the same plus the archiver's agent_state upsert
# per batch (the ceiling of the archive's whole work), and lets a real archiver drain the topic into
# a fresh database from a fresh consumer group. Writes bench/results/archive-<time>.{json,md}.
# Everything it starts is stopped on exit, Ctrl-C included. See bench/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

VERSION=0.1.0-SNAPSHOT
BROKER_JAR="broker/target/beacon-broker-$VERSION-exec.jar"
ARCHIVER_JAR="archiver/target/beacon-archiver-$VERSION.jar"
BENCH_JAR="bench/target/beacon-bench-$VERSION-exec.jar"
MIGRATIONS="$ROOT/archiver/src/main/resources/db/migration"
# the archiver's own SQLite pragmas (application.yml), for the ceiling: same database settings
SQLITE_PRAGMAS="wal_autocheckpoint=65536,journal_size_limit=536870912"

if [[ "${BENCH_QUICK:-0}" == 1 ]]; then
	default_events=100000 default_runs=1
else
	default_events=1000000 default_runs=3
fi
EVENTS="${BENCH_EVENTS:-$default_events}"
RUNS="${BENCH_RUNS:-$default_runs}"
AGENTS="${BENCH_AGENTS:-10000}"
DATABASES="${BENCH_DATABASES:-sqlite postgresql}"
LABEL="${BENCH_LABEL:-}"
SERVICE_HEAP="${BENCH_SERVICE_HEAP:-1g}"
DRAIN_TIMEOUT="${BENCH_DRAIN_TIMEOUT:-900}"
[[ "$EVENTS" =~ ^[1-9][0-9]*$ && "$RUNS" =~ ^[1-9][0-9]*$ && "$AGENTS" =~ ^[1-9][0-9]*$ ]] \
	|| die "BENCH_EVENTS, BENCH_RUNS and BENCH_AGENTS take positive whole numbers"
for db in $DATABASES; do
	[[ "$db" == sqlite || "$db" == postgresql ]] || die "BENCH_DATABASES: sqlite and/or postgresql, not '$db'"
done

init_results archive
# PostgreSQL runs as its own user when this script runs as root: it must reach its data dir
chmod 755 "$DATA_DIR"
init_processes

# ---------------------------------------------------------------- prerequisites
command -v curl >/dev/null || die "curl is needed to watch the archiver"
PG_BIN=""
if [[ " $DATABASES " == *" postgresql "* ]]; then
	PG_BIN="${BEACON_TEST_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
	[[ -x "$PG_BIN/initdb" && -x "$PG_BIN/postgres" ]] \
		|| die "PostgreSQL server binaries not found: apt-get install -y postgresql, set BEACON_TEST_PG_BIN, or BENCH_DATABASES=sqlite"
fi

if stale "$BROKER_JAR" common/src/main common/pom.xml broker/src/main broker/pom.xml \
	|| stale "$ARCHIVER_JAR" common/src/main common/pom.xml archiver/src/main archiver/pom.xml \
	|| stale "$BENCH_JAR" common/src/main common/pom.xml bench/src/main bench/pom.xml; then
	build_modules broker,archiver,bench
fi

measure_idle
JAVA_VERSION="$(java -version 2>&1 | head -n 1)"
JVM=(-XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -Djava.net.preferIPv4Stack=true)

# ---------------------------------------------------------------- broker and backlog
free_port KAFKA_PORT
free_port CONTROLLER_PORT
BOOTSTRAP="127.0.0.1:$KAFKA_PORT"
start broker java "${JVM[@]}" -Xmx1g -jar "$BROKER_JAR" --beacon.broker.port="$KAFKA_PORT" \
	--beacon.broker.controller-port="$CONTROLLER_PORT" --beacon.broker.data-dir="$DATA_DIR/kafka" \
	--beacon.broker.parent-pid=$$
wait_until broker "$STARTED_PID" 90 bash -c "exec 3<>/dev/tcp/127.0.0.1/$KAFKA_PORT"

TOPIC=archive-bench
log "filling $TOPIC with $EVENTS events over $AGENTS agents"
java "${JVM[@]}" -Xmx1g -jar "$BENCH_JAR" prefill --bootstrap="$BOOTSTRAP" --topic="$TOPIC" \
	--events="$EVENTS" --agents="$AGENTS" >"$LOG_DIR/prefill.log" 2>&1 \
	|| { tail -n 20 "$LOG_DIR/prefill.log" >&2; die "prefill failed; log: $LOG_DIR/prefill.log"; }
grep '^prefill: .* events in' "$LOG_DIR/prefill.log" | sed 's/^/  /' >&2

# ---------------------------------------------------------------- PostgreSQL
PG_PORT=""
pg() { "$PG_BIN/$1" -h 127.0.0.1 -p "$PG_PORT" -U beacon "${@:2}"; }
start_postgres() {
	local as=()
	mkdir -p "$DATA_DIR/pg"
	if [[ $(id -u) == 0 ]]; then
		chown postgres "$DATA_DIR/pg"
		as=(runuser -u postgres --)
	fi
	"${as[@]}" "$PG_BIN/initdb" -D "$DATA_DIR/pg/data" -U beacon --auth=trust -E UTF8 --no-locale \
		>"$LOG_DIR/initdb.log" 2>&1 || die "initdb failed; log: $LOG_DIR/initdb.log"
	free_port PG_PORT
	# the server's own defaults (fsync, synchronous_commit, shared_buffers): a real database
	start postgres "${as[@]}" "$PG_BIN/postgres" -D "$DATA_DIR/pg/data" -p "$PG_PORT" \
		-c listen_addresses=127.0.0.1 -c unix_socket_directories=
	wait_until postgres "$STARTED_PID" 60 "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$PG_PORT"
	log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{ print $3 }') on 127.0.0.1:$PG_PORT"
}

# fresh_database DB NAME: prints the JDBC URL of an empty database
fresh_database() {
	case "$1" in
		sqlite) echo "jdbc:sqlite:$DATA_DIR/$2.db" ;;
		postgresql)
			pg createdb "$2" >/dev/null
			echo "jdbc:postgresql://127.0.0.1:$PG_PORT/$2"
			;;
	esac
}

# ---------------------------------------------------------------- one measured run each
# ceiling_run DB RUN [state]: the bare ceiling, or with "state" the same batches plus the
# archiver's per-batch agent_state upsert (what the database can do with the archive's whole work)
ceiling_run() {
	local db=$1 run=$2 state=${3:-} url scenario
	scenario="$db-ceiling${state:+-$state}"
	url=$(fresh_database "$db" "${scenario//-/_}_$run")
	log "$scenario, run $run"
	java "${JVM[@]}" -Xmx3g -jar "$BENCH_JAR" db-ceiling --url="$url" --user=beacon \
		--schema="$MIGRATIONS/$db/V1__archive.sql" --rows="$EVENTS" --agents="$AGENTS" --batch=500 \
		--pragmas="$([[ $db == sqlite ]] && echo "$SQLITE_PRAGMAS")" --with-state="$([[ -n $state ]] && echo true || echo false)" \
		--scenario="$scenario" >"$LOG_DIR/$scenario-$run.log" 2>&1 || die "ceiling failed; log: $LOG_DIR/$scenario-$run.log"
	grep '^BENCH ' "$LOG_DIR/$scenario-$run.log" | sed "s/^BENCH /BENCH run=$run /" >>"$RAW"
}

# archiver_rows PORT: rows written so far, nothing while the archiver is starting
archiver_rows() {
	{ curl -s --max-time 2 "http://127.0.0.1:$1/actuator/prometheus" 2>/dev/null || true; } \
		| awk '/^beacon_archiver_rows_written_total/ { printf "%d", $2 }'
}

archiver_run() {
	local db=$1 run=$2 url http_port pid profile=() started first="" now rows deadline
	url=$(fresh_database "$db" "archive_$run")
	[[ $db == postgresql ]] && profile=(--spring.profiles.active=postgres --spring.datasource.username=beacon)
	free_port http_port
	log "$db archiver, run $run: draining $EVENTS events"
	started=$(date +%s.%N)
	start "$db-archiver-$run" java "${JVM[@]}" -Xmx"$SERVICE_HEAP" -jar "$ARCHIVER_JAR" --server.port="$http_port" \
		--spring.kafka.bootstrap-servers="$BOOTSTRAP" --beacon.archiver.topic="$TOPIC" \
		--spring.kafka.consumer.group-id="bench-$db-$run" --spring.datasource.url="$url" "${profile[@]}"
	pid=$STARTED_PID
	deadline=$((SECONDS + DRAIN_TIMEOUT))
	while :; do
		kill -0 "$pid" 2>/dev/null || die "the archiver exited; log: $LOG_DIR/$db-archiver-$run.log"
		((SECONDS < deadline)) || die "the archiver did not drain $EVENTS events in ${DRAIN_TIMEOUT}s"
		rows=$(archiver_rows "$http_port")
		now=$(date +%s.%N)
		if [[ -n "$rows" && "$rows" -gt 0 && -z "$first" ]]; then first=$now; fi
		if [[ -n "$rows" && "$rows" -ge "$EVENTS" ]]; then break; fi
		sleep 0.2
	done
	curl -s "http://127.0.0.1:$http_port/actuator/prometheus" >"$LOG_DIR/$db-archiver-$run.prom"
	stop_pid "$pid"
	awk -v db="$db" -v run="$run" -v rows="$rows" -v s="$started" -v f="$first" -v e="$now" 'BEGIN {
		printf "BENCH run=%d scenario=%s-archiver rows=%d startup_s=%.3f drain_s=%.3f duration_s=%.3f rows_per_s=%.1f\n",
			run, db, rows, f - s, e - s, e - f, rows / (e - f) }' >>"$RAW"
}

for db in $DATABASES; do
	[[ $db == postgresql ]] && start_postgres
	for run in $(seq 1 "$RUNS"); do
		ceiling_run "$db" "$run"
		ceiling_run "$db" "$run" state
		archiver_run "$db" "$run"
		tail -n 3 "$RAW" | sed 's/^/  /' >&2
		[[ $db == sqlite ]] && rm -f "$DATA_DIR"/*.db*
	done
done

# ---------------------------------------------------------------- report
java -jar "$BENCH_JAR" archive-report --results="$RAW" --out="$OUT" --events="$EVENTS" --agents="$AGENTS" \
	--runs="$RUNS" --machine="$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)" \
	--java="$JAVA_VERSION" --idle-busy="$IDLE_BUSY" || die "report failed"
log "report: $OUT.md and $OUT.json; logs in $LOG_DIR"
