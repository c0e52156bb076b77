package com.vehiclephotos.upload.storage;

import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where uploads go. Credentials: the AWS default chain (environment, profile, IAM role) unless an
 * access key is given, as devstack needs. The seed's names work: AWS_STORAGE_BUCKET_NAME,
 * AWS_S3_REGION_NAME, AWS_S3_ENDPOINT_URL, AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.
 *
 * @param endpoint  only for S3-compatible servers (devstack, LocalStack); empty for AWS
 * @param publicEndpoint the address browsers reach the same server at, when it differs from
 *                  {@code endpoint} (in docker compose: {@code http://localstack:4566} inside,
 *                  {@code http://localhost:4566} outside); presigned URLs are signed for it.
 *                  Empty: presigned URLs use {@code endpoint}
 * @param region    region of the bucket
 * @param bucket    the private uploads bucket presigned URLs point into
 * @param accessKey static credentials; without them the AWS default chain (IAM role) is used
 * @param secretKey goes with {@code accessKey}
 * @param pathStyle path-style URLs ({@code endpoint/bucket/key}), which local servers need
 */
@Validated
@ConfigurationProperties("upload.s3")
public record StorageProperties(
        @Nullable URI endpoint,
        @Nullable URI publicEndpoint,
        @NotBlank String region,
        @NotBlank String bucket,
        @Nullable String accessKey,
        @Nullable String secretKey,
        boolean pathStyle) {

    /** Where presigned URLs point: the browser-facing address. */
    @Nullable
    URI presignEndpoint() {
        return publicEndpoint != null ? publicEndpoint : endpoint;
    }

    boolean hasStaticCredentials() {
        return accessKey != null && !accessKey.isBlank() && secretKey != null && !secretKey.isBlank();
    }
}
