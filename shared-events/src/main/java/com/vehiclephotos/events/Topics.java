package com.vehiclephotos.events;

import java.util.List;

/**
 * The photo topics, what each is keyed by, and their dead-letter twins. A breaking change to a
 * payload is a new topic ({@code .v2}); within a version, fields are only ever added, optional.
 */
public final class Topics {

    /** Keyed by photoId (spreads processing across partitions). */
    public static final String PHOTO_UPLOADED = "photo.uploaded.v1";
    /** Keyed by vehicleId (ordered per vehicle). */
    public static final String PHOTO_READY = "photo.ready.v1";
    /** Keyed by vehicleId (ordered per vehicle). */
    public static final String PHOTO_REJECTED = "photo.rejected.v1";
    /** Keyed by vehicleId (ordered per vehicle). */
    public static final String PHOTO_DELETED = "photo.deleted.v1";
    /** Keyed by vehicleId of the flagged photo. For moderation: a photo that matches another owner's. */
    public static final String PHOTO_FLAGGED = "photo.flagged.v1";

    /**
     * Compacted state, not events: the owner of each vehicle, keyed by vehicleId; a tombstone when a
     * vehicle is deleted. Produced by vehicle-service, read from the beginning by upload-api.
     */
    public static final String VEHICLE_OWNERS = "vehicle.owners.v1";

    /** Poison messages of topic T go to T + this suffix, with the failure in headers. */
    public static final String DEAD_LETTER_SUFFIX = ".DLT";

    /** CloudEvents {@code type} is this prefix plus the topic name, e.g. {@code com.vehiclephotos.photo.ready.v1}. */
    public static final String EVENT_TYPE_PREFIX = "com.vehiclephotos.";

    private static final List<String> ALL =
            List.of(PHOTO_UPLOADED, PHOTO_READY, PHOTO_REJECTED, PHOTO_DELETED, PHOTO_FLAGGED);

    private Topics() {}

    public static List<String> all() {
        return ALL;
    }

    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    public static String topicOf(PhotoEvent event) {
        if (event instanceof PhotoUploaded) {
            return PHOTO_UPLOADED;
        } else if (event instanceof PhotoReady) {
            return PHOTO_READY;
        } else if (event instanceof PhotoRejected) {
            return PHOTO_REJECTED;
        } else if (event instanceof PhotoFlagged) {
            return PHOTO_FLAGGED;
        }
        return PHOTO_DELETED;
    }

    /** The record key: photoId for uploads, vehicleId for everything that follows. */
    public static String keyOf(PhotoEvent event) {
        return event instanceof PhotoUploaded
                ? event.photoId().toString()
                : event.vehicleId().toString();
    }

    public static String eventTypeOf(PhotoEvent event) {
        return EVENT_TYPE_PREFIX + topicOf(event);
    }

    /** The record class of a CloudEvents type, or null for a type this contract does not know. */
    public static Class<? extends PhotoEvent> classOfEventType(String eventType) {
        if (eventType == null || !eventType.startsWith(EVENT_TYPE_PREFIX)) {
            return null;
        }
        return switch (eventType.substring(EVENT_TYPE_PREFIX.length())) {
            case PHOTO_UPLOADED -> PhotoUploaded.class;
            case PHOTO_READY -> PhotoReady.class;
            case PHOTO_REJECTED -> PhotoRejected.class;
            case PHOTO_DELETED -> PhotoDeleted.class;
            case PHOTO_FLAGGED -> PhotoFlagged.class;
            default -> null;
        };
    }
}
