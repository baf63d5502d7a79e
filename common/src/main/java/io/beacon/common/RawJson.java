package io.beacon.common;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A JSON value kept as the UTF-8 text it arrived as, so that it passes from request to
 * record to consumer without being rebuilt and re-serialized on the way. Instances are
 * only made from text a JSON parser has accepted.
 */
public final class RawJson {

	private final byte[] utf8;

	RawJson(byte[] utf8) {
		this.utf8 = utf8;
	}

	/**
	 * The JSON text's length in bytes.
	 * @return the length
	 */
	public int length() {
		return this.utf8.length;
	}

	/**
	 * A copy of the JSON text.
	 * @return UTF-8 bytes
	 */
	public byte[] toByteArray() {
		return this.utf8.clone();
	}

	/**
	 * Append the JSON text to a buffer.
	 * @param out the buffer
	 */
	public void writeTo(ByteArrayOutputStream out) {
		out.write(this.utf8, 0, this.utf8.length);
	}

	/**
	 * The JSON text.
	 * @return the text
	 */
	@Override
	public String toString() {
		return new String(this.utf8, StandardCharsets.UTF_8);
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof RawJson raw) && Arrays.equals(this.utf8, raw.utf8);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.utf8);
	}

}
