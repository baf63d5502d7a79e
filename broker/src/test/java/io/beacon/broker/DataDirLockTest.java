package io.beacon.broker;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class DataDirLockTest {

	@TempDir
	Path dataDir;

	@Test
	void keepsASecondBrokerOutOfADataDirectoryInUse() throws Exception {
		DataDirLock lock = DataDirLock.acquire(this.dataDir);
		try {
			assertThatIllegalStateException().isThrownBy(() -> DataDirLock.acquire(this.dataDir))
				.withMessageContaining(this.dataDir.toString())
				.withMessageContaining("in use by another broker");
		}
		finally {
			lock.close();
		}
	}

	@Test
	void canBeTakenAgainOnceReleased() throws Exception {
		DataDirLock.acquire(this.dataDir).close();

		DataDirLock.acquire(this.dataDir).close();
	}

}
