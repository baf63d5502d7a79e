package io.beacon.simulator.send;

import java.nio.charset.StandardCharsets;

/**
 * An HTTP answer, read whole.
 *
 * @param status the status code
 * @param contentType the {@code Content-Type} header, or {@code null}
 * @param retryAfter the {@code Retry-After} header, or {@code null}
 * @param body the body, empty when there was none
 */
public record Answer(int status, String contentType, String retryAfter, byte[] body) {

	private static final int SHORT_TEXT = 200;

	/**
	 * The body as text.
	 * @return UTF-8 decoded
	 */
	public String text() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	/**
	 * The status and the start of the body, for a report line.
	 * @return e.g. {@code 400 {"error":"invalid_event",…}
	 */
	public String summary() {
		String text = text().replaceAll("\\s+", " ").strip();
		return this.status + " " + ((text.length() > SHORT_TEXT) ? text.substring(0, SHORT_TEXT) + "…" : text);
	}

}
