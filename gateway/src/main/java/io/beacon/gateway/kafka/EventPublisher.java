package io.beacon.gateway.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.beacon.gateway.config.GatewayProperties;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * The one way records leave the gateway. Every send is awaited up to the ack timeout.
 * {@code KafkaProducer.send()} blocks while it has no metadata or no buffer space, so
 * sends run on a dedicated thread, never on the event loop; a single thread also hands
 * each batch to the producer in order.
 */
@Component
public class EventPublisher implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(EventPublisher.class);

	private final KafkaTemplate<String, byte[]> template;

	private final String topic;

	private final Duration ackTimeout;

	private final ThreadPoolExecutor sender;

	EventPublisher(KafkaTemplate<String, byte[]> template, GatewayProperties properties) {
		this.template = template;
		this.topic = properties.topic();
		this.ackTimeout = properties.ackTimeout();
		this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(properties.sendQueueCapacity()), new CustomizableThreadFactory("kafka-send-"));
	}

	/**
	 * Produce one record.
	 * @param record the record
	 * @return the receipt once acknowledged; a {@link PublishException} otherwise
	 */
	public Mono<Receipt> publish(OutgoingRecord record) {
		return Mono.defer(() -> {
			CompletableFuture<Receipt> receipt = new CompletableFuture<>();
			if (!submit(() -> send(record, receipt))) {
				return Mono.error(new PublishException(PublishFailure.OVERLOADED, null));
			}
			return Mono.fromFuture(receipt).timeout(this.ackTimeout).onErrorMap(EventPublisher::toPublishException);
		});
	}

	/**
	 * Produce records in order; each is acknowledged or not on its own.
	 * @param records the records
	 * @return the outcome once all are acknowledged or the ack timeout has passed
	 */
	public Mono<BatchOutcome> publishAll(List<OutgoingRecord> records) {
		return Mono.defer(() -> {
			List<CompletableFuture<Receipt>> receipts = new ArrayList<>(records.size());
			for (int i = 0; i < records.size(); i++) {
				receipts.add(new CompletableFuture<>());
			}
			if (!submit(() -> {
				for (int i = 0; i < records.size(); i++) {
					send(records.get(i), receipts.get(i));
				}
			})) {
				return Mono.just(outcome(receipts, PublishFailure.OVERLOADED));
			}
			// settles when every record is acknowledged or failed, never with an error of
			// its own
			CompletableFuture<Void> settled = CompletableFuture.allOf(receipts.toArray(CompletableFuture[]::new))
				.handle((ignored, ex) -> null);
			return Mono.fromFuture(settled, true)
				.timeout(this.ackTimeout, Mono.fromRunnable(() -> receipts.forEach((receipt) -> receipt.cancel(false))))
				.then(Mono.fromSupplier(() -> outcome(receipts, null)));
		});
	}

	private boolean submit(Runnable task) {
		try {
			this.sender.execute(task);
			return true;
		}
		catch (RejectedExecutionException ex) {
			return false;
		}
	}

	/**
	 * Hands one record to the producer unless its caller has already given up (timed out
	 * or cancelled), which keeps a backlog built up while the broker was down from being
	 * sent long after its clients were told 503.
	 */
	private void send(OutgoingRecord record, CompletableFuture<Receipt> receipt) {
		if (receipt.isDone()) {
			return;
		}
		try {
			this.template.send(new ProducerRecord<>(this.topic, record.key(), record.value()))
				.whenComplete((result, ex) -> complete(receipt, result, ex));
		}
		catch (RuntimeException ex) {
			receipt.completeExceptionally(ex);
		}
	}

	private static void complete(CompletableFuture<Receipt> receipt, SendResult<String, byte[]> result, Throwable ex) {
		if (ex != null) {
			receipt.completeExceptionally(ex);
			return;
		}
		RecordMetadata metadata = result.getRecordMetadata();
		receipt.complete(new Receipt(metadata.partition(), metadata.offset()));
	}

	/**
	 * The receipts of a settled or abandoned batch.
	 * @param futures one per record
	 * @param failure the reason for every unacknowledged record, or {@code null} to take
	 * the first failed record's own reason
	 */
	private static BatchOutcome outcome(List<CompletableFuture<Receipt>> futures, PublishFailure failure) {
		Receipt[] receipts = new Receipt[futures.size()];
		PublishFailure firstFailure = null;
		for (int i = 0; i < receipts.length; i++) {
			CompletableFuture<Receipt> future = futures.get(i);
			if (future.isDone() && !future.isCompletedExceptionally()) {
				receipts[i] = future.join();
			}
			else if (firstFailure == null) {
				firstFailure = (failure != null) ? failure : failureOf(future);
			}
		}
		return new BatchOutcome(Arrays.asList(receipts), firstFailure);
	}

	private static PublishFailure failureOf(CompletableFuture<Receipt> future) {
		if (!future.isDone() || future.isCancelled()) {
			return PublishFailure.TIMEOUT;
		}
		try {
			future.join();
			return PublishFailure.BROKER_ERROR;
		}
		catch (CompletionException ex) {
			return toPublishException(ex.getCause()).failure();
		}
	}

	/**
	 * Our own wait and the producer's timeouts (no metadata, no acknowledgement within
	 * the delivery timeout) both mean the broker did not answer in time.
	 */
	private static PublishException toPublishException(Throwable ex) {
		if (ex instanceof PublishException publishException) {
			return publishException;
		}
		Throwable cause = (ex instanceof KafkaException && ex.getCause() != null) ? ex.getCause() : ex;
		if (cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
			return new PublishException(PublishFailure.TIMEOUT, ex);
		}
		return new PublishException(PublishFailure.BROKER_ERROR, ex);
	}

	@Override
	public void destroy() throws InterruptedException {
		this.sender.shutdown();
		if (!this.sender.awaitTermination(this.ackTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
			logger.warn("Records still queued for the producer at shutdown were not sent; their clients got 503");
			this.sender.shutdownNow();
		}
	}

}
