package io.beacon.bench.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time from Linux's {@code /proc}, in jiffies: the whole machine's and given
 * processes'. Ratios of their differences over one interval tell how many cores were busy
 * and how many of them the given processes used. Zero where {@code /proc} is absent.
 */
public final class ProcCpu {

	private ProcCpu() {
	}

	/**
	 * Busy and total jiffies of all cores together.
	 * @return {@code [busy, total]}
	 */
	public static long[] machine() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.US_ASCII)) {
				if (line.startsWith("cpu ")) {
					String[] f = line.trim().split("\\s+");
					long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3])
							+ Long.parseLong(f[6]) + Long.parseLong(f[7]) + Long.parseLong(f[8]);
					return new long[] { busy, busy + Long.parseLong(f[4]) + Long.parseLong(f[5]) };
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux: no CPU figures
		}
		return new long[] { 0, 0 };
	}

	/**
	 * User and system jiffies of processes, summed.
	 * @param pids the processes
	 * @return their CPU time
	 */
	public static long processes(List<Long> pids) {
		long total = 0;
		for (long pid : pids) {
			try {
				String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
				// fields after the command name, which is in parentheses and may hold
				// spaces
				String[] f = stat.substring(stat.lastIndexOf(')') + 2).split("\\s+");
				total += Long.parseLong(f[11]) + Long.parseLong(f[12]);
			}
			catch (IOException | RuntimeException ex) {
				// gone or not Linux
			}
		}
		return total;
	}

}
