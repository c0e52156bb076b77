package com.vehiclephotos.media.imaging;

import com.vehiclephotos.events.RejectionReason;
import com.vehiclephotos.media.step.ImageStructure;
import java.awt.Color;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;

/**
 * Decodes once — libjpeg-turbo's scaled decoding for JPEGs where it is installed, libheif for HEIC,
 * HEIF and AVIF, ImageIO with source subsampling otherwise — into opaque RGB, after two checks with the decoder's own reader:
 * it must see the dimensions the structure walk saw, and the decode must fit in this worker's heap
 * by honest accounting (the decoded pixels at their real depth, plus the sRGB copy). A truncated or
 * damaged file is CORRUPT_IMAGE; ImageIO only warns about those, so warnings count as failures.
 * An embedded colour profile that libheif reports is handed on, unapplied (see {@link Decoded}).
 */
final class Decoder {

    private static final long MIB = 1024 * 1024;
    static final Set<String> HEIF_TYPES = Set.of("image/heic", "image/heif", "image/avif");

    private final Optional<TurboJpeg> turbo;
    private final Optional<Libheif> libheif;
    private final long availableBytes;

    /** @param availableBytes heap this worker can give one photo (its maximum heap less what it holds idle) */
    Decoder(Optional<TurboJpeg> turbo, Optional<Libheif> libheif, long availableBytes) {
        this.turbo = turbo;
        this.libheif = libheif;
        this.availableBytes = availableBytes;
    }

    Decoded decode(byte[] bytes, String type, ImageStructure declared, RenderSpec spec) throws Refused {
        if (HEIF_TYPES.contains(type)) {
            return decodeHeif(bytes, type, declared, spec);
        }
        return decodeOther(bytes, type, declared, spec);
    }

    /**
     * libheif has no scaled decoding: the whole image, 4 bytes a pixel in the heap (its own RGB buffer
     * is native memory, outside the heap), then capped like the others.
     */
    private Decoded decodeHeif(byte[] bytes, String type, ImageStructure declared, RenderSpec spec) throws Refused {
        if (libheif.isEmpty()) {
            throw new Refused(
                    RejectionReason.UNSUPPORTED_TYPE,
                    "This installation cannot decode " + type + " (libheif is not installed).");
        }
        requireHeap(neededBytes(declared.pixels(), 4, spec.originalMaxEdge(), bytes.length), declared);
        var decoded = libheif.get().decode(bytes, Math.max(declared.width(), declared.height()));
        checkDimensions(decoded.image().getWidth(), decoded.image().getHeight(), declared, spec.maxPixels());
        return decoded;
    }

    /**
     * A JPEG's embedded profile is applied by ImageIO as it decodes (at full size); libjpeg-turbo
     * decodes the numbers as stored, so on that path the profile travels on, to be applied after capping.
     */
    private Decoded decodeOther(byte[] bytes, String type, ImageStructure declared, RenderSpec spec) throws Refused {
        boolean fast = turbo.isPresent() && "image/jpeg".equals(type);
        int subsampling = subsampling(Math.max(declared.width(), declared.height()), spec.originalMaxEdge());
        long pixels = (long) ceilDiv(declared.width(), subsampling) * ceilDiv(declared.height(), subsampling);
        int bytesPerPixel = Math.max(1, (declared.bitsPerPixel() + 7) / 8);
        if (fast) {
            var scaled = turbo.get().scaledSize(declared.width(), declared.height(), spec.originalMaxEdge());
            pixels = Math.max(pixels, (long) scaled[0] * scaled[1]);
            bytesPerPixel = Math.max(bytesPerPixel, 4);
        }
        requireHeap(neededBytes(pixels, bytesPerPixel, spec.originalMaxEdge(), bytes.length), declared);
        if (fast) {
            var decoded = turbo.get().decode(bytes, spec.originalMaxEdge(), declared.width(), declared.height());
            if (decoded.isPresent()) {
                return new Decoded(
                        toOpaqueSrgb(decoded.get()),
                        ColourProfiles.fromJpeg(bytes).flatMap(ColourProfiles::parse));
            }
        }
        return Decoded.srgb(toOpaqueSrgb(read(bytes, declared, subsampling, spec.maxPixels())));
    }

    private void requireHeap(long need, ImageStructure declared) throws Refused {
        if (need > availableBytes) {
            throw new Refused(
                    RejectionReason.TOO_MANY_PIXELS,
                    String.format(
                            "Decoding this %d × %d image needs about %d MiB; an image worker has %d MiB.",
                            declared.width(), declared.height(), need / MIB, availableBytes / MIB));
        }
    }

    /**
     * Peak heap of one photo: the decoded pixels at their stored depth and their opaque sRGB copy
     * side by side, the capped original with a rotated copy and Thumbnailator's working copy,
     * the upload itself and the encoders' buffers.
     */
    static long neededBytes(long decodedPixels, int bytesPerPixel, int originalMaxEdge, int uploadBytes) {
        long capped = (long) originalMaxEdge * originalMaxEdge * 4;
        return decodedPixels * (bytesPerPixel + 4) + 3 * capped + uploadBytes + 16 * MIB;
    }

    /** The largest whole factor that keeps the decoded image at least twice the biggest output. */
    static int subsampling(int longestEdge, int originalMaxEdge) {
        return Math.max(1, longestEdge / (2 * originalMaxEdge));
    }

    private static BufferedImage read(byte[] bytes, ImageStructure declared, int subsampling, long maxPixels)
            throws Refused {
        try (var input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            var readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new Refused(RejectionReason.CORRUPT_IMAGE, "No decoder can read it.");
            }
            ImageReader reader = readers.next();
            var warning = new AtomicReference<String>();
            reader.addIIOReadWarningListener(
                    (IIOReadWarningListener) (source, message) -> warning.compareAndSet(null, message));
            try {
                reader.setInput(input, true, true);
                checkDimensions(reader.getWidth(0), reader.getHeight(0), declared, maxPixels);
                var param = reader.getDefaultReadParam();
                if (subsampling > 1) {
                    param.setSourceSubsampling(subsampling, subsampling, 0, 0);
                }
                var image = reader.read(0, param);
                if (warning.get() != null) {
                    throw new Refused(
                            RejectionReason.CORRUPT_IMAGE, "The image is damaged or incomplete: " + warning.get());
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException | ArrayIndexOutOfBoundsException e) {
            throw new Refused(RejectionReason.CORRUPT_IMAGE, "The image is damaged or incomplete: " + e.getMessage());
        }
    }

    /** A decoder that reads other dimensions than the structure walk did is not trusted with the pixels. */
    static void checkDimensions(int width, int height, ImageStructure declared, long maxPixels) throws Refused {
        if (width != declared.width() || height != declared.height()) {
            throw new Refused(
                    RejectionReason.CORRUPT_IMAGE,
                    String.format(
                            "The decoder reads %d × %d where the header says %d × %d.",
                            width, height, declared.width(), declared.height()));
        }
        if ((long) width * height > maxPixels) {
            throw new Refused(RejectionReason.TOO_MANY_PIXELS, "The image has more pixels than the limit.");
        }
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
}
