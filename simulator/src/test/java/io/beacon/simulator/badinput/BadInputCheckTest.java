package io.beacon.simulator.badinput;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.beacon.common.EventCodec;
import io.beacon.common.ValidationResult;
import io.beacon.simulator.send.Answer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BadInputCheckTest {

	private static final BadCase BAD_ITEM = BadCase
		.post("batch, item 1 bad", BadCases.BATCH, BadCases.JSON, "[]", 400, "invalid_event", "status")
		.atIndex(1);

	@Test
	void acceptsTheAnswerTheContractGives() {
		BadInputCheck.Outcome outcome = BadInputCheck.judge(BAD_ITEM, answer(400, "application/json",
				"{\"error\":\"invalid_event\",\"details\":[{\"index\":1,\"field\":\"status\",\"message\":\"is required\"}]}"));
		assertThat(outcome.ok()).as(outcome.problem()).isTrue();
		assertThat(outcome.answered()).isEqualTo("400 invalid_event status [1]");
	}

	@Test
	void saysWhatDiffers() {
		assertThat(
				BadInputCheck.judge(BAD_ITEM, answer(202, "application/json", "{\"status\":\"accepted\"}")).problem())
			.isEqualTo("status 202");
		assertThat(BadInputCheck.judge(BAD_ITEM, answer(400, "text/html", "<h1>Bad</h1>")).problem())
			.isEqualTo("Content-Type text/html");
		assertThat(BadInputCheck.judge(BAD_ITEM, answer(400, "application/json", "oops")).problem())
			.isEqualTo("body is not a JSON object");
		assertThat(
				BadInputCheck.judge(BAD_ITEM, answer(400, "application/json", "{\"error\":\"bad_request\"}")).problem())
			.isEqualTo("error bad_request");
		assertThat(BadInputCheck
			.judge(BAD_ITEM, answer(400, "application/json",
					"{\"error\":\"invalid_event\",\"details\":[{\"index\":0,\"field\":\"status\",\"message\":\"x\"}]}"))
			.problem()).isEqualTo("details do not name status at index 1");
		assertThat(BadInputCheck.judge(BAD_ITEM, answer(400, "application/json",
				"{\"error\":\"invalid_event\",\"details\":[{\"index\":1,\"field\":\"status\",\"message\":"
						+ "\"java.lang.IllegalStateException\\n\\tat io.beacon.gateway.web.IngestHandler.ingest(IngestHandler.java:1)\"}]}"))
			.problem()).isEqualTo("body has a stack trace");
	}

	@Test
	void everyCaseIsWhatItSaysItIs() {
		List<BadCase> cases = BadCases.all("sim-abc123-bad-input");
		assertThat(cases).extracting(BadCase::name)
			.contains("not JSON", "missing agent_id", "agent_id of 129 characters", "metadata over 16 KiB",
					"Content-Type text/plain", "body over 1 MiB", "batch, item 1 of 3 bad", "empty batch",
					"batch of 1,001 events");
		EventCodec codec = new EventCodec();
		for (BadCase badCase : cases) {
			if (badCase.status() == 400 && badCase.path().equals(BadCases.STATE)) {
				assertThat(codec.readEvent(badCase.body())).as(badCase.name())
					.isInstanceOf(ValidationResult.Invalid.class);
			}
			if (badCase.status() == 400 && badCase.path().equals(BadCases.BATCH)) {
				assertThat(codec.readBatch(badCase.body(), false)).as(badCase.name())
					.isInstanceOf(ValidationResult.Invalid.class);
			}
			if (badCase.status() == 415) {
				assertThat(codec.readEvent(badCase.body())).as("otherwise valid: " + badCase.name())
					.isInstanceOf(ValidationResult.Valid.class);
			}
			if (badCase.status() == 413) {
				assertThat(badCase.body().length).isGreaterThan(BadCases.MAX_REQUEST_BYTES);
			}
		}
	}

	private static Answer answer(int status, String contentType, String body) {
		return new Answer(status, contentType, null, body.getBytes(StandardCharsets.UTF_8));
	}

}
