#!/usr/bin/env bash
# Beacon load-balancer benchmark: single-event ingest through the load balancer to two gateways
# against the same load straight to one gateway, in one run, as the proxy's overhead.
#
#   bench/lb-bench.sh                 # full: 120 s warm-up (240 s through the load balancer), 3 runs of 20 s, medians (~13 min)
#   BENCH_QUICK=1 bench/lb-bench.sh   # ~3 minutes, to try it out (figures not meaningful)
#
# Builds what is missing or stale, starts the bundled broker, two gateways and the load balancer on
# free loopback ports, loads them with wrk (as fast as answers come, then paced at half the load
# balancer's rate), prints a table and writes bench/results/lb-<time>.{json,md}. Everything it
# starts is stopped on exit, Ctrl-C included. See bench/README.md for the settings.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

VERSION=0.1.0-SNAPSHOT
BROKER_JAR="broker/target/beacon-broker-$VERSION-exec.jar"
GATEWAY_JAR="gateway/target/beacon-gateway-$VERSION-exec.jar"
LB_JAR="load-balancer/target/beacon-load-balancer-$VERSION.jar"
BENCH_JAR="bench/target/beacon-bench-$VERSION-exec.jar"
WRK_DIR="$ROOT/bench/wrk"

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

wrk_settings
# the load balancer's JIT takes longer than the gateway's to settle on 2 cores: see bench/README.md
if [[ "${BENCH_QUICK:-0}" == 1 ]]; then default_lb_warmup=10s; else default_lb_warmup=240s; fi
LB_WARMUP=$(seconds "${BENCH_LB_WARMUP:-$default_lb_warmup}")
SCENARIOS="${BENCH_SCENARIOS:-direct lb half}"
# extra arguments for the load balancer only, e.g. LB_ARGS="--spring.cloud.gateway.server.webflux.httpclient.pool.max-connections=64"
read -r -a EXTRA_LB_ARGS <<<"${LB_ARGS:-}"
[[ "$WARMUP" =~ ^[0-9]+$ && "$LB_WARMUP" =~ ^[0-9]+$ && "$DURATION" =~ ^[0-9]+$ && "$RUNS" =~ ^[1-9][0-9]*$ ]] \
	|| die "BENCH_WARMUP, BENCH_LB_WARMUP, BENCH_DURATION take seconds (60, 60s, 2m); BENCH_RUNS a count"
[[ -z "${BENCH_MAX_RPS:-}" || "${BENCH_MAX_RPS}" =~ ^[1-9][0-9]*(\.[0-9]+)?$ ]] || die "BENCH_MAX_RPS takes req/s"

init_results lb

init_processes

# ---------------------------------------------------------------- prerequisites
ensure_wrk
command -v curl >/dev/null || die "curl is needed to check the services are up"

if stale "$BROKER_JAR" common/src/main common/pom.xml broker/src/main broker/pom.xml \
	|| stale "$GATEWAY_JAR" common/src/main common/pom.xml gateway/src/main gateway/pom.xml \
	|| stale "$LB_JAR" load-balancer/src/main load-balancer/pom.xml \
	|| stale "$BENCH_JAR" common/src/main common/pom.xml bench/src/main bench/pom.xml; then
	build_modules broker,gateway,load-balancer,bench
fi
for jar in "$BROKER_JAR" "$GATEWAY_JAR" "$LB_JAR" "$BENCH_JAR"; do
	[[ -f "$jar" ]] || die "$jar was not built"
done
unzip -p "$GATEWAY_JAR" META-INF/MANIFEST.MF 2>/dev/null | grep -q '^Start-Class:' \
	|| die "$GATEWAY_JAR is not an executable Spring Boot jar (no Start-Class); check gateway/pom.xml"
unzip -p "$LB_JAR" META-INF/MANIFEST.MF 2>/dev/null | grep -q '^Start-Class: io.beacon.loadbalancer.LoadBalancerApplication' \
	|| die "$LB_JAR is not the load balancer's executable Spring Boot jar (no Start-Class); check load-balancer/pom.xml"
run_from_copies BROKER_JAR GATEWAY_JAR LB_JAR BENCH_JAR

measure_idle "(see the 'other' CPU column)"

JAVA_VERSION="$(java -version 2>&1 | head -n 1)"
# Java flags common to every JVM here; G1 is the default on this machine class anyway.
JVM=(-XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -Djava.net.preferIPv4Stack=true)
# extra JVM options for the load balancer only, e.g. LB_JAVA_OPTS="-Dreactor.netty.ioWorkerCount=2"
read -r -a LB_JVM <<<"${LB_JAVA_OPTS:-}"
# BENCH_JFR=1: the load balancer records from its start, and each lb scenario's measured runs are
# dumped. Starting a recording in the warm load balancer instead had the JIT compile its hot methods
# again: the next minute was 2-3x slower (bench/README.md).
[[ "${BENCH_JFR:-0}" == 1 ]] && LB_JVM+=(-XX:StartFlightRecording=name=bench,settings=profile,maxage=30m)

# ---------------------------------------------------------------- CPU accounting
# The load balancer's backends as "<requests,…> <errors,…> <healthy count>", in its order
# (gateway 1, gateway 2).
backends() {
	curl -sf -m 5 "$LB_URL/admin/backends" >"$DATA_DIR/backends.json" || : >"$DATA_DIR/backends.json"
	grep -o '"\(requests\|errors\|healthy\)":[a-z0-9]*' "$DATA_DIR/backends.json" | awk -F: '
		$1 == "\"requests\"" { r = r ((r == "") ? "" : ",") $2 }
		$1 == "\"errors\"" { e = e ((e == "") ? "" : ",") $2 }
		$1 == "\"healthy\"" && $2 == "true" { h++ }
		END { print ((r == "") ? "-" : r), ((e == "") ? "-" : e), h + 0 }'
}
# "a,b" "c,d" -> "c-a,d-b"
list_delta() {
	awk -v a="$1" -v b="$2" 'BEGIN { n = split(a, x, ","); m = split(b, y, ",");
		if (n != m || a == "-" || b == "-") { print "-"; exit }
		for (i = 1; i <= n; i++) s = s ((i > 1) ? "," : "") (y[i] - x[i]); print s }'
}

# run_wrk SCENARIO RUN URL DURATION_S RATE: appends the BENCH line (RUN > 0)
run_wrk() {
	local scenario=$1 run=$2 url=$3 duration=$4 rate=$5
	local m0 t0 p0 m1 t1 p1 w0 w1 wall0 wall1 b0=() b1=()
	[[ "$scenario" == lb-* ]] && read -r -a b0 < <(backends)
	read -r m0 t0 < <(machine_jiffies)
	p0=$(jiffies_of "$LB_PID" "$GATEWAY1_PID" "$GATEWAY2_PID" "$BROKER_PID")
	children_seconds w0
	wall0=$EPOCHREALTIME
	wrk_load "$scenario" "$run" single.lua "$url" "$duration" "$rate"
	read -r m1 t1 < <(machine_jiffies)
	p1=$(jiffies_of "$LB_PID" "$GATEWAY1_PID" "$GATEWAY2_PID" "$BROKER_PID")
	children_seconds w1
	wall1=$EPOCHREALTIME
	local line cores
	wrk_result
	# jiffies / elapsed jiffies of all cores, times the core count = cores in use, per process;
	# wrk: its CPU seconds over the wall time; "other": whatever is left (processes not ours)
	cores=$(awk -v m=$((m1 - m0)) -v t=$((t1 - t0)) -v p0="$p0" -v p1="$p1" -v n="$(nproc)" \
		-v w="$(awk -v a="$w0" -v b="$w1" 'BEGIN { print b - a }')" \
		-v wall="$(awk -v a="$wall0" -v b="$wall1" 'BEGIN { print b - a }')" \
		'BEGIN { if (t > 0 && wall > 0) { split(p0, a, " "); split(p1, b, " ");
			lb = n * (b[1] - a[1]) / t; g1 = n * (b[2] - a[2]) / t; g2 = n * (b[3] - a[3]) / t; br = n * (b[4] - a[4]) / t;
			all = n * m / t; svc = lb + g1 + g2 + br; gen = w / wall; other = all - svc - gen;
			printf "cpu_machine_cores=%.2f cpu_services_cores=%.2f cpu_lb_cores=%.2f cpu_gateway1_cores=%.2f cpu_gateway2_cores=%.2f cpu_broker_cores=%.2f cpu_wrk_cores=%.2f cpu_other_cores=%.2f",
				all, svc, lb, g1, g2, br, gen, (other > 0) ? other : 0 } }')
	line="$WRK_LINE $cores"
	if [[ "$scenario" == lb-* ]]; then
		read -r -a b1 < <(backends)
		# requests the load balancer sent to each gateway during the run, its errors, and how many
		# gateways were still in rotation at the end
		line="$line backend_requests=$(list_delta "${b0[0]}" "${b1[0]}") backend_errors=$(list_delta "${b0[1]}" "${b1[1]}") backends_healthy=${b1[2]}"
	fi
	wrk_record "$run" "$line" "$(summary_template "$line")"
}
# summary_template LINE: what summary_of shows of a run; through the load balancer, also what it sent
# to each gateway
summary_template() {
	printf '%s' "{rps} req/s, p50 {p50_ms} ms, p99 {p99_ms} ms, non-2xx {non2xx}, errors {socket_errors}, \
CPU {cpu_machine_cores} cores (lb {cpu_lb_cores}, gateways {cpu_gateway1_cores} + {cpu_gateway2_cores}, \
broker {cpu_broker_cores}, wrk {cpu_wrk_cores}, other {cpu_other_cores})"
	[[ " $1 " != *" backend_requests="* ]] \
		|| printf '%s' ", to the gateways {backend_requests} (errors {backend_errors}, healthy {backends_healthy})"
}
median_rps() {
	grep "^BENCH scenario=$1 " "$RAW" | tr ' ' '\n' | awk -F= '$1 == "rps" { print $2 }' \
		| sort -n | awk '{ v[NR] = $1 } END { if (NR) print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# scenario NAME URL RATE WARMUP_S: warm-up, then $RUNS measured runs
scenario() {
	local name=$1 url=$2 rate=$3 warmup=$4
	local pace="as fast as answers come"
	((rate > 0)) && pace="paced at $rate req/s"
	log "$name: warm-up ${warmup}s, then $RUNS x ${DURATION}s, $pace"
	((warmup > 0)) && run_wrk "$name" 0 "$url" "$warmup" "$rate"
	local run measured_from=$SECONDS
	for run in $(seq 1 "$RUNS"); do
		run_wrk "$name" "$run" "$url" "$DURATION" "$rate"
	done
	if [[ "${BENCH_JFR:-0}" == 1 && "$name" == lb-* ]]; then
		jcmd "$LB_PID" JFR.dump name=bench begin="-$((SECONDS - measured_from + 1))s" \
			filename="$ROOT/$LOG_DIR/lb-$name.jfr" >"$LOG_DIR/jfr-$name.log" 2>&1 \
			|| log "JFR dump failed; see $LOG_DIR/jfr-$name.log"
	fi
	if [[ "$name" == lb-* ]]; then
		curl -sf -m 5 "$LB_URL/admin/backends" >"$LOG_DIR/backends-$name.json" || true
		curl -sf -m 5 "$LB_URL/actuator/prometheus" >"$LOG_DIR/lb-prometheus-$name.txt" || true
	fi
}


# ---------------------------------------------------------------- broker
start_bench_broker

# ---------------------------------------------------------------- gateways
free_port GATEWAY1_PORT
free_port GATEWAY2_PORT
GATEWAY1_URL="http://127.0.0.1:$GATEWAY1_PORT"
GATEWAY2_URL="http://127.0.0.1:$GATEWAY2_PORT"
log "starting two gateways on $GATEWAY1_URL and $GATEWAY2_URL"
start gateway1 java -Xms"$SERVICE_HEAP" -Xmx"$SERVICE_HEAP" "${JVM[@]}" -jar "$GATEWAY_JAR" \
	--server.port="$GATEWAY1_PORT" --server.address=127.0.0.1 --spring.kafka.bootstrap-servers="$BOOTSTRAP"
GATEWAY1_PID=$STARTED_PID
start gateway2 java -Xms"$SERVICE_HEAP" -Xmx"$SERVICE_HEAP" "${JVM[@]}" -jar "$GATEWAY_JAR" \
	--server.port="$GATEWAY2_PORT" --server.address=127.0.0.1 --spring.kafka.bootstrap-servers="$BOOTSTRAP"
GATEWAY2_PID=$STARTED_PID
wait_until gateway1 "$GATEWAY1_PID" 180 post_one "$GATEWAY1_URL"
wait_until gateway2 "$GATEWAY2_PID" 180 post_one "$GATEWAY2_URL"
for url in "$GATEWAY1_URL" "$GATEWAY2_URL"; do
	curl -sf -m 5 "$url/actuator/health" | grep -q '"status":"UP"' || log "WARNING: gateway $url health is not UP"
done

# ---------------------------------------------------------------- load balancer
free_port LB_PORT
LB_URL="http://127.0.0.1:$LB_PORT"
log "starting the load balancer on $LB_URL (round-robin over both gateways)"
start lb java -Xms"$SERVICE_HEAP" -Xmx"$SERVICE_HEAP" "${JVM[@]}" ${LB_JVM[@]+"${LB_JVM[@]}"} -jar "$LB_JAR" \
	--server.port="$LB_PORT" --server.address=127.0.0.1 \
	--beacon.load-balancer.gateway-urls="$GATEWAY1_URL,$GATEWAY2_URL" ${EXTRA_LB_ARGS[@]+"${EXTRA_LB_ARGS[@]}"}
LB_PID=$STARTED_PID
# /actuator/health answers 200 once UP (at least one gateway healthy), 503 before
wait_until lb "$LB_PID" 120 curl -sf -o /dev/null -m 2 "$LB_URL/actuator/health"
# a request through it to each gateway, and both in rotation
wait_until lb "$LB_PID" 30 post_one "$LB_URL"
post_one "$LB_URL" || die "the load balancer did not pass a request on; log: $LOG_DIR/lb.log"
read -r -a START_BACKENDS < <(backends)
[[ "${START_BACKENDS[2]}" == 2 ]] || die "the load balancer has ${START_BACKENDS[2]} healthy gateways, not 2: $(cat "$DATA_DIR/backends.json")"
log "load balancer up (pid $LB_PID); requests per gateway so far: ${START_BACKENDS[0]}"

# ---------------------------------------------------------------- scenarios
if has_scenario direct; then
	scenario direct-single "$GATEWAY1_URL" 0 "$WARMUP"
fi
if has_scenario lb; then
	scenario lb-single "$LB_URL" 0 "$LB_WARMUP"
fi
if has_scenario half; then
	MAX_RPS="${BENCH_MAX_RPS:-$(median_rps lb-single)}"
	[[ -n "$MAX_RPS" ]] || die "the half-load scenarios need the lb scenario (or BENCH_MAX_RPS)"
	HALF=$(awk -v r="$MAX_RPS" 'BEGIN { printf "%d", r / 2 }')
	log "half load: $HALF req/s (half of lb-single's $MAX_RPS), straight to one gateway, then through the load balancer"
	# everything is warm from the scenarios above; a short settle instead of a second warm-up
	SETTLE=$((WARMUP > 10 ? 10 : WARMUP))
	scenario direct-half "$GATEWAY1_URL" "$HALF" "$SETTLE"
	scenario lb-half "$LB_URL" "$HALF" "$SETTLE"
fi

for pid in "$BROKER_PID" "$GATEWAY1_PID" "$GATEWAY2_PID" "$LB_PID"; do
	kill -0 "$pid" 2>/dev/null || die "a service died during the run (pid $pid); logs in $LOG_DIR"
done
if grep -q 'out of rotation' "$LOG_DIR/lb.log"; then
	log "WARNING: the load balancer took a gateway out of rotation during the run:"
	grep 'out of rotation\|back in rotation' "$LOG_DIR/lb.log" | tail -n 5 | sed 's/^/  /' >&2
fi

# ---------------------------------------------------------------- report
java -Xmx256m -jar "$BENCH_JAR" lb-report --results="$RAW" --out="$OUT" \
	--label="${LABEL:-default}" --warmup_s="$WARMUP" --lb_warmup_s="$LB_WARMUP" --duration_s="$DURATION" --runs="$RUNS" \
	--connections="$CONNECTIONS" --wrk_threads="$THREADS" --agents="$AGENTS" --service_heap="$SERVICE_HEAP" \
	--lb_args="${LB_ARGS:-none}" --lb_java_opts="${LB_JAVA_OPTS:-none}" \
	--machine="$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)" \
	--java="$JAVA_VERSION" --busy_cores_before_start="$IDLE_BUSY" --logs="$LOG_DIR" \
	--note="wrk, the load balancer, both gateways and the broker share the machine's cores" \
	|| die "report failed"
log "report: $OUT.md and $OUT.json; logs in $LOG_DIR"
