package io.beacon.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.beacon.bench.Arguments;

/**
 * What a report command is given — {@code --results=<file of BENCH lines>}
 * {@code --out=<path without extension>}, every other argument being the report's
 * metadata, in order — and where it writes {@code <out>.md} and {@code <out>.json}.
 *
 * @param lines the result lines of the file
 * @param out where the report goes, without extension
 * @param meta the other arguments
 */
record ReportInput(List<ResultLine> lines, Path out, Map<String, String> meta) {

	static ReportInput read(String[] args) throws IOException {
		Arguments arguments = new Arguments(args);
		List<ResultLine> lines = Files.readAllLines(Path.of(arguments.require("results")), StandardCharsets.UTF_8)
			.stream()
			.map(ResultLine::parse)
			.flatMap(Optional::stream)
			.toList();
		return new ReportInput(lines, Path.of(arguments.require("out")), arguments.others("results", "out"));
	}

	void write(String markdown, String json) throws IOException {
		Path parent = this.out.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		Files.writeString(Path.of(this.out + ".md"), markdown, StandardCharsets.UTF_8);
		Files.writeString(Path.of(this.out + ".json"), json, StandardCharsets.UTF_8);
	}

}
