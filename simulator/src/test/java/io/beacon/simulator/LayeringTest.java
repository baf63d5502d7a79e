package io.beacon.simulator;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class LayeringTest {

	private final JavaClasses simulator = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.beacon.simulator");

	@Test
	void talksToTheServicesOnlyOverHttp() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.beacon.gateway..", "io.beacon.broker..", "io.beacon.archiver..",
					"io.beacon.broadcaster..", "io.beacon.loadbalancer..", "io.beacon.watchtower..",
					"io.beacon.bench..", "org.springframework..", "org.apache.kafka..")
			.check(this.simulator);
	}

	@Test
	void onlyTheTransportKnowsTheHttpClient() {
		noClasses().that()
			.resideInAnyPackage("io.beacon.simulator.agent..", "io.beacon.simulator.pace..",
					"io.beacon.simulator.report..", "io.beacon.simulator.verify..", "io.beacon.simulator.badinput..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("reactor.netty..", "io.netty..")
			.check(this.simulator);
	}

}
