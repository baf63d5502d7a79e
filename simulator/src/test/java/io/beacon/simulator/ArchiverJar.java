package io.beacon.simulator;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import io.beacon.testsupport.FreePorts;

/**
 * A real archiver as a child JVM, run from its executable jar (this module's test
 * dependency) the way an operator runs it, on a port and a SQLite file of its own.
 */
final class ArchiverJar {

	private ArchiverJar() {
	}

	/**
	 * Start an archiver of a topic into a new SQLite file.
	 * @param bootstrapServers the broker
	 * @param topic the topic
	 * @param database the SQLite file
	 * @return the archiver, starting
	 */
	static ChildService start(String bootstrapServers, String topic, Path database) {
		int port = FreePorts.next();
		return ChildService.start("archiver", port,
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
						"-XX:+UseSerialGC", "-Xmx256m", "-jar", jar().toString(), "--server.port=" + port,
						"--spring.kafka.bootstrap-servers=" + bootstrapServers, "--beacon.archiver.topic=" + topic,
						"--spring.kafka.consumer.group-id=simulator-it-" + topic,
						"--spring.datasource.url=jdbc:sqlite:" + database.toAbsolutePath(),
						// the audit waits for the archive: a short flush interval keeps
						// the test short
						"--beacon.archiver.flush-interval=200ms", "--spring.main.banner-mode=off"));
	}

	/** The archiver's executable jar, which Maven put on the test class path. */
	private static Path jar() {
		return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.map(Path::of)
			.filter((path) -> path.getFileName().toString().matches("beacon-archiver-.*\\.jar"))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(
					"no beacon-archiver jar on the class path; run through Maven's verify phase (-pl simulator -am)"));
	}

}
