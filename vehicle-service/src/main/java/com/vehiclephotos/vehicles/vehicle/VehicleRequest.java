package com.vehiclephotos.vehicles.vehicle;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A vehicle as its owner describes it; used to create and to replace. */
record VehicleRequest(
        @NotBlank @Size(max = 50) String make,
        @NotBlank @Size(max = 50) String model,
        @Min(1886) @Max(2100) Integer year,
        @Size(max = 40) String vin,
        @Size(max = 20) String plate,
        @Size(max = 30) String colour,
        @Size(max = 60) String nickname) {}
