package com.vehiclephotos.media.imaging;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.vehiclephotos.events.RejectionReason;
import com.vehiclephotos.media.pipeline.MediaProperties;
import com.vehiclephotos.media.pipeline.Outcome;
import com.vehiclephotos.media.pipeline.PhotoWork;
import com.vehiclephotos.media.pipeline.Step;

/**
 * Width and height from the header alone, before any pixel is decoded: a 30000 × 30000 PNG of
 * 100 KB never reaches the decoder.
 */
@Component
@Order(5)
public class Measure implements Step {

    private final MediaProperties properties;

    Measure(MediaProperties properties) {
        this.properties = properties;
    }

    @Override
    public Optional<Outcome> apply(PhotoWork work) {
        int width;
        int height;
        try (var input = ImageIO.createImageInputStream(new ByteArrayInputStream(work.bytes()))) {
            var readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                return Step.reject(RejectionReason.CORRUPT_IMAGE, "The file cannot be read as an image.");
            }
            var reader = readers.next();
            try {
                reader.setInput(input, true, true);
                width = reader.getWidth(0);
                height = reader.getHeight(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return Step.reject(RejectionReason.CORRUPT_IMAGE, "The image header cannot be read: " + e.getMessage());
        }
        if (width < 1 || height < 1) {
            return Step.reject(RejectionReason.CORRUPT_IMAGE, "The image claims no pixels (" + width + " × " + height + ").");
        }
        long pixels = (long) width * height;
        if (pixels > properties.maxPixels()) {
            return Step.reject(RejectionReason.TOO_MANY_PIXELS, String.format("The image has %d × %d = %.1f megapixels; the limit is %.1f.",
                    width, height, pixels / 1e6, properties.maxPixels() / 1e6));
        }
        work.measured(width, height);
        return Step.next();
    }
}
