package io.beacon.archiver.kafka;

import java.time.Instant;
import java.util.List;

import io.beacon.archiver.store.ArchiveRecord;
import io.beacon.common.EventEnvelope;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PendingRecordsTest {

	private final PendingRecords pending = new PendingRecords("t");

	@Test
	void aSliceTakesTheOldestRecordsAndCommitsPastTheLastOfEachPartition() {
		add(0, 10, 1);
		add(1, 5, 2);
		add(0, 11, 3);
		this.pending.add(Pending.poison(1, 6, 4, null, new byte[] { 1 }, "bad"));
		add(2, 7, 5);

		PendingRecords.Slice slice = this.pending.slice(4);

		assertThat(slice.size()).isEqualTo(4);
		assertThat(slice.events()).extracting(ArchiveRecord::offset).containsExactly(10L, 5L, 11L);
		assertThat(slice.poison()).extracting((record) -> record.offset).containsExactly(6L);
		assertThat(slice.offsets()).containsOnly(
				org.assertj.core.api.Assertions.entry(new TopicPartition("t", 0), new OffsetAndMetadata(12)),
				org.assertj.core.api.Assertions.entry(new TopicPartition("t", 1), new OffsetAndMetadata(7)));
		assertThat(this.pending.size()).isEqualTo(5);
	}

	@Test
	void removingTheFlushedSliceLeavesTheRestWithItsOwnAge() {
		add(0, 1, 100);
		add(0, 2, 200);
		add(0, 3, 300);
		this.pending.removeFirst(this.pending.slice(2).size());

		assertThat(this.pending.size()).isEqualTo(1);
		assertThat(this.pending.oldestReadAt()).isEqualTo(300);
		assertThat(this.pending.slice(10).events()).extracting(ArchiveRecord::offset).containsExactly(3L);
	}

	@Test
	void revokedPartitionsAreDroppedTheOthersKept() {
		add(0, 1, 1);
		add(1, 1, 2);
		add(2, 1, 3);
		add(1, 2, 4);
		List<TopicPartition> revoked = List.of(new TopicPartition("t", 1), new TopicPartition("t", 3));

		assertThat(this.pending.holdsAny(revoked)).isTrue();
		assertThat(this.pending.drop(revoked)).isEqualTo(2);
		assertThat(this.pending.holdsAny(revoked)).isFalse();
		assertThat(this.pending.slice(10).events()).extracting(ArchiveRecord::partition).containsExactly(0, 2);
	}

	private void add(int partition, long offset, long readAt) {
		EventEnvelope envelope = new EventEnvelope("e-" + partition + "-" + offset, "agent", "running", Instant.EPOCH,
				null, null, Instant.EPOCH, "g");
		this.pending.add(Pending.event(new ArchiveRecord(envelope, partition, offset), readAt));
	}

}
