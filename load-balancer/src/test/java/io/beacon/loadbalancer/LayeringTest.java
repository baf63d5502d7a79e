package io.beacon.loadbalancer;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class LayeringTest {

	private final JavaClasses loadBalancer = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.beacon.loadbalancer");

	@Test
	void theBackendsKnowNothingOfRoutingOrAdministration() {
		noClasses().that()
			.resideInAPackage("io.beacon.loadbalancer.backend..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.beacon.loadbalancer.route..", "io.beacon.loadbalancer.admin..",
					"org.springframework.cloud.gateway..")
			.check(this.loadBalancer);
	}

	@Test
	void importsNoOtherService() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.beacon.broker..", "io.beacon.archiver..", "io.beacon.gateway..",
					"io.beacon.broadcaster..", "io.beacon.watchtower..", "io.beacon.simulator..", "io.beacon.bench..",
					"io.beacon.common..")
			.check(this.loadBalancer);
	}

}
