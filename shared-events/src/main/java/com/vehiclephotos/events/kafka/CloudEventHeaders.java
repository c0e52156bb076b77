package com.vehiclephotos.events.kafka;

import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.PhotoFlagged;
import com.vehiclephotos.events.PhotoUploaded;
import com.vehiclephotos.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;

/**
 * CloudEvents 1.0 in Kafka's binary content mode: the attributes travel as {@code ce_*} headers,
 * the data (JSON) is the record value. The id is derived from the event's content, so a retry or
 * a replay of the same logical event carries the same id and subscribers can dedupe on it.
 */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";
    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {}

    /**
     * Stable per logical event. An upload: from bucket, key and S3's sequencer, so S3's duplicate
     * notifications share an id. A flag: from its type and both photos. Any other event: from its
     * type and photoId, because each photo has at most one of each.
     */
    public static String idOf(PhotoEvent event) {
        var name = event instanceof PhotoUploaded u
                ? "s3://" + u.bucket() + "/" + u.key() + "@" + u.sequencer()
                : event instanceof PhotoFlagged f
                        ? Topics.eventTypeOf(event) + "/" + f.photoId() + "/" + f.matchedPhotoId()
                        : Topics.eventTypeOf(event) + "/" + event.photoId();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static void write(Headers headers, PhotoEvent event, String source) {
        set(headers, ID, idOf(event));
        set(headers, SOURCE, source);
        set(headers, TYPE, Topics.eventTypeOf(event));
        set(headers, SPEC_VERSION, SPEC_VERSION_1_0);
        set(headers, TIME, DateTimeFormatter.ISO_INSTANT.format(event.occurredAt()));
        set(headers, SUBJECT, event.photoId().toString());
        set(headers, CONTENT_TYPE, JSON);
    }

    /** The last value of a header as text, or null. */
    public static String read(Headers headers, String name) {
        var header = headers == null ? null : headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void set(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
