package com.vehiclephotos.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A photo failed a check and was not published; the upload is deleted. Keyed by vehicleId.
 *
 * @param detail what a person can act on, e.g. "The file is 31.2 MiB; the limit is 20 MiB."
 */
public record PhotoRejected(
        PhotoId photoId,
        OwnerId ownerId,
        VehicleId vehicleId,
        RejectionReason reason,
        String detail,
        Instant rejectedAt)
        implements PhotoEvent {

    public PhotoRejected {
        Objects.requireNonNull(photoId, "photoId");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(vehicleId, "vehicleId");
        Objects.requireNonNull(reason, "reason");
        Checks.notBlank(detail, "detail");
        Objects.requireNonNull(rejectedAt, "rejectedAt");
    }

    @Override
    public Instant occurredAt() {
        return rejectedAt;
    }
}
