package io.beacon.common;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class LayeringTest {

	private final JavaClasses common = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.beacon.common");

	@Test
	void commonImportsNoServiceAndNoSpring() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.beacon.gateway..", "io.beacon.broker..", "io.beacon.archiver..",
					"io.beacon.broadcaster..", "io.beacon.loadbalancer..", "io.beacon.watchtower..",
					"io.beacon.simulator..", "org.springframework..", "org.apache.kafka..")
			.check(this.common);
	}

}
