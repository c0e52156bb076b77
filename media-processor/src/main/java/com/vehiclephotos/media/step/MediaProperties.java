package com.vehiclephotos.media.step;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The processor's limits and outputs.
 *
 * @param maxSize        largest upload processed (TOO_LARGE above)
 * @param maxPixels      width × height cap, checked from the header before decoding (TOO_MANY_PIXELS)
 * @param contentTypes   types accepted, as detected from the bytes
 * @param originalMaxEdge the sanitized original's longest edge at most
 * @param variants       longest edges of the resized copies
 * @param minShortEdge   a photo whose shorter side has fewer pixels gets the advisory LOW_RESOLUTION flag
 * @param jpegQuality    0..1
 * @param publicBaseUrl  where the media bucket is served (CDN domain; the seed's AWS_S3_CUSTOM_DOMAIN)
 * @param turbojpeg      use libjpeg-turbo's scaled decoding for JPEGs where it is installed (in the workers)
 * @param uploadsBucket  the private bucket uploads arrive in (read, then deleted)
 * @param mediaBucket    the public bucket published images go to
 * @param structure      caps on the container's structure, checked before the scan and the decode
 * @param workers        the supervised processes that decode and encode
 * @param slowLane       retries of files that failed, and heavy photos, off photo.uploaded.v1's partitions
 */
@Validated
@ConfigurationProperties("media")
public record MediaProperties(
        @NotNull DataSize maxSize,
        @Min(1) long maxPixels,
        @NotEmpty List<String> contentTypes,
        @Min(16) @Max(10000) int originalMaxEdge,
        @NotEmpty List<Integer> variants,
        @Min(1) int minShortEdge,
        @DecimalMin("0.1") @DecimalMax("1.0") float jpegQuality,
        @NotBlank String uploadsBucket,
        @NotBlank String mediaBucket,
        @NotNull URI publicBaseUrl,
        boolean turbojpeg,
        @Valid @NotNull Clamd clamd,
        @Valid @NotNull S3 s3,
        @Valid @NotNull Structure structure,
        @Valid @NotNull Workers workers,
        @Valid @NotNull SlowLane slowLane) {

    /**
     * @param maxJpegScans a progressive JPEG needs about a dozen scans; more is refused (UNPROCESSABLE)
     * @param maxMetadata  EXIF, ICC, XMP and text at most, counted after inflating (compressed chunks
     *                     are inflated only up to this cap)
     * @param maxFrames    frames of an animation at most; 1 refuses animations (UNSUPPORTED_TYPE)
     */
    public record Structure(
            @Min(1) @Max(10000) int maxJpegScans,
            @NotNull DataSize maxMetadata,
            @Min(1) int maxFrames) {}

    /**
     * @param count        worker processes; 0 means one per core
     * @param heap         each worker's Java heap: its memory limit (a photo that cannot fit is refused)
     * @param budget       wall-clock time one photo may take in a worker before it is killed and replaced
     * @param startTimeout a worker that is not ready this long after its launch is killed and launched again
     * @param jvmOptions   extra options for the worker JVMs
     */
    public record Workers(
            @Min(0) @Max(64) int count,
            @NotNull DataSize heap,
            @NotNull Duration budget,
            @NotNull Duration startTimeout,
            @Nullable List<String> jvmOptions) {

        public int effectiveCount() {
            return count > 0 ? count : Runtime.getRuntime().availableProcessors();
        }
    }

    /**
     * @param maxRetries  a file that overruns its budget, crashes a worker or makes clamd time out (while clamd
     *                    answers others) is tried again this many times on the slow lane, then REJECTED as UNPROCESSABLE
     * @param delay       the wait before each new try (the photos behind it on photo.uploaded.v1 do not wait)
     * @param heavyDecode a photo whose decoded pixels at their stored depth pass this is rendered on the slow lane,
     *                    so that it never holds back the photos behind it
     */
    public record SlowLane(
            @Min(0) @Max(10) int maxRetries,
            @NotNull Duration delay,
            @NotNull DataSize heavyDecode) {}

    /**
     * clamd over TCP; a scan that cannot finish in {@code readTimeout} is a failure, never clean.
     *
     * @param host           clamd's host
     * @param port           clamd's TCP port
     * @param connectTimeout connecting to clamd longer than this fails the scan (retried later)
     * @param readTimeout    a scan taking longer than this fails (retried later), never counts as clean
     */
    public record Clamd(
            @NotBlank String host,
            @Min(1) @Max(65535) int port,
            @NotNull Duration connectTimeout,
            @NotNull Duration readTimeout) {}

    /**
     * @param endpoint   only for S3-compatible servers (devstack, LocalStack); empty for AWS
     * @param region     the buckets' region
     * @param accessKey  static credentials; without them the AWS default chain (IAM role) is used
     * @param secretKey  goes with {@code accessKey}
     * @param pathStyle  path-style URLs, which local servers need
     */
    public record S3(
            @Nullable URI endpoint,
            @NotBlank String region,
            @Nullable String accessKey,
            @Nullable String secretKey,
            boolean pathStyle) {}

    @AssertTrue(message = "media.variants must be between 16 and media.original-max-edge")
    boolean isVariantsInRange() {
        return variants == null || variants.stream().allMatch(v -> v >= 16 && v <= originalMaxEdge);
    }

    /** The public URL of a media key, without a double slash. */
    public String publicUrl(String key) {
        var base = publicBaseUrl.toString();
        return (base.endsWith("/") ? base : base + "/") + key;
    }
}
