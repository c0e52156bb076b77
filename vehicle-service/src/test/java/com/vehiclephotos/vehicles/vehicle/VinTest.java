package com.vehiclephotos.vehicles.vehicle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VinTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1M8GDM9AXKP042788",
                "1HGCM82633A004352",
                "11111111111111111",
                "JH4KA7561PC008269",
                "WP0ZZZ99ZTS39",
                "ABCDEFGH123"
            })
    void acceptsValidVins(String vin) {
        assertThat(Vin.problem(vin)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1M8GDM9A1KP042788", "1HGCM82643A004352"})
    void refusesA17CharacterVinWithTheWrongCheckDigit(String vin) {
        assertThat(Vin.problem(vin)).hasValueSatisfying(p -> assertThat(p).contains("check digit"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"1M8GDM9AXKP04278O", "IHGCM82633A004352", "SHORT", "1M8GDM9AXKP0427881", "1M8GDM9AXKP-42788"})
    void refusesWrongCharactersAndLengths(String vin) {
        assertThat(Vin.problem(vin)).hasValueSatisfying(p -> assertThat(p).contains("11 to 17"));
    }

    @org.junit.jupiter.api.Test
    void normalizesCaseAndSpaceAndTreatsBlankAsNone() {
        assertThat(Vin.normalize("  1m8gdm9axkp042788 ")).hasValue("1M8GDM9AXKP042788");
        assertThat(Vin.normalize("   ")).isEmpty();
        assertThat(Vin.normalize(null)).isEmpty();
    }
}
