package com.vehiclephotos.media.processing;

import com.vehiclephotos.events.PhotoDeleted;
import com.vehiclephotos.events.PhotoEvent;
import com.vehiclephotos.events.PhotoId;
import com.vehiclephotos.events.PhotoRejected;
import com.vehiclephotos.events.PhotoUploaded;
import com.vehiclephotos.events.RejectionReason;
import com.vehiclephotos.events.Topics;
import com.vehiclephotos.events.storage.MediaKey;
import com.vehiclephotos.events.storage.UploadKey;
import com.vehiclephotos.kafka.KafkaTrace;
import com.vehiclephotos.media.inspecting.Deduplicate;
import com.vehiclephotos.media.pipeline.Pipeline;
import com.vehiclephotos.media.step.Lane;
import com.vehiclephotos.media.step.MediaProperties;
import com.vehiclephotos.media.step.Outcome;
import com.vehiclephotos.media.step.PhotoWork;
import com.vehiclephotos.media.step.RetryLater;
import com.vehiclephotos.media.step.Storage;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;

/**
 * Turns an outcome into its effects, in the order that keeps promise 1: announce first (Kafka
 * acknowledged), then delete the upload. A crash in between repeats the work — same keys, an
 * equivalent event — and never loses the photo. A file that fails (not the infrastructure) is tried
 * again on the slow lane, {@code media.slow-lane.max-retries} times at most, then rejected as
 * UNPROCESSABLE: every photo reaches a terminal state in bounded time.
 */
@Service
class PhotoProcessor {

    private static final Logger log = LoggerFactory.getLogger(PhotoProcessor.class);
    private final Pipeline pipeline;
    private final Storage storage;
    private final KafkaTemplate<String, PhotoEvent> kafka;
    private final MediaProperties properties;
    private final MeterRegistry meters;
    private final KafkaTrace trace;
    private final SlowLane slowLane;
    private final Clock clock = Clock.systemUTC();

    PhotoProcessor(
            Pipeline pipeline,
            Storage storage,
            KafkaTemplate<String, PhotoEvent> kafka,
            MediaProperties properties,
            MeterRegistry meters,
            KafkaTrace trace,
            SlowLane slowLane) {
        this.trace = trace;
        this.slowLane = slowLane;
        this.pipeline = pipeline;
        this.storage = storage;
        this.kafka = kafka;
        this.properties = properties;
        this.meters = meters;
    }

    /**
     * Try number {@code attempt} (1 for the first), with the photo's id in every log line (MDC
     * {@code photoId}); the outcome is announced in the upload's trace. Broken infrastructure is
     * thrown on ({@link RetryLater}) for the listener's error handler: the partition waits.
     */
    void process(PhotoUploaded upload, int attempt, Lane lane, @Nullable String announcedIn) {
        try (var mdc = MDC.putCloseable("photoId", upload.photoId().toString())) {
            processNow(upload, attempt, lane, announcedIn);
        } catch (RetryLater e) {
            meters.counter("media.outcomes", "outcome", "retry", "reason", "none")
                    .increment();
            log.warn("Photo {} waits for the infrastructure: {}", upload.photoId(), e.getMessage());
            throw e;
        }
    }

    private void processNow(PhotoUploaded upload, int attempt, Lane lane, @Nullable String announcedIn) {
        var work = new PhotoWork(upload, lane);
        var outcome = pipeline.process(work, clock);
        if (outcome instanceof Outcome.Diverted) {
            slowLane.divert(upload, attempt, announcedIn);
            meters.counter("media.outcomes", "outcome", "diverted", "reason", "none")
                    .increment();
            log.info("Photo {} is heavy to decode: rendered on the slow lane", upload.photoId());
            return;
        }
        if (outcome instanceof Outcome.Failed failed) {
            if (attempt <= properties.slowLane().maxRetries()) {
                slowLane.retry(upload, attempt + 1, announcedIn);
                meters.counter("media.outcomes", "outcome", "failed", "reason", "none")
                        .increment();
                log.warn(
                        "Photo {} failed on try {}, tried again later: {}", upload.photoId(), attempt, failed.detail());
                return;
            }
            outcome = new Outcome.Rejected(
                    RejectionReason.UNPROCESSABLE,
                    String.format("Tried %d times; the last time: %s", attempt, failed.detail()));
        }
        // the presign request's trace, from the upload's metadata: PhotoReady/PhotoRejected carry it on;
        // linked to the bridge's trace, in which the upload was announced
        try (var span = trace.continueFrom(
                work.traceparent().orElse(null),
                "photo " + outcome.getClass().getSimpleName().toLowerCase(),
                announcedIn)) {
            handle(upload, outcome);
        }
    }

    private void handle(PhotoUploaded upload, Outcome outcome) {
        if (outcome instanceof Outcome.Ready ready) {
            if (deletedMeanwhile(upload.photoId())) {
                removeNow(new PhotoDeleted(upload.photoId(), upload.vehicleId(), upload.ownerId(), clock.instant()));
                meters.counter("media.outcomes", "outcome", "deleted", "reason", "none")
                        .increment();
                log.info(
                        "Photo {} was deleted while it was processed: what was published is removed again",
                        upload.photoId());
                return;
            }
            announce(ready.event());
            judged(upload, "ready");
            storage.delete(upload.bucket(), upload.key());
            meters.counter("media.outcomes", "outcome", "ready", "reason", "none")
                    .increment();
            meters.counter("media.bytes.in").increment(upload.size());
            meters.counter("media.bytes.out")
                    .increment(ready.event().original().bytes()
                            + ready.event().variants().stream()
                                    .mapToLong(i -> i.bytes())
                                    .sum());
            log.info(
                    "Photo {} is ready: {} images",
                    upload.photoId(),
                    1 + ready.event().variants().size());
        } else if (outcome instanceof Outcome.Rejected rejected) {
            announce(new PhotoRejected(
                    upload.photoId(),
                    upload.ownerId(),
                    upload.vehicleId(),
                    rejected.reason(),
                    rejected.detail(),
                    clock.instant()));
            judged(upload, "rejected");
            storage.delete(upload.bucket(), upload.key());
            meters.counter(
                            "media.outcomes",
                            "outcome",
                            "rejected",
                            "reason",
                            rejected.reason().name())
                    .increment();
            log.info("Photo {} rejected: {} ({})", upload.photoId(), rejected.reason(), rejected.detail());
        } else if (outcome instanceof Outcome.Duplicate duplicate) {
            storage.delete(upload.bucket(), upload.key());
            meters.counter("media.outcomes", "outcome", "duplicate", "reason", "none")
                    .increment();
            log.warn("Photo {}: {}", upload.photoId(), duplicate.detail());
        } else if (outcome instanceof Outcome.Gone) {
            meters.counter("media.outcomes", "outcome", "gone", "reason", "none")
                    .increment();
            log.info("Photo {}: the upload is gone, handled before", upload.photoId());
        }
    }

    /**
     * The marker that makes a later, different upload for this photo a duplicate (see Deduplicate):
     * written after the announcement and before the upload is deleted, so no second PUT can land in
     * between (S3 refuses it while the upload exists: the URL is signed with If-None-Match: *).
     */
    private void judged(PhotoUploaded upload, String outcome) {
        mark(upload.photoId(), upload.eTag().replace("\"", ""), outcome);
    }

    private void mark(PhotoId photo, String judgedETag, String outcome) {
        storage.put(
                properties.uploadsBucket(),
                Deduplicate.markerKey(photo),
                new byte[0],
                "application/octet-stream",
                null,
                Map.of(Deduplicate.JUDGED_ETAG, judgedETag, "outcome", outcome));
    }

    /**
     * The owner deleted the photo while it was being processed. Narrows the window only: a deletion
     * after this check is caught by vehicle-service, which answers a READY for a deleted photo with
     * another PhotoDeleted.
     */
    private boolean deletedMeanwhile(PhotoId photo) {
        return storage.head(properties.uploadsBucket(), Deduplicate.markerKey(photo))
                .map(marker -> "deleted".equals(marker.metadata().get(Deduplicate.JUDGED_ETAG)))
                .orElse(false);
    }

    /** The owner deleted the photo: remove what was published, and the upload if it is still waiting. */
    void remove(PhotoDeleted deleted) {
        try (var mdc = MDC.putCloseable("photoId", deleted.photoId().toString())) {
            removeNow(deleted);
        }
    }

    private void removeNow(PhotoDeleted deleted) {
        // first, so that an upload still on its way (or a second PUT to the URL) is dropped as a duplicate
        mark(deleted.photoId(), "deleted", "deleted");
        int media = storage.deletePrefix(
                properties.mediaBucket(), MediaKey.photoPrefix(deleted.vehicleId(), deleted.photoId()));
        int uploads = storage.deletePrefix(
                properties.uploadsBucket(),
                UploadKey.prefixOf(deleted.ownerId(), deleted.vehicleId(), deleted.photoId()));
        log.info("Photo {} deleted: {} published and {} uploaded objects removed", deleted.photoId(), media, uploads);
    }

    private void announce(PhotoEvent event) {
        var record = new ProducerRecord<String, PhotoEvent>(Topics.topicOf(event), Topics.keyOf(event), event);
        trace.inject(record.headers());
        Send.acknowledged(kafka, record, "the event of photo " + event.photoId());
    }
}
