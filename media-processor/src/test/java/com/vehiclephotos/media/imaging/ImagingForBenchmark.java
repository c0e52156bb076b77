package com.vehiclephotos.media.imaging;

import com.vehiclephotos.media.pipeline.MediaProperties;
import com.vehiclephotos.media.pipeline.PhotoWork;

/** The image work of the pipeline (Measure, Decode, Resize) without storage or scanner, for the benchmark. */
public final class ImagingForBenchmark {

    private final Measure measure;
    private final Decode decode;
    private final Resize resize;

    public ImagingForBenchmark(MediaProperties properties) {
        this.measure = new Measure(properties);
        this.decode = new Decode(properties, new MemoryBudget(properties));
        this.resize = new Resize(properties);
    }

    public PhotoWork process(PhotoWork work) {
        for (var step : new com.vehiclephotos.media.pipeline.Step[] {measure, decode, resize}) {
            if (step.apply(work).isPresent()) {
                throw new IllegalStateException(step.name() + " stopped " + work.upload().key());
            }
        }
        return work;
    }
}
