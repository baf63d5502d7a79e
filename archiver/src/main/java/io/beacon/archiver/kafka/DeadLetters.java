package io.beacon.archiver.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.beacon.archiver.config.ArchiverProperties;
import io.beacon.common.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Sends poison records, as they were read, to the dead-letter topic with why and where
 * from in headers, and waits for the broker's acknowledgement: a poison record's offset
 * is committed only once its dead letter is safe.
 */
@Component
class DeadLetters {

	private final KafkaTemplate<byte[], byte[]> template;

	private final String topic;

	private final Duration timeout;

	DeadLetters(KafkaTemplate<byte[], byte[]> template, ArchiverProperties properties) {
		this.template = template;
		this.topic = Topics.deadLetterOf(properties.topic());
		this.timeout = properties.deadLetterTimeout();
	}

	/**
	 * Send the records not sent yet and wait for all of them.
	 * @param records poison records
	 * @return how many were sent now
	 * @throws DeadLetterException when one was not acknowledged in time
	 */
	int send(List<Pending> records) {
		List<CompletableFuture<SendResult<byte[], byte[]>>> sends = new ArrayList<>(records.size());
		List<Pending> sent = new ArrayList<>(records.size());
		for (Pending record : records) {
			if (!record.deadLettered) {
				sends.add(this.template.send(deadLetter(record)));
				sent.add(record);
			}
		}
		long deadline = System.nanoTime() + this.timeout.toNanos();
		for (int i = 0; i < sends.size(); i++) {
			try {
				sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				sent.get(i).deadLettered = true;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new DeadLetterException("interrupted while sending dead letters", ex);
			}
			catch (ExecutionException | TimeoutException ex) {
				Throwable cause = (ex instanceof ExecutionException) ? ex.getCause() : ex;
				throw new DeadLetterException("dead-letter topic " + this.topic + " did not acknowledge: " + cause,
						cause);
			}
		}
		return sends.size();
	}

	private ProducerRecord<byte[], byte[]> deadLetter(Pending record) {
		RecordHeaders headers = new RecordHeaders();
		headers.add(Topics.HEADER_DLQ_ERROR, record.error.getBytes(StandardCharsets.UTF_8));
		headers.add(Topics.HEADER_DLQ_PARTITION, Integer.toString(record.partition).getBytes(StandardCharsets.UTF_8));
		headers.add(Topics.HEADER_DLQ_OFFSET, Long.toString(record.offset).getBytes(StandardCharsets.UTF_8));
		return new ProducerRecord<>(this.topic, null, record.key, record.value, headers);
	}

	/** A dead letter that the broker did not take. */
	static class DeadLetterException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		DeadLetterException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
