package com.vehiclephotos.media.worker;

import com.vehiclephotos.media.imaging.RenderSpec;
import com.vehiclephotos.media.step.MediaProperties;
import com.vehiclephotos.media.step.Outcome;
import com.vehiclephotos.media.step.PhotoWork;
import com.vehiclephotos.media.step.PhotoWork.Insight;
import com.vehiclephotos.media.step.PhotoWork.QualityFlag;
import com.vehiclephotos.media.step.Step;
import com.vehiclephotos.media.worker.WorkerProtocol.Result;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Decode, orient, convert to sRGB, resize and re-encode — in a worker process, never in this one:
 * a decoder that a file crashes, exhausts or stalls takes down a worker, not the service. The
 * worker's refusal is the photo's rejection; a worker that did not make it is a Failed outcome,
 * which the processor retries a bounded number of times.
 */
@Component
public class Render implements Step {

    private final WorkerPool workers;
    private final RenderSpec spec;
    private final MeterRegistry meters;
    private final int minShortEdge;

    Render(WorkerPool workers, MediaProperties properties, MeterRegistry meters) {
        this.workers = workers;
        this.meters = meters;
        this.minShortEdge = properties.minShortEdge();
        this.spec = new RenderSpec(
                properties.originalMaxEdge(),
                properties.variants(),
                Math.round(properties.jpegQuality() * 100),
                properties.maxPixels());
    }

    @Override
    public Optional<Outcome> apply(PhotoWork work) {
        var result =
                workers.render(new WorkerProtocol.Request(work.detectedType(), work.structure(), spec, work.bytes()));
        if (result instanceof Result.Refused refused) {
            return Step.reject(refused.reason(), refused.detail());
        }
        if (result instanceof Result.Failed failed) {
            return Optional.of(new Outcome.Failed(failed.detail()));
        }
        var rendered = (Result.Rendered) result;
        rendered.renditions().forEach(work::rendered);
        var quality = new ArrayList<>(rendered.insight().quality());
        QualityFlag.lowResolution(work.structure(), minShortEdge).ifPresent(quality::add);
        work.insight(new Insight(
                rendered.insight().thumbHash(),
                rendered.insight().dominantRgb(),
                rendered.insight().perceptualHash(),
                quality));
        meters.timer("media.step", "step", "decode").record(Duration.ofNanos(rendered.decodeNanos()));
        meters.timer("media.step", "step", "resize").record(Duration.ofNanos(rendered.resizeNanos()));
        return Step.next();
    }
}
