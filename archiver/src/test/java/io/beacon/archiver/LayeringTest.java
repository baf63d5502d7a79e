package io.beacon.archiver;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class LayeringTest {

	private final JavaClasses archiver = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.beacon.archiver");

	@Test
	void webReadsTheStoreAndNeverReachesIntoKafka() {
		noClasses().that()
			.resideInAPackage("io.beacon.archiver.web..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..", "io.beacon.archiver.kafka..")
			.check(this.archiver);
	}

	@Test
	void theStoreKnowsNothingOfKafkaOrTheWeb() {
		noClasses().that()
			.resideInAPackage("io.beacon.archiver.store..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..", "io.beacon.archiver.web..",
					"io.beacon.archiver.kafka..")
			.check(this.archiver);
	}

	@Test
	void importsNoOtherService() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.beacon.broker..", "io.beacon.gateway..", "io.beacon.broadcaster..",
					"io.beacon.loadbalancer..", "io.beacon.watchtower..", "io.beacon.simulator..", "io.beacon.bench..")
			.check(this.archiver);
	}

}
