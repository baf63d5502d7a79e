package io.beacon.simulator.badinput;

import java.nio.charset.StandardCharsets;

/**
 * One malformed request and the answer the contract gives it.
 *
 * @param name what is wrong, for the table
 * @param path where it goes
 * @param get whether it is a {@code GET} (else a {@code POST})
 * @param contentType its {@code Content-Type}, or {@code null}
 * @param body its body
 * @param status the expected status
 * @param error the expected {@code error} code
 * @param field the field the error must name in {@code details}, or {@code null}
 * @param index the batch index the error must name, or {@code null}
 */
record BadCase(String name, String path, boolean get, String contentType, byte[] body, int status, String error,
		String field, Integer index) {

	static BadCase post(String name, String path, String contentType, String body, int status, String error,
			String field) {
		return new BadCase(name, path, false, contentType, body.getBytes(StandardCharsets.UTF_8), status, error, field,
				null);
	}

	BadCase atIndex(int itemIndex) {
		return new BadCase(this.name, this.path, this.get, this.contentType, this.body, this.status, this.error,
				this.field, itemIndex);
	}

	/**
	 * The expected answer, for the table.
	 * @return e.g. {@code 400 invalid_event agent_id}
	 */
	String expected() {
		return this.status + " " + this.error + ((this.field != null) ? " " + this.field : "")
				+ ((this.index != null) ? " [" + this.index + "]" : "");
	}

}
