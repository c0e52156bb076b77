package com.vehiclephotos.events;

import java.time.Instant;

/** Every event about a photo names the photo, its vehicle and its owner. */
public sealed interface PhotoEvent permits PhotoUploaded, PhotoReady, PhotoRejected, PhotoDeleted, PhotoFlagged {

    PhotoId photoId();

    VehicleId vehicleId();

    OwnerId ownerId();

    /** When the fact happened; becomes the CloudEvent's {@code time}. */
    Instant occurredAt();
}
