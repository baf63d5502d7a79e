package io.beacon.broadcaster.stream;

import java.time.Duration;

/**
 * What one client's outbox may hold and send.
 *
 * @param maxQueuedEvents events queued before the queue is conflated
 * @param maxQueuedBytes bytes of event JSON queued before the queue is conflated
 * @param maxEventsPerFrame events in one frame
 * @param maxFrameBytes bytes of events in one frame (at least one event goes)
 * @param snapshotChunk agents per snapshot frame
 * @param stuckTimeout how long a frame may stay unsent before the client is closed
 * @param maxConflatedAgents agents a conflated queue may hold before the client is closed
 */
public record ClientLimits(int maxQueuedEvents, long maxQueuedBytes, int maxEventsPerFrame, long maxFrameBytes,
		int snapshotChunk, Duration stuckTimeout, int maxConflatedAgents) {

}
