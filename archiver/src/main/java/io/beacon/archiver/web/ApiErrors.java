package io.beacon.archiver.web;

import java.util.List;
import java.util.Map;

import io.beacon.common.FieldError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The read API's errors as JSON, in the same shape as the gateway's: a client mistake is
 * a {@code 400} naming each bad parameter, never a stack trace.
 */
@RestControllerAdvice
class ApiErrors {

	private static final Logger logger = LoggerFactory.getLogger(ApiErrors.class);

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> invalid(InvalidParametersException ex) {
		return ResponseEntity.badRequest().body(Map.of("error", "invalid_parameter", "details", ex.errors()));
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> notFound(NotFoundException ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.body(Map.of("error", "not_found", "message", ex.getMessage()));
	}

	/**
	 * The database is down or locked: the client may retry; the archive catches up by
	 * itself.
	 */
	@ExceptionHandler
	ResponseEntity<Map<String, Object>> databaseUnavailable(DataAccessException ex) {
		logger.warn("Read API query failed: {}", ex.getMostSpecificCause().toString());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "1")
			.body(Map.of("error", "database_unavailable", "details",
					List.of(FieldError.of(FieldError.ROOT, "the archive database did not answer; retry"))));
	}

}
