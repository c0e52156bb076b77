package com.vehiclephotos.events;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An object landed in the uploads bucket (from S3's ObjectCreated notification). Keyed by photoId.
 * S3 may notify twice: the CloudEvent id is derived from bucket, key and sequencer, so duplicates
 * share it.
 *
 * @param size      bytes, as S3 reported them
 * @param eTag      without quotes
 * @param versionId only for versioned buckets
 * @param sequencer S3's per-key ordering token (hex)
 * @param eventTime when S3 accepted the object
 */
public record PhotoUploaded(
        PhotoId photoId,
        OwnerId ownerId,
        VehicleId vehicleId,
        String bucket,
        String key,
        long size,
        String eTag,
        @Nullable String versionId,
        String sequencer,
        Instant eventTime)
        implements PhotoEvent {

    public PhotoUploaded {
        Objects.requireNonNull(photoId, "photoId");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(vehicleId, "vehicleId");
        Checks.notBlank(bucket, "bucket");
        Checks.notBlank(key, "key");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative, got " + size);
        }
        Objects.requireNonNull(eTag, "eTag");
        Checks.notBlank(sequencer, "sequencer");
        Objects.requireNonNull(eventTime, "eventTime");
    }

    @Override
    public Instant occurredAt() {
        return eventTime;
    }
}
