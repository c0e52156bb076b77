package com.vehiclephotos.media.imaging;

import java.awt.Color;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.vehiclephotos.events.RejectionReason;
import com.vehiclephotos.media.pipeline.MediaProperties;
import com.vehiclephotos.media.pipeline.Outcome;
import com.vehiclephotos.media.pipeline.PhotoWork;
import com.vehiclephotos.media.pipeline.RetryLater;
import com.vehiclephotos.media.pipeline.Step;

import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.Orientation;

/**
 * Decodes once — subsampled at the source when the image is far larger than the biggest output —
 * within the memory budget, then turns it upright (EXIF orientation) and into opaque sRGB. A
 * truncated or damaged file is CORRUPT_IMAGE; the JPEG reader only warns about those, so warnings
 * count as failures.
 */
@Component
@Order(6)
public class Decode implements Step {

    private final MediaProperties properties;
    private final MemoryBudget memory;
    private final Optional<TurboJpeg> turbo;

    Decode(MediaProperties properties, MemoryBudget memory) {
        this.properties = properties;
        this.memory = memory;
        this.turbo = properties.turbojpeg() ? TurboJpeg.shared() : Optional.empty();
    }

    @Override
    public Optional<Outcome> apply(PhotoWork work) {
        int subsampling = subsampling(Math.max(work.width(), work.height()), properties.originalMaxEdge());
        long decodedPixels = (long) ceilDiv(work.width(), subsampling) * ceilDiv(work.height(), subsampling);
        if (turbo.isPresent() && "image/jpeg".equals(work.detectedType())) {
            decodedPixels = Math.max(decodedPixels, scaledPixels(work));
        }
        Runnable release;
        try {
            release = memory.acquire(MemoryBudget.needMib(decodedPixels, properties.originalMaxEdge()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryLater("Interrupted while waiting for memory to decode", e);
        }
        try {
            var decoded = turbo.isPresent() && "image/jpeg".equals(work.detectedType())
                    ? turbo.get().decode(work.bytes(), properties.originalMaxEdge()).orElseGet(() -> read(work.bytes(), subsampling))
                    : read(work.bytes(), subsampling);
            var upright = ExifFilterUtils.getFilterForOrientation(orientation(work.bytes())).apply(decoded);
            work.decoded(toOpaqueSrgb(upright), release);
            return Step.next();
        } catch (DamagedImage e) {
            release.run();
            return Step.reject(RejectionReason.CORRUPT_IMAGE, "The image is damaged or incomplete: " + e.getMessage());
        } catch (RuntimeException | Error e) {
            release.run();
            throw e;
        }
    }

    private long scaledPixels(PhotoWork work) {
        try {
            var size = turbo.get().scaledSize(work.width(), work.height(), properties.originalMaxEdge());
            return (long) size[0] * size[1];
        } catch (ReflectiveOperationException e) {
            return (long) work.width() * work.height();
        }
    }

    /** The largest whole factor that keeps the decoded image at least twice the biggest output. */
    static int subsampling(int longestEdge, int originalMaxEdge) {
        return Math.max(1, longestEdge / (2 * originalMaxEdge));
    }

    private static BufferedImage read(byte[] bytes, int subsampling) {
        try (var input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            var readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new DamagedImage("no reader for it");
            }
            ImageReader reader = readers.next();
            var warning = new AtomicReference<String>();
            reader.addIIOReadWarningListener((IIOReadWarningListener) (source, message) -> warning.compareAndSet(null, message));
            try {
                reader.setInput(input, true, true);
                var param = reader.getDefaultReadParam();
                if (subsampling > 1) {
                    param.setSourceSubsampling(subsampling, subsampling, 0, 0);
                }
                var image = reader.read(0, param);
                if (warning.get() != null) {
                    throw new DamagedImage(warning.get());
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException | ArrayIndexOutOfBoundsException e) {
            throw new DamagedImage(String.valueOf(e.getMessage()));
        }
    }

    /** EXIF orientation 1..8; 1 (as stored) when there is none or it cannot be read. */
    static Orientation orientation(byte[] bytes) {
        try {
            var exif = ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes)).getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (exif != null && exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                var orientation = Orientation.typeOf(exif.getInt(ExifIFD0Directory.TAG_ORIENTATION));
                return orientation == null ? Orientation.TOP_LEFT : orientation;
            }
        } catch (Exception e) {
            // unreadable metadata is no reason to refuse a decodable photo: keep it as stored
        }
        return Orientation.TOP_LEFT;
    }

    /** 8-bit RGB without alpha, in sRGB: transparency over white, other colour spaces converted. */
    static BufferedImage toOpaqueSrgb(BufferedImage image) {
        var space = image.getColorModel().getColorSpace();
        if (image.getType() == BufferedImage.TYPE_INT_RGB && space.isCS_sRGB()) {
            return image;
        }
        var target = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        if (space.isCS_sRGB() || space.getType() == ColorSpace.TYPE_GRAY) {
            var g = target.createGraphics();
            try {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, image.getWidth(), image.getHeight());
                g.drawImage(image, 0, 0, null);
            } finally {
                g.dispose();
            }
            return target;
        }
        return new ColorConvertOp(null).filter(image, target);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    static final class DamagedImage extends RuntimeException {
        DamagedImage(String message) {
            super(message, null, false, false);
        }
    }
}
