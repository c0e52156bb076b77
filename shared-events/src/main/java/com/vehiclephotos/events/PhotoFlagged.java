package com.vehiclephotos.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A READY photo looks like a photo on another owner's vehicle: a listing may be built from someone
 * else's photos. For moderation only — never shown to either owner. Produced by vehicle-service,
 * once per pair, when the later of the two becomes READY; keyed by the flagged photo's vehicleId.
 *
 * @param photoId          the photo that just became READY (the later upload)
 * @param ownerId          its owner
 * @param vehicleId        its vehicle
 * @param matchedPhotoId   the earlier photo it matches, on another owner's vehicle
 * @param matchedOwnerId   that photo's owner
 * @param matchedVehicleId that photo's vehicle
 * @param distance         the Hamming distance of the two perceptual hashes, 0..64 (0 for the same bytes)
 * @param identical        true when the uploaded bytes are the same (equal SHA-256)
 * @param flaggedAt        when the match was found
 */
public record PhotoFlagged(
        PhotoId photoId,
        OwnerId ownerId,
        VehicleId vehicleId,
        PhotoId matchedPhotoId,
        OwnerId matchedOwnerId,
        VehicleId matchedVehicleId,
        int distance,
        boolean identical,
        Instant flaggedAt)
        implements PhotoEvent {

    public PhotoFlagged {
        Objects.requireNonNull(photoId, "photoId");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(vehicleId, "vehicleId");
        Objects.requireNonNull(matchedPhotoId, "matchedPhotoId");
        Objects.requireNonNull(matchedOwnerId, "matchedOwnerId");
        Objects.requireNonNull(matchedVehicleId, "matchedVehicleId");
        if (distance < 0 || distance > 64) {
            throw new IllegalArgumentException("distance must be 0..64");
        }
        if (matchedOwnerId.equals(ownerId)) {
            throw new IllegalArgumentException("a photo is flagged only against another owner's photo");
        }
        Objects.requireNonNull(flaggedAt, "flaggedAt");
    }

    @Override
    public Instant occurredAt() {
        return flaggedAt;
    }
}
