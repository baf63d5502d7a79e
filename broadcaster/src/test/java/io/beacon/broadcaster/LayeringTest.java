package io.beacon.broadcaster;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class LayeringTest {

	private final JavaClasses broadcaster = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.beacon.broadcaster");

	@Test
	void webAndWebSocketsNeverReachIntoKafka() {
		noClasses().that()
			.resideInAnyPackage("io.beacon.broadcaster.web..", "io.beacon.broadcaster.ws..",
					"io.beacon.broadcaster.stream..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..", "io.beacon.broadcaster.kafka..")
			.check(this.broadcaster);
	}

	@Test
	void theStreamKnowsNoTransport() {
		noClasses().that()
			.resideInAPackage("io.beacon.broadcaster.stream..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.beacon.broadcaster.web..", "io.beacon.broadcaster.ws..",
					"org.springframework.web..", "io.netty..")
			.check(this.broadcaster);
	}

	@Test
	void importsNoOtherService() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.beacon.broker..", "io.beacon.archiver..", "io.beacon.gateway..",
					"io.beacon.loadbalancer..", "io.beacon.watchtower..", "io.beacon.simulator..", "io.beacon.bench..")
			.check(this.broadcaster);
	}

}
