package io.beacon.loadbalancer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A keep-alive connection goes on being read after a request that was queued behind a
 * slower one is answered at once. Reactor Netty 1.3.6 stopped reading such a connection
 * for good (reactor-netty#4361): the next request sat unread in the socket and its client
 * waited until its own timeout. This is the request order that triggered it: a proxied
 * request (answered late) with a local one pipelined behind it (answered at once), then
 * one more request.
 */
class KeepAliveIT {

	private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

	private static final String STATUS_LINE = "HTTP/1.1 ";

	@Test
	void aConnectionIsStillReadAfterAQueuedRequestWasAnsweredAtOnce() throws IOException {
		try (EchoBackend backend = EchoBackend.start();
				RunningLoadBalancer balancer = RunningLoadBalancer.start(backend.url(),
						RunningLoadBalancer.PATIENT_HEALTH_CHECK);
				Socket socket = new Socket("127.0.0.1", balancer.port())) {
			socket.setSoTimeout((int) ANSWER_TIMEOUT.toMillis());
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			for (int round = 1; round <= 3; round++) {
				out.write((request("/ingest/state") + request("/admin/backends")).getBytes(StandardCharsets.US_ASCII));
				out.flush();
				String answers = readAnswers(in, 2);
				assertThat(answers).as("round %d", round).startsWith(STATUS_LINE + "207").contains(STATUS_LINE + "200");

				out.write(request("/admin/backends").getBytes(StandardCharsets.US_ASCII));
				out.flush();
				assertThat(readAnswers(in, 1)).as("round %d, the request after", round).startsWith(STATUS_LINE + "200");
			}
		}
	}

	private static String request(String path) {
		return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
	}

	/** Read until {@code count} answers have begun and the last one is complete. */
	private static String readAnswers(InputStream in, int count) throws IOException {
		StringBuilder answers = new StringBuilder();
		byte[] buffer = new byte[8192];
		try {
			while (!complete(answers, count)) {
				int read = in.read(buffer);
				if (read < 0) {
					fail("the load balancer closed the connection after: %s", answers);
				}
				answers.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
			}
		}
		catch (SocketTimeoutException ex) {
			fail("no complete answer within %s; read so far: %s", ANSWER_TIMEOUT, answers);
		}
		return answers.toString();
	}

	/**
	 * Whether {@code count} answers arrived, the last one whole: each answer here has a
	 * {@code content-length} or is chunked, and no body holds a status line.
	 */
	private static boolean complete(StringBuilder answers, int count) {
		int last = -1;
		for (int i = 0; i < count; i++) {
			last = answers.indexOf(STATUS_LINE, last + 1);
			if (last < 0) {
				return false;
			}
		}
		String answer = answers.substring(last);
		int headersEnd = answer.indexOf("\r\n\r\n");
		if (headersEnd < 0) {
			return false;
		}
		String headers = answer.substring(0, headersEnd).toLowerCase();
		String body = answer.substring(headersEnd + 4);
		int length = headers.indexOf("content-length:");
		if (length >= 0) {
			int end = headers.indexOf("\r\n", length);
			String value = headers.substring(length + "content-length:".length(), (end < 0) ? headers.length() : end);
			return body.length() >= Integer.parseInt(value.trim());
		}
		return body.endsWith("0\r\n\r\n");
	}

}
