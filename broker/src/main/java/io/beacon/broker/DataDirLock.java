package io.beacon.broker;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps a second broker away from a data directory in use. Kafka locks its log
 * directories only after the controller has already opened the metadata log in the same
 * directory, so a second process would get far enough to write to it.
 */
final class DataDirLock implements AutoCloseable {

	static final String LOCK_FILE = ".beacon-broker.lock";

	private final FileChannel channel;

	private final FileLock lock;

	private DataDirLock(FileChannel channel, FileLock lock) {
		this.channel = channel;
		this.lock = lock;
	}

	static DataDirLock acquire(Path dataDir) throws IOException {
		Files.createDirectories(dataDir);
		Path file = dataDir.resolve(LOCK_FILE);
		FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
		FileLock lock;
		try {
			lock = channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			// held by this very JVM: a second broker context in the same process
			lock = null;
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
		if (lock == null) {
			channel.close();
			throw new IllegalStateException("Data directory " + dataDir
					+ " is in use by another broker process; stop it or choose another --beacon.broker.data-dir");
		}
		return new DataDirLock(channel, lock);
	}

	@Override
	public void close() throws IOException {
		try {
			this.lock.release();
		}
		finally {
			this.channel.close();
		}
	}

}
