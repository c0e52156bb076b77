package com.vehiclephotos.media.processing;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;

import com.vehiclephotos.events.PhotoDeleted;
import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.PhotoRejected;
import com.vehiclephotos.events.PhotoUploaded;
import com.vehiclephotos.events.Topics;
import com.vehiclephotos.kafka.KafkaTrace;
import com.vehiclephotos.media.pipeline.MediaProperties;
import com.vehiclephotos.media.pipeline.Outcome;
import com.vehiclephotos.media.pipeline.PhotoWork;
import com.vehiclephotos.media.pipeline.RetryLater;
import com.vehiclephotos.media.pipeline.Storage;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Turns an outcome into its effects, in the order that keeps promise 1: announce first (Kafka
 * acknowledged), then delete the upload. A crash in between repeats the work — same keys, an
 * equivalent event — and never loses the photo.
 */
@Service
class PhotoProcessor {

    private static final Logger log = LoggerFactory.getLogger(PhotoProcessor.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final Pipeline pipeline;
    private final Storage storage;
    private final KafkaTemplate<String, PhotoEvent> kafka;
    private final MediaProperties properties;
    private final MeterRegistry meters;
    private final KafkaTrace trace;
    private final Clock clock = Clock.systemUTC();

    PhotoProcessor(Pipeline pipeline, Storage storage, KafkaTemplate<String, PhotoEvent> kafka, MediaProperties properties,
                   MeterRegistry meters, KafkaTrace trace) {
        this.trace = trace;
        this.pipeline = pipeline;
        this.storage = storage;
        this.kafka = kafka;
        this.properties = properties;
        this.meters = meters;
    }

    /** With the photo's id in every log line (MDC {@code photoId}); the outcome is announced in the upload's trace. */
    void process(PhotoUploaded upload) {
        try (var mdc = MDC.putCloseable("photoId", upload.photoId().toString())) {
            var work = new PhotoWork(upload);
            var outcome = pipeline.process(work, clock);
            // the presign request's trace, from the upload's metadata: PhotoReady/PhotoRejected carry it on
            try (var span = trace.continueFrom(work.traceparent().orElse(null), "photo " + outcome.getClass().getSimpleName().toLowerCase())) {
                handle(upload, outcome);
            }
        }
    }

    private void handle(PhotoUploaded upload, Outcome outcome) {
        if (outcome instanceof Outcome.Ready ready) {
            announce(ready.event());
            storage.delete(upload.bucket(), upload.key());
            meters.counter("media.outcomes", "outcome", "ready", "reason", "none").increment();
            meters.counter("media.bytes.in").increment(upload.size());
            meters.counter("media.bytes.out").increment(ready.event().original().bytes()
                    + ready.event().variants().stream().mapToLong(i -> i.bytes()).sum());
            log.info("Photo {} is ready: {} images", upload.photoId(), 1 + ready.event().variants().size());
        } else if (outcome instanceof Outcome.Rejected rejected) {
            announce(new PhotoRejected(upload.photoId(), upload.ownerId(), upload.vehicleId(), rejected.reason(),
                    rejected.detail(), clock.instant()));
            storage.delete(upload.bucket(), upload.key());
            meters.counter("media.outcomes", "outcome", "rejected", "reason", rejected.reason().name()).increment();
            log.info("Photo {} rejected: {} ({})", upload.photoId(), rejected.reason(), rejected.detail());
        } else if (outcome instanceof Outcome.Gone) {
            meters.counter("media.outcomes", "outcome", "gone", "reason", "none").increment();
            log.info("Photo {}: the upload is gone, handled before", upload.photoId());
        } else if (outcome instanceof Outcome.Retry retry) {
            meters.counter("media.outcomes", "outcome", "retry", "reason", "none").increment();
            throw new RetryLater("Photo " + upload.photoId() + " waits: " + retry.cause().getMessage(), retry.cause());
        }
    }

    /** The owner deleted the photo: remove what was published, and the upload if it is still waiting. */
    void remove(PhotoDeleted deleted) {
        try (var mdc = MDC.putCloseable("photoId", deleted.photoId().toString())) {
            removeNow(deleted);
        }
    }

    private void removeNow(PhotoDeleted deleted) {
        int media = storage.deletePrefix(properties.mediaBucket(), "vehicles/" + deleted.vehicleId() + "/photos/" + deleted.photoId() + "/");
        int uploads = storage.deletePrefix(properties.uploadsBucket(),
                "uploads/" + deleted.ownerId() + "/" + deleted.vehicleId() + "/" + deleted.photoId() + "/");
        log.info("Photo {} deleted: {} published and {} uploaded objects removed", deleted.photoId(), media, uploads);
    }

    private void announce(PhotoEvent event) {
        try {
            var record = new ProducerRecord<String, PhotoEvent>(Topics.topicOf(event), Topics.keyOf(event), event);
            trace.inject(record.headers());
            kafka.send(record).get(SEND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryLater("Interrupted while announcing " + event.photoId(), e);
        } catch (Exception e) {
            throw new RetryLater("Kafka did not acknowledge the event of photo " + event.photoId(), e);
        }
    }
}
