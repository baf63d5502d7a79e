package io.beacon.gateway.kafka;

import java.util.List;

/**
 * What became of each record of a batch, in the batch's order.
 *
 * @param receipts one receipt per record, {@code null} where the record was not
 * acknowledged
 * @param failure why the unacknowledged ones failed, {@code null} when all were
 * acknowledged
 */
public record BatchOutcome(List<Receipt> receipts, PublishFailure failure) {

	public boolean allAcknowledged() {
		return this.failure == null;
	}

}
