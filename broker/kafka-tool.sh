#!/usr/bin/env bash
# Kafka's command-line tools from the bundled broker's jar: no Docker, no Kafka download.
#
#   broker/kafka-tool.sh console-consumer --topic agent-state-transitions --from-beginning \
#       --property print.key=true --max-messages 10
#   broker/kafka-tool.sh topics --describe --topic agent-state-transitions
#   broker/kafka-tool.sh consumer-groups --describe --group beacon-archiver
#
# --bootstrap-server defaults to BEACON_KAFKA_BOOTSTRAP (localhost:9092) when not given.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/broker/target/beacon-broker-0.1.0-SNAPSHOT-exec.jar"

usage() {
	sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

case "${1:-}" in
	console-consumer) main=org.apache.kafka.tools.consumer.ConsoleConsumer ;;
	topics) main=org.apache.kafka.tools.TopicCommand ;;
	consumer-groups) main=org.apache.kafka.tools.consumer.group.ConsumerGroupCommand ;;
	-h | --help | "")
		usage
		exit 0
		;;
	*)
		usage >&2
		echo "kafka-tool.sh: unknown tool '$1' (console-consumer, topics, consumer-groups)" >&2
		exit 2
		;;
esac
shift

if [[ ! -f "$JAR" ]]; then
	echo "kafka-tool.sh: building the broker's jar first (./mvnw -pl broker -am package)" >&2
	(cd "$ROOT" && ./mvnw -B -ntp -q -Dmaven.test.skip=true package -pl broker -am) >&2
fi
args=("$@")
[[ " $* " == *" --bootstrap-server "* ]] || args=(--bootstrap-server "${BEACON_KAFKA_BOOTSTRAP:-localhost:9092}" "${args[@]}")

# the jar's own launcher runs another main class of it; the tools log only warnings
exec java -Xmx256m -Dloader.main="$main" -Dlogback.configurationFile="$ROOT/broker/kafka-tool-logback.xml" \
	-cp "$JAR" org.springframework.boot.loader.launch.PropertiesLauncher "${args[@]}"
