package com.vehiclephotos.media.worker;

import static org.awaitility.Awaitility.await;

import com.vehiclephotos.media.imaging.RenderSpec;
import com.vehiclephotos.media.measuring.Measure;
import com.vehiclephotos.media.step.MediaProperties;
import com.vehiclephotos.media.step.PhotoWork;
import com.vehiclephotos.media.step.PhotoWork.Rendition;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The image work as the service does it — Measure here, the rest in one real worker process over
 * the protocol — without storage or scanner, for the benchmark.
 */
public final class ImagingForBenchmark implements AutoCloseable {

    private final Measure measure;
    private final WorkerPool pool;
    private final RenderSpec spec;

    public ImagingForBenchmark(MediaProperties properties) {
        this.measure = new Measure(properties);
        this.pool = new WorkerPool(properties, new SimpleMeterRegistry());
        this.spec = new RenderSpec(
                properties.originalMaxEdge(),
                properties.variants(),
                Math.round(properties.jpegQuality() * 100),
                properties.maxPixels());
        pool.start();
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> !pool.pids().isEmpty());
    }

    public List<Rendition> process(PhotoWork work) {
        if (measure.apply(work).isPresent()) {
            throw new IllegalStateException("measure stopped " + work.upload().key());
        }
        var result = pool.render(new WorkerProtocol.Request(work.detectedType(), work.structure(), spec, work.bytes()));
        if (!(result instanceof WorkerProtocol.Result.Rendered rendered)) {
            throw new IllegalStateException(
                    "the worker did not render " + work.upload().key() + ": " + result);
        }
        return rendered.renditions();
    }

    /** Resets the worker's peak resident set (Linux: clear_refs 5), so that the next photo's peak can be read. */
    public void resetPeak() throws IOException {
        Files.writeString(Path.of("/proc", Long.toString(pid()), "clear_refs"), "5");
    }

    /** The worker's peak resident set since the last reset, in MiB. */
    public double peakMb() throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status")).stream()
                        .filter(l -> l.startsWith("VmHWM"))
                        .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
                        .findFirst()
                        .orElse(0)
                / 1024.0;
    }

    private long pid() {
        return pool.pids().iterator().next();
    }

    @Override
    public void close() {
        pool.stop();
    }
}
