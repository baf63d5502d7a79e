package io.beacon.gateway.web;

import java.io.ByteArrayOutputStream;
import java.util.List;

import io.beacon.gateway.web.IngestResponses.ItemReceipt;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Batch answers written with the streaming generator: a batch answer holds up to 1,000
 * receipts, and binding each through the record serializer cost a tenth of the gateway's
 * time in the batch benchmark.
 */
final class BatchAnswers {

	/** A receipt's typical JSON length, to size the buffer once. */
	private static final int RECEIPT_BYTES = 110;

	private BatchAnswers() {
	}

	/**
	 * {@code 202}: {@code {"status":"accepted","count":N,"receipts":[…]}}.
	 * @param mapper the mapper whose generator to use
	 * @param receipts one per event, in order
	 * @return the body
	 */
	static byte[] accepted(JsonMapper mapper, List<ItemReceipt> receipts) {
		ByteArrayOutputStream out = buffer(receipts);
		try (JsonGenerator json = mapper.createGenerator(out)) {
			json.writeStartObject();
			json.writeStringProperty("status", IngestResponses.ACCEPTED);
			json.writeNumberProperty("count", receipts.size());
			writeReceipts(json, receipts);
			json.writeEndObject();
		}
		return out.toByteArray();
	}

	/**
	 * {@code 503}: {@code {"error":…,"message":…,"failed":[indexes],"receipts":[…]}}.
	 * @param mapper the mapper whose generator to use
	 * @param message words for a person
	 * @param failed the indexes not acknowledged
	 * @param receipts one per event, in order
	 * @return the body
	 */
	static byte[] notAcknowledged(JsonMapper mapper, String message, List<Integer> failed, List<ItemReceipt> receipts) {
		ByteArrayOutputStream out = buffer(receipts);
		try (JsonGenerator json = mapper.createGenerator(out)) {
			json.writeStartObject();
			json.writeStringProperty("error", "broker_unavailable");
			json.writeStringProperty("message", message);
			json.writeName("failed");
			json.writeStartArray();
			for (int index : failed) {
				json.writeNumber(index);
			}
			json.writeEndArray();
			writeReceipts(json, receipts);
			json.writeEndObject();
		}
		return out.toByteArray();
	}

	private static void writeReceipts(JsonGenerator json, List<ItemReceipt> receipts) {
		json.writeName("receipts");
		json.writeStartArray();
		for (ItemReceipt receipt : receipts) {
			json.writeStartObject();
			json.writeNumberProperty("index", receipt.index());
			json.writeStringProperty("event_id", receipt.eventId());
			json.writeStringProperty("status", receipt.status());
			if (receipt.partition() != null) {
				json.writeNumberProperty("partition", receipt.partition());
				json.writeNumberProperty("offset", receipt.offset());
			}
			json.writeEndObject();
		}
		json.writeEndArray();
	}

	private static ByteArrayOutputStream buffer(List<ItemReceipt> receipts) {
		return new ByteArrayOutputStream(64 + receipts.size() * RECEIPT_BYTES);
	}

}
