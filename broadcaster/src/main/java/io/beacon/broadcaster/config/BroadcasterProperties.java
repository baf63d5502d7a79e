package io.beacon.broadcaster.config;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How the broadcaster reads the topic and feeds its clients.
 *
 * @param topic the topic broadcast
 * @param partitions partitions of the topic when the broadcaster has to create it
 * @param pollTimeout the longest one poll of the consumer blocks
 * @param assignmentRefresh how often the consumer looks for partitions added to the topic
 * @param frameInterval the longest an event waits before it leaves in an {@code events}
 * frame
 * @param statsInterval how often every client gets a {@code stats} frame
 * @param maxAgents agents whose latest state is kept; beyond it the least recently
 * updated agent is forgotten
 * @param clients limits per client
 * @param cors which browser origins may connect
 */
@Validated
@ConfigurationProperties("beacon.broadcaster")
public record BroadcasterProperties(@NotBlank String topic, @Min(1) int partitions, @NotNull Duration pollTimeout,
		@NotNull Duration assignmentRefresh, @NotNull Duration frameInterval, @NotNull Duration statsInterval,
		@Min(1) int maxAgents, @Valid @NotNull Clients clients, @Valid @NotNull Cors cors) {

	/**
	 * What one client may cost.
	 *
	 * @param max connected clients (WebSocket and SSE together); more are turned away
	 * @param maxQueuedEvents events queued for one client before its queue is conflated
	 * to the latest state per agent
	 * @param maxQueuedBytes the same bound in bytes of event JSON
	 * @param maxEventsPerFrame events in one frame
	 * @param maxFrameSize bytes of events in one frame (a frame holds at least one event)
	 * @param snapshotChunk agents per {@code snapshot} frame
	 * @param stuckTimeout how long a client may leave a frame unread before it is closed
	 * @param writeTimeout how long a write to any connection may stay unfinished before
	 * the connection is cut; the last resort behind {@code stuck-timeout}
	 */
	public record Clients(@Min(1) int max, @Min(1) int maxQueuedEvents, @NotNull DataSize maxQueuedBytes,
			@Min(1) int maxEventsPerFrame, @NotNull DataSize maxFrameSize, @Min(1) int snapshotChunk,
			@NotNull Duration stuckTimeout, @NotNull Duration writeTimeout) {

	}

	/**
	 * Cross-origin access for browsers.
	 *
	 * @param allowedOrigins origins allowed to open {@code /ws} and {@code /stream} (the
	 * dashboard's, by default); clients that send no {@code Origin} are not browsers and
	 * always allowed
	 */
	public record Cors(@NotNull List<String> allowedOrigins) {

	}

}
