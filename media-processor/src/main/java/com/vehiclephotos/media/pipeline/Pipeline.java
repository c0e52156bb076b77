package com.vehiclephotos.media.pipeline;

import com.vehiclephotos.events.PhotoReady;
import com.vehiclephotos.events.QualityFlag;
import com.vehiclephotos.media.inspecting.Deduplicate;
import com.vehiclephotos.media.inspecting.Download;
import com.vehiclephotos.media.inspecting.Inspect;
import com.vehiclephotos.media.measuring.Divert;
import com.vehiclephotos.media.measuring.Measure;
import com.vehiclephotos.media.publishing.Publish;
import com.vehiclephotos.media.scanning.Scan;
import com.vehiclephotos.media.sniffing.Sniff;
import com.vehiclephotos.media.step.Outcome;
import com.vehiclephotos.media.step.PhotoWork;
import com.vehiclephotos.media.step.RetryLater;
import com.vehiclephotos.media.step.Step;
import com.vehiclephotos.media.worker.Render;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Everything the processor does to an upload, in order — cheap checks first, untrusted decoding in
 * a worker process, publishing last; the one record of that order. Only broken infrastructure
 * ({@link RetryLater}) escapes; any other exception of a step is this file's failure, so one file can
 * never stop the listener. The steps know only their contract ({@code step/}); this list knows the
 * steps, and {@code processing/} (Kafka) knows this list.
 */
@Component
public class Pipeline {

    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    private final List<Step> steps;
    private final MeterRegistry meters;

    Pipeline(
            Inspect inspect,
            Deduplicate deduplicate,
            Download download,
            Sniff sniff,
            Measure measure,
            Divert divert,
            Scan scan,
            Render render,
            Publish publish,
            MeterRegistry meters) {
        this.steps = List.of(
                inspect, // HEAD: still there, the version notified? empty? over the size limit?
                deduplicate, // one presign, one photo: a second upload for a judged photo is dropped
                download, // bounded GET and SHA-256
                sniff, // real type from the bytes; declared type must match; no polyglots
                measure, // structure and dimensions from the bytes: pixel cap, scans, metadata bombs, frames
                divert, // heavy to decode: to the slow lane, so that no photo waits behind it
                scan, // ClamAV, fail closed
                render, // in a worker process: decode, upright, sRGB, capped original and variants, no metadata
                publish); // PUT to the media bucket
        this.meters = meters;
    }

    /** Runs the steps until one stops the photo; all of them means it is ready. What the steps learnt stays readable in {@code work}. */
    public Outcome process(PhotoWork work, Clock clock) {
        var upload = work.upload();
        try {
            for (var step : steps) {
                var sample = Timer.start(meters);
                var verdict = step.apply(work);
                sample.stop(meters.timer("media.step", "step", step.name()));
                if (verdict.isPresent()) {
                    return verdict.get();
                }
            }
            return new Outcome.Ready(ready(work, clock));
        } catch (RetryLater e) {
            throw e;
        } catch (Throwable e) {
            log.error("Photo {} failed in the processor itself", upload.photoId(), e);
            return new Outcome.Failed("Processing failed: " + e.getClass().getSimpleName());
        } finally {
            work.release();
        }
    }

    private static PhotoReady ready(PhotoWork work, Clock clock) {
        var images = work.publishedImages();
        var upload = work.upload();
        var insight = work.insight();
        var variants = new ArrayList<>(images.subList(1, images.size()));
        Collections.reverse(variants); // smallest first
        return new PhotoReady(
                upload.photoId(),
                upload.ownerId(),
                upload.vehicleId(),
                images.get(0),
                variants,
                work.sha256(),
                clock.instant(),
                insight == null ? null : Base64.getEncoder().encodeToString(insight.thumbHash()),
                insight == null ? null : String.format("#%06x", insight.dominantRgb()),
                insight == null
                        ? null
                        : insight.quality().stream()
                                .map(f -> new QualityFlag(f.flag(), f.score()))
                                .toList(),
                insight == null ? null : String.format("%016x", insight.perceptualHash()),
                work.structure().capture().saysNothing()
                        ? null
                        : work.structure().capture());
    }
}
