package com.vehiclephotos.media.processing;

import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.PhotoUploaded;
import com.vehiclephotos.events.Topics;
import com.vehiclephotos.kafka.KafkaTrace;
import com.vehiclephotos.media.step.MediaProperties;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * The slow lane: media-processor's own topic and one listener thread, for the uploads that must
 * not hold back the photos behind them on photo.uploaded.v1 — another try of a file that failed
 * (not the infrastructure), after a delay, with its attempt number; and a photo whose decode is
 * heavy, at once. A record carries the time before which it must not run; all delays are the same,
 * so waiting for the first one's turn holds back none that is due sooner.
 */
@Component
class SlowLane {

    /** media-processor's own topic; nothing else reads it. */
    static final String TOPIC = Topics.PHOTO_UPLOADED + ".slow";

    static final String ATTEMPT = "media-attempt";
    static final String NOT_BEFORE = "media-not-before";

    private final KafkaTemplate<String, PhotoEvent> kafka;
    private final Duration delay;
    private final Clock clock = Clock.systemUTC();

    SlowLane(KafkaTemplate<String, PhotoEvent> kafka, MediaProperties properties) {
        this.kafka = kafka;
        this.delay = properties.slowLane().delay();
    }

    /** Schedules try number {@code attempt} after the delay; returns once Kafka has acknowledged it (or throws RetryLater). */
    void retry(PhotoUploaded upload, int attempt, @Nullable String announcedIn) {
        send(upload, attempt, clock.millis() + delay.toMillis(), announcedIn, "the retry of photo ");
    }

    /** Moves a heavy photo, still on try {@code attempt}, to this lane at once. */
    void divert(PhotoUploaded upload, int attempt, @Nullable String announcedIn) {
        send(upload, attempt, clock.millis(), announcedIn, "heavy photo ");
    }

    /** {@code announcedIn}: the trace of the upload's announcement (the bridge's), kept for the next try. */
    private void send(PhotoUploaded upload, int attempt, long notBefore, @Nullable String announcedIn, String what) {
        var record = new ProducerRecord<String, PhotoEvent>(TOPIC, Topics.keyOf(upload), upload);
        record.headers().add(ATTEMPT, Integer.toString(attempt).getBytes(StandardCharsets.US_ASCII));
        record.headers().add(NOT_BEFORE, Long.toString(notBefore).getBytes(StandardCharsets.US_ASCII));
        if (announcedIn != null) {
            record.headers().add(KafkaTrace.HEADER, announcedIn.getBytes(StandardCharsets.US_ASCII));
        }
        Send.acknowledged(kafka, record, what + upload.photoId());
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
