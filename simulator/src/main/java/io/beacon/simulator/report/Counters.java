package io.beacon.simulator.report;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * What happened to the run's events and requests, counted from any thread.
 */
public final class Counters {

	private static final int REJECTION_SAMPLES = 3;

	private final LongAdder sent = new LongAdder();

	private final LongAdder accepted = new LongAdder();

	private final LongAdder rejected = new LongAdder();

	private final LongAdder failed = new LongAdder();

	private final LongAdder retried = new LongAdder();

	private final LongAdder requests = new LongAdder();

	private final LongAdder unavailable = new LongAdder();

	private final LongAdder serverErrors = new LongAdder();

	private final LongAdder timeouts = new LongAdder();

	private final LongAdder connectionErrors = new LongAdder();

	private final LongAdder unexpectedAnswers = new LongAdder();

	private final LongAdder behindNoAgent = new LongAdder();

	private final LongAdder behindConnections = new LongAdder();

	private final List<String> rejections = new CopyOnWriteArrayList<>();

	/** Events sent for the first time. */
	public void sent(int events) {
		this.sent.add(events);
	}

	/** Events answered 202. */
	public void accepted(int events) {
		this.accepted.add(events);
	}

	/**
	 * Events answered with a 4xx.
	 * @param events how many
	 * @param sample the answer, kept for the report while there are few
	 */
	public void rejected(int events, String sample) {
		this.rejected.add(events);
		if (this.rejections.size() < REJECTION_SAMPLES) {
			this.rejections.add(sample);
		}
	}

	/** Events given up without an answer that tells what became of them. */
	public void failed(int events) {
		this.failed.add(events);
	}

	/** Events sent again. */
	public void retried(int events) {
		this.retried.add(events);
	}

	/** An HTTP request went out. */
	public void request() {
		this.requests.increment();
	}

	/** A 503 answer. */
	public void unavailable() {
		this.unavailable.increment();
	}

	/** A 5xx answer other than 503. */
	public void serverError() {
		this.serverErrors.increment();
	}

	/** No answer in time. */
	public void timeout() {
		this.timeouts.increment();
	}

	/** Connection refused, reset or closed before the answer. */
	public void connectionError() {
		this.connectionErrors.increment();
	}

	/** An answer the contract does not have (a 2xx other than 202, a 3xx, …). */
	public void unexpectedAnswer() {
		this.unexpectedAnswers.increment();
	}

	/** Sends the pacer had due but no agent ready for (all waiting for answers). */
	public void behindNoAgent(long sends) {
		this.behindNoAgent.add(sends);
	}

	/** Sends the pacer had due while every connection was busy. */
	public void behindConnections(long sends) {
		this.behindConnections.add(sends);
	}

	/**
	 * The counts now.
	 * @return a snapshot
	 */
	public Totals snapshot() {
		return new Totals(this.sent.sum(), this.accepted.sum(), this.rejected.sum(), this.failed.sum(),
				this.retried.sum(), this.requests.sum(), this.unavailable.sum(), this.serverErrors.sum(),
				this.timeouts.sum(), this.connectionErrors.sum(), this.unexpectedAnswers.sum(),
				this.behindNoAgent.sum(), this.behindConnections.sum(), List.copyOf(this.rejections));
	}

	/**
	 * The counts at one moment.
	 *
	 * @param sent events sent (first attempts)
	 * @param accepted events answered 202
	 * @param rejected events answered 4xx, not sent again
	 * @param failed events given up: unanswered when the run ended, or answered
	 * unexpectedly
	 * @param retried events sent again after a 503, a 5xx, a timeout or a broken
	 * connection
	 * @param requests HTTP requests, retries included
	 * @param unavailable 503 answers
	 * @param serverErrors other 5xx answers
	 * @param timeouts requests without an answer in time
	 * @param connectionErrors requests whose connection was refused or broke
	 * @param unexpectedAnswers answers outside the contract
	 * @param behindNoAgent sends due with no agent ready
	 * @param behindConnections sends due with every connection busy
	 * @param rejections the first few 4xx answers, for the report
	 */
	public record Totals(long sent, long accepted, long rejected, long failed, long retried, long requests,
			long unavailable, long serverErrors, long timeouts, long connectionErrors, long unexpectedAnswers,
			long behindNoAgent, long behindConnections, List<String> rejections) {

		/** Sends the pacer could not make. */
		public long behind() {
			return this.behindNoAgent + this.behindConnections;
		}

	}

}
