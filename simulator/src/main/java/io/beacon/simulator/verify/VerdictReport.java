package io.beacon.simulator.verify;

import java.util.List;

import io.beacon.simulator.report.Format;

/** The audit's verdict as printed. */
public final class VerdictReport {

	private VerdictReport() {
	}

	/**
	 * The verdict's lines.
	 * @param verdict the verdict
	 * @return the text, ending with a line break
	 */
	public static String format(Verdict verdict) {
		StringBuilder out = new StringBuilder();
		out.append("verify: ")
			.append(Format.count(verdict.found()))
			.append(" of ")
			.append(Format.count(verdict.expected()))
			.append(" accepted events archived (")
			.append(Format.count(verdict.rows()))
			.append(" rows of this run read)\n");
		if (verdict.unconfirmedArchived() > 0) {
			out.append("  also archived: ")
				.append(Format.count(verdict.unconfirmedArchived()))
				.append(" events sent but never answered 202 (timed out or still out at the end): allowed\n");
		}
		if (verdict.error() != null) {
			out.append("  could not finish reading the archive: ").append(verdict.error()).append('\n');
		}
		if (verdict.clean()) {
			out.append("verify: CLEAN - every accepted event archived exactly once, each agent's events in seq order,")
				.append(" nothing unexpected\n");
			return out.toString();
		}
		out.append("verify: FAILED - lost ")
			.append(Format.count(verdict.lost()))
			.append(", duplicated ")
			.append(Format.count(verdict.duplicated()))
			.append(", out of order ")
			.append(Format.count(verdict.outOfOrder()))
			.append(", unexpected ")
			.append(Format.count(verdict.unexpected()))
			.append('\n');
		examples(out, "lost (accepted, not archived)", verdict.lost(), verdict.lostExamples());
		examples(out, "duplicated", verdict.duplicated(), verdict.duplicatedExamples());
		examples(out, "out of order", verdict.outOfOrder(), verdict.outOfOrderExamples());
		examples(out, "unexpected", verdict.unexpected(), verdict.unexpectedExamples());
		return out.toString();
	}

	private static void examples(StringBuilder out, String what, long count, List<String> examples) {
		if (count == 0) {
			return;
		}
		out.append("  ").append(what).append(": ").append(Format.count(count));
		if (count > examples.size()) {
			out.append(", the first ").append(examples.size());
		}
		out.append('\n');
		for (String example : examples) {
			out.append("    ").append(example).append('\n');
		}
	}

}
