package com.vehiclephotos.vehicles;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.UUID;
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
    void theDomainKnowsNoFeature() {
        noClasses()
                .that()
                .resideInAPackage("..vehicles.domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "..vehicles.vehicle..", "..vehicles.photo..", "..vehicles.outbox..", "..vehicles.system..")
                .check(CLASSES);
    }

    @Test
    void featuresSpeakInTypedIds() {
        codeUnits()
                .that()
                .areDeclaredInClassesThat()
                .resideInAnyPackage("..vehicles.vehicle..", "..vehicles.photo..")
                .and()
                .areDeclaredInClassesThat()
                .haveSimpleNameNotEndingWith("View")
                .should(new ArchCondition<JavaCodeUnit>("take no UUID") {
                    @Override
                    public void check(JavaCodeUnit unit, ConditionEvents events) {
                        if (unit.getRawParameterTypes().stream().anyMatch(type -> type.isEquivalentTo(UUID.class))) {
                            events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " takes a UUID"));
                        }
                    }
                })
                .because("ids are OwnerId, VehicleId and PhotoId from the HTTP edge to the repositories")
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
