package com.vehiclephotos.vehicles.vehicle;

import static org.assertj.core.api.Assertions.assertThat;

import com.vehiclephotos.web.problem.ApiProblem;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

class ConstraintProblemTest {

    @Test
    void theDatabasesOwnWordsNeverReachTheAnswer() {
        var refusal = VehicleService.constraint(new DataIntegrityViolationException(
                "ERROR: new row for relation \"vehicle\" violates check constraint \"vehicle_year_check\""));

        assertThat(refusal).isInstanceOf(ApiProblem.class);
        assertThat(refusal.getMessage())
                .doesNotContain("ERROR", "relation", "vehicle_year_check")
                .contains("rule of the data model");
    }

    @Test
    void aDuplicateVinIsNamed() {
        var refusal = VehicleService.constraint(new DataIntegrityViolationException(
                "duplicate key value violates unique constraint \"vehicle_vin_per_owner\""));

        assertThat(refusal.getMessage()).isEqualTo("You already have a vehicle with this VIN.");
    }
}
