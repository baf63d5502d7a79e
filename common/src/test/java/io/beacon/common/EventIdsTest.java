package io.beacon.common;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventIdsTest {

	@Test
	void makesVersion7VariantRfcUuids() {
		UUID id = EventIds.nextUuid();
		assertThat(id.version()).isEqualTo(7);
		assertThat(id.variant()).isEqualTo(2);
	}

	@Test
	void carriesTheCurrentMillisecond() {
		long before = System.currentTimeMillis();
		long millis = EventIds.timestampMillis(EventIds.nextUuid());
		long after = System.currentTimeMillis();
		assertThat(millis).isBetween(before, after + 1);
	}

	@Test
	void idsMadeInARowSortAsTextInTheOrderMade() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 20_000; i++) {
			ids.add(EventIds.next());
		}
		assertThat(ids).isSorted().doesNotHaveDuplicates();
	}

}
