package com.vehiclephotos.vehicles;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.vehiclephotos.vehicles");

    @Test
    void featuresHaveNoCycles() {
        slices().matching("com.vehiclephotos.vehicles.(*)..")
                .should()
                .beFreeOfCycles()
                .check(CLASSES);
    }

    @Test
    void vehiclesDoNotKnowAboutPhotos() {
        noClasses()
                .that()
                .resideInAPackage("..vehicles.vehicle..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..vehicles.photo..")
                .check(CLASSES);
    }

    @Test
    void onlyTheOutboxRelayAndTheListenerTouchKafka() {
        noClasses()
                .that()
                .resideInAnyPackage("..vehicles.vehicle..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
                .check(CLASSES);
    }
}
