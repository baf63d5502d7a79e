package io.beacon.gateway.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

@Configuration(proxyBeanMethods = false)
class IngestRoutes {

	static final String STATE_PATH = "/ingest/state";

	static final String BATCH_PATH = "/ingest/batch";

	@Bean
	RouterFunction<ServerResponse> ingestRouter(IngestHandler handler) {
		return RouterFunctions.route()
			.POST(STATE_PATH, handler::ingestState)
			.POST(BATCH_PATH, handler::ingestBatch)
			.route(RequestPredicates.path(STATE_PATH).or(RequestPredicates.path(BATCH_PATH)), handler::methodNotAllowed)
			.build();
	}

}
