package com.vehiclephotos.systemtests;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rules between modules, checked on every module's compiled classes (the reactor builds them
 * before this one): the contract knows no service, services never use each other or the test
 * infrastructure, shared libraries serve services without knowing them, and the system tests
 * speak to the services only over HTTP, Kafka and S3. Rules inside one module live in its own
 * ArchitectureTest.
 */
class ModuleRulesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Map<String, String> SERVICES = Map.of(
            "upload-api", "com.vehiclephotos.upload..",
            "upload-bridge", "com.vehiclephotos.bridge..",
            "media-processor", "com.vehiclephotos.media..",
            "vehicle-service", "com.vehiclephotos.vehicles..",
            "dead-letters", "com.vehiclephotos.deadletters..");
    private static final String[] SERVICE_PACKAGES = SERVICES.values().toArray(String[]::new);
    private static final String[] TEST_INFRASTRUCTURE = {
        "com.vehiclephotos.devstack..", "com.vehiclephotos.fixtures..", "com.vehiclephotos.systemtests.."
    };

    private static final JavaClasses PRODUCTION = classesOf(
            "shared-events",
            "web-support",
            "kafka-support",
            "upload-api",
            "upload-bridge",
            "media-processor",
            "vehicle-service",
            "dead-letters");

    @Test
    void theContractKnowsNoOtherModule() {
        noClasses()
                .that()
                .resideInAPackage("com.vehiclephotos.events..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.vehiclephotos.web..", "com.vehiclephotos.kafka..")
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage(SERVICE_PACKAGES)
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage(TEST_INFRASTRUCTURE)
                .check(PRODUCTION);
    }

    @Test
    void sharedLibrariesServeServicesWithoutKnowingThem() {
        noClasses()
                .that()
                .resideInAnyPackage("com.vehiclephotos.web..", "com.vehiclephotos.kafka..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(SERVICE_PACKAGES)
                .check(PRODUCTION);
    }

    @Test
    void servicesNeverUseEachOtherNorTestInfrastructureAtRunTime() {
        SERVICES.forEach((module, servicePackage) -> {
            var others = SERVICES.values().stream()
                    .filter(p -> !p.equals(servicePackage))
                    .toArray(String[]::new);
            noClasses()
                    .that()
                    .resideInAPackage(servicePackage)
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others)
                    .orShould()
                    .dependOnClassesThat()
                    .resideInAnyPackage(TEST_INFRASTRUCTURE)
                    .as(module + " uses no other service and no test infrastructure")
                    .check(PRODUCTION);
        });
    }

    @Test
    void systemTestsSpeakToTheServicesOnlyOverTheWire() {
        var systemTests = new ClassFileImporter()
                .importPaths(existing(
                        ROOT.resolve("system-tests/target/classes"), ROOT.resolve("system-tests/target/test-classes")));
        assertThat(systemTests).as("system-tests' classes").isNotEmpty();
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(SERVICE_PACKAGES)
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage("com.vehiclephotos.web..", "com.vehiclephotos.kafka..")
                .as("system tests use the contract, the fixtures and devstack only: HTTP, Kafka and S3 to the services")
                .check(systemTests);
    }

    private static JavaClasses classesOf(String... modules) {
        var paths = java.util.Arrays.stream(modules)
                .map(m -> ROOT.resolve(m).resolve("target/classes"))
                .toList();
        assertThat(paths)
                .as("compiled classes of every module (run through the reactor: ./mvnw verify)")
                .allMatch(Files::isDirectory);
        return new ClassFileImporter().importPaths(paths);
    }

    private static List<Path> existing(Path... paths) {
        return java.util.Arrays.stream(paths).filter(Files::isDirectory).toList();
    }
}
