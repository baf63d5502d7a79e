package io.beacon.archiver.config;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the archiver consumes and flushes.
 *
 * @param topic the topic archived (its dead-letter topic is derived from it)
 * @param partitions partitions of the topic when the archiver has to create it
 * @param batchSize events that trigger a flush, and the most rows one database
 * transaction writes
 * @param flushInterval the longest an event waits in the buffer before a flush
 * @param pollTimeout the longest one poll of the consumer blocks
 * @param retryBackoffInitial the wait before the first retry of a failed flush (it
 * doubles at each failure)
 * @param retryBackoffMax the longest wait between retries
 * @param deadLetterTimeout how long the archiver waits for the broker to acknowledge a
 * dead letter before it treats the flush as failed
 * @param cors who may call the read API from a browser
 */
@Validated
@ConfigurationProperties("beacon.archiver")
public record ArchiverProperties(@NotBlank String topic, @Min(1) int partitions, @Min(1) @Max(5000) int batchSize,
		@NotNull Duration flushInterval, @NotNull Duration pollTimeout, @NotNull Duration retryBackoffInitial,
		@NotNull Duration retryBackoffMax, @NotNull Duration deadLetterTimeout, @Valid @NotNull Cors cors) {

	/**
	 * Cross-origin access to the read API.
	 *
	 * @param allowedOrigins origins allowed to read (the dashboard's, by default)
	 */
	public record Cors(@NotNull List<String> allowedOrigins) {

	}

}
