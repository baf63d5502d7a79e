package io.beacon.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class LayeringTest {

	private final JavaClasses gateway = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.beacon.gateway");

	@Test
	void webNeverReachesIntoKafka() {
		noClasses().that()
			.resideInAPackage("io.beacon.gateway.web..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
			.check(this.gateway);
	}

	@Test
	void importsNoOtherService() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.beacon.broker..", "io.beacon.archiver..", "io.beacon.broadcaster..",
					"io.beacon.loadbalancer..", "io.beacon.watchtower..", "io.beacon.simulator..", "io.beacon.bench..")
			.check(this.gateway);
	}

}
