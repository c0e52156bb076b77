package com.vehiclephotos.devstack.s3;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotification;

class S3EventMessagesTest {

    private final S3EventMessages messages = new S3EventMessages("us-east-1", "devstack-test");

    @Test
    void objectCreatedMessageIsReadByTheAwsSdkParser() {
        var json = messages.objectCreated(
                "ObjectCreated:Put",
                "uploads",
                "uploads/o/v/p/photo.jpg",
                1234,
                "\"0123abcd\"",
                Instant.parse("2026-11-28T10:15:30.123456Z"));

        var records = S3EventNotification.fromJson(json).getRecords();

        assertThat(records).hasSize(1);
        var record = records.get(0);
        assertThat(record.getEventVersion()).isEqualTo("2.1");
        assertThat(record.getEventSource()).isEqualTo("aws:s3");
        assertThat(record.getAwsRegion()).isEqualTo("us-east-1");
        assertThat(record.getEventName()).isEqualTo("ObjectCreated:Put");
        assertThat(record.getEventTime()).isEqualTo(Instant.parse("2026-11-28T10:15:30.123Z"));
        assertThat(record.getS3().getBucket().getName()).isEqualTo("uploads");
        assertThat(record.getS3().getBucket().getArn()).isEqualTo("arn:aws:s3:::uploads");
        assertThat(record.getS3().getObject().getKey()).isEqualTo("uploads/o/v/p/photo.jpg");
        assertThat(record.getS3().getObject().getSizeAsLong()).isEqualTo(1234L);
        assertThat(record.getS3().getObject().getETag()).isEqualTo("0123abcd");
        assertThat(record.getS3().getObject().getSequencer()).matches("[0-9A-F]{18}");
    }

    @Test
    void keysAreFormUrlEncodedAsS3DoesKeepingSlashes() {
        var key = "uploads/o/v/p/my photo+1 ü€.jpg";
        var json = messages.objectCreated("ObjectCreated:Put", "uploads", key, 1, "e", Instant.now());

        var encoded = S3EventNotification.fromJson(json)
                .getRecords()
                .get(0)
                .getS3()
                .getObject()
                .getKey();

        assertThat(encoded).isEqualTo("uploads/o/v/p/my+photo%2B1+%C3%BC%E2%82%AC.jpg");
        assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo(key);
    }

    @Test
    void sequencersGrowWithEveryEvent() {
        var first = sequencer(messages.objectCreated("ObjectCreated:Put", "b", "k", 1, "e", Instant.now()));
        var second = sequencer(messages.objectCreated("ObjectCreated:Put", "b", "k", 1, "e", Instant.now()));

        assertThat(second).isGreaterThan(first);
        assertThat(second).hasSameSizeAs(first);
    }

    @Test
    void testEventHasNoRecordsForTheSdkParser() throws Exception {
        var json = messages.testEvent("uploads", Instant.now());

        assertThat(S3EventNotification.fromJson(json).getRecords()).isNullOrEmpty();
        var tree = new ObjectMapper().readTree(json);
        assertThat(tree.get("Event").asText()).isEqualTo("s3:TestEvent");
        assertThat(tree.get("Service").asText()).isEqualTo("Amazon S3");
        assertThat(tree.get("Bucket").asText()).isEqualTo("uploads");
    }

    private static String sequencer(String json) {
        return S3EventNotification.fromJson(json)
                .getRecords()
                .get(0)
                .getS3()
                .getObject()
                .getSequencer();
    }
}
