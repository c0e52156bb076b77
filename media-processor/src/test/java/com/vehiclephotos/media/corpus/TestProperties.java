package com.vehiclephotos.media.corpus;

import com.vehiclephotos.events.OwnerId;
import com.vehiclephotos.events.PhotoId;
import com.vehiclephotos.events.PhotoUploaded;
import com.vehiclephotos.events.VehicleId;
import com.vehiclephotos.events.storage.UploadKey;
import com.vehiclephotos.media.step.MediaProperties;
import com.vehiclephotos.media.step.PhotoWork;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.util.unit.DataSize;

/** The defaults of application.yml, for unit tests with plain {@code new}. */
public final class TestProperties {

    private TestProperties() {}

    public static MediaProperties defaults() {
        return new MediaProperties(
                DataSize.ofMegabytes(20),
                50_000_000L,
                List.of("image/jpeg", "image/png", "image/webp", "image/heic", "image/heif", "image/avif"),
                2560,
                List.of(320, 800, 1600),
                800,
                0.85f,
                "uploads",
                "media",
                URI.create("https://cdn.example.com"),
                true,
                new MediaProperties.Clamd("127.0.0.1", 3310, Duration.ofSeconds(2), Duration.ofSeconds(30)),
                new MediaProperties.S3(null, "us-east-1", null, null, true),
                new MediaProperties.Structure(64, DataSize.ofMegabytes(4), 1),
                workers(1, DataSize.ofGigabytes(1), Duration.ofSeconds(15)),
                new MediaProperties.SlowLane(2, Duration.ofSeconds(2), DataSize.ofMegabytes(128)));
    }

    public static MediaProperties.Workers workers(int count, DataSize heap, Duration budget) {
        return new MediaProperties.Workers(count, heap, budget, Duration.ofSeconds(60), List.of());
    }

    /** The defaults with other worker settings. */
    public static MediaProperties withWorkers(MediaProperties.Workers workers) {
        var d = defaults();
        return new MediaProperties(
                d.maxSize(),
                d.maxPixels(),
                d.contentTypes(),
                d.originalMaxEdge(),
                d.variants(),
                d.minShortEdge(),
                d.jpegQuality(),
                d.uploadsBucket(),
                d.mediaBucket(),
                d.publicBaseUrl(),
                d.turbojpeg(),
                d.clamd(),
                d.s3(),
                d.structure(),
                workers,
                d.slowLane());
    }

    /** Work for these bytes, as if HEAD said {@code declaredType} and the GET brought them. */
    public static PhotoWork work(byte[] bytes, String declaredType) {
        var owner = "alice";
        var vehicle = UUID.randomUUID();
        var photo = UUID.randomUUID();
        var work = new PhotoWork(
                new PhotoUploaded(
                        new PhotoId(photo),
                        new OwnerId(owner),
                        new VehicleId(vehicle),
                        "uploads",
                        new UploadKey(new OwnerId(owner), new VehicleId(vehicle), new PhotoId(photo), "a.jpg").key(),
                        bytes.length,
                        "e",
                        null,
                        "01",
                        Instant.now()),
                com.vehiclephotos.media.step.Lane.MAIN);
        work.inspected(declaredType, bytes.length, null);
        work.downloaded(bytes, "0".repeat(64));
        work.sniffed(declaredType);
        return work;
    }
}
