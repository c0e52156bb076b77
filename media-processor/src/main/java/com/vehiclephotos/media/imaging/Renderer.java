package com.vehiclephotos.media.imaging;

import com.vehiclephotos.media.step.ImageStructure;
import com.vehiclephotos.media.step.PhotoWork.Insight;
import com.vehiclephotos.media.step.PhotoWork.Rendition;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.Orientation;

/**
 * The image work on one photo, as a worker process does it: decode once, cap to the original's
 * size, convert an embedded colour profile to sRGB, turn upright (the EXIF orientation that the structure walk read), then the variants, each
 * from the next larger one (a cascade), never upscaled, re-encoded as baseline JPEG with nothing
 * but a JFIF header — no EXIF, GPS, XMP, ICC or comments. Capping before rotating keeps the
 * rotated copy small. libjpeg-turbo encodes where it is installed, ImageIO otherwise. From the
 * smallest, at most 100 px, its insight: a ThumbHash placeholder and the dominant colour; from the
 * smallest variant its perceptual hash; from the one nearest 1600 px its quality measures.
 */
public final class Renderer {

    /**
     * What came out, and where the time went: {@code resizeNanos} is everything after decoding,
     * {@code insightNanos} the part of it that made the insight (placeholder, colour, hash, quality).
     */
    public record Rendered(
            List<Rendition> renditions,
            Insight insight,
            QualityMeasures measures,
            long decodeNanos,
            long resizeNanos,
            long insightNanos) {}

    private final Decoder decoder;
    private final Optional<TurboJpeg> turbo;
    private final Optional<Libheif> libheif;

    /** @param availableBytes heap one photo may take in this process */
    public Renderer(boolean turbojpeg, long availableBytes) {
        this.turbo = turbojpeg ? TurboJpeg.shared() : Optional.empty();
        this.libheif = Libheif.shared();
        this.decoder = new Decoder(turbo, libheif, availableBytes);
    }

    /** The native decoders this process has, for its start-up line. */
    public String nativeDecoders() {
        return "libjpeg-turbo " + (turbo.isPresent() ? "yes" : "no") + ", libheif "
                + libheif.map(Libheif::version).orElse("no");
    }

    public Rendered render(byte[] bytes, String type, ImageStructure declared, RenderSpec spec) throws Refused {
        long start = System.nanoTime();
        var decoded = decoder.decode(bytes, type, declared, spec);
        long decodedAt = System.nanoTime();
        boolean swaps = declared.orientation() >= 5;
        int uprightWidth = swaps ? declared.height() : declared.width();
        int uprightHeight = swaps ? declared.width() : declared.height();
        var capped = fit(decoded.image(), declared.width(), declared.height(), spec.originalMaxEdge());
        var profile = decoded.profile();
        decoded = null; // the full-size pixels may go before the copies below are made
        if (profile.isPresent()) {
            capped = ColourProfiles.toSrgb(capped, profile.get());
        }
        var current = upright(capped, declared.orientation());
        var forQuality = current; // the smallest output still at least the quality measures' working size
        var renditions = new ArrayList<Rendition>();
        renditions.add(
                new Rendition("original", current.getWidth(), current.getHeight(), jpeg(current, spec.quality())));
        for (int edge :
                spec.variants().stream().sorted(Comparator.reverseOrder()).toList()) {
            current = fit(current, uprightWidth, uprightHeight, edge);
            if (Math.max(current.getWidth(), current.getHeight()) >= QualityMeasures.WORKING_EDGE) {
                forQuality = current;
            }
            renditions.add(new Rendition(
                    Integer.toString(edge), current.getWidth(), current.getHeight(), jpeg(current, spec.quality())));
        }
        long insightStart = System.nanoTime();
        var glance = fit(current, uprightWidth, uprightHeight, ThumbHash.MAX_EDGE);
        var measures = QualityMeasures.of(fit(forQuality, uprightWidth, uprightHeight, QualityMeasures.WORKING_EDGE));
        var insight = new Insight(
                ThumbHash.encode(glance), DominantColour.of(glance), PerceptualHash.of(current), measures.flags());
        long end = System.nanoTime();
        return new Rendered(renditions, insight, measures, decodedAt - start, end - decodedAt, end - insightStart);
    }

    /**
     * {@code image} scaled so that the longest edge is at most {@code longestEdge}; the size comes
     * from the full image's proportions, so the cascade does not drift by rounding.
     */
    static BufferedImage fit(BufferedImage image, int fullWidth, int fullHeight, int longestEdge) {
        int longest = Math.max(fullWidth, fullHeight);
        int width = longest <= longestEdge
                ? fullWidth
                : Math.max(1, (int) Math.round((double) fullWidth * longestEdge / longest));
        int height = longest <= longestEdge
                ? fullHeight
                : Math.max(1, (int) Math.round((double) fullHeight * longestEdge / longest));
        if (width == image.getWidth() && height == image.getHeight()) {
            return image;
        }
        try {
            return Thumbnails.of(image).forceSize(width, height).asBufferedImage();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedImage upright(BufferedImage image, int orientation) {
        var type = Orientation.typeOf(orientation);
        if (type == null || type == Orientation.TOP_LEFT) {
            return image;
        }
        return Decoder.toOpaqueSrgb(
                ExifFilterUtils.getFilterForOrientation(type).apply(image));
    }

    private byte[] jpeg(BufferedImage image, int quality) {
        return turbo.flatMap(t -> t.encode(image, quality)).orElseGet(() -> imageIoJpeg(image, quality));
    }

    private static byte[] imageIoJpeg(BufferedImage image, int quality) {
        var writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        var out = new ByteArrayOutputStream(image.getWidth() * image.getHeight() / 4);
        try (var output = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(output);
            var param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
