package com.vehiclephotos.upload;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** upload-api's feature packages depend on each other without cycles. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.vehiclephotos.upload");

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("com.vehiclephotos.upload.(*)..")
                .should()
                .beFreeOfCycles()
                .check(CLASSES);
    }
}
