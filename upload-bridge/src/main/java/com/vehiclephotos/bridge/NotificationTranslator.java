package com.vehiclephotos.bridge;

import com.vehiclephotos.events.PhotoUploaded;
import com.vehiclephotos.events.storage.UploadKey;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotification;
import software.amazon.awssdk.eventnotifications.s3.model.S3EventNotificationRecord;

/** Turns an S3 notification message body into PhotoUploaded events, using the AWS SDK's own parser. */
final class NotificationTranslator {

    private final String bucket;

    NotificationTranslator(String bucket) {
        this.bucket = bucket;
    }

    Translation translate(String body) {
        if (body == null || body.isBlank()) {
            return new Translation.Poison("empty message body");
        }
        S3EventNotification notification;
        try {
            notification = S3EventNotification.fromJson(body);
        } catch (RuntimeException e) {
            return new Translation.Poison("not an S3 event notification: " + e.getMessage());
        }
        if (notification.getRecords() == null || notification.getRecords().isEmpty()) {
            return body.contains("\"s3:TestEvent\"")
                    ? new Translation.Skip("s3:TestEvent")
                    : new Translation.Poison("no Records in the message");
        }
        var events = new ArrayList<PhotoUploaded>();
        var problems = new ArrayList<String>();
        var skipped = 0;
        for (var record : notification.getRecords()) {
            if (record.getEventName() == null || !record.getEventName().startsWith("ObjectCreated:")) {
                skipped++;
                continue;
            }
            try {
                events.add(toEvent(record));
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
            }
        }
        if (events.isEmpty() && problems.isEmpty()) {
            return new Translation.Skip(skipped + " record(s) that are not ObjectCreated");
        }
        if (events.isEmpty()) {
            return new Translation.Poison(String.join("; ", problems));
        }
        return new Translation.Bridge(events, problems);
    }

    private PhotoUploaded toEvent(S3EventNotificationRecord record) {
        var s3 = record.getS3();
        if (s3 == null
                || s3.getBucket() == null
                || s3.getObject() == null
                || s3.getObject().getKey() == null) {
            throw new IllegalArgumentException("record without bucket or object");
        }
        if (!bucket.equals(s3.getBucket().getName())) {
            throw new IllegalArgumentException(
                    "record for bucket '" + s3.getBucket().getName() + "', not '" + bucket + "'");
        }
        var key = URLDecoder.decode(s3.getObject().getKey(), StandardCharsets.UTF_8);
        var ids = UploadKey.parse(key)
                .orElseThrow(() -> new IllegalArgumentException("key outside the upload layout: " + key));
        var object = s3.getObject();
        var size = object.getSizeAsLong() == null ? 0L : object.getSizeAsLong();
        var sequencer = object.getSequencer() == null || object.getSequencer().isBlank()
                ? "unsequenced-" + record.getEventTime()
                : object.getSequencer();
        var eventTime = record.getEventTime() == null ? Instant.now() : record.getEventTime();
        return new PhotoUploaded(
                ids.photo(),
                ids.owner(),
                ids.vehicle(),
                bucket,
                key,
                size,
                object.getETag() == null ? "" : object.getETag(),
                object.getVersionId(),
                sequencer,
                eventTime);
    }
}
