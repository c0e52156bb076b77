package com.vehiclephotos.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotification;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotificationRecord;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/** Real S3 writes produce AWS-shaped ObjectCreated messages on the real SQS queue. */
class S3NotificationTest {

    @Test
    void putUnderTheUploadsPrefixArrivesOnTheQueueAndParsesWithTheSdk() {
        var key = "uploads/owner-1/vehicle-1/" + UUID.randomUUID() + "/photo.jpg";
        try (var s3 = RunningDevstack.s3()) {
            s3.putObject(b -> b.bucket("uploads").key(key).contentType("image/jpeg"), RequestBody.fromString("12345"));
        }

        var record = awaitRecordFor(key);

        assertThat(record.getEventName()).isEqualTo("ObjectCreated:Put");
        assertThat(record.getEventSource()).isEqualTo("aws:s3");
        assertThat(record.getS3().getBucket().getName()).isEqualTo("uploads");
        assertThat(record.getS3().getObject().getSizeAsLong()).isEqualTo(5L);
        assertThat(record.getS3().getObject().getETag()).isNotBlank().doesNotContain("\"");
        assertThat(record.getEventTime()).isNotNull();
    }

    @Test
    void keysWithSpacesPlusAndNonAsciiSurviveTheEncoding() {
        var key = "uploads/owner-1/vehicle-1/" + UUID.randomUUID() + "/mein Auto+Anhänger 東京.jpg";
        try (var s3 = RunningDevstack.s3()) {
            s3.putObject(b -> b.bucket("uploads").key(key), RequestBody.fromString("x"));
        }

        var record = awaitRecordFor(key);

        assertThat(record.getS3().getObject().getKey()).contains("+").doesNotContain(" ");
        assertThat(URLDecoder.decode(record.getS3().getObject().getKey(), StandardCharsets.UTF_8))
                .isEqualTo(key);
    }

    @Test
    void copyAndCompletedMultipartUploadAreNotifiedToo() {
        var source = "uploads/o/v/" + UUID.randomUUID() + "/source.jpg";
        var copy = "uploads/o/v/" + UUID.randomUUID() + "/copy.jpg";
        var multipart = "uploads/o/v/" + UUID.randomUUID() + "/multipart.jpg";
        try (var s3 = RunningDevstack.s3()) {
            s3.putObject(b -> b.bucket("uploads").key(source), RequestBody.fromString("source"));
            s3.copyObject(b -> b.sourceBucket("uploads")
                    .sourceKey(source)
                    .destinationBucket("uploads")
                    .destinationKey(copy));
            var upload = s3.createMultipartUpload(b -> b.bucket("uploads").key(multipart))
                    .uploadId();
            var part = s3.uploadPart(
                            b -> b.bucket("uploads")
                                    .key(multipart)
                                    .uploadId(upload)
                                    .partNumber(1),
                            RequestBody.fromString("only part"))
                    .eTag();
            s3.completeMultipartUpload(b -> b.bucket("uploads")
                    .key(multipart)
                    .uploadId(upload)
                    .multipartUpload(m -> m.parts(
                            CompletedPart.builder().partNumber(1).eTag(part).build())));
        }

        assertThat(awaitRecordFor(copy).getEventName()).isEqualTo("ObjectCreated:Copy");
        assertThat(awaitRecordFor(multipart).getEventName()).isEqualTo("ObjectCreated:CompleteMultipartUpload");
        assertThat(awaitRecordFor(multipart).getS3().getObject().getSizeAsLong())
                .isEqualTo(9L);
        assertThat(allRecords()).noneMatch(r -> decodedKey(r).contains(".s3proxy-mpu-stub-"));
    }

    @Test
    void writesOutsideTheUploadsPrefixOrBucketAreNotNotified() {
        var outside = "elsewhere/" + UUID.randomUUID() + ".jpg";
        var media = "vehicles/" + UUID.randomUUID() + "/photos/p/320.jpg";
        var marker = "uploads/o/v/" + UUID.randomUUID() + "/marker.jpg";
        try (var s3 = RunningDevstack.s3()) {
            s3.putObject(b -> b.bucket("uploads").key(outside), RequestBody.fromString("x"));
            s3.putObject(b -> b.bucket("media").key(media), RequestBody.fromString("x"));
            s3.putObject(b -> b.bucket("uploads").key(marker), RequestBody.fromString("x"));
        }

        awaitRecordFor(marker); // delivered after the two others, synchronously with each PUT

        assertThat(allRecords())
                .noneMatch(r -> decodedKey(r).equals(outside) || decodedKey(r).equals(media));
    }

    @Test
    void theTestEventIsSentWhenNotificationsAreConfigured() {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> RunningDevstack.receiveNotifications(Duration.ofSeconds(1)).stream()
                        .anyMatch(body -> body.contains("\"s3:TestEvent\"")));
    }

    private static S3EventNotificationRecord awaitRecordFor(String key) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> {
                            RunningDevstack.receiveNotifications(Duration.ofSeconds(1));
                            return allRecords().stream()
                                    .filter(r -> decodedKey(r).equals(key))
                                    .findFirst()
                                    .orElse(null);
                        },
                        r -> r != null);
    }

    private static List<S3EventNotificationRecord> allRecords() {
        return RunningDevstack.receiveNotifications(Duration.ZERO).stream()
                .map(S3EventNotification::fromJson)
                .filter(n -> n.getRecords() != null)
                .flatMap(n -> n.getRecords().stream())
                .toList();
    }

    private static String decodedKey(S3EventNotificationRecord record) {
        return URLDecoder.decode(record.getS3().getObject().getKey(), StandardCharsets.UTF_8);
    }
}
