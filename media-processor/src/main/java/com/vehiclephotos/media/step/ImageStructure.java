package com.vehiclephotos.media.step;

import com.vehiclephotos.events.CaptureDetails;
import java.util.Objects;

/**
 * What the container says about an image, read without decoding a pixel.
 *
 * @param width        pixels across, as the header declares
 * @param height       pixels down
 * @param bitsPerPixel bits of one decoded pixel as stored (channels × bit depth): 24 for an RGB JPEG,
 *                     64 for a 16-bit RGBA PNG — what the decoder will need before conversion
 * @param orientation  EXIF orientation 1..8 (1 when there is none or it cannot be read)
 * @param capture      when and with what it was taken, from its EXIF (never where); empty when unsaid
 */
public record ImageStructure(int width, int height, int bitsPerPixel, int orientation, CaptureDetails capture) {

    public ImageStructure {
        Objects.requireNonNull(capture, "capture");
    }

    /** An image whose metadata says nothing about its capture. */
    public ImageStructure(int width, int height, int bitsPerPixel, int orientation) {
        this(width, height, bitsPerPixel, orientation, new CaptureDetails(null, null, null));
    }

    public long pixels() {
        return (long) width * height;
    }
}
