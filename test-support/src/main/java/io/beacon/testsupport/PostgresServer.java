package io.beacon.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real, throwaway PostgreSQL server for tests: {@code initdb} in a directory of the
 * test's, then {@code postgres} as a child process on a free port of 127.0.0.1, trust
 * authentication for the superuser {@value #USER}. It can be {@link #stop() stopped} and
 * {@link #start() started} again on the same data, for tests of a database that is down
 * for a while. The server's output goes to {@link #logFile()} (appended across restarts).
 * <p>
 * The binaries come from {@code BEACON_TEST_PG_BIN} when set, else from the newest
 * {@code /usr/lib/postgresql/<N>/bin} (Debian's {@code postgresql} package). PostgreSQL
 * refuses to run as root, and tests here and on CI run as root: then the server runs as
 * the user {@code postgres}, through {@code runuser}.
 * <p>
 * A test class that just needs a database takes the {@link #shared()} server, so that not
 * every class pays for an initdb; the server stops when this JVM exits, even if the test
 * never stopped it.
 *
 * <pre class="code">
 * String url = PostgresServer.shared().createDatabase("archiver_it");  // jdbc:postgresql://127.0.0.1:port/archiver_it
 *
 * try (PostgresServer postgres = PostgresServer.start(tempDir)) {
 *     String url = postgres.createDatabase("archive");
 *     // ... connect as postgres.user(), no password ...
 *     postgres.stop();
 *     // ... database down ...
 *     postgres.start();
 * }
 * </pre>
 */
public final class PostgresServer implements AutoCloseable {

	/** The superuser that initdb creates; connects without a password. */
	public static final String USER = "beacon";

	/** A generous bound for a start, on a slow CI machine. */
	public static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

	/** A bound for a fast shutdown. */
	public static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	/** A bound for initdb, createdb, psql and the like. */
	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

	private static final String HOST = "127.0.0.1";

	/** The account the server runs as when this JVM runs as root. */
	private static final String SYSTEM_USER = "postgres";

	private static final Path DEBIAN_INSTALLS = Path.of("/usr/lib/postgresql");

	private static final Logger logger = LoggerFactory.getLogger(PostgresServer.class);

	/** Every server with a live process, for the shutdown hook. */
	private static final Set<PostgresServer> running = ConcurrentHashMap.newKeySet();

	private static PostgresServer shared;

	private static Path sharedDir;

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(PostgresServer::stopAll, "postgres-server-shutdown"));
	}

	private final Path binDir;

	private final Path dir;

	private final Path dataDir;

	private final int port;

	private final Path logFile;

	private final boolean asRoot;

	private Process process;

	private PostgresServer(Path binDir, Path dir, int port, boolean asRoot) {
		this.binDir = binDir;
		this.dir = dir;
		this.dataDir = dir.resolve("pgdata");
		this.port = port;
		this.logFile = Path.of("target", "postgres-process", "postgres-" + port + ".log").toAbsolutePath();
		this.asRoot = asRoot;
	}

	/**
	 * Creates a cluster in {@code dir/pgdata} (unless one is there already) and starts a
	 * server on it on a free port; returns once it accepts connections. The same port is
	 * used again after a restart.
	 * @throws IllegalStateException if the PostgreSQL binaries are not installed, or the
	 * server does not come up within {@link #READY_TIMEOUT}
	 */
	public static PostgresServer start(Path dir) {
		Path binDir = findBinDir();
		boolean asRoot = runningAsRoot();
		Path absolute = dir.toAbsolutePath();
		PostgresServer server = new PostgresServer(binDir, absolute, FreePorts.next(), asRoot);
		server.initdb();
		return server.start();
	}

	/**
	 * One server for every test of this JVM that just needs a database of its own (see
	 * {@link #createDatabase}): started on first use in
	 * {@code target/postgres-shared-<pid>}, stopped and deleted when the JVM exits. Do
	 * not stop it; if a test did anyway, the next call starts it again.
	 */
	public static synchronized PostgresServer shared() {
		if (shared == null) {
			Path dir = sharedDirectory();
			shared = start(dir);
			sharedDir = dir;
		}
		else if (!shared.isRunning()) {
			shared.start();
		}
		return shared;
	}

	/**
	 * Starts the server again on the same data directory and port; returns once it
	 * accepts connections.
	 */
	public synchronized PostgresServer start() {
		if (isRunning()) {
			throw new IllegalStateException("PostgreSQL on port " + this.port + " is already running");
		}
		Instant started = Instant.now();
		Process launched;
		try {
			Files.createDirectories(this.logFile.getParent());
			appendToLog("==== " + started + " starting postgres on port " + this.port + "\n");
			launched = processBuilder(asServerUser(serverCommand())).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.logFile.toFile()))
				.start();
			launched.getOutputStream().close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not launch postgres, see " + this.logFile, ex);
		}
		this.process = launched;
		running.add(this);
		awaitReady(launched);
		logger.info("PostgreSQL {} ready on {}:{} in {} ms (data: {}, log: {})", launched.pid(), HOST, this.port,
				Duration.between(started, Instant.now()).toMillis(), this.dataDir, this.logFile);
		return this;
	}

	/**
	 * Stops the server with a fast shutdown (open sessions are ended, nothing is lost);
	 * if it has not stopped within {@link #STOP_TIMEOUT} it is killed. Does nothing if it
	 * does not run.
	 */
	public synchronized void stop() {
		Process launched = this.process;
		if (launched == null || !launched.isAlive()) {
			running.remove(this);
			return;
		}
		// pg_ctl rather than a signal to our child: when we run as root the child is
		// runuser, which answers SIGTERM with SIGTERM to postgres (a smart shutdown,
		// waiting for every client to leave) and SIGKILL two seconds later
		Result result = runQuietly(asServerUser(List.of(bin("pg_ctl"), "stop", "-D", this.dataDir.toString(), "-m",
				"fast", "-w", "-t", Long.toString(STOP_TIMEOUT.toSeconds()))), STOP_TIMEOUT.plusSeconds(10));
		if (!waitFor(launched, result.status() == 0 ? STOP_TIMEOUT : Duration.ofSeconds(1))) {
			logger.warn("PostgreSQL {} did not stop within {} ({}); killing it, see {}", launched.pid(), STOP_TIMEOUT,
					result.output(), this.logFile);
			// the postmaster first: our child may be runuser, and killing it alone would
			// leave postgres running
			launched.descendants().forEach(ProcessHandle::destroyForcibly);
			launched.destroyForcibly();
			waitFor(launched, STOP_TIMEOUT);
		}
		running.remove(this);
		logger.info("PostgreSQL on port {} stopped with status {}", this.port,
				launched.isAlive() ? "(still alive)" : launched.exitValue());
	}

	/** Stops the server if it runs; may be called again. */
	@Override
	public void close() {
		stop();
	}

	/**
	 * Creates a database owned by {@link #user()}.
	 * @return its JDBC URL, {@code jdbc:postgresql://127.0.0.1:<port>/<name>}
	 */
	public String createDatabase(String name) {
		run(List.of(bin("createdb"), "-h", HOST, "-p", Integer.toString(this.port), "-U", USER, name), COMMAND_TIMEOUT);
		return jdbcUrl(name);
	}

	/**
	 * Runs SQL with {@code psql} in a database; stops at the first error.
	 * @return what the statements printed, unaligned and without headers (one row a line,
	 * columns separated by {@code |}), trimmed
	 * @throws IllegalStateException if psql fails
	 */
	public String psql(String database, String sql) {
		return run(List.of(bin("psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", HOST, "-p",
				Integer.toString(this.port), "-U", USER, "-d", database, "-c", sql), COMMAND_TIMEOUT)
			.strip();
	}

	/**
	 * Whether the server accepts connections now ({@code pg_isready}); false while it is
	 * stopped or still starting.
	 */
	public boolean acceptsConnections() {
		// a plain connect first: no need to launch pg_isready while nothing listens
		if (!listens()) {
			return false;
		}
		return runQuietly(List.of(bin("pg_isready"), "-q", "-h", HOST, "-p", Integer.toString(this.port), "-U", USER,
				"-d", "postgres", "-t", "2"), Duration.ofSeconds(10))
			.status() == 0;
	}

	public synchronized boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/** The JDBC URL of a database, {@code jdbc:postgresql://127.0.0.1:<port>/<name>}. */
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://" + HOST + ":" + this.port + "/" + database;
	}

	/** The superuser, {@value #USER}; it needs no password. */
	public String user() {
		return USER;
	}

	public String host() {
		return HOST;
	}

	public int port() {
		return this.port;
	}

	public Path dataDir() {
		return this.dataDir;
	}

	public Path logFile() {
		return this.logFile;
	}

	public Path binDir() {
		return this.binDir;
	}

	private void initdb() {
		if (Files.exists(this.dataDir.resolve("PG_VERSION"))) {
			logger.info("Reusing the PostgreSQL cluster in {}", this.dataDir);
			return;
		}
		try {
			Files.createDirectories(this.dataDir);
			if (this.asRoot) {
				grantToServerUser();
			}
			Files.createDirectories(this.logFile.getParent());
			appendToLog("==== " + Instant.now() + " initdb in " + this.dataDir + "\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not prepare " + this.dataDir, ex);
		}
		Instant started = Instant.now();
		// --no-sync: a throwaway cluster need not survive a power cut, and syncing every
		// catalog file is most of initdb's time on a slow disk
		String output = run(asServerUser(List.of(bin("initdb"), "-D", this.dataDir.toString(), "-U", USER,
				"--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync")), COMMAND_TIMEOUT);
		appendToLog(output);
		logger.info("initdb of {} took {} ms", this.dataDir, Duration.between(started, Instant.now()).toMillis());
	}

	private List<String> serverCommand() {
		return List.of(bin("postgres"), "-D", this.dataDir.toString(), "-p", Integer.toString(this.port), "-c",
				"listen_addresses=" + HOST,
				// no Unix socket: clients here connect over TCP, a socket path under a
				// deep build directory can exceed the 107-byte limit, and the default
				// directory (/var/run/postgresql) belongs to a system server
				"-c", "unix_socket_directories=",
				// tests only: durability against an OS crash is worth nothing for
				// throwaway data, and these make commits several times faster. A killed
				// postgres still loses nothing: its writes are in the OS's page cache
				"-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
	}

	private void awaitReady(Process launched) {
		try {
			Awaitility.await("PostgreSQL on " + HOST + ":" + this.port + " ready (log: " + this.logFile + ")")
				.atMost(READY_TIMEOUT)
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(100))
				.failFast("postgres exited, see " + this.logFile, () -> !launched.isAlive())
				.until(this::acceptsConnections);
		}
		catch (ConditionTimeoutException | TerminalFailureException ex) {
			String tail = logTail();
			stop();
			throw new IllegalStateException(ex.getMessage() + "; the end of " + this.logFile + ":\n" + tail, ex);
		}
	}

	private boolean listens() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, this.port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Hands the (still empty) data directory to the server's account and makes sure it
	 * can reach it: JUnit's temporary directories are private to their owner.
	 */
	private void grantToServerUser() throws IOException {
		UserPrincipalLookupService lookup = this.dataDir.getFileSystem().getUserPrincipalLookupService();
		UserPrincipal user;
		try {
			user = lookup.lookupPrincipalByName(SYSTEM_USER);
		}
		catch (UserPrincipalNotFoundException ex) {
			throw new IllegalStateException("Running as root, PostgreSQL must run as the user '" + SYSTEM_USER
					+ "', which does not exist; install the server with: apt-get install -y postgresql", ex);
		}
		PosixFileAttributeView view = Files.getFileAttributeView(this.dataDir, PosixFileAttributeView.class);
		view.setOwner(user);
		groupOf(lookup).ifPresent((group) -> {
			try {
				view.setGroup(group);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		// execute only: postgres needs to pass through, not to list
		Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(this.dir));
		if (permissions.addAll(EnumSet.of(PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE))) {
			Files.setPosixFilePermissions(this.dir, permissions);
		}
		Optional<Path> closed = firstClosedAncestor(this.dir.getParent());
		if (closed.isPresent()) {
			throw new IllegalStateException("Running as root, PostgreSQL runs as the user '" + SYSTEM_USER
					+ "', which cannot pass through " + closed.get() + " to reach " + this.dataDir
					+ "; use a directory under /tmp (e.g. JUnit's @TempDir) or chmod o+x " + closed.get());
		}
	}

	private static Optional<GroupPrincipal> groupOf(UserPrincipalLookupService lookup) {
		try {
			return Optional.of(lookup.lookupPrincipalByGroupName(SYSTEM_USER));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The first directory from {@code dir} up to the root that the server's account
	 * cannot pass through (no execute bit for others, nor for it as owner).
	 */
	private static Optional<Path> firstClosedAncestor(Path dir) throws IOException {
		for (Path current = dir; current != null; current = current.getParent()) {
			PosixFileAttributes attributes = Files.readAttributes(current, PosixFileAttributes.class);
			Set<PosixFilePermission> permissions = attributes.permissions();
			boolean ownedByServerUser = SYSTEM_USER.equals(attributes.owner().getName());
			if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE)
					&& !(ownedByServerUser && permissions.contains(PosixFilePermission.OWNER_EXECUTE))) {
				return Optional.of(current);
			}
		}
		return Optional.empty();
	}

	private List<String> asServerUser(List<String> command) {
		if (!this.asRoot) {
			return command;
		}
		List<String> wrapped = new ArrayList<>(List.of(runuser(), "-u", SYSTEM_USER, "--"));
		wrapped.addAll(command);
		return wrapped;
	}

	private ProcessBuilder processBuilder(List<String> command) {
		ProcessBuilder builder = new ProcessBuilder(command);
		// a directory the server's account can enter: initdb and postgres look up
		// their current directory, and the caller's may be private to root
		builder.directory(this.dir.toFile());
		// the caller's PGHOST, PGDATABASE, PGOPTIONS ... must not redirect our clients
		builder.environment().keySet().removeIf((name) -> name.startsWith("PG"));
		return builder;
	}

	/** Runs a command; returns its standard output, or throws if it fails. */
	private String run(List<String> command, Duration timeout) {
		Result result = runQuietly(command, timeout);
		if (result.status() != 0) {
			throw new IllegalStateException(
					String.join(" ", command) + " failed with status " + result.status() + ":\n" + result.output());
		}
		return result.stdout();
	}

	/**
	 * Runs a command, killing it after the timeout (status -1); its output goes through
	 * files, so that a chatty command cannot block on a full pipe.
	 */
	private Result runQuietly(List<String> command, Duration timeout) {
		Path stdout = null;
		Path stderr = null;
		try {
			stdout = Files.createTempFile("beacon-postgres-", ".out");
			stderr = Files.createTempFile("beacon-postgres-", ".err");
			Process launched = processBuilder(command).redirectOutput(stdout.toFile())
				.redirectError(stderr.toFile())
				.start();
			launched.getOutputStream().close();
			int status;
			if (waitFor(launched, timeout)) {
				status = launched.exitValue();
			}
			else {
				launched.destroyForcibly();
				waitFor(launched, Duration.ofSeconds(5));
				status = -1;
			}
			return new Result(status, Files.readString(stdout), Files.readString(stderr));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run " + String.join(" ", command), ex);
		}
		finally {
			deleteQuietly(stdout);
			deleteQuietly(stderr);
		}
	}

	private String bin(String name) {
		return this.binDir.resolve(name).toString();
	}

	private void appendToLog(String text) {
		try {
			Files.writeString(this.logFile, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write " + this.logFile, ex);
		}
	}

	private String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.logFile, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
		}
		catch (IOException | UncheckedIOException ex) {
			return "(unreadable: " + ex.getMessage() + ")";
		}
	}

	/**
	 * {@code BEACON_TEST_PG_BIN}, else the newest {@code /usr/lib/postgresql/<N>/bin}
	 * with a server in it.
	 */
	static Path findBinDir() {
		String configured = System.getenv("BEACON_TEST_PG_BIN");
		if (configured != null && !configured.isBlank()) {
			Path binDir = Path.of(configured).toAbsolutePath();
			if (!hasServer(binDir)) {
				throw new IllegalStateException(
						"BEACON_TEST_PG_BIN=" + configured + " has no executable initdb and postgres");
			}
			return binDir;
		}
		try (Stream<Path> versions = Files.isDirectory(DEBIAN_INSTALLS) ? Files.list(DEBIAN_INSTALLS)
				: Stream.empty()) {
			return versions.filter((version) -> version.getFileName().toString().matches("\\d+(\\.\\d+)?"))
				.map((version) -> version.resolve("bin"))
				.filter(PostgresServer::hasServer)
				.max(Comparator.comparingDouble((bin) -> Double.parseDouble(bin.getParent().getFileName().toString())))
				.orElseThrow(() -> new IllegalStateException("No PostgreSQL server found in " + DEBIAN_INSTALLS
						+ "/<version>/bin: install it with 'apt-get install -y postgresql', or set"
						+ " BEACON_TEST_PG_BIN to a directory with initdb and postgres"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not list " + DEBIAN_INSTALLS, ex);
		}
	}

	private static boolean hasServer(Path binDir) {
		return Stream.of("initdb", "postgres", "pg_ctl").map(binDir::resolve).allMatch(Files::isExecutable);
	}

	private static boolean runningAsRoot() {
		if ("root".equals(System.getProperty("user.name"))) {
			return true;
		}
		try {
			return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
		}
		catch (IOException | UnsupportedOperationException | IllegalArgumentException ex) {
			return false;
		}
	}

	private static String runuser() {
		String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
		return Stream.concat(Arrays.stream(path.split(":")), Stream.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"))
			.filter((entry) -> !entry.isEmpty())
			.map((entry) -> Path.of(entry, "runuser"))
			.filter(Files::isExecutable)
			.findFirst()
			.map(Path::toString)
			.orElseThrow(() -> new IllegalStateException(
					"Running as root, PostgreSQL must run as the user '" + SYSTEM_USER + "' and runuser is missing"));
	}

	/**
	 * {@code target/postgres-shared-<pid>}, emptied first (a pid comes again); or a
	 * temporary directory when root's server account cannot reach the build directory
	 * (e.g. a clone under /root).
	 */
	private static Path sharedDirectory() {
		Path dir = Path.of("target", "postgres-shared-" + ProcessHandle.current().pid()).toAbsolutePath();
		try {
			deleteRecursively(dir);
			Files.createDirectories(dir);
			if (runningAsRoot() && firstClosedAncestor(dir.getParent()).isPresent()) {
				deleteRecursively(dir);
				return Files.createTempDirectory("beacon-postgres-shared-");
			}
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not prepare " + dir, ex);
		}
	}

	private static void stopAll() {
		for (PostgresServer server : running) {
			try {
				server.stop();
			}
			catch (RuntimeException ex) {
				logger.warn("Could not stop PostgreSQL on port {}", server.port, ex);
			}
		}
		Path dir;
		synchronized (PostgresServer.class) {
			dir = sharedDir;
		}
		if (dir != null) {
			try {
				deleteRecursively(dir);
			}
			catch (IOException | UncheckedIOException ex) {
				logger.warn("Could not delete {}", dir, ex);
			}
		}
	}

	private static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	private static void deleteQuietly(Path file) {
		if (file == null) {
			return;
		}
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			// a temporary file: the OS cleans up after us
		}
	}

	private static boolean waitFor(Process process, Duration timeout) {
		try {
			return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private record Result(int status, String stdout, String stderr) {

		String output() {
			return (this.stdout + this.stderr).strip();
		}

	}

}
