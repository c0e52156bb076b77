package com.vehiclephotos.media;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.vehiclephotos.media");

    @Test
    void theStepsDoNotImportTheAwsSdkOrKafka() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "..media.step..",
                        "..media.pipeline..",
                        "..media.inspecting..",
                        "..media.sniffing..",
                        "..media.measuring..",
                        "..media.scanning..",
                        "..media.imaging..",
                        "..media.worker..",
                        "..media.publishing..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("software.amazon.awssdk..", "org.apache.kafka..", "org.springframework.kafka..")
                .check(CLASSES);
    }

    /** The worker process runs untrusted bytes through decoders: it must not be able to reach storage, Kafka or Spring's context. */
    @Test
    void theImageWorkIsFreeOfSpringAndTheNetwork() {
        noClasses()
                .that()
                .resideInAnyPackage("..media.imaging..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "software.amazon.awssdk..",
                        "org.apache.kafka..",
                        "java.net.http..",
                        "..media.worker..",
                        "..media.processing..")
                .orShould()
                .dependOnClassesThat()
                .haveNameMatching("java\\.net\\.(Socket|ServerSocket|DatagramSocket|HttpURLConnection).*")
                .check(CLASSES);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("com.vehiclephotos.media.(*)..")
                .should()
                .beFreeOfCycles()
                .check(CLASSES);
    }
}
