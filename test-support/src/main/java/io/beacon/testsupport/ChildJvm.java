package io.beacon.testsupport;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that runs one of this project's Spring Boot applications as a child
 * JVM of a test, for tests that stop or kill a real process.
 */
public final class ChildJvm {

	private ChildJvm() {
	}

	/**
	 * {@code java} with this JVM's classpath, the application's own classes first, so
	 * that its {@code application.yml} is the one read (not the calling module's, nor
	 * {@code ./config}).
	 * @param application the {@code main} class
	 * @param maxHeap the child's {@code -Xmx}, e.g. {@code 256m}
	 * @param arguments the application's arguments
	 * @return the command
	 */
	public static List<String> command(Class<?> application, String maxHeap, List<String> arguments) {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
						// a service in a test lives seconds: C1 alone starts it about
						// twice as fast
						// on two cores
						"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx" + maxHeap, "-cp", classpath(application),
						application.getName(), "--spring.config.location=classpath:/application.yml"));
		command.addAll(arguments);
		return command;
	}

	private static String classpath(Class<?> application) {
		try {
			Path classes = Path.of(application.getProtectionDomain().getCodeSource().getLocation().toURI());
			return classes + File.pathSeparator + System.getProperty("java.class.path");
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException("Cannot locate the classes of " + application.getName(), ex);
		}
	}

}
