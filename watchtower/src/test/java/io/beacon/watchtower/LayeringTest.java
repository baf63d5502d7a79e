package io.beacon.watchtower;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class LayeringTest {

	private final JavaClasses watchtower = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.beacon.watchtower");

	@Test
	void webNeverReachesIntoKafka() {
		noClasses().that()
			.resideInAPackage("io.beacon.watchtower.web..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
			.check(this.watchtower);
	}

	@Test
	void importsNoOtherService() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.beacon.broker..", "io.beacon.archiver..", "io.beacon.gateway..",
					"io.beacon.broadcaster..", "io.beacon.loadbalancer..", "io.beacon.simulator..", "io.beacon.bench..",
					"io.beacon.common..")
			.check(this.watchtower);
	}

}
