package io.beacon.gateway.kafka;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.support.ProducerListener;
import org.springframework.stereotype.Component;

/**
 * Replaces spring-kafka's default listener, which logs every failed send with its stack
 * trace: while the broker is down that is thousands of lines a second. Failures are
 * counted by the meters; this logs one summary line per interval.
 */
@Component
class SendFailureLog implements ProducerListener<Object, Object> {

	private static final Logger logger = LoggerFactory.getLogger(SendFailureLog.class);

	private static final long INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();

	private final AtomicLong failuresSinceLastLine = new AtomicLong();

	private final AtomicLong lastLineNanos = new AtomicLong(System.nanoTime() - INTERVAL_NANOS);

	@Override
	public void onError(ProducerRecord<Object, Object> record, RecordMetadata metadata, Exception exception) {
		long failures = this.failuresSinceLastLine.incrementAndGet();
		long now = System.nanoTime();
		long last = this.lastLineNanos.get();
		if (now - last >= INTERVAL_NANOS && this.lastLineNanos.compareAndSet(last, now)) {
			this.failuresSinceLastLine.addAndGet(-failures);
			logger.warn("{} record(s) not acknowledged by the broker in the last {} s; latest: {}", failures,
					Duration.ofNanos(now - last).toSeconds(), exception.getMessage());
		}
	}

}
