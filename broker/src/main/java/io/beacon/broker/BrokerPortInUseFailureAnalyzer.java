package io.beacon.broker;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a taken port into a short "APPLICATION FAILED TO START" report instead of a stack
 * trace.
 */
class BrokerPortInUseFailureAnalyzer extends AbstractFailureAnalyzer<BrokerPortInUseException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BrokerPortInUseException cause) {
		return new FailureAnalysis(
				"The broker could not listen on " + cause.host() + ":" + cause.port() + " (" + cause.property() + "): "
						+ cause.getCause().getMessage() + ".",
				"Stop the process using port " + cause.port() + " (perhaps a broker that is already running: "
						+ "check with 'ss -ltnp | grep :" + cause.port() + "'), or choose another port with --"
						+ cause.property() + "=<port>.",
				cause);
	}

}
