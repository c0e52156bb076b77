package com.vehiclephotos.devstack.s3;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes S3 event notification messages in AWS's documented structure (event message version 2.1),
 * as S3 delivers them to SQS: one record per message, the key form-URL-encoded (space as {@code +},
 * {@code /} kept), and a sequencer that grows with every event so consumers can order events of a key.
 */
public final class S3EventMessages {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

    private final String region;
    private final String configurationId;
    // Seeded from the clock so that sequencers keep growing across devstack restarts.
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() * 1_000_000L);

    public S3EventMessages(String region, String configurationId) {
        this.region = region;
        this.configurationId = configurationId;
    }

    /** One ObjectCreated record, e.g. eventName {@code ObjectCreated:Put}. */
    public String objectCreated(String eventName, String bucket, String key, long size, String eTag, Instant when) {
        var record = JSON.createObjectNode();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", region);
        record.put("eventTime", TIME.format(when.truncatedTo(ChronoUnit.MILLIS)));
        record.put("eventName", eventName);
        record.putObject("userIdentity").put("principalId", "AWS:DEVSTACK");
        record.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
        var response = record.putObject("responseElements");
        var requestId =
                UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
        response.put("x-amz-request-id", requestId);
        response.put("x-amz-id-2", requestId + "/devstack");
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", configurationId);
        var bucketNode = s3.putObject("bucket");
        bucketNode.put("name", bucket);
        bucketNode.putObject("ownerIdentity").put("principalId", "DEVSTACK");
        bucketNode.put("arn", "arn:aws:s3:::" + bucket);
        var object = s3.putObject("object");
        object.put("key", encodeKey(key));
        object.put("size", size);
        object.put("eTag", unquote(eTag));
        object.put("sequencer", String.format("%018X", sequence.incrementAndGet()));
        var message = JSON.createObjectNode();
        message.putArray("Records").add(record);
        return message.toString();
    }

    /** The message S3 sends to a queue when a notification configuration is put on a bucket. */
    public String testEvent(String bucket, Instant when) {
        var message = JSON.createObjectNode();
        message.put("Service", "Amazon S3");
        message.put("Event", "s3:TestEvent");
        message.put("Time", TIME.format(when.truncatedTo(ChronoUnit.MILLIS)));
        message.put("Bucket", bucket);
        message.put("RequestId", UUID.randomUUID().toString());
        message.put("HostId", "devstack");
        return message.toString();
    }

    /** Form-URL encoding as S3 applies it to keys in event messages. */
    static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    private static String unquote(String eTag) {
        if (eTag == null) {
            return "";
        }
        return eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")
                ? eTag.substring(1, eTag.length() - 1)
                : eTag;
    }
}
