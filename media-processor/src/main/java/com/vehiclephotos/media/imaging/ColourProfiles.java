package com.vehiclephotos.media.imaging;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.DataBuffer;
import java.awt.image.DirectColorModel;
import java.util.Arrays;
import java.util.Optional;

/**
 * Embedded ICC profiles: phone photos are mostly Display P3, and their numbers read as sRGB look
 * dull or shifted. Outputs carry no profile, so the pixels are converted to sRGB (the JDK's
 * LittleCMS), once, on the capped image.
 */
final class ColourProfiles {

    private static final byte[] ICC_MARKER = "ICC_PROFILE\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] SRGB =
            ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

    private ColourProfiles() {}

    /** The profile, if the bytes are a usable RGB ICC profile; anything else is treated as sRGB. */
    static Optional<ICC_Profile> parse(byte[] bytes) {
        try {
            var profile = ICC_Profile.getInstance(bytes);
            if (profile.getColorSpaceType() != ColorSpace.TYPE_RGB || isSrgb(bytes)) {
                return Optional.empty();
            }
            new ICC_ColorSpace(profile); // LittleCMS must accept it, or it is not one
            return Optional.of(profile);
        } catch (IllegalArgumentException | java.awt.color.CMMException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code image} (opaque RGB, its numbers in {@code profile}'s space) converted to sRGB. The
     * source is the same pixels seen through the profile's colour model: no copy before the
     * conversion.
     */
    static BufferedImage toSrgb(BufferedImage image, ICC_Profile profile) {
        var rgb = Decoder.toOpaqueSrgb(image);
        var model = new DirectColorModel(
                new ICC_ColorSpace(profile), 24, 0xFF0000, 0xFF00, 0xFF, 0, false, DataBuffer.TYPE_INT);
        var source = new BufferedImage(model, rgb.getRaster(), false, null);
        var target = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_INT_RGB);
        return new ColorConvertOp(null).filter(source, target);
    }

    /**
     * The ICC profile a JPEG carries in its APP2 segments ({@code ICC_PROFILE}, possibly split in
     * numbered chunks), read by walking the segments up to the first scan; empty when there is none
     * or its chunks do not add up.
     */
    static Optional<byte[]> fromJpeg(byte[] jpeg) {
        var chunks = new byte[256][];
        int count = 0;
        int pos = 2;
        while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xFF) == 0xFF) {
            int marker = jpeg[pos + 1] & 0xFF;
            if (marker == 0xFF) {
                pos++; // fill byte
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                break; // the first scan: no more metadata segments
            }
            int length = (jpeg[pos + 2] & 0xFF) << 8 | (jpeg[pos + 3] & 0xFF);
            int start = pos + 4;
            int end = pos + 2 + length;
            if (length < 2 || end > jpeg.length) {
                return Optional.empty();
            }
            if (marker == 0xE2
                    && end - start > ICC_MARKER.length + 2
                    && Arrays.equals(jpeg, start, start + ICC_MARKER.length, ICC_MARKER, 0, ICC_MARKER.length)) {
                int sequence = jpeg[start + ICC_MARKER.length] & 0xFF;
                count = jpeg[start + ICC_MARKER.length + 1] & 0xFF;
                chunks[sequence] = Arrays.copyOfRange(jpeg, start + ICC_MARKER.length + 2, end);
            }
            pos = end;
        }
        if (count == 0) {
            return Optional.empty();
        }
        var out = new java.io.ByteArrayOutputStream();
        for (int i = 1; i <= count; i++) {
            if (chunks[i] == null) {
                return Optional.empty();
            }
            out.writeBytes(chunks[i]);
        }
        return Optional.of(out.toByteArray());
    }

    /** The JDK's own sRGB profile, byte for byte after the header, needs no conversion. */
    private static boolean isSrgb(byte[] bytes) {
        return bytes.length == SRGB.length && Arrays.equals(bytes, 128, bytes.length, SRGB, 128, SRGB.length);
    }
}
