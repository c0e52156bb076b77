package com.vehiclephotos.events;

import java.time.Instant;
import java.util.Objects;

/** The owner removed a photo; media-processor deletes its published objects. Keyed by vehicleId. */
public record PhotoDeleted(PhotoId photoId, VehicleId vehicleId, OwnerId ownerId, Instant deletedAt)
        implements PhotoEvent {

    public PhotoDeleted {
        Objects.requireNonNull(photoId, "photoId");
        Objects.requireNonNull(vehicleId, "vehicleId");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(deletedAt, "deletedAt");
    }

    @Override
    public Instant occurredAt() {
        return deletedAt;
    }
}
