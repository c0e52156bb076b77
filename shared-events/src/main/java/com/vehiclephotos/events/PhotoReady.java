package com.vehiclephotos.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A photo passed every check and its clean copies are published. Keyed by vehicleId, so all
 * events of one vehicle are ordered.
 *
 * @param original the sanitized original (orientation applied, sRGB, no metadata, capped size)
 * @param variants resized copies, smallest first
 * @param sha256   hex SHA-256 of the uploaded bytes
 */
public record PhotoReady(
        PhotoId photoId,
        OwnerId ownerId,
        VehicleId vehicleId,
        PublishedImage original,
        List<PublishedImage> variants,
        String sha256,
        Instant processedAt)
        implements PhotoEvent {

    public PhotoReady {
        Objects.requireNonNull(photoId, "photoId");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(vehicleId, "vehicleId");
        Objects.requireNonNull(original, "original");
        variants = List.copyOf(Objects.requireNonNull(variants, "variants"));
        if (!Objects.requireNonNull(sha256, "sha256").matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
        }
        Objects.requireNonNull(processedAt, "processedAt");
    }

    @Override
    public Instant occurredAt() {
        return processedAt;
    }
}
