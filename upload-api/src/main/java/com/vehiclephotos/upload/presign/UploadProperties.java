package com.vehiclephotos.upload.presign;

import com.vehiclephotos.web.limit.RateLimit;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * What may be uploaded, and for how long a URL is valid.
 *
 * @param maxSize       the largest file accepted (default 20MB); S3 itself enforces the signed length
 * @param contentTypes  declared types a presign is given for
 * @param urlExpiry     lifetime of a presigned URL; a bare number is seconds, as the seed's
 *                      AWS_S3_PRESIGNED_URL_EXPIRATION was
 * @param rateLimit     presigns per owner
 * @param traceSampling share of presigns traced (a span, and {@code http_server_requests}) when the
 *                      caller's own trace is not sampled; a caller's sampled {@code traceparent}
 *                      is always continued. Every presign signs the caller's trace context into
 *                      the upload and is counted and timed in {@code uploads_presign_duration_seconds}.
 */
@Validated
@ConfigurationProperties("upload")
public record UploadProperties(
        @NotNull DataSize maxSize,
        @NotEmpty List<String> contentTypes,
        @NotNull @DurationUnit(ChronoUnit.SECONDS) Duration urlExpiry,
        @Valid @NotNull RateLimit rateLimit,
        @DecimalMin("0.0") @DecimalMax("1.0") double traceSampling) {

    @AssertTrue(message = "upload.url-expiry must be between 1 second and 7 days (the longest S3 allows)")
    boolean isUrlExpiryInRange() {
        return urlExpiry == null
                || (!urlExpiry.isNegative() && !urlExpiry.isZero() && urlExpiry.compareTo(Duration.ofDays(7)) <= 0);
    }

    @AssertTrue(message = "upload.max-size must be at least 1 byte and at most 5GB (one S3 PUT)")
    boolean isMaxSizeInRange() {
        return maxSize == null
                || (maxSize.toBytes() > 0
                        && maxSize.toBytes() <= DataSize.ofGigabytes(5).toBytes());
    }
}
