package com.vehiclephotos.events.storage;

import com.vehiclephotos.events.OwnerId;
import com.vehiclephotos.events.PhotoId;
import com.vehiclephotos.events.VehicleId;
import java.util.Optional;
import java.util.UUID;

/**
 * Where an upload lands in the private uploads bucket: {@code uploads/{ownerId}/{vehicleId}/{photoId}/{name}}.
 * upload-api signs exactly this key, S3 notifies for the {@link #PREFIX} only, the bridge reads the
 * ids back from it, and media-processor removes a deleted photo's uploads by its prefix. The one
 * place the layout is written and read.
 *
 * @param name the file name as upload-api made it safe
 */
public record UploadKey(OwnerId owner, VehicleId vehicle, PhotoId photo, String name) {

    /** Every upload's key starts with it; S3's notification filter uses it too. */
    public static final String PREFIX = "uploads/";

    public UploadKey {
        if (name == null || name.isEmpty() || name.contains("/")) {
            throw new IllegalArgumentException("An upload's name is one non-empty path segment: " + name);
        }
    }

    public String key() {
        return prefixOf(owner, vehicle, photo) + name;
    }

    /** Everything uploaded for one photo. */
    public static String prefixOf(OwnerId owner, VehicleId vehicle, PhotoId photo) {
        return PREFIX + owner.value() + "/" + vehicle + "/" + photo + "/";
    }

    /** The ids of a key in the layout; empty for anything else (another prefix, depth or id). */
    public static Optional<UploadKey> parse(String key) {
        if (key == null || !key.startsWith(PREFIX)) {
            return Optional.empty();
        }
        var parts = key.substring(PREFIX.length()).split("/", -1);
        if (parts.length != 4 || parts[3].isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new UploadKey(
                    new OwnerId(parts[0]),
                    new VehicleId(UUID.fromString(parts[1])),
                    new PhotoId(UUID.fromString(parts[2])),
                    parts[3]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return key();
    }
}
