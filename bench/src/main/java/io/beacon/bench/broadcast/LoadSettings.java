package io.beacon.bench.broadcast;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.beacon.bench.Arguments;
import io.beacon.common.Topics;

/**
 * How {@code broadcast-load} runs, from its {@code --name=value} arguments (durations in
 * seconds).
 *
 * @param bootstrap the broker
 * @param topic the topic the broadcaster reads
 * @param socket the broadcaster's {@code /ws}
 * @param prometheus its {@code /actuator/prometheus}
 * @param broadcasterPid its process, for {@code jcmd} and its CPU time
 * @param brokerPid the broker's process, for its CPU time; 0 when unknown
 * @param agents distinct agent ids (record keys)
 * @param rate events/s of the warm-up and of the measured run
 * @param warmup the warm-up, not judged
 * @param duration the measured run
 * @param searchRates the rate search's steps, in order
 * @param step one step of the search
 * @param drain how long after a phase its events may still arrive
 * @param healthyClients clients that read as fast as they can
 * @param slowClients clients that wait after each message
 * @param slowPause how long a slow client waits
 * @param p99LimitMillis the rate search's p99 limit
 * @param dumps where scrapes and heap summaries go, or {@code null}
 */
record LoadSettings(String bootstrap, String topic, URI socket, URI prometheus, long broadcasterPid, long brokerPid,
		int agents, long rate, Duration warmup, Duration duration, List<Long> searchRates, Duration step,
		Duration drain, int healthyClients, int slowClients, Duration slowPause, double p99LimitMillis, Path dumps) {

	static LoadSettings of(Arguments arguments) {
		List<Long> searchRates = new ArrayList<>();
		for (String rate : arguments.get("search-rates", "10000,15000,20000,25000,30000,40000,50000").split(",")) {
			if (!rate.isBlank()) {
				searchRates.add(Long.parseLong(rate.strip()));
			}
		}
		String dumps = arguments.get("dump-dir", "");
		return new LoadSettings(arguments.get("bootstrap", "127.0.0.1:9092"),
				arguments.get("topic", Topics.STATE_TRANSITIONS), URI.create(arguments.require("ws")),
				URI.create(arguments.require("prometheus")), Long.parseLong(arguments.require("broadcaster-pid")),
				arguments.getLong("broker-pid", 0), (int) arguments.getLong("agents", 50_000),
				arguments.getLong("rate", 10_000), seconds(arguments, "warmup", 30), seconds(arguments, "duration", 60),
				List.copyOf(searchRates), seconds(arguments, "step", 20), seconds(arguments, "drain", 15),
				(int) arguments.getLong("healthy", 4), (int) arguments.getLong("slow", 1),
				Duration.ofMillis(arguments.getLong("slow-pause-ms", 1000)), arguments.getLong("p99-limit-ms", 1000),
				dumps.isEmpty() ? null : Path.of(dumps));
	}

	private static Duration seconds(Arguments arguments, String name, long fallback) {
		return Duration.ofSeconds(arguments.getLong(name, fallback));
	}

}
