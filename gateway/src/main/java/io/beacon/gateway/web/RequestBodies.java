package io.beacon.gateway.web;

import java.util.Optional;

import io.beacon.gateway.config.GatewayProperties;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Reads request bodies whole, within the size limit, refusing more than the limit before
 * reading it when the client announced its length.
 */
@Component
class RequestBodies {

	private final int maxBytes;

	RequestBodies(GatewayProperties properties) {
		this.maxBytes = (int) Math.min(Integer.MAX_VALUE, properties.maxRequestSize().toBytes());
	}

	int maxBytes() {
		return this.maxBytes;
	}

	/**
	 * The body's bytes, or a {@link TooLargeException}.
	 * @param request the request
	 * @return the bytes
	 */
	Mono<byte[]> read(ServerRequest request) {
		long announced = request.headers().contentLength().orElse(-1);
		if (announced > this.maxBytes) {
			return Mono.error(new TooLargeException());
		}
		return DataBufferUtils.join(request.bodyToFlux(DataBuffer.class), this.maxBytes)
			.map(RequestBodies::drain)
			.defaultIfEmpty(new byte[0])
			.onErrorMap(org.springframework.core.io.buffer.DataBufferLimitException.class,
					(ex) -> new TooLargeException());
	}

	/**
	 * Whether the body is JSON in UTF-8, the only encoding JSON may use between systems
	 * (RFC 8259).
	 * @param contentType the declared type
	 * @param expected the type the endpoint takes
	 * @return whether the request may be read
	 */
	static boolean isUtf8(Optional<MediaType> contentType, MediaType expected) {
		if (contentType.isEmpty()) {
			return false;
		}
		MediaType type = contentType.get();
		boolean matches = type.getType().equalsIgnoreCase(expected.getType())
				&& (type.getSubtype().equalsIgnoreCase(expected.getSubtype())
						|| (expected.getSubtype().equals("json") && type.getSubtype().endsWith("+json")));
		return matches && (type.getCharset() == null || "UTF-8".equalsIgnoreCase(type.getCharset().name()));
	}

	private static byte[] drain(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	/** The body exceeds the limit. */
	static final class TooLargeException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		TooLargeException() {
			super("request body too large", null, false, false);
		}

	}

}
