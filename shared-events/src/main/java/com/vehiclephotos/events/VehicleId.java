package com.vehiclephotos.events;

import java.util.Objects;
import java.util.UUID;

/** A vehicle, as vehicle-service knows it. */
public record VehicleId(UUID value) {

    public VehicleId {
        Objects.requireNonNull(value, "vehicleId");
    }

    public static VehicleId of(String value) {
        return new VehicleId(UUID.fromString(value));
    }

    public static VehicleId random() {
        return new VehicleId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
