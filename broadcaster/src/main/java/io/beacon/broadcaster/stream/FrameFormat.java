package io.beacon.broadcaster.stream;

import java.util.List;

/** How a transport puts events, snapshots and stats into the bytes of one frame. */
public interface FrameFormat {

	/**
	 * Events, in order.
	 * @param items event JSON objects (or agent states, when conflated)
	 * @param skipped events this client did not get one by one since its last frame
	 * @param conflated whether the items are the latest state per agent rather than
	 * events
	 * @return the frame
	 */
	byte[] events(List<byte[]> items, long skipped, boolean conflated);

	/**
	 * One part of the agents' current state.
	 * @param agents agent state JSON objects
	 * @param part this part's index, from 0
	 * @param last whether this is the last part
	 * @param total agents in the whole snapshot
	 * @return the frame
	 */
	byte[] snapshot(List<byte[]> agents, int part, boolean last, int total);

	/**
	 * The once-a-second stats.
	 * @param stats the stats JSON object, {@code type} included
	 * @return the frame
	 */
	byte[] stats(byte[] stats);

}
