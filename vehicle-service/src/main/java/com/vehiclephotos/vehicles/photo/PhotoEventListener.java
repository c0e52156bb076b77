package com.vehiclephotos.vehicles.photo;

import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.Topics;
import com.vehiclephotos.kafka.KafkaTrace;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/**
 * Thin: one event in, one application call, one log line with the photo's id (MDC {@code photoId})
 * and the trace the event's {@code traceparent} header continues. Retries and dead letters are
 * KafkaConfiguration's.
 */
@Component
class PhotoEventListener {

    private static final Logger log = LoggerFactory.getLogger(PhotoEventListener.class);
    private final PhotoService photos;
    private final KafkaTrace trace;

    PhotoEventListener(PhotoService photos, KafkaTrace trace) {
        this.photos = photos;
        this.trace = trace;
    }

    @KafkaListener(
            id = "photo-events",
            topics = {Topics.PHOTO_UPLOADED, Topics.PHOTO_READY, Topics.PHOTO_REJECTED},
            groupId = "${vehicles.kafka.group-id:vehicle-service}")
    void on(PhotoEvent event, @Header(name = KafkaTrace.HEADER, required = false) String traceparent) {
        try (var mdc = MDC.putCloseable("photoId", event.photoId().toString());
                var span = trace.continueFrom(
                        traceparent, "apply " + event.getClass().getSimpleName())) {
            // Blocking the consumer thread is the point: the partition waits for the database, offsets are
            // committed only after the write, and past 30 s the error handler retries the record with back-off.
            var outcome = photos.apply(event).block(Duration.ofSeconds(30));
            log.info(
                    "{} of photo {} for vehicle {}: {}",
                    event.getClass().getSimpleName(),
                    event.photoId(),
                    event.vehicleId(),
                    outcome);
        }
    }
}
