package com.vehiclephotos.upload.bridge;

import java.util.Optional;
import java.util.UUID;

import com.vehiclephotos.events.OwnerId;
import com.vehiclephotos.events.PhotoId;
import com.vehiclephotos.events.VehicleId;

/**
 * The ids in an upload's key, {@code {prefix}{ownerId}/{vehicleId}/{photoId}/{name}}. upload-api
 * chose and signed that key, so the ids are trusted; anything else is not an upload of ours.
 */
record UploadKey(OwnerId owner, VehicleId vehicle, PhotoId photo, String name) {

    static Optional<UploadKey> parse(String prefix, String key) {
        if (key == null || !key.startsWith(prefix)) {
            return Optional.empty();
        }
        var parts = key.substring(prefix.length()).split("/", -1);
        if (parts.length != 4 || parts[3].isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new UploadKey(new OwnerId(parts[0]), new VehicleId(UUID.fromString(parts[1])),
                    new PhotoId(UUID.fromString(parts[2])), parts[3]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
