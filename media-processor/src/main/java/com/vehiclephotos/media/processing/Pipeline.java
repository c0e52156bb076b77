package com.vehiclephotos.media.processing;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.vehiclephotos.events.PhotoReady;
import com.vehiclephotos.events.PhotoUploaded;
import com.vehiclephotos.media.imaging.Decode;
import com.vehiclephotos.media.imaging.Measure;
import com.vehiclephotos.media.imaging.Resize;
import com.vehiclephotos.media.inspecting.Download;
import com.vehiclephotos.media.inspecting.Inspect;
import com.vehiclephotos.media.pipeline.Outcome;
import com.vehiclephotos.media.pipeline.PhotoWork;
import com.vehiclephotos.media.pipeline.RetryLater;
import com.vehiclephotos.media.pipeline.Step;
import com.vehiclephotos.media.publishing.Publish;
import com.vehiclephotos.media.scanning.Scan;
import com.vehiclephotos.media.sniffing.Sniff;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Everything the processor does to an upload, in order — cheap checks first, publishing last. */
@Component
public class Pipeline {

    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    private final List<Step> steps;
    private final MeterRegistry meters;

    Pipeline(Inspect inspect, Download download, Sniff sniff, Scan scan, Measure measure, Decode decode, Resize resize,
             Publish publish, MeterRegistry meters) {
        this.steps = List.of(
                inspect,   // HEAD: still there? empty? over the size limit?
                download,  // bounded GET and SHA-256
                sniff,     // real type from the bytes; declared type must match; no polyglots
                scan,      // ClamAV, fail closed
                measure,   // dimensions from the header: the pixel cap before any decoding
                decode,    // once, within the memory budget; upright; sRGB
                resize,    // capped original and variants, re-encoded without metadata
                publish);  // PUT to the media bucket
        this.meters = meters;
    }

    public List<Step> steps() {
        return steps;
    }

    /** Runs the steps until one stops the photo; all of them means it is ready. */
    public Outcome process(PhotoUploaded upload, java.time.Clock clock) {
        return process(new PhotoWork(upload), clock);
    }

    /** As above, leaving what the steps learnt (the upload's trace context) readable in {@code work}. */
    public Outcome process(PhotoWork work, java.time.Clock clock) {
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
            log.warn("Photo {} will be retried: {}", upload.photoId(), e.getMessage());
            return new Outcome.Retry(e);
        } finally {
            work.release();
        }
    }

    private static PhotoReady ready(PhotoWork work, java.time.Clock clock) {
        var images = work.publishedImages();
        var upload = work.upload();
        var variants = new java.util.ArrayList<>(images.subList(1, images.size()));
        java.util.Collections.reverse(variants); // smallest first
        return new PhotoReady(upload.photoId(), upload.ownerId(), upload.vehicleId(), images.get(0), variants,
                work.sha256(), clock.instant());
    }
}
