package com.vehiclephotos.media.imaging;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.Optional;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.vehiclephotos.media.pipeline.MediaProperties;
import com.vehiclephotos.media.pipeline.Outcome;
import com.vehiclephotos.media.pipeline.PhotoWork;
import com.vehiclephotos.media.pipeline.Step;

import net.coobird.thumbnailator.Thumbnails;

/**
 * The sanitized original (capped) and each variant, by Thumbnailator, each from the next larger
 * one (a cascade over the one decoded image), never upscaled, re-encoded as baseline JPEG with no
 * metadata at all: no EXIF, GPS, XMP, ICC or comments — only the JFIF header. libjpeg-turbo encodes
 * where it is installed, ImageIO otherwise.
 */
@Component
@Order(7)
public class Resize implements Step {

    private final MediaProperties properties;
    private final java.util.Optional<TurboJpeg> turbo;

    Resize(MediaProperties properties) {
        this.properties = properties;
        this.turbo = properties.turbojpeg() ? TurboJpeg.shared() : java.util.Optional.empty();
    }

    @Override
    public Optional<Outcome> apply(PhotoWork work) {
        var source = work.image();
        var current = fit(source, source, properties.originalMaxEdge());
        work.rendered(new PhotoWork.Rendition("original", current.getWidth(), current.getHeight(), jpeg(current)));
        for (int edge : properties.variants().stream().sorted(Comparator.reverseOrder()).toList()) {
            current = fit(current, source, edge);
            work.rendered(new PhotoWork.Rendition(Integer.toString(edge), current.getWidth(), current.getHeight(), jpeg(current)));
        }
        return Step.next();
    }

    /**
     * {@code image} scaled so that the longest edge is at most {@code longestEdge}; the size is
     * computed from the {@code source}'s proportions, so the cascade does not drift by rounding.
     */
    static BufferedImage fit(BufferedImage image, BufferedImage source, int longestEdge) {
        int longest = Math.max(source.getWidth(), source.getHeight());
        if (longest <= longestEdge) {
            return image;
        }
        int width = Math.max(1, (int) Math.round((double) source.getWidth() * longestEdge / longest));
        int height = Math.max(1, (int) Math.round((double) source.getHeight() * longestEdge / longest));
        if (width == image.getWidth() && height == image.getHeight()) {
            return image;
        }
        try {
            return Thumbnails.of(image).forceSize(width, height).asBufferedImage();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] jpeg(BufferedImage image) {
        return turbo.flatMap(t -> t.encode(image, Math.round(properties.jpegQuality() * 100))).orElseGet(() -> imageIoJpeg(image));
    }

    private byte[] imageIoJpeg(BufferedImage image) {
        var writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        var out = new ByteArrayOutputStream(image.getWidth() * image.getHeight() / 4);
        try (var output = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(output);
            var param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(properties.jpegQuality());
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
