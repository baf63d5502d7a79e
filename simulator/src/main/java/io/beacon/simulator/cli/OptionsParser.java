package io.beacon.simulator.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.beacon.common.EventLimits;

/**
 * Reads the command line: {@code --name value} or {@code --name=value}, flags without a
 * value. Anything it cannot run is a {@link UsageException} naming the option and what it
 * accepts.
 */
public final class OptionsParser {

	static final int DEFAULT_AGENTS = 10;

	static final double DEFAULT_RATE = 20;

	static final String DEFAULT_URL = "http://localhost:8000";

	static final int DEFAULT_CONNECTIONS = 64;

	static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

	static final String DEFAULT_ARCHIVER_URL = "http://localhost:8002";

	static final Duration DEFAULT_VERIFY_TIMEOUT = Duration.ofSeconds(60);

	static final int MAX_AGENTS = 1_000_000;

	static final double MAX_RATE = 10_000_000;

	static final int MAX_CONNECTIONS = 10_000;

	/** The archiver flushes at least this often: lag within what it brings is normal. */
	static final double NORMAL_LAG_SECONDS = 2;

	static final String EXAMPLE_WS_URL = "ws://localhost:8001/ws";

	static final String EXAMPLE_LAG_URL = "http://localhost:9000";

	private static final Set<String> FLAGS = Set.of("verify", "bad-input", "slo", "help");

	private static final Set<String> VALUED = Set.of("agents", "rate", "duration", "url", "batch", "connections",
			"request-timeout", "archiver-url", "verify-timeout", "burst-rate", "burst-at", "burst-for", "ws-url",
			"lag-url", "lag-normal", "report-json");

	private static final List<String> BURST = List.of("burst-rate", "burst-at", "burst-for");

	/** What {@code --bad-input} may be combined with: it plays no agents. */
	private static final Set<String> BAD_INPUT_COMPANIONS = Set.of("bad-input", "url", "request-timeout");

	/** What only means something with {@code --verify}. */
	private static final List<String> VERIFY_ONLY = List.of("archiver-url", "verify-timeout");

	private OptionsParser() {
	}

	/**
	 * Read a command line.
	 * @param args the arguments
	 * @return the options
	 * @throws UsageException when the command line is wrong, with the reason
	 */
	public static Options parse(String... args) throws UsageException {
		Values values = new Values();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.equals("-h") || arg.equals("--help")) {
				values.put("help", "true");
				continue;
			}
			if (!arg.startsWith("--") || arg.length() == 2) {
				throw new UsageException("unexpected argument '" + arg + "'; options start with --");
			}
			int equals = arg.indexOf('=');
			String name = arg.substring(2, (equals < 0) ? arg.length() : equals);
			if (FLAGS.contains(name)) {
				if (equals >= 0) {
					throw new UsageException("--" + name + " takes no value");
				}
				values.put(name, "true");
			}
			else if (VALUED.contains(name)) {
				String value;
				if (equals >= 0) {
					value = arg.substring(equals + 1);
				}
				else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
					value = args[++i];
				}
				else {
					throw new UsageException("--" + name + " needs a value");
				}
				values.put(name, value);
			}
			else {
				throw new UsageException("unknown option --" + name);
			}
		}
		if (values.has("help")) {
			return defaults(true);
		}
		return build(values);
	}

	private static Options build(Values values) throws UsageException {
		boolean badInput = values.has("bad-input");
		if (badInput) {
			for (String name : values.names()) {
				if (!BAD_INPUT_COMPANIONS.contains(name)) {
					throw new UsageException(
							"--bad-input plays no agents: it takes only --url and --request-timeout, not --" + name);
				}
			}
		}
		boolean verify = values.has("verify");
		if (!verify) {
			for (String name : VERIFY_ONLY) {
				if (values.has(name)) {
					throw new UsageException("--" + name + " only applies with --verify");
				}
			}
		}
		if (values.has("lag-normal") && !values.has("lag-url")) {
			throw new UsageException("--lag-normal only applies with --lag-url");
		}
		int agents = integer(values, "agents", DEFAULT_AGENTS, 1, MAX_AGENTS);
		double rate = rate(values, "rate", DEFAULT_RATE);
		Duration duration = values.has("duration") ? duration(values, "duration", false) : null;
		Options.Burst burst = burst(values, duration);
		URI wsUrl = values.has("ws-url") ? wsUrl(values.get("ws-url")) : null;
		URI lagUrl = values.has("lag-url") ? url(values, "lag-url", EXAMPLE_LAG_URL) : null;
		long lagNormal = values.has("lag-normal") ? integer(values, "lag-normal", 0, 0, Integer.MAX_VALUE)
				: (long) Math.ceil(NORMAL_LAG_SECONDS * rate);
		Path reportJson = values.has("report-json") ? reportJson(values.get("report-json")) : null;
		boolean slo = values.has("slo");
		if (slo && wsUrl == null && (lagUrl == null || burst == null)) {
			throw new UsageException("--slo judges the ingest-to-dashboard delay (needs --ws-url) and the archive lag"
					+ " after a burst (needs --lag-url and --burst-rate/--burst-at/--burst-for): give at least one");
		}
		URI url = url(values, "url", DEFAULT_URL);
		int batch = values.has("batch") ? integer(values, "batch", 0, 1, EventLimits.MAX_BATCH_SIZE) : 0;
		int connections = integer(values, "connections", DEFAULT_CONNECTIONS, 1, MAX_CONNECTIONS);
		Duration requestTimeout = values.has("request-timeout") ? duration(values, "request-timeout", false)
				: DEFAULT_REQUEST_TIMEOUT;
		URI archiverUrl = url(values, "archiver-url", DEFAULT_ARCHIVER_URL);
		Duration verifyTimeout = values.has("verify-timeout") ? duration(values, "verify-timeout", true)
				: DEFAULT_VERIFY_TIMEOUT;
		return new Options(agents, rate, duration, url, batch, connections, requestTimeout, verify, archiverUrl,
				verifyTimeout, badInput, burst, wsUrl, lagUrl, lagNormal, reportJson, slo, false);
	}

	private static Options defaults(boolean help) {
		return new Options(DEFAULT_AGENTS, DEFAULT_RATE, null, URI.create(DEFAULT_URL), 0, DEFAULT_CONNECTIONS,
				DEFAULT_REQUEST_TIMEOUT, false, URI.create(DEFAULT_ARCHIVER_URL), DEFAULT_VERIFY_TIMEOUT, false, null,
				null, null, (long) Math.ceil(NORMAL_LAG_SECONDS * DEFAULT_RATE), null, false, help);
	}

	private static Options.Burst burst(Values values, Duration duration) throws UsageException {
		List<String> given = BURST.stream().filter(values::has).toList();
		if (given.isEmpty()) {
			return null;
		}
		if (given.size() < BURST.size()) {
			List<String> missing = BURST.stream()
				.filter((name) -> !values.has(name))
				.map((name) -> "--" + name)
				.toList();
			throw new UsageException("a burst needs --burst-rate, --burst-at and --burst-for together; missing "
					+ String.join(" and ", missing));
		}
		double rate = rate(values, "burst-rate", 0);
		Duration at = duration(values, "burst-at", true);
		Duration length = duration(values, "burst-for", false);
		if (duration != null && at.plus(length).compareTo(duration) >= 0) {
			throw new UsageException("the burst (--burst-at " + Durations.format(at) + " + --burst-for "
					+ Durations.format(length) + " = " + Durations.format(at.plus(length))
					+ ") must end before --duration " + Durations.format(duration) + " ends");
		}
		return new Options.Burst(rate, at, length);
	}

	private static URI wsUrl(String text) throws UsageException {
		String problem = "--ws-url must be a ws:// or wss:// URL such as " + EXAMPLE_WS_URL + ", not '" + text + "'";
		try {
			URI uri = new URI(text);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!(scheme.equals("ws") || scheme.equals("wss")) || uri.getHost() == null || uri.getFragment() != null) {
				throw new UsageException(problem);
			}
			if (uri.getRawPath() == null || uri.getRawPath().isEmpty()) {
				// the broadcaster's endpoint: ws://localhost:8001 means its /ws
				return new URI(uri.getScheme(), uri.getRawAuthority(), "/ws", uri.getRawQuery(), null);
			}
			return uri;
		}
		catch (URISyntaxException ex) {
			throw new UsageException(problem);
		}
	}

	private static Path reportJson(String text) throws UsageException {
		Path path;
		try {
			path = Path.of(text);
		}
		catch (InvalidPathException ex) {
			throw new UsageException("--report-json must be a file name, not '" + text + "'");
		}
		if (text.isBlank() || Files.isDirectory(path)) {
			throw new UsageException("--report-json must be a file name, not '" + text + "'");
		}
		Path parent = path.toAbsolutePath().getParent();
		if (parent != null && !Files.isDirectory(parent)) {
			throw new UsageException("--report-json: the directory " + parent + " does not exist");
		}
		return path;
	}

	private static int integer(Values values, String name, int fallback, int min, int max) throws UsageException {
		String text = values.get(name);
		if (text == null) {
			return fallback;
		}
		String problem = "--" + name + " must be a whole number from " + group(min) + " to " + group(max) + ", not '"
				+ text + "'";
		try {
			long value = Long.parseLong(text.replace("_", "").replace(",", ""));
			if (value < min || value > max) {
				throw new UsageException(problem);
			}
			return (int) value;
		}
		catch (NumberFormatException ex) {
			throw new UsageException(problem);
		}
	}

	private static double rate(Values values, String name, double fallback) throws UsageException {
		String text = values.get(name);
		if (text == null) {
			return fallback;
		}
		String problem = "--" + name + " must be events per second, more than 0 and at most " + group((long) MAX_RATE)
				+ ", not '" + text + "'";
		try {
			double rate = Double.parseDouble(text.replace("_", "").replace(",", ""));
			if (!(rate > 0 && rate <= MAX_RATE)) {
				throw new UsageException(problem);
			}
			return rate;
		}
		catch (NumberFormatException ex) {
			throw new UsageException(problem);
		}
	}

	private static Duration duration(Values values, String name, boolean zeroAllowed) throws UsageException {
		String text = values.get(name);
		Duration duration = Durations.parse(text);
		if (duration == null || duration.isNegative() || (!zeroAllowed && duration.isZero())) {
			throw new UsageException("--" + name + " must be a duration such as 30s, 2m, 1h30m or 500ms"
					+ (zeroAllowed ? "" : " (more than 0)") + ", not '" + text + "'");
		}
		return duration;
	}

	private static URI url(Values values, String name, String fallback) throws UsageException {
		String text = values.get(name);
		if (text == null) {
			return URI.create(fallback);
		}
		String problem = "--" + name + " must be an http:// or https:// URL such as " + fallback + ", not '" + text
				+ "'";
		try {
			URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getQuery() != null
					|| uri.getFragment() != null) {
				throw new UsageException(problem);
			}
			return uri;
		}
		catch (URISyntaxException ex) {
			throw new UsageException(problem);
		}
	}

	private static String group(long value) {
		return String.format(Locale.ROOT, "%,d", value);
	}

	/**
	 * The usage text.
	 * @return the text, ending with a new line
	 */
	public static String usage() {
		return """
				Usage: simulator/simulate.sh [options]

				Plays agents against Beacon's ingest API at a steady total rate, shows progress every
				second and a report at the end; optionally audits the archive afterwards.

				Load:
				  --agents N             agents; each sends its next event after the previous answer (default %d)
				  --rate R               events per second, all agents together, spread evenly (default %s)
				  --duration D           how long to send: 30s, 2m, 1h30m (default: until Ctrl-C)
				  --url U                the ingest API (default %s, the load balancer)
				  --batch B              send POST /ingest/batch requests of up to B events (1-%d)
				  --connections C        at most C requests in flight, over C keep-alive connections (default %d)
				  --request-timeout T    wait this long for an answer, then send the event again (default %s)
				  --burst-rate R         during the burst, R events per second instead of --rate
				  --burst-at T           the burst starts T after the start: 45s, 1m (all three burst options or none)
				  --burst-for D          the burst lasts D; it must end before --duration does

				Measure (while the run goes on):
				  --ws-url U             the broadcaster's WebSocket, e.g. %s: the delay from the gateway's
				                         received_at to the event's frame arriving here, for this run's events
				  --lag-url U            the watchtower, e.g. %s: the archive lag (GET /status) every second;
				                         after sending, wait for it to reach 0 (up to --verify-timeout, or 60s)
				  --lag-normal N         the lag (records) that counts as normal again after the burst
				                         (default: 2 s of --rate, what the archiver may hold before a flush)
				  --report-json FILE     write the whole run (options, totals, delays, lag series, verdict) as JSON
				  --slo                  exit 1 unless the issue's promises held: WebSocket delay p99 under 1 s in
				                         every second, archive lag normal within 30 s of the burst's end

				Audit:
				  --verify               after sending, check the archive: every accepted event there exactly
				                         once, each agent's events in seq order
				  --archiver-url U       the archiver's read API (default %s)
				  --verify-timeout T     how long to wait for the archive to catch up (default %s)
				  --bad-input            instead of playing agents, send malformed requests to --url and check
				                         that each gets the right status and a JSON error

				  -h, --help             this text

				Exit status: 0 all good; 1 the audit or the bad-input check found a problem, or events were
				rejected, or none was accepted, or (with --slo) a promise failed; 2 the options are wrong.
				""".formatted(DEFAULT_AGENTS, (long) DEFAULT_RATE, DEFAULT_URL, EventLimits.MAX_BATCH_SIZE,
				DEFAULT_CONNECTIONS, Durations.format(DEFAULT_REQUEST_TIMEOUT), EXAMPLE_WS_URL, EXAMPLE_LAG_URL,
				DEFAULT_ARCHIVER_URL, Durations.format(DEFAULT_VERIFY_TIMEOUT));
	}

	/**
	 * A duration as the options take it.
	 * @param duration the duration
	 * @return e.g. {@code 30s}
	 */
	public static String formatDuration(Duration duration) {
		return Durations.format(duration);
	}

	/** The options given, each once. */
	private static final class Values {

		private final Map<String, String> byName = new LinkedHashMap<>();

		void put(String name, String value) throws UsageException {
			if (this.byName.putIfAbsent(name, value) != null && !FLAGS.contains(name)) {
				throw new UsageException("--" + name + " is given twice");
			}
		}

		Set<String> names() {
			return this.byName.keySet();
		}

		boolean has(String name) {
			return this.byName.containsKey(name);
		}

		String get(String name) {
			return this.byName.get(name);
		}

	}

}
