package com.vehiclephotos.events;

import com.vehiclephotos.events.storage.MediaKey;
import com.vehiclephotos.events.storage.UploadKey;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Sample events with fixed values, for tests and for the examples in docs/events.md. */
public final class EventMother {

    public static final PhotoId PHOTO = PhotoId.of("5f0c6a8e-2b1d-4c3e-9f7a-1d2e3f4a5b6c");
    public static final VehicleId VEHICLE = VehicleId.of("0b7e9c2a-6d4f-4e1b-8a3c-5f6e7d8c9b0a");
    public static final OwnerId OWNER = new OwnerId("auth0|user-42");
    private static final String MEDIA = "https://cdn.example.com/vehicles/" + VEHICLE + "/photos/" + PHOTO + "/";

    private EventMother() {}

    public static PhotoUploaded uploaded() {
        return new PhotoUploaded(
                PHOTO,
                OWNER,
                VEHICLE,
                "uploads",
                new UploadKey(OWNER, VEHICLE, PHOTO, "my-car.jpg").key(),
                2_483_117L,
                "9b2cf535f27731c974343645a3985328",
                null,
                "0018EC4A1CAD98D781",
                Instant.parse("2026-11-28T10:15:30.123Z"));
    }

    public static PhotoReady ready() {
        return new PhotoReady(
                PHOTO,
                OWNER,
                VEHICLE,
                image("original", 2560, 1707, 512_330),
                List.of(
                        image("320", 320, 213, 14_201),
                        image("800", 800, 533, 71_954),
                        image("1600", 1600, 1067, 241_876)),
                "3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b",
                Instant.parse("2026-11-28T10:15:31.870Z"),
                "3OcRJYB4d3h/iIeHeEh3eIhw+j2w",
                "#6b7b8c",
                List.of(new QualityFlag("BLURRY", 7.0)),
                "e6b70aa46c8f2f24",
                new CaptureDetails("2026-11-25T16:42:07+01:00", "Apple", "iPhone 15 Pro"));
    }

    public static PhotoFlagged flagged() {
        return new PhotoFlagged(
                PHOTO,
                OWNER,
                VEHICLE,
                PhotoId.of("9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d"),
                new OwnerId("auth0|user-7"),
                VehicleId.of("1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"),
                2,
                false,
                Instant.parse("2026-11-28T10:15:32.004Z"));
    }

    public static PhotoRejected rejected() {
        return new PhotoRejected(
                PHOTO,
                OWNER,
                VEHICLE,
                RejectionReason.TYPE_MISMATCH,
                "The upload was declared image/jpeg but its bytes are image/png.",
                Instant.parse("2026-11-28T10:15:31.020Z"));
    }

    public static PhotoDeleted deleted() {
        return new PhotoDeleted(PHOTO, VEHICLE, OWNER, Instant.parse("2026-11-29T08:00:00Z"));
    }

    public static List<PhotoEvent> all() {
        return List.of(uploaded(), ready(), rejected(), deleted(), flagged());
    }

    /** The same upload for another random photo, for tests that need unique ids. */
    public static PhotoUploaded uploadedOfNewPhoto() {
        var photo = new PhotoId(UUID.randomUUID());
        return new PhotoUploaded(
                photo,
                OWNER,
                VEHICLE,
                "uploads",
                new UploadKey(OWNER, VEHICLE, photo, "a.jpg").key(),
                10,
                "e",
                null,
                "00AA",
                Instant.parse("2026-11-28T10:15:30Z"));
    }

    private static PublishedImage image(String variant, int width, int height, long bytes) {
        return new PublishedImage(
                variant,
                MEDIA + variant + ".jpg",
                MediaKey.of(VEHICLE, PHOTO, variant + ".jpg"),
                width,
                height,
                bytes,
                "image/jpeg");
    }
}
