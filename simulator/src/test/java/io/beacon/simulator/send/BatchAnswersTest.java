package io.beacon.simulator.send;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class BatchAnswersTest {

	@Test
	void readsTheIndexesTheGatewayDidNotGetAcknowledged() {
		// as the gateway writes it (gateway/…/web/BatchAnswers.notAcknowledged)
		String body = "{\"error\":\"broker_unavailable\",\"message\":\"2 of 4 events not acknowledged (timeout); retry\","
				+ "\"failed\":[3,1],\"receipts\":[{\"index\":0,\"event_id\":\"a\",\"status\":\"accepted\",\"partition\":1,"
				+ "\"offset\":5},{\"index\":1,\"event_id\":\"b\",\"status\":\"not_acknowledged\"},{\"index\":2,"
				+ "\"event_id\":\"c\",\"status\":\"accepted\",\"partition\":1,\"offset\":6},{\"index\":3,\"event_id\":\"d\","
				+ "\"status\":\"not_acknowledged\"}]}";
		assertThat(BatchAnswers.failedIndexes(bytes(body), 4)).containsExactly(1, 3);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "not json", "[]", "{\"error\":\"broker_unavailable\"}", "{\"failed\":[]}",
			"{\"failed\":[0,4]}", "{\"failed\":[-1]}", "{\"failed\":[\"1\"]}", "{\"failed\":3}",
			"{\"failed\":[1,1,1,1,1]}" })
	void sendsTheWholeBatchAgainWhenTheAnswerDoesNotSayWhich(String body) {
		assertThat(BatchAnswers.failedIndexes(bytes(body), 4)).isNull();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
