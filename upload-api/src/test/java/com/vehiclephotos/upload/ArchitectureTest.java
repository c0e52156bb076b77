package com.vehiclephotos.upload;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The bridge and the presign API share an artifact, not code: either can be switched off alone. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.vehiclephotos.upload");

    @Test
    void theBridgeKnowsNothingOfThePresignApi() {
        noClasses().that().resideInAPackage("..upload.bridge..")
                .should().dependOnClassesThat().resideInAnyPackage("..upload.presign..", "..upload.ownership..", "..upload.security..")
                .check(CLASSES);
    }

    @Test
    void thePresignApiKnowsNothingOfTheBridge() {
        noClasses().that().resideInAnyPackage("..upload.presign..", "..upload.ownership..", "..upload.security..")
                .should().dependOnClassesThat().resideInAPackage("..upload.bridge..")
                .check(CLASSES);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("com.vehiclephotos.upload.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
