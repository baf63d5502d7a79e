package io.beacon.simulator.send;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.beacon.simulator.agent.Agent;
import io.beacon.simulator.agent.Swarm;
import io.beacon.simulator.report.Counters;
import io.beacon.simulator.report.Latencies;
import io.netty.handler.timeout.ReadTimeoutException;

/**
 * Sends agents' events and acts on the answers: {@code 202} frees the agent for its next
 * event; {@code 503}, other {@code 5xx}, timeouts and broken connections send the same
 * bytes again (same {@code event_id}, same {@code seq}: the archive keeps one) after a
 * backoff, and of a batch only the indexes the {@code 503} lists; a {@code 4xx} is a
 * rejection, counted and not sent again.
 */
public final class Sender {

	private static final String JSON = "application/json";

	private final Transport.Endpoint endpoint;

	private final boolean batch;

	private final Swarm swarm;

	private final Counters counters;

	private final Latencies latencies;

	private final ScheduledExecutorService timer;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger waiting = new AtomicInteger();

	private final Set<Retry> retries = ConcurrentHashMap.newKeySet();

	private volatile boolean abandoned;

	/**
	 * A sender.
	 * @param transport the connections
	 * @param batch whether events go to {@code /ingest/batch}
	 * @param swarm the agents, told what became of their events
	 * @param counters what happened, counted
	 * @param latencies each request's latency
	 * @param timer where retries wait
	 */
	public Sender(Transport transport, boolean batch, Swarm swarm, Counters counters, Latencies latencies,
			ScheduledExecutorService timer) {
		this.endpoint = transport.endpoint(batch ? "/ingest/batch" : "/ingest/state", JSON);
		this.batch = batch;
		this.swarm = swarm;
		this.counters = counters;
		this.latencies = latencies;
		this.timer = timer;
	}

	/**
	 * Send agents' events: one to {@code /ingest/state}, or up to the batch limit in one
	 * {@code /ingest/batch} request.
	 * @param agents the agents, their events made
	 */
	public void send(Agent[] agents) {
		this.counters.sent(agents.length);
		this.inFlight.incrementAndGet();
		attempt(agents, 0);
	}

	/**
	 * HTTP requests waiting for their answer.
	 * @return the count
	 */
	public int inFlight() {
		return this.inFlight.get();
	}

	/**
	 * Requests not finished yet: in flight, or waiting to be sent again.
	 * @return the count
	 */
	public int outstanding() {
		// read in this order: a retry counts itself in flight before it stops waiting
		int waitingNow = this.waiting.get();
		return waitingNow + this.inFlight.get();
	}

	/**
	 * Stop sending again: events waiting for a retry, and any whose answer asks for one
	 * from now on, are given up (counted failed).
	 */
	public void abandon() {
		this.abandoned = true;
		for (Retry retry : this.retries) {
			if (this.retries.remove(retry)) {
				retry.cancel();
				this.waiting.decrementAndGet();
				giveUp(retry.agents);
			}
		}
	}

	private void attempt(Agent[] agents, int retry) {
		this.counters.request();
		long start = System.nanoTime();
		byte[] body = this.batch ? batchBody(agents) : agents[0].body();
		this.endpoint.post(body)
			.subscribe((answer) -> answered(agents, retry, answer, start),
					(error) -> failed(agents, retry, error, start));
	}

	private void answered(Agent[] agents, int retry, Answer answer, long start) {
		this.latencies.record(System.nanoTime() - start);
		try {
			int status = answer.status();
			if (status == 202) {
				accept(agents);
			}
			else if (status == 503) {
				this.counters.unavailable();
				unavailable(agents, retry, answer);
			}
			else if (status >= 500) {
				this.counters.serverError();
				retryLater(agents, retry + 1, answer.retryAfter());
			}
			else if (status >= 400) {
				this.counters.rejected(agents.length, answer.summary());
				for (Agent agent : agents) {
					this.swarm.rejected(agent);
				}
			}
			else {
				this.counters.unexpectedAnswer();
				giveUp(agents);
			}
		}
		finally {
			this.inFlight.decrementAndGet();
		}
	}

	private void unavailable(Agent[] agents, int retry, Answer answer) {
		int[] failed = this.batch ? BatchAnswers.failedIndexes(answer.body(), agents.length) : null;
		if (failed == null) {
			retryLater(agents, retry + 1, answer.retryAfter());
			return;
		}
		Agent[] again = new Agent[failed.length];
		Agent[] acknowledged = new Agent[agents.length - failed.length];
		int next = 0;
		int acknowledgedCount = 0;
		for (int i = 0; i < agents.length; i++) {
			if (next < failed.length && failed[next] == i) {
				again[next++] = agents[i];
			}
			else {
				acknowledged[acknowledgedCount++] = agents[i];
			}
		}
		accept(acknowledged);
		retryLater(again, retry + 1, answer.retryAfter());
	}

	private void failed(Agent[] agents, int retry, Throwable error, long start) {
		this.latencies.record(System.nanoTime() - start);
		try {
			if (isTimeout(error)) {
				this.counters.timeout();
			}
			else {
				this.counters.connectionError();
			}
			retryLater(agents, retry + 1, null);
		}
		finally {
			this.inFlight.decrementAndGet();
		}
	}

	private void accept(Agent[] agents) {
		this.counters.accepted(agents.length);
		for (Agent agent : agents) {
			this.swarm.accepted(agent);
		}
	}

	private void retryLater(Agent[] agents, int retry, String retryAfter) {
		if (this.abandoned) {
			giveUp(agents);
			return;
		}
		long delay = Backoff.delayNanos(retry, retryAfter, ThreadLocalRandom.current().nextDouble());
		Retry task = new Retry(agents, retry);
		this.waiting.incrementAndGet();
		this.retries.add(task);
		try {
			task.schedule(delay);
		}
		catch (RejectedExecutionException ex) {
			// the run is over and the timer stopped
			if (this.retries.remove(task)) {
				this.waiting.decrementAndGet();
				giveUp(agents);
			}
		}
	}

	private void giveUp(Agent[] agents) {
		this.counters.failed(agents.length);
		for (Agent agent : agents) {
			this.swarm.unconfirmed(agent);
		}
	}

	static byte[] batchBody(Agent[] agents) {
		int length = 1 + agents.length;
		for (Agent agent : agents) {
			length += agent.body().length;
		}
		byte[] body = new byte[length];
		body[0] = '[';
		int position = 1;
		for (int i = 0; i < agents.length; i++) {
			if (i > 0) {
				body[position++] = ',';
			}
			byte[] event = agents[i].body();
			System.arraycopy(event, 0, body, position, event.length);
			position += event.length;
		}
		body[position] = ']';
		return body;
	}

	private static boolean isTimeout(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof ReadTimeoutException || cause instanceof TimeoutException) {
				return true;
			}
		}
		return false;
	}

	/** Events waiting to be sent again. */
	private final class Retry implements Runnable {

		private final Agent[] agents;

		private final int retry;

		private volatile ScheduledFuture<?> future;

		Retry(Agent[] agents, int retry) {
			this.agents = agents;
			this.retry = retry;
		}

		void schedule(long delayNanos) {
			this.future = Sender.this.timer.schedule(this, delayNanos, TimeUnit.NANOSECONDS);
		}

		void cancel() {
			ScheduledFuture<?> scheduled = this.future;
			if (scheduled != null) {
				scheduled.cancel(false);
			}
		}

		@Override
		public void run() {
			if (!Sender.this.retries.remove(this)) {
				return;
			}
			Sender.this.inFlight.incrementAndGet();
			Sender.this.waiting.decrementAndGet();
			if (Sender.this.abandoned) {
				Sender.this.inFlight.decrementAndGet();
				giveUp(this.agents);
				return;
			}
			Sender.this.counters.retried(this.agents.length);
			attempt(this.agents, this.retry);
		}

	}

}
