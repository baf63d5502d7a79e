#!/usr/bin/env bash
# Beacon: the whole stack with one command. ./start.sh --help tells how.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"

usage() {
	cat <<'EOF'
Usage: ./start.sh [start] [--detach]   build what is missing, start the stack, stay in the foreground
                                       (Ctrl-C stops everything); --detach (-d) returns once it is up
       ./start.sh stop                 stop a running stack (from any terminal)
       ./start.sh status               each service's state; exit 0 only when all are up
       ./start.sh restart SERVICE      stop one service of the running stack if it still runs, start
                                       it again as it was started, wait until it is healthy
                                       (e.g. after a crash: ./start.sh restart archiver)
       ./start.sh --help

Starts the broker (Redpanda through `docker compose` when a Docker engine answers, else the
bundled Kafka broker), GATEWAY_COUNT gateways, the load balancer, the archiver, the broadcaster,
the watchtower, the dashboard (when dashboard/ and npm are there) and Prometheus (when a
`prometheus` binary is installed). Logs go to logs/<service>.log; data stays in data/ and
beacon.db across restarts.

Settings (environment variables, defaults in brackets):
  GATEWAY_COUNT          gateways to run                              [2]
  GATEWAY_PORT           the first gateway's port; the others follow  [8010]
  LB_PORT                load balancer: agents POST here              [8000]
  BROADCASTER_PORT       broadcaster (WebSocket /ws, SSE /stream)     [8001]
  ARCHIVER_PORT          archiver (read API)                          [8002]
  WATCHTOWER_PORT        watchtower (/status)                         [9000]
  DASHBOARD_PORT         dashboard                                    [5173]
  PROMETHEUS_PORT        Prometheus                                   [9090]
  BEACON_BROKER          auto | kafka (bundled) | redpanda (Docker) | external
                         (external: use BEACON_KAFKA_BOOTSTRAP, start no broker)  [auto]
  BEACON_KAFKA_PORT      broker port                                  [9092]
  BEACON_KAFKA_CONTROLLER_PORT  bundled broker's KRaft controller    [9093]
  BEACON_KAFKA_BOOTSTRAP broker address for BEACON_BROKER=external    [localhost:9092]
  BEACON_DB_URL          archive database: jdbc:sqlite:<file> or jdbc:postgresql://host:port/db
                         (PostgreSQL: also BEACON_DB_USER, BEACON_DB_PASSWORD)   [jdbc:sqlite:beacon.db]
  BEACON_DATA_DIR        broker data, Prometheus data, run files      [data]
  BEACON_LOG_DIR         service logs                                 [logs]
  BEACON_DASHBOARD       auto | off                                   [auto]
  BEACON_PROMETHEUS      auto | off                                   [auto]
  BEACON_JAVA_OPTS       extra JVM options for every service          []
  START_TIMEOUT          seconds each service may take to be healthy  [120]
EOF
}

# ------------------------------------------------------------------------------ settings
VERSION=0.1.0-SNAPSHOT
GATEWAY_COUNT="${GATEWAY_COUNT:-2}"
GATEWAY_PORT="${GATEWAY_PORT:-8010}"
LB_PORT="${LB_PORT:-8000}"
BROADCASTER_PORT="${BROADCASTER_PORT:-8001}"
ARCHIVER_PORT="${ARCHIVER_PORT:-8002}"
WATCHTOWER_PORT="${WATCHTOWER_PORT:-9000}"
DASHBOARD_PORT="${DASHBOARD_PORT:-5173}"
PROMETHEUS_PORT="${PROMETHEUS_PORT:-9090}"
BROKER_KIND="${BEACON_BROKER:-auto}"
KAFKA_PORT="${BEACON_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${BEACON_KAFKA_CONTROLLER_PORT:-9093}"
DB_URL="${BEACON_DB_URL:-jdbc:sqlite:beacon.db}"
DATA_DIR="${BEACON_DATA_DIR:-data}"
LOG_DIR="${BEACON_LOG_DIR:-logs}"
DASHBOARD_MODE="${BEACON_DASHBOARD:-auto}"
PROMETHEUS_MODE="${BEACON_PROMETHEUS:-auto}"
START_TIMEOUT="${START_TIMEOUT:-120}"
read -r -a EXTRA_JAVA_OPTS <<<"${BEACON_JAVA_OPTS:-}"
RUN_DIR="$DATA_DIR/run"
SERVICES_FILE="$RUN_DIR/services"
START_PID_FILE="$RUN_DIR/start.pid"

say() { printf '%s\n' "$*"; }
step() { printf '[beacon %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
fail() {
	printf 'start.sh: %s\n' "$*" >&2
	exit 1
}

check_settings() {
	local name value
	[[ "$GATEWAY_COUNT" =~ ^[1-9][0-9]?$ ]] || fail "GATEWAY_COUNT must be 1-99, not '$GATEWAY_COUNT'"
	for name in GATEWAY_PORT LB_PORT BROADCASTER_PORT ARCHIVER_PORT WATCHTOWER_PORT DASHBOARD_PORT \
		PROMETHEUS_PORT KAFKA_PORT KAFKA_CONTROLLER_PORT; do
		value="${!name}"
		[[ "$value" =~ ^[1-9][0-9]*$ ]] && ((value < 65536)) || fail "$name must be a port (1-65535), not '$value'"
	done
	((GATEWAY_PORT + GATEWAY_COUNT - 1 < 65536)) || fail "GATEWAY_PORT + GATEWAY_COUNT goes past port 65535"
	[[ "$BROKER_KIND" =~ ^(auto|kafka|redpanda|external)$ ]] \
		|| fail "BEACON_BROKER must be auto, kafka, redpanda or external, not '$BROKER_KIND'"
	[[ "$DB_URL" == jdbc:sqlite:* || "$DB_URL" == jdbc:postgresql:* ]] \
		|| fail "BEACON_DB_URL must start with jdbc:sqlite: or jdbc:postgresql:, not '$DB_URL'"
	[[ "$DASHBOARD_MODE" =~ ^(auto|off)$ ]] || fail "BEACON_DASHBOARD must be auto or off"
	[[ "$PROMETHEUS_MODE" =~ ^(auto|off)$ ]] || fail "BEACON_PROMETHEUS must be auto or off"
	[[ "$START_TIMEOUT" =~ ^[1-9][0-9]*$ ]] || fail "START_TIMEOUT takes seconds, not '$START_TIMEOUT'"
}

# ------------------------------------------------------------------------------ processes
alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }

# The process listening on a TCP port, as "pid command", or nothing.
port_owner() {
	local port=$1 pid=""
	if command -v ss >/dev/null 2>&1; then
		local line
		line=$(ss -ltnpH "( sport = :$port )" 2>/dev/null | head -n 1)
		[[ -z "$line" ]] && return 0
		pid=$(grep -o 'pid=[0-9]*' <<<"$line" | head -n 1 | cut -d= -f2)
		if [[ -n "$pid" ]]; then
			printf '%s %s' "$pid" "$(ps -o args= -p "$pid" 2>/dev/null | cut -c1-90)"
		else
			printf '? (another user'"'"'s process)'
		fi
	elif (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
		printf '?'
	fi
}

# Everything we would listen on must be free, before anything starts.
check_ports() {
	local entry name port owner taken=0
	for entry in "$@"; do
		name=${entry%%=*}
		port=${entry#*=}
		owner=$(port_owner "$port")
		if [[ -n "$owner" ]]; then
			printf 'start.sh: port %s (%s) is taken by pid %s\n' "$port" "$name" "$owner" >&2
			taken=1
		fi
	done
	((taken == 0)) || fail "free those ports or choose others (./start.sh --help lists the settings)"
}

# launch NAME COMMAND...: in the background, in its own session (so a Ctrl-C reaches only this
# script, which stops the services in order), output to the service's log; sets LAUNCHED_PID.
# The command and the settings start.sh exported for it go to <run>/<name>.cmd, which
# ./start.sh restart runs again (RESTARTING=1: the log is appended to, the file kept).
launch() {
	local name=$1 log="$LOG_DIR/$1.log"
	shift
	if ((${RESTARTING:-0})); then
		printf '\n[beacon %s] ----- started again by ./start.sh restart -----\n' "$(date '+%F %T')" >>"$log"
	else
		[[ -f "$log" ]] && mv -f "$log" "$log.1"
		local exported=() variable
		for variable in BEACON_KAFKA_BOOTSTRAP BEACON_DASHBOARD_ORIGINS; do
			[[ -n "${!variable:-}" ]] && exported+=("$variable=${!variable}")
		done
		printf '%s\0' env ${exported[@]+"${exported[@]}"} "$@" >"$RUN_DIR/$name.cmd"
	fi
	if command -v setsid >/dev/null 2>&1; then
		setsid "$@" >>"$log" 2>&1 </dev/null &
	else
		"$@" >>"$log" 2>&1 </dev/null &
	fi
	LAUNCHED_PID=$!
	echo "$LAUNCHED_PID" >"$RUN_DIR/$name.pid"
}

# The services file: one line per service, "name|pid|check|url|note", in start order.
record() { printf '%s|%s|%s|%s|%s\n' "$1" "$2" "$3" "$4" "${5:-}" >>"$SERVICES_FILE"; }

# healthy CHECK: "http:<url>" answers 200 with status UP, "page:<url>" answers 2xx,
# "tcp:<port>" accepts connections, "docker:<name>" is a healthy container
healthy() {
	local check=$1
	case "$check" in
		http:*) curl -sf -m 2 "${check#http:}" 2>/dev/null | grep -Eq '"status" ?: ?"UP"' ;;
		page:*) curl -sf -o /dev/null -m 2 "${check#page:}" ;;
		tcp:*) (exec 3<>"/dev/tcp/127.0.0.1/${check#tcp:}") 2>/dev/null ;;
		docker:*) [[ "$(docker inspect -f '{{.State.Health.Status}}' "$(compose ps -q "${check#docker:}")" 2>/dev/null)" == healthy ]] ;;
		*) return 1 ;;
	esac
}

# wait_healthy NAME PID CHECK: until healthy, the process exits, or START_TIMEOUT
wait_healthy() {
	local name=$1 pid=$2 check=$3 deadline=$((SECONDS + START_TIMEOUT))
	until healthy "$check"; do
		if [[ "$pid" != - ]] && ! alive "$pid"; then
			say "--- last lines of $LOG_DIR/$name.log:" >&2
			tail -n 25 "$LOG_DIR/$name.log" >&2 || true
			fail "$name exited while starting; see $LOG_DIR/$name.log"
		fi
		((SECONDS < deadline)) || fail "$name not healthy after ${START_TIMEOUT}s ($check); see $LOG_DIR/$name.log"
		sleep 0.5
	done
}

# signal SIG PID: the process and what it started (launch made it a process group leader:
# npm's children go with it)
signal() { kill "-$1" -- "-$2" 2>/dev/null || kill "-$1" "$2" 2>/dev/null; }

# stop_process NAME PID TIMEOUT_S: SIGTERM, then SIGKILL if it has not gone in time (status 1)
stop_process() {
	local name=$1 pid=$2 timeout=$3 waited=0
	alive "$pid" || return 0
	signal TERM "$pid" || return 0
	while alive "$pid"; do
		if ((waited >= timeout * 5)); then
			say "  $name (pid $pid) did not stop in ${timeout}s: killed" >&2
			signal KILL "$pid" || true
			return 1
		fi
		sleep 0.2
		waited=$((waited + 1))
	done
}

# ------------------------------------------------------------------------------ build
jar_of() {
	case "$1" in
		broker | gateway) echo "$1/target/beacon-$1-$VERSION-exec.jar" ;;
		*) echo "$1/target/beacon-$1-$VERSION.jar" ;;
	esac
}

# a jar is stale when anything it is built from is newer
stale() {
	local module=$1 jar
	jar=$(jar_of "$module")
	[[ ! -f "$jar" ]] && return 0
	[[ -n "$(find "$module/src/main" "$module/pom.xml" common/src/main common/pom.xml pom.xml \
		-newer "$jar" -type f -print -quit 2>/dev/null)" ]]
}

build() {
	local modules=() module
	for module in "$@"; do
		stale "$module" && modules+=("$module")
	done
	((${#modules[@]} == 0)) && return 0
	local list
	list=$(
		IFS=,
		echo "${modules[*]}"
	)
	step "building $list (first time: a few minutes, Maven downloads its dependencies; log: $LOG_DIR/build.log)"
	if ! ./mvnw -B -ntp -q -Dmaven.test.skip=true package -pl "$list" -am >"$LOG_DIR/build.log" 2>&1; then
		tail -n 30 "$LOG_DIR/build.log" >&2
		fail "the build failed; see $LOG_DIR/build.log"
	fi
	for module in "${modules[@]}"; do
		[[ -f "$(jar_of "$module")" ]] || fail "the build made no $(jar_of "$module")"
	done
}

# ------------------------------------------------------------------------------ faster starts
# Class data sharing: each service runs from its jar extracted under data/cds/<module>, and the
# classes its first run loaded are archived when it stops; later starts map them instead of
# loading them again, about half the CPU a start costs (seven JVMs share two cores here).
# Anything unexpected and the service simply runs from its jar.
CDS_DIR="$DATA_DIR/cds"

# prepare_jar MODULE: sets RUN_JAR and CDS_OPTS for the module's next JVM
prepare_jar() {
	local module=$1 jar dir
	jar=$(jar_of "$module")
	dir="$CDS_DIR/$module"
	RUN_JAR="$jar"
	CDS_OPTS=()
	# an archive only fits the JVM that wrote it: another java means starting over
	[[ -n "${JAVA_ID:-}" ]] || JAVA_ID=$(java -version 2>&1 | tr '\n' ' ')
	if [[ ! -f "$dir/extracted" || "$jar" -nt "$dir/extracted" || "$(cat "$dir/extracted")" != "$JAVA_ID" ]]; then
		rm -rf "$dir"
		mkdir -p "$dir"
		java -Djarmode=tools -jar "$jar" extract --destination "$dir/app" >"$dir/extract.log" 2>&1 || return 0
		echo "$JAVA_ID" >"$dir/extracted"
	fi
	RUN_JAR="$dir/app/$(basename "$jar")"
	if [[ -s "$dir/app.jsa" ]]; then
		CDS_OPTS=(-XX:SharedArchiveFile="$dir/app.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)
	elif [[ ! -f "$dir/training" ]]; then
		# one JVM of the module writes the archive when it stops (note_trainer records which);
		# it becomes app.jsa only if that JVM stopped by itself, not killed halfway through
		touch "$dir/training"
		CDS_OPTS=(-XX:ArchiveClassesAtExit="$dir/app.jsa.new" -Xlog:cds=off -Xlog:cds+dynamic=off)
	fi
}

# after launch: the JVM just started writes its module's archive when it stops
note_trainer() {
	local option
	for option in ${CDS_OPTS[@]+"${CDS_OPTS[@]}"}; do
		[[ "$option" == -XX:ArchiveClassesAtExit=* ]] && echo "$LAUNCHED_PID" >"$(dirname "${option#*=}")/training"
	done
	return 0
}

# the module directory whose archive a JVM writes when it stops, if it is one
cds_trainer_dir() {
	local file
	for file in "$CDS_DIR"/*/training; do
		[[ -f "$file" && "$(cat "$file")" == "$1" ]] && dirname "$file" && return 0
	done
	return 0
}

# after a JVM stopped: keep the archive it wrote only if it stopped by itself
settle_archive() {
	local pid=$1 stopped_cleanly=$2 dir
	dir=$(cds_trainer_dir "$pid")
	[[ -z "$dir" ]] && return 0
	if ((stopped_cleanly)) && [[ -s "$dir/app.jsa.new" ]]; then
		mv -f "$dir/app.jsa.new" "$dir/app.jsa"
	else
		rm -f "$dir/app.jsa.new"
	fi
	rm -f "$dir/training"
}

# ------------------------------------------------------------------------------ broker
compose() {
	if docker compose version >/dev/null 2>&1; then
		docker compose "$@"
	else
		docker-compose "$@"
	fi
}

docker_answers() {
	command -v docker >/dev/null 2>&1 && timeout 5 docker info >/dev/null 2>&1 \
		&& { docker compose version >/dev/null 2>&1 || command -v docker-compose >/dev/null 2>&1; }
}

choose_broker() {
	if [[ "$BROKER_KIND" == auto ]]; then
		if docker_answers; then BROKER_KIND=redpanda; else BROKER_KIND=kafka; fi
	fi
	if [[ "$BROKER_KIND" == redpanda ]] && ! docker_answers; then
		fail "BEACON_BROKER=redpanda needs a Docker engine and docker compose; none answers (BEACON_BROKER=kafka runs the bundled broker)"
	fi
	if [[ "$BROKER_KIND" == external ]]; then
		BOOTSTRAP="${BEACON_KAFKA_BOOTSTRAP:-localhost:9092}"
	else
		BOOTSTRAP="127.0.0.1:$KAFKA_PORT"
	fi
}

start_broker() {
	case "$BROKER_KIND" in
		kafka)
			step "starting the bundled Kafka broker on $BOOTSTRAP (data: $DATA_DIR/kafka)"
			prepare_jar broker
			launch broker java -Xms256m -Xmx1g "${JVM_COMMON[@]}" ${CDS_OPTS[@]+"${CDS_OPTS[@]}"} -jar "$RUN_JAR" \
				--beacon.broker.port="$KAFKA_PORT" --beacon.broker.controller-port="$KAFKA_CONTROLLER_PORT" \
				--beacon.broker.data-dir="$DATA_DIR/kafka"
			note_trainer
			record broker "$LAUNCHED_PID" "tcp:$KAFKA_PORT" "$BOOTSTRAP" "bundled Kafka (KRaft)"
			local deadline=$((SECONDS + START_TIMEOUT))
			until grep -q 'Kafka broker listening on' "$LOG_DIR/broker.log" 2>/dev/null; do
				if ! alive "$LAUNCHED_PID"; then
					tail -n 25 "$LOG_DIR/broker.log" >&2 || true
					fail "the broker exited while starting; see $LOG_DIR/broker.log"
				fi
				((SECONDS < deadline)) || fail "the broker is not ready after ${START_TIMEOUT}s; see $LOG_DIR/broker.log"
				sleep 0.5
			done
			;;
		redpanda)
			step "starting Redpanda with docker compose on $BOOTSTRAP"
			BEACON_KAFKA_PORT="$KAFKA_PORT" compose up -d redpanda >"$LOG_DIR/broker.log" 2>&1 \
				|| fail "docker compose up failed; see $LOG_DIR/broker.log"
			record broker - docker:redpanda "$BOOTSTRAP" "Redpanda (docker compose)"
			wait_healthy broker - docker:redpanda
			BEACON_KAFKA_PORT="$KAFKA_PORT" compose run --rm topics >>"$LOG_DIR/broker.log" 2>&1 \
				|| fail "creating the topics failed; see $LOG_DIR/broker.log"
			;;
		external)
			step "using the broker at $BOOTSTRAP (BEACON_BROKER=external)"
			;;
	esac
}

# ------------------------------------------------------------------------------ services
# one JVM per service, sized for a laptop running all of them at once
JVM_COMMON=(-XX:+UseG1GC -XX:+ExitOnOutOfMemoryError ${EXTRA_JAVA_OPTS[@]+"${EXTRA_JAVA_OPTS[@]}"})

# start_java NAME MODULE HEAP PORT URL NOTE [ARGS...]; environment for the JVM in SERVICE_ENV
start_java() {
	local name=$1 module=$2 heap=$3 port=$4 url=$5 note=$6
	shift 6
	prepare_jar "$module"
	launch "$name" env ${SERVICE_ENV[@]+"${SERVICE_ENV[@]}"} \
		java -Xms64m -Xmx"$heap" "${JVM_COMMON[@]}" ${CDS_OPTS[@]+"${CDS_OPTS[@]}"} -jar "$RUN_JAR" \
		--server.port="$port" "$@"
	note_trainer
	record "$name" "$LAUNCHED_PID" "http:http://127.0.0.1:$port/actuator/health" "$url" "$note"
	SERVICE_ENV=()
}
SERVICE_ENV=()

start_services() {
	local gateway_urls="" i port
	export BEACON_KAFKA_BOOTSTRAP="$BOOTSTRAP"
	export BEACON_DASHBOARD_ORIGINS="http://localhost:$DASHBOARD_PORT,http://127.0.0.1:$DASHBOARD_PORT"
	step "starting $GATEWAY_COUNT gateway(s), the load balancer, the archiver, the broadcaster and the watchtower"
	for ((i = 0; i < GATEWAY_COUNT; i++)); do
		port=$((GATEWAY_PORT + i))
		gateway_urls+="${gateway_urls:+,}http://localhost:$port"
		start_java "gateway-$((i + 1))" gateway 512m "$port" "http://localhost:$port" "ingest, behind the load balancer"
	done
	SERVICE_ENV=(BEACON_DB_URL="$DB_URL")
	[[ "$DB_URL" == jdbc:postgresql:* ]] && SERVICE_ENV+=(SPRING_PROFILES_ACTIVE=postgres)
	start_java archiver archiver 512m "$ARCHIVER_PORT" "http://localhost:$ARCHIVER_PORT" "archive ${DB_URL#jdbc:}; read API"
	start_java broadcaster broadcaster 512m "$BROADCASTER_PORT" "ws://localhost:$BROADCASTER_PORT/ws" \
		"live events (/ws, /stream)"
	start_java load-balancer load-balancer 256m "$LB_PORT" "http://localhost:$LB_PORT" \
		"agents POST /ingest/state here" --beacon.load-balancer.gateway-urls="$gateway_urls"
	start_java watchtower watchtower 192m "$WATCHTOWER_PORT" "http://localhost:$WATCHTOWER_PORT/status" \
		"health of everything" \
		--beacon.watchtower.load-balancer-url="http://localhost:$LB_PORT" \
		--beacon.watchtower.broadcaster-url="http://localhost:$BROADCASTER_PORT" \
		--beacon.watchtower.archiver-url="http://localhost:$ARCHIVER_PORT"
}

dashboard_wanted() { [[ "$DASHBOARD_MODE" != off && -f dashboard/package.json ]]; }
prometheus_wanted() { [[ "$PROMETHEUS_MODE" != off ]] && command -v prometheus >/dev/null 2>&1; }

start_dashboard() {
	dashboard_wanted || return 0
	if ! command -v npm >/dev/null 2>&1; then
		say "  the dashboard needs Node 20+ and npm; none found, so it is not started" >&2
		return 0
	fi
	if [[ ! -d dashboard/node_modules || dashboard/package.json -nt dashboard/node_modules \
		|| (-f dashboard/package-lock.json && dashboard/package-lock.json -nt dashboard/node_modules) ]]; then
		step "installing the dashboard's npm packages (first run; log: $LOG_DIR/npm-install.log)"
		local install=install
		[[ -f dashboard/package-lock.json ]] && install=ci
		(cd dashboard && npm "$install" --no-audit --no-fund) >"$LOG_DIR/npm-install.log" 2>&1 \
			|| fail "npm $install failed in dashboard/; see $LOG_DIR/npm-install.log"
		touch dashboard/node_modules
	fi
	SERVICE_ENV=(BEACON_BROADCASTER_URL="http://127.0.0.1:$BROADCASTER_PORT"
		BEACON_ARCHIVER_URL="http://127.0.0.1:$ARCHIVER_PORT" BEACON_WATCHTOWER_URL="http://127.0.0.1:$WATCHTOWER_PORT")
	launch dashboard env "${SERVICE_ENV[@]}" npm --prefix dashboard run dev -- \
		--host 127.0.0.1 --port "$DASHBOARD_PORT" --strictPort
	SERVICE_ENV=()
	record dashboard "$LAUNCHED_PID" "page:http://127.0.0.1:$DASHBOARD_PORT/" "http://localhost:$DASHBOARD_PORT" \
		"open this in a browser"
}

start_prometheus() {
	prometheus_wanted || return 0
	# the watchtower lists every service for Prometheus; its address follows WATCHTOWER_PORT
	sed "s#localhost:9000#localhost:$WATCHTOWER_PORT#g" ops/prometheus.yml >"$RUN_DIR/prometheus.yml"
	launch prometheus prometheus --config.file="$RUN_DIR/prometheus.yml" \
		--storage.tsdb.path="$DATA_DIR/prometheus" --web.listen-address="127.0.0.1:$PROMETHEUS_PORT"
	record prometheus "$LAUNCHED_PID" "page:http://127.0.0.1:$PROMETHEUS_PORT/-/ready" \
		"http://localhost:$PROMETHEUS_PORT" "metrics of every service"
}

# ------------------------------------------------------------------------------ stop
# Ingest first (nothing new comes in), then the readers; the archiver flushes and commits its
# last batch on SIGTERM, which needs the broker: the broker goes last.
STOP_ORDER=(dashboard prometheus watchtower load-balancer gateway-* broadcaster archiver broker)

# stop_service NAME PID: SIGTERM, SIGKILL when it takes too long; keeps the class archive it
# wrote only if it stopped by itself
stop_service() {
	local name=$1 pid=$2 timeout=20 clean=1
	[[ "$name" == archiver || "$name" == broker ]] && timeout=60
	# writing a class archive on the way out takes a while on a busy machine
	[[ -n "$(cds_trainer_dir "$pid")" ]] && timeout=$((timeout + 60))
	stop_process "$name" "$pid" "$timeout" || clean=0
	settle_archive "$pid" "$clean"
}

stop_all() {
	[[ -f "$SERVICES_FILE" ]] || return 0
	local pattern name pid check url note
	for pattern in "${STOP_ORDER[@]}"; do
		while IFS='|' read -r name pid check url note; do
			# shellcheck disable=SC2053 # the pattern is a glob on purpose
			[[ "$name" == $pattern ]] || continue
			if [[ "$name" == broker && "$check" == docker:* ]]; then
				say "  stopping Redpanda (docker compose stop; the data stays)"
				compose stop redpanda >>"$LOG_DIR/broker.log" 2>&1 || say "  docker compose stop failed" >&2
			elif alive "$pid"; then
				case "$name" in
					archiver) say "  stopping the archiver (it flushes and commits its last batch first)" ;;
					*) say "  stopping $name" ;;
				esac
				stop_service "$name" "$pid"
			fi
			rm -f "$RUN_DIR/$name.pid" "$RUN_DIR/$name.cmd"
		done <"$SERVICES_FILE"
	done
	rm -f "$SERVICES_FILE"
}

# ------------------------------------------------------------------------------ status
print_table() {
	local with_state=$1 name pid check url note state all_up=0
	printf '  %-14s %-8s %-9s %-40s %s\n' SERVICE PID STATE URL ""
	while IFS='|' read -r name pid check url note; do
		if [[ "$pid" != - ]] && ! alive "$pid"; then
			state=stopped
			all_up=1
		elif healthy "$check"; then
			state=up
		else
			state=DOWN
			all_up=1
		fi
		[[ "$with_state" == 0 ]] && state=up
		printf '  %-14s %-8s %-9s %-40s %s\n' "$name" "$pid" "$state" "$url" "$note"
	done <"$SERVICES_FILE"
	return "$all_up"
}

status() {
	if [[ ! -s "$SERVICES_FILE" ]]; then
		say "Beacon is not running (nothing in $SERVICES_FILE)."
		exit 3
	fi
	local rc=0
	print_table 1 || rc=1
	if alive "$(cat "$START_PID_FILE" 2>/dev/null)"; then
		say "Started by ./start.sh (pid $(cat "$START_PID_FILE")); logs in $LOG_DIR/."
	fi
	exit "$rc"
}

stop() {
	local starter
	starter=$(cat "$START_PID_FILE" 2>/dev/null || true)
	if alive "$starter"; then
		say "Stopping Beacon (start.sh pid $starter stops the services in order)..."
		kill -TERM "$starter"
		while alive "$starter"; do sleep 0.2; done
		say "Stopped."
	elif [[ -s "$SERVICES_FILE" ]]; then
		say "Stopping Beacon..."
		stop_all
		rm -f "$START_PID_FILE"
		say "Stopped."
	else
		say "Beacon is not running."
	fi
}

# ------------------------------------------------------------------------------ restart
# restart NAME: one service of the running stack, stopped first if it still runs, then
# started again with the command line and settings it had (after a crash, or to take a
# rebuilt jar); its log goes on in the same file
restart() {
	local name=${1:-} line pid check url note
	[[ -n "$name" ]] || fail "restart needs a service name, e.g. ./start.sh restart archiver (./start.sh status lists them)"
	[[ -s "$SERVICES_FILE" ]] || fail "Beacon is not running (nothing in $SERVICES_FILE)"
	line=$(awk -F'|' -v name="$name" '$1 == name' "$SERVICES_FILE")
	[[ -n "$line" ]] || fail "no service '$name' in the running stack; it has: $(cut -d'|' -f1 "$SERVICES_FILE" | paste -sd' ')"
	IFS='|' read -r name pid check url note <<<"$line"
	[[ "$pid" != - ]] || fail "$name is not a process of this script (Redpanda: docker compose restart redpanda)"
	[[ -f "$RUN_DIR/$name.cmd" ]] || fail "how $name was started is not recorded ($RUN_DIR/$name.cmd); stop and start the stack"
	if alive "$pid"; then
		step "stopping $name (pid $pid)"
		stop_service "$name" "$pid"
	fi
	local command=() part
	while IFS= read -r -d '' part; do
		# the first run of a module wrote its class archive; a second writer would only race it
		[[ "$part" == -XX:ArchiveClassesAtExit=* ]] || command+=("$part")
	done <"$RUN_DIR/$name.cmd"
	RESTARTING=1 launch "$name" "${command[@]}"
	awk -F'|' -v OFS='|' -v name="$name" -v pid="$LAUNCHED_PID" '$1 == name { $2 = pid } 1' "$SERVICES_FILE" \
		>"$SERVICES_FILE.new" && mv -f "$SERVICES_FILE.new" "$SERVICES_FILE"
	step "started $name again (pid $LAUNCHED_PID); waiting until it is healthy (log: $LOG_DIR/$name.log)"
	wait_healthy "$name" "$LAUNCHED_PID" "$check"
	step "$name is up"
}

# ------------------------------------------------------------------------------ start
STOPPING=0
shutdown() {
	local status=$1
	trap '' INT TERM
	((STOPPING)) && exit "$status"
	STOPPING=1
	[[ -n "${WATCHDOG:-}" ]] && kill "$WATCHDOG" 2>/dev/null || true
	say ""
	step "stopping Beacon"
	stop_all
	rm -f "$START_PID_FILE"
	step "stopped"
	exit "$status"
}

# If this script is killed outright (kill -9, a closed terminal), a watchdog stops the stack.
start_watchdog() {
	local parent=$$
	(
		trap '' INT TERM
		while alive "$parent"; do sleep 2; done
		stop_all >>"$LOG_DIR/start.log" 2>&1
		rm -f "$START_PID_FILE"
	) &
	WATCHDOG=$!
}

start() {
	local detach=$1
	check_settings
	local starter
	starter=$(cat "$START_PID_FILE" 2>/dev/null || true)
	if alive "$starter" || { [[ -s "$SERVICES_FILE" ]] && print_table 1 >/dev/null 2>&1; }; then
		fail "Beacon is already running (./start.sh status shows it; ./start.sh stop stops it)"
	fi
	command -v java >/dev/null 2>&1 || fail "Java 17 or newer is needed (java not found)"
	command -v curl >/dev/null 2>&1 || fail "curl is needed to check the services' health"
	mkdir -p "$RUN_DIR" "$LOG_DIR"
	# an archive a killed JVM never finished: the next one may write it
	rm -f "$CDS_DIR"/*/training "$CDS_DIR"/*/app.jsa.new
	if [[ -s "$SERVICES_FILE" ]]; then
		say "Stopping what is left of a previous run that was not stopped (some of its services had died)"
		stop_all
	fi
	: >"$SERVICES_FILE"

	choose_broker
	local ports=()
	[[ "$BROKER_KIND" == kafka ]] && ports+=("broker=$KAFKA_PORT" "broker controller=$KAFKA_CONTROLLER_PORT")
	[[ "$BROKER_KIND" == redpanda ]] && ports+=("broker=$KAFKA_PORT")
	local i
	for ((i = 0; i < GATEWAY_COUNT; i++)); do ports+=("gateway-$((i + 1))=$((GATEWAY_PORT + i))"); done
	ports+=("load balancer=$LB_PORT" "broadcaster=$BROADCASTER_PORT" "archiver=$ARCHIVER_PORT"
		"watchtower=$WATCHTOWER_PORT")
	dashboard_wanted && ports+=("dashboard=$DASHBOARD_PORT")
	prometheus_wanted && ports+=("prometheus=$PROMETHEUS_PORT")
	check_ports "${ports[@]}"

	build broker gateway load-balancer archiver broadcaster watchtower

	echo $$ >"$START_PID_FILE"
	trap 'shutdown $?' EXIT
	trap 'shutdown 130' INT
	trap 'shutdown 143' TERM
	((detach)) || start_watchdog
	local began=$SECONDS
	start_broker
	start_services
	start_dashboard
	start_prometheus
	local name pid check url note
	while IFS='|' read -r name pid check url note; do
		[[ "$name" == broker ]] && continue
		wait_healthy "$name" "$pid" "$check"
	done <"$SERVICES_FILE"

	say ""
	say "Beacon is up in $((SECONDS - began)) s (broker: $BROKER_KIND):"
	print_table 0 || true
	say ""
	say "  send an event:  curl -X POST localhost:$LB_PORT/ingest/state -H 'Content-Type: application/json' \\"
	say "                    -d '{\"agent_id\":\"agent-001\",\"status\":\"running\",\"timestamp\":\"2026-06-26T12:00:00Z\"}'"
	say "  play agents:    simulator/simulate.sh --agents 10 --rate 20 --url http://localhost:$LB_PORT"
	say "  logs:           $LOG_DIR/<service>.log     status: ./start.sh status"
	if ((detach)); then
		say "  stop:           ./start.sh stop"
		trap - EXIT INT TERM
		rm -f "$START_PID_FILE"
		exit 0
	fi
	say "  stop:           Ctrl-C here, or ./start.sh stop"
	watch_services
}

# In the foreground: report a service that dies (the others keep running).
watch_services() {
	local reported=" " name pid check url note
	while true; do
		while IFS='|' read -r name pid check url note; do
			[[ "$pid" == - || "$reported" == *" $name:$pid "* ]] && continue
			if ! alive "$pid"; then
				step "$name (pid $pid) has exited; see $LOG_DIR/$name.log (./start.sh restart $name starts it again)"
				reported+="$name:$pid "
			fi
		done <"$SERVICES_FILE"
		sleep 2 &
		wait $! || true
	done
}

case "${1:-start}" in
	start | -d | --detach)
		detach=0
		for arg in "$@"; do
			case "$arg" in
				start) ;;
				-d | --detach) detach=1 ;;
				*) usage >&2; fail "unknown argument '$arg'" ;;
			esac
		done
		start "$detach"
		;;
	stop) stop ;;
	status) status ;;
	restart)
		(($# == 2)) || { usage >&2; fail "usage: ./start.sh restart <service>"; }
		restart "$2"
		;;
	-h | --help | help) usage ;;
	*)
		usage >&2
		fail "unknown command '$1'"
		;;
esac
