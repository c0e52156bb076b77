package com.vehiclephotos.events;

import java.util.Objects;

/**
 * Who owns a vehicle: the state vehicle-service publishes on the compacted topic
 * {@link Topics#VEHICLE_OWNERS}, keyed by vehicleId. A record with a null value (a tombstone) means
 * the vehicle is gone. upload-api builds its ownership view from this topic.
 */
public record VehicleOwnership(VehicleId vehicleId, OwnerId ownerId) {

    public VehicleOwnership {
        Objects.requireNonNull(vehicleId, "vehicleId");
        Objects.requireNonNull(ownerId, "ownerId");
    }
}
