package com.vehiclephotos.bridge;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The SQS-to-Kafka bridge. Credentials: the AWS default chain (environment, profile, IAM role)
 * unless an access key is given, as devstack needs.
 *
 * @param queueUrl          the queue S3 notifies (AWS: its https URL)
 * @param deadLetterQueueUrl where messages that can never be bridged go, with the reason
 * @param sqsEndpoint       only for SQS-compatible servers (devstack, LocalStack)
 * @param pollers           parallel long-poll loops
 * @param inFlight          batches each poller may have received and not yet settled: its next receive
 *                          overlaps the last batch's Kafka acknowledgements and delete
 * @param waitTime          long-poll wait (SQS allows up to 20 s)
 * @param maxMessages       per receive (SQS allows up to 10)
 * @param visibilityTimeout how long a received message stays hidden; extended while its sends are in flight
 * @param sendTimeout       how long to wait for Kafka to acknowledge a message's records before retrying later
 * @param maxBackoff        the longest pause between polls while Kafka is failing
 * @param bucket            the uploads bucket; notifications from any other bucket, or for keys outside
 *                          the upload layout (shared-events' UploadKey), are dead letters
 * @param source            the CloudEvents {@code source} of the PhotoUploaded events it writes
 * @param region            the queue's region
 * @param accessKey         static credentials; without them the AWS default chain (IAM role) is used
 * @param secretKey         goes with {@code accessKey}
 */
@Validated
@ConfigurationProperties("upload.bridge")
record BridgeProperties(
        @NotBlank String queueUrl,
        @NotBlank String deadLetterQueueUrl,
        @Nullable URI sqsEndpoint,
        @Min(1) @Max(64) int pollers,
        @Min(1) @Max(16) int inFlight,
        @NotNull Duration waitTime,
        @Min(1) @Max(10) int maxMessages,
        @NotNull Duration visibilityTimeout,
        @NotNull Duration sendTimeout,
        @NotNull Duration maxBackoff,
        @NotBlank String bucket,
        @NotBlank String source,
        @NotBlank String region,
        @Nullable String accessKey,
        @Nullable String secretKey) {

    boolean hasStaticCredentials() {
        return accessKey != null && !accessKey.isBlank() && secretKey != null && !secretKey.isBlank();
    }

    @AssertTrue(message = "upload.bridge.wait-time must be 0..20 s (SQS long polling)")
    boolean isWaitTimeValid() {
        return waitTime == null || (!waitTime.isNegative() && waitTime.toSeconds() <= 20);
    }

    @AssertTrue(message = "upload.bridge.visibility-timeout must be longer than upload.bridge.send-timeout")
    boolean isVisibilityLongerThanSend() {
        return visibilityTimeout == null || sendTimeout == null || visibilityTimeout.compareTo(sendTimeout) > 0;
    }
}
