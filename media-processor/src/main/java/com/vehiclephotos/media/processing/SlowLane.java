package com.vehiclephotos.media.processing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.PhotoUploaded;
import com.vehiclephotos.events.Topics;
import com.vehiclephotos.media.pipeline.MediaProperties;

/**
 * Another try for a file that failed (not the infrastructure), off the partition it came from: the
 * upload goes to this service's own retry topic with its attempt number and the time before which
 * it must not run. The photos behind it on photo.uploaded.v1 go on at once; the retry topic holds
 * only retries, all with the same delay, so waiting for the first one's turn holds back none that
 * is due sooner.
 */
@Component
class Retries {

    /** media-processor's own topic; nothing else reads it. */
    static final String TOPIC = Topics.PHOTO_UPLOADED + ".retry";
    static final String ATTEMPT = "media-attempt";
    static final String NOT_BEFORE = "media-not-before";

    private final KafkaTemplate<String, PhotoEvent> kafka;
    private final Duration delay;
    private final Clock clock = Clock.systemUTC();

    Retries(KafkaTemplate<String, PhotoEvent> kafka, MediaProperties properties) {
        this.kafka = kafka;
        this.delay = properties.retries().delay();
    }

    /** Schedules try number {@code attempt}; returns once Kafka has acknowledged it (or throws RetryLater). */
    void schedule(PhotoUploaded upload, int attempt) {
        var record = new ProducerRecord<String, PhotoEvent>(TOPIC, Topics.keyOf(upload), upload);
        record.headers().add(ATTEMPT, Integer.toString(attempt).getBytes(StandardCharsets.US_ASCII));
        record.headers().add(NOT_BEFORE, Long.toString(clock.millis() + delay.toMillis()).getBytes(StandardCharsets.US_ASCII));
        Send.acknowledged(kafka, record, "the retry of photo " + upload.photoId());
    }

    /** Waits until a retry is due — at most the configured delay, whatever the header says. */
    void awaitTurn(Headers headers) throws InterruptedException {
        long wait = Math.min(number(headers, NOT_BEFORE, 0) - clock.millis(), delay.toMillis());
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    /** Which try this is: 1 on photo.uploaded.v1, the header's number on the retry topic. */
    static int attemptOf(Headers headers) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, number(headers, ATTEMPT, 1)));
    }

    private static long number(Headers headers, String name, long otherwise) {
        var header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return otherwise;
        }
        try {
            return Long.parseLong(new String(header.value(), StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
