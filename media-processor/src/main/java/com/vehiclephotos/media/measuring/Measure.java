package com.vehiclephotos.media.measuring;

import com.vehiclephotos.events.RejectionReason;
import com.vehiclephotos.media.step.ImageStructure;
import com.vehiclephotos.media.step.MediaProperties;
import com.vehiclephotos.media.step.Outcome;
import com.vehiclephotos.media.step.PhotoWork;
import com.vehiclephotos.media.step.Step;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The container's structure and the image's size, from the bytes alone, before the scan and long
 * before any decoder: a 30000 × 30000 PNG of 100 KB, a zTXt chunk that inflates to gigabytes or a
 * JPEG of thousands of scans stops here in milliseconds. No image library runs in the service on
 * untrusted bytes; the decoders run in the workers, which check these dimensions again.
 */
@Component
public class Measure implements Step {

    private final MediaProperties properties;
    private final StructureLimits limits;

    public Measure(MediaProperties properties) {
        this.properties = properties;
        var s = properties.structure();
        this.limits = new StructureLimits(s.maxJpegScans(), s.maxMetadata().toBytes(), s.maxFrames());
    }

    @Override
    public Optional<Outcome> apply(PhotoWork work) {
        ImageStructure structure;
        try {
            structure = switch (work.detectedType()) {
                case "image/jpeg" -> JpegStructure.read(work.bytes(), limits);
                case "image/png" -> PngStructure.read(work.bytes(), limits);
                case "image/webp" -> WebpStructure.read(work.bytes(), limits);
                case "image/heic", "image/heif", "image/avif" -> HeifStructure.read(work.bytes(), limits);
                default ->
                    throw new Unacceptable(
                            RejectionReason.UNSUPPORTED_TYPE,
                            "No structure check exists for " + work.detectedType() + ".");
            };
        } catch (Unacceptable e) {
            return Step.reject(e.reason(), e.getMessage());
        }
        if (structure.pixels() > properties.maxPixels()) {
            return Step.reject(
                    RejectionReason.TOO_MANY_PIXELS,
                    String.format(
                            "The image has %d × %d = %.1f megapixels; the limit is %.1f.",
                            structure.width(),
                            structure.height(),
                            structure.pixels() / 1e6,
                            properties.maxPixels() / 1e6));
        }
        work.measured(structure);
        return Step.next();
    }
}
