package io.beacon.bench.trivial;

import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.beacon.common.EventIds;
import io.beacon.common.Topics;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

@Configuration(proxyBeanMethods = false)
class TrivialRoutes {

	/** The gateway's default request size limit. */
	private static final int MAX_BODY_BYTES = 1024 * 1024;

	private final AtomicLong offsets = new AtomicLong();

	@Bean
	RouterFunction<ServerResponse> trivialIngestRoutes() {
		return RouterFunctions.route().POST("/ingest/state", this::accept).build();
	}

	/** Reads the whole body into an array, as the gateway does, then answers at once. */
	private Mono<ServerResponse> accept(ServerRequest request) {
		return DataBufferUtils.join(request.bodyToFlux(DataBuffer.class), MAX_BODY_BYTES)
			.map(TrivialRoutes::drain)
			.defaultIfEmpty(new byte[0])
			.flatMap((body) -> {
				long offset = this.offsets.getAndIncrement();
				return ServerResponse.accepted()
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(new Receipt("accepted", EventIds.next(), (int) (offset % Topics.DEFAULT_PARTITIONS),
							offset));
			});
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

	/**
	 * The same shape as the gateway's 202 body.
	 *
	 * @param status always {@code accepted}
	 * @param eventId a fresh id
	 * @param partition a made-up partition
	 * @param offset a made-up offset
	 */
	record Receipt(@JsonProperty("status") String status, @JsonProperty("event_id") String eventId,
			@JsonProperty("partition") int partition, @JsonProperty("offset") long offset) {

	}

}
